import { z } from 'zod';
import path from 'node:path';

/**
 * The one place that reads the environment. Every variable is documented here and in the README;
 * the process refuses to start when a value is invalid, or when production lacks a secret.
 */
const schema = z
  .object({
    // development | production | test: production requires real secrets and refuses clock moves.
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    // TCP port the HTTP server listens on.
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    // Interface to listen on; 0.0.0.0 to serve other machines.
    HOST: z.string().default('127.0.0.1'),
    // Public address of the platform, used in e-mail links and cookie security.
    BASE_URL: z.url().default('http://localhost:3000'),
    // Folder of the embedded PGlite database and of the mail outbox.
    DATA_DIR: z.string().default('./data'),
    // postgres://… switches from embedded PGlite to a PostgreSQL server.
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'doit commencer par postgres:// ou postgresql://')
      .optional(),
    // smtp://user:pass@host:port — when absent, messages are written as .eml files in DATA_DIR/outbox.
    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'doit commencer par smtp:// ou smtps://').optional(),
    // Sender of every e-mail.
    MAIL_FROM: z.string().default('Entraide <ne-pas-repondre@entraide.localhost>'),
    // Secret that signs CSRF tokens and one-click unsubscribe links (32 characters at least in production).
    SESSION_SECRET: z.string().optional(),
    // Log level of pino: fatal, error, warn, info, debug, trace or silent.
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // Seed the demo community on an empty database (true by default outside production).
    SEED_DEMO: z.enum(['true', 'false']).optional(),
    // Password of every demo account; random (and printed once) when absent.
    DEMO_PASSWORD: z.string().min(12, '12 caractères au moins').optional(),
    // Run background jobs in this process (false for API-only processes when scaling out).
    JOBS_ENABLED: z.enum(['true', 'false']).default('true'),
    // Largest file accepted in the resource library, in megabytes (PDF, DOCX, XLSX, ODT).
    LIBRARY_MAX_FILE_MB: z.coerce.number().int().min(1).max(1024).default(20),
    // Largest DECP file a facilitator may upload in the web app, in megabytes (the command line takes any size).
    DECP_UPLOAD_MAX_MB: z.coerce.number().int('nombre entier de mégaoctets').min(1).max(100_000).default(500),
    // Whether tests may move the platform clock; never honoured in production.
    ALLOW_CLOCK_CONTROL: z.enum(['true', 'false']).default('false'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production') {
      if (!env.SESSION_SECRET || env.SESSION_SECRET.length < 32) {
        ctx.addIssue({
          code: 'custom',
          path: ['SESSION_SECRET'],
          message: 'obligatoire en production, 32 caractères au moins',
        });
      }
    }
  });

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  baseUrl: string;
  dataDir: string;
  databaseUrl?: string;
  smtpUrl?: string;
  mailFrom: string;
  sessionSecret: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  seedDemo: boolean;
  demoPassword?: string;
  jobsEnabled: boolean;
  allowClockControl: boolean;
  libraryMaxFileBytes: number;
  secureCookies: boolean;
  decpUploadMaxBytes: number;
};

export class ConfigError extends Error {}

/** Parses the environment once; throws a ConfigError whose message lists every bad variable in French. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset (e.g. `DATABASE_URL= npm start`).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')} : ${i.message}`);
    throw new ConfigError(`Configuration invalide, le serveur ne démarre pas :\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    baseUrl: e.BASE_URL.replace(/\/$/, ''),
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    sessionSecret: e.SESSION_SECRET ?? 'dev-only-secret-not-for-production-000000',
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === 'true' : e.NODE_ENV !== 'production',
    demoPassword: e.DEMO_PASSWORD,
    jobsEnabled: e.JOBS_ENABLED === 'true',
    allowClockControl: e.NODE_ENV !== 'production' && e.ALLOW_CLOCK_CONTROL === 'true',
    libraryMaxFileBytes: e.LIBRARY_MAX_FILE_MB * 1024 * 1024,
    secureCookies: e.BASE_URL.startsWith('https://'),
    decpUploadMaxBytes: e.DECP_UPLOAD_MAX_MB * 1024 * 1024,
  };
}

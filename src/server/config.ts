import { z } from 'zod';
import path from 'node:path';

/**
 * TRUST_PROXY: unset, `false` or `off` trusts nobody (the client address is the TCP peer's); otherwise
 * the addresses or CIDR ranges of the reverse proxies in front of the platform, separated by commas.
 * Only a request arriving from one of them has its X-Forwarded-For believed, so nobody else can
 * choose the address that login throttling counts (docs/security.md).
 */
const proxyEntry = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);
const TRUST_PROXY_HELP = 'une liste d’adresses IP ou de plages CIDR séparées par des virgules (exemple : 127.0.0.1,10.0.0.0/8), ou false';
const trustProxyField = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(
    z.union([
      z.tuple([z.enum(['false', 'off'])]).transform(() => false as const),
      z.array(proxyEntry).min(1),
    ], { error: TRUST_PROXY_HELP }),
  );

/** METRICS_ALLOW_FROM: the same addresses or CIDR ranges as TRUST_PROXY, comma-separated. */
const METRICS_ALLOW_HELP = 'une liste d’adresses IP ou de plages CIDR séparées par des virgules (exemple : 127.0.0.1,10.0.0.0/8)';
const metricsAllowField = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], { error: METRICS_ALLOW_HELP })).min(1, { error: METRICS_ALLOW_HELP }));

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
    // Public address of the platform (e-mail links, calendars, cookie security); unset: http://localhost:<port listened on>.
    BASE_URL: z.url().optional(),
    // Folder of the embedded PGlite database and of the mail outbox.
    DATA_DIR: z.string().default('./data'),
    // postgres://… switches from embedded PGlite to a PostgreSQL server.
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'doit commencer par postgres:// ou postgresql://')
      .optional(),
    // PostgreSQL only: longest wait, in milliseconds, for a connection (a new one, or a free one of the
    // pool). Past it the request fails with a 503 in French instead of hanging while the database is
    // unreachable (docs/reliability.md « Pannes »).
    DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int('nombre entier de millisecondes').min(100).max(600_000).default(3000),
    // smtp://user:pass@host:port — when absent, messages are written as .eml files in DATA_DIR/outbox.
    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'doit commencer par smtp:// ou smtps://').optional(),
    // Sender of every e-mail.
    MAIL_FROM: z.string().default('Entraide <ne-pas-repondre@entraide.localhost>'),
    // Secret that signs CSRF tokens, unsubscribe links and feed addresses: required in production (32
    // characters at least); elsewhere, when absent, a random one is generated once and kept in the database.
    SESSION_SECRET: z.string().optional(),
    // Log level of pino: fatal, error, warn, info, debug, trace or silent (default: info in production, warn otherwise).
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
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
    // Quotas per account (platform/quotas.ts, docs/security.md « Quotas »): files sent per hour, on every upload route.
    UPLOADS_PER_HOUR: z.coerce.number().int('nombre entier').min(1).max(100_000).default(24),
    // Megabytes an account may send per day on the upload routes (DECP imports by the staff excepted).
    UPLOAD_MB_PER_DAY: z.coerce.number().int('nombre entier de mégaoctets').min(1).max(1_000_000).default(100),
    // Live streams (server-sent events) open at once per login session, and per account (all sessions).
    STREAMS_PER_SESSION: z.coerce.number().int('nombre entier').min(1).max(1000).default(4),
    STREAMS_PER_ACCOUNT: z.coerce.number().int('nombre entier').min(1).max(1000).default(8),
    // Password-reset e-mails per hour to one address, and reset requests per hour from one client address (ProConnect link e-mails: same limits, own counters).
    RESET_EMAILS_PER_HOUR: z.coerce.number().int('nombre entier').min(1).max(1000).default(3),
    RESET_REQUESTS_PER_IP_PER_HOUR: z.coerce.number().int('nombre entier').min(1).max(100_000).default(10),
    // Messages of the contact form per hour, per account (or per client address without an account).
    CONTACT_MESSAGES_PER_HOUR: z.coerce.number().int('nombre entier').min(1).max(10_000).default(5),
    // Whether tests may move the platform clock; never honoured in production.
    ALLOW_CLOCK_CONTROL: z.enum(['true', 'false']).default('false'),
    // Where uploaded files live (platform/files.ts, ADR 0034): folder (DATA_DIR/files, one process) or s3 (an S3-compatible bucket, shared by every process).
    FILE_STORE: z.enum(['folder', 's3'], { error: 'folder ou s3' }).default('folder'),
    // The S3-compatible service (FILE_STORE=s3): its address (unset: Amazon S3 itself), region, bucket and access keys (unset: the SDK's usual sources).
    S3_ENDPOINT: z.url({ error: 'une adresse http:// ou https://' }).optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'un nom de compartiment S3 : 3 à 63 caractères, minuscules, chiffres, points et tirets')
      .optional(),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    // Addresses of the form <endpoint>/<bucket>/<key> instead of <bucket>.<endpoint>/<key> (MinIO, Garage, s3rver: true).
    S3_FORCE_PATH_STYLE: z.enum(['true', 'false'], { error: 'true ou false' }).default('false'),
    // Reverse proxies whose X-Forwarded-For is believed: off (unset) or a comma-separated list of addresses/CIDRs.
    TRUST_PROXY: trustProxyField.optional(),
    // GET /metrics (docs/deployment.md « Supervision »): a bearer token of 32 characters at least, and/or
    // the scrapers' addresses or CIDR ranges (read as TRUST_PROXY leaves them); neither: /metrics answers 404.
    METRICS_TOKEN: z.string().min(32, '32 caractères au moins').optional(),
    METRICS_ALLOW_FROM: metricsAllowField.optional(),
    // ProConnect (docs/modules/accounts.md « ProConnect »): the issuer whose discovery document is read; unset hides the button.
    PROCONNECT_ISSUER: z.url().optional(),
    // Client id and secret given by ProConnect to the platform (required with PROCONNECT_ISSUER).
    PROCONNECT_CLIENT_ID: z.string().optional(),
    PROCONNECT_CLIENT_SECRET: z.string().optional(),
    // Redirect and post-logout addresses declared to ProConnect; default BASE_URL + /api/auth/proconnect/callback and BASE_URL + /connexion.
    PROCONNECT_REDIRECT_URI: z.url().optional(),
    PROCONNECT_POST_LOGOUT_REDIRECT_URI: z.url().optional(),
    // ProConnect refuses authorisation parameters it does not list: PKCE and acr_values are sent only when switched on.
    PROCONNECT_PKCE: z.enum(['true', 'false']).default('false'),
    PROCONNECT_ACR_VALUES: z.string().optional(),
    // Scopes requested (the claims of the identity).
    PROCONNECT_SCOPES: z.string().default('openid email given_name usual_name siret uid idp_id'),
    // Identity providers (idp_id) and acr values trusted for immediate membership (docs/decisions/0030-proconnect-trust.md).
    PROCONNECT_TRUSTED_IDP_IDS: z.string().optional(),
    PROCONNECT_TRUSTED_ACR: z.string().optional(),
    // Plain-HTTP issuer (a local test provider); refused in production.
    PROCONNECT_ALLOW_HTTP: z.enum(['true', 'false']).default('false'),
    // Algorithm of the ID token and userinfo signatures (ProConnect: RS256 today); a token signed otherwise is refused.
    PROCONNECT_SIGNING_ALG: z.enum(['RS256', 'ES256', 'PS256'], { error: 'RS256, ES256 ou PS256' }).default('RS256'),
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
      if (env.PROCONNECT_ALLOW_HTTP === 'true')
        ctx.addIssue({ code: 'custom', path: ['PROCONNECT_ALLOW_HTTP'], message: 'interdit en production : ProConnect se joint en HTTPS' });
    }
    if (env.FILE_STORE === 's3' && !env.S3_BUCKET) ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'obligatoire quand FILE_STORE=s3' });
    if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
      const missing = env.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'S3_ACCESS_KEY_ID et S3_SECRET_ACCESS_KEY vont ensemble : définissez les deux, ou aucun' });
    }
    if (env.PROCONNECT_ISSUER) {
      for (const k of ['PROCONNECT_CLIENT_ID', 'PROCONNECT_CLIENT_SECRET'] as const)
        if (!env[k]) ctx.addIssue({ code: 'custom', path: [k], message: 'obligatoire quand PROCONNECT_ISSUER est défini' });
      if (env.PROCONNECT_ISSUER.startsWith('http://') && env.PROCONNECT_ALLOW_HTTP !== 'true')
        ctx.addIssue({ code: 'custom', path: ['PROCONNECT_ISSUER'], message: 'doit commencer par https:// (http:// seulement avec PROCONNECT_ALLOW_HTTP=true, hors production)' });
    }
  });

const list = (s: string | undefined) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);

/** The folder store (DATA_DIR/files) or an S3-compatible bucket shared by every process. */
export type FileStoreConfig =
  | { kind: 'folder' }
  | { kind: 's3'; endpoint?: string; region: string; bucket: string; accessKeyId?: string; secretAccessKey?: string; forcePathStyle: boolean };

/** ProConnect sign-in (null when not configured: the button is hidden, everything else works). */
export type ProConnectConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Getters when derived from BASE_URL (which may follow the listening port). */
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;
  pkce: boolean;
  acrValues: string | null;
  scopes: string;
  trustedIdpIds: string[];
  trustedAcr: string[];
  allowHttp: boolean;
  /** The one algorithm accepted for the ID token and userinfo signatures. */
  signingAlg: 'RS256' | 'ES256' | 'PS256';
};

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /**
   * Public address, without a trailing slash: BASE_URL, or else derived from the port the server
   * actually listens on (see `listeningOn`). A getter: read it when building a link, never copy it.
   */
  readonly baseUrl: string;
  /** Whether BASE_URL was given; when not, `baseUrl` follows the listening port. */
  baseUrlGiven: boolean;
  /** Records the port the server listens on (after listen: PORT=0 picks one); links use it from then on. */
  listeningOn: (port: number) => void;
  dataDir: string;
  databaseUrl?: string;
  /** PostgreSQL: the longest wait for a connection before a request fails (503). */
  databaseConnectTimeoutMs: number;
  smtpUrl?: string;
  mailFrom: string;
  sessionSecret: string;
  logLevel: NonNullable<z.infer<typeof schema>['LOG_LEVEL']>;
  seedDemo: boolean;
  demoPassword?: string;
  jobsEnabled: boolean;
  allowClockControl: boolean;
  libraryMaxFileBytes: number;
  secureCookies: boolean;
  decpUploadMaxBytes: number;
  quotas: {
    uploadsPerHour: number;
    uploadBytesPerDay: number;
    streamsPerSession: number;
    streamsPerAccount: number;
    resetEmailsPerHour: number;
    resetRequestsPerIpPerHour: number;
    contactMessagesPerHour: number;
  };
  /** Reverse proxies trusted for X-Forwarded-For (Fastify's trustProxy), or false. */
  trustProxy: string[] | false;
  /** Where uploaded files live (platform/files.ts). */
  fileStore: FileStoreConfig;
  proconnect: ProConnectConfig | null;
  /** Who may read GET /metrics (platform/metrics.ts); nobody when both are empty. */
  metrics: { token: string | null; allowFrom: string[] };
};

/**
 * The configuration read from the environment: `sessionSecret` is null when SESSION_SECRET is unset
 * (never in production); createDeps then resolves it from the database (platform/secret.ts).
 */
export type EnvConfig = Omit<Config, 'sessionSecret'> & { sessionSecret: string | null };

export class ConfigError extends Error {}

/** Parses the environment once; throws a ConfigError whose message lists every bad variable in French. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): EnvConfig {
  // An empty variable counts as unset (e.g. `DATABASE_URL= npm start`).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')} : ${i.message}`);
    throw new ConfigError(`Configuration invalide, le serveur ne démarre pas :\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const givenBaseUrl = e.BASE_URL?.replace(/\/$/, '');
  let listenedPort = e.PORT;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    get baseUrl() {
      return givenBaseUrl ?? `http://${publicHost(e.HOST)}:${listenedPort}`;
    },
    baseUrlGiven: givenBaseUrl !== undefined,
    listeningOn: (port: number) => {
      listenedPort = port;
    },
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseConnectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    sessionSecret: e.SESSION_SECRET ?? null,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'production' ? 'info' : 'warn'),
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === 'true' : e.NODE_ENV !== 'production',
    demoPassword: e.DEMO_PASSWORD,
    jobsEnabled: e.JOBS_ENABLED === 'true',
    allowClockControl: e.NODE_ENV !== 'production' && e.ALLOW_CLOCK_CONTROL === 'true',
    libraryMaxFileBytes: e.LIBRARY_MAX_FILE_MB * 1024 * 1024,
    secureCookies: givenBaseUrl?.startsWith('https://') ?? false,
    decpUploadMaxBytes: e.DECP_UPLOAD_MAX_MB * 1024 * 1024,
    quotas: {
      uploadsPerHour: e.UPLOADS_PER_HOUR,
      uploadBytesPerDay: e.UPLOAD_MB_PER_DAY * 1024 * 1024,
      streamsPerSession: e.STREAMS_PER_SESSION,
      streamsPerAccount: e.STREAMS_PER_ACCOUNT,
      resetEmailsPerHour: e.RESET_EMAILS_PER_HOUR,
      resetRequestsPerIpPerHour: e.RESET_REQUESTS_PER_IP_PER_HOUR,
      contactMessagesPerHour: e.CONTACT_MESSAGES_PER_HOUR,
    },
    trustProxy: e.TRUST_PROXY || false,
    metrics: { token: e.METRICS_TOKEN ?? null, allowFrom: e.METRICS_ALLOW_FROM ?? [] },
    fileStore:
      e.FILE_STORE === 's3'
        ? {
            kind: 's3',
            endpoint: e.S3_ENDPOINT,
            region: e.S3_REGION,
            bucket: e.S3_BUCKET!,
            accessKeyId: e.S3_ACCESS_KEY_ID,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY,
            forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
          }
        : { kind: 'folder' },
    proconnect: e.PROCONNECT_ISSUER
      ? {
          issuer: e.PROCONNECT_ISSUER,
          clientId: e.PROCONNECT_CLIENT_ID!,
          clientSecret: e.PROCONNECT_CLIENT_SECRET!,
          get redirectUri() {
            return e.PROCONNECT_REDIRECT_URI ?? `${givenBaseUrl ?? `http://${publicHost(e.HOST)}:${listenedPort}`}/api/auth/proconnect/callback`;
          },
          get postLogoutRedirectUri() {
            return e.PROCONNECT_POST_LOGOUT_REDIRECT_URI ?? `${givenBaseUrl ?? `http://${publicHost(e.HOST)}:${listenedPort}`}/connexion`;
          },
          pkce: e.PROCONNECT_PKCE === 'true',
          acrValues: e.PROCONNECT_ACR_VALUES ?? null,
          scopes: e.PROCONNECT_SCOPES,
          trustedIdpIds: list(e.PROCONNECT_TRUSTED_IDP_IDS),
          trustedAcr: list(e.PROCONNECT_TRUSTED_ACR),
          allowHttp: e.PROCONNECT_ALLOW_HTTP === 'true',
          signingAlg: e.PROCONNECT_SIGNING_ALG,
        }
      : null,
  };
}

/** The host name to put in links when BASE_URL is unset: "any interface" and loopback read as localhost. */
function publicHost(host: string): string {
  if (['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost'].includes(host)) return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

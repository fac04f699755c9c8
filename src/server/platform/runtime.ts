import path from 'node:path';
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import type { Config, EnvConfig } from '../config.js';
import { recoverInterruptedUploads } from '../procurement/uploads/uploads.service.js';
import { recoverInterruptedImports } from '../procurement/import/import.service.js';
import { startInstance } from './instance.js';
import { releaseDeadStreams } from './quotas.js';
import { backfillSummaries } from '../procurement/indicators/summaries.js';
import { createClock } from './clock.js';
import type { Deps } from './context.js';
import { openDatabase, type Database } from './db.js';
import { JobQueue } from './jobs.js';
import { readableDestination } from './logformat.js';
import { createMailer } from './mail.js';
import { resolveSessionSecret } from './secret.js';

/**
 * The process logger, at LOG_LEVEL: JSON lines in production (for log collectors), readable one-line
 * records elsewhere (see logformat.ts). `out` replaces stdout (tests).
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'env'>, out?: { write(s: string): unknown }): FastifyBaseLogger {
  const options = {
    level: config.logLevel,
    base: undefined,
    redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
  };
  const destination = config.env === 'production' ? (out ?? pino.destination(1)) : readableDestination(out);
  return pino(options, destination) as unknown as FastifyBaseLogger;
}

/**
 * What processes that died (kill -9, crash) left behind: DECP imports marked interrupted with
 * their staging rows removed, live-stream places freed. Work of live processes is left alone.
 */
export async function recoverDeadProcesses(deps: Deps) {
  await recoverInterruptedImports(deps);
  await recoverInterruptedUploads(deps);
  await releaseDeadStreams(deps);
}

export type DepsOptions = {
  /**
   * false: no job handler is registered, so the modules that define them (most of the server) are
   * not loaded; for a command that enqueues no job (`decp import`, issue 14), where they would only
   * take memory. Such a process cannot enqueue or run jobs.
   */
  jobs?: boolean;
};

/** Wires the dependencies of a process from its configuration: database (migrated), clock, mail, jobs. */
export async function createDeps(envConfig: EnvConfig, log: FastifyBaseLogger, database?: Database, opts: DepsOptions = {}): Promise<Deps & { database: Database }> {
  const db = database ?? (await openDatabase(envConfig));
  await db.migrate();
  const config: Config = { ...envConfig, sessionSecret: await resolveSessionSecret(db.db, envConfig) };
  // Contracts imported before a DECP summary table existed: rebuild it once (ADR 0015).
  await backfillSummaries({ db: db.db, log });
  const clock = createClock({ controllable: config.allowClockControl });
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: path.join(config.dataDir, 'outbox'), log });
  const instance = await startInstance(db);
  // On PostgreSQL the queue takes back at once the jobs of processes that died (their lease is free);
  // PGlite has one process per folder, and main.ts releases the jobs left running by the previous one.
  const jobs = new JobQueue(db.db, clock, log, db.driver === 'postgres' ? instance : undefined);
  const deps: Deps = { config, db: db.db, clock, jobs, mailer, log, bus: await db.openBus(log), instance };
  if (opts.jobs !== false) (await import('./jobs.register.js')).registerJobs(deps);
  await recoverDeadProcesses(deps);
  return { ...deps, database: db };
}

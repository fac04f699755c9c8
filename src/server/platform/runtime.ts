import path from 'node:path';
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { registerAccountJobs } from '../accounts/accounts.service.js';
import { registerProConnectJobs } from '../accounts/proconnect.service.js';
import { registerCohortJobs } from '../cohorts/cohorts.routes.js';
import { registerCodevJobs } from '../codev/summary/summary.service.js';
import { registerContactJobs } from '../contact/contact.service.js';
import { registerActorJobs } from '../actors/actors.service.js';
import type { Config, EnvConfig } from '../config.js';
import { registerEventJobs } from '../events/events.routes.js';
import { registerHelpspaceJobs } from '../helpspace/helpspace.routes.js';
import { registerLibraryJobs } from '../library/library.routes.js';
import { registerNotificationJobs } from '../notifications/notifications.service.js';
import { registerSpaserJobs } from '../spaser/bilan.service.js';
import { registerOrganisationJobs } from '../organisations/organisations.service.js';
import { recoverInterruptedUploads, registerUploadJobs } from '../procurement/uploads/uploads.service.js';
import { recoverInterruptedImports } from '../procurement/import/import.service.js';
import { startInstance } from './instance.js';
import { releaseDeadStreams } from './quotas.js';
import { backfillSummaries } from '../procurement/indicators/summaries.js';
import { createClock } from './clock.js';
import type { Deps } from './context.js';
import { openDatabase, type Database } from './db.js';
import { JobQueue } from './jobs.js';
import { registerJobReports } from './jobs.admin.js';
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

/** Registers every module's job handlers on the queue (one place, used by the server, CLI and tests). */
export function registerJobs(deps: Deps) {
  registerAccountJobs(deps);
  registerProConnectJobs(deps);
  registerOrganisationJobs(deps);
  registerHelpspaceJobs(deps);
  registerNotificationJobs(deps);
  registerCodevJobs(deps);
  registerLibraryJobs(deps);
  registerEventJobs(deps);
  registerCohortJobs(deps);
  registerUploadJobs(deps);
  registerJobReports(deps);
  registerContactJobs(deps);
  registerSpaserJobs(deps);
  registerActorJobs(deps);
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

/** Wires the dependencies of a process from its configuration: database (migrated), clock, mail, jobs. */
export async function createDeps(envConfig: EnvConfig, log: FastifyBaseLogger, database?: Database): Promise<Deps & { database: Database }> {
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
  registerJobs(deps);
  await recoverDeadProcesses(deps);
  return { ...deps, database: db };
}

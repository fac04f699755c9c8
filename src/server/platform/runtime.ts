import path from 'node:path';
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { registerAccountJobs } from '../accounts/accounts.service.js';
import { registerCohortJobs } from '../cohorts/cohorts.routes.js';
import { registerCodevJobs } from '../codev/summary/summary.service.js';
import type { Config } from '../config.js';
import { registerEventJobs } from '../events/events.routes.js';
import { registerHelpspaceJobs } from '../helpspace/helpspace.routes.js';
import { registerLibraryJobs } from '../library/library.routes.js';
import { registerNotificationJobs } from '../notifications/notifications.service.js';
import { registerOrganisationJobs } from '../organisations/organisations.service.js';
import { createBus } from './bus.js';
import { registerUploadJobs } from '../procurement/uploads/uploads.service.js';
import { backfillSummaries } from '../procurement/indicators/summaries.js';
import { createClock } from './clock.js';
import type { Deps } from './context.js';
import { openDatabase, type Database } from './db.js';
import { JobQueue } from './jobs.js';
import { createMailer } from './mail.js';

export function createLogger(config: Pick<Config, 'logLevel' | 'env'>): FastifyBaseLogger {
  return pino({
    level: config.logLevel,
    base: undefined,
    redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
  }) as unknown as FastifyBaseLogger;
}

/** Registers every module's job handlers on the queue (one place, used by the server, CLI and tests). */
export function registerJobs(deps: Deps) {
  registerAccountJobs(deps);
  registerOrganisationJobs(deps);
  registerHelpspaceJobs(deps);
  registerNotificationJobs(deps);
  registerCodevJobs(deps);
  registerLibraryJobs(deps);
  registerEventJobs(deps);
  registerCohortJobs(deps);
  registerUploadJobs(deps);
}

/** Wires the dependencies of a process from its configuration: database (migrated), clock, mail, jobs. */
export async function createDeps(config: Config, log: FastifyBaseLogger, database?: Database): Promise<Deps & { database: Database }> {
  const db = database ?? (await openDatabase(config));
  await db.migrate();
  // Contracts imported before a DECP summary table existed: rebuild it once (ADR 0015).
  await backfillSummaries({ db: db.db, log });
  const clock = createClock({ controllable: config.allowClockControl });
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: path.join(config.dataDir, 'outbox'), log });
  const jobs = new JobQueue(db.db, clock, log);
  const deps: Deps = { config, db: db.db, clock, jobs, mailer, log, bus: createBus() };
  registerJobs(deps);
  return { ...deps, database: db };
}

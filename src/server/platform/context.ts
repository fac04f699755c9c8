import type { FastifyBaseLogger } from 'fastify';
import type { Bus } from './bus.js';
import type { Config } from '../config.js';
import type { Clock } from './clock.js';
import type { Db } from './db.js';
import type { JobQueue } from './jobs.js';
import type { Instance } from './instance.js';
import type { Mailer } from './mail.js';

/** What every service receives: built once in main.ts (or by the test harness). */
export type Deps = {
  config: Config;
  db: Db;
  clock: Clock;
  jobs: JobQueue;
  mailer: Mailer;
  log: FastifyBaseLogger;
  /** Live updates: in this process on PGlite, across processes over LISTEN/NOTIFY on PostgreSQL (platform/bus.ts, pgbus.ts). */
  bus: Bus;
  /** This process as other processes see it: its id and who of them is dead (platform/instance.ts). */
  instance: Instance;
};

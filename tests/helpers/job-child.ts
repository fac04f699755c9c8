/**
 * A process that starts like the server's job runner and dies in the middle of a job (issue 11,
 * item 1, poison jobs): it opens the database given in JOB_CHILD_DATABASE_URL (PostgreSQL) or
 * JOB_CHILD_DATA_DIR (a PGlite data folder, locked as the server locks it), sets its clock to
 * JOB_CHILD_NOW, does what main.ts does at start (releaseOrphans on PGlite), then claims the due
 * jobs. The `test.poison` handler prints `running <job id>` and never returns: the test kills the
 * process with SIGKILL there. Prints `idle` and exits when no job was due. With JOB_CHILD_LEASE=1
 * (PostgreSQL) it holds its lease and its queue records it on the jobs it claims, as the server's does.
 */
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { createClock } from '../../src/server/platform/clock.js';
import { openDatabase } from '../../src/server/platform/db.js';
import { startInstance } from '../../src/server/platform/instance.js';
import { JobQueue } from '../../src/server/platform/jobs.js';

const database = await openDatabase({ dataDir: process.env.JOB_CHILD_DATA_DIR ?? '', databaseUrl: process.env.JOB_CHILD_DATABASE_URL || undefined });
const clock = createClock({ controllable: true });
clock.set(new Date(process.env.JOB_CHILD_NOW!));
const instance = process.env.JOB_CHILD_LEASE === '1' ? await startInstance(database) : undefined;
const queue = new JobQueue(database.db, clock, pino({ level: 'silent' }) as unknown as FastifyBaseLogger, instance);
queue.register('test.poison', async (_payload, { jobId }) => {
  process.stdout.write(`running ${jobId}\n`);
  await new Promise(() => {});
});
if (database.driver === 'pglite') await queue.releaseOrphans();
await queue.runDue();
process.stdout.write('idle\n');
await database.close();
process.exit(0);

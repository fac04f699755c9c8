/**
 * A real app process for the crash-recovery test (src/server/procurement/uploads/recovery.test.ts):
 * opens the database of the environment (DATA_DIR / DATABASE_URL) like the server, runs the queued
 * DECP upload jobs, prints `staged N` after each batch and then stops there, in the middle of the
 * file, until the test kills it with SIGKILL.
 */
import { loadConfig } from '../../src/server/config.js';
import { createDeps, createLogger } from '../../src/server/platform/runtime.js';
import { uploadHooks } from '../../src/server/procurement/uploads/uploads.service.js';

const config = loadConfig(process.env);
const deps = await createDeps(config, createLogger(config));
// The test's clock (it may have moved), so the queued job is due here too.
if (process.env.CHILD_CLOCK) deps.clock.set(new Date(process.env.CHILD_CLOCK));
uploadHooks.afterBatch = async (_id, staged) => {
  process.stdout.write(`staged ${staged}\n`);
  await new Promise(() => {});
};
await deps.jobs.drain(10, 'long');
process.stdout.write('finished\n');

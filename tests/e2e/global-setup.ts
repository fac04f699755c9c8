import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { E2E_PORT } from '../../playwright.config.js';
import { DEMO_PASSWORD } from './support.js';
import { startPlatform } from './server.js';

/**
 * Prepares, once, the data folder every worker's server starts from (tests/e2e/platform.ts copies
 * it): the registry, a SIRENE extract of fictitious hospitals imported by the real CLI command, then
 * one start of the production build, which applies the first-start seeds (actors, first course, demo
 * community) and stops. Preparing it once instead of once per worker saves a first start (about
 * 25 s of CPU) per worker. The template's server runs without jobs: what the demo seed queues (mails,
 * reminders) is sent by each worker's own server, to its own SMTP receiver, as when one server did all.
 */
/** `entraide seed` (registry only) then `entraide registry import-sirene`, on the template folder. */
function importSireneExtract(dataDir: string) {
  const fixtures = path.resolve('tests/e2e/fixtures/sirene-chu');
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'development', LOG_LEVEL: 'warn' };
  const cli = (args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`entraide ${args.join(' ')} failed (${r.status}): ${r.stdout}${r.stderr}`);
  };
  cli(['seed']);
  cli(['registry', 'import-sirene', path.join(fixtures, 'StockUniteLegale_utf8.csv'), '--etablissements', path.join(fixtures, 'StockEtablissement_utf8.csv')]);
}

export default async function globalSetup() {
  const template = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-e2e-template-'));
  importSireneExtract(template);
  // The first start: the production build (rebuilt when missing or older than the sources, as `npm
  // start` does), the seeds, then a clean stop that closes the database, so that the folder can be copied.
  const first = await startPlatform({ port: E2E_PORT, dataDir: template, env: { DEMO_PASSWORD, JOBS_ENABLED: 'false', PROCONNECT_DEMO: 'false' } });
  await first.stop();
  // Read by each worker (Playwright passes the global setup's environment to its workers).
  process.env.E2E_TEMPLATE_DIR = template;
  return async () => {
    fs.rmSync(template, { recursive: true, force: true });
  };
}

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSmtpReceiver } from '../helpers/smtp.js';
import { startTestProvider } from '../helpers/oidc-provider.js';
import { E2E_PORT } from '../../playwright.config.js';
import { DEMO_PASSWORD, MAIL_DIR, PROCONNECT_E2E, PROCONNECT_E2E_EXISTING, PROCONNECT_E2E_UNKNOWN_SIREN } from './support.js';

/**
 * Starts a real SMTP receiver (messages written as JSON files in MAIL_DIR for the tests to read)
 * and the platform on a fresh PGlite folder, with the demo community; stops both at the end.
 */
/** `entraide seed` (registry only) then `entraide registry import-sirene`, on the journeys' data folder. */
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
  fs.rmSync(MAIL_DIR, { recursive: true, force: true });
  fs.mkdirSync(MAIL_DIR, { recursive: true });
  const smtp = await startSmtpReceiver();
  let n = 0;
  const timer = setInterval(() => {
    while (n < smtp.received.length) {
      const m = smtp.received[n++]!;
      fs.writeFileSync(path.join(MAIL_DIR, `${String(n).padStart(5, '0')}.json`), JSON.stringify({
          to: m.to,
          subject: m.subject,
          text: m.text,
          // Text attachments (an .ics invitation) kept as text for the journeys to parse.
          attachments: m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, text: a.content.toString('utf8') })),
        }));
    }
  }, 100);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-e2e-'));
  const { BASE_URL: _ignored, ...env } = process.env;
  // A server left on the port would answer instead of ours: refuse clearly.
  const stale = await fetch(`http://127.0.0.1:${E2E_PORT}/readyz`).then(() => true, () => false);
  if (stale) throw new Error(`port ${E2E_PORT} is already in use: stop the process listening there (or set E2E_PORT)`);
  // Before the server holds the folder: the registry, then a SIRENE extract of fictitious hospitals
  // (tests/e2e/fixtures/sirene-chu, test data), through the real command an operator runs.
  importSireneExtract(dataDir);
  // What `npm start` runs: the production build (rebuilt first when missing or older than the
  // sources, scripts/build.mjs) with plain node, in its own process group, so that stopping it stops
  // a build too.
  // A real OpenID Connect provider standing for ProConnect, here only (never in `npm start`): the
  // ProConnect journey signs in through its own login page (tests/e2e/proconnect.e2e.ts).
  const baseUrl = `http://127.0.0.1:${E2E_PORT}`;
  const provider = await startTestProvider({ redirectUri: `${baseUrl}/api/auth/proconnect/callback`, postLogoutRedirectUri: `${baseUrl}/connexion` });
  provider.accounts.set(PROCONNECT_E2E.login, PROCONNECT_E2E.identity);
  provider.accounts.set(PROCONNECT_E2E_UNKNOWN_SIREN.login, PROCONNECT_E2E_UNKNOWN_SIREN.identity);
  provider.accounts.set(PROCONNECT_E2E_EXISTING.login, PROCONNECT_E2E_EXISTING.identity);
  const server = spawn(process.execPath, ['scripts/start.mjs'], {
    env: {
      ...env,
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      PORT: String(E2E_PORT),
      BASE_URL: `http://127.0.0.1:${E2E_PORT}`,
      SMTP_URL: smtp.url,
      DEMO_PASSWORD,
      LOG_LEVEL: 'warn',
      // Journeys move the platform clock (POST /api/test/clock), e.g. to the next morning.
      ALLOW_CLOCK_CONTROL: 'true',
      PROCONNECT_ISSUER: provider.issuer,
      PROCONNECT_CLIENT_ID: provider.clientId,
      PROCONNECT_CLIENT_SECRET: provider.clientSecret,
      PROCONNECT_ALLOW_HTTP: 'true',
      PROCONNECT_TRUSTED_IDP_IDS: PROCONNECT_E2E.identity.idp_id,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.once('exit', stop);
  const deadline = Date.now() + 360_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    if (Date.now() > deadline) {
      stop();
      throw new Error('the server was not ready within 6 minutes');
    }
    try {
      const res = await fetch(`http://127.0.0.1:${E2E_PORT}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return async () => {
    clearInterval(timer);
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      stop();
      await exited;
    }
    await smtp.close();
    await provider.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

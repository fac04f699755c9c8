/**
 * `npm run test:pg`: the same Vitest suite on PostgreSQL instead of PGlite (DESIGN §3, §4.9).
 *
 * Uses DATABASE_URL when set, else the local server with trust authentication. The global setup
 * (tests/helpers/global-setup.ts) creates a migrated template database for the run; each test
 * file clones it, and everything is dropped at the end. Extra arguments go to `vitest run`
 * (e.g. `npm run test:pg -- src/server/accounts`).
 */
import { spawn } from 'node:child_process';
import pg from 'pg';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const url = process.env.DATABASE_URL || DEFAULT_URL;

/** The URL without its password, for messages. */
function display(u: string): string {
  try {
    const parsed = new URL(u);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return u;
  }
}

async function checkServer(): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const res = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return res.rows[0]?.v ?? '?';
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    process.stderr.write(
      `\nPostgreSQL ne répond pas à l'adresse ${display(url)} : ${reason || 'connexion impossible'}.\n` +
        `Démarrez le serveur (par exemple : pg_ctlcluster 15 main start) ou indiquez-en un autre avec\n` +
        `DATABASE_URL=postgres://utilisateur@hôte:port/base npm run test:pg\n` +
        `L'utilisateur doit pouvoir créer des bases (CREATE DATABASE).\n\n`,
    );
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

const version = await checkServer();
if (version === null) process.exit(1);
process.stdout.write(`Tests sur PostgreSQL ${version} (${display(url)})\n`);

const child = spawn('npx', ['vitest', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: url },
});
// Ctrl-C reaches the whole foreground group; a TERM sent to this process alone is passed on.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('error', (e) => {
  process.stderr.write(`Impossible de lancer Vitest : ${e.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

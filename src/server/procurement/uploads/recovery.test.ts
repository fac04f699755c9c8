import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Agent, type TestContext } from '../../../../tests/helpers/context.js';
import { decpRecord, multipartBody } from '../../../../tests/helpers/decp.js';
import { loadConfig } from '../../config.js';
import { openDatabase, openPglite, openPostgres, rows, type Database } from '../../platform/db.js';
import { DataDirLockedError } from '../../platform/lock.js';
import { createDeps, createLogger } from '../../platform/runtime.js';

// Issue 12, item 6: a DECP import whose process is killed (kill -9) in the middle of its file is
// marked interrupted at the next start, with a French reason on the upload page, and its staging
// rows are removed; a start never marks the import of a process that is still alive.
const CHILD = path.resolve(import.meta.dirname, '../../../../tests/helpers/decp-import-child.ts');
const REASON =
  "L'import a été interrompu : le processus qui l'exécutait s'est arrêté brutalement (arrêt forcé, panne) avant la fin. Rien de ce fichier n'a été gardé ; importez-le de nouveau.";

let t: TestContext;
let staff: Agent;
beforeAll(async () => {
  t = await createTestContext({ DECP_UPLOAD_MAX_MB: '2' }, { restartable: true });
  staff = (await t.loggedIn({ role: 'facilitator' })).agent;
});
afterAll(() => t?.close());

/** 2 500 marchés of one buyer: the import stages them in three batches (1 000, 1 000, 500). */
function decpFile(): Buffer {
  const recs = [];
  for (let i = 0; i < 2500; i++) recs.push(decpRecord({ id: `K${i}`, siret: '21690123100011', date: '2024-03-01', amount: 40_000 }));
  return Buffer.from(JSON.stringify({ marches: recs }));
}
const upload = async () => {
  const { body, contentType } = multipartBody('file', 'decp-national.json', decpFile());
  const res = await staff.request('POST', '/api/decp/uploads', body, { headers: { 'content-type': contentType } });
  expect(res.statusCode).toBe(202);
  return res.json().id as string;
};

/** The database of the test, opened from outside the app (another process's view). */
const openOutside = (): Promise<Database> =>
  t.databaseUrl ? openPostgres(t.databaseUrl, 1) : openPglite({ dataDir: path.join(t.deps.config.dataDir, 'pgdata') });
const childEnv = () => ({
  ...process.env,
  NODE_ENV: 'test',
  DATA_DIR: t.deps.config.dataDir,
  DATABASE_URL: t.databaseUrl ?? '',
  LOG_LEVEL: 'silent',
  ALLOW_CLOCK_CONTROL: 'true',
  CHILD_CLOCK: t.clock.now().toISOString(),
  // (Vitest's own BASE_URL is not an address.)
  BASE_URL: 'http://entraide.test',
  SESSION_SECRET: 'test-secret-test-secret-test-secret!',
});

/** Starts a real app process on the test database; resolves once it staged its first 1 000 records. */
async function startImporter(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('staged 1000\n')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`importer exited (${code}) before staging: ${out}\n${err}`)));
  });
  return child;
}

/** kill -9, then waits until the database no longer holds the dead process's connections. */
async function killHard(child: ChildProcess, owner: string | null) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
  if (t.databaseUrl && owner) {
    const probe = await openPostgres(t.databaseUrl, 1);
    try {
      // PostgreSQL ends the backend of a closed socket at once; wait for that before the next start.
      await expect
        .poll(async () => (await rows<{ free: boolean }>(probe.db, sql`SELECT CASE WHEN pg_try_advisory_lock(${owner}::bigint) THEN pg_advisory_unlock(${owner}::bigint) ELSE false END AS free`))[0]!.free, { timeout: 10_000 })
        .toBe(true);
    } finally {
      await probe.close();
    }
  }
}

type Seen = { status: string; owner: string | null; staging: number; imports: string[] };
async function look(db: Database['db'], id: string): Promise<Seen> {
  const [u] = await rows<{ status: string; owner_instance: string | null }>(db, sql`SELECT status, owner_instance FROM decp_uploads WHERE id = ${id}`);
  const [s] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM decp_staging`);
  const imports = await rows<{ status: string }>(db, sql`SELECT status FROM decp_imports ORDER BY started_at`);
  return { status: u!.status, owner: u!.owner_instance, staging: s!.n, imports: imports.map((i) => i.status) };
}

describe('item 6: DECP import killed in the middle of its file', () => {
  it('item 6: after kill -9, the next start marks the import interrupted with a French reason and removes its staging rows', async () => {
    const id = await upload();
    let atKill: Seen | null = null;
    await t.restart(async () => {
      const child = await startImporter();
      // What the dead process leaves: its upload « en cours », 1 000 staging rows, its import running.
      const outside = await openOutside();
      try {
        atKill = await look(outside.db, id);
      } finally {
        await outside.close();
      }
      await killHard(child, atKill.owner);
    });
    // Staging is UNLOGGED (issue 14): on PostgreSQL its rows sit in the server's buffers, seen by any
    // session; PGlite's buffers are the importer's process, so another opening of the folder does not
    // see them, and they die with it (crash recovery empties an unlogged table).
    expect(atKill).toMatchObject({ status: 'running', staging: t.databaseUrl ? 1000 : 0, imports: ['running'] });

    // After the start: interrupted, the reason on the page's API, nothing staged, nothing imported.
    expect(await look(t.db, id)).toEqual({ status: 'interrupted', owner: null, staging: 0, imports: ['interrupted'] });
    const shown = (await staff.get(`/api/decp/uploads/${id}`)).json();
    expect(shown).toMatchObject({ status: 'interrupted', error: REASON, recordsStaged: 1000, report: null });
    expect(shown.finishedAt).not.toBeNull();
    expect((await staff.get('/api/decp/uploads')).json().items[0]).toMatchObject({ id, status: 'interrupted', error: REASON });
    const [contracts] = await rows<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM decp_contracts`);
    expect(contracts!.n).toBe(0);
    const [rejections] = await rows<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM decp_rejections`);
    expect(rejections!.n).toBe(0);
    // The stored copy is gone: the facilitator uploads the file again.
    expect(fs.existsSync(path.join(t.deps.config.dataDir, 'uploads', id))).toBe(false);

    // The dead process's job, taken again once its lease ends, does not bring the upload back to life.
    t.clock.advance(10 * 60_000);
    await t.drainJobs();
    expect((await staff.get(`/api/decp/uploads/${id}`)).json().status).toBe('interrupted');

    // Uploading the file again imports it whole.
    const again = await upload();
    await t.drainJobs();
    expect((await staff.get(`/api/decp/uploads/${again}`)).json()).toMatchObject({ status: 'done', report: { read: 2500, imported: 2500, rejected: 0 } });
  });

  it('item 6: a start leaves alone the import of a process that is still alive', async () => {
    const id = await upload();
    await t.restart(async () => {
      const child = await startImporter();
      const config = loadConfig(childEnv());
      if (t.databaseUrl) {
        // PostgreSQL: another app process starts while the importer runs; its import goes on.
        const other = await createDeps(config, createLogger(config), await openPostgres(t.databaseUrl, 2));
        try {
          expect(await look(other.db, id)).toMatchObject({ status: 'running', staging: 1000 });
        } finally {
          await other.database.close();
        }
      } else {
        // PGlite: no second process can open the folder while the importer lives.
        await expect(openDatabase(config)).rejects.toBeInstanceOf(DataDirLockedError);
      }
      const outside = await openOutside();
      const owner = (await look(outside.db, id)).owner;
      await outside.close();
      await killHard(child, owner);
    });
    expect((await staff.get(`/api/decp/uploads/${id}`)).json()).toMatchObject({ status: 'interrupted', error: REASON });
    expect((await look(t.db, id)).staging).toBe(0);
  });
});

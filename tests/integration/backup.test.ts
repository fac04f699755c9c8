import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupError, codeMigrations, restoreBackup, type Manifest } from '../../src/server/platform/backup.js';
import { openPglite } from '../../src/server/platform/db.js';
import { fileStoreFor } from '../../src/server/platform/files.js';
import { startS3 } from '../helpers/s3.js';
import { createTestContext, PASSWORD, type DatabaseLocation, type TestContext } from '../helpers/context.js';
import { makePdf, multipart } from '../helpers/documents.js';
import { cliArgs } from '../helpers/children.js';

// Issue 25, item 1: `entraide backup` and `entraide restore` through the real command line, on the
// database of this run (PGlite under `npm test`, PostgreSQL under `npm run test:pg`). The saved state
// is read before the changes, straight from the database and the folder, never from the backup code.

const run = promisify(execFile);
// Vitest sets BASE_URL='/' (Vite's base) in process.env: the child gets a clean one.
const { BASE_URL: _b, ...parentEnv } = process.env;

let t: TestContext;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-backup-test-'));

/** Runs the command line on this context's database and data folder. */
async function cli(location: DatabaseLocation, args: string[], extra: Record<string, string> = {}) {
  const env = { ...parentEnv, DATA_DIR: t.deps.config.dataDir, DATABASE_URL: 'url' in location ? location.url : '', LOG_LEVEL: 'silent', ...extra };
  // This run's build of the command line, with plain node (tests/helpers/children.ts).
  return run(process.execPath, cliArgs(...args), { env }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

type State = { tables: Record<string, { rows: number; md5: string }>; files: Record<string, string> };

/**
 * Row count and checksum of every table (the migrations' own table included), and the SHA-256 of
 * every stored file: read with no app running, straight from the database and the folder.
 */
async function stateAt(location: DatabaseLocation): Promise<State> {
  let query: (text: string) => Promise<Record<string, unknown>[]>;
  let close: () => Promise<void>;
  if ('url' in location) {
    const client = new pg.Client({ connectionString: location.url });
    await client.connect();
    query = async (text) => (await client.query(text)).rows;
    close = () => client.end();
  } else {
    const database = await openPglite({ dataDir: location.folder });
    query = async (text) => (await database.pglite!.query<Record<string, unknown>>(text)).rows;
    close = () => database.close();
  }
  try {
    const tables: State['tables'] = {};
    const list = await query(`SELECT schemaname || '.' || tablename AS name FROM pg_tables WHERE schemaname IN ('public', 'drizzle') ORDER BY 1`);
    for (const { name } of list as { name: string }[]) {
      const [schema, table] = name.split('.');
      const [r] = await query(`SELECT count(*)::int AS n, coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS h FROM "${schema}"."${table}" x`);
      tables[name] = { rows: Number(r!.n), md5: String(r!.h) };
    }
    const files: State['files'] = {};
    for (const folder of ['files', 'uploads']) {
      const root = path.join(t.deps.config.dataDir, folder);
      if (!fs.existsSync(root)) continue;
      for (const rel of fs.readdirSync(root, { recursive: true }) as string[]) {
        const full = path.join(root, rel);
        if (fs.statSync(full).isFile()) files[`${folder}/${rel}`] = createHash('sha256').update(fs.readFileSync(full)).digest('hex');
      }
    }
    return { tables, files };
  } finally {
    await close();
  }
}

beforeAll(async () => {
  t = await createTestContext({}, { restartable: true });
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

const post = (a: Awaited<ReturnType<TestContext['loggedIn']>>['agent'], url: string, body: ReturnType<typeof multipart>) =>
  a.request('POST', url, body.payload, { headers: body.headers });

describe('item 1: backup, change, restore', () => {
  it('item 1: finds exactly the saved state: every table (rows and checksums) and every stored file', { timeout: 300_000 }, async () => {
    const facilitator = (await t.loggedIn({ role: 'facilitator' })).agent;
    const { user: kept } = await t.loggedIn({ email: 'avant.sauvegarde@commune.test' });
    const pdf = await makePdf(['Guide gardé par la sauvegarde : clauses sociales.']);
    const res = await post(facilitator, '/api/library/resources', multipart({ kind: 'guide', title: 'Guide sauvegardé', summary: 'Avant.', themes: ['economie_circulaire'], segments: ['39'] }, [{ fileName: 'guide.pdf', content: pdf }]));
    expect(res.statusCode, res.body).toBe(201);
    const resourceId = res.json().id as string;
    await t.drainJobs();

    const archive = path.join(work, 'sauvegarde.tar');
    let saved!: State;
    await t.restart(async (location) => {
      saved = await stateAt(location);
      const out = await cli(location, ['backup', '--out', archive]);
      expect(out.stderr).toBe('');
      expect(out.code).toBe(0);
      expect(out.stdout).toContain('Sauvegarde écrite');
    });
    // What was saved: the uploaded PDF among the files, the account among the users.
    expect(Object.values(saved.files)).toContain(createHash('sha256').update(pdf).digest('hex'));
    expect(saved.tables['public.users']!.rows).toBeGreaterThanOrEqual(2);
    const manifest = JSON.parse((await run('tar', ['-xOf', archive, 'manifest.json'])).stdout) as Manifest;
    expect(manifest.database).toBe(t.databaseUrl ? 'postgres' : 'pglite');
    expect(manifest.migration.count).toBe(codeMigrations().length);
    expect(manifest.fileCount).toBe(Object.keys(saved.files).length);

    // Changes: new rows, a modified row, a deleted resource (and its file), a new file.
    await t.loggedIn({ email: 'apres.sauvegarde@commune.test' });
    expect((await t.agent().post('/api/auth/login', { email: kept.email, password: PASSWORD })).statusCode).toBe(200);
    await t.db.execute(sql`UPDATE users SET first_name = 'Modifié' WHERE id = ${kept.id}`);
    expect((await facilitator.delete(`/api/library/resources/${resourceId}`)).statusCode).toBe(200);
    const other = await post(facilitator, '/api/library/resources', multipart({ kind: 'guide', title: 'Guide ajouté après', summary: 'Après.', themes: ['economie_circulaire'], segments: ['39'] }, [{ fileName: 'autre.pdf', content: await makePdf(['Ajouté après la sauvegarde.']) }]));
    expect(other.statusCode).toBe(201);

    await t.restart(async (location) => {
      const changed = await stateAt(location);
      expect(changed.files).not.toEqual(saved.files);
      expect(changed.tables['public.users']).not.toEqual(saved.tables['public.users']);
      const refused = await cli(location, ['restore', archive]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("La cible n'est pas vide");
      expect(refused.stderr).toContain('--force');
      expect(await stateAt(location)).toEqual(changed);
      const restored = await cli(location, ['restore', archive, '--force']);
      expect(restored.stderr).toBe('');
      expect(restored.code).toBe(0);
      expect(restored.stdout).toContain('restaurée');
      expect(await stateAt(location)).toEqual(saved);
    });
    // And the app runs on it: the account saved logs in, the one created afterwards does not exist.
    expect((await t.agent().post('/api/auth/login', { email: 'avant.sauvegarde@commune.test', password: PASSWORD })).statusCode).toBe(200);
    expect((await t.agent().post('/api/auth/login', { email: 'apres.sauvegarde@commune.test', password: PASSWORD })).statusCode).toBe(401);
    expect((await t.agent().get(`/api/library/resources/${resourceId}`)).statusCode).toBe(200);
  });
});

describe('item 1: the files of an S3-compatible bucket (FILE_STORE=s3), through the FileStore interface', () => {
  it('item 1: saves every key of the bucket and puts back exactly those keys and bytes', { timeout: 300_000 }, async () => {
    const s3 = await startS3('sauvegarde');
    try {
      const store = fileStoreFor({ dataDir: t.deps.config.dataDir, fileStore: s3.config });
      const bytes = async (key: string) => {
        const stream = await store.get(key);
        if (!stream) return null;
        const chunks: Buffer[] = [];
        for await (const c of stream) chunks.push(c as Buffer);
        return Buffer.concat(chunks).toString('utf8');
      };
      const keys = async () => {
        const out: string[] = [];
        for await (const k of store.list()) out.push(k);
        return out.sort();
      };
      const { Readable } = await import('node:stream');
      await store.put('library/aaa-1', Readable.from([Buffer.from('premier fichier')]));
      await store.put('library/bbb-2', Readable.from([Buffer.from('second fichier')]));
      const archive = path.join(work, 'sauvegarde-s3.tar');
      await t.restart(async (location) => {
        // (stderr carries the AWS SDK's warning about Node 20: only the exit code is read.)
        const out = await cli(location, ['backup', '--out', archive], s3.env);
        expect(out.code, out.stderr).toBe(0);
        await store.delete('library/aaa-1');
        await store.put('library/bbb-2', Readable.from([Buffer.from('second fichier, modifié')]));
        await store.put('library/ccc-3', Readable.from([Buffer.from('ajouté après')]));
        const refused = await cli(location, ['restore', archive], s3.env);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain('dans le compartiment sauvegarde');
        const restored = await cli(location, ['restore', archive, '--force'], s3.env);
        expect(restored.code, restored.stderr).toBe(0);
      });
      expect(await keys()).toEqual(['library/aaa-1', 'library/bbb-2']);
      expect(await bytes('library/aaa-1')).toBe('premier fichier');
      expect(await bytes('library/bbb-2')).toBe('second fichier');
      const manifest = JSON.parse((await run('tar', ['-xOf', archive, 'manifest.json'])).stdout) as Manifest;
      expect(manifest.entries.filter((e) => e.path.startsWith('files/')).map((e) => e.path)).toEqual(['files/library/aaa-1', 'files/library/bbb-2']);
    } finally {
      await s3.close();
    }
  });
});

describe('item 1: restore refuses an archive it must not apply, before touching anything', () => {
  const archive = () => path.join(work, 'sauvegarde.tar');
  /** A copy of the archive with its manifest or one entry changed. */
  async function altered(name: string, change: (dir: string, m: Manifest) => void): Promise<string> {
    const dir = path.join(work, name);
    fs.mkdirSync(dir);
    await run('tar', ['-xf', archive(), '-C', dir]);
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    change(dir, m);
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m));
    const out = path.join(work, `${name}.tar`);
    await run('tar', ['-cf', out, '-C', dir, ...fs.readdirSync(dir)]);
    return out;
  }
  const kind = () => (t.databaseUrl ? 'postgres' : 'pglite');
  // An empty target of the same kind: nothing there to protect, so only the archive's checks can refuse.
  const emptyTarget = () => ({ dataDir: fs.mkdtempSync(path.join(work, 'cible-')), databaseUrl: t.databaseUrl ? 'postgres://nobody@127.0.0.1:1/never' : undefined });

  it('item 1: a backup of the other kind of database', async () => {
    const file = await altered('autre-type', (_d, m) => (m.database = kind() === 'pglite' ? 'postgres' : 'pglite'));
    await expect(restoreBackup(emptyTarget(), file)).rejects.toThrow(BackupError);
    await expect(restoreBackup(emptyTarget(), file)).rejects.toThrow(/Cette sauvegarde vient de .*restaurez-la sur le même type de base/);
  });

  it('item 1: a backup taken by a newer version (a migration this code does not know)', async () => {
    const file = await altered('plus-recente', (_d, m) => {
      m.migration = { count: m.migration.count + 1, when: m.migration.when + 1000, tag: '9999_future' };
    });
    await expect(restoreBackup(emptyTarget(), file)).rejects.toThrow(/version plus récente d'Entraide \(migration 9999_future/);
  });

  it('item 1: a damaged archive (an entry whose checksum differs) or one that is not a backup', async () => {
    const file = await altered('abimee', (dir, m) => {
      const entry = m.entries.find((e) => e.path.startsWith('files/'))!;
      fs.appendFileSync(path.join(dir, entry.path), 'x');
    });
    await expect(restoreBackup(emptyTarget(), file)).rejects.toThrow(/Archive endommagée : l'empreinte de files\//);
    const notTar = path.join(work, 'pas-une-archive.tar');
    fs.writeFileSync(notTar, 'bonjour');
    await expect(restoreBackup(emptyTarget(), notTar)).rejects.toThrow(/Archive illisible/);
  });
});

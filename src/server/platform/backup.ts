import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import type { FileStoreConfig } from '../config.js';
import { fileStoreFor } from './files.js';
import { pgliteExtensions, migrationsFolder } from './db.js';
import { lockDataDir } from './lock.js';
import { projectRoot } from './paths.js';

const run = promisify(execFile);

/**
 * `entraide backup` and `entraide restore` (docs/deployment.md « Sauvegardes », ADR 0035).
 *
 * A backup is one tar archive:
 *   manifest.json                 date, version, migration level, database kind, every entry's size and SHA-256
 *   database/pgdata.tar.gz        PGlite: the data folder as PGlite dumps it (dumpDataDir), or
 *   database/entraide.dump        PostgreSQL: pg_dump --format=custom
 *   files/<key>                   every key of the FileStore (the folder DATA_DIR/files, or the S3 bucket),
 *                                 read and written through its interface (get, put, delete, list)
 *   uploads/…                     DATA_DIR/uploads: DECP files uploaded and waiting for their import
 *
 * PGlite's folder belongs to one process (platform/lock.ts): the backup of an embedded database is
 * taken with the server stopped (the command refuses otherwise). PostgreSQL's pg_dump is a consistent
 * snapshot taken while the instances run. Restore checks the archive (checksums, database kind,
 * migration level known to this code) before it changes anything, and refuses a non-empty target
 * without --force.
 */

export const BACKUP_FORMAT = 'entraide-backup';
export const BACKUP_FORMAT_VERSION = 1;
/** The folders of DATA_DIR saved as they are (the FileStore's keys are saved through its interface). */
export const STORED_FOLDERS = ['uploads'] as const;

export type Manifest = {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  appVersion: string;
  database: 'pglite' | 'postgres';
  /** The last migration applied to the saved database (drizzle's journal `when` and tag). */
  migration: { count: number; when: number; tag: string | null };
  fileCount: number;
  entries: { path: string; size: number; sha256: string }[];
};

/** A refusal the operator can act on, in French (exit code 1, no stack trace). */
export class BackupError extends Error {}

type Target = { dataDir: string; databaseUrl?: string; fileStore?: FileStoreConfig };

/** The migrations this code knows (migrations/meta/_journal.json). */
export function codeMigrations(): { when: number; tag: string }[] {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number; tag: string }[] };
  return journal.entries.map((e) => ({ when: e.when, tag: e.tag }));
}

function appVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every regular file under `dir`, as paths relative to `base` with '/' separators, sorted. */
function listFiles(dir: string, base: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) out.push(path.relative(base, full).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** libpq settings from a URL, the password in PGPASSWORD rather than on the command line (visible in ps). */
function pgEnv(url: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { args: [`--dbname=${u.toString()}`], env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** The migration level of a database, read from drizzle's own table. */
async function migrationLevel(query: <R>(text: string) => Promise<R[]>): Promise<Manifest['migration']> {
  const [r] = await query<{ n: number; last: number | null }>('SELECT count(*)::int AS n, max(created_at)::bigint AS last FROM drizzle.__drizzle_migrations');
  const when = Number(r?.last ?? 0);
  return { count: Number(r?.n ?? 0), when, tag: codeMigrations().find((m) => m.when === when)?.tag ?? null };
}

/** Runs `fn` with a client of its own on the PostgreSQL database (loaded on first use, as db.ts does), then closes it. */
async function withPg<T>(url: string, fn: (query: <R>(text: string) => Promise<R[]>) => Promise<T>): Promise<T> {
  const { default: pgModule } = await import('pg');
  const client = new pgModule.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(async (text) => (await client.query(text)).rows);
  } finally {
    await client.end();
  }
}

/** Hard links the stored files into the staging folder (they never change once written), copying across file systems. */
function linkTree(from: string, to: string) {
  for (const rel of listFiles(from, from)) {
    // A `.part` file is an upload being written: not a stored file yet (platform/files.ts).
    if (rel.endsWith('.part')) continue;
    const dst = path.join(to, rel);
    fs.mkdirSync(path.dirname(dst), { recursive: true });
    try {
      fs.linkSync(path.join(from, rel), dst);
    } catch {
      fs.copyFileSync(path.join(from, rel), dst);
    }
  }
}

/** A staging folder inside DATA_DIR (same file system as the stored files: hard links work). */
function staging(dataDir: string, what: string): string {
  const dir = path.join(dataDir, 'tmp', `${what}-${Date.now()}-${randomBytes(3).toString('hex')}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Writes the backup archive of the configured database and DATA_DIR's stored files to `out`. */
export async function createBackup(target: Target, out: string, now = new Date()): Promise<Manifest> {
  const kind = target.databaseUrl ? 'postgres' : 'pglite';
  // The embedded database: refused while the server holds the folder (a clear French message).
  const release = kind === 'pglite' ? lockDataDir(target.dataDir) : () => {};
  const stage = staging(target.dataDir, 'backup');
  try {
    fs.mkdirSync(path.join(stage, 'database'));
    let migration: Manifest['migration'];
    if (kind === 'pglite') {
      const pgdata = path.join(target.dataDir, 'pgdata');
      if (!fs.existsSync(pgdata)) throw new BackupError(`Aucune base embarquée dans ${target.dataDir} (dossier pgdata absent) : rien à sauvegarder.`);
      const pg = await PGlite.create({ dataDir: pgdata, extensions: pgliteExtensions });
      try {
        migration = await migrationLevel(async <R,>(q: string) => (await pg.query<R>(q)).rows);
        await pg.exec('CHECKPOINT');
        const dump = await pg.dumpDataDir('gzip');
        fs.writeFileSync(path.join(stage, 'database', 'pgdata.tar.gz'), Buffer.from(await dump.arrayBuffer()));
      } finally {
        await pg.close();
      }
    } else {
      migration = await withPg(target.databaseUrl!, (query) => migrationLevel(query));
      const { args, env } = pgEnv(target.databaseUrl!);
      try {
        await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${path.join(stage, 'database', 'entraide.dump')}`, ...args], { env, maxBuffer: 16 * 1024 * 1024 });
      } catch (e) {
        throw new BackupError(`pg_dump a échoué : ${String((e as { stderr?: string }).stderr || (e as Error).message).trim()}`);
      }
    }
    const store = fileStoreFor(target);
    for await (const key of store.list()) {
      const source = await store.get(key);
      // Deleted between the listing and the read: not part of the saved state.
      if (!source) continue;
      const dst = path.join(stage, 'files', key);
      await fsp.mkdir(path.dirname(dst), { recursive: true });
      await pipeline(source, fs.createWriteStream(dst));
    }
    for (const folder of STORED_FOLDERS) linkTree(path.join(target.dataDir, folder), path.join(stage, folder));
    const entries = [];
    for (const rel of listFiles(stage, stage)) {
      const full = path.join(stage, rel);
      entries.push({ path: rel, size: fs.statSync(full).size, sha256: await sha256(full) });
    }
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: now.toISOString(),
      appVersion: appVersion(),
      database: kind,
      migration,
      fileCount: entries.filter((e) => !e.path.startsWith('database/')).length,
      entries,
    };
    fs.writeFileSync(path.join(stage, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const outAbs = path.resolve(out);
    fs.mkdirSync(path.dirname(outAbs), { recursive: true });
    const part = `${outAbs}.part`;
    // The manifest first in the archive: `tar -xOf archive manifest.json` reads it at once.
    const members = ['manifest.json', ...fs.readdirSync(stage).filter((n) => n !== 'manifest.json').sort()];
    await run('tar', ['-cf', part, '-C', stage, ...members]);
    fs.renameSync(part, outAbs);
    return manifest;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
    release();
  }
}

/** Reads and checks an archive in a staging folder: format, every checksum, nothing missing or added. */
async function unpack(archive: string, stage: string): Promise<Manifest> {
  if (!fs.existsSync(archive)) throw new BackupError(`Archive introuvable : ${archive}`);
  try {
    await run('tar', ['-xf', path.resolve(archive), '-C', stage]);
  } catch (e) {
    throw new BackupError(`Archive illisible (${String((e as { stderr?: string }).stderr || (e as Error).message).trim()}) : ce n'est pas une sauvegarde Entraide.`);
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(stage, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    throw new BackupError("Archive sans manifeste lisible (manifest.json) : ce n'est pas une sauvegarde Entraide.");
  }
  if (manifest.format !== BACKUP_FORMAT || manifest.formatVersion !== BACKUP_FORMAT_VERSION)
    throw new BackupError(`Format de sauvegarde inconnu (${String(manifest.format)} ${String(manifest.formatVersion)}) : cette version d'Entraide lit le format ${BACKUP_FORMAT} ${BACKUP_FORMAT_VERSION}.`);
  const present = listFiles(stage, stage).filter((p) => p !== 'manifest.json');
  const listed = manifest.entries.map((e) => e.path).sort();
  if (JSON.stringify(present) !== JSON.stringify(listed))
    throw new BackupError('Archive incomplète ou modifiée : ses fichiers ne sont pas ceux que liste son manifeste. Rien n’a été restauré.');
  for (const e of manifest.entries) {
    if ((await sha256(path.join(stage, e.path))) !== e.sha256)
      throw new BackupError(`Archive endommagée : l'empreinte de ${e.path} ne correspond pas au manifeste. Rien n’a été restauré.`);
  }
  return manifest;
}

const kindName = { pglite: 'la base embarquée (PGlite)', postgres: 'PostgreSQL' } as const;

/** Every key of the FileStore. */
async function storedKeys(target: Target): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of fileStoreFor(target).list()) keys.push(key);
  return keys;
}

/** What the target already holds (a database with tables, stored files), in French; null when empty. */
async function targetInUse(target: Target): Promise<string | null> {
  const found: string[] = [];
  if (target.databaseUrl) {
    const [r] = await withPg(target.databaseUrl, (query) => query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname IN ('public', 'drizzle')`));
    if (Number(r?.n) > 0) found.push(`la base PostgreSQL contient ${r!.n} tables`);
  } else {
    const pgdata = path.join(target.dataDir, 'pgdata');
    if (fs.existsSync(pgdata) && fs.readdirSync(pgdata).length) found.push(`le dossier ${pgdata} contient une base`);
  }
  const keys = (await storedKeys(target)).length;
  if (keys) found.push(`${keys} fichiers stockés ${target.fileStore?.kind === 's3' ? `dans le compartiment ${target.fileStore.bucket}` : `dans ${path.join(target.dataDir, 'files')}`}`);
  const uploads = STORED_FOLDERS.flatMap((f) => listFiles(path.join(target.dataDir, f), target.dataDir)).length;
  if (uploads) found.push(`${uploads} fichiers DECP déposés dans ${path.join(target.dataDir, 'uploads')}`);
  return found.length ? found.join(' ; ') : null;
}

/**
 * Restores an archive into the configured database and DATA_DIR. Everything is checked first
 * (archive, kind, migration level, emptiness of the target); only then is anything replaced.
 */
export async function restoreBackup(target: Target, archive: string, opts: { force?: boolean } = {}): Promise<Manifest> {
  const kind = target.databaseUrl ? 'postgres' : 'pglite';
  fs.mkdirSync(target.dataDir, { recursive: true });
  // The embedded database: refused while a server holds the folder.
  const release = kind === 'pglite' ? lockDataDir(target.dataDir) : () => {};
  const stage = staging(target.dataDir, 'restore');
  try {
    const manifest = await unpack(archive, stage);
    if (manifest.database !== kind)
      throw new BackupError(
        `Cette sauvegarde vient de ${kindName[manifest.database]}, la configuration désigne ${kindName[kind]} : restaurez-la sur le même type de base (DATABASE_URL ${kind === 'postgres' ? 'à retirer' : 'à définir'}).`,
      );
    const known = codeMigrations();
    const last = known[known.length - 1];
    if (manifest.migration.count > known.length || (manifest.migration.when && !known.some((m) => m.when === manifest.migration.when)))
      throw new BackupError(
        `Cette sauvegarde a été prise par une version plus récente d'Entraide (migration ${manifest.migration.tag ?? manifest.migration.when}, ${manifest.migration.count} migrations ; ce code en connaît ${known.length}, jusqu'à ${last?.tag ?? '—'}) : installez cette version ou une plus récente, puis restaurez.`,
      );
    const inUse = await targetInUse(target);
    if (inUse && !opts.force)
      throw new BackupError(`La cible n'est pas vide (${inUse}). Rien n'a été restauré. Pour la remplacer par la sauvegarde, relancez avec --force.`);

    if (kind === 'pglite') {
      const pgdata = path.join(target.dataDir, 'pgdata');
      fs.rmSync(pgdata, { recursive: true, force: true });
      const blob = new Blob([fs.readFileSync(path.join(stage, 'database', 'pgdata.tar.gz'))]);
      const pg = await PGlite.create({ dataDir: pgdata, loadDataDir: blob, extensions: pgliteExtensions });
      await pg.exec('CHECKPOINT');
      await pg.close();
    } else {
      // Cleaned, not dropped: the database, its owner and its grants stay as the operator made them.
      await withPg(target.databaseUrl!, (query) => query('DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public'));
      const { args, env } = pgEnv(target.databaseUrl!);
      try {
        await run('pg_restore', ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', ...args, path.join(stage, 'database', 'entraide.dump')], { env, maxBuffer: 16 * 1024 * 1024 });
      } catch (e) {
        throw new BackupError(`pg_restore a échoué : ${String((e as { stderr?: string }).stderr || (e as Error).message).trim()}`);
      }
    }
    // The FileStore: exactly the saved keys (those added since are removed), through its interface.
    const store = fileStoreFor(target);
    const saved = new Set(listFiles(path.join(stage, 'files'), path.join(stage, 'files')));
    for (const key of await storedKeys(target)) await store.delete(key);
    for (const key of saved) await store.put(key, fs.createReadStream(path.join(stage, 'files', key)));
    for (const folder of STORED_FOLDERS) {
      const dest = path.join(target.dataDir, folder);
      const old = `${dest}.avant-restauration-${randomBytes(3).toString('hex')}`;
      if (fs.existsSync(dest)) fs.renameSync(dest, old);
      if (fs.existsSync(path.join(stage, folder))) fs.renameSync(path.join(stage, folder), dest);
      fs.rmSync(old, { recursive: true, force: true });
    }
    return manifest;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
    release();
  }
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder, pgliteExtensions } from '../../src/server/platform/db.js';

// Tests of a hand-edited migration: a database as it was just before it, rows of the old shape
// inserted there, then the rest of the migrations applied. A migration is found by its tag, so
// renumbering the migrations keeps these tests working.

type Journal = { entries: { tag: string }[] };
const readJournal = () => JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as Journal;

/** The position in the journal of the migration whose tag ends with `tagSuffix` (-1 when absent). */
export function migrationIndex(tagSuffix: string): number {
  return readJournal().entries.findIndex((e) => e.tag.endsWith(tagSuffix));
}

/** The tags (their ends) of the migrations that have a test of their own (tests/integration/*-migration.test.ts). */
export const MIGRATIONS_UNDER_TEST = ['_codev_session_events', '_general_notifications', '_spaser_status_data'];

/** Applies to `client` the migrations before position `cut` that it does not have yet (drizzle skips applied ones). */
async function migrateUpTo(client: PGlite, cut: number) {
  const journal = readJournal();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-mig-'));
  try {
    fs.mkdirSync(path.join(tmp, 'meta'));
    for (const e of journal.entries.slice(0, cut)) fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(tmp, `${e.tag}.sql`));
    fs.writeFileSync(path.join(tmp, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
    await migrate(drizzle(client), { migrationsFolder: tmp });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Global setup: takes `client` (a new PGlite) up the migrations, and dumps it just before each
 * migration under test into `dir`; returns each dump's file by position. The migration tests then
 * start from these dumps instead of each migrating a new database up to their migration (the
 * PGlite template of `npm test` is migrated through this, so the dumps cost only their writing).
 */
export async function dumpsBeforeMigrationsUnderTest(client: PGlite, dir: string): Promise<Record<number, string>> {
  const files: Record<number, string> = {};
  const cuts = MIGRATIONS_UNDER_TEST.map(migrationIndex).filter((i) => i > 0).sort((a, b) => a - b);
  for (const cut of cuts) {
    await migrateUpTo(client, cut);
    const file = path.join(dir, `before-migration-${cut}-${process.pid}.tar`);
    fs.writeFileSync(file, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
    files[cut] = file;
  }
  return files;
}

/**
 * An in-memory PGlite with the migrations before position `cut` applied; `rest()` applies the others.
 * It starts from the run's dump of that state when the global setup made one (see above), else
 * migrates a new database.
 */
export async function databaseBefore(cut: number) {
  const { inject } = await import('vitest');
  const dump = inject('migrationDumps')?.[cut];
  const client = dump
    ? await PGlite.create({ extensions: pgliteExtensions, loadDataDir: new Blob([fs.readFileSync(dump)]) })
    : await PGlite.create({ extensions: pgliteExtensions });
  const db = drizzle(client);
  if (!dump) {
    try {
      await migrateUpTo(client, cut);
    } catch (err) {
      await client.close();
      throw err;
    }
  }
  return {
    client,
    q: (text: string, params: unknown[] = []) => client.query<Record<string, unknown>>(text, params).then((r) => r.rows),
    rest: () => migrate(db, { migrationsFolder }),
    close: () => client.close(),
  };
}

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

/** An in-memory PGlite with the migrations before position `cut` applied; `rest()` applies the others. */
export async function databaseBefore(cut: number) {
  const journal = readJournal();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-mig-'));
  const client = await PGlite.create({ extensions: pgliteExtensions });
  const db = drizzle(client);
  try {
    fs.mkdirSync(path.join(tmp, 'meta'));
    for (const e of journal.entries.slice(0, cut)) fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(tmp, `${e.tag}.sql`));
    fs.writeFileSync(path.join(tmp, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
    await migrate(db, { migrationsFolder: tmp });
  } catch (err) {
    await client.close();
    throw err;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return {
    client,
    q: (text: string, params: unknown[] = []) => client.query<Record<string, unknown>>(text, params).then((r) => r.rows),
    rest: () => migrate(db, { migrationsFolder }),
    close: () => client.close(),
  };
}

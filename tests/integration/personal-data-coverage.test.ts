import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Db } from '../../src/server/platform/db.js';
import { personalData } from '../../src/server/platform/personal-data.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

/**
 * Issue 12, item 7: every column that references a person is covered by a module's personal-data
 * hook (exported, erased or anonymised on account deletion). The list comes from the database
 * itself — foreign keys to `users`, plus columns named like a reference to a person (`*_by`,
 * `*user_id*`) that have none — so a table added by a later module fails here until its module
 * registers a hook that covers it.
 */

/** Columns that look like a person's reference but are not one, each with the reason. */
const NOT_A_PERSON: Record<string, string> = {};

async function columnsReferencingAUser(db: Db): Promise<string[]> {
  const fks = await rows<{ t: string; c: string }>(
    db,
    sql`SELECT cl.relname AS t, a.attname AS c
        FROM pg_constraint k
        JOIN pg_class cl ON cl.oid = k.conrelid
        JOIN pg_namespace n ON n.oid = cl.relnamespace
        JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
        WHERE k.contype = 'f' AND k.confrelid = 'public.users'::regclass AND n.nspname = 'public'`,
  );
  const named = await rows<{ t: string; c: string }>(
    db,
    sql`SELECT table_name AS t, column_name AS c FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> 'users'
          AND (column_name LIKE '%\\_by' ESCAPE '\\' OR column_name LIKE '%user\\_id%' ESCAPE '\\')`,
  );
  return [...new Set([...fks, ...named].map((r) => `${r.t}.${r.c}`))].filter((c) => !(c in NOT_A_PERSON)).sort();
}

async function uncovered(db: Db): Promise<string[]> {
  const covered = personalData.coverage();
  return (await columnsReferencingAUser(db)).filter((c) => !covered.has(c));
}

let t: TestContext;
beforeAll(async () => {
  // Building the app imports every module, and with it every module's hook.
  t = await createTestContext();
});
afterAll(() => t?.close());

describe('personal data coverage (issue 12, item 7)', () => {
  it('item 7: finds the columns that reference a person, with and without a foreign key', async () => {
    const found = await columnsReferencingAUser(t.db);
    // Worked out from the table files: a few with a foreign key, one (help_posts.useful_by) without.
    for (const c of ['sessions.user_id', 'memberships.decided_by', 'help_posts.author_id', 'help_posts.useful_by', 'codev_sessions.case_owner_id', 'survey_responses.user_id'])
      expect(found).toContain(c);
    expect(found.length).toBeGreaterThan(40);
  });

  it('item 7: every column referencing a person is covered by a module hook', async () => {
    expect(await uncovered(t.db)).toEqual([]);
  });

  it('item 7: every declared coverage names a real column, once', async () => {
    const real = new Set(await columnsReferencingAUser(t.db));
    const declared = personalData.hooks().flatMap((h) => h.covers);
    expect(declared.filter((c) => !real.has(c))).toEqual([]);
    expect(declared.length).toBe(new Set(declared).size);
  });

  it('item 7: a table added later without a hook makes this test fail', async () => {
    await t.db.execute(sql`CREATE TABLE probe_badges (id uuid PRIMARY KEY, holder uuid REFERENCES users(id), granted_by uuid)`);
    try {
      expect(await uncovered(t.db)).toEqual(['probe_badges.granted_by', 'probe_badges.holder']);
    } finally {
      await t.db.execute(sql`DROP TABLE probe_badges`);
    }
  });
});

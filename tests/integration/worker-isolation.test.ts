import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { organisations } from '../../src/server/organisations/organisations.tables.js';
import { rows } from '../../src/server/platform/db.js';
import { createTestContext, sharedDatabaseUses, workerDatabase } from '../helpers/context.js';
import { resetToTemplate } from '../helpers/shared-db.js';

// Test files share their worker's process and database (ADR 0028): each starts on the database put
// back in the template's state. Here a context plays the previous file (it writes, updates and
// deletes, holds a lock, moves a sequence) and the next context plays the next file on this worker.

/** The database's identity: the same PGlite instance, or the same PostgreSQL database. */
const identity = (t: Awaited<ReturnType<typeof createTestContext>>) => t.deps.database.pglite ?? t.databaseUrl;

describe('the next test file on a worker', () => {
  // First here, before this file opens a context: the worker's database still holds what the
  // previous file on this worker wrote (unless this file runs first on its worker).
  it("starts without the members the worker's previous file created", async () => {
    const worker = workerDatabase();
    let left: string[] = [];
    if (worker && !worker.held) {
      try {
        left = (await worker.sql.query<{ id: string }>('SELECT id::text AS id FROM users')).map((r) => r.id);
      } catch {
        // The previous file closed or dropped the database (tests/integration/errors.test.ts).
      }
    }
    const t = await createTestContext();
    try {
      expect(await rows(t.db, sql`SELECT id FROM users WHERE id::text IN (SELECT jsonb_array_elements_text(${JSON.stringify(left)}::jsonb))`)).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it("starts on the worker's same database, without anything the previous file wrote", async () => {
    const first = await createTestContext();
    const usesBefore = sharedDatabaseUses.reset;
    const mine = await first.createOrganisation({ name: 'Organisation du fichier précédent' });
    const member = await first.createMember({ email: 'fichier-precedent@acheteur.test', verifiedIn: [mine.id] });
    // Rows of the template itself: one renamed, one deleted (one no other row refers to).
    const [renamed, removed] = await rows<{ id: string; name: string }>(
      first.db,
      sql`SELECT id, name FROM organisations o WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.organisation_id = o.id) ORDER BY id LIMIT 2`,
    );
    expect(removed).toBeDefined();
    await first.db.update(organisations).set({ name: 'Nom changé par le fichier précédent' }).where(eq(organisations.id, renamed!.id));
    await first.db.delete(organisations).where(eq(organisations.id, removed!.id));
    // A sequence (Drizzle's journal of migrations has one) and a session lock.
    const [seq] = await rows<{ v: string }>(first.db, sql`SELECT nextval(pg_get_serial_sequence('drizzle.__drizzle_migrations', 'id'))::text AS v`);
    await first.db.execute(sql`SELECT pg_advisory_lock(424242)`);
    const firstDb = identity(first);
    await first.close();

    const next = await createTestContext();
    try {
      // The same database, reset (else this test would prove nothing).
      expect(identity(next)).toBe(firstDb);
      expect(sharedDatabaseUses.reset).toBe(usesBefore + 1);
      expect(await next.userByEmail(member.email)).toBeUndefined();
      expect(await next.db.select().from(organisations).where(eq(organisations.id, mine.id))).toEqual([]);
      const back = await next.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, renamed!.id));
      expect(back).toEqual([{ name: renamed!.name }]);
      expect(await next.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, removed!.id))).toEqual([{ id: removed!.id }]);
      const [again] = await rows<{ v: string }>(next.db, sql`SELECT nextval(pg_get_serial_sequence('drizzle.__drizzle_migrations', 'id'))::text AS v`);
      expect(again!.v).toBe(seq!.v);
      const [lock] = await rows<{ free: boolean }>(next.db, sql`SELECT pg_try_advisory_lock(424242) AS free`);
      expect(lock!.free).toBe(true);
      await next.db.execute(sql`SELECT pg_advisory_unlock(424242)`);
    } finally {
      await next.close();
    }
  });

  it('a reset that leaves data behind is refused before the next file starts', async () => {
    const t = await createTestContext();
    await t.createMember({ email: 'reste@acheteur.test' });
    await t.close();
    const worker = workerDatabase()!;
    // The check compares the whole state with the template: a reset that does nothing fails it.
    await expect(resetToTemplate(worker.sql, { ...worker.snap, resetSql: 'SELECT 1' })).rejects.toThrow(/differs from the template[\s\S]*"public"."users": 1\//);
    const next = await createTestContext();
    expect(await next.userByEmail('reste@acheteur.test')).toBeUndefined();
    await next.close();
  });
});

import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database, Db } from './db.js';
import { rows } from './db.js';

/**
 * This process, as other processes on the same database see it (docs/decisions/0017-process-leases.md).
 * At start a process takes a PostgreSQL session-level advisory lock named after its random id and
 * keeps it until it stops: the server drops the lock the moment the process's connection goes,
 * kill -9 included. Work that must not outlive its process (a DECP import, an open live stream)
 * records the id of its process; another process tells a dead owner from a live one by trying
 * that lock, with no clock and no delay, so live processes never mark each other's work.
 */
export type Instance = {
  /** A random signed 64-bit integer, as text: the advisory lock key. */
  id: string;
  /** The ids among `ids` whose process is gone (their lock is free). This process is never dead. */
  deadAmong(ids: (string | null)[]): Promise<Set<string | null>>;
};

/** Draws an id and holds its lock for the life of the database connection. */
export async function startInstance(database: Database): Promise<Instance> {
  const id = BigInt.asIntN(64, randomBytes(8).readBigUInt64BE()).toString();
  await database.holdLease(id);
  return { id, deadAmong: (ids) => deadAmong(database.db, id, ids) };
}

async function deadAmong(db: Db, self: string, ids: (string | null)[]): Promise<Set<string | null>> {
  const dead = new Set<string | null>();
  for (const id of new Set(ids)) {
    if (id === self) continue;
    // Rows written before processes had an id (or with a damaged one) have no owner to wait for.
    if (id === null || !/^-?\d{1,19}$/.test(id)) {
      dead.add(id);
      continue;
    }
    // Taken and given back in one statement (one connection): free means its holder is gone; CASE
    // evaluates in order, so a lock that is held is never released by mistake.
    const [r] = await rows<{ free: boolean }>(
      db,
      sql`SELECT CASE WHEN pg_try_advisory_lock(${id}::bigint) THEN pg_advisory_unlock(${id}::bigint) ELSE false END AS free`,
    );
    if (r?.free) dead.add(id);
  }
  return dead;
}

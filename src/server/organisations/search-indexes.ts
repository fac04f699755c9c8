import { sql } from 'drizzle-orm';
import { rows, type Db } from '../platform/db.js';

/**
 * Moves the entries that writes left in the GIN « pending lists » into the indexes themselves: of one
 * table's GIN indexes, or of every GIN index of the schema (help space, library, organisations).
 * A GIN index queues new entries (up to 4 MB) and every search scans that queue linearly until a
 * vacuum merges it; PGlite never autovacuums, so after the registry seed or a SIRENE import each
 * search paid 20–45 ms for it at 120 000 organisations. Merging once after the bulk write costs
 * ~0.4 s there; a smaller queue on the index instead made the same inserts 1.5× slower
 * (docs/performance.md, issue 15). Call it after the write has committed; it takes no lock that
 * blocks readers. Returns the pages merged.
 */
export async function mergeSearchIndexes(db: Db, table: string | null = 'organisations'): Promise<number> {
  const indexes = await rows<{ index: string }>(
    db,
    sql`SELECT i.indexrelid::regclass::text AS index
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
        WHERE am.amname = 'gin' AND c.relnamespace = 'public'::regnamespace
          ${table ? sql`AND i.indrelid = ${table}::regclass` : sql``}
        ORDER BY 1`,
  );
  let pages = 0;
  for (const { index } of indexes) {
    const [r] = await rows<{ n: number | string }>(db, sql`SELECT gin_clean_pending_list(${index}::regclass) AS n`);
    pages += Number(r?.n ?? 0);
  }
  return pages;
}

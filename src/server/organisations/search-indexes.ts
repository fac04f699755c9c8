import { sql } from 'drizzle-orm';
import { rows, type Db } from '../platform/db.js';

/** The GIN indexes of the organisation search (postcodes; folded name's trigrams; French words of the name). */
const SEARCH_GIN_INDEXES = ['organisations_postcodes_idx', 'organisations_name_search_trgm_idx', 'organisations_name_words_idx'] as const;

/**
 * Moves the entries that bulk writes left in the GIN « pending lists » into the indexes themselves.
 * A GIN index queues new entries (up to 4 MB) and every search scans that queue linearly until a
 * vacuum merges it; PGlite never autovacuums, so after the registry seed or a SIRENE import each
 * search paid 20–45 ms for it at 120 000 organisations. Merging once after the bulk write costs
 * ~0.4 s there; a smaller queue on the index instead made the same inserts 1.5× slower
 * (docs/performance.md, issue 15). Call it after the write has committed; it takes no lock that
 * blocks readers. Returns the pages merged.
 */
export async function mergeSearchIndexes(db: Db): Promise<number> {
  let pages = 0;
  for (const index of SEARCH_GIN_INDEXES) {
    const [r] = await rows<{ n: number | string }>(db, sql`SELECT gin_clean_pending_list(${index}::regclass) AS n`);
    pages += Number(r?.n ?? 0);
  }
  return pages;
}

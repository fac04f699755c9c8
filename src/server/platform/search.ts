import { sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from './db.js';

// Full-text search pieces shared by the help space and the library: the capped candidate scan
// (docs/decisions/0009-help-space-at-scale.md), capped totals and highlighted excerpts.

/**
 * Searches rank the most recent matches, at most this many; beyond, totals read « plus de 200 ».
 * 1,000 was measured first: walking to the 1,000th match of moderately rare words took seconds on
 * PGlite (docs/decisions/0009-help-space-at-scale.md).
 */
export const SEARCH_CANDIDATES = 200;

/** `total` is at most `cap`; `totalCapped` says there are more. */
export function cappedTotal(n: number, cap: number) {
  return { total: Math.min(n, cap), totalCapped: n > cap };
}

/**
 * The ids of at most `cap` rows of `select` (a `SELECT <alias>.id FROM … WHERE …` with the
 * reader's visibility and every filter already in it), in one capped scan. First any cap + 1
 * matches (the cheapest plan, e.g. a GIN index stopping early): when there are at most `cap`, they
 * are all the candidates. Otherwise the candidates are the `cap` most recent, found by walking the
 * recency index of `recency` and stopping at the cap-th match — the planner would rather fetch every
 * match from the GIN index and sort them, which is what costs seconds with common words, so bitmap
 * scans are switched off for that one statement. `capped` says there were more.
 */
export async function cappedMatchIds(db: Db, select: SQL, recency: SQL, cap = SEARCH_CANDIDATES): Promise<{ ids: string[]; capped: boolean }> {
  const probe = await rows<{ id: string }>(db, sql`${select} LIMIT ${cap + 1}`);
  if (probe.length <= cap) return { ids: probe.map((r) => r.id), capped: false };
  const recent = await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_bitmapscan = off`);
    return rows<{ id: string }>(tx, sql`${select} ORDER BY ${recency} LIMIT ${cap}`);
  });
  return { ids: recent.map((r) => r.id), capped: true };
}

/** A uuid[] parameter (one bound value, whatever the number of ids). */
export const uuidArray = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

// ts_headline marks matches with these two characters; the text is escaped first, then they become
// <mark>, so a member's text can never inject HTML into an excerpt.
const START = '\u2063\u2064';
const STOP = '\u2064\u2063';

/**
 * French search (migration 0018, docs/decisions/0020-french-search-folding.md): indexed text goes
 * through `french_search_vector(text)` — words stemmed as written, then accents and trailing « e »
 * dropped, plus the stems of the text without accents — and what a person typed through this query,
 * folded the same way, so « réalisé », « réalisées » and « realisees » meet. `typed` is websearch
 * syntax (words, "phrase", -word, or).
 */
export const frenchQuerySql = (typed: string) => sql`french_search_query(${typed})`;

/** A query matching any of `words` (letters and digits only, split by the caller), for « similar » lists. */
export const frenchAnyWordSql = (words: string[]) => frenchQuerySql(words.join(' or '));

/**
 * A French excerpt of `text` around the words typed (`typed`, as given to frenchQuerySql), marked for
 * highlightToHtml (built for one page of rows only: it reads whole texts). ts_headline reads the text
 * with french_unaccent and marks the words that start with a folded stem of the query.
 */
export const headlineSql = (text: SQL, typed: string) =>
  sql`ts_headline('french_unaccent', replace(replace(${text}, chr(8291), ''), chr(8292), ''), french_headline_query(${typed}),
        ${`StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`})`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Plain texts by row id as a relation `p(id, text)`, for building excerpts with headlineSql: the
 * caller turns Markdown into text first (markdownToText), so no excerpt shows Markdown marks.
 */
export const plainTextsSql = (texts: { id: string; text: string }[]) =>
  sql`json_to_recordset(${JSON.stringify(texts)}::json) AS p(id uuid, text text)`;

/** An excerpt from headlineSql as safe HTML: escaped text with <mark> around the matches. */
export function highlightToHtml(headline: string): string {
  return escapeHtml(headline.trim()).split(START).join('<mark>').split(STOP).join('</mark>');
}

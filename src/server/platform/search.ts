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

/** How many of the most recent rows cappedRecentMatchesSql walks before asking the full-text index instead. */
export const RECENT_WALK = 1_000;

/**
 * The `cap` most recent matches of a search, ranked, as common table expressions of one statement
 * (one round trip, the ranking included): `tsq(query)`, `candidates(id, recency, rank)` and
 * `candidate_count(candidates, capped)` (one row; `capped` when there are more than `cap`). The
 * same candidates as cappedMatchIds (all the matches when there are at most `cap`, else the `cap`
 * most recent), found the cheapest way for either kind of query:
 * - a common word: the ids of the `walk` most recent rows passing `where`, in recency order from an
 *   index that covers them (no row read), each row then read and tested (`ts_match_vq`, the
 *   function behind `@@`, which no index serves: the planner cannot swap the walk for a GIN scan
 *   that would read tens of thousands of matches first) until cap + 1 match, a few hundred rows;
 * - otherwise (fewer than cap + 1 among those rows: the words are rarer), every match from the GIN
 *   index (`@@`), sorted by recency. It runs only then (a one-time filter: its CTE is never read).
 * `table` is read as `q`; `where` is the WHERE clause over `q` with the reader's visibility and every
 * filter, without the match; `query` a tsquery expression (computed once). The rank (ts_rank) is
 * computed for the cap + 1 rows only. Ties of recency are broken by id: the same candidates on
 * every run. The walk orders `DESC NULLS LAST`, as recency indexes made with drizzle's `.desc()`
 * are: with a plain DESC the planner sorts every row instead of walking the index.
 */
export function cappedRecentMatchesSql(o: { table: SQL; where: SQL; vector: (alias: SQL) => SQL; query: SQL; recency: (alias: SQL) => SQL; cap?: number; walk?: number }): SQL {
  // The limits are written into the text (integers of ours), not bound: a prepared statement's
  // generic plan would not know them, and sizes its walk from a guess.
  const cap = sql.raw(String(Math.trunc(o.cap ?? SEARCH_CANDIDATES)));
  const capPlusOne = sql.raw(String(Math.trunc(o.cap ?? SEARCH_CANDIDATES) + 1));
  const walk = sql.raw(String(Math.trunc(o.walk ?? RECENT_WALK)));
  const { table, where, vector, recency } = o;
  const [q, v, m] = [sql`q`, sql`v`, sql`m`];
  const query = sql`(SELECT query FROM tsq)`;
  return sql`tsq AS MATERIALIZED (SELECT ${o.query} AS query),
    recent_matches AS MATERIALIZED (
      SELECT w.id, w.recency, ts_rank(${vector(v)}, ${query}) AS rank
      FROM (SELECT q.id, ${recency(q)} AS recency FROM ${table} q WHERE ${where} ORDER BY ${recency(q)} DESC NULLS LAST, q.id LIMIT ${walk}) w
      JOIN ${table} v ON v.id = w.id
      WHERE ts_match_vq(${vector(v)}, ${query})
      ORDER BY w.recency DESC NULLS LAST, w.id LIMIT ${capPlusOne}),
    walk_found AS MATERIALIZED (SELECT count(*)::int AS n FROM recent_matches),
    indexed_matches AS MATERIALIZED (
      SELECT m.id, m.recency, ts_rank(m.vector, ${query}) AS rank FROM (
        SELECT m.id, m.recency, m.vector FROM (
          SELECT q.id, ${recency(q)} AS recency, ${vector(q)} AS vector FROM ${table} q WHERE ${where} AND ${vector(q)} @@ ${query} OFFSET 0) m
        ORDER BY m.recency DESC NULLS LAST, m.id LIMIT ${capPlusOne}) ${m}),
    matches AS MATERIALIZED (
      SELECT id, recency, rank FROM recent_matches WHERE (SELECT n FROM walk_found) > ${cap}
      UNION ALL SELECT id, recency, rank FROM indexed_matches WHERE (SELECT n FROM walk_found) <= ${cap}),
    candidates AS MATERIALIZED (SELECT id, recency, rank FROM matches ORDER BY recency DESC NULLS LAST, id LIMIT ${cap}),
    candidate_count AS (SELECT (SELECT count(*)::int FROM candidates) AS candidates, (SELECT count(*) FROM matches) > ${cap} AS capped)`;
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

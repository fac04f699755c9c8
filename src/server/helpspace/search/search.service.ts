import { sql, type SQL } from 'drizzle-orm';
import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { rows, rowsPrepared } from '../../platform/db.js';
import { fail, ok } from '../../platform/result.js';
import { spreadsheetCsv } from '../../platform/csv.js';
import { cappedRecentMatchesSql, cappedTotal, frenchAnyWordSql, frenchQuerySql, headlineSql, highlightToHtml, plainTextsSql, SEARCH_CANDIDATES } from '../../platform/search.js';
import { markdownToText } from '../posts/markdown.js';
import { authorSql, type PostAuthor } from '../posts/posts.service.js';
import { canReadSpace, canSeeAuthors } from '../helpspace.policy.js';
import { readableSpaceSql, spaceFacts, readerOf, visiblePostSql, type Reader } from '../spaces/spaces.service.js';

export const PAGE_SIZE = 20;
// The capped candidate scan, capped totals and excerpts are shared with the library (platform/search.ts).
export { SEARCH_CANDIDATES };
/** The list counts ten pages ahead of the one shown, never further than its deepest page (1000). */
export const LIST_COUNT_AHEAD = 10 * PAGE_SIZE;
const MAX_PAGE = 1000;

type Filters = { spaceId?: string; theme?: string; tag?: string; solved?: 'true' | 'false'; organisationKind?: string; followedBy?: string };

/**
 * The reader's visibility and the filters, as one WHERE clause over questions `q`. Every column is
 * the question's own (solved_at is denormalised, posts/question-stats.ts), so the planner can walk
 * the index of the requested order and stop after a page.
 */
function whereSql(reader: Reader, f: Filters): SQL {
  const conds: SQL[] = [sql`q.kind = 'question'`, visiblePostSql(reader, 'q'), readableSpaceSql(reader, sql`q.space_id`)];
  if (f.spaceId) conds.push(sql`q.space_id = ${f.spaceId}`);
  if (f.theme) conds.push(sql`q.theme = ${f.theme}`);
  if (f.tag) conds.push(sql`${f.tag} = ANY(q.tags)`);
  if (f.solved === 'true') conds.push(sql`q.solved_at IS NOT NULL`);
  if (f.solved === 'false') conds.push(sql`q.solved_at IS NULL`);
  if (f.followedBy)
    conds.push(sql`EXISTS (SELECT 1 FROM help_follows f WHERE f.user_id = ${f.followedBy} AND f.target_kind = 'question' AND f.target_id = q.id::text)`);
  // A per-row lookup by author (LIMIT keeps the planner from turning it into a join that would
  // probe the full-text index once per member of that kind of organisation).
  if (f.organisationKind)
    conds.push(sql`(SELECT true FROM memberships m JOIN organisations o ON o.id = m.organisation_id
                    WHERE m.user_id = q.author_id AND m.status = 'verified' AND o.kind = ${f.organisationKind} LIMIT 1)`);
  return sql.join(conds, sql` AND `);
}

/** A question's summary columns; meant for the rows of one page only (after LIMIT). */
const summaryColumns = (user: AuthUser | null) => sql`q.id, q.space_id, q.title, q.theme, q.tags, q.locked_at, q.created_at,
  q.answer_count AS answers_count, q.score, q.solved_at IS NOT NULL AS solved,
  ${
    canSeeAuthors(user)
      ? authorSql(sql`q.author_id`)
      : sql`NULL::json`
  } AS author`;

type RawSummary = {
  id: string;
  space_id: string;
  title: string;
  theme: string;
  tags: string[];
  locked_at: Date | string | null;
  created_at: Date | string;
  answers_count: number;
  score: number;
  solved: boolean;
  author: PostAuthor | null;
};

const summaryOf = (user: AuthUser | null) => (r: RawSummary) => ({
  id: r.id,
  spaceId: r.space_id,
  title: r.title,
  theme: r.theme,
  tags: r.tags,
  author: canSeeAuthors(user) ? r.author : null,
  answersCount: Number(r.answers_count),
  score: Number(r.score),
  solved: !!r.solved,
  locked: !!r.locked_at,
  createdAt: new Date(r.created_at).toISOString(),
});

async function spaceReadable(deps: Deps, user: AuthUser | null, spaceId?: string) {
  if (!spaceId) return true;
  const facts = await spaceFacts(deps.db, user?.id ?? null, spaceId);
  return !!facts && canReadSpace(user, facts);
}

/**
 * Questions the reader can see, with filters (space, theme, tag, solved), newest first, most voted
 * first, or only those without a visible answer. Each order has its index (helpspace.tables.ts);
 * the page's ids are found first and only those 20 rows are summarised.
 */
export async function listQuestions(deps: Deps, user: AuthUser | null, q: Filters & { page: number; sort?: 'recent' | 'unanswered' | 'votes' }) {
  if (!(await spaceReadable(deps, user, q.spaceId))) return fail('SPACE_NOT_FOUND');
  const reader = readerOf(user);
  const base = whereSql(reader, q);
  const where = q.sort === 'unanswered' ? sql`${base} AND q.answer_count = 0` : base;
  const order = q.sort === 'votes' ? byVotes : byRecency;
  // Counting every match would read them all: count up to ten pages beyond this one (the pager then
  // offers them, and "plus de …" says there are more). The count and the page in one statement (one
  // round trip): the page's rows joined to the one-row count, a single row of NULLs when it is empty.
  const cap = Math.min(MAX_PAGE * PAGE_SIZE, (q.page - 1) * PAGE_SIZE + LIST_COUNT_AHEAD);
  const list = await rowsPrepared<RawSummary & { total_n: number }>(
    deps.db,
    sql`SELECT c.n AS total_n, s.* FROM (SELECT count(*)::int AS n FROM (SELECT 1 FROM help_posts q WHERE ${where} LIMIT ${cap + 1}) x) c
        LEFT JOIN (${summariesSql(user, where, order, sql.raw(String(PAGE_SIZE)), (q.page - 1) * PAGE_SIZE)}) s ON true
        ORDER BY ${order(sql`s`)}`,
  );
  const items = list.filter((r) => r.id !== null).map(summaryOf(user));
  return ok({ items, ...cappedTotal(Number(list[0]!.total_n), cap), page: q.page, pageSize: PAGE_SIZE });
}

/**
 * The list orders, over the alias of a relation with the summary's columns (questions `q`, or a page
 * of summaries). NULLS LAST as in the order indexes (helpspace.tables.ts: `.desc()` is DESC NULLS
 * LAST), though neither column is ever null: a plain DESC (NULLS FIRST) does not match them, and the
 * planner then reads the rows and sorts them instead of walking the covering index.
 */
type Order = (alias: SQL) => SQL;
const byRecency: Order = (a) => sql`${a}.created_at DESC NULLS LAST, ${a}.id`;
const byVotes: Order = (a) => sql`${a}.score DESC NULLS LAST, ${a}.created_at DESC NULLS LAST, ${a}.id`;

/** One page of question summaries: the page's ids first (by the order's index), then only those rows summarised. */
const summariesSql = (user: AuthUser | null, where: SQL, order: Order, limit: number | SQL, offset: number) =>
  sql`WITH page AS (SELECT q.id FROM help_posts q WHERE ${where} ORDER BY ${order(sql`q`)} LIMIT ${limit} OFFSET ${offset})
      SELECT ${summaryColumns(user)} FROM page JOIN help_posts q ON q.id = page.id`;

async function summaries(deps: Deps, user: AuthUser | null, where: SQL, order: Order, limit: number, offset: number) {
  const list = await rows<RawSummary>(deps.db, sql`SELECT s.* FROM (${summariesSql(user, where, order, limit, offset)}) s ORDER BY ${order(sql`s`)}`);
  return list.map(summaryOf(user));
}

/**
 * For the theme pages (issue 23, item 9): the questions of `theme` the reader may see (the help
 * space's own rule, private spaces included for their members), newest first, and how many.
 */
export async function questionsForTheme(deps: Deps, user: AuthUser | null, theme: string, limit: number) {
  const where = whereSql(readerOf(user), { theme });
  const [{ n }] = (await rows<{ n: number }>(deps.db, sql`SELECT count(*)::int AS n FROM help_posts q WHERE ${where}`)) as [{ n: number }];
  return { items: await summaries(deps, user, where, byRecency, limit, 0), total: Number(n) };
}

/** How many questions each list of the help-space home shows. */
export const HOME_LIST_SIZE = 5;

/**
 * The help-space home, as a forum's: the latest questions, the unanswered ones (no visible answer),
 * the most useful (most « utile » votes, one at least), and for a signed-in reader the questions they
 * follow. Each is the question list's own WHERE clause (the reader's visibility, every space they may
 * read) and order, cut at HOME_LIST_SIZE.
 */
export async function home(deps: Deps, user: AuthUser | null) {
  const reader = readerOf(user);
  const all = whereSql(reader, {});
  const recent = byRecency;
  const first = (where: SQL, order: Order) => summaries(deps, user, where, order, HOME_LIST_SIZE, 0);
  return {
    latest: await first(all, recent),
    unanswered: await first(sql`${all} AND q.answer_count = 0`, recent),
    useful: await first(sql`${all} AND q.score > 0`, byVotes),
    followed: user ? await first(whereSql(reader, { followedBy: user.id }), recent) : null,
  };
}

/**
 * French full-text search over questions and their answers: stemming ('achats responsables' finds
 * 'achat responsable'), accents ignored, highlighted excerpts; only what the reader may see.
 * At scale (docs/decisions/0009-help-space-at-scale.md): each question is one document (its
 * `thread_search`: title A, body B, visible answers C) in a GIN index; the SEARCH_CANDIDATES most
 * recent matches passing every filter are the candidates, ranked by ts_rank; the total is counted
 * among them ("plus de 200"), and excerpts are built for the 20 rows of the page only.
 */
export async function search(deps: Deps, user: AuthUser | null, q: Filters & { q: string; page: number }) {
  if (!(await spaceReadable(deps, user, q.spaceId))) return fail('SPACE_NOT_FOUND');
  const reader = readerOf(user);
  // The candidates, their ranking and the page's summaries in one statement (one round trip):
  // cappedRecentMatchesSql's candidates ranked, the page cut, summarised; joined to the one-row
  // counts, so an empty page is a single row of NULLs that still carries them.
  const list = await rowsPrepared<RawSummary & { rank: number; body: string; candidates: number; capped: boolean }>(
    deps.db,
    sql`WITH ${cappedRecentMatchesSql({ table: sql`help_posts`, where: whereSql(reader, q), vector: (a) => sql`${a}.thread_search`, query: frenchQuerySql(q.q), recency: (a) => sql`${a}.created_at` })},
        ranked AS (SELECT id, rank, recency FROM candidates ORDER BY rank DESC, recency DESC, id LIMIT ${sql.raw(String(PAGE_SIZE))} OFFSET ${(q.page - 1) * PAGE_SIZE})
        SELECT n.candidates, n.capped, s.* FROM candidate_count n LEFT JOIN (
          SELECT ${summaryColumns(user)}, r.rank, q.body FROM ranked r JOIN help_posts q ON q.id = r.id) s ON true
        ORDER BY s.rank DESC, s.created_at DESC, s.id`,
  );
  const page = list.filter((r) => r.id !== null);
  // Excerpts from the plain text of the page's questions (Markdown marks never show).
  const texts = page.map((r) => ({ id: r.id, text: `${r.title} — ${markdownToText(r.body)}` }));
  const headlines = new Map(
    texts.length
      ? (await rowsPrepared<{ id: string; headline: string }>(deps.db, sql`SELECT p.id, ${headlineSql(sql`p.text`, q.q)} AS headline FROM ${plainTextsSql(texts)}`)).map((h) => [h.id, h.headline])
      : [],
  );
  const { candidates, capped } = list[0]!;
  return ok({
    items: page.map((r) => ({ ...summaryOf(user)(r), rank: Number(r.rank), excerptHtml: highlightToHtml(headlines.get(r.id) ?? '') })),
    ...cappedTotal(Number(candidates) + (capped ? 1 : 0), SEARCH_CANDIDATES),
    page: q.page,
    pageSize: PAGE_SIZE,
  });
}

/** Questions similar to a title being typed: any of its words (stemmed), best of the 200 most recent matches, 5 at most. */
export async function similar(deps: Deps, user: AuthUser | null, q: { title: string; spaceId?: string }) {
  // Words only, so nothing the member types can be read as tsquery syntax.
  const words = [...new Set(q.title.match(/[\p{L}\p{N}]{3,}/gu) ?? [])].slice(0, 12);
  if (!words.length || !(await spaceReadable(deps, user, q.spaceId))) return { items: [] };
  const reader = readerOf(user);
  const query = frenchAnyWordSql(words);
  const list = await rows<{ id: string; title: string; solved: boolean }>(
    deps.db,
    sql`WITH c AS (
          SELECT q.id, q.title, q.solved_at, q.created_at, q.search FROM help_posts q
          WHERE ${whereSql(reader, { spaceId: q.spaceId })} AND q.search @@ ${query}
          ORDER BY q.created_at DESC NULLS LAST LIMIT 200)
        SELECT c.id, c.title, c.solved_at IS NOT NULL AS solved FROM c
        ORDER BY ts_rank(c.search, ${query}) DESC, c.created_at DESC LIMIT 5`,
  );
  return { items: list.map((r) => ({ id: r.id, title: r.title, solved: !!r.solved })) };
}

/** The questions of a space as CSV (UTF-8 with BOM, ';'), for facilitators' follow-up and members. */
export async function exportSpaceCsv(deps: Deps, user: AuthUser | null, spaceId: string) {
  if (!(await spaceReadable(deps, user, spaceId))) return fail('SPACE_NOT_FOUND');
  const reader = readerOf(user);
  const list = await rows<RawSummary>(
    deps.db,
    sql`SELECT ${summaryColumns(user)} FROM help_posts q WHERE ${whereSql(reader, { spaceId })} ORDER BY q.created_at, q.id`,
  );
  const header = ['Date', 'Titre', 'Thème', 'Étiquettes', 'Réponses', 'Votes', 'Résolue'];
  const lines = list.map((r) => [new Date(r.created_at).toISOString().slice(0, 10), r.title, r.theme, r.tags.join(', '), Number(r.answers_count), Number(r.score), r.solved ? 'oui' : 'non']);
  return ok(spreadsheetCsv([header, ...lines]));
}

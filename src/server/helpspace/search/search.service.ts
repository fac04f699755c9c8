import { sql, type SQL } from 'drizzle-orm';
import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { rows } from '../../platform/db.js';
import { fail, ok } from '../../platform/result.js';
import { canReadSpace, canSeeAuthors } from '../helpspace.policy.js';
import { loadSpace, readableSpaceSql, readerOf, visiblePostSql, type Reader } from '../spaces/spaces.service.js';

export const PAGE_SIZE = 20;

type Filters = { spaceId?: string; theme?: string; tag?: string; solved?: 'true' | 'false'; organisationKind?: string };

const solvedSql = sql`EXISTS (SELECT 1 FROM help_posts a WHERE a.question_id = q.id AND a.kind = 'answer' AND a.useful_at IS NOT NULL AND a.deleted_at IS NULL AND a.hidden_at IS NULL)`;

/** The reader's visibility and the filters, as one WHERE clause over questions `q`. */
function whereSql(reader: Reader, f: Filters): SQL {
  const conds: SQL[] = [sql`q.kind = 'question'`, visiblePostSql(reader, 'q'), readableSpaceSql(reader, sql`q.space_id`)];
  if (f.spaceId) conds.push(sql`q.space_id = ${f.spaceId}`);
  if (f.theme) conds.push(sql`q.theme = ${f.theme}`);
  if (f.tag) conds.push(sql`${f.tag} = ANY(q.tags)`);
  if (f.solved === 'true') conds.push(solvedSql);
  if (f.solved === 'false') conds.push(sql`NOT ${solvedSql}`);
  if (f.organisationKind)
    conds.push(sql`EXISTS (SELECT 1 FROM memberships m JOIN organisations o ON o.id = m.organisation_id
                           WHERE m.user_id = q.author_id AND m.status = 'verified' AND o.kind = ${f.organisationKind})`);
  return sql.join(conds, sql` AND `);
}

const summaryColumns = (reader: Reader) => sql`q.id, q.space_id, q.title, q.theme, q.tags, q.locked_at, q.created_at, q.author_id,
  (SELECT count(*)::int FROM help_posts a WHERE a.question_id = q.id AND a.kind = 'answer' AND ${visiblePostSql(reader, 'a')}) AS answers_count,
  (SELECT count(*)::int FROM help_votes v WHERE v.post_id = q.id) AS score,
  ${solvedSql} AS solved,
  (SELECT json_build_object('id', u.id, 'displayName', u.first_name || ' ' || u.last_name,
      'organisationName', (SELECT o.name FROM memberships m JOIN organisations o ON o.id = m.organisation_id
                           WHERE m.user_id = u.id AND m.status = 'verified' ORDER BY o.name LIMIT 1))
   FROM users u WHERE u.id = q.author_id) AS author`;

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
  author: { id: string; displayName: string; organisationName: string | null } | null;
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
  const s = await loadSpace(deps.db, user?.id ?? null, spaceId);
  return !!s && canReadSpace(user, s.facts);
}

/**
 * Questions the reader can see, with filters (space, theme, tag, solved), newest first, most voted
 * first, or only those without a visible answer.
 */
export async function listQuestions(deps: Deps, user: AuthUser | null, q: Filters & { page: number; sort?: 'recent' | 'unanswered' | 'votes' }) {
  if (!(await spaceReadable(deps, user, q.spaceId))) return fail('SPACE_NOT_FOUND');
  const reader = readerOf(user);
  const base = whereSql(reader, q);
  const where =
    q.sort === 'unanswered'
      ? sql`${base} AND NOT EXISTS (SELECT 1 FROM help_posts a WHERE a.question_id = q.id AND a.kind = 'answer' AND ${visiblePostSql(reader, 'a')})`
      : base;
  const order = q.sort === 'votes' ? sql`score DESC, q.created_at DESC, q.id` : sql`q.created_at DESC, q.id`;
  const [{ total }] = (await rows<{ total: number }>(deps.db, sql`SELECT count(*)::int AS total FROM help_posts q WHERE ${where}`)) as [{ total: number }];
  const list = await rows<RawSummary>(
    deps.db,
    sql`SELECT ${summaryColumns(reader)} FROM help_posts q WHERE ${where} ORDER BY ${order} LIMIT ${PAGE_SIZE} OFFSET ${(q.page - 1) * PAGE_SIZE}`,
  );
  return ok({ items: list.map(summaryOf(user)), total: Number(total), page: q.page, pageSize: PAGE_SIZE });
}

// ts_headline marks matches with these two characters; the text is escaped first, then they become
// <mark>, so a member's text can never inject HTML into an excerpt.
const START = '\u2063\u2064';
const STOP = '\u2064\u2063';
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
export function highlightToHtml(headline: string): string {
  return escapeHtml(headline.trim()).split(START).join('<mark>').split(STOP).join('</mark>');
}

/**
 * French full-text search over questions and their answers: stemming ('achats responsables' finds
 * 'achat responsable'), accents ignored, ranked by ts_rank (title counts more than body), with
 * highlighted excerpts; only what the reader may see.
 */
export async function search(deps: Deps, user: AuthUser | null, q: Filters & { q: string; page: number }) {
  if (!(await spaceReadable(deps, user, q.spaceId))) return fail('SPACE_NOT_FOUND');
  const reader = readerOf(user);
  const query = sql`websearch_to_tsquery('french', immutable_unaccent(${q.q}))`;
  const answerMatch = sql`(SELECT max(ts_rank(a.search, ${query})) FROM help_posts a
      WHERE a.question_id = q.id AND a.kind = 'answer' AND ${visiblePostSql(reader, 'a')} AND a.search @@ ${query})`;
  // One lookup in the GIN index for questions and answers alike (a question's question_id is itself).
  const matched = sql`q.id IN (SELECT m.question_id FROM help_posts m
      WHERE m.search @@ ${query} AND m.kind IN ('question', 'answer') AND ${visiblePostSql(reader, 'm')})`;
  const where = sql`${whereSql(reader, q)} AND ${matched}`;
  const [{ total }] = (await rows<{ total: number }>(deps.db, sql`SELECT count(*)::int AS total FROM help_posts q WHERE ${where}`)) as [{ total: number }];
  const list = await rows<RawSummary & { rank: number; headline: string }>(
    deps.db,
    sql`SELECT * FROM (
          SELECT ${summaryColumns(reader)},
            ts_rank(q.search, ${query}) + 0.5 * coalesce(${answerMatch}, 0) AS rank,
            ts_headline('french_unaccent', replace(replace(q.title || ' — ' || q.body, chr(8291), ''), chr(8292), ''), ${query},
              ${`StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`}) AS headline
          FROM help_posts q WHERE ${where}) hits
        ORDER BY rank DESC, created_at DESC, id
        LIMIT ${PAGE_SIZE} OFFSET ${(q.page - 1) * PAGE_SIZE}`,
  );
  return ok({
    items: list.map((r) => ({ ...summaryOf(user)(r), rank: Number(r.rank), excerptHtml: highlightToHtml(r.headline) })),
    total: Number(total),
    page: q.page,
    pageSize: PAGE_SIZE,
  });
}

/** Questions similar to a title being typed: any of its words (stemmed), best first, 5 at most. */
export async function similar(deps: Deps, user: AuthUser | null, q: { title: string; spaceId?: string }) {
  // Words only, so nothing the member types can be read as tsquery syntax.
  const words = [...new Set(q.title.match(/[\p{L}\p{N}]{3,}/gu) ?? [])].slice(0, 12);
  if (!words.length || !(await spaceReadable(deps, user, q.spaceId))) return { items: [] };
  const reader = readerOf(user);
  const query = sql`to_tsquery('french', immutable_unaccent(${words.join(' | ')}))`;
  const list = await rows<{ id: string; title: string; solved: boolean }>(
    deps.db,
    sql`SELECT q.id, q.title, ${solvedSql} AS solved FROM help_posts q
        WHERE ${whereSql(reader, { spaceId: q.spaceId })} AND q.search @@ ${query}
        ORDER BY ts_rank(q.search, ${query}) DESC, q.created_at DESC LIMIT 5`,
  );
  return { items: list.map((r) => ({ id: r.id, title: r.title, solved: !!r.solved })) };
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[";\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The questions of a space as CSV (UTF-8 with BOM, ';'), for facilitators' follow-up and members. */
export async function exportSpaceCsv(deps: Deps, user: AuthUser | null, spaceId: string) {
  if (!(await spaceReadable(deps, user, spaceId))) return fail('SPACE_NOT_FOUND');
  const reader = readerOf(user);
  const list = await rows<RawSummary>(
    deps.db,
    sql`SELECT ${summaryColumns(reader)} FROM help_posts q WHERE ${whereSql(reader, { spaceId })} ORDER BY q.created_at, q.id`,
  );
  const header = ['Date', 'Titre', 'Thème', 'Étiquettes', 'Réponses', 'Votes', 'Résolue'];
  const lines = list.map((r) =>
    [new Date(r.created_at).toISOString().slice(0, 10), r.title, r.theme, r.tags.join(', '), Number(r.answers_count), Number(r.score), r.solved ? 'oui' : 'non']
      .map(csvCell)
      .join(';'),
  );
  return ok(`\uFEFF${[header.join(';'), ...lines].join('\r\n')}\r\n`);
}

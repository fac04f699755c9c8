import { sql, type SQL } from 'drizzle-orm';
import { markdownToText } from '../helpspace/posts/markdown.js';
import { isStaff, type AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { rows } from '../platform/db.js';

// A cohort's announcements and its questions to the sponsors, for the theme pages (issue 23, item 9):
// the members' part of a cohort, so its members (any role) and staff only — cohorts.policy.ts
// canSeeMembersPart, written in SQL over a cohort id column.

/** canSeeMembersPart over many rows: staff, or the user has a role in the cohort of `cohortIdColumn`. */
export function membersPartSql(user: AuthUser | null, cohortIdColumn: SQL): SQL {
  if (!user) return sql`false`;
  if (isStaff(user)) return sql`true`;
  return sql`${cohortIdColumn} IN (SELECT cm.cohort_id FROM cohort_members cm WHERE cm.user_id = ${user.id})`;
}

export type AnnouncementThemeItem = { id: string; cohortId: string; cohortName: string; title: string; createdAt: string };
export type SponsorQuestionThemeItem = { id: string; cohortId: string; cohortName: string; excerpt: string; answered: boolean; createdAt: string };

const count = async (deps: Deps, from: SQL) => Number(((await rows<{ n: number }>(deps.db, sql`SELECT count(*)::int AS n FROM ${from}`)) as [{ n: number }])[0].n);

/** The announcements of `theme` in the cohorts whose members' part the user may read, newest first, and how many. */
export async function announcementsForTheme(deps: Deps, user: AuthUser | null, theme: string, limit: number): Promise<{ items: AnnouncementThemeItem[]; total: number }> {
  if (!user) return { items: [], total: 0 };
  const where = sql`${theme} = ANY(a.themes) AND ${membersPartSql(user, sql`a.cohort_id`)}`;
  const total = await count(deps, sql`cohort_announcements a WHERE ${where}`);
  const list = await rows<{ id: string; cohort_id: string; cohort_name: string; title: string; created_at: Date | string }>(
    deps.db,
    sql`SELECT a.id, a.cohort_id, c.name AS cohort_name, a.title, a.created_at FROM cohort_announcements a JOIN cohorts c ON c.id = a.cohort_id
        WHERE ${where} ORDER BY a.created_at DESC, a.id LIMIT ${limit}`,
  );
  return { total, items: list.map((r) => ({ id: r.id, cohortId: r.cohort_id, cohortName: r.cohort_name, title: r.title, createdAt: new Date(r.created_at).toISOString() })) };
}

/** The questions to the sponsors of `theme` in the user's cohorts (readable by its members), newest first, and how many. */
export async function sponsorQuestionsForTheme(deps: Deps, user: AuthUser | null, theme: string, limit: number): Promise<{ items: SponsorQuestionThemeItem[]; total: number }> {
  if (!user) return { items: [], total: 0 };
  const where = sql`${theme} = ANY(q.themes) AND ${membersPartSql(user, sql`q.cohort_id`)}`;
  const total = await count(deps, sql`cohort_sponsor_questions q WHERE ${where}`);
  const list = await rows<{ id: string; cohort_id: string; cohort_name: string; body: string; answered: boolean; created_at: Date | string }>(
    deps.db,
    sql`SELECT q.id, q.cohort_id, c.name AS cohort_name, q.body, q.answer IS NOT NULL AS answered, q.created_at FROM cohort_sponsor_questions q JOIN cohorts c ON c.id = q.cohort_id
        WHERE ${where} ORDER BY q.created_at DESC, q.id LIMIT ${limit}`,
  );
  return {
    total,
    items: list.map((r) => ({ id: r.id, cohortId: r.cohort_id, cohortName: r.cohort_name, excerpt: markdownToText(r.body, { max: 200 }), answered: !!r.answered, createdAt: new Date(r.created_at).toISOString() })),
  };
}

/** For the list of themes: how many announcements and sponsor questions the user may read carry each theme. */
export async function cohortThemeCounts(deps: Deps, user: AuthUser | null): Promise<{ announcements: Record<string, number>; sponsorQuestions: Record<string, number> }> {
  if (!user) return { announcements: {}, sponsorQuestions: {} };
  const per = async (table: SQL) =>
    Object.fromEntries(
      (
        await rows<{ theme: string; n: number }>(
          deps.db,
          sql`SELECT t.theme, count(*)::int AS n FROM ${table} x, unnest(x.themes) AS t(theme) WHERE ${membersPartSql(user, sql`x.cohort_id`)} GROUP BY t.theme`,
        )
      ).map((r) => [r.theme, Number(r.n)]),
    );
  return { announcements: await per(sql`cohort_announcements`), sponsorQuestions: await per(sql`cohort_sponsor_questions`) };
}

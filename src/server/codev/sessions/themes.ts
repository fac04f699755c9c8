import { sql } from 'drizzle-orm';
import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { rows } from '../../platform/db.js';
import { accessibleSessionSql } from './load.js';

// The co-development cases of one theme, for the theme pages (issue 23, item 9). A case's subject is
// private to its group: the session page's own rule (accessibleSessionSql) decides who sees it.

export type CodevThemeItem = { id: string; title: string; cohortName: string; groupName: string; startsAt: string; status: 'planned' | 'running' | 'ended' | 'cancelled' };

/** The cases tagged with `theme` that the user may open, latest first, and how many. */
export async function codevCasesForTheme(deps: Deps, user: AuthUser | null, theme: string, limit: number): Promise<{ items: CodevThemeItem[]; total: number }> {
  if (!user) return { items: [], total: 0 };
  const where = sql`${theme} = ANY(s.themes) AND ${accessibleSessionSql(user, 's')}`;
  const [{ n }] = (await rows<{ n: number }>(deps.db, sql`SELECT count(*)::int AS n FROM codev_sessions s WHERE ${where}`)) as [{ n: number }];
  const list = await rows<{ id: string; title: string; cohort_name: string; group_name: string; starts_at: Date | string; status: 'planned' | 'running' | 'ended'; event_status: string }>(
    deps.db,
    sql`SELECT s.id, s.title, c.name AS cohort_name, g.name AS group_name, e.starts_at, s.status, e.status AS event_status
        FROM codev_sessions s JOIN cohorts c ON c.id = s.cohort_id JOIN codev_groups g ON g.id = s.group_id JOIN events e ON e.id = s.event_id
        WHERE ${where} ORDER BY e.starts_at DESC, s.id LIMIT ${limit}`,
  );
  return {
    total: Number(n),
    items: list.map((r) => ({
      id: r.id,
      title: r.title,
      cohortName: r.cohort_name,
      groupName: r.group_name,
      startsAt: new Date(r.starts_at).toISOString(),
      // As sessionStatusOf says: planned and its event cancelled is a cancelled session.
      status: r.status === 'planned' && r.event_status === 'cancelled' ? 'cancelled' : r.status,
    })),
  };
}

/** For the list of themes: how many cases the user may open carry each theme. */
export async function codevThemeCounts(deps: Deps, user: AuthUser | null): Promise<Record<string, number>> {
  if (!user) return {};
  const list = await rows<{ theme: string; n: number }>(
    deps.db,
    sql`SELECT t.theme, count(*)::int AS n FROM codev_sessions s, unnest(s.themes) AS t(theme) WHERE ${accessibleSessionSql(user, 's')} GROUP BY t.theme`,
  );
  return Object.fromEntries(list.map((r) => [r.theme, Number(r.n)]));
}

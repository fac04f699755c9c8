import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { cohortMembers, cohorts } from '../cohorts/cohorts.tables.js';
import { usefulAnswersByTheme } from '../helpspace/posts/posts.service.js';
import { memberships, organisations } from '../organisations/organisations.tables.js';
import type { Deps } from '../platform/context.js';
import { fail, ok, type Result } from '../platform/result.js';
import { spaserStatusesOf } from '../spaser/spaser-status.js';
import type { MemberProfile } from './accounts.contract.js';
import { users } from './accounts.tables.js';
import { profileVisibleSql } from './profile-visibility.js';


/**
 * A member's profile page (issue 20, item 3), for verified viewers only (the route says so). Shown when
 * the member chose to be visible in the directory and is a verified member of an organisation, exactly
 * the directory's rule; a viewer always sees their own. Anything else is the same refusal, so that the
 * answer never tells whether a hidden account exists. Never an e-mail address.
 */
export async function memberProfile(deps: Deps, viewerId: string, userId: string): Promise<Result<MemberProfile>> {
  const { db } = deps;
  const [u] = await db
    .select({
      id: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
      jobTitle: users.jobTitle,
      regionCode: users.regionCode,
      themes: users.themes,
      availableToHelp: users.availableToHelp,
      visible: profileVisibleSql(sql`"users"."id"`).mapWith(Boolean),
    })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.disabledAt), isNull(users.deletedAt)));
  if (!u) return fail('MEMBER_PROFILE_UNAVAILABLE');
  const orgs = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, 'verified')))
    .orderBy(asc(organisations.name));
  const self = viewerId === userId;
  if (!u.visible && !self) return fail('MEMBER_PROFILE_UNAVAILABLE');

  const [statuses, byTheme, taken] = await Promise.all([
    spaserStatusesOf(db, orgs.map((o) => o.id)),
    usefulAnswersByTheme(db, userId),
    db
      .select({ id: cohorts.id, name: cohorts.name, edition: cohorts.edition, role: cohortMembers.role, startsOn: cohorts.startsOn })
      .from(cohortMembers)
      .innerJoin(cohorts, eq(cohorts.id, cohortMembers.cohortId))
      .where(eq(cohortMembers.userId, userId))
      .orderBy(asc(cohorts.startsOn), asc(cohorts.name)),
  ]);
  return ok({
    ...u,
    self,
    organisations: orgs.map((o) => {
      const s = statuses.get(o.id);
      return { ...o, spaserStatus: s?.status ?? 'unknown', spaserAdoptedOn: s?.adoptedOn ?? null };
    }),
    usefulAnswers: { total: byTheme.reduce((n, t) => n + t.count, 0), byTheme },
    cohorts: taken.map((c) => ({ ...c, startsOn: String(c.startsOn) })),
  });
}

import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { users } from '../../accounts/accounts.tables.js';
import { ownerTree, registerEventAudience } from '../../events/events.audience.js';
import { feedFromEvents } from '../../events/calendar.service.js';
import { createEvent, eventRowsForOwner, listEventsForOwner, type EventInput } from '../../events/events.service.js';
import { events } from '../../events/events.tables.js';
import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { rows } from '../../platform/db.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { randomToken, safeEqual } from '../../platform/tokens.js';
import { canManageCohort, runsCohortSessions } from '../cohorts.policy.js';
import { calendarUrlOf, cohortRole, feedToken, listCohortMembers, loadCohort, loadManagedCohort, loadMemberCohort } from '../cohorts.service.js';
import { cohortAttendance, cohortMembers } from '../cohorts.tables.js';

// A cohort's schedule is made of events of the platform's one event model (events module), owned by
// the cohort ('cohort', id) and restricted to its members through the audience hook below.

export const OWNER_KIND = 'cohort';

registerEventAudience(OWNER_KIND, {
  async ownerIdsFor(db, userId) {
    const list = await db.select({ id: cohortMembers.cohortId }).from(cohortMembers).where(eq(cohortMembers.userId, userId));
    return list.map((r) => r.id);
  },
  async exists(db, ownerId) {
    return (await loadCohort(db, ownerId)) !== null;
  },
  /** The cohort's own facilitators (cohorts.policy runsCohortSessions) edit and cancel its sessions on the agenda. */
  async manages(db, userId, ownerId) {
    return runsCohortSessions(await cohortRole(db, ownerId, userId));
  },
});

/** A session of the cohort: an event owned by it, visible to its members and staff only. */
export async function createSession(deps: Deps, actor: AuthUser, cohortId: string, body: Omit<EventInput, 'visibility' | 'ownerKind' | 'ownerId'>): Promise<Result<{ id: string }>> {
  const loaded = await loadManagedCohort(deps.db, actor, cohortId);
  if (!loaded.ok) return loaded;
  return createEvent(deps, actor, { ...body, visibility: 'restricted', ownerKind: OWNER_KIND, ownerId: cohortId });
}

/** What comes next and what happened, with attendance: counts for managers, one's own for members. */
export async function schedule(deps: Deps, user: AuthUser, cohortId: string) {
  const loaded = await loadMemberCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  const manager = canManageCohort(user, loaded.value.role);
  const list = await listEventsForOwner(deps, OWNER_KIND, cohortId, user);
  const ids = list.map((e) => e.id);
  const marks = ids.length ? await deps.db.select().from(cohortAttendance).where(inArray(cohortAttendance.eventId, ids)) : [];
  // A co-development session opens its own page (codev module), the other sessions their agenda page.
  const codevIds = list.filter((e) => e.kind === 'codev').map((e) => e.id);
  const codev = codevIds.length
    ? await rows<{ id: string; event_id: string }>(deps.db, sql`SELECT id, event_id FROM codev_sessions WHERE event_id IN (${sql.join(codevIds.map((id) => sql`${id}::uuid`), sql`, `)})`)
    : [];
  const now = deps.clock.now().getTime();
  const withAttendance = list.map((e) => {
    const mine = marks.filter((m) => m.eventId === e.id);
    return {
      ...e,
      codevSessionId: codev.find((c) => c.event_id === e.id)?.id ?? null,
      attendance: manager
        ? { present: mine.filter((m) => m.present).length, absent: mine.filter((m) => !m.present).length, mine: null }
        : { present: null, absent: null, mine: mine.find((m) => m.userId === user.id)?.present ?? null },
    };
  });
  return ok({
    upcoming: withAttendance.filter((e) => new Date(e.endsAt).getTime() > now),
    past: withAttendance.filter((e) => new Date(e.endsAt).getTime() <= now).reverse(),
    canManage: manager,
  });
}

/**
 * A session of the cohort's schedule: its own events and those of its nested groups (co-development).
 * A sponsor's office hours (kind office_hours) are bookings, not sessions: no attendance sheet, so
 * they never count as a missed session on the follow-up dashboard.
 */
async function loadSession(deps: Deps, cohortId: string, eventId: string) {
  const [e] = await deps.db.select().from(events).where(eq(events.id, eventId));
  if (!e || !e.ownerKind || !e.ownerId || e.kind === 'office_hours') return null;
  const owners = await ownerTree(deps.db, OWNER_KIND, cohortId);
  return owners.some((o) => o.ownerKind === e.ownerKind && o.ownerIds.includes(e.ownerId!)) ? e : null;
}

/** The participants and sponsors of the cohort with their mark for the session (managers only). */
export async function attendance(deps: Deps, user: AuthUser, cohortId: string, eventId: string) {
  const loaded = await loadManagedCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  const session = await loadSession(deps, cohortId, eventId);
  if (!session) return fail('SESSION_NOT_FOUND');
  const people = await listCohortMembers(deps.db, cohortId, { roles: ['participant', 'sponsor'] });
  const marks = await deps.db.select().from(cohortAttendance).where(eq(cohortAttendance.eventId, eventId));
  return ok({
    session: { id: session.id, title: session.title, kind: session.kind, startsAt: session.startsAt.toISOString(), endsAt: session.endsAt.toISOString() },
    items: people.map((p) => ({
      userId: p.userId,
      firstName: p.firstName,
      lastName: p.lastName,
      role: p.role,
      organisationName: p.organisationName,
      present: marks.find((m) => m.userId === p.userId)?.present ?? null,
    })),
  });
}

/** Marks who came (managers; once the session has started; only the cohort's members). All or nothing. */
export async function markAttendance(deps: Deps, user: AuthUser, cohortId: string, eventId: string, entries: { userId: string; present: boolean }[]): Promise<Result<{ ok: true }>> {
  const loaded = await loadManagedCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  const session = await loadSession(deps, cohortId, eventId);
  if (!session) return fail('SESSION_NOT_FOUND');
  const now = deps.clock.now();
  if (session.startsAt.getTime() > now.getTime()) return fail('SESSION_NOT_STARTED');
  const members = new Set((await listCohortMembers(deps.db, cohortId)).map((m) => m.userId));
  if (entries.some((e) => !members.has(e.userId))) return fail('ATTENDANCE_NOT_MEMBER', { entries: "Une des personnes cochées ne fait pas partie de la promotion." });
  await deps.db.transaction(async (tx) => {
    for (const e of entries)
      await tx
        .insert(cohortAttendance)
        .values({ eventId, userId: e.userId, present: e.present, markedBy: user.id, markedAt: now })
        .onConflictDoUpdate({ target: [cohortAttendance.eventId, cohortAttendance.userId], set: { present: e.present, markedBy: user.id, markedAt: now } });
  });
  return ok({ ok: true as const });
}

// ---- The cohort's iCalendar feed, one secret address per member ---------------------------------

/** A new secret address for the member; the previous one stops working at once. */
export async function regenerateCalendarUrl(deps: Deps, user: AuthUser, cohortId: string): Promise<Result<{ calendarUrl: string }>> {
  const loaded = await loadMemberCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  if (!loaded.value.role) return fail('COHORT_NOT_A_MEMBER');
  await deps.db
    .update(cohortMembers)
    .set({ calendarToken: randomToken() })
    .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, user.id)));
  return ok({ calendarUrl: (await calendarUrlOf(deps, cohortId, user.id))! });
}

/**
 * The cohort's sessions as iCalendar, for the member whose secret address this is (connection links
 * included). A member who left, a disabled account, a renewed address or an unknown one: 404.
 */
export async function cohortFeed(deps: Deps, cohortId: string, token: string): Promise<Result<{ name: string; ics: string }>> {
  const cohort = await loadCohort(deps.db, cohortId);
  if (!cohort) return fail('NOT_FOUND');
  const members = await deps.db
    .select({ userId: cohortMembers.userId, nonce: cohortMembers.calendarToken })
    .from(cohortMembers)
    .innerJoin(users, eq(users.id, cohortMembers.userId))
    // A disabled account's address stops working with the account.
    .where(and(eq(cohortMembers.cohortId, cohortId), isNull(users.disabledAt)));
  const member = members.find((m) => safeEqual(feedToken(deps, cohortId, m.userId, m.nonce), token));
  if (!member) return fail('NOT_FOUND');
  // The cohort's sessions, and the co-development sessions of the member's own group(s).
  const rows = await eventRowsForOwner(deps.db, OWNER_KIND, cohortId, member.userId);
  return ok({ name: cohort.name, ics: feedFromEvents(deps, `Entraide — ${cohort.name}`, rows, () => true) });
}

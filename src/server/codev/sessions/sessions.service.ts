import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { users } from '../../accounts/accounts.tables.js';
import { announce } from '../../notifications/notifications.service.js';
import { CODEV_SESSION } from '../codev.notifications.js';
import { cohortRole, loadManagedCohort } from '../../cohorts/cohorts.service.js';
import { cohorts } from '../../cohorts/cohorts.tables.js';
import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import type { Db, Tx } from '../../platform/db.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { codevSteps, STEP_COUNT } from '../codev.contract.js';
import '../codev.messages.js';
import { codevLabels as L } from '../codev.messages.js';
import { canFacilitateSession } from '../codev.policy.js';
import { codevGroups, codevNotes, codevSessions } from '../codev.tables.js';
import { groupMemberIds } from '../groups/groups.service.js';
import { loadSessionFor, sessionTopic, type SessionRow } from './load.js';
import { archiveAndSchedule } from '../summary/summary.service.js';
import { inviteesOf, OWNER_KIND, sessionEvent } from './agenda.js';
import { createEvent, loadEvent, retitleEvent } from '../../events/events.service.js';
import { enrol } from '../../events/registrations.service.js';
import { canEditEvent, canSeeOnlineUrl } from '../../events/events.policy.js';
import { TITLE_MAX as EVENT_TITLE_MAX } from '../../events/events.contract.js';
import type { CreateSessionBody } from '../codev.contract.js';

type Person = { id: string; firstName: string; lastName: string };

/** The step and timer at `now`: every screen computes the same time left from these fields (whole seconds, rounded up). */
export function stateOf(s: Pick<SessionRow, 'status' | 'currentStep' | 'stepStartedAt' | 'stepDurationSeconds' | 'endedAt'>, now: Date) {
  const running = s.status === 'running' && s.stepStartedAt && s.stepDurationSeconds !== null;
  return {
    status: s.status,
    currentStep: s.currentStep,
    stepStartedAt: s.stepStartedAt?.toISOString() ?? null,
    stepDurationSeconds: s.stepDurationSeconds,
    secondsLeft: running ? Math.ceil((s.stepStartedAt!.getTime() + s.stepDurationSeconds! * 1000 - now.getTime()) / 1000) : null,
    serverNow: now.toISOString(),
    endedAt: s.endedAt?.toISOString() ?? null,
  };
}

const personFields = { id: users.id, firstName: users.firstName, lastName: users.lastName };

async function notesOf(db: Db | Tx, sessionId: string) {
  const rows = await db
    .select({ n: codevNotes, firstName: users.firstName, lastName: users.lastName })
    .from(codevNotes)
    .innerJoin(users, eq(users.id, codevNotes.authorId))
    .where(eq(codevNotes.sessionId, sessionId))
    .orderBy(asc(codevNotes.step), asc(codevNotes.createdAt), asc(users.lastName));
  return rows.map(({ n, firstName, lastName }) => noteView(n, `${firstName} ${lastName}`));
}

const noteView = (n: typeof codevNotes.$inferSelect, authorName: string) => ({
  id: n.id,
  step: n.step,
  authorId: n.authorId,
  authorName,
  body: n.body,
  version: n.version,
  updatedAt: n.updatedAt.toISOString(),
});

/** A session is cancelled when its event was cancelled before it started. */
export const sessionStatusOf = (s: Pick<SessionRow, 'status'>, e: { status: 'scheduled' | 'cancelled' }) =>
  s.status === 'planned' && e.status === 'cancelled' ? ('cancelled' as const) : s.status;

/** Everything the session page and the co-development screen show (members, facilitator, staff). */
export async function getSession(deps: Deps, user: AuthUser, sessionId: string) {
  const loaded = await loadSessionFor(deps.db, user, sessionId);
  if (!loaded.ok) return loaded;
  const { session: s, memberIds, standing } = loaded.value;
  const [group] = await deps.db.select({ id: codevGroups.id, name: codevGroups.name }).from(codevGroups).where(eq(codevGroups.id, s.groupId));
  const [cohort] = await deps.db.select({ id: cohorts.id, name: cohorts.name }).from(cohorts).where(eq(cohorts.id, s.cohortId));
  const people: Person[] = await deps.db
    .select(personFields)
    .from(users)
    .where(inArray(users.id, [...new Set([...memberIds, s.caseOwnerId, s.facilitatorId])]))
    .orderBy(asc(users.lastName), asc(users.firstName));
  const find = (id: string) => people.find((p) => p.id === id) ?? { id, firstName: '', lastName: '' };
  const role = user.id === s.facilitatorId ? 'facilitator' : user.id === s.caseOwnerId ? 'caseOwner' : standing.groupMember ? 'consultant' : 'staff';
  // The event's own rules (events.policy.ts) say who sees the link and who may move or cancel it.
  const ev = (await loadEvent(deps.db, user, s.eventId))!;
  return ok({
    id: s.id,
    title: s.title,
    themes: s.themes,
    status: sessionStatusOf(s, ev.event),
    event: {
      id: ev.event.id,
      startsAt: ev.event.startsAt.toISOString(),
      endsAt: ev.event.endsAt.toISOString(),
      place: ev.event.place,
      onlineUrl: canSeeOnlineUrl(user, ev.facts) || standing.sessionFacilitator ? ev.event.onlineUrl : null,
      status: ev.event.status,
      calendarUrl: `/api/events/${ev.event.id}/calendar.ics`,
    },
    cohort: cohort!,
    group: group!,
    caseOwner: find(s.caseOwnerId),
    consultants: people.filter((p) => memberIds.includes(p.id) && p.id !== s.caseOwnerId),
    facilitator: find(s.facilitatorId),
    reviewRequired: s.reviewRequired,
    approvedAt: s.approvedAt?.toISOString() ?? null,
    summaryDueAt: s.summaryDueAt?.toISOString() ?? null,
    state: stateOf(s, deps.clock.now()),
    notes: await notesOf(deps.db, s.id),
    me: { id: user.id, role: role as 'caseOwner' | 'consultant' | 'facilitator' | 'staff' },
    can: { facilitate: canFacilitateSession(user, standing), write: s.status === 'running', editEvent: canEditEvent(user, ev.facts) && s.status === 'planned' },
  });
}

/** Whether the user may facilitate sessions of the cohort: its facilitators and staff. */
async function mayFacilitate(db: Db | Tx, cohortId: string, userId: string): Promise<boolean> {
  const [u] = await db.select({ role: users.role, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId));
  if (!u || u.disabledAt) return false;
  return u.role === 'facilitator' || u.role === 'admin' || (await cohortRole(db, cohortId, userId)) === 'facilitator';
}

/**
 * Plans a session for a group (cohort managers): a case owner of the group, a facilitator, and its
 * event (kind codev, restricted to the group) created in the same transaction, with a place for each
 * member and the facilitator — so it is in the cohort's schedule and feed and in their own calendars.
 */
export async function createSession(deps: Deps, user: AuthUser, groupId: string, input: CreateSessionBody): Promise<Result<{ id: string }>> {
  const [group] = await deps.db.select().from(codevGroups).where(eq(codevGroups.id, groupId));
  if (!group) return fail('CODEV_GROUP_NOT_FOUND');
  const loaded = await loadManagedCohort(deps.db, user, group.cohortId);
  if (!loaded.ok) return loaded;
  const memberIds = await groupMemberIds(deps.db, groupId);
  if (!memberIds.includes(input.caseOwnerId)) return fail('CODEV_SESSION_INVALID', { caseOwnerId: L.caseOwnerNotMember });
  const facilitatorId = input.facilitatorId ?? user.id;
  if (!(await mayFacilitate(deps.db, group.cohortId, facilitatorId))) return fail('CODEV_SESSION_INVALID', { facilitatorId: L.facilitatorNotAllowed });
  const [owner] = await deps.db.select(personFields).from(users).where(eq(users.id, input.caseOwnerId));
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const event = await createEvent(
      deps,
      user,
      {
        kind: 'codev',
        title: L.event.title(group.name, input.title).slice(0, EVENT_TITLE_MAX),
        description: L.event.description(group.name, loaded.value.cohort.name, `${owner!.firstName} ${owner!.lastName}`),
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        onlineUrl: input.onlineUrl,
        place: input.place,
        capacity: null,
        visibility: 'restricted',
        ownerKind: OWNER_KIND,
        ownerId: groupId,
      },
      tx,
    );
    if (!event.ok) return event;
    const [row] = await tx
      .insert(codevSessions)
      .values({
        groupId,
        cohortId: group.cohortId,
        eventId: event.value.id,
        title: input.title,
        themes: input.themes,
        caseOwnerId: input.caseOwnerId,
        facilitatorId,
        reviewRequired: input.reviewRequired,
        createdBy: user.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: codevSessions.id });
    await enrol(deps, tx, event.value.id, inviteesOf({ facilitatorId }, memberIds));
    await announce(deps, tx, CODEV_SESSION, row!.id, user.id);
    return ok({ id: row!.id });
  });
}

/**
 * Changes the subject (and the event's title with it), the case's themes or the review setting (the session's
 * facilitator and staff). The date, place and link change on the event, through the agenda.
 */
export async function updateSession(deps: Deps, user: AuthUser, sessionId: string, patch: { title?: string; themes?: string[]; reviewRequired?: boolean }) {
  const loaded = await loadSessionFor(deps.db, user, sessionId);
  if (!loaded.ok) return loaded;
  if (!canFacilitateSession(user, loaded.value.standing)) return fail('CODEV_FACILITATE_FORBIDDEN');
  const s = loaded.value.session;
  // Once the sheets are queued, the review setting no longer changes anything: refuse to pretend.
  if (patch.reviewRequired !== undefined && s.status === 'ended') return fail('CODEV_STEP_ACTION');
  await deps.db.transaction(async (tx) => {
    await tx
      .update(codevSessions)
      .set({
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.themes !== undefined ? { themes: patch.themes } : {}),
        ...(patch.reviewRequired !== undefined ? { reviewRequired: patch.reviewRequired } : {}),
        updatedAt: deps.clock.now(),
      })
      .where(eq(codevSessions.id, sessionId));
    if (patch.title !== undefined && patch.title !== s.title) {
      const [group] = await tx.select({ name: codevGroups.name }).from(codevGroups).where(eq(codevGroups.id, s.groupId));
      await retitleEvent(deps, tx, s.eventId, L.event.title(group!.name, patch.title).slice(0, EVENT_TITLE_MAX));
    }
  });
  return ok({ ok: true as const });
}

/**
 * The facilitator conducts the steps: start (step 1), next, extend the current step by some
 * minutes, end. Each change is stored (the timer lives in the database) and pushed to open screens.
 * Ending archives the summary sheet and schedules its e-mails for the next morning.
 */
export async function stepAction(deps: Deps, user: AuthUser, sessionId: string, input: { action: 'start' | 'next' | 'extend' | 'end'; minutes?: number }) {
  const loaded = await loadSessionFor(deps.db, user, sessionId);
  if (!loaded.ok) return loaded;
  if (!canFacilitateSession(user, loaded.value.standing)) return fail('CODEV_FACILITATE_FORBIDDEN');
  const s = loaded.value.session;
  const now = deps.clock.now();
  const stepStart = (n: number) => ({ currentStep: n, stepStartedAt: now, stepDurationSeconds: codevSteps[n - 1]!.minutes * 60 });
  let patch: Partial<SessionRow>;
  switch (input.action) {
    case 'start':
      if (s.status !== 'planned') return fail('CODEV_STEP_ACTION');
      if ((await sessionEvent(deps.db, s.eventId)).status === 'cancelled') return fail('CODEV_SESSION_CANCELLED');
      patch = { status: 'running', startedAt: now, ...stepStart(1) };
      break;
    case 'next':
      if (s.status !== 'running' || s.currentStep >= STEP_COUNT) return fail('CODEV_STEP_ACTION');
      patch = stepStart(s.currentStep + 1);
      break;
    case 'extend':
      if (s.status !== 'running') return fail('CODEV_STEP_ACTION');
      patch = { stepDurationSeconds: (s.stepDurationSeconds ?? 0) + (input.minutes ?? 5) * 60 };
      break;
    case 'end':
      if (s.status !== 'running') return fail('CODEV_STEP_ACTION');
      patch = { status: 'ended', endedAt: now, stepStartedAt: null, stepDurationSeconds: null };
      break;
  }
  const updated = await deps.db.transaction(async (tx) => {
    // The status in the WHERE makes two facilitators' simultaneous clicks count once.
    const [row] = await tx
      .update(codevSessions)
      .set({ ...patch, updatedAt: now })
      .where(and(eq(codevSessions.id, sessionId), eq(codevSessions.status, s.status), eq(codevSessions.currentStep, s.currentStep)))
      .returning();
    if (row && input.action === 'end') await archiveAndSchedule(deps, tx, row, loaded.value.memberIds);
    return row;
  });
  if (!updated) return fail('CODEV_STEP_ACTION');
  const state = stateOf(updated, now);
  deps.bus.publish(sessionTopic(sessionId), { type: 'state', state });
  return ok({ state });
}

/**
 * Saves the user's own note for a step (created at version 0, then each save names the version it
 * replaces): a stale version gets CODEV_NOTE_CONFLICT and changes nothing. Open while the session
 * runs, for the steps reached so far. Pushed live to the other screens.
 */
export async function saveNote(deps: Deps, user: AuthUser, sessionId: string, step: number, input: { body: string; version: number }) {
  const loaded = await loadSessionFor(deps.db, user, sessionId, 'CODEV_NOTES_FORBIDDEN');
  if (!loaded.ok) return loaded;
  const s = loaded.value.session;
  if (s.status === 'planned') return fail('CODEV_SESSION_NOT_STARTED');
  if (s.status === 'ended') return fail('CODEV_SESSION_ENDED');
  if (step > s.currentStep) return fail('CODEV_STEP_NOT_STARTED');
  const now = deps.clock.now();
  const [row] =
    input.version === 0
      ? await deps.db
          .insert(codevNotes)
          .values({ sessionId, step, authorId: user.id, body: input.body, version: 1, createdAt: now, updatedAt: now })
          .onConflictDoNothing()
          .returning()
      : await deps.db
          .update(codevNotes)
          .set({ body: input.body, version: sql`${codevNotes.version} + 1`, updatedAt: now })
          .where(and(eq(codevNotes.sessionId, sessionId), eq(codevNotes.step, step), eq(codevNotes.authorId, user.id), eq(codevNotes.version, input.version)))
          .returning();
  if (!row) return fail('CODEV_NOTE_CONFLICT');
  const note = noteView(row, `${user.firstName} ${user.lastName}`);
  deps.bus.publish(sessionTopic(sessionId), { type: 'note', note });
  return ok({ note });
}


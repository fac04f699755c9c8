import { and, asc, eq, inArray } from 'drizzle-orm';
import { users } from '../../accounts/accounts.tables.js';
import { listCohortMembers, loadManagedCohort, loadMemberCohort, type CohortMember } from '../../cohorts/cohorts.service.js';
import { canManageCohort } from '../../cohorts/cohorts.policy.js';
import { cohortMembers } from '../../cohorts/cohorts.tables.js';
import type { AuthUser } from '../../platform/auth.js';
import { isStaff } from '../../platform/auth.js';
import { announceAccessChange } from '../../platform/bus.js';
import type { Deps } from '../../platform/context.js';
import type { Db, Tx } from '../../platform/db.js';
import { fail, ok, type Result } from '../../platform/result.js';
import '../codev.messages.js';
import { codevLabels as L } from '../codev.messages.js';
import { codevGroupMembers, codevGroups, codevSessions } from '../codev.tables.js';
import { groupProblem, suggestGroups, type Candidate } from './suggest.js';
import { events } from '../../events/events.tables.js';
import { syncGroupInvitations } from '../sessions/agenda.js';
import { sessionStatusOf } from '../sessions/sessions.service.js';

const asCandidate = (m: CohortMember): Candidate => ({
  userId: m.userId,
  name: `${m.lastName} ${m.firstName}`,
  organisationId: m.organisationId,
  organisationName: m.organisationName,
  organisationKind: m.organisationKind,
});
const asParticipant = (m: CohortMember) => ({
  id: m.userId,
  firstName: m.firstName,
  lastName: m.lastName,
  organisationId: m.organisationId,
  organisationName: m.organisationName,
  organisationKind: m.organisationKind,
});

/**
 * The user ids of a group's members who are still in its cohort: someone removed from the cohort
 * loses the group's notes, stream, sheet and sessions at once, even before the groups are edited.
 */
export async function groupMemberIds(db: Db | Tx, groupId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: codevGroupMembers.userId })
    .from(codevGroupMembers)
    .innerJoin(cohortMembers, and(eq(cohortMembers.cohortId, codevGroupMembers.cohortId), eq(cohortMembers.userId, codevGroupMembers.userId)))
    .where(eq(codevGroupMembers.groupId, groupId));
  return rows.map((r) => r.userId);
}

/**
 * A cohort's co-development: its groups with their sessions. Managers (staff, the cohort's
 * facilitators) see every group, the participants and who may facilitate; a participant sees their group.
 */
export async function getCohortCodev(deps: Deps, user: AuthUser, cohortId: string) {
  const loaded = await loadMemberCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  const { cohort, role } = loaded.value;
  const manage = canManageCohort(user, role);
  const members = await listCohortMembers(deps.db, cohortId);
  const participants = members.filter((m) => m.role === 'participant');
  let groups = await deps.db.select().from(codevGroups).where(eq(codevGroups.cohortId, cohortId)).orderBy(asc(codevGroups.name));
  const links = groups.length
    ? await deps.db.select().from(codevGroupMembers).where(inArray(codevGroupMembers.groupId, groups.map((g) => g.id)))
    : [];
  if (!manage && !isStaff(user)) groups = groups.filter((g) => links.some((l) => l.groupId === g.id && l.userId === user.id));
  const sessions = groups.length
    ? await deps.db
        .select({ s: codevSessions, e: { startsAt: events.startsAt, endsAt: events.endsAt, status: events.status } })
        .from(codevSessions)
        .innerJoin(events, eq(events.id, codevSessions.eventId))
        .where(inArray(codevSessions.groupId, groups.map((g) => g.id)))
        .orderBy(asc(events.startsAt), asc(codevSessions.id))
    : [];
  const peopleIds = [...new Set(sessions.flatMap(({ s }) => [s.caseOwnerId, s.facilitatorId]))];
  const people = peopleIds.length
    ? await deps.db.select({ id: users.id, firstName: users.firstName, lastName: users.lastName }).from(users).where(inArray(users.id, peopleIds))
    : [];
  const personOf = (id: string) => people.find((p) => p.id === id) ?? { id, firstName: '', lastName: '' };
  const byId = new Map(members.map((m) => [m.userId, m]));
  return ok({
    cohort: { id: cohort.id, name: cohort.name },
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      members: links
        .filter((l) => l.groupId === g.id)
        .map((l) => byId.get(l.userId))
        .filter((m): m is CohortMember => !!m)
        .map(asParticipant),
      sessions: sessions
        .filter(({ s }) => s.groupId === g.id)
        .map(({ s, e }) => ({
          id: s.id,
          title: s.title,
          eventId: s.eventId,
          startsAt: e.startsAt.toISOString(),
          endsAt: e.endsAt.toISOString(),
          status: sessionStatusOf(s, e),
          caseOwner: personOf(s.caseOwnerId),
          facilitator: personOf(s.facilitatorId),
        })),
    })),
    participants: manage ? participants.map(asParticipant) : null,
    facilitators: manage
      ? members.filter((m) => m.role === 'facilitator').map((m) => ({ id: m.userId, firstName: m.firstName, lastName: m.lastName }))
      : null,
    can: { manage },
  });
}

/** A suggestion of groups for the cohort's participants (see suggest.ts), or why none is possible. */
export async function suggestCohortGroups(deps: Deps, user: AuthUser, cohortId: string) {
  const loaded = await loadManagedCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  const participants = await listCohortMembers(deps.db, cohortId, { roles: ['participant'] });
  const r = suggestGroups(participants.map(asCandidate));
  if (!r.ok) {
    const f = r.failure;
    const message = f.reason === 'too_few' ? L.tooFew(f.count) : f.reason === 'sizes' ? L.sizes(f.count) : L.sameOrganisation(f.organisationName, f.people, f.groups);
    return fail('CODEV_SUGGESTION_IMPOSSIBLE', { groups: message });
  }
  return ok({ groups: r.groups.map((g, i) => ({ name: L.groupName(i + 1), memberIds: g.map((p) => p.userId) })) });
}

type GroupsInput = { groups: { id?: string; name: string; memberIds: string[] }[] };

/**
 * Replaces the cohort's groups by those given (managers only): each of 5 to 8 participants of the
 * cohort, nobody twice, never two people of one organisation; a group left out is deleted unless it
 * has sessions. All or nothing.
 */
export async function saveCohortGroups(deps: Deps, user: AuthUser, cohortId: string, input: GroupsInput): Promise<Result<{ ok: true }>> {
  const loaded = await loadManagedCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  const participants = new Map((await listCohortMembers(deps.db, cohortId, { roles: ['participant'] })).map((m) => [m.userId, asCandidate(m)]));
  const fields: Record<string, string> = {};
  const seen = new Set<string>();
  input.groups.forEach((g, i) => {
    const key = `groups.${i}.memberIds`;
    if (g.memberIds.some((id) => !participants.has(id))) fields[key] = L.groupUnknownMember;
    else if (g.memberIds.some((id) => seen.has(id)) || new Set(g.memberIds).size !== g.memberIds.length) fields[key] = L.groupTwice;
    else {
      const problem = groupProblem(g.memberIds.map((id) => participants.get(id)!));
      if (problem) fields[key] = problem.reason === 'size' ? L.groupSize(problem.count) : L.groupSameOrganisation(problem.organisationName);
    }
    g.memberIds.forEach((id) => seen.add(id));
  });
  if (Object.keys(fields).length) return fail('CODEV_GROUPS_INVALID', fields);
  const existing = await deps.db.select({ id: codevGroups.id }).from(codevGroups).where(eq(codevGroups.cohortId, cohortId));
  const givenIds = new Set(input.groups.map((g) => g.id).filter(Boolean));
  if ([...givenIds].some((id) => !existing.some((e) => e.id === id))) return fail('CODEV_GROUP_NOT_FOUND');
  const removed = existing.filter((e) => !givenIds.has(e.id)).map((e) => e.id);
  if (removed.length) {
    const used = await deps.db.select({ id: codevSessions.id }).from(codevSessions).where(inArray(codevSessions.groupId, removed)).limit(1);
    if (used.length) return fail('CODEV_GROUP_HAS_SESSIONS');
  }
  const now = deps.clock.now();
  // Everyone who was in a group before the change: their open streams check their rights again.
  const previous = await deps.db.select({ userId: codevGroupMembers.userId }).from(codevGroupMembers).where(eq(codevGroupMembers.cohortId, cohortId));
  await deps.db.transaction(async (tx) => {
    if (removed.length) await tx.delete(codevGroups).where(inArray(codevGroups.id, removed));
    await tx.delete(codevGroupMembers).where(eq(codevGroupMembers.cohortId, cohortId));
    for (const g of input.groups) {
      let id = g.id;
      if (id) await tx.update(codevGroups).set({ name: g.name, updatedAt: now }).where(and(eq(codevGroups.id, id), eq(codevGroups.cohortId, cohortId)));
      else {
        const [row] = await tx.insert(codevGroups).values({ cohortId, name: g.name, createdBy: user.id, createdAt: now, updatedAt: now }).returning({ id: codevGroups.id });
        id = row!.id;
      }
      if (g.memberIds.length) await tx.insert(codevGroupMembers).values(g.memberIds.map((userId) => ({ groupId: id!, cohortId, userId })));
      // The sessions still ahead follow the group: places for newcomers, none for who left.
      if (g.id) await syncGroupInvitations(deps, tx, id!);
    }
  });
  announceAccessChange(deps.bus, previous.map((p) => p.userId), 'membership');
  return ok({ ok: true as const });
}

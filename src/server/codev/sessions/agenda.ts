import { and, eq, inArray, sql } from 'drizzle-orm';
import { runsCohortSessions } from '../../cohorts/cohorts.policy.js';
import { cohortRole } from '../../cohorts/cohorts.service.js';
import { registerEventAudience } from '../../events/events.audience.js';
import { enrol, unenrol } from '../../events/registrations.service.js';
import { eventRegistrations, events } from '../../events/events.tables.js';
import type { Deps } from '../../platform/context.js';
import type { Db, Tx } from '../../platform/db.js';
import { rows } from '../../platform/db.js';
import { codevGroups, codevSessions } from '../codev.tables.js';
import { groupMemberIds } from '../groups/groups.service.js';

// A co-development session's date, place or link and cancellation live on an event of the platform's
// one event model (kind codev), owned by the session's group ('codev_group', group id): restricted to
// the group, the cohort's facilitators and staff, part of the cohort's schedule and feed, and in the
// personal feed of everyone it is for (they are registered to it). See docs/decisions/0013 (amendment).

export const OWNER_KIND = 'codev_group';

registerEventAudience(OWNER_KIND, {
  /** The groups the user is in (while still in their cohort), and every group of the cohorts they facilitate. */
  async ownerIdsFor(db, userId) {
    const list = await rows<{ id: string }>(
      db,
      sql`SELECT g.id FROM codev_groups g
          WHERE EXISTS (SELECT 1 FROM codev_group_members m JOIN cohort_members c ON c.cohort_id = m.cohort_id AND c.user_id = m.user_id
                        WHERE m.group_id = g.id AND m.user_id = ${userId})
             OR EXISTS (SELECT 1 FROM cohort_members c WHERE c.cohort_id = g.cohort_id AND c.user_id = ${userId} AND c.role = 'facilitator')`,
    );
    return list.map((r) => r.id);
  },
  async exists(db, ownerId) {
    return (await db.select({ id: codevGroups.id }).from(codevGroups).where(eq(codevGroups.id, ownerId))).length === 1;
  },
  /** The cohort's own facilitators run its groups' sessions on the agenda. */
  async manages(db, userId, ownerId) {
    const [g] = await db.select({ cohortId: codevGroups.cohortId }).from(codevGroups).where(eq(codevGroups.id, ownerId));
    return !!g && runsCohortSessions(await cohortRole(db, g.cohortId, userId));
  },
  partOf: {
    ownerKind: 'cohort',
    async ownerIdsWithin(db, cohortId) {
      return (await db.select({ id: codevGroups.id }).from(codevGroups).where(eq(codevGroups.cohortId, cohortId))).map((g) => g.id);
    },
  },
});

/** Who the session's event is for: the group's members and the session's facilitator. */
export const inviteesOf = (s: { facilitatorId: string }, memberIds: string[]) => [...new Set([...memberIds, s.facilitatorId])];

/**
 * After a group's members changed (in the caller's transaction): the events of its sessions still
 * ahead give places to newcomers and take them back from who left.
 */
export async function syncGroupInvitations(deps: Deps, tx: Tx, groupId: string) {
  const memberIds = await groupMemberIds(tx, groupId);
  const ahead = await tx
    .select({ eventId: codevSessions.eventId, facilitatorId: codevSessions.facilitatorId })
    .from(codevSessions)
    .innerJoin(events, eq(events.id, codevSessions.eventId))
    .where(and(eq(codevSessions.groupId, groupId), eq(codevSessions.status, 'planned'), eq(events.status, 'scheduled'), sql`${events.startsAt} > ${deps.clock.now()}`));
  for (const s of ahead) {
    const invitees = inviteesOf(s, memberIds);
    const holding = await tx
      .select({ userId: eventRegistrations.userId })
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, s.eventId), inArray(eventRegistrations.status, ['registered', 'waitlisted'])));
    await unenrol(deps, tx, s.eventId, holding.map((h) => h.userId).filter((id) => !invitees.includes(id)));
    await enrol(deps, tx, s.eventId, invitees);
  }
}

/** The session's event row. */
export async function sessionEvent(db: Db | Tx, eventId: string) {
  const [e] = await db.select().from(events).where(eq(events.id, eventId));
  return e!;
}

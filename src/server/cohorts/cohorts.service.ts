import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { announce } from '../notifications/notifications.service.js';
import { COHORT_OPEN } from './cohorts.notifications.js';
import { users } from '../accounts/accounts.tables.js';
import { canSeeAuthors } from '../helpspace/helpspace.policy.js';
import { markdownToText, renderMarkdown } from '../helpspace/posts/markdown.js';
import { addSpaceMember, createPrivateSpace, removeSpaceMember } from '../helpspace/spaces/spaces.service.js';
import { organisations } from '../organisations/organisations.tables.js';
import type { SponsorSuggestions } from '../peers/peers.contract.js';
import { suggestSponsors } from '../peers/peers.service.js';
import { isStaff, type AuthUser } from '../platform/auth.js';
import { announceAccessChange } from '../platform/bus.js';
import type { Deps } from '../platform/context.js';
import type { Db, Tx } from '../platform/db.js';
import { fail, ok, type Result } from '../platform/result.js';
import { randomToken, sign } from '../platform/tokens.js';
import { readableResourceSql, readerOf as libraryReaderOf } from '../library/resources/resources.service.js';
import { summariesByIds } from '../library/search/search.service.js';
import { rows } from '../platform/db.js';
import './cohorts.messages.js';
import { cohortLabels } from './cohorts.messages.js';
import { canApply, canChangeStatus, canCreateCohort, canManageCohort, canSeeMembersPart, nextStatuses } from './cohorts.policy.js';
import { cohortApplications, cohortMembers, cohorts, type CohortRole, type CohortStatus } from './cohorts.tables.js';

export type CohortRow = typeof cohorts.$inferSelect;

// ---------------------------------------------------------------------------------------------
// The core API other modules build on (co-development, schedule, surveys, library).
// ---------------------------------------------------------------------------------------------

/** The user's role in the cohort, or null when they have none (staff included: staff is not a role). */
export async function cohortRole(db: Db | Tx, cohortId: string, userId: string | null | undefined): Promise<CohortRole | null> {
  if (!userId) return null;
  const [m] = await db
    .select({ role: cohortMembers.role })
    .from(cohortMembers)
    .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, userId)));
  return m?.role ?? null;
}

/** Whether the user belongs to the cohort in any role (participant, sponsor or facilitator). */
export async function isCohortMember(db: Db | Tx, cohortId: string, userId: string | null | undefined): Promise<boolean> {
  return (await cohortRole(db, cohortId, userId)) !== null;
}

export type CohortMember = {
  userId: string;
  firstName: string;
  lastName: string;
  email: string;
  role: CohortRole;
  organisationId: string | null;
  organisationName: string | null;
  organisationKind: string | null;
};

/** The cohort's members (optionally of some roles), by name; e-mail included for the services' own use. */
export async function listCohortMembers(db: Db | Tx, cohortId: string, opts: { roles?: CohortRole[] } = {}): Promise<CohortMember[]> {
  const where = opts.roles?.length
    ? and(eq(cohortMembers.cohortId, cohortId), inArray(cohortMembers.role, opts.roles), isNull(users.disabledAt))
    : and(eq(cohortMembers.cohortId, cohortId), isNull(users.disabledAt));
  return db
    .select({
      userId: cohortMembers.userId,
      firstName: users.firstName,
      lastName: users.lastName,
      email: users.email,
      role: cohortMembers.role,
      organisationId: cohortMembers.organisationId,
      organisationName: organisations.name,
      organisationKind: organisations.kind,
    })
    .from(cohortMembers)
    .innerJoin(users, eq(users.id, cohortMembers.userId))
    .leftJoin(organisations, eq(organisations.id, cohortMembers.organisationId))
    .where(where)
    .orderBy(asc(users.lastName), asc(users.firstName));
}

/** The cohort row, or null. */
export async function loadCohort(db: Db | Tx, cohortId: string): Promise<CohortRow | null> {
  const [c] = await db.select().from(cohorts).where(eq(cohorts.id, cohortId));
  return c ?? null;
}

/**
 * Loads the cohort and the user's role, and checks the user may manage it (staff or the cohort's
 * facilitators). Unknown cohort → COHORT_NOT_FOUND, whoever asks.
 */
export async function loadManagedCohort(db: Db | Tx, user: AuthUser, cohortId: string): Promise<Result<{ cohort: CohortRow; role: CohortRole | null }>> {
  const cohort = await loadCohort(db, cohortId);
  if (!cohort) return fail('COHORT_NOT_FOUND');
  const role = await cohortRole(db, cohortId, user.id);
  if (!canManageCohort(user, role)) return fail('COHORT_MANAGE_FORBIDDEN');
  return ok({ cohort, role });
}

/** Loads the cohort and checks the user sees its members' part (members and staff). */
export async function loadMemberCohort(db: Db | Tx, user: AuthUser | null, cohortId: string): Promise<Result<{ cohort: CohortRow; role: CohortRole | null }>> {
  const cohort = await loadCohort(db, cohortId);
  if (!cohort) return fail('COHORT_NOT_FOUND');
  const role = await cohortRole(db, cohortId, user?.id);
  if (!canSeeMembersPart(user, role)) return fail(user ? 'COHORT_FORBIDDEN' : 'UNAUTHENTICATED');
  return ok({ cohort, role });
}

/**
 * Gives a person a role in the cohort (or changes it) and adds them to its private space, in the
 * caller's transaction. Idempotent.
 */
export async function putCohortMember(
  deps: Deps,
  actor: AuthUser,
  cohort: Pick<CohortRow, 'id' | 'spaceId'>,
  input: { userId: string; role: CohortRole; organisationId?: string | null },
  db: Db | Tx = deps.db,
): Promise<Result<{ ok: true }>> {
  const [u] = await db.select({ id: users.id }).from(users).where(and(eq(users.id, input.userId), isNull(users.disabledAt)));
  if (!u) return fail('COHORT_MEMBER_ACCOUNT', { userId: "Ce compte n'existe pas ou est désactivé." });
  const now = deps.clock.now();
  await db
    .insert(cohortMembers)
    .values({ cohortId: cohort.id, userId: u.id, role: input.role, organisationId: input.organisationId ?? null, calendarToken: randomToken(), addedBy: actor.id, createdAt: now })
    .onConflictDoUpdate({
      target: [cohortMembers.cohortId, cohortMembers.userId],
      set: input.organisationId === undefined ? { role: input.role } : { role: input.role, organisationId: input.organisationId },
    });
  if (cohort.spaceId) {
    const added = await addSpaceMember(deps, actor, cohort.spaceId, u.id, db);
    if (!added.ok) return added;
  }
  return ok({ ok: true as const });
}

// ---------------------------------------------------------------------------------------------
// Cohorts: create, update, list, page, members.
// ---------------------------------------------------------------------------------------------

export type CohortInput = {
  name: string;
  edition: number;
  startsOn: string;
  endsOn: string;
  capacity: number;
  description: string;
  sponsorIds: string[];
  facilitatorIds: string[];
};

/** Creates a cohort with its private help space; sponsors and facilitators join both. */
export async function createCohort(deps: Deps, actor: AuthUser, input: CohortInput): Promise<Result<{ id: string }>> {
  if (input.endsOn < input.startsOn) return fail('COHORT_DATES', { endsOn: 'La date de fin doit suivre la date de début.' });
  const people = [...new Set([...input.sponsorIds, ...input.facilitatorIds])];
  if (people.length) {
    const found = await deps.db.select({ id: users.id }).from(users).where(and(inArray(users.id, people), isNull(users.disabledAt)));
    if (found.length !== people.length) return fail('COHORT_MEMBER_ACCOUNT', { sponsorIds: "Un des comptes choisis n'existe pas ou est désactivé." });
  }
  return deps.db.transaction(async (tx) => ok({ id: (await insertCohort(deps, tx, actor, input)).id }));
}

/**
 * The one path that writes a new cohort, in the caller's transaction (a new cohort, or the next edition
 * copied from another, programme/copy.service.ts): the row open to applications, its private help space,
 * its sponsors and facilitators in both, and the news that it takes applications. Inputs are checked.
 */
export async function insertCohort(deps: Deps, tx: Tx, actor: AuthUser, input: CohortInput & { copiedFromId?: string | null }): Promise<{ id: string; spaceId: string }> {
  const now = deps.clock.now();
  const [cohort] = await tx
    .insert(cohorts)
    .values({
      name: input.name,
      edition: input.edition,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      capacity: input.capacity,
      description: input.description,
      status: 'candidatures_ouvertes',
      copiedFromId: input.copiedFromId ?? null,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const space = await createPrivateSpace(
    deps,
    actor,
    { name: cohortLabels.spaceName(input.name), description: cohortLabels.spaceDescription(input.name), memberIds: [], cohortId: cohort!.id },
    tx,
  );
  if (!space.ok) throw new Error(`cohort space: ${space.error}`);
  await tx.update(cohorts).set({ spaceId: space.value.id }).where(eq(cohorts.id, cohort!.id));
  const withSpace = { id: cohort!.id, spaceId: space.value.id };
  // A person listed twice is a facilitator (the stronger role).
  for (const userId of input.sponsorIds.filter((id) => !input.facilitatorIds.includes(id)))
    await putCohortMember(deps, actor, withSpace, { userId, role: 'sponsor' }, tx);
  for (const userId of input.facilitatorIds) await putCohortMember(deps, actor, withSpace, { userId, role: 'facilitator' }, tx);
  await announce(deps, tx, COHORT_OPEN, cohort!.id, actor.id);
  return withSpace;
}

export type CohortPatch = Partial<CohortInput> & { status?: CohortStatus };

/**
 * Updates a cohort (managers only): its fields, its status (legal moves only, cohorts.policy.ts) and,
 * when given, its sponsor and facilitator lists, which replace the current ones: people left out
 * leave the cohort and its private space, newcomers join both. Every check runs before anything is
 * written; the French message comes per field.
 */
export async function updateCohort(deps: Deps, actor: AuthUser, cohortId: string, patch: CohortPatch): Promise<Result<{ ok: true }>> {
  const loaded = await loadManagedCohort(deps.db, actor, cohortId);
  if (!loaded.ok) return loaded;
  const removed: string[] = [];
  const result = await deps.db.transaction(async (tx) => {
    // Locked like an acceptance, so the capacity check holds against a concurrent decision.
    const [cohort] = await tx.select().from(cohorts).where(eq(cohorts.id, cohortId)).for('update');
    if (!cohort) return fail('COHORT_NOT_FOUND');
    const failures: { code: string; field: string; message: string }[] = [];
    const startsOn = patch.startsOn ?? cohort.startsOn;
    const endsOn = patch.endsOn ?? cohort.endsOn;
    if (endsOn < startsOn) failures.push({ code: 'COHORT_DATES', field: 'endsOn', message: 'La date de fin doit suivre la date de début.' });
    if (patch.status && !canChangeStatus(cohort.status, patch.status))
      failures.push({ code: 'COHORT_STATUS_TRANSITION', field: 'status', message: cohortLabels.statusTransition(cohort.status, nextStatuses(cohort.status)) });
    if (patch.capacity !== undefined && patch.capacity < (await acceptedCount(tx, cohortId)))
      failures.push({ code: 'COHORT_CAPACITY_BELOW_ACCEPTED', field: 'capacity', message: 'La capacité ne peut être inférieure au nombre de participants déjà acceptés.' });
    for (const key of ['sponsorIds', 'facilitatorIds'] as const) {
      const ids = [...new Set(patch[key] ?? [])];
      if (!ids.length) continue;
      const found = await tx.select({ id: users.id }).from(users).where(and(inArray(users.id, ids), isNull(users.disabledAt)));
      if (found.length !== ids.length) failures.push({ code: 'COHORT_MEMBER_ACCOUNT', field: key, message: "Un des comptes choisis n'existe pas ou est désactivé." });
    }
    // A cohort facilitator who is not staff would lose the page they are on: only staff remove them.
    if (patch.facilitatorIds && !isStaff(actor) && !patch.facilitatorIds.includes(actor.id))
      failures.push({ code: 'COHORT_SELF_REMOVAL', field: 'facilitatorIds', message: "Vous ne pouvez pas vous retirer vous-même de l'animation : demandez-le à l'équipe du programme." });
    if (failures.length) return fail(failures[0]!.code, Object.fromEntries(failures.map((f) => [f.field, f.message])));

    const { sponsorIds, facilitatorIds, ...fields } = patch;
    await tx.update(cohorts).set({ ...fields, updatedAt: deps.clock.now() }).where(eq(cohorts.id, cohortId));
    if (sponsorIds || facilitatorIds) {
      const current = await tx
        .select({ userId: cohortMembers.userId, role: cohortMembers.role })
        .from(cohortMembers)
        .where(and(eq(cohortMembers.cohortId, cohortId), inArray(cohortMembers.role, ['sponsor', 'facilitator'])));
      const facilitators = new Set(facilitatorIds ?? current.filter((m) => m.role === 'facilitator').map((m) => m.userId));
      // A person listed twice is a facilitator (the stronger role), as at creation.
      const sponsors = new Set((sponsorIds ?? current.filter((m) => m.role === 'sponsor').map((m) => m.userId)).filter((id) => !facilitators.has(id)));
      for (const m of current.filter((m) => !facilitators.has(m.userId) && !sponsors.has(m.userId))) {
        await tx.delete(cohortMembers).where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, m.userId)));
        if (cohort.spaceId) await removeSpaceMember(deps, cohort.spaceId, m.userId, tx);
        removed.push(m.userId);
      }
      for (const userId of sponsors) {
        const put = await putCohortMember(deps, actor, cohort, { userId, role: 'sponsor' }, tx);
        if (!put.ok) throw new Error(`cohort sponsor: ${put.error}`);
      }
      for (const userId of facilitators) {
        const put = await putCohortMember(deps, actor, cohort, { userId, role: 'facilitator' }, tx);
        if (!put.ok) throw new Error(`cohort facilitator: ${put.error}`);
      }
    }
    return ok({ ok: true as const });
  });
  if (result.ok) announceAccessChange(deps.bus, removed, 'membership');
  return result;
}

/** Accepted participants (the capacity counts them). */
export async function acceptedCount(db: Db | Tx, cohortId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(cohortMembers)
    .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.role, 'participant')));
  return Number(r?.n ?? 0);
}

type Person = { id: string; firstName: string; lastName: string };

async function summaries(deps: Deps, user: AuthUser | null, list: CohortRow[]) {
  if (!list.length) return [];
  const ids = list.map((c) => c.id);
  const staffRows = await deps.db
    .select({ cohortId: cohortMembers.cohortId, role: cohortMembers.role, id: users.id, firstName: users.firstName, lastName: users.lastName })
    .from(cohortMembers)
    .innerJoin(users, eq(users.id, cohortMembers.userId))
    .where(and(inArray(cohortMembers.cohortId, ids), inArray(cohortMembers.role, ['sponsor', 'facilitator'])))
    .orderBy(asc(users.lastName), asc(users.firstName));
  const counts = await deps.db
    .select({ cohortId: cohortMembers.cohortId, n: sql<number>`count(*)::int` })
    .from(cohortMembers)
    .where(and(inArray(cohortMembers.cohortId, ids), eq(cohortMembers.role, 'participant')))
    .groupBy(cohortMembers.cohortId);
  const mine = user
    ? await deps.db
        .select({ cohortId: cohortMembers.cohortId, role: cohortMembers.role })
        .from(cohortMembers)
        .where(and(inArray(cohortMembers.cohortId, ids), eq(cohortMembers.userId, user.id)))
    : [];
  // Names of people are shown to members and staff, like the help space's authors.
  const names = canSeeAuthors(user);
  const people = (cohortId: string, role: CohortRole): Person[] =>
    names ? staffRows.filter((r) => r.cohortId === cohortId && r.role === role).map(({ id, firstName, lastName }) => ({ id, firstName, lastName })) : [];
  return list.map((c) => {
    const myRole = mine.find((m) => m.cohortId === c.id)?.role ?? null;
    return {
      id: c.id,
      name: c.name,
      edition: c.edition,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      capacity: c.capacity,
      description: c.description,
      excerpt: markdownToText(c.description, { max: 240 }),
      status: c.status,
      acceptedCount: Number(counts.find((n) => n.cohortId === c.id)?.n ?? 0),
      sponsors: people(c.id, 'sponsor'),
      facilitators: people(c.id, 'facilitator'),
      myRole,
      can: { apply: canApply(user, myRole, c.status), manage: canManageCohort(user, myRole), seeMembersPart: canSeeMembersPart(user, myRole) },
    };
  });
}

/** Every cohort, open ones first, then running, then finished; newest first within each. */
export async function listCohorts(deps: Deps, user: AuthUser | null) {
  const list = await deps.db
    .select()
    .from(cohorts)
    .orderBy(sql`CASE ${cohorts.status} WHEN 'candidatures_ouvertes' THEN 0 WHEN 'en_cours' THEN 1 ELSE 2 END`, desc(cohorts.startsOn), asc(cohorts.name));
  return { items: await summaries(deps, user, list), can: { create: canCreateCohort(user) } };
}

/** A cohort page: the public part for everyone; the member list and private space for members and staff. */
export async function getCohort(deps: Deps, user: AuthUser | null, cohortId: string) {
  const cohort = await loadCohort(deps.db, cohortId);
  if (!cohort) return fail('COHORT_NOT_FOUND');
  const [summary] = await summaries(deps, user, [cohort]);
  const members = summary!.can.seeMembersPart
    ? {
        spaceId: cohort.spaceId,
        list: (await listCohortMembers(deps.db, cohortId)).map(({ email: _e, ...m }) => m),
        calendarUrl: user ? await calendarUrlOf(deps, cohortId, user.id) : null,
        resources: await cohortResources(deps, user, cohort),
      }
    : null;
  return ok({
    ...summary!,
    descriptionHtml: renderMarkdown(cohort.description),
    nextStatuses: summary!.can.manage ? [...nextStatuses(cohort.status)] : [],
    myApplication: await myApplication(deps, user?.id, cohortId),
    members,
  });
}

/** Gives someone a role in the cohort (managers only). */
export async function setMember(deps: Deps, actor: AuthUser, cohortId: string, userId: string, input: { role: CohortRole; organisationId?: string | null }) {
  const loaded = await loadManagedCohort(deps.db, actor, cohortId);
  if (!loaded.ok) return loaded;
  if (input.role === 'participant') {
    const current = await cohortRole(deps.db, cohortId, userId);
    if (current !== 'participant' && (await acceptedCount(deps.db, cohortId)) >= loaded.value.cohort.capacity) return fail('COHORT_FULL');
  }
  // An organisation that does not exist is a French refusal, not the foreign key's error (found by the API fuzzer).
  if (input.organisationId) {
    const [org] = await deps.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, input.organisationId));
    if (!org) return fail('VALIDATION', { organisationId: "Cette organisation n'existe pas." });
  }
  return deps.db.transaction((tx) => putCohortMember(deps, actor, loaded.value.cohort, { userId, ...input }, tx));
}

/** Removes someone from the cohort and from its private space (managers only). */
export async function removeMember(deps: Deps, actor: AuthUser, cohortId: string, userId: string): Promise<Result<{ ok: true }>> {
  const loaded = await loadManagedCohort(deps.db, actor, cohortId);
  if (!loaded.ok) return loaded;
  const { cohort } = loaded.value;
  const result = await deps.db.transaction(async (tx) => {
    const gone = await tx
      .delete(cohortMembers)
      .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, userId)))
      .returning({ u: cohortMembers.userId });
    if (!gone.length) return fail('COHORT_NOT_A_MEMBER');
    if (cohort.spaceId) await removeSpaceMember(deps, cohort.spaceId, userId, tx);
    return ok({ ok: true as const });
  });
  // Their open streams (co-development notes) check their rights again.
  if (result.ok) announceAccessChange(deps.bus, [userId], 'membership');
  return result;
}

/** The current user's application to a cohort, or null. */
export async function myApplication(deps: Deps, userId: string | null | undefined, cohortId: string) {
  if (!userId) return null;
  const [a] = await deps.db
    .select({ id: cohortApplications.id, status: cohortApplications.status, decisionMessage: cohortApplications.decisionMessage, createdAt: cohortApplications.createdAt })
    .from(cohortApplications)
    .where(and(eq(cohortApplications.cohortId, cohortId), eq(cohortApplications.userId, userId)));
  return a ? { ...a, createdAt: a.createdAt.toISOString() } : null;
}

// ---- The cohort's iCalendar feed address (the feed itself is in schedule/) ---------------------

export const feedToken = (deps: Deps, cohortId: string, userId: string, nonce: string) => sign(deps.config.sessionSecret, `cohort-feed:${cohortId}:${userId}:${nonce}`);
const feedUrl = (deps: Deps, cohortId: string, token: string) => `${deps.config.baseUrl}/api/cohorts/${cohortId}/calendar/${token}.ics`;

/** The member's feed address (null for staff who are not in the cohort). */
export async function calendarUrlOf(deps: Deps, cohortId: string, userId: string): Promise<string | null> {
  const [m] = await deps.db
    .select({ nonce: cohortMembers.calendarToken })
    .from(cohortMembers)
    .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, userId)));
  return m ? feedUrl(deps, cohortId, feedToken(deps, cohortId, userId, m.nonce)) : null;
}


// ---- The cohort's resource collection: library resources reserved to its private space ---------

/** The library resources reserved to the cohort's private space that the reader may see, latest first. */
export async function cohortResources(deps: Deps, user: AuthUser | null, cohort: Pick<CohortRow, 'spaceId'>) {
  if (!cohort.spaceId) return [];
  const reader = libraryReaderOf(user);
  const ids = await rows<{ id: string }>(
    deps.db,
    sql`SELECT r.id FROM library_resources r WHERE r.visibility = 'space' AND r.space_id = ${cohort.spaceId} AND ${readableResourceSql(reader, 'r')} ORDER BY r.published_at DESC NULLS LAST, r.id LIMIT 50`,
  );
  return summariesByIds(deps.db, reader, ids.map((r) => r.id));
}

/**
 * Sponsors to suggest on the cohort's edit page (issue 20, item 6), for those who manage it: ranked for
 * the organisations of its accepted participants or, while there are none, of its candidates whose
 * application is open or accepted. Its members (sponsors, facilitators, participants) are never suggested.
 */
export async function sponsorSuggestions(deps: Deps, actor: AuthUser, cohortId: string): Promise<Result<SponsorSuggestions>> {
  const loaded = await loadManagedCohort(deps.db, actor, cohortId);
  if (!loaded.ok) return loaded;
  const members = await deps.db
    .select({ userId: cohortMembers.userId, role: cohortMembers.role, organisationId: cohortMembers.organisationId })
    .from(cohortMembers)
    .where(eq(cohortMembers.cohortId, cohortId));
  const distinct = (ids: (string | null)[]) => [...new Set(ids.filter((id): id is string => id !== null))];
  const participantOrgs = distinct(members.filter((m) => m.role === 'participant').map((m) => m.organisationId));
  const applicantOrgs = participantOrgs.length
    ? []
    : distinct(
        (
          await deps.db
            .select({ organisationId: cohortApplications.organisationId })
            .from(cohortApplications)
            .where(and(eq(cohortApplications.cohortId, cohortId), inArray(cohortApplications.status, ['pending', 'waitlisted', 'accepted'])))
        ).map((a) => a.organisationId),
      );
  const organisationIds = participantOrgs.length ? participantOrgs : applicantOrgs;
  const basis = participantOrgs.length ? 'participants' : applicantOrgs.length ? 'applicants' : 'none';
  const items = await suggestSponsors(deps, actor.id, { organisationIds, excludeUserIds: members.map((m) => m.userId) });
  return ok({ basis, organisationCount: organisationIds.length, items });
}

import { alias } from 'drizzle-orm/pg-core';
import { and, asc, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import { users } from '../../accounts/accounts.tables.js';
import { listEventsForOwner, createEvent } from '../../events/events.service.js';
import { cancelRegistration, register } from '../../events/registrations.service.js';
import { eventRegistrations, events } from '../../events/events.tables.js';
import { renderMarkdown } from '../../helpspace/posts/markdown.js';
import { createNotifications } from '../../notifications/notifications.service.js';
import { memberships } from '../../organisations/organisations.tables.js';
import { organisations } from '../../organisations/organisations.tables.js';
import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { spaserStatusesOf } from '../../spaser/spaser-status.js';
import type { Theme } from '../../../shared/fields.js';
import { fromParisLocal } from '../../../shared/paris-time.js';
import { COHORT_SPONSOR_ANSWER, COHORT_SPONSOR_QUESTION } from '../cohorts.notifications.js';
import { canManageCohort } from '../cohorts.policy.js';
import { listCohortMembers, loadMemberCohort, type CohortMember } from '../cohorts.service.js';
import type { CohortRole } from '../cohorts.tables.js';
import { cohortSponsorProfiles, cohortSponsorQuestions } from '../programme.tables.js';
import { OWNER_KIND } from '../schedule/schedule.service.js';
import { UNANSWERED_QUESTIONS_MAX, type OfficeHourBody, type SponsorProfileBody, type SponsorQuestionBody } from './sponsors.contract.js';
import { sponsorText } from './sponsors.messages.js';
import './sponsors.personal-data.js';

// The sponsor's role in a cohort (issue 23, item 3). Sponsors (role 'sponsor': experienced buyers
// whose organisation already adopted its SPASER) tell their story and what they offer; they hold
// office hours, which are events of the one event model (kind 'office_hours', owned by the cohort,
// so they are in its calendar and feed; `created_by` is the sponsor who holds it) booked through the
// events' registration — a full slot puts the next person on its waitlist, who gets the place if the
// booking is cancelled; and they answer a question queue whose answers the whole cohort reads.
// Everything here is for the cohort's members and staff only.

export const OFFICE_HOURS = 'office_hours' as const;

/** Who may do what on the sponsor page (pure; the routes' refusals come from the same rules). */
export function sponsorPagePolicy(user: AuthUser, role: CohortRole | null, status: string) {
  const manage = canManageCohort(user, role);
  const open = status !== 'terminee';
  return {
    editProfile: role === 'sponsor',
    createSlots: (role === 'sponsor' || manage) && open,
    book: role === 'participant',
    ask: role === 'participant' && open,
    answer: role === 'sponsor' || manage,
    // The cohort's results summary (figures only, never individual answers): sponsors and managers.
    seeOutcome: (role === 'sponsor' || manage) && status !== 'candidatures_ouvertes',
  };
}

/** The organisation a sponsor speaks for: their organisation in the cohort, else their first verified one. */
async function sponsorOrganisations(deps: Deps, sponsors: CohortMember[]) {
  const missing = sponsors.filter((s) => !s.organisationId).map((s) => s.userId);
  const verified = missing.length
    ? await deps.db
        .select({ userId: memberships.userId, organisationId: memberships.organisationId, name: organisations.name })
        .from(memberships)
        .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
        .where(and(inArray(memberships.userId, missing), eq(memberships.status, 'verified')))
        .orderBy(asc(memberships.createdAt))
    : [];
  return new Map(
    sponsors.map((s) => {
      if (s.organisationId) return [s.userId, { id: s.organisationId, name: s.organisationName }] as const;
      const v = verified.find((x) => x.userId === s.userId);
      return [s.userId, v ? { id: v.organisationId, name: v.name as string | null } : null] as const;
    }),
  );
}

/** The sponsor page: profiles with their organisation's SPASER status, office hours, questions and answers. */
export async function sponsorPage(deps: Deps, user: AuthUser | null, cohortId: string) {
  const loaded = await loadMemberCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  const { cohort, role } = loaded.value;
  const me = user!;
  const can = sponsorPagePolicy(me, role, cohort.status);
  const manage = canManageCohort(me, role);

  const sponsors = await listCohortMembers(deps.db, cohortId, { roles: ['sponsor'] });
  const profiles = await deps.db.select().from(cohortSponsorProfiles).where(eq(cohortSponsorProfiles.cohortId, cohortId));
  const orgOf = await sponsorOrganisations(deps, sponsors);
  const orgIds = [...new Set([...orgOf.values()].filter((o) => !!o).map((o) => o!.id))];
  const statuses = orgIds.length ? await spaserStatusesOf(deps.db, orgIds) : new Map();

  // Office hours: the cohort's events of that kind, as the viewer sees them, with who holds each.
  const slots = (await listEventsForOwner(deps, OWNER_KIND, cohortId, me)).filter((e) => e.kind === OFFICE_HOURS);
  const slotIds = slots.map((s) => s.id);
  const hosts = slotIds.length ? await deps.db.select({ id: events.id, hostId: events.createdBy }).from(events).where(inArray(events.id, slotIds)) : [];
  const hostOf = new Map(hosts.map((h) => [h.id, h.hostId]));
  const seesBookings = (slotId: string) => manage || hostOf.get(slotId) === me.id;
  const bookedIds = slotIds.filter(seesBookings);
  const bookings = bookedIds.length
    ? await deps.db
        .select({ eventId: eventRegistrations.eventId, id: users.id, firstName: users.firstName, lastName: users.lastName })
        .from(eventRegistrations)
        .innerJoin(users, eq(users.id, eventRegistrations.userId))
        .where(and(inArray(eventRegistrations.eventId, bookedIds), eq(eventRegistrations.status, 'registered')))
        .orderBy(asc(eventRegistrations.registeredAt))
    : [];
  const now = deps.clock.now().getTime();

  const asker = alias(users, 'asker');
  const answerer = alias(users, 'answerer');
  const list = await deps.db
    .select({
      q: cohortSponsorQuestions,
      askerFirst: asker.firstName,
      askerLast: asker.lastName,
      answererFirst: answerer.firstName,
      answererLast: answerer.lastName,
    })
    .from(cohortSponsorQuestions)
    .leftJoin(asker, eq(asker.id, cohortSponsorQuestions.askedBy))
    .leftJoin(answerer, eq(answerer.id, cohortSponsorQuestions.answeredBy))
    .where(eq(cohortSponsorQuestions.cohortId, cohortId))
    .orderBy(desc(cohortSponsorQuestions.createdAt), desc(cohortSponsorQuestions.id));
  // Newest first; those who answer see the questions still waiting first.
  const ordered = can.answer ? [...list.filter((r) => r.q.answer === null), ...list.filter((r) => r.q.answer !== null)] : list;

  return ok({
    cohortId,
    cohortName: cohort.name,
    cohortStatus: cohort.status,
    myRole: role,
    sponsors: sponsors.map((s) => {
      const profile = profiles.find((p) => p.userId === s.userId);
      const org = orgOf.get(s.userId) ?? null;
      const status = org ? statuses.get(org.id) : undefined;
      return {
        userId: s.userId,
        firstName: s.firstName,
        lastName: s.lastName,
        organisationName: org?.name ?? null,
        spaserStatus: status?.status ?? null,
        spaserAdoptedOn: status?.adoptedOn ?? null,
        storyHtml: renderMarkdown(profile?.story ?? ''),
        offerHtml: renderMarkdown(profile?.offer ?? ''),
        own: s.userId === me.id ? { story: profile?.story ?? '', offer: profile?.offer ?? '' } : null,
        updatedAt: profile?.updatedAt.toISOString() ?? null,
      };
    }),
    officeHours: slots.map((s) => ({
      id: s.id,
      hostId: hostOf.get(s.id) ?? null,
      title: s.title,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      place: s.place,
      online: s.online,
      status: s.status,
      capacity: s.capacity,
      placesLeft: s.placesLeft,
      waitlistCount: s.waitlistCount,
      ended: new Date(s.endsAt).getTime() <= now,
      my: s.my,
      bookedBy: seesBookings(s.id) ? bookings.filter((b) => b.eventId === s.id).map(({ id, firstName, lastName }) => ({ id, firstName, lastName })) : null,
    })),
    questions: ordered.map(({ q, askerFirst, askerLast, answererFirst, answererLast }) => ({
      id: q.id,
      body: q.body,
      themes: q.themes as Theme[],
      askedBy: q.askedBy && askerFirst !== null && askerLast !== null ? { id: q.askedBy, firstName: askerFirst, lastName: askerLast } : null,
      mine: q.askedBy === me.id,
      createdAt: q.createdAt.toISOString(),
      answerHtml: q.answer === null ? null : renderMarkdown(q.answer),
      answeredBy: q.answeredBy && answererFirst !== null && answererLast !== null ? { id: q.answeredBy, firstName: answererFirst, lastName: answererLast } : null,
      answeredAt: q.answeredAt?.toISOString() ?? null,
    })),
    myUnanswered: list.filter((r) => r.q.askedBy === me.id && r.q.answer === null).length,
    can,
  });
}

/** Saves the sponsor's own story and offer (Markdown); only a sponsor of the cohort has one, each their own. */
export async function saveMyProfile(deps: Deps, user: AuthUser, cohortId: string, input: SponsorProfileBody): Promise<Result<{ ok: true }>> {
  const loaded = await loadMemberCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  if (loaded.value.role !== 'sponsor') return fail('SPONSOR_PROFILE_SPONSORS_ONLY');
  const now = deps.clock.now();
  await deps.db
    .insert(cohortSponsorProfiles)
    .values({ cohortId, userId: user.id, story: input.story, offer: input.offer, updatedAt: now })
    .onConflictDoUpdate({ target: [cohortSponsorProfiles.cohortId, cohortSponsorProfiles.userId], set: { story: input.story, offer: input.offer, updatedAt: now } });
  return ok({ ok: true as const });
}

/**
 * Creates an office hour: a sponsor for themselves, the cohort's facilitators and staff for one of its
 * sponsors. A cohort event of kind office_hours titled « Permanence de <prénom nom> », `created_by`
 * being the sponsor who holds it.
 */
export async function createOfficeHour(deps: Deps, user: AuthUser, cohortId: string, input: OfficeHourBody): Promise<Result<{ id: string }>> {
  const loaded = await loadMemberCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  const { cohort, role } = loaded.value;
  const manage = canManageCohort(user, role);
  if (role !== 'sponsor' && !manage) return fail('SPONSOR_SLOTS_FORBIDDEN');
  if (cohort.status === 'terminee') return fail('SPONSOR_COHORT_FINISHED');
  // A sponsor holds their own slots; a facilitator chooses which sponsor holds it.
  const hostId = role === 'sponsor' && !manage ? user.id : (input.hostId ?? (role === 'sponsor' ? user.id : null));
  if (!hostId) return fail('VALIDATION', { hostId: 'Choisissez le parrain ou la marraine qui tient la permanence.' });
  if (role === 'sponsor' && !manage && input.hostId && input.hostId !== user.id) return fail('SPONSOR_SLOTS_FORBIDDEN');
  const [host] = await listCohortMembers(deps.db, cohortId, { roles: ['sponsor'] }).then((l) => l.filter((m) => m.userId === hostId));
  if (!host) return fail('SPONSOR_HOST_NOT_SPONSOR', { hostId: "Cette personne n'est pas parrain ou marraine de la promotion." });
  const startsAt = fromParisLocal(input.startsAt);
  if (startsAt && startsAt.getTime() <= deps.clock.now().getTime()) return fail('SPONSOR_SLOT_IN_PAST', { startsAt: 'Une permanence se propose dans le futur.' });
  return deps.db.transaction(async (tx) => {
    const created = await createEvent(
      deps,
      user,
      {
        kind: OFFICE_HOURS,
        title: sponsorText.slotTitle(host.firstName, host.lastName),
        description: sponsorText.slotDescription(cohort.name),
        speakers: [`${host.firstName} ${host.lastName}`],
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        place: input.place || null,
        onlineUrl: input.onlineUrl || null,
        capacity: input.capacity,
        visibility: 'restricted',
        ownerKind: OWNER_KIND,
        ownerId: cohortId,
      },
      tx,
    );
    if (!created.ok) return created;
    await tx.update(events).set({ createdBy: hostId }).where(eq(events.id, created.value.id));
    return created;
  });
}

/** The office hour of this cohort, or null (another kind, another cohort, unknown). */
async function loadSlot(deps: Deps, cohortId: string, eventId: string) {
  const [e] = await deps.db
    .select({ id: events.id })
    .from(events)
    .where(and(eq(events.id, eventId), eq(events.ownerKind, OWNER_KIND), eq(events.ownerId, cohortId), eq(events.kind, OFFICE_HOURS)));
  return e ?? null;
}

/**
 * Books an office hour for a participant of the cohort: one booking is one event registration (the
 * confirmation e-mail, the invitation and the reminders come with it). A full slot puts them on its
 * waitlist, said clearly; they get the place, by e-mail, if the booking is cancelled.
 */
export async function bookOfficeHour(deps: Deps, user: AuthUser, cohortId: string, eventId: string) {
  const loaded = await loadMemberCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  if (loaded.value.role !== 'participant') return fail('SPONSOR_BOOKING_PARTICIPANTS_ONLY');
  if (!(await loadSlot(deps, cohortId, eventId))) return fail('SPONSOR_SLOT_NOT_FOUND');
  return register(deps, user, eventId);
}

/** Cancels one's booking (or leaves the waitlist); the first person waiting gets the place. */
export async function cancelBooking(deps: Deps, user: AuthUser, cohortId: string, eventId: string) {
  const loaded = await loadMemberCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  if (!(await loadSlot(deps, cohortId, eventId))) return fail('SPONSOR_SLOT_NOT_FOUND');
  return cancelRegistration(deps, user, eventId);
}

/**
 * A participant's question to the cohort's sponsors: at most UNANSWERED_QUESTIONS_MAX waiting at once;
 * each current sponsor is notified (« Promotions »; the sentence is built when read).
 */
export async function askQuestion(deps: Deps, user: AuthUser, cohortId: string, input: SponsorQuestionBody): Promise<Result<{ id: string }>> {
  const loaded = await loadMemberCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  if (loaded.value.role !== 'participant') return fail('SPONSOR_QUESTION_PARTICIPANTS_ONLY');
  if (loaded.value.cohort.status === 'terminee') return fail('SPONSOR_COHORT_FINISHED');
  return deps.db.transaction(async (tx) => {
    const [{ n }] = (await tx
      .select({ n: count() })
      .from(cohortSponsorQuestions)
      .where(and(eq(cohortSponsorQuestions.cohortId, cohortId), eq(cohortSponsorQuestions.askedBy, user.id), isNull(cohortSponsorQuestions.answer)))) as [{ n: number }];
    if (n >= UNANSWERED_QUESTIONS_MAX) return fail('SPONSOR_QUESTIONS_LIMIT');
    const [row] = await tx
      .insert(cohortSponsorQuestions)
      .values({ cohortId, askedBy: user.id, body: input.body, themes: input.themes, createdAt: deps.clock.now() })
      .returning({ id: cohortSponsorQuestions.id });
    const sponsors = await listCohortMembers(tx, cohortId, { roles: ['sponsor'] });
    await createNotifications(deps, tx, sponsors.map((s) => ({ userId: s.userId, kind: COHORT_SPONSOR_QUESTION, targetId: row!.id, actorId: user.id })));
    return ok({ id: row!.id });
  });
}

/**
 * Answers a question (the cohort's sponsors, its facilitators and staff; never participants). An
 * answer may be corrected; the asker is notified of the first one only.
 */
export async function answerQuestion(deps: Deps, user: AuthUser, cohortId: string, questionId: string, answer: string): Promise<Result<{ ok: true }>> {
  const loaded = await loadMemberCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  const { role } = loaded.value;
  if (role !== 'sponsor' && !canManageCohort(user, role)) return fail('SPONSOR_ANSWER_FORBIDDEN');
  return deps.db.transaction(async (tx) => {
    // The question is looked up under the cohort of the URL, so no other cohort's question is reachable.
    const [q] = await tx
      .select()
      .from(cohortSponsorQuestions)
      .where(and(eq(cohortSponsorQuestions.id, questionId), eq(cohortSponsorQuestions.cohortId, cohortId)))
      .for('update');
    if (!q) return fail('SPONSOR_QUESTION_NOT_FOUND');
    const now = deps.clock.now();
    await tx.update(cohortSponsorQuestions).set({ answer, answeredBy: user.id, answeredAt: now }).where(eq(cohortSponsorQuestions.id, q.id));
    if (q.answer === null && q.askedBy && q.askedBy !== user.id)
      await createNotifications(deps, tx, [{ userId: q.askedBy, kind: COHORT_SPONSOR_ANSWER, targetId: q.id, actorId: user.id }]);
    return ok({ ok: true as const });
  });
}

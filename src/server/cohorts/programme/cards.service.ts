import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { FIRST_COURSE_KEY } from '../../learning/first-course.install.js';
import { courseProgress } from '../../learning/learning.service.js';
import { courses } from '../../learning/learning.tables.js';
import { canManageCohort } from '../cohorts.policy.js';
import { listCohortMembers, loadMemberCohort } from '../cohorts.service.js';
import { cohortApplications } from '../cohorts.tables.js';
import { cohortCards } from '../programme.tables.js';
import type { CardBody } from './participants.contract.js';
import './participants.messages.js';

// The « carte d'identité » of the décollage (issue 23, item 1): each participant fills theirs before
// the kick-off, prefilled from their application; the cohort's members see them all as a
// trombinoscope (cohort page, kick-off session page); the facilitators also see who has not filled
// it and who has not started the e-learning course (learning.service.ts courseProgress, reused).

/** The cohort's cards for its members and staff, with what is missing for its facilitators. */
export async function listCards(deps: Deps, user: AuthUser | null, cohortId: string) {
  const loaded = await loadMemberCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  const { cohort, role } = loaded.value;
  const members = await listCohortMembers(deps.db, cohortId);
  const stored = await deps.db.select().from(cohortCards).where(eq(cohortCards.cohortId, cohortId));
  const byUser = new Map(stored.map((c) => [c.userId, c]));
  // Only members' cards (someone removed keeps no card on show); by name, like the member list.
  const items = members
    .filter((m) => byUser.has(m.userId))
    .map((m) => {
      const c = byUser.get(m.userId)!;
      return {
        userId: m.userId,
        firstName: m.firstName,
        lastName: m.lastName,
        role: m.role,
        organisationName: m.organisationName,
        jobRole: c.jobRole,
        spaserStage: c.spaserStage,
        motivation: c.motivation,
        canBring: c.canBring,
        needs: c.needs,
        updatedAt: c.updatedAt.toISOString(),
      };
    });
  const participants = members.filter((m) => m.role === 'participant');
  const person = (m: (typeof members)[number]) => ({ userId: m.userId, firstName: m.firstName, lastName: m.lastName, organisationName: m.organisationName });
  let missing = null;
  if (canManageCohort(user, role)) {
    missing = { noCard: participants.filter((m) => !byUser.has(m.userId)).map(person), course: await notStartedCourse(deps, cohortId, participants) };
  }
  return ok({
    cohortName: cohort.name,
    items,
    participantCount: participants.length,
    canFill: role === 'participant',
    myCardFilled: !!user && byUser.has(user.id),
    missing,
  });
}

/** The e-learning course's participants who have not started it (null when no course is published). */
async function notStartedCourse(deps: Deps, cohortId: string, participants: Awaited<ReturnType<typeof listCohortMembers>>) {
  const [course] = await deps.db
    .select({ slug: courses.slug })
    .from(courses)
    .where(and(eq(courses.sourceKey, FIRST_COURSE_KEY), isNotNull(courses.publishedRevision), isNull(courses.archivedAt)));
  if (!course) return null;
  const progress = await courseProgress(deps, course.slug, cohortId);
  if (!progress.ok) return null;
  const notStarted = new Set(progress.value.rows.filter((r) => !r.startedAt).map((r) => r.userId));
  return {
    slug: course.slug,
    title: progress.value.course.title,
    notStarted: participants
      .filter((m) => notStarted.has(m.userId))
      .map((m) => ({ userId: m.userId, firstName: m.firstName, lastName: m.lastName, organisationName: m.organisationName })),
  };
}

/** The participant's own card, or what to start from: their application's role and stage. */
export async function myCard(deps: Deps, user: AuthUser, cohortId: string) {
  const loaded = await loadMemberCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  if (loaded.value.role !== 'participant') return fail('CARD_PARTICIPANTS_ONLY');
  const me = (await listCohortMembers(deps.db, cohortId, { roles: ['participant'] })).find((m) => m.userId === user.id);
  const [card] = await deps.db.select().from(cohortCards).where(and(eq(cohortCards.cohortId, cohortId), eq(cohortCards.userId, user.id)));
  const [application] = await deps.db
    .select({ jobRole: cohortApplications.jobRole, spaserStage: cohortApplications.spaserStage })
    .from(cohortApplications)
    .where(and(eq(cohortApplications.cohortId, cohortId), eq(cohortApplications.userId, user.id)))
    .orderBy(desc(cohortApplications.createdAt));
  return ok({
    cohortName: loaded.value.cohort.name,
    organisationName: me?.organisationName ?? null,
    card: card
      ? { jobRole: card.jobRole, spaserStage: card.spaserStage, motivation: card.motivation, canBring: card.canBring, needs: card.needs, updatedAt: card.updatedAt.toISOString() }
      : null,
    prefill: { jobRole: application?.jobRole ?? '', spaserStage: application?.spaserStage ?? null, motivation: '', canBring: '', needs: '' },
  });
}

/** Creates or replaces the participant's card (participants of the cohort only). */
export async function saveCard(deps: Deps, user: AuthUser, cohortId: string, body: CardBody): Promise<Result<{ ok: true }>> {
  const loaded = await loadMemberCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  if (loaded.value.role !== 'participant') return fail('CARD_PARTICIPANTS_ONLY');
  const now = deps.clock.now();
  await deps.db
    .insert(cohortCards)
    .values({ cohortId, userId: user.id, ...body, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: [cohortCards.cohortId, cohortCards.userId], set: { ...body, updatedAt: now } });
  return ok({ ok: true as const });
}

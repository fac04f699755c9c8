import { and, asc, count, eq } from 'drizzle-orm';
import { users } from '../../accounts/accounts.tables.js';
import { renderMarkdown } from '../../helpspace/posts/markdown.js';
import { createResource } from '../../library/resources/resources.service.js';
import { updateFromStaged } from '../../library/resources/edit.service.js';
import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { paths } from '../../../web/paths.js';
import { canManageCohort, canSeeMembersPart } from '../cohorts.policy.js';
import { cohortRole, loadCohort, loadManagedCohort, loadMemberCohort, type CohortRow } from '../cohorts.service.js';
import { cohortLessons, cohortRetrospectives } from '../programme.tables.js';
import type { LessonsBody, RetrospectiveBody } from './retrospective.contract.js';

// The atterrissage (issue 23, item 5): each participant says what worked, what to change and what they
// learned; the facilitators turn it into « Enseignements de l'édition » — a public summary (a page, and a
// resource of the library once published) and private details for the cohort's members. Individual
// retrospectives stay with the facilitators, like individual survey answers.

/** A retrospective is written once the cohort has started: during its last weeks or after its end. */
const canRetrospect = (c: Pick<CohortRow, 'status'>) => c.status === 'en_cours' || c.status === 'terminee';

/** The members' view: my retrospective, every one for facilitators, and the lessons as they stand. */
export async function getAtterrissage(deps: Deps, user: AuthUser, cohortId: string) {
  const loaded = await loadMemberCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  const { cohort, role } = loaded.value;
  const manager = canManageCohort(user, role);
  const [mine] = await deps.db.select().from(cohortRetrospectives).where(and(eq(cohortRetrospectives.cohortId, cohortId), eq(cohortRetrospectives.userId, user.id)));
  const all = manager
    ? await deps.db
        .select({ r: cohortRetrospectives, firstName: users.firstName, lastName: users.lastName })
        .from(cohortRetrospectives)
        .innerJoin(users, eq(users.id, cohortRetrospectives.userId))
        .where(eq(cohortRetrospectives.cohortId, cohortId))
        .orderBy(asc(users.lastName), asc(users.firstName))
    : null;
  const [lessons] = await deps.db.select().from(cohortLessons).where(eq(cohortLessons.cohortId, cohortId));
  return ok({
    cohort: { id: cohort.id, name: cohort.name, edition: cohort.edition, status: cohort.status },
    can: { write: role === 'participant' && canRetrospect(cohort), manage: manager },
    mine: mine ? { worked: mine.worked, change: mine.change, lessons: mine.lessons, updatedAt: mine.updatedAt.toISOString() } : null,
    retrospectives: all?.map(({ r, firstName, lastName }) => ({ name: `${firstName} ${lastName}`, worked: r.worked, change: r.change, lessons: r.lessons, updatedAt: r.updatedAt.toISOString() })) ?? null,
    lessons: lessons
      ? { publicSummary: lessons.publicSummary, privateDetails: lessons.privateDetails, publishedAt: lessons.publishedAt?.toISOString() ?? null, resourceId: lessons.resourceId }
      : { publicSummary: '', privateDetails: '', publishedAt: null, resourceId: null },
  });
}

/** A participant writes or rewrites their retrospective. */
export async function saveRetrospective(deps: Deps, user: AuthUser, cohortId: string, body: RetrospectiveBody): Promise<Result<{ ok: true }>> {
  const loaded = await loadMemberCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  const { cohort, role } = loaded.value;
  if (role !== 'participant') return fail('RETROSPECTIVE_PARTICIPANTS_ONLY');
  if (!canRetrospect(cohort)) return fail('RETROSPECTIVE_NOT_YET');
  const now = deps.clock.now();
  await deps.db
    .insert(cohortRetrospectives)
    .values({ cohortId, userId: user.id, ...body, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: [cohortRetrospectives.cohortId, cohortRetrospectives.userId], set: { ...body, updatedAt: now } });
  return ok({ ok: true as const });
}

/** Facilitators save the lessons (a draft until published; once published, the page follows each save). */
export async function saveLessons(deps: Deps, user: AuthUser, cohortId: string, body: LessonsBody): Promise<Result<{ ok: true }>> {
  const loaded = await loadManagedCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  if (!canRetrospect(loaded.value.cohort)) return fail('RETROSPECTIVE_NOT_YET');
  const now = deps.clock.now();
  const [saved] = await deps.db
    .insert(cohortLessons)
    .values({ cohortId, ...body, updatedBy: user.id, updatedAt: now })
    .onConflictDoUpdate({ target: cohortLessons.cohortId, set: { ...body, updatedBy: user.id, updatedAt: now } })
    .returning();
  // A published summary is also a library resource: it says the same as the page.
  if (saved!.publishedAt && saved!.resourceId) await syncResource(deps, user, loaded.value.cohort, saved!.resourceId, body.publicSummary);
  return ok({ ok: true as const });
}

const resourceTitle = (c: CohortRow) => `Enseignements de l'édition ${c.edition} — ${c.name}`.slice(0, 200);

async function syncResource(deps: Deps, user: AuthUser, cohort: CohortRow, resourceId: string, summary: string) {
  await updateFromStaged(deps, user, resourceId, { title: resourceTitle(cohort), body: summary }, []);
}

/**
 * Publishes the lessons: the public page shows the summary, and the library gains it as a « fiche de
 * synthèse » (created once; later saves update it). Refused without a summary.
 */
export async function publishLessons(deps: Deps, user: AuthUser, cohortId: string): Promise<Result<{ ok: true; resourceId: string }>> {
  const loaded = await loadManagedCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  const { cohort } = loaded.value;
  const [lessons] = await deps.db.select().from(cohortLessons).where(eq(cohortLessons.cohortId, cohortId));
  if (!lessons || !lessons.publicSummary.trim()) return fail('LESSONS_EMPTY', { publicSummary: "Écrivez la synthèse publique avant de publier : c'est elle que tout le monde lira." });
  let resourceId = lessons.resourceId;
  if (resourceId) await syncResource(deps, user, cohort, resourceId, lessons.publicSummary);
  else {
    const created = await createResource(
      deps,
      {
        kind: 'summary_sheet',
        title: resourceTitle(cohort),
        summary: `Ce que les participants de la promotion « ${cohort.name} » ont appris en construisant leur SPASER ensemble.`.slice(0, 500),
        body: lessons.publicSummary,
        themes: ['gouvernance'],
        producer: 'Programme Mission SPASER',
        links: [{ label: "Page des enseignements de l'édition", url: `${deps.config.baseUrl}${paths.cohortLessons(cohort.id)}` }],
        visibility: 'public',
      },
      [],
      { createdBy: user.id },
    );
    if (!created.ok) return created;
    resourceId = created.value.id;
  }
  await deps.db.update(cohortLessons).set({ publishedAt: lessons.publishedAt ?? deps.clock.now(), resourceId }).where(eq(cohortLessons.cohortId, cohortId));
  return ok({ ok: true as const, resourceId: resourceId! });
}

/**
 * The « Enseignements de l'édition » page: the summary for everyone once published; the private details
 * for the cohort's members and staff. Before publication, members see the draft's state, others nothing.
 */
export async function lessonsPage(deps: Deps, user: AuthUser | null, cohortId: string) {
  const cohort = await loadCohort(deps.db, cohortId);
  if (!cohort) return fail('COHORT_NOT_FOUND');
  const role = await cohortRole(deps.db, cohortId, user?.id);
  const member = canSeeMembersPart(user, role);
  const [lessons] = await deps.db.select().from(cohortLessons).where(eq(cohortLessons.cohortId, cohortId));
  const published = !!lessons?.publishedAt;
  if (!published && !member) return fail('LESSONS_NOT_PUBLISHED');
  const [{ n }] = (await deps.db.select({ n: count() }).from(cohortRetrospectives).where(eq(cohortRetrospectives.cohortId, cohortId))) as [{ n: number }];
  return ok({
    cohort: { id: cohort.id, name: cohort.name, edition: cohort.edition, startsOn: cohort.startsOn, endsOn: cohort.endsOn },
    published,
    publishedAt: lessons?.publishedAt?.toISOString() ?? null,
    resourceId: published ? (lessons?.resourceId ?? null) : null,
    retrospectives: Number(n),
    summaryHtml: published || member ? renderMarkdown(lessons?.publicSummary ?? '') : '',
    detailsHtml: member ? renderMarkdown(lessons?.privateDetails ?? '') : null,
    can: { manage: canManageCohort(user, role) },
  });
}

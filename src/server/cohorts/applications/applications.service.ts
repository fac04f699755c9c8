import { spaserStatusesOf } from '../../spaser/spaser-status.js';
import { and, asc, eq, sql } from 'drizzle-orm';
import { users } from '../../accounts/accounts.tables.js';
import { organisations } from '../../organisations/organisations.tables.js';
import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { paths } from '../../../web/paths.js';
import { cohortMails } from '../cohorts.messages.js';
import { acceptedCount, cohortRole, loadCohort, loadManagedCohort, putCohortMember } from '../cohorts.service.js';
import { cohortApplications, cohorts, type SpaserStage } from '../cohorts.tables.js';

export const JOB_APPLICATION_DECISION = 'cohorts.application-decision';

export type ApplyInput = { organisationId: string; jobRole: string; spaserStage: SpaserStage; expectations: string; availability: string };
export type Decision = 'accepted' | 'refused' | 'waitlisted';

const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
};

/**
 * A verified member applies for one of their verified organisations. Refused (nothing written):
 * unknown cohort, already in it, applications closed, cohort full, applied already.
 */
export async function apply(deps: Deps, user: AuthUser, cohortId: string, input: ApplyInput): Promise<Result<{ id: string }>> {
  const cohort = await loadCohort(deps.db, cohortId);
  if (!cohort) return fail('COHORT_NOT_FOUND');
  if (await cohortRole(deps.db, cohortId, user.id)) return fail('ALREADY_IN_COHORT');
  const [previous] = await deps.db
    .select({ id: cohortApplications.id })
    .from(cohortApplications)
    .where(and(eq(cohortApplications.cohortId, cohortId), eq(cohortApplications.userId, user.id)));
  if (previous) return fail('ALREADY_APPLIED');
  if (cohort.status !== 'candidatures_ouvertes') return fail('COHORT_CLOSED');
  if ((await acceptedCount(deps.db, cohortId)) >= cohort.capacity) return fail('COHORT_FULL');
  if (!user.verifiedOrganisationIds.includes(input.organisationId))
    return fail('APPLICATION_ORGANISATION', { organisationId: 'Choisissez une organisation dont vous êtes membre vérifié.' });
  try {
    const [row] = await deps.db
      .insert(cohortApplications)
      .values({ cohortId, userId: user.id, ...input, status: 'pending', createdAt: deps.clock.now() })
      .returning({ id: cohortApplications.id });
    return ok({ id: row!.id });
  } catch (e) {
    // Two submissions at once: the unique index keeps one.
    if (isUniqueViolation(e)) return fail('ALREADY_APPLIED');
    throw e;
  }
}

/** The applications to review, oldest first, with counts per status (managers only). */
export async function listApplications(deps: Deps, user: AuthUser, cohortId: string) {
  const loaded = await loadManagedCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  const list = await deps.db
    .select({ a: cohortApplications, u: { id: users.id, firstName: users.firstName, lastName: users.lastName, email: users.email }, o: { id: organisations.id, name: organisations.name, kind: organisations.kind } })
    .from(cohortApplications)
    .innerJoin(users, eq(users.id, cohortApplications.userId))
    .innerJoin(organisations, eq(organisations.id, cohortApplications.organisationId))
    .where(eq(cohortApplications.cohortId, cohortId))
    .orderBy(asc(cohortApplications.createdAt), asc(users.lastName));
  const counts = { pending: 0, accepted: 0, refused: 0, waitlisted: 0 };
  for (const r of list) counts[r.a.status] += 1;
  const spaserOf = await spaserStatusesOf(deps.db, list.map((r) => r.o.id));
  return ok({
    items: list.map(({ a, u, o }) => ({
      id: a.id,
      applicant: u,
      organisation: { ...o, spaserStatus: spaserOf.get(o.id)?.status ?? 'unknown' },
      jobRole: a.jobRole,
      spaserStage: a.spaserStage,
      expectations: a.expectations,
      availability: a.availability,
      status: a.status,
      decisionMessage: a.decisionMessage,
      createdAt: a.createdAt.toISOString(),
      decidedAt: a.decidedAt?.toISOString() ?? null,
    })),
    counts,
    capacity: loaded.value.cohort.capacity,
  });
}

/**
 * A facilitator decides: accept (the applicant joins the cohort and its private space), refuse or
 * waitlist; the message is e-mailed by a job enqueued in the same transaction. Accepted and refused
 * are final; a waitlisted application can still be accepted or refused.
 */
export async function decide(deps: Deps, user: AuthUser, applicationId: string, input: { decision: Decision; message: string }): Promise<Result<{ ok: true }>> {
  const [app] = await deps.db.select().from(cohortApplications).where(eq(cohortApplications.id, applicationId));
  if (!app) return fail('APPLICATION_NOT_FOUND');
  const loaded = await loadManagedCohort(deps.db, user, app.cohortId);
  if (!loaded.ok) return loaded.error === 'COHORT_MANAGE_FORBIDDEN' ? fail('APPLICATION_NOT_FOUND') : loaded;
  if (app.status === 'accepted' || app.status === 'refused' || app.status === input.decision) return fail('APPLICATION_DECIDED');
  if (loaded.value.cohort.status === 'terminee') return fail('COHORT_FINISHED');
  return deps.db.transaction(async (tx) => {
    // The cohort row is locked so two acceptances at once cannot exceed the capacity.
    const [cohort] = await tx.select().from(cohorts).where(eq(cohorts.id, app.cohortId)).for('update');
    if (input.decision === 'accepted' && (await acceptedCount(tx, app.cohortId)) >= cohort!.capacity) return fail('COHORT_FULL');
    const now = deps.clock.now();
    const updated = await tx
      .update(cohortApplications)
      .set({ status: input.decision, decisionMessage: input.message, decidedBy: user.id, decidedAt: now })
      .where(and(eq(cohortApplications.id, app.id), eq(cohortApplications.status, app.status)))
      .returning({ id: cohortApplications.id });
    if (!updated.length) return fail('APPLICATION_DECIDED');
    if (input.decision === 'accepted') {
      const joined = await putCohortMember(deps, user, cohort!, { userId: app.userId, role: 'participant', organisationId: app.organisationId }, tx);
      if (!joined.ok) throw new Error(`accept: ${joined.error}`);
    }
    await deps.jobs.enqueue(JOB_APPLICATION_DECISION, { applicationId: app.id, decision: input.decision, message: input.message }, {}, tx);
    return ok({ ok: true as const });
  });
}

/** The decision e-mail (the decision and message travel in the payload: each decision gets its own mail). */
export function registerApplicationJobs(deps: Deps) {
  deps.jobs.register(JOB_APPLICATION_DECISION, async ({ applicationId, decision, message }: { applicationId: string; decision: Decision; message: string }) => {
    const [r] = await deps.db
      .select({ email: users.email, firstName: users.firstName, cohortId: cohorts.id, cohortName: cohorts.name })
      .from(cohortApplications)
      .innerJoin(users, eq(users.id, cohortApplications.userId))
      .innerJoin(cohorts, eq(cohorts.id, cohortApplications.cohortId))
      .where(and(eq(cohortApplications.id, applicationId), sql`${users.disabledAt} IS NULL`));
    if (!r) return;
    await deps.mailer.send({
      to: r.email,
      ...cohortMails.decision({ firstName: r.firstName, cohortName: r.cohortName, decision, message, url: `${deps.config.baseUrl}${paths.cohort(r.cohortId)}` }),
    });
  });
}

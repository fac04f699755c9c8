import { and, desc, eq, isNull } from 'drizzle-orm';
import { users } from '../accounts/accounts.tables.js';
import type { Deps } from './context.js';
import { MAX_CRASHES, type PoisonJob } from './jobs.js';
import { failedJobsResponse } from './jobs.contract.js';
import { jobs } from './jobs.tables.js';
import { layoutMail } from './mail.js';
import type { App } from './types.js';

/**
 * What the administrators learn about background jobs that failed for good: an e-mail for each
 * poison job (one that crashed its process MAX_CRASHES times, given up by platform/jobs.ts), and
 * the list of failed jobs at GET /api/admin/jobs (page /admin/taches).
 */

export const POISON_REPORT_JOB = 'platform.poisonReport';

export const jobsAdminCopy = {
  poisonSubject: 'Une tâche de fond a été abandonnée',
  poisonIntro: (kind: string, crashes: number) =>
    `La tâche « ${kind} » a interrompu le serveur ${crashes} fois pendant son exécution (arrêt brutal du processus). Elle ne sera plus relancée.`,
  poisonNext: 'Les tâches abandonnées sont listées dans l’administration, avec leur contenu, pour un examen.',
  action: 'Voir les tâches abandonnées',
  crashed: (crashes: number) => `Abandonnée : le serveur s’est arrêté ${crashes} fois pendant son exécution.`,
  attempts: (attempts: number) => `Échec à chacune de ses ${attempts} tentatives.`,
};

/** The 100 most recent failed jobs, poison ones said so. */
export async function listFailedJobs(deps: Pick<Deps, 'db'>) {
  const list = await deps.db.select().from(jobs).where(eq(jobs.status, 'failed')).orderBy(desc(jobs.finishedAt)).limit(100);
  return {
    items: list.map((j) => ({
      id: j.id,
      kind: j.kind,
      attempts: j.attempts,
      crashes: j.crashes,
      reason: j.crashes >= MAX_CRASHES ? jobsAdminCopy.crashed(j.crashes) : jobsAdminCopy.attempts(j.attempts),
      lastError: j.lastError,
      payload: j.payload,
      createdAt: j.createdAt.toISOString(),
      finishedAt: j.finishedAt?.toISOString() ?? null,
    })),
  };
}

async function mailPoisonReport(deps: Deps, job: PoisonJob) {
  const admins = await deps.db.select({ email: users.email }).from(users).where(and(eq(users.role, 'admin'), isNull(users.disabledAt)));
  const { text, html } = layoutMail({
    title: jobsAdminCopy.poisonSubject,
    paragraphs: [jobsAdminCopy.poisonIntro(job.kind, job.crashes), jobsAdminCopy.poisonNext],
    action: { label: jobsAdminCopy.action, url: `${deps.config.baseUrl}/admin/taches` },
  });
  for (const a of admins) await deps.mailer.send({ to: a.email, subject: jobsAdminCopy.poisonSubject, text, html });
}

/** Registers the report job and tells the queue to enqueue it for every poison job. */
export function registerJobReports(deps: Deps) {
  deps.jobs.register(POISON_REPORT_JOB, async (job: PoisonJob) => mailPoisonReport(deps, job));
  deps.jobs.onPoison = (job) => deps.jobs.enqueue(POISON_REPORT_JOB, job, { dedupeKey: `poison:${job.id}` });
}

export function jobsAdminRoutes(app: App, deps: Deps) {
  app.get('/api/admin/jobs', {
    config: { access: 'admin' },
    schema: { tags: ['Administration'], summary: 'Tâches de fond en échec (dont les tâches abandonnées après des arrêts du serveur)', response: { 200: failedJobsResponse } },
  }, async () => listFailedJobs(deps));
}

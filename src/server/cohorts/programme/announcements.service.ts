import { and, desc, eq } from 'drizzle-orm';
import { users } from '../../accounts/accounts.tables.js';
import { renderMarkdown } from '../../helpspace/posts/markdown.js';
import { createNotifications } from '../../notifications/notifications.service.js';
import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import type { Db, Tx } from '../../platform/db.js';
import { fail, ok, type Result } from '../../platform/result.js';
import type { Theme } from '../../../shared/fields.js';
import { COHORT_ANNOUNCEMENT } from '../cohorts.notifications.js';
import { canManageCohort } from '../cohorts.policy.js';
import { listCohortMembers, loadManagedCohort, loadMemberCohort, type CohortRow } from '../cohorts.service.js';
import { cohorts } from '../cohorts.tables.js';
import { cohortAnnouncements } from '../programme.tables.js';
import type { AnnouncementBody } from './announcements.contract.js';
import './announcements.messages.js';
import './announcements.personal-data.js';

// Announcements to a cohort (issue 23, item 4): a facilitator's Markdown message, archived on the
// cohort page for its members and sent once, when posted, to its current members (participants,
// sponsors, facilitators; not the author) as a notification of the « Promotions » category, so each
// member's rhythm for that category decides the e-mail. A finished cohort takes no announcement.

/** A finished cohort is read-only for announcements: its evaluations are final and its people have moved on. */
export const canPostAnnouncement = (user: AuthUser | null, role: Parameters<typeof canManageCohort>[1], status: CohortRow['status']) =>
  canManageCohort(user, role) && status !== 'terminee';

/** Who an announcement reaches: the cohort's current members with an active account, the author excepted. */
async function recipientsOf(db: Db | Tx, cohortId: string, authorId: string) {
  return (await listCohortMembers(db, cohortId)).filter((m) => m.userId !== authorId);
}

async function checkPostable(db: Db | Tx, user: AuthUser, cohortId: string): Promise<Result<{ cohort: CohortRow }>> {
  const loaded = await loadManagedCohort(db, user, cohortId);
  if (!loaded.ok) return loaded;
  if (loaded.value.cohort.status === 'terminee') return fail('ANNOUNCEMENT_COHORT_FINISHED');
  return ok({ cohort: loaded.value.cohort });
}

/** What would be sent (rendered body, number of recipients), before sending; nothing is written. */
export async function previewAnnouncement(deps: Deps, user: AuthUser, cohortId: string, input: AnnouncementBody) {
  const checked = await checkPostable(deps.db, user, cohortId);
  if (!checked.ok) return checked;
  return ok({ title: input.title, bodyHtml: renderMarkdown(input.body), recipientCount: (await recipientsOf(deps.db, cohortId, user.id)).length });
}

/**
 * Posts an announcement (the cohort's facilitators and staff): archived, and one notification per
 * current member but the author, in one transaction that holds the cohort row so a status change to
 * « terminée » or a removal cannot slip in between the check and the sending.
 */
export async function postAnnouncement(deps: Deps, user: AuthUser, cohortId: string, input: AnnouncementBody): Promise<Result<{ id: string; recipientCount: number }>> {
  const checked = await checkPostable(deps.db, user, cohortId);
  if (!checked.ok) return checked;
  return deps.db.transaction(async (tx) => {
    const [cohort] = await tx.select({ status: cohorts.status }).from(cohorts).where(eq(cohorts.id, cohortId)).for('update');
    if (!cohort) return fail('COHORT_NOT_FOUND');
    if (cohort.status === 'terminee') return fail('ANNOUNCEMENT_COHORT_FINISHED');
    const recipients = await recipientsOf(tx, cohortId, user.id);
    const [row] = await tx
      .insert(cohortAnnouncements)
      .values({ cohortId, title: input.title, body: input.body, themes: input.themes, authorId: user.id, recipientCount: recipients.length, createdAt: deps.clock.now() })
      .returning({ id: cohortAnnouncements.id });
    await createNotifications(deps, tx, recipients.map((m) => ({ userId: m.userId, kind: COHORT_ANNOUNCEMENT, targetId: row!.id, actorId: user.id })));
    return ok({ id: row!.id, recipientCount: recipients.length });
  });
}

/** The cohort's announcements, newest first: its members and staff only (visitors get 401, outsiders 403). */
export async function listAnnouncements(deps: Deps, user: AuthUser | null, cohortId: string) {
  const loaded = await loadMemberCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  const list = await deps.db
    .select({ a: cohortAnnouncements, firstName: users.firstName, lastName: users.lastName })
    .from(cohortAnnouncements)
    .leftJoin(users, eq(users.id, cohortAnnouncements.authorId))
    .where(and(eq(cohortAnnouncements.cohortId, cohortId)))
    .orderBy(desc(cohortAnnouncements.createdAt), desc(cohortAnnouncements.id));
  return ok({
    items: list.map(({ a, firstName, lastName }) => ({
      id: a.id,
      title: a.title,
      bodyHtml: renderMarkdown(a.body),
      themes: a.themes as Theme[],
      author: a.authorId && firstName !== null && lastName !== null ? { id: a.authorId, firstName, lastName } : null,
      recipientCount: a.recipientCount,
      createdAt: a.createdAt.toISOString(),
    })),
    can: { post: canPostAnnouncement(user, loaded.value.role, loaded.value.cohort.status) },
  });
}

import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { users } from '../../accounts/accounts.tables.js';
import { cohorts } from '../../cohorts/cohorts.tables.js';
import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import type { Tx } from '../../platform/db.js';
import { layoutMail } from '../../platform/mail.js';
import { fail, ok } from '../../platform/result.js';
import { paths } from '../../../web/paths.js';
import { codevSteps } from '../codev.contract.js';
import '../codev.messages.js';
import { codevLabels } from '../codev.messages.js';
import { canFacilitateSession } from '../codev.policy.js';
import { codevGroups, codevNotes, codevSessions, codevSummaries, codevSummaryDeliveries } from '../codev.tables.js';
import { groupMemberIds } from '../groups/groups.service.js';
import { createResource, upsertGroup } from '../../library/resources/resources.service.js';
import { loadSessionFor, type SessionRow } from '../sessions/load.js';
import { nextParisMorning } from '../../../shared/paris-time.js';
import { renderSheetPdf, type SheetContent } from './pdf.js';
import { sessionEvent } from '../sessions/agenda.js';

const L = codevLabels;
export const SUMMARY_JOB = 'codev.summary';
export const ARCHIVE_JOB = 'codev.archive';
const stepHeadings = [L.sheet.case, L.sheet.clarifications, L.sheet.contract, L.sheet.consultation, L.sheet.actionPlan, L.sheet.lessons];
const parisDateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

/** Builds the summary sheet from the session as it is now (the case, the contract, ideas, plan, lessons). */
async function buildSheet(db: Tx, s: SessionRow, memberIds: string[]): Promise<SheetContent> {
  const [group] = await db.select({ name: codevGroups.name }).from(codevGroups).where(eq(codevGroups.id, s.groupId));
  const [cohort] = await db.select({ name: cohorts.name }).from(cohorts).where(eq(cohorts.id, s.cohortId));
  const people = await db
    .select({ id: users.id, firstName: users.firstName, lastName: users.lastName })
    .from(users)
    .where(inArray(users.id, [...new Set([...memberIds, s.caseOwnerId, s.facilitatorId])]))
    .orderBy(asc(users.lastName), asc(users.firstName));
  const name = (id: string) => {
    const p = people.find((x) => x.id === id);
    return p ? `${p.firstName} ${p.lastName}` : '';
  };
  const notes = await db.select().from(codevNotes).where(eq(codevNotes.sessionId, s.id)).orderBy(asc(codevNotes.step), asc(codevNotes.createdAt));
  return {
    title: s.title,
    date: parisDateTime.format(s.startedAt ?? (await sessionEvent(db, s.eventId)).startsAt),
    cohort: cohort?.name ?? '',
    group: group?.name ?? '',
    facilitator: name(s.facilitatorId),
    participants: people.filter((p) => memberIds.includes(p.id)).map((p) => `${p.firstName} ${p.lastName}`),
    caseOwner: name(s.caseOwnerId),
    steps: codevSteps.map((step, i) => ({
      n: step.n,
      label: stepHeadings[i]!,
      entries: notes.filter((n) => n.step === step.n && n.body.trim()).map((n) => ({ author: name(n.authorId), text: n.body.trim() })),
    })),
  };
}

/**
 * The sheet with one person's name (as written in it) replaced, e.g. by « Membre supprimé » when
 * that person deleted their account: the sheet is a frozen copy that holds names, not ids.
 */
export function renameInSheet(c: SheetContent, name: string, replacement: string): SheetContent {
  const swap = (s: string) => (s === name ? replacement : s);
  return {
    ...c,
    facilitator: swap(c.facilitator),
    caseOwner: swap(c.caseOwner),
    participants: c.participants.map(swap),
    steps: c.steps.map((step) => ({ ...step, entries: step.entries.map((e) => ({ ...e, author: swap(e.author) })) })),
  };
}

/** Who receives the sheet: the group's members (client and consultants) and the facilitator. */
const recipientsOf = (s: SessionRow, memberIds: string[]) => [...new Set([...memberIds, s.facilitatorId])];

/** The sheet is final: archive it in the library now, e-mail it at `runAt`. */
async function enqueueSends(deps: Deps, tx: Tx, s: SessionRow, memberIds: string[], runAt: Date) {
  await deps.jobs.enqueue(ARCHIVE_JOB, { sessionId: s.id }, { dedupeKey: `codev-archive:${s.id}` }, tx);
  for (const userId of recipientsOf(s, memberIds))
    await deps.jobs.enqueue(SUMMARY_JOB, { sessionId: s.id, userId }, { runAt, dedupeKey: `codev-summary:${s.id}:${userId}` }, tx);
}

/**
 * When the sheet is due: 9:00 in Paris the morning after the session — after its event's end as the
 * agenda says, or after the moment it really ended when that is later (a session that overran past
 * midnight still leaves the group a night). Tested in summary.test.ts.
 */
export function summaryDueAt(endedAt: Date, eventEndsAt: Date): Date {
  return nextParisMorning(endedAt > eventEndsAt ? endedAt : eventEndsAt);
}

/**
 * At the end of a session (in its transaction): archives the sheet, and schedules one e-mail per
 * participant for the next 9:00 in Paris after the session's event — unless the facilitator must
 * review it first, in which case the approval schedules them.
 */
export async function archiveAndSchedule(deps: Deps, tx: Tx, s: SessionRow, memberIds: string[]) {
  const now = deps.clock.now();
  const content = await buildSheet(tx, s, memberIds);
  await tx.insert(codevSummaries).values({ sessionId: s.id, content, generatedAt: now }).onConflictDoUpdate({ target: codevSummaries.sessionId, set: { content, generatedAt: now } });
  const dueAt = summaryDueAt(s.endedAt ?? now, (await sessionEvent(tx, s.eventId)).endsAt);
  await tx.update(codevSessions).set({ summaryDueAt: dueAt }).where(eq(codevSessions.id, s.id));
  if (!s.reviewRequired) await enqueueSends(deps, tx, s, memberIds, dueAt);
}

async function loadSheet(deps: Deps, user: AuthUser, sessionId: string) {
  const loaded = await loadSessionFor(deps.db, user, sessionId);
  if (!loaded.ok) return loaded;
  const { session } = loaded.value;
  if (session.status !== 'ended') return fail('CODEV_SESSION_NOT_HAPPENED');
  const [sheet] = await deps.db.select().from(codevSummaries).where(eq(codevSummaries.sessionId, sessionId));
  if (!sheet) return fail('CODEV_SESSION_NOT_HAPPENED');
  return ok({ ...loaded.value, sheet: { content: sheet.content as SheetContent, generatedAt: sheet.generatedAt, resourceId: sheet.resourceId } });
}

/** The archived sheet (the group, its facilitator and staff only), with its sending status. */
export async function getSummary(deps: Deps, user: AuthUser, sessionId: string) {
  const loaded = await loadSheet(deps, user, sessionId);
  if (!loaded.ok) return loaded;
  const { session: s, sheet, standing, memberIds } = loaded.value;
  const [sent] = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(codevSummaryDeliveries)
    .where(and(eq(codevSummaryDeliveries.sessionId, sessionId), eq(codevSummaryDeliveries.status, 'sent')));
  return ok({
    sessionId,
    content: sheet.content,
    generatedAt: sheet.generatedAt.toISOString(),
    reviewRequired: s.reviewRequired,
    approvedAt: s.approvedAt?.toISOString() ?? null,
    summaryDueAt: s.summaryDueAt?.toISOString() ?? null,
    sentCount: Number(sent?.n ?? 0),
    resourceId: sheet.resourceId,
    participantCount: recipientsOf(s, memberIds).length,
    can: { approve: canFacilitateSession(user, standing) && s.reviewRequired && !s.approvedAt },
  });
}

/** The archived sheet as a PDF (same access as the sheet). */
export async function getSummaryPdf(deps: Deps, user: AuthUser, sessionId: string) {
  const loaded = await loadSheet(deps, user, sessionId);
  if (!loaded.ok) return loaded;
  return ok(await renderSheetPdf(loaded.value.sheet.content));
}

/**
 * The facilitator approves the sheet of a session that required a review: its e-mails leave at the
 * planned 9:00, or at once when that time has passed. A session not ended yet has no sheet to send.
 */
export async function approveSummary(deps: Deps, user: AuthUser, sessionId: string) {
  const loaded = await loadSessionFor(deps.db, user, sessionId);
  if (!loaded.ok) return loaded;
  const { session: s, standing, memberIds } = loaded.value;
  if (!canFacilitateSession(user, standing)) return fail('CODEV_FACILITATE_FORBIDDEN');
  if (s.status !== 'ended') return fail('CODEV_SESSION_NOT_HAPPENED');
  if (!s.reviewRequired) return fail('CODEV_REVIEW_NOT_REQUIRED');
  if (s.approvedAt) return fail('CODEV_ALREADY_APPROVED');
  const now = deps.clock.now();
  const runAt = s.summaryDueAt && s.summaryDueAt > now ? s.summaryDueAt : now;
  const approved = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(codevSessions)
      .set({ approvedAt: now, approvedBy: user.id, updatedAt: now })
      .where(and(eq(codevSessions.id, sessionId), sql`${codevSessions.approvedAt} IS NULL`))
      .returning();
    if (row) await enqueueSends(deps, tx, row, memberIds, runAt);
    return row;
  });
  if (!approved) return fail('CODEV_ALREADY_APPROVED');
  return ok({ ok: true as const });
}

/**
 * Sends one participant's sheet. Exactly once per participant: a delivery row marks the send, so a
 * job run again (retry, a second worker, a restart, a duplicate enqueue) finds it and stops. Built
 * at send time from the archive; does nothing while a required review is pending.
 */
async function sendSummary(deps: Deps, payload: { sessionId: string; userId: string }) {
  const { db, mailer, clock, config } = deps;
  const [s] = await db.select().from(codevSessions).where(eq(codevSessions.id, payload.sessionId));
  if (!s || s.status !== 'ended' || (s.reviewRequired && !s.approvedAt)) return;
  const [sheet] = await db.select().from(codevSummaries).where(eq(codevSummaries.sessionId, s.id));
  const [u] = await db.select({ email: users.email, disabledAt: users.disabledAt }).from(users).where(eq(users.id, payload.userId));
  if (!sheet || !u || u.disabledAt) return;
  const [delivery] = await db
    .select({ status: codevSummaryDeliveries.status })
    .from(codevSummaryDeliveries)
    .where(and(eq(codevSummaryDeliveries.sessionId, s.id), eq(codevSummaryDeliveries.userId, payload.userId)));
  if (delivery?.status === 'sent') return;
  // 'sending' stays if the process dies during the SMTP exchange: the retry then sends again
  // (a possible duplicate rather than a lost sheet).
  await db
    .insert(codevSummaryDeliveries)
    .values({ sessionId: s.id, userId: payload.userId, status: 'sending', updatedAt: clock.now() })
    .onConflictDoNothing();
  const content = sheet.content as SheetContent;
  const paragraphs = [
    L.mail.intro(content.date, content.group, content.cohort),
    `${L.sheet.caseOwner} : ${content.caseOwner}. ${L.sheet.facilitator} : ${content.facilitator}.`,
    `${L.sheet.subject} : ${content.title}`,
    ...content.steps.flatMap((step) => [
      `${step.label.toUpperCase()}`,
      ...(step.entries.length ? step.entries.map((e) => `${e.author} : ${e.text}`) : [L.sheet.none]),
    ]),
    L.mail.pdf,
  ];
  const mail = layoutMail({ title: L.mail.title, paragraphs, action: { label: L.mail.action, url: `${config.baseUrl}${paths.codevSummary(s.id)}` } });
  await mailer.send({
    to: u.email,
    subject: L.mail.subject(content.title),
    ...mail,
    attachments: [{ filename: L.mail.filename, content: await renderSheetPdf(content), contentType: 'application/pdf' }],
  });
  await db
    .update(codevSummaryDeliveries)
    .set({ status: 'sent', updatedAt: clock.now() })
    .where(and(eq(codevSummaryDeliveries.sessionId, s.id), eq(codevSummaryDeliveries.userId, payload.userId)));
}

/** The sheet in Markdown, for the library resource's body. */
function sheetMarkdown(c: SheetContent): string {
  const esc = (t: string) => t.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
  return [
    `${L.sheet.date} : ${c.date}  `,
    `${L.sheet.group} : ${esc(c.group)} — ${L.sheet.cohort} : ${esc(c.cohort)}  `,
    `${L.sheet.facilitator} : ${esc(c.facilitator)} — ${L.sheet.caseOwner} : ${esc(c.caseOwner)}  `,
    `${L.sheet.participants} : ${esc(c.participants.join(', '))}`,
    ...c.steps.flatMap((step) => ['', `## ${step.label}`, '', ...(step.entries.length ? step.entries.map((e) => `**${esc(e.author)}** : ${esc(e.text)}\n`) : [L.sheet.none])]),
  ].join('\n');
}

/**
 * Archives the final sheet in the library as a « fiche récapitulative » reserved to a library group
 * made of the recipients (members and facilitator). Idempotent: the library refuses a second
 * resource with the same source key, and the resource id is kept on the sheet.
 */
async function archiveSummary(deps: Deps, payload: { sessionId: string }) {
  const [s] = await deps.db.select().from(codevSessions).where(eq(codevSessions.id, payload.sessionId));
  const [sheet] = await deps.db.select().from(codevSummaries).where(eq(codevSummaries.sessionId, payload.sessionId));
  if (!s || !sheet || sheet.resourceId) return;
  const content = sheet.content as SheetContent;
  const memberIds = await groupMemberIds(deps.db, s.groupId);
  // A facilitator whose account was deleted since (archived again, see codev.personal-data.ts) reads nothing any more.
  const recipients = recipientsOf(s, memberIds);
  const active = await deps.db.select({ id: users.id }).from(users).where(and(inArray(users.id, recipients), sql`${users.disabledAt} IS NULL`));
  const group = await upsertGroup(deps, { sourceKey: `codev-session:${s.id}`, name: L.archive.groupName(content.group, content.title), memberIds: active.map((u) => u.id) });
  if (!group.ok) throw new Error(`library group: ${group.error}`);
  const created = await createResource(
    deps,
    {
      kind: 'summary_sheet',
      title: L.archive.title(content.title).slice(0, 200),
      summary: L.mail.intro(content.date, content.group, content.cohort),
      body: sheetMarkdown(content),
      visibility: 'group',
      groupId: group.value.id,
    },
    [{ fileName: L.mail.filename, content: await renderSheetPdf(content) }],
    { createdBy: active.some((u) => u.id === s.facilitatorId) ? s.facilitatorId : null, sourceKey: `codev:${s.id}` },
  );
  if (!created.ok) {
    if (created.error === 'RESOURCE_SOURCE_EXISTS') return;
    throw new Error(`library resource: ${created.error} ${JSON.stringify(created.fields ?? {})}`);
  }
  await deps.db.update(codevSummaries).set({ resourceId: created.value.id }).where(eq(codevSummaries.sessionId, s.id));
}

export function registerCodevJobs(deps: Deps) {
  deps.jobs.register(SUMMARY_JOB, (payload: { sessionId: string; userId: string }) => sendSummary(deps, payload));
  deps.jobs.register(ARCHIVE_JOB, (payload: { sessionId: string }) => archiveSummary(deps, payload));
}

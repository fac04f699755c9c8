import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { users } from '../../accounts/accounts.tables.js';
import { createNotifications } from '../../notifications/notifications.service.js';
import { parisToday } from '../../observatory/observatory.service.js';
import { organisations } from '../../organisations/organisations.tables.js';
import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { spreadsheetCsv } from '../../platform/csv.js';
import { rows } from '../../platform/db.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { checkSpaser } from '../../spaser/legal-check.js';
import { spaserStatusesOf } from '../../spaser/spaser-status.js';
import { assembleContent } from '../../spaser/spaser.service.js';
import { spaserBuyers, spasers, spaserSectionContents } from '../../spaser/spaser.tables.js';
import type { SpaserStage } from '../cohorts.contract.js';
import { COHORT_NUDGE } from '../cohorts.notifications.js';
import { canManageCohort } from '../cohorts.policy.js';
import { loadMemberCohort, type CohortRow } from '../cohorts.service.js';
import { cohortApplications, cohortMembers } from '../cohorts.tables.js';
import { cohortCards, cohortNudges } from '../programme.tables.js';
import type { HelpRule } from './participants.contract.js';
import { followUpText } from './participants.messages.js';

// The participants' follow-up (issue 23, item 2): one row per participant, read from each module
// when asked (nothing is copied): SPASER status (the one derivation, spaser-status.ts) and the legal
// check of the organisation's schéma (legal-check.ts, as the builder computes it), attendance,
// the cohort's private help space, co-development, questionnaires, the card, e-learning lessons.
// The « qui a besoin d'aide » view applies the three rules below; a facilitator sends a message
// (« relance ») from a row, at most one per participant per 24 hours.

const DAY = 24 * 3600_000;

/**
 * No activity for this many days (platform clock) counts as needing help. Activity: a question or an
 * answer in the cohort's private space, a session attended, a co-development session as client or
 * consultant, a questionnaire answered, the card saved, a lesson of a course completed. Someone who
 * joined less than this long ago is not flagged (counted from their arrival in the cohort).
 */
export const NO_ACTIVITY_DAYS = 21;

/**
 * « Checklist bloquée »: after this many weeks of cohort, the SPASER has not moved. The builder keeps
 * no history of scores, but the legal check is a pure function of the schéma's content: its score
 * cannot have changed when no section was saved. So, with a schéma written on the platform and not
 * adopted: its legal check is incomplete and no section was saved for that long; without one: the
 * stage the participant declared (card, else application) is still « pas commencé » or « réflexion ».
 * An organisation whose SPASER is adopted, published or in revision is never stuck.
 */
export const CHECKLIST_STUCK_WEEKS = 4;
const STUCK_STAGES: readonly SpaserStage[] = ['pas_commence', 'reflexion'];

/** Absent at this many sessions (among those whose attendance was marked) counts as needing help. */
export const MISSED_SESSIONS = 2;

/** One message per participant per this long. */
export const NUDGE_INTERVAL_MS = DAY;

type Participant = { userId: string; firstName: string; lastName: string; organisationId: string | null; organisationName: string | null; joinedAt: Date };

const latest = (...dates: (Date | null | undefined)[]): Date | null =>
  dates.reduce<Date | null>((max, d) => (d && (!max || d > max) ? d : max), null);
const asDate = (v: Date | string | null) => (v === null ? null : new Date(v));

async function participantsOf(deps: Deps, cohortId: string): Promise<Participant[]> {
  return deps.db
    .select({
      userId: cohortMembers.userId,
      firstName: users.firstName,
      lastName: users.lastName,
      organisationId: cohortMembers.organisationId,
      organisationName: organisations.name,
      joinedAt: cohortMembers.createdAt,
    })
    .from(cohortMembers)
    .innerJoin(users, eq(users.id, cohortMembers.userId))
    .leftJoin(organisations, eq(organisations.id, cohortMembers.organisationId))
    .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.role, 'participant'), isNull(users.disabledAt)))
    .orderBy(users.lastName, users.firstName);
}

/** The legal check of each schéma (met / applicable) and when its content last changed, as the builder computes it. */
async function legalChecks(deps: Deps, spaserIds: string[]) {
  const out = new Map<string, { met: number; applicable: number; status: string; lastSavedAt: Date }>();
  if (!spaserIds.length) return out;
  const list = await deps.db.select().from(spasers).where(inArray(spasers.id, spaserIds));
  const sections = await deps.db.select().from(spaserSectionContents).where(inArray(spaserSectionContents.spaserId, spaserIds));
  const buyers = await deps.db
    .select({ spaserId: spaserBuyers.spaserId, id: spaserBuyers.organisationId, name: organisations.name })
    .from(spaserBuyers)
    .innerJoin(organisations, eq(organisations.id, spaserBuyers.organisationId))
    .where(and(inArray(spaserBuyers.spaserId, spaserIds), eq(spaserBuyers.status, 'accepted')));
  for (const s of list) {
    const own = sections.filter((r) => r.spaserId === s.id);
    const check = checkSpaser(assembleContent(own), { at: s.adoptedOn ?? parisToday(deps), buyers: buyers.filter((b) => b.spaserId === s.id).map((b) => ({ id: b.id, name: b.name })) });
    out.set(s.id, { met: check.met, applicable: check.applicable, status: s.status, lastSavedAt: latest(s.createdAt, ...own.map((r) => r.updatedAt))! });
  }
  return out;
}

/** Every figure of every participant of the cohort, and the rules they meet (no access check: callers check). */
async function computeRows(deps: Deps, cohort: CohortRow, facilitatorName: string) {
  const now = deps.clock.now();
  const people = await participantsOf(deps, cohort.id);
  const ids = people.map((p) => p.userId);
  if (!ids.length) return [];
  const inIds = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);

  const attendance = await rows<{ user_id: string; present: boolean; starts_at: Date | string }>(
    deps.db,
    sql`SELECT a.user_id, a.present, e.starts_at FROM cohort_attendance a JOIN events e ON e.id = a.event_id
        WHERE e.owner_kind = 'cohort' AND e.owner_id = ${cohort.id} AND e.status = 'scheduled' AND e.kind <> 'office_hours' AND a.user_id IN (${inIds})`,
  );
  const posts = cohort.spaceId
    ? await rows<{ author_id: string; kind: 'question' | 'answer'; created_at: Date | string }>(
        deps.db,
        sql`SELECT author_id, kind, created_at FROM help_posts
            WHERE space_id = ${cohort.spaceId} AND kind IN ('question', 'answer') AND deleted_at IS NULL AND author_id IN (${inIds})`,
      )
    : [];
  // Co-development sessions that took place: not cancelled, and ended (or past their planned end).
  const codev = await rows<{ case_owner_id: string; group_id: string; starts_at: Date | string }>(
    deps.db,
    sql`SELECT s.case_owner_id, s.group_id, e.starts_at FROM codev_sessions s JOIN events e ON e.id = s.event_id
        WHERE s.cohort_id = ${cohort.id} AND e.status = 'scheduled' AND (s.status = 'ended' OR e.ends_at <= ${now})`,
  );
  const groupOf = new Map(
    (await rows<{ user_id: string; group_id: string }>(deps.db, sql`SELECT user_id, group_id FROM codev_group_members WHERE cohort_id = ${cohort.id}`)).map((r) => [r.user_id, r.group_id]),
  );
  const surveys = await rows<{ user_id: string; submitted_at: Date | string }>(
    deps.db,
    sql`SELECT r.user_id, r.submitted_at FROM survey_responses r JOIN cohort_surveys s ON s.id = r.survey_id WHERE s.cohort_id = ${cohort.id} AND r.user_id IN (${inIds})`,
  );
  const lessons = new Map(
    (await rows<{ user_id: string; at: Date | string }>(deps.db, sql`SELECT user_id, max(completed_at) AS at FROM lesson_completions WHERE user_id IN (${inIds}) GROUP BY user_id`)).map((r) => [
      r.user_id,
      new Date(r.at),
    ]),
  );
  const nudges = new Map(
    (
      await rows<{ to_user_id: string; at: Date | string }>(
        deps.db,
        sql`SELECT to_user_id, max(created_at) AS at FROM cohort_nudges WHERE cohort_id = ${cohort.id} GROUP BY to_user_id`,
      )
    ).map((r) => [r.to_user_id, new Date(r.at)]),
  );
  const cards = new Map((await deps.db.select().from(cohortCards).where(eq(cohortCards.cohortId, cohort.id))).map((c) => [c.userId, c]));
  const applications = new Map(
    (
      await deps.db
        .select({ userId: cohortApplications.userId, spaserStage: cohortApplications.spaserStage })
        .from(cohortApplications)
        .where(and(eq(cohortApplications.cohortId, cohort.id), inArray(cohortApplications.userId, ids)))
    ).map((a) => [a.userId, a.spaserStage]),
  );
  const statuses = await spaserStatusesOf(deps.db, people.flatMap((p) => (p.organisationId ? [p.organisationId] : [])));
  const checks = await legalChecks(deps, [...new Set([...statuses.values()].flatMap((s) => (s.spaserId ? [s.spaserId] : [])))]);

  const cohortStart = new Date(`${cohort.startsOn}T00:00:00Z`);
  const cohortOldEnough = now.getTime() - cohortStart.getTime() >= CHECKLIST_STUCK_WEEKS * 7 * DAY;

  return people.map((p) => {
    const mine = attendance.filter((a) => a.user_id === p.userId);
    const present = mine.filter((a) => a.present);
    const absent = mine.length - present.length;
    const myPosts = posts.filter((x) => x.author_id === p.userId);
    const group = groupOf.get(p.userId);
    const asClient = codev.filter((s) => s.case_owner_id === p.userId);
    const asConsultant = codev.filter((s) => s.case_owner_id !== p.userId && group !== undefined && s.group_id === group);
    const mySurveys = surveys.filter((s) => s.user_id === p.userId);
    const card = cards.get(p.userId);
    const lastActivity = latest(
      ...present.map((a) => asDate(a.starts_at)),
      ...myPosts.map((x) => asDate(x.created_at)),
      ...asClient.map((s) => asDate(s.starts_at)),
      ...asConsultant.map((s) => asDate(s.starts_at)),
      ...mySurveys.map((s) => asDate(s.submitted_at)),
      card?.updatedAt,
      lessons.get(p.userId),
    );
    const status = p.organisationId ? statuses.get(p.organisationId) : undefined;
    const check = status?.spaserId ? checks.get(status.spaserId) : undefined;
    const declaredStage = card?.spaserStage ?? applications.get(p.userId) ?? null;

    const flags: { rule: HelpRule; reason: string }[] = [];
    const since = latest(lastActivity, p.joinedAt)!;
    if (now.getTime() - since.getTime() >= NO_ACTIVITY_DAYS * DAY) {
      const days = Math.floor((now.getTime() - since.getTime()) / DAY);
      flags.push({ rule: 'no_activity', reason: followUpText.reasons.noActivity(days, lastActivity && lastActivity >= p.joinedAt ? lastActivity : null) });
    }
    const inForce = status && ['adopted', 'published', 'in_revision'].includes(status.status);
    if (cohortOldEnough && !inForce) {
      if (check) {
        if (check.met < check.applicable && now.getTime() - check.lastSavedAt.getTime() >= CHECKLIST_STUCK_WEEKS * 7 * DAY)
          flags.push({ rule: 'checklist_stuck', reason: followUpText.reasons.checklistStuckBuilder(check.met, check.applicable, CHECKLIST_STUCK_WEEKS) });
      } else if (declaredStage && STUCK_STAGES.includes(declaredStage)) {
        flags.push({ rule: 'checklist_stuck', reason: followUpText.reasons.checklistStuckDeclared(declaredStage, CHECKLIST_STUCK_WEEKS) });
      }
    }
    if (absent >= MISSED_SESSIONS) flags.push({ rule: 'missed_sessions', reason: followUpText.reasons.missedSessions(absent) });

    const nudgedAt = nudges.get(p.userId) ?? null;
    const nextNudge = nudgedAt && nudgedAt.getTime() + NUDGE_INTERVAL_MS > now.getTime() ? new Date(nudgedAt.getTime() + NUDGE_INTERVAL_MS) : null;
    return {
      userId: p.userId,
      firstName: p.firstName,
      lastName: p.lastName,
      organisationName: p.organisationName,
      spaser: { status: status?.status ?? 'unknown', legalCheck: check ? { met: check.met, applicable: check.applicable } : null, declaredStage },
      attendance: { present: present.length, absent, marked: mine.length },
      questions: myPosts.filter((x) => x.kind === 'question').length,
      answers: myPosts.filter((x) => x.kind === 'answer').length,
      codev: { asClient: asClient.length, asConsultant: asConsultant.length },
      surveysAnswered: mySurveys.length,
      cardFilled: !!card,
      lastActivityAt: lastActivity?.toISOString() ?? null,
      lastNudgedAt: nudgedAt?.toISOString() ?? null,
      flags,
      suggestedMessage: followUpText.suggestedMessage({ firstName: p.firstName, cohortName: cohort.name, rules: flags.map((f) => f.rule), facilitatorName }),
      nudgeAllowedFrom: nextNudge?.toISOString() ?? null,
    };
  });
}

type Row = Awaited<ReturnType<typeof computeRows>>[number];

function summaryOf(list: Row[]) {
  const sum = (f: (r: Row) => number) => list.reduce((n, r) => n + f(r), 0);
  const has = (rule: HelpRule) => list.filter((r) => r.flags.some((f) => f.rule === rule)).length;
  return {
    participants: list.length,
    cardsFilled: list.filter((r) => r.cardFilled).length,
    needHelp: list.filter((r) => r.flags.length > 0).length,
    byRule: { no_activity: has('no_activity'), checklist_stuck: has('checklist_stuck'), missed_sessions: has('missed_sessions') },
    attendance: { present: sum((r) => r.attendance.present), marked: sum((r) => r.attendance.marked) },
    questions: sum((r) => r.questions),
    answers: sum((r) => r.answers),
    // Each session that took place once (a client per session).
    codevSessions: sum((r) => r.codev.asClient),
    surveyResponses: sum((r) => r.surveysAnswered),
  };
}

/**
 * Who may read what: the cohort's facilitators and staff every row; its sponsors the summary only;
 * participants nothing (FOLLOW_UP_FORBIDDEN), outsiders COHORT_FORBIDDEN.
 */
async function loadFollowUp(deps: Deps, user: AuthUser, cohortId: string) {
  const loaded = await loadMemberCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  const { cohort, role } = loaded.value;
  const manager = canManageCohort(user, role);
  if (!manager && role !== 'sponsor') return fail('FOLLOW_UP_FORBIDDEN');
  return ok({ cohort, manager });
}

/** The follow-up dashboard: the summary for sponsors, and every row for the cohort's facilitators and staff. */
export async function followUp(deps: Deps, user: AuthUser, cohortId: string) {
  const loaded = await loadFollowUp(deps, user, cohortId);
  if (!loaded.ok) return loaded;
  const { cohort, manager } = loaded.value;
  const list = await computeRows(deps, cohort, `${user.firstName} ${user.lastName}`);
  return ok({
    cohortName: cohort.name,
    generatedAt: deps.clock.now().toISOString(),
    summary: summaryOf(list),
    rows: manager ? list : null,
    can: { nudge: manager, export: manager },
  });
}

/** One participant's row (facilitators and staff only). */
export async function followUpRowOf(deps: Deps, user: AuthUser, cohortId: string, userId: string) {
  const loaded = await loadFollowUp(deps, user, cohortId);
  if (!loaded.ok) return loaded;
  if (!loaded.value.manager) return fail('FOLLOW_UP_ROWS_FORBIDDEN');
  const row = (await computeRows(deps, loaded.value.cohort, `${user.firstName} ${user.lastName}`)).find((r) => r.userId === userId);
  return row ? ok(row) : fail('NUDGE_NOT_PARTICIPANT');
}

/** The rows as a spreadsheet (facilitators and staff only). */
export async function followUpCsv(deps: Deps, user: AuthUser, cohortId: string): Promise<Result<{ csv: string; filename: string }>> {
  const loaded = await loadFollowUp(deps, user, cohortId);
  if (!loaded.ok) return loaded;
  if (!loaded.value.manager) return fail('FOLLOW_UP_ROWS_FORBIDDEN');
  const T = followUpText;
  const list = await computeRows(deps, loaded.value.cohort, `${user.firstName} ${user.lastName}`);
  const day = (iso: string | null) => (iso ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(iso)) : '');
  const csv = spreadsheetCsv([
    [...T.csvHeader],
    ...list.map((r) => [
      r.lastName,
      r.firstName,
      r.organisationName ?? '',
      T.status(r.spaser.status),
      r.spaser.legalCheck?.met ?? '',
      r.spaser.legalCheck?.applicable ?? '',
      r.spaser.declaredStage ? T.stage(r.spaser.declaredStage) : '',
      r.attendance.present,
      r.attendance.absent,
      r.attendance.marked,
      r.questions,
      r.answers,
      r.codev.asClient,
      r.codev.asConsultant,
      r.surveysAnswered,
      r.cardFilled ? T.yes : T.no,
      day(r.lastActivityAt),
      day(r.lastNudgedAt),
      r.flags.map((f) => f.reason).join(' '),
    ]),
  ]);
  return ok({ csv, filename: T.csvFilename(loaded.value.cohort.edition) });
}

/**
 * Sends a facilitator's message to one participant: stored, then an in-app notification whose e-mail
 * follows the participant's preferences for « Promotions ». One per participant per 24 hours, checked
 * under a lock on the participant's membership row so that two facilitators cannot both send.
 */
export async function nudge(deps: Deps, user: AuthUser, cohortId: string, toUserId: string, body: string): Promise<Result<{ id: string; sentAt: string }>> {
  const loaded = await loadFollowUp(deps, user, cohortId);
  if (!loaded.ok) return loaded;
  if (!loaded.value.manager) return fail('FOLLOW_UP_ROWS_FORBIDDEN');
  return deps.db.transaction(async (tx) => {
    const [member] = await tx
      .select({ role: cohortMembers.role })
      .from(cohortMembers)
      .innerJoin(users, eq(users.id, cohortMembers.userId))
      .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, toUserId), isNull(users.disabledAt)))
      .for('update', { of: cohortMembers });
    if (member?.role !== 'participant') return fail('NUDGE_NOT_PARTICIPANT');
    const now = deps.clock.now();
    const [last] = await rows<{ at: Date | string | null }>(tx, sql`SELECT max(created_at) AS at FROM cohort_nudges WHERE cohort_id = ${cohortId} AND to_user_id = ${toUserId}`);
    const lastAt = asDate(last?.at ?? null);
    if (lastAt && now.getTime() - lastAt.getTime() < NUDGE_INTERVAL_MS)
      return fail('NUDGE_TOO_SOON', { body: followUpText.nextNudge(new Date(lastAt.getTime() + NUDGE_INTERVAL_MS)) });
    const [row] = await tx.insert(cohortNudges).values({ cohortId, toUserId, fromUserId: user.id, body, createdAt: now }).returning({ id: cohortNudges.id });
    await createNotifications(deps, tx, [{ userId: toUserId, kind: COHORT_NUDGE, targetId: row!.id, actorId: user.id }]);
    return ok({ id: row!.id, sentAt: now.toISOString() });
  });
}

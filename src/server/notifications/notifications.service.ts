import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { users } from '../accounts/accounts.tables.js';
import type { AuthUser } from '../platform/auth.js';
import { isStaff } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import type { Db, Tx } from '../platform/db.js';
import { rows } from '../platform/db.js';
import { fail, ok, type Result } from '../platform/result.js';
import { nextCalendarDay, parisCalendarDay, parisWallTime } from '../../shared/paris-time.js';
import { safeEqual, sign } from '../platform/tokens.js';
import { frequencyLabels, notificationMails, notificationSentence, notificationUrls, suggestionSentence } from './notifications.messages.js';
import { emailFrequencies, notifications, notificationSettings, type EmailFrequency, type NotificationKind } from './notifications.tables.js';

export const JOB_SEND_ONE = 'notifications.sendOne';
export const JOB_DIGEST = 'notifications.digest';
export const DEFAULT_FREQUENCY: EmailFrequency = 'daily';
const PAGE_SIZE = 20;
/** Digests leave at 07:00 in Paris (summer and winter time alike); weekly ones on Monday. */
export const DIGEST_HOUR_PARIS = 7;

export type NewNotification = { userId: string; kind: NotificationKind; postId: string; questionId: string; actorId: string | null; data?: Record<string, unknown> };

/** The next digest time strictly after `now`: 07:00 Paris time the next day, or next Monday for weekly. */
export function nextDigestAt(now: Date, frequency: 'daily' | 'weekly'): Date {
  let day = parisCalendarDay(now);
  let at = parisWallTime(day, DIGEST_HOUR_PARIS);
  while (at <= now || (frequency === 'weekly' && day.weekday !== 1)) {
    day = nextCalendarDay(day);
    at = parisWallTime(day, DIGEST_HOUR_PARIS);
  }
  return at;
}

async function frequencyOf(db: Db | Tx, userId: string): Promise<EmailFrequency> {
  const [s] = await db.select({ f: notificationSettings.emailFrequency }).from(notificationSettings).where(eq(notificationSettings.userId, userId));
  return s?.f ?? DEFAULT_FREQUENCY;
}

async function scheduleEmail(deps: Deps, tx: Db | Tx, userId: string, frequency: EmailFrequency, notificationId?: string) {
  if (frequency === 'never') return;
  if (frequency === 'immediately') {
    if (notificationId) await deps.jobs.enqueue(JOB_SEND_ONE, { notificationId }, {}, tx);
    return;
  }
  // One pending digest per member and frequency; it collects whatever is unread when it runs.
  await deps.jobs.enqueue(JOB_DIGEST, { userId, frequency }, { runAt: nextDigestAt(deps.clock.now(), frequency), dedupeKey: `digest:${frequency}:${userId}` }, tx);
}

/** Inserts in-app notifications and schedules their e-mails per each member's preference. */
export async function createNotifications(deps: Deps, tx: Db | Tx, items: NewNotification[]) {
  const now = deps.clock.now();
  for (const item of items) {
    const [n] = await tx
      .insert(notifications)
      .values({ userId: item.userId, kind: item.kind, postId: item.postId, questionId: item.questionId, actorId: item.actorId, data: item.data ?? {}, createdAt: now })
      .returning({ id: notifications.id });
    await scheduleEmail(deps, tx, item.userId, await frequencyOf(tx, item.userId), n!.id);
  }
}

type Recipient = { id: string; staff: boolean };

/**
 * The notifications a member may still read: the question and the post are neither deleted nor
 * (for non-staff) hidden, and the space is readable — a member removed from a private space stops
 * seeing its notifications, in the list, the counts and the e-mails.
 */
function readableNotificationSql(r: Recipient) {
  const hidden = r.staff ? sql`true` : sql`(q.hidden_at IS NULL AND p.hidden_at IS NULL)`;
  const space = r.staff
    ? sql`true`
    : sql`(q.space_id IN (SELECT id FROM help_spaces WHERE kind = 'community')
          OR q.space_id IN (SELECT space_id FROM help_space_members WHERE user_id = ${r.id}))`;
  return sql`n.user_id = ${r.id} AND q.deleted_at IS NULL AND p.deleted_at IS NULL AND ${hidden} AND ${space}`;
}

type RawNotification = {
  id: string;
  kind: NotificationKind;
  question_id: string;
  post_id: string;
  title: string;
  body: string;
  actor_id: string | null;
  actor_name: string | null;
  read_at: Date | string | null;
  created_at: Date | string;
  data: { suggested?: { id: string; displayName: string; usefulAnswersCount: number }[] };
};

async function loadNotifications(db: Db | Tx, r: Recipient, extra: ReturnType<typeof sql>, limit: number, offset = 0) {
  return rows<RawNotification>(
    db,
    sql`SELECT n.id, n.kind, n.question_id, n.post_id, q.title, p.body, n.actor_id, n.read_at, n.created_at, n.data,
          (SELECT u.first_name || ' ' || u.last_name FROM users u WHERE u.id = n.actor_id) AS actor_name
        FROM notifications n
        JOIN help_posts q ON q.id = n.question_id
        JOIN help_posts p ON p.id = n.post_id
        WHERE ${readableNotificationSql(r)} AND ${extra}
        ORDER BY n.created_at DESC, n.id
        LIMIT ${limit} OFFSET ${offset}`,
  );
}

const viewOf = (n: RawNotification) => ({
  id: n.id,
  kind: n.kind,
  sentence: notificationSentence(n.kind, n.actor_name, n.title),
  questionId: n.question_id,
  questionTitle: n.title,
  postId: n.post_id,
  actor: n.actor_id && n.actor_name ? { id: n.actor_id, displayName: n.actor_name } : null,
  read: !!n.read_at,
  createdAt: new Date(n.created_at).toISOString(),
  suggestedHelpers: n.data?.suggested ?? [],
});

const recipientOf = (u: AuthUser): Recipient => ({ id: u.id, staff: isStaff(u) });

async function countUnread(db: Db | Tx, r: Recipient): Promise<number> {
  const [{ n }] = (await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM notifications n JOIN help_posts q ON q.id = n.question_id JOIN help_posts p ON p.id = n.post_id
        WHERE ${readableNotificationSql(r)} AND n.read_at IS NULL`,
  )) as [{ n: number }];
  return Number(n);
}

/** The member's notifications, newest first, with the unread count. */
export async function listNotifications(deps: Deps, user: AuthUser, q: { unread?: 'true' | 'false'; page: number }) {
  const r = recipientOf(user);
  const extra = q.unread === 'true' ? sql`n.read_at IS NULL` : sql`true`;
  const [{ total }] = (await rows<{ total: number }>(
    deps.db,
    sql`SELECT count(*)::int AS total FROM notifications n JOIN help_posts q ON q.id = n.question_id JOIN help_posts p ON p.id = n.post_id
        WHERE ${readableNotificationSql(r)} AND ${extra}`,
  )) as [{ total: number }];
  const list = await loadNotifications(deps.db, r, extra, PAGE_SIZE, (q.page - 1) * PAGE_SIZE);
  return { items: list.map(viewOf), unreadCount: await countUnread(deps.db, r), total: Number(total), page: q.page, pageSize: PAGE_SIZE };
}

/** The number shown on the bell: unread notifications the member may still read. */
export async function unreadCount(deps: Deps, user: AuthUser) {
  return { unreadCount: await countUnread(deps.db, recipientOf(user)) };
}

/** Marks one of the member's notifications read (filtered by owner: no IDOR). */
export async function markRead(deps: Deps, user: AuthUser, notificationId: string): Promise<Result<{ ok: true }>> {
  const [n] = await deps.db.select({ id: notifications.id, readAt: notifications.readAt }).from(notifications).where(and(eq(notifications.id, notificationId), eq(notifications.userId, user.id)));
  if (!n) return fail('NOTIFICATION_NOT_FOUND');
  if (!n.readAt) await deps.db.update(notifications).set({ readAt: deps.clock.now() }).where(and(eq(notifications.id, n.id), eq(notifications.userId, user.id)));
  return ok({ ok: true as const });
}

/** Marks every notification of the member read. */
export async function markAllRead(deps: Deps, user: AuthUser) {
  await deps.db.update(notifications).set({ readAt: deps.clock.now() }).where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)));
  return { ok: true as const };
}

/** The member's e-mail rhythm (default: daily digest) and the choices with their French labels. */
export async function getPreferences(deps: Deps, userId: string) {
  return {
    emailFrequency: await frequencyOf(deps.db, userId),
    options: emailFrequencies.map((value) => ({ value, label: frequencyLabels[value] })),
  };
}

async function setFrequency(deps: Deps, userId: string, frequency: EmailFrequency) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(notificationSettings)
      .values({ userId, emailFrequency: frequency, updatedAt: now })
      .onConflictDoUpdate({ target: notificationSettings.userId, set: { emailFrequency: frequency, updatedAt: now } });
    // Unread notifications waiting for the old rhythm go with the new one.
    const pending = await rows(tx, sql`SELECT 1 FROM notifications WHERE user_id = ${userId} AND read_at IS NULL AND emailed_at IS NULL LIMIT 1`);
    if (pending.length && (frequency === 'daily' || frequency === 'weekly')) await scheduleEmail(deps, tx, userId, frequency);
  });
}

/** Changes the e-mail rhythm; pending notifications follow the new one. */
export async function updatePreferences(deps: Deps, user: AuthUser, frequency: EmailFrequency) {
  await setFrequency(deps, user.id, frequency);
  return getPreferences(deps, user.id);
}

// ---------------------------------------------------------------- unsubscribe

/** A signed, non-expiring token that sets the member's e-mail preference to "never". */
export function unsubscribeToken(secret: string, userId: string): string {
  return `${userId}.${sign(secret, `unsubscribe:${userId}`)}`;
}

function userFromToken(secret: string, token: string): string | null {
  const [userId, mac] = token.split('.');
  if (!userId || !mac || !/^[0-9a-f-]{36}$/.test(userId)) return null;
  return safeEqual(sign(secret, `unsubscribe:${userId}`), mac) ? userId : null;
}

/** What the unsubscribe page shows before the member confirms (no login needed). */
export async function unsubscribeInfo(deps: Deps, token: string) {
  const userId = userFromToken(deps.config.sessionSecret, token);
  if (!userId) return fail('UNSUBSCRIBE_LINK_INVALID');
  const [u] = await deps.db.select({ firstName: users.firstName }).from(users).where(eq(users.id, userId));
  if (!u) return fail('UNSUBSCRIBE_LINK_INVALID');
  return ok({
    firstName: u.firstName,
    emailFrequency: await frequencyOf(deps.db, userId),
    message: 'Confirmez pour ne plus recevoir aucun e-mail de notification. Les notifications restent visibles sur la plateforme.',
  });
}

/** Performs the unsubscription (RFC 8058 one-click POST, or the page's button). */
export async function unsubscribe(deps: Deps, token: string): Promise<Result<{ ok: true; message: string }>> {
  const userId = userFromToken(deps.config.sessionSecret, token);
  if (!userId) return fail('UNSUBSCRIBE_LINK_INVALID');
  const [u] = await deps.db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!u) return fail('UNSUBSCRIBE_LINK_INVALID');
  await setFrequency(deps, u.id, 'never');
  return ok({ ok: true as const, message: 'Vous ne recevrez plus d’e-mails de notification. Vous pouvez changer d’avis dans « Mes notifications ».' });
}

// ---------------------------------------------------------------- e-mail jobs

async function recipient(db: Db, userId: string) {
  const [u] = await db.select().from(users).where(eq(users.id, userId));
  if (!u || u.disabledAt || !u.emailVerifiedAt) return null;
  const [s] = await db.select().from(notificationSettings).where(eq(notificationSettings.userId, u.id));
  return { user: u, settings: s ?? null, frequency: s?.emailFrequency ?? DEFAULT_FREQUENCY, r: { id: u.id, staff: u.role !== 'member' } };
}

/** Registers the e-mail jobs: one notification, and digests; both decide at run time whether to send. */
export function registerNotificationJobs(deps: Deps) {
  const { db, jobs, mailer, config, clock } = deps;
  const links = (userId: string) => {
    const token = unsubscribeToken(config.sessionSecret, userId);
    return { settingsUrl: notificationUrls.unsubscribePage(config.baseUrl, token), unsubscribeUrl: notificationUrls.oneClick(config.baseUrl, token) };
  };

  // One notification, for members who chose "immediately"; decided again when it runs.
  jobs.register(JOB_SEND_ONE, async ({ notificationId }: { notificationId: string }) => {
    const [n] = await db.select().from(notifications).where(eq(notifications.id, notificationId));
    if (!n || n.readAt || n.emailedAt) return;
    const rc = await recipient(db, n.userId);
    if (!rc || rc.frequency !== 'immediately') return;
    const [item] = await loadNotifications(db, rc.r, sql`n.id = ${n.id}`, 1);
    if (!item) return;
    const view = viewOf(item);
    const { settingsUrl, unsubscribeUrl } = links(rc.user.id);
    const excerpt = item.body.replace(/@\[([^\]\n]{1,80})\]\(user:[0-9a-f-]{36}\)/g, '@$1').replace(/\s+/g, ' ').trim().slice(0, 280);
    await mailer.send({
      to: rc.user.email,
      unsubscribeUrl,
      ...notificationMails.single({ firstName: rc.user.firstName, sentence: [view.sentence, suggestionSentence(view.suggestedHelpers)].join(' ').trim(), excerpt, url: notificationUrls.question(config.baseUrl, n.questionId), settingsUrl }),
    });
    await db.update(notifications).set({ emailedAt: clock.now() }).where(eq(notifications.id, n.id));
  });

  // A digest gathers the unread notifications not yet e-mailed and newer than the member's last
  // visit (users.last_seen_at, written by the session touch of platform/auth.ts); nothing is sent when that is empty, or when the member changed preference meanwhile.
  jobs.register(JOB_DIGEST, async ({ userId, frequency }: { userId: string; frequency: 'daily' | 'weekly' }) => {
    const rc = await recipient(db, userId);
    if (!rc || rc.frequency !== frequency) return;
    const since = rc.user.lastSeenAt ?? new Date(0);
    const items = await loadNotifications(db, rc.r, sql`n.read_at IS NULL AND n.emailed_at IS NULL AND n.created_at > ${since}`, 50);
    if (!items.length) return;
    const { settingsUrl, unsubscribeUrl } = links(rc.user.id);
    await mailer.send({
      to: rc.user.email,
      unsubscribeUrl,
      ...notificationMails.digest({
        firstName: rc.user.firstName,
        frequency,
        lines: items.map((i) => ({ sentence: [viewOf(i).sentence, suggestionSentence(viewOf(i).suggestedHelpers)].join(' ').trim(), url: notificationUrls.question(config.baseUrl, i.question_id) })),
        url: notificationUrls.notifications(config.baseUrl),
        settingsUrl,
      }),
    });
    const now = clock.now();
    await db.update(notifications).set({ emailedAt: now }).where(inArray(notifications.id, items.map((i) => i.id)));
    await db
      .insert(notificationSettings)
      .values({ userId, emailFrequency: frequency, lastDigestAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: notificationSettings.userId, set: { lastDigestAt: now } });
  });
}


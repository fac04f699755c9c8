import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { users } from '../accounts/accounts.tables.js';
import type { AuthUser } from '../platform/auth.js';
import { isStaff } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import type { Db, Tx } from '../platform/db.js';
import { rows } from '../platform/db.js';
import { fail, ok, type Result } from '../platform/result.js';
import { nextCalendarDay, parisCalendarDay, parisWallTime } from '../../shared/paris-time.js';
import { safeEqual, sign } from '../platform/tokens.js';
import { frequencyLabels, notificationMails, notificationUrls, unsubscribeCopy } from './notifications.messages.js';
import {
  notificationCategories,
  notificationCategory,
  notificationKind,
  notificationKinds,
  type NotificationRow,
  type NotificationText,
  type Recipient,
} from './notifications.registry.js';
import { emailFrequencies, notificationPreferences, notifications, notificationSettings, type EmailFrequency } from './notifications.tables.js';

export const JOB_SEND_ONE = 'notifications.sendOne';
export const JOB_DIGEST = 'notifications.digest';
export const JOB_FANOUT = 'notifications.fanout';
export const DEFAULT_FREQUENCY: EmailFrequency = 'daily';
const PAGE_SIZE = 20;
/** Digests leave at 07:00 in Paris (summer and winter time alike); weekly ones on Monday. */
export const DIGEST_HOUR_PARIS = 7;
/** Unsubscribe links work this long after the e-mail that carries them. */
export const UNSUBSCRIBE_LINK_DAYS = 90;

export type NewNotification = { userId: string; kind: string; targetId: string; actorId: string | null; data?: Record<string, unknown> };

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

// ---------------------------------------------------------------- preferences

/** The member's rhythm for a category: their choice for it, else their general rhythm, else daily. */
function frequencySql(userId: SQL | string, category: SQL | string): SQL {
  return sql`coalesce(
    (SELECT p.email_frequency FROM notification_preferences p WHERE p.user_id = ${userId} AND p.category = ${category}),
    (SELECT s.email_frequency FROM notification_settings s WHERE s.user_id = ${userId}),
    ${DEFAULT_FREQUENCY})`;
}

async function frequencyOf(db: Db | Tx, userId: string, category: string): Promise<EmailFrequency> {
  const [r] = await rows<{ f: EmailFrequency }>(db, sql`SELECT ${frequencySql(sql`${userId}::uuid`, category)} AS f`);
  return r!.f;
}

async function generalFrequencyOf(db: Db | Tx, userId: string): Promise<EmailFrequency> {
  const [s] = await db.select({ f: notificationSettings.emailFrequency }).from(notificationSettings).where(eq(notificationSettings.userId, userId));
  return s?.f ?? DEFAULT_FREQUENCY;
}

async function scheduleEmail(deps: Deps, tx: Db | Tx, userId: string, frequency: EmailFrequency, notificationId?: string) {
  if (frequency === 'never') return;
  if (frequency === 'immediately') {
    if (notificationId) await deps.jobs.enqueue(JOB_SEND_ONE, { notificationId }, {}, tx);
    return;
  }
  // One pending digest per member and frequency; it collects whatever is unread when it runs, from every category.
  await deps.jobs.enqueue(JOB_DIGEST, { userId, frequency }, { runAt: nextDigestAt(deps.clock.now(), frequency), dedupeKey: `digest:${frequency}:${userId}` }, tx);
}

/** Inserts in-app notifications of registered kinds and schedules their e-mails per each member's rhythm for the kind's category. */
export async function createNotifications(deps: Deps, tx: Db | Tx, items: NewNotification[]) {
  const now = deps.clock.now();
  for (const item of items) {
    const def = notificationKind(item.kind);
    if (!def) throw new Error(`notification kind not registered: ${item.kind}`);
    const [n] = await tx
      .insert(notifications)
      .values({
        userId: item.userId,
        kind: item.kind,
        category: def.category,
        targetKind: def.targetKind,
        targetId: item.targetId,
        actorId: item.actorId,
        data: item.data ?? {},
        createdAt: now,
      })
      .returning({ id: notifications.id });
    await scheduleEmail(deps, tx, item.userId, await frequencyOf(tx, item.userId, def.category), n!.id);
  }
}

/**
 * Broadcast news (a new resource, a new webinar…): the kind's audience is read when the job runs,
 * after the commit, so a target withdrawn meanwhile notifies nobody. Call inside the transaction that publishes.
 */
export async function announce(deps: Deps, tx: Db | Tx, kind: string, targetId: string, actorId: string | null) {
  if (!notificationKind(kind)?.audience) throw new Error(`notification kind without audience: ${kind}`);
  await deps.jobs.enqueue(JOB_FANOUT, { kind, targetId, actorId }, { dedupeKey: `fanout:${kind}:${targetId}` }, tx);
}

// ---------------------------------------------------------------- reading

/** What the recipient may still read, over every registered kind (a kind no module registers any more is hidden). */
function readableSql(r: Recipient): SQL {
  const kinds = notificationKinds();
  if (!kinds.length) return sql`false`;
  return sql`(n.user_id = ${r.id} AND (${sql.join(
    kinds.map((k) => sql`(n.kind = ${k.kind} AND ${k.readableSql(r)})`),
    sql` OR `,
  )}))`;
}

type RawNotification = NotificationRow & { read_at: Date | string | null; created_at: Date | string };

async function loadNotifications(db: Db | Tx, r: Recipient, extra: SQL, limit: number, offset = 0) {
  const list = await rows<RawNotification>(
    db,
    sql`SELECT n.id, n.kind, n.category, n.target_kind, n.target_id, n.actor_id, n.read_at, n.created_at, n.data,
          (SELECT u.first_name || ' ' || u.last_name FROM users u WHERE u.id = n.actor_id) AS actor_name
        FROM notifications n
        WHERE ${readableSql(r)} AND ${extra}
        ORDER BY n.created_at DESC, n.id
        LIMIT ${limit} OFFSET ${offset}`,
  );
  // Each module builds its sentences and links now, for its own rows, in one go.
  const texts = new Map<string, NotificationText>();
  const byKind = new Map<string, RawNotification[]>();
  for (const n of list) byKind.set(n.kind, [...(byKind.get(n.kind) ?? []), n]);
  for (const [kind, group] of byKind) for (const [id, text] of await notificationKind(kind)!.describe(db, r, group)) texts.set(id, text);
  return list.filter((n) => texts.has(n.id)).map((n) => ({ row: n, text: texts.get(n.id)! }));
}

type Loaded = Awaited<ReturnType<typeof loadNotifications>>[number];

const viewOf = ({ row: n, text }: Loaded) => ({
  id: n.id,
  kind: n.kind,
  category: n.category,
  categoryLabel: notificationCategory(n.category)?.label ?? n.category,
  sentence: text.sentence,
  path: text.path,
  actor: n.actor_id && n.actor_name ? { id: n.actor_id, displayName: n.actor_name } : null,
  read: !!n.read_at,
  createdAt: new Date(n.created_at).toISOString(),
  questionId: text.extra?.questionId ?? null,
  questionTitle: text.extra?.questionTitle ?? null,
  postId: text.extra?.postId ?? null,
  suggestedHelpers: text.extra?.suggestedHelpers ?? [],
});

const recipientOf = (u: AuthUser): Recipient => ({ id: u.id, staff: isStaff(u) });

async function countUnread(db: Db | Tx, r: Recipient): Promise<number> {
  const [{ n }] = (await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM notifications n WHERE ${readableSql(r)} AND n.read_at IS NULL`)) as [{ n: number }];
  return Number(n);
}

/** The member's notifications of every module, newest first, optionally of one category, with counts per category for the filters. */
export async function listNotifications(deps: Deps, user: AuthUser, q: { unread?: 'true' | 'false'; category?: string; page: number }) {
  if (q.category && !notificationCategory(q.category)) return fail('NOTIFICATION_CATEGORY_UNKNOWN');
  const r = recipientOf(user);
  const extra = sql`${q.unread === 'true' ? sql`n.read_at IS NULL` : sql`true`} AND ${q.category ? sql`n.category = ${q.category}` : sql`true`}`;
  const counts = await rows<{ category: string; total: number; unread: number }>(
    deps.db,
    sql`SELECT n.category, count(*)::int AS total, count(*) FILTER (WHERE n.read_at IS NULL)::int AS unread
        FROM notifications n WHERE ${readableSql(r)} GROUP BY n.category`,
  );
  const [{ total }] = (await rows<{ total: number }>(deps.db, sql`SELECT count(*)::int AS total FROM notifications n WHERE ${readableSql(r)} AND ${extra}`)) as [{ total: number }];
  const list = await loadNotifications(deps.db, r, extra, PAGE_SIZE, (q.page - 1) * PAGE_SIZE);
  return ok({
    items: list.map(viewOf),
    unreadCount: counts.reduce((s, c) => s + Number(c.unread), 0),
    total: Number(total),
    page: q.page,
    pageSize: PAGE_SIZE,
    categories: notificationCategories().map((c) => {
      const found = counts.find((x) => x.category === c.id);
      return { id: c.id, label: c.label, total: Number(found?.total ?? 0), unread: Number(found?.unread ?? 0) };
    }),
  });
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

/** The member's rhythm per category (and the general one), with the choices and their French labels. */
export async function getPreferences(deps: Deps, userId: string) {
  const general = await generalFrequencyOf(deps.db, userId);
  const own = await deps.db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  return {
    emailFrequency: general,
    categories: notificationCategories().map((c) => ({
      id: c.id,
      label: c.label,
      description: c.description,
      emailFrequency: own.find((p) => p.category === c.id)?.emailFrequency ?? general,
    })),
    options: emailFrequencies.map((value) => ({ value, label: frequencyLabels[value] })),
  };
}

/**
 * Writes a member's rhythms: `all` sets the general one and every category (present and future
 * follow it); `categories` one rhythm each. Pending notifications follow the new rhythm.
 */
async function setFrequencies(deps: Deps, userId: string, change: { all?: EmailFrequency; categories?: Record<string, EmailFrequency> }) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if (change.all) {
      await tx
        .insert(notificationSettings)
        .values({ userId, emailFrequency: change.all, updatedAt: now })
        .onConflictDoUpdate({ target: notificationSettings.userId, set: { emailFrequency: change.all, updatedAt: now } });
      await tx.delete(notificationPreferences).where(eq(notificationPreferences.userId, userId));
    }
    for (const [category, frequency] of Object.entries(change.categories ?? {}))
      await tx
        .insert(notificationPreferences)
        .values({ userId, category, emailFrequency: frequency, updatedAt: now })
        .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.category], set: { emailFrequency: frequency, updatedAt: now } });
    // Unread notifications waiting for an old rhythm go with the new one.
    const pending = await rows<{ f: EmailFrequency }>(
      tx,
      sql`SELECT DISTINCT ${frequencySql(sql`n.user_id`, sql`n.category`)} AS f FROM notifications n
          WHERE n.user_id = ${userId} AND n.read_at IS NULL AND n.emailed_at IS NULL`,
    );
    for (const p of pending) if (p.f === 'daily' || p.f === 'weekly') await scheduleEmail(deps, tx, userId, p.f);
  });
}

/** Changes the member's own rhythms (the route never takes a member id); an unknown category changes nothing. */
export async function updatePreferences(deps: Deps, user: AuthUser, body: { emailFrequency?: EmailFrequency; categories?: Record<string, EmailFrequency> }) {
  const unknown = Object.keys(body.categories ?? {}).filter((c) => !notificationCategory(c));
  if (unknown.length) return fail('NOTIFICATION_CATEGORY_UNKNOWN');
  await setFrequencies(deps, user.id, { all: body.emailFrequency, categories: body.categories });
  return ok(await getPreferences(deps, user.id));
}

// ---------------------------------------------------------------- unsubscribe

const DAY_MS = 24 * 60 * 60 * 1000;
type Scope = string; // a category id, or 'all'

/**
 * A signed token that sets one category (or every one: scope 'all') to "never", valid
 * UNSUBSCRIBE_LINK_DAYS after `now`: `<user>.<scope>.<expiry day>.<HMAC>`.
 */
export function unsubscribeToken(secret: string, userId: string, scope: Scope, now: Date): string {
  const expires = (Math.floor(now.getTime() / DAY_MS) + UNSUBSCRIBE_LINK_DAYS).toString(36);
  return `${userId}.${scope}.${expires}.${sign(secret, `unsubscribe:${userId}:${scope}:${expires}`)}`;
}

function readToken(secret: string, token: string, now: Date): Result<{ userId: string; scope: Scope }> {
  const parts = token.split('.');
  // Links of e-mails sent before issue 16: every e-mail, no expiry (they were promised so).
  if (parts.length === 2) {
    const [userId, mac] = parts as [string, string];
    if (!/^[0-9a-f-]{36}$/.test(userId) || !safeEqual(sign(secret, `unsubscribe:${userId}`), mac)) return fail('UNSUBSCRIBE_LINK_INVALID');
    return ok({ userId, scope: 'all' });
  }
  if (parts.length !== 4) return fail('UNSUBSCRIBE_LINK_INVALID');
  const [userId, scope, expires, mac] = parts as [string, string, string, string];
  if (!/^[0-9a-f-]{36}$/.test(userId) || !/^[a-z_]{2,32}$/.test(scope) || !/^[0-9a-z]{1,8}$/.test(expires)) return fail('UNSUBSCRIBE_LINK_INVALID');
  if (!safeEqual(sign(secret, `unsubscribe:${userId}:${scope}:${expires}`), mac)) return fail('UNSUBSCRIBE_LINK_INVALID');
  if (scope !== 'all' && !notificationCategory(scope)) return fail('UNSUBSCRIBE_LINK_INVALID');
  if (parseInt(expires, 36) * DAY_MS < now.getTime()) return fail('UNSUBSCRIBE_LINK_EXPIRED');
  return ok({ userId, scope });
}

async function tokenHolder(deps: Deps, token: string) {
  const read = readToken(deps.config.sessionSecret, token, deps.clock.now());
  if (!read.ok) return read;
  const [u] = await deps.db.select({ id: users.id, firstName: users.firstName, deletedAt: users.deletedAt }).from(users).where(eq(users.id, read.value.userId));
  // The token is a signature of the id: a deleted account's links must die with it.
  if (!u || u.deletedAt) return fail('UNSUBSCRIBE_LINK_INVALID');
  return ok({ user: u, scope: read.value.scope });
}

/** What the unsubscribe page shows before the member confirms (no login needed). */
export async function unsubscribeInfo(deps: Deps, token: string) {
  const held = await tokenHolder(deps, token);
  if (!held.ok) return held;
  const { user, scope } = held.value;
  const category = scope === 'all' ? null : notificationCategory(scope)!;
  return ok({
    firstName: user.firstName,
    emailFrequency: category ? await frequencyOf(deps.db, user.id, category.id) : await generalFrequencyOf(deps.db, user.id),
    category: category ? { id: category.id, label: category.label } : null,
    message: category ? unsubscribeCopy.confirmCategory(category.label) : unsubscribeCopy.confirmAll,
  });
}

/** Performs the unsubscription (RFC 8058 one-click POST, or the page's button): one category, or everything. */
export async function unsubscribe(deps: Deps, token: string): Promise<Result<{ ok: true; message: string }>> {
  const held = await tokenHolder(deps, token);
  if (!held.ok) return held;
  const { user, scope } = held.value;
  if (scope === 'all') {
    await setFrequencies(deps, user.id, { all: 'never' });
    return ok({ ok: true as const, message: unsubscribeCopy.doneAll });
  }
  await setFrequencies(deps, user.id, { categories: { [scope]: 'never' } });
  return ok({ ok: true as const, message: unsubscribeCopy.doneCategory(notificationCategory(scope)!.label) });
}

// ---------------------------------------------------------------- e-mail jobs

async function recipient(db: Db, userId: string) {
  const [u] = await db.select().from(users).where(eq(users.id, userId));
  if (!u || u.disabledAt || !u.emailVerifiedAt || u.deletedAt) return null;
  return { user: u, r: { id: u.id, staff: u.role !== 'member' } };
}

/** Registers the e-mail jobs (one notification, digests) and the fan-out of broadcast news; each decides at run time. */
export function registerNotificationJobs(deps: Deps) {
  const { db, jobs, mailer, config, clock } = deps;
  const link = (userId: string, scope: Scope) => {
    const token = unsubscribeToken(config.sessionSecret, userId, scope, clock.now());
    return { page: notificationUrls.unsubscribePage(config.baseUrl, token), oneClick: notificationUrls.oneClick(config.baseUrl, token) };
  };

  // One notification, for members whose rhythm for its category is "immediately"; decided again when it runs.
  jobs.register(JOB_SEND_ONE, async ({ notificationId }: { notificationId: string }) => {
    const [n] = await db.select().from(notifications).where(eq(notifications.id, notificationId));
    if (!n || n.readAt || n.emailedAt) return;
    const rc = await recipient(db, n.userId);
    if (!rc || (await frequencyOf(db, n.userId, n.category)) !== 'immediately') return;
    const [item] = await loadNotifications(db, rc.r, sql`n.id = ${n.id}`, 1);
    if (!item) return;
    const category = notificationCategory(n.category)!;
    const forCategory = link(rc.user.id, category.id);
    await mailer.send({
      to: rc.user.email,
      unsubscribeUrl: forCategory.oneClick,
      ...notificationMails.single({
        firstName: rc.user.firstName,
        categoryLabel: category.label,
        sentence: [item.text.sentence, item.text.mailNote ?? ''].join(' ').trim(),
        excerpt: item.text.excerpt ?? '',
        url: `${config.baseUrl}${item.text.path}`,
        unsubscribeCategoryUrl: forCategory.page,
        unsubscribeAllUrl: link(rc.user.id, 'all').page,
        preferencesUrl: notificationUrls.preferences(config.baseUrl),
      }),
    });
    await db.update(notifications).set({ emailedAt: clock.now() }).where(eq(notifications.id, n.id));
  });

  // A digest gathers, from every category whose rhythm is this one, the unread notifications not yet
  // e-mailed and newer than the member's last visit (users.last_seen_at, written by the session touch
  // of platform/auth.ts); nothing is sent when that is empty.
  jobs.register(JOB_DIGEST, async ({ userId, frequency }: { userId: string; frequency: 'daily' | 'weekly' }) => {
    const rc = await recipient(db, userId);
    if (!rc) return;
    const since = rc.user.lastSeenAt ?? new Date(0);
    const items = await loadNotifications(
      db,
      rc.r,
      sql`n.read_at IS NULL AND n.emailed_at IS NULL AND n.created_at > ${since} AND ${frequencySql(sql`n.user_id`, sql`n.category`)} = ${frequency}`,
      50,
    );
    if (!items.length) return;
    const present = notificationCategories().filter((c) => items.some((i) => i.row.category === c.id));
    const all = link(rc.user.id, 'all');
    await mailer.send({
      to: rc.user.email,
      unsubscribeUrl: all.oneClick,
      ...notificationMails.digest({
        firstName: rc.user.firstName,
        frequency,
        sections: present.map((c) => ({
          label: c.label,
          unsubscribeUrl: link(rc.user.id, c.id).page,
          lines: items.filter((i) => i.row.category === c.id).map((i) => ({ sentence: [i.text.sentence, i.text.mailNote ?? ''].join(' ').trim(), url: `${config.baseUrl}${i.text.path}` })),
        })),
        count: items.length,
        url: notificationUrls.notifications(config.baseUrl),
        unsubscribeAllUrl: all.page,
        preferencesUrl: notificationUrls.preferences(config.baseUrl),
      }),
    });
    const now = clock.now();
    await db.update(notifications).set({ emailedAt: now }).where(inArray(notifications.id, items.map((i) => i.row.id)));
    await db
      .insert(notificationSettings)
      .values({ userId, emailFrequency: await generalFrequencyOf(db, userId), lastDigestAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: notificationSettings.userId, set: { lastDigestAt: now } });
  });

  // Broadcast news: the module's audience now, minus the actor and whoever already has it (at-least-once jobs).
  jobs.register(JOB_FANOUT, async ({ kind, targetId, actorId }: { kind: string; targetId: string; actorId: string | null }) => {
    const def = notificationKind(kind);
    if (!def?.audience) return;
    const readers = await rows<{ user_id: string }>(
      db,
      sql`SELECT n.user_id FROM (SELECT c.id AS user_id, ${targetId}::uuid AS target_id FROM (${def.audience(targetId)}) c) n
          WHERE ${def.readableSql(null)}
            AND NOT EXISTS (SELECT 1 FROM notifications x WHERE x.user_id = n.user_id AND x.kind = ${kind} AND x.target_id = n.target_id)
          ORDER BY n.user_id`,
    );
    const ids = readers.map((r) => r.user_id).filter((id) => id !== actorId);
    // Short transactions: PGlite has one connection.
    for (let i = 0; i < ids.length; i += 200)
      await db.transaction(async (tx) => createNotifications(deps, tx, ids.slice(i, i + 200).map((userId) => ({ userId, kind, targetId, actorId }))));
  });
}

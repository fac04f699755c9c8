import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { profileVisibleSql } from '../accounts/profile-visibility.js';
import { createNotifications } from '../notifications/notifications.service.js';
import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { rows, type Db, type Tx } from '../platform/db.js';
import { fail, ok, type Result } from '../platform/result.js';
import {
  DECLINE_COOLDOWN_DAYS,
  MAX_PENDING_INTRODUCTIONS,
  MAX_REQUESTS_TO_MEMBER,
  type IntroductionBlock,
  type IntroductionBody,
  type IntroductionsList,
  type IntroductionView,
  type IntroductionWith,
} from './introductions.contract.js';
import './introductions.messages.js';
import { INTRODUCTION_ACCEPTED, INTRODUCTION_DECLINED, INTRODUCTION_REQUESTED } from './introductions.notifications.js';
import { contactRequests, type ContactRequestStatus } from './introductions.tables.js';

// The limits, for whoever ranks or lists people who may be contacted (peer matching).
export { DECLINE_COOLDOWN_DAYS, INTRODUCTION_MESSAGE_MAX, INTRODUCTION_MESSAGE_MIN, MAX_PENDING_INTRODUCTIONS } from './introductions.contract.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Who may receive a contact request: exactly the member-profile rule (active, shown in the directory,
 * verified member of an organisation) and « disponible pour aider ». `userId`: a value, or a column
 * of the enclosing query written with its table (`sql\`"users"."id"\``).
 */
export function contactableSql(userId: SQL | string): SQL {
  return sql`(${profileVisibleSql(userId)} AND EXISTS (SELECT 1 FROM users au WHERE au.id = ${userId} AND au.available_to_help))`;
}

/**
 * True when the candidate (`candidateIdColumn`, e.g. `sql\`"users"."id"\`` of the enclosing query) declined a
 * request of `requesterId` less than DECLINE_COOLDOWN_DAYS days before `now` (the platform clock,
 * `deps.clock.now()`). The one definition of the 30-day window: the request refusal here and peer
 * matching (never suggest someone who declined) both use it.
 */
export function declinedWithin30DaysSql(requesterId: SQL | string, candidateIdColumn: SQL, now: Date): SQL {
  const since = new Date(now.getTime() - DECLINE_COOLDOWN_DAYS * DAY_MS).toISOString();
  return sql`EXISTS (SELECT 1 FROM contact_requests dcr WHERE dcr.requester_id = ${requesterId} AND dcr.recipient_id = ${candidateIdColumn}
    AND dcr.status = 'declined' AND dcr.answered_at > ${since}::timestamptz)`;
}

type Row = {
  id: string;
  requester_id: string;
  recipient_id: string;
  message: string;
  status: ContactRequestStatus;
  created_at: Date | string;
  answered_at: Date | string | null;
  peer_id: string;
  peer_first_name: string;
  peer_last_name: string;
  peer_job_title: string;
  peer_email: string | null;
  peer_organisations: string[] | null;
};

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * Requests of `viewerId` with the other member's name and organisations; their e-mail address only
 * when the request was accepted and their account is still active — the one place it is read.
 */
async function loadRequests(db: Db | Tx, viewerId: string, where: SQL): Promise<IntroductionView[]> {
  const list = await rows<Row>(
    db,
    sql`SELECT cr.id, cr.requester_id, cr.recipient_id, cr.message, cr.status, cr.created_at, cr.answered_at,
          p.id AS peer_id, p.first_name AS peer_first_name, p.last_name AS peer_last_name, p.job_title AS peer_job_title,
          CASE WHEN cr.status = 'accepted' AND p.disabled_at IS NULL AND p.deleted_at IS NULL THEN p.email END AS peer_email,
          (SELECT array_agg(o.name ORDER BY o.name) FROM memberships m JOIN organisations o ON o.id = m.organisation_id
            WHERE m.user_id = p.id AND m.status = 'verified') AS peer_organisations
        FROM contact_requests cr
        JOIN users p ON p.id = CASE WHEN cr.requester_id = ${viewerId} THEN cr.recipient_id ELSE cr.requester_id END
        WHERE (cr.requester_id = ${viewerId} OR cr.recipient_id = ${viewerId}) AND ${where}
        ORDER BY cr.created_at DESC, cr.id`,
  );
  return list.map((r) => {
    const sent = r.requester_id === viewerId;
    const pending = r.status === 'pending';
    return {
      id: r.id,
      direction: sent ? 'sent' : 'received',
      status: r.status,
      message: r.message,
      createdAt: iso(r.created_at)!,
      answeredAt: iso(r.answered_at),
      peer: { id: r.peer_id, firstName: r.peer_first_name, lastName: r.peer_last_name, jobTitle: r.peer_job_title, organisations: r.peer_organisations ?? [], email: r.peer_email },
      can: { accept: pending && !sent, decline: pending && !sent, withdraw: pending && sent },
    };
  });
}

type Between = { blocked: IntroductionBlock | null; retryAt: Date | null; latest: { id: string; status: ContactRequestStatus; direction: 'sent' | 'received' } | null };

/** Whether `requesterId` may ask `memberId` for a contact now, and why not; the rules in the order a member would want to hear them. */
async function checkBetween(deps: Deps, db: Db | Tx, requesterId: string, memberId: string): Promise<Between> {
  const now = deps.clock.now();
  const history = await db
    .select({ id: contactRequests.id, requesterId: contactRequests.requesterId, status: contactRequests.status, createdAt: contactRequests.createdAt })
    .from(contactRequests)
    .where(
      or(
        and(eq(contactRequests.requesterId, requesterId), eq(contactRequests.recipientId, memberId)),
        and(eq(contactRequests.requesterId, memberId), eq(contactRequests.recipientId, requesterId)),
      ),
    )
    .orderBy(sql`${contactRequests.createdAt} DESC`);
  const direction = (r: { requesterId: string }) => (r.requesterId === requesterId ? ('sent' as const) : ('received' as const));
  const latest = history[0] ? { id: history[0].id, status: history[0].status, direction: direction(history[0]) } : null;
  const result = (blocked: IntroductionBlock | null, retryAt: Date | null = null): Between => ({ blocked, retryAt, latest });

  if (requesterId === memberId) return result('self');
  const [facts] = await rows<{ contactable: boolean; declined_until: Date | string | null; pending: number }>(
    db,
    sql`SELECT ${contactableSql(sql`${memberId}::uuid`)} AS contactable,
          CASE WHEN ${declinedWithin30DaysSql(sql`${requesterId}::uuid`, sql`${memberId}::uuid`, now)} THEN
            (SELECT max(answered_at) FROM contact_requests d WHERE d.requester_id = ${requesterId} AND d.recipient_id = ${memberId} AND d.status = 'declined') END AS declined_until,
          (SELECT count(*)::int FROM contact_requests p WHERE p.requester_id = ${requesterId} AND p.status = 'pending') AS pending`,
  );
  // What is already between the two comes first: it tells the requester nothing they do not know.
  // Once connected, the addresses stay visible even if the member later stopped being contactable.
  const accepted = history.find((h) => h.status === 'accepted');
  if (accepted) return { ...result('accepted'), latest: { id: accepted.id, status: 'accepted', direction: direction(accepted) } };
  const pending = history.find((h) => h.status === 'pending');
  if (pending) return { ...result(direction(pending) === 'sent' ? 'pending_sent' : 'pending_received'), latest: { id: pending.id, status: 'pending', direction: direction(pending) } };
  if (!facts!.contactable) return result('unavailable');
  if (facts!.declined_until) return result('declined_recently', new Date(new Date(facts!.declined_until).getTime() + DECLINE_COOLDOWN_DAYS * DAY_MS));
  if (Number(facts!.pending) >= MAX_PENDING_INTRODUCTIONS) return result('too_many_pending');
  // Each request notified the member, withdrawn or not: a few per window, then wait for the oldest to age out.
  const windowStart = now.getTime() - DECLINE_COOLDOWN_DAYS * DAY_MS;
  const recent = history.filter((h) => direction(h) === 'sent' && new Date(h.createdAt).getTime() > windowStart);
  if (recent.length >= MAX_REQUESTS_TO_MEMBER) {
    const oldest = Math.min(...recent.map((h) => new Date(h.createdAt).getTime()));
    return result('too_many_to_member', new Date(oldest + DECLINE_COOLDOWN_DAYS * DAY_MS));
  }
  return result(null);
}

const refusals: Record<IntroductionBlock, string> = {
  self: 'INTRODUCTION_SELF',
  unavailable: 'INTRODUCTION_UNAVAILABLE',
  accepted: 'INTRODUCTION_ALREADY_CONNECTED',
  pending_sent: 'INTRODUCTION_PENDING',
  pending_received: 'INTRODUCTION_PENDING_FROM_PEER',
  declined_recently: 'INTRODUCTION_DECLINED_RECENTLY',
  too_many_pending: 'INTRODUCTION_TOO_MANY_PENDING',
  too_many_to_member: 'INTRODUCTION_TOO_MANY_TO_MEMBER',
};

/** The contact between the viewer and a member, for the member's profile page: may they ask, why not, and the address once accepted. */
export async function introductionWith(deps: Deps, viewerId: string, memberId: string): Promise<IntroductionWith> {
  const between = await checkBetween(deps, deps.db, viewerId, memberId);
  // Unknown, hidden or not contactable, and nothing between the two: the same empty answer.
  if (between.blocked === 'unavailable' && !between.latest) return { canRequest: false, blocked: 'unavailable', retryAt: null, request: null, email: null };
  const [view] = between.latest ? await loadRequests(deps.db, viewerId, sql`cr.id = ${between.latest.id}`) : [];
  return {
    canRequest: between.blocked === null,
    blocked: between.blocked,
    retryAt: iso(between.retryAt),
    request: between.latest,
    email: view?.peer.email ?? null,
  };
}

/**
 * A verified member asks another for a contact, with a message. Refused, changing nothing, when
 * `checkBetween` says no; the recipient is notified (in the app, and by e-mail at their rhythm).
 */
export async function requestIntroduction(deps: Deps, user: AuthUser, body: IntroductionBody): Promise<Result<IntroductionView>> {
  // One request at a time per requester (the row lock), so that two at once cannot both pass the
  // limits; the unique index on pending pairs stays as the last guard.
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT id FROM users WHERE id = ${user.id} FOR UPDATE`);
    const between = await checkBetween(deps, tx, user.id, body.recipientId);
    if (between.blocked) return fail(refusals[between.blocked]);
    const [created] = await tx
      .insert(contactRequests)
      .values({ requesterId: user.id, recipientId: body.recipientId, message: body.message, status: 'pending', createdAt: deps.clock.now() })
      .returning({ id: contactRequests.id });
    await createNotifications(deps, tx, [{ userId: body.recipientId, kind: INTRODUCTION_REQUESTED, targetId: created!.id, actorId: user.id }]);
    const [view] = await loadRequests(tx, user.id, sql`cr.id = ${created!.id}`);
    return ok(view!);
  });
}

/** The member's requests, sent and received, newest first. */
export async function listIntroductions(deps: Deps, userId: string): Promise<IntroductionsList> {
  const all = await loadRequests(deps.db, userId, sql`true`);
  return { sent: all.filter((r) => r.direction === 'sent'), received: all.filter((r) => r.direction === 'received') };
}

/** One request, for its requester or its recipient only; anyone else gets « not found ». */
export async function getIntroduction(deps: Deps, userId: string, id: string): Promise<Result<IntroductionView>> {
  const [view] = await loadRequests(deps.db, userId, sql`cr.id = ${id}`);
  return view ? ok(view) : fail('INTRODUCTION_NOT_FOUND');
}

type Answer = 'accept' | 'decline' | 'withdraw';
const nextStatus: Record<Answer, ContactRequestStatus> = { accept: 'accepted', decline: 'declined', withdraw: 'withdrawn' };

/**
 * The recipient accepts or declines a pending request, or its requester withdraws it. The row is
 * updated only if still pending and the member is the right party (filtered on the stored row), so
 * a second answer or another member's changes nothing. The requester hears of the answer.
 */
export async function answerIntroduction(deps: Deps, userId: string, id: string, answer: Answer): Promise<Result<IntroductionView>> {
  return deps.db.transaction(async (tx) => {
    const [cr] = await tx.select().from(contactRequests).where(and(eq(contactRequests.id, id), or(eq(contactRequests.requesterId, userId), eq(contactRequests.recipientId, userId))));
    if (!cr) return fail('INTRODUCTION_NOT_FOUND');
    const party = answer === 'withdraw' ? cr.requesterId : cr.recipientId;
    if (party !== userId) return fail(answer === 'withdraw' ? 'INTRODUCTION_NOT_REQUESTER' : 'INTRODUCTION_NOT_RECIPIENT');
    const updated = await tx
      .update(contactRequests)
      .set({ status: nextStatus[answer], answeredAt: deps.clock.now() })
      .where(and(eq(contactRequests.id, cr.id), eq(party === cr.requesterId ? contactRequests.requesterId : contactRequests.recipientId, userId), eq(contactRequests.status, 'pending')))
      .returning({ id: contactRequests.id });
    if (!updated.length) return fail('INTRODUCTION_ANSWERED');
    if (answer !== 'withdraw')
      await createNotifications(deps, tx, [{ userId: cr.requesterId, kind: answer === 'accept' ? INTRODUCTION_ACCEPTED : INTRODUCTION_DECLINED, targetId: cr.id, actorId: userId }]);
    const [view] = await loadRequests(tx, userId, sql`cr.id = ${cr.id}`);
    return ok(view!);
  });
}

import { and, eq, gt, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessions, users } from '../accounts/accounts.tables.js';
import { memberships } from '../organisations/organisations.tables.js';
import type { Clock } from './clock.js';
import type { Db } from './db.js';
import { hashToken, randomToken, safeEqual, sign } from './tokens.js';

export const SESSION_COOKIE = 'entraide_session';
export const CSRF_COOKIE = 'entraide_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const HOUR = 3600_000;
/** A session without "remember me" ends after 12 hours without activity, and with the browser. */
export const SHORT_SESSION_MS = 12 * HOUR;
export const REMEMBER_SESSION_MS = 30 * 24 * HOUR;
const TOUCH_EVERY_MS = 5 * 60_000;

export type Role = 'member' | 'facilitator' | 'admin';

export type AuthUser = {
  id: string;
  email: string;
  role: Role;
  firstName: string;
  lastName: string;
  /** Organisations where the membership is verified. */
  verifiedOrganisationIds: string[];
};

export type Auth = { user: AuthUser | null; sessionId: string | null };

export const isStaff = (u: AuthUser | null): boolean => u?.role === 'facilitator' || u?.role === 'admin';

/** Creates a session row and returns the cookie token (only its hash is stored). */
export async function createSession(
  db: Db,
  clock: Clock,
  input: { userId: string; remember: boolean; ip?: string; userAgent?: string },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + (input.remember ? REMEMBER_SESSION_MS : SHORT_SESSION_MS));
  await db.insert(sessions).values({
    id: hashToken(token),
    userId: input.userId,
    remember: input.remember,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  await db.update(users).set({ lastSeenAt: now }).where(eq(users.id, input.userId));
  return { token, expiresAt };
}

/** Resolves the session cookie into the current user; slides the expiry of active sessions. */
export async function loadAuth(db: Db, clock: Clock, token: string | undefined): Promise<Auth> {
  if (!token || token.length > 100) return { user: null, sessionId: null };
  const id = hashToken(token);
  const now = clock.now();
  const [row] = await db
    .select({
      session: sessions,
      user: { id: users.id, email: users.email, role: users.role, firstName: users.firstName, lastName: users.lastName, disabledAt: users.disabledAt },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)))
    .limit(1);
  if (!row || row.user.disabledAt) return { user: null, sessionId: null };
  if (now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    const ttl = row.session.remember ? REMEMBER_SESSION_MS : SHORT_SESSION_MS;
    // One throttled write records the visit twice: the session's (sliding expiry) and the member's
    // (users.last_seen_at, which outlives logout; digests skip what was there at the last visit).
    await db.execute(sql`WITH s AS (
        UPDATE sessions SET last_seen_at = ${now}, expires_at = ${new Date(now.getTime() + ttl)} WHERE id = ${id} RETURNING user_id)
      UPDATE users SET last_seen_at = ${now} WHERE id IN (SELECT user_id FROM s)`);
  }
  const verified = await db
    .select({ organisationId: memberships.organisationId })
    .from(memberships)
    .where(and(eq(memberships.userId, row.user.id), eq(memberships.status, 'verified')));
  return {
    sessionId: id,
    user: {
      id: row.user.id,
      email: row.user.email,
      role: row.user.role,
      firstName: row.user.firstName,
      lastName: row.user.lastName,
      verifiedOrganisationIds: verified.map((v) => v.organisationId),
    },
  };
}

/**
 * A user as the policies see them, from their id (feeds behind a secret address, jobs): null when the
 * account does not exist or is disabled, so nothing is served or sent in a disabled account's name.
 */
export async function authUserOf(db: Db, userId: string): Promise<AuthUser | null> {
  const [u] = await db
    .select({ id: users.id, email: users.email, role: users.role, firstName: users.firstName, lastName: users.lastName, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!u || u.disabledAt) return null;
  const verified = await db
    .select({ organisationId: memberships.organisationId })
    .from(memberships)
    .where(and(eq(memberships.userId, u.id), eq(memberships.status, 'verified')));
  return { id: u.id, email: u.email, role: u.role, firstName: u.firstName, lastName: u.lastName, verifiedOrganisationIds: verified.map((v) => v.organisationId) };
}

/** The user of a session (by its stored id), now: null once it ended, expired or its account was disabled. */
export async function sessionUser(db: Db, clock: Clock, sessionId: string): Promise<AuthUser | null> {
  const [row] = await db
    .select({ userId: sessions.userId })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, clock.now())));
  return row ? authUserOf(db, row.userId) : null;
}

export function setSessionCookie(reply: FastifyReply, token: string, remember: boolean, expiresAt: Date, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    // Without "remember me" the cookie dies with the browser; the server-side expiry still applies.
    ...(remember ? { expires: expiresAt } : {}),
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

/**
 * CSRF: a double-submit token bound to the session (issue 12 item 4). The cookie holds
 * `random.hmac(secret, session id + random)`; every state-changing API request must repeat it in the
 * X-CSRF-Token header. Another site can neither read the cookie nor forge a signed value, and a
 * token taken from another session (planted cookie, leaked token) does not verify against this one.
 * Anonymous requests (sign-up, login…) use tokens bound to "no session"; login issues a new token
 * bound to the new session, logout a new anonymous one.
 */
export function newCsrfToken(secret: string, sessionId: string | null): string {
  const r = randomToken();
  return `${r}.${csrfMac(secret, sessionId, r)}`;
}

/** Session ids are the stored hashes; the cookie token is never part of the MAC input. */
function csrfMac(secret: string, sessionId: string | null, random: string): string {
  return sign(secret, `csrf:${sessionId ?? 'anonymous'}:${random}`);
}

/** Whether `token` was issued by this server for this session (or for no session when null). */
export function csrfTokenValidFor(secret: string, token: string | undefined, sessionId: string | null): boolean {
  if (!token || token.length > 200) return false;
  const [r, mac, extra] = token.split('.');
  if (!r || !mac || extra !== undefined) return false;
  return safeEqual(csrfMac(secret, sessionId, r), mac);
}

/** The id of the session a cookie token opens (what `Auth.sessionId` holds once it is loaded). */
export const sessionIdOf = (token: string): string => hashToken(token);

export function csrfValid(secret: string, req: FastifyRequest): boolean {
  const cookie = req.cookies[CSRF_COOKIE];
  const header = req.headers[CSRF_HEADER];
  if (!cookie || typeof header !== 'string') return false;
  if (!csrfTokenValidFor(secret, cookie, req.auth?.sessionId ?? null)) return false;
  return safeEqual(cookie, header);
}

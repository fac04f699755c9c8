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
 * CSRF: a double-submit token. The cookie holds `random.hmac(random)`; every state-changing API
 * request must repeat it in the X-CSRF-Token header. Another site can neither read the cookie
 * nor forge a signed value.
 */
export function newCsrfToken(secret: string): string {
  const r = randomToken();
  return `${r}.${sign(secret, r)}`;
}

export function csrfValid(secret: string, req: FastifyRequest): boolean {
  const cookie = req.cookies[CSRF_COOKIE];
  const header = req.headers[CSRF_HEADER];
  if (!cookie || typeof header !== 'string') return false;
  const [r, mac] = cookie.split('.');
  if (!r || !mac || !safeEqual(sign(secret, r), mac)) return false;
  return safeEqual(cookie, header);
}

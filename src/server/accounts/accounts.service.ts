import { and, asc, count, eq, ilike, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Deps } from '../platform/context.js';
import type { Db, Tx } from '../platform/db.js';
import { rows } from '../platform/db.js';
import { fail, ok, type Result } from '../platform/result.js';
import { hashToken, randomToken, safeEqual, sign } from '../platform/tokens.js';
import { memberships, organisations } from '../organisations/organisations.tables.js';
import { TERMS_VERSION, type Me, type ProfileInput } from './accounts.contract.js';
import { accountMails } from './accounts.messages.js';
import { accountTokens, sessions, users } from './accounts.tables.js';
import { dummyHash, hashPassword, verifyPassword } from './passwords.js';
import { createSession } from '../platform/auth.js';
import { announceAccessChange } from '../platform/bus.js';
import { usefulAnswersCountSql } from '../helpspace/posts/posts.service.js';
import { rankMembers } from '../peers/peers.service.js';
import type { Theme } from '../../shared/fields.js';

const HOUR = 3600_000;
const VERIFY_TTL_MS = 48 * HOUR;
const RESET_TTL_MS = 1 * HOUR;
export const PAGE_SIZE = 20;

export const JOB_SEND_VERIFICATION = 'accounts.sendVerification';
export const JOB_SEND_RESET = 'accounts.sendPasswordReset';
export const JOB_SEND_PASSWORD_CHANGED = 'accounts.sendPasswordChanged';

/** Registers the e-mail jobs of this module; each one reloads the user and may decide not to send. */
export function registerAccountJobs(deps: Deps) {
  const { db, jobs, mailer, clock, config } = deps;
  const issueToken = async (userId: string, purpose: 'verify_email' | 'reset_password', ttl: number) => {
    const token = randomToken();
    const now = clock.now();
    await db.insert(accountTokens).values({ id: hashToken(token), userId, purpose, createdAt: now, expiresAt: new Date(now.getTime() + ttl) });
    return token;
  };
  jobs.register(JOB_SEND_VERIFICATION, async ({ userId }: { userId: string }) => {
    const [u] = await db.select().from(users).where(eq(users.id, userId));
    if (!u || u.emailVerifiedAt || u.disabledAt) return;
    const token = await issueToken(u.id, 'verify_email', VERIFY_TTL_MS);
    await mailer.send({ to: u.email, ...accountMails.verify({ firstName: u.firstName, url: `${config.baseUrl}/confirmer-email?jeton=${token}` }) });
  });
  jobs.register(JOB_SEND_RESET, async ({ userId }: { userId: string }) => {
    const [u] = await db.select().from(users).where(eq(users.id, userId));
    if (!u || u.disabledAt) return;
    const token = await issueToken(u.id, 'reset_password', RESET_TTL_MS);
    await mailer.send({ to: u.email, ...accountMails.reset({ firstName: u.firstName, url: `${config.baseUrl}/mot-de-passe/nouveau?jeton=${token}` }) });
  });
  jobs.register(JOB_SEND_PASSWORD_CHANGED, async ({ userId }: { userId: string }) => {
    const [u] = await db.select().from(users).where(eq(users.id, userId));
    if (!u) return;
    await mailer.send({ to: u.email, ...accountMails.passwordChanged({ firstName: u.firstName }) });
  });
}

/** Creates an unverified account and queues its verification e-mail. */
export async function signUp(
  deps: Deps,
  input: { email: string; password: string; firstName: string; lastName: string },
): Promise<Result<{ id: string }>> {
  const { db, clock, jobs } = deps;
  const passwordHash = await hashPassword(input.password);
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (existing) return fail('EMAIL_TAKEN', { email: 'Un compte existe déjà avec cette adresse e-mail.' });
    const [u] = await tx
      .insert(users)
      .values({
        email: input.email,
        passwordHash,
        firstName: input.firstName,
        lastName: input.lastName,
        termsAcceptedAt: now,
        termsVersion: TERMS_VERSION,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!u) return fail('EMAIL_TAKEN', { email: 'Un compte existe déjà avec cette adresse e-mail.' });
    await jobs.enqueue(JOB_SEND_VERIFICATION, { userId: u.id }, {}, tx);
    return ok({ id: u.id });
  });
}

async function consumeToken(
  deps: Deps,
  token: string,
  purpose: 'verify_email' | 'reset_password',
): Promise<Result<{ userId: string }>> {
  const now = deps.clock.now();
  const [row] = await deps.db
    .select({ id: accountTokens.id, userId: accountTokens.userId, usedAt: accountTokens.usedAt, revokedAt: accountTokens.revokedAt, expiresAt: accountTokens.expiresAt, disabledAt: users.disabledAt })
    .from(accountTokens)
    .innerJoin(users, eq(users.id, accountTokens.userId))
    .where(and(eq(accountTokens.id, hashToken(token)), eq(accountTokens.purpose, purpose)));
  if (!row) return fail('TOKEN_INVALID');
  // A link sent before the account was disabled must not reopen it (issue 11, item 5).
  if (row.disabledAt) return fail('ACCOUNT_DISABLED');
  if (row.usedAt) return fail('TOKEN_USED');
  if (row.revokedAt) return fail('TOKEN_REVOKED');
  if (row.expiresAt <= now) return fail('TOKEN_EXPIRED');
  // Only one request can consume the token, even when two arrive together.
  const used = await deps.db
    .update(accountTokens)
    .set({ usedAt: now })
    .where(and(eq(accountTokens.id, row.id), isNull(accountTokens.usedAt), isNull(accountTokens.revokedAt)))
    .returning({ id: accountTokens.id });
  if (!used.length) return fail('TOKEN_USED');
  return ok({ userId: row.userId });
}

/** Marks the e-mail address verified from the link sent at sign-up. */
export async function verifyEmail(deps: Deps, token: string): Promise<Result<{ email: string }>> {
  const consumed = await consumeToken(deps, token, 'verify_email');
  if (!consumed.ok) return consumed;
  const [u] = await deps.db
    .update(users)
    .set({ emailVerifiedAt: deps.clock.now(), updatedAt: deps.clock.now() })
    .where(eq(users.id, consumed.value.userId))
    .returning({ email: users.email });
  return u ? ok({ email: u.email }) : fail('TOKEN_INVALID');
}

/** Sends a new verification link; answers the same whether the address exists or not. */
export async function resendVerification(deps: Deps, email: string): Promise<void> {
  const [u] = await deps.db.select().from(users).where(eq(users.email, email));
  if (u && !u.emailVerifiedAt) await deps.jobs.enqueue(JOB_SEND_VERIFICATION, { userId: u.id }, { dedupeKey: `verify:${u.id}` });
}

// Login throttling (docs/decisions/0004-sessions-csrf-throttling.md, docs/security.md): failures are
// counted in a 15-minute window per account+address (locks that pair at 5) and per address (locks it
// at 30, whatever the accounts). Per account there is only a ceiling that slows down: past 50
// failures, whatever the addresses, the account takes one attempt a minute, and a browser where its
// owner already logged in is not slowed at all. So no source, nor a crowd of them, can lock the real
// owner out; the address is the TCP peer's unless TRUST_PROXY names the proxy in front.
const WINDOW_MS = 15 * 60_000;
const LOCK_MS = 15 * 60_000;
/** While an account is over its ceiling, one attempt per this delay. */
export const ACCOUNT_SLOW_MS = 60_000;
export const THROTTLE_LIMITS = { pair: 5, ip: 30, account: 50 } as const;

type ThrottleKey = { key: string; limit: number; holdMs: number };
function throttleKeys(email: string, ip: string): ThrottleKey[] {
  return [
    { key: `pair:${email}|${ip}`, limit: THROTTLE_LIMITS.pair, holdMs: LOCK_MS },
    { key: `ip:${ip}`, limit: THROTTLE_LIMITS.ip, holdMs: LOCK_MS },
    { key: `account:${email}`, limit: THROTTLE_LIMITS.account, holdMs: ACCOUNT_SLOW_MS },
  ];
}

/** The cookie that holds it (sent to the login route only). */
export const TRUSTED_BROWSER_COOKIE = 'entraide_trusted_browser';
/** The signed mark a browser keeps after its owner logged in: it is not slowed by the account's ceiling. */
export const trustedBrowserMark = (deps: Pick<Deps, 'config'>, userId: string) => sign(deps.config.sessionSecret, `trusted-browser:${userId}`);

/** Until when each throttle key of this attempt holds, if it does. */
async function heldUntil(db: Db, now: Date, email: string, ip: string): Promise<Map<string, Date>> {
  const keys = throttleKeys(email, ip).map((k) => k.key);
  const held = await rows<{ key: string; locked_until: Date | string }>(
    db,
    sql`SELECT key, locked_until FROM login_throttle WHERE key IN (${sql.join(keys.map((k) => sql`${k}`), sql`, `)}) AND locked_until > ${now}`,
  );
  return new Map(held.map((h) => [h.key.split(':')[0]!, new Date(h.locked_until)]));
}

async function recordFailure(db: Db, now: Date, email: string, ip: string) {
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  for (const { key, limit, holdMs } of throttleKeys(email, ip)) {
    const until = new Date(now.getTime() + holdMs);
    await db.execute(sql`
      INSERT INTO login_throttle (key, failures, window_started_at, locked_until)
      VALUES (${key}, 1, ${now}, ${limit <= 1 ? until : null})
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN login_throttle.window_started_at < ${windowStart} THEN 1 ELSE login_throttle.failures + 1 END,
        window_started_at = CASE WHEN login_throttle.window_started_at < ${windowStart} THEN ${now} ELSE login_throttle.window_started_at END,
        locked_until = CASE
          WHEN login_throttle.window_started_at >= ${windowStart} AND login_throttle.failures + 1 >= ${limit} THEN ${until}
          ELSE login_throttle.locked_until END`);
  }
}

/**
 * Another form that takes an account's password (linking a ProConnect identity) counts under the same
 * throttle as the log-in form, so it is no side door for guessing: refused while the address or the
 * account is held, and a wrong password is one more failure. The trusted-browser mark does not apply.
 */
export async function throttledPasswordCheck(db: Db, now: Date, input: { email: string; ip: string; passwordHash: string; password: string }): Promise<'ok' | 'wrong' | 'held'> {
  const held = await heldUntil(db, now, input.email, input.ip);
  if (held.size > 0) return 'held';
  if (await verifyPassword(input.passwordHash, input.password)) return 'ok';
  await recordFailure(db, now, input.email, input.ip);
  return 'wrong';
}

/** A refused attempt: locked (this address) or slowed (the account), and for how long. */
export type LoginRefusal = { ok: false; error: 'LOGIN_LOCKED' | 'LOGIN_SLOWED'; retryAfterSeconds: number };

/**
 * Checks the password under the throttling rules and opens a session. `trustedMark` is the mark the
 * browser keeps from an earlier login (cookie), if any.
 */
export async function login(
  deps: Deps,
  input: { email: string; password: string; remember: boolean; ip: string; userAgent?: string; trustedMark?: string },
): Promise<Result<{ token: string; expiresAt: Date; remember: boolean; userId: string }> | LoginRefusal> {
  const { db, clock } = deps;
  const now = clock.now();
  const [u] = await db.select().from(users).where(eq(users.email, input.email));
  // Checked before the password, so a refused attacker learns nothing.
  const held = await heldUntil(db, now, input.email, input.ip);
  const retry = (d: Date) => Math.max(1, Math.ceil((d.getTime() - now.getTime()) / 1000));
  const lock = held.get('pair') ?? held.get('ip');
  if (lock) return { ok: false, error: 'LOGIN_LOCKED', retryAfterSeconds: retry(lock) };
  const slowed = held.get('account');
  const trusted = !!u && !!input.trustedMark && safeEqual(input.trustedMark, trustedBrowserMark(deps, u.id));
  if (slowed && !trusted) return { ok: false, error: 'LOGIN_SLOWED', retryAfterSeconds: retry(slowed) };
  const good = await verifyPassword(u?.passwordHash ?? (await dummyHash()), input.password);
  if (!u || !good) {
    await recordFailure(db, now, input.email, input.ip);
    return fail('BAD_CREDENTIALS');
  }
  if (u.disabledAt) return fail('ACCOUNT_DISABLED');
  if (!u.emailVerifiedAt) return fail('EMAIL_NOT_VERIFIED');
  await db.execute(sql`DELETE FROM login_throttle WHERE key = ${`pair:${input.email}|${input.ip}`}`);
  const session = await createSession(db, clock, { userId: u.id, remember: input.remember, ip: input.ip, userAgent: input.userAgent });
  return ok({ ...session, remember: input.remember, userId: u.id });
}

/**
 * Ends this session; its live streams hear it on the bus and close. Returns the ID token of a
 * ProConnect session (to end the provider's session too), or null.
 */
export async function logout(deps: Deps, sessionId: string | null): Promise<{ proconnectIdToken: string | null }> {
  if (!sessionId) return { proconnectIdToken: null };
  const gone = await deps.db.delete(sessions).where(eq(sessions.id, sessionId)).returning({ userId: sessions.userId, proconnectIdToken: sessions.proconnectIdToken });
  announceAccessChange(deps.bus, gone.map((g) => g.userId), 'logout', sessionId);
  return { proconnectIdToken: gone[0]?.proconnectIdToken ?? null };
}

/**
 * Queues a reset link when the address is known; the answer never reveals whether it is. The
 * route counts the request first (platform/quotas.ts) and calls this only under the limits.
 */
export async function requestPasswordReset(deps: Deps, email: string): Promise<void> {
  const [u] = await deps.db.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.email, email));
  if (u && !u.disabledAt) await deps.jobs.enqueue(JOB_SEND_RESET, { userId: u.id }, { dedupeKey: `reset:${u.id}` });
}

/**
 * Revokes every reset link of the account not used yet: once one link served or the password
 * changed, a link still lying in a mailbox must not open the account again.
 */
async function revokeResetLinks(tx: Db | Tx, userId: string, now: Date) {
  await tx
    .update(accountTokens)
    .set({ revokedAt: now })
    .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, 'reset_password'), isNull(accountTokens.usedAt), isNull(accountTokens.revokedAt)));
}

/** Sets a new password from a reset link; closes every session and revokes the other reset links. */
export async function resetPassword(deps: Deps, token: string, password: string): Promise<Result<{ ok: true }>> {
  const consumed = await consumeToken(deps, token, 'reset_password');
  if (!consumed.ok) return consumed;
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    // A reset link proves the address too.
    await tx.update(users).set({ passwordHash, updatedAt: now, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now})` }).where(eq(users.id, consumed.value.userId));
    await tx.delete(sessions).where(eq(sessions.userId, consumed.value.userId));
    await revokeResetLinks(tx, consumed.value.userId, now);
    await deps.jobs.enqueue(JOB_SEND_PASSWORD_CHANGED, { userId: consumed.value.userId }, {}, tx);
  });
  announceAccessChange(deps.bus, [consumed.value.userId], 'sessions_closed');
  return ok({ ok: true as const });
}

/** Changes the password of the logged-in member; other sessions are closed, reset links revoked. */
export async function changePassword(
  deps: Deps,
  userId: string,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<Result<{ ok: true }>> {
  const [u] = await deps.db.select().from(users).where(eq(users.id, userId));
  if (!u) return fail('NOT_FOUND');
  if (!(await verifyPassword(u.passwordHash, input.currentPassword)))
    return fail('WRONG_PASSWORD', { currentPassword: 'Le mot de passe actuel est incorrect.' });
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: deps.clock.now() }).where(eq(users.id, userId));
    await tx.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, sessionId)));
    await revokeResetLinks(tx, userId, deps.clock.now());
    await deps.jobs.enqueue(JOB_SEND_PASSWORD_CHANGED, { userId }, {}, tx);
  });
  announceAccessChange(deps.bus, [userId], 'sessions_closed');
  return ok({ ok: true as const });
}

/** The logged-in member's own profile with memberships. */
export async function getMe(deps: Deps, userId: string): Promise<Me | null> {
  const [u] = await deps.db.select().from(users).where(eq(users.id, userId));
  if (!u) return null;
  const ms = await deps.db
    .select({ id: memberships.id, organisationId: memberships.organisationId, organisationName: organisations.name, status: memberships.status, createdAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));
  return {
    id: u.id,
    email: u.email,
    role: u.role,
    firstName: u.firstName,
    lastName: u.lastName,
    jobTitle: u.jobTitle,
    regionCode: u.regionCode,
    themes: u.themes,
    availableToHelp: u.availableToHelp,
    directoryVisibility: u.directoryVisibility,
    memberships: ms.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
    verified: ms.some((m) => m.status === 'verified'),
    usefulAnswersCount: Number((await deps.db.select({ n: usefulAnswersCountSql(sql`"users"."id"`) }).from(users).where(eq(users.id, userId)))[0]?.n ?? 0),
  };
}

export async function updateProfile(deps: Deps, userId: string, input: ProfileInput): Promise<Me | null> {
  await deps.db
    .update(users)
    .set({ ...input, themes: [...new Set(input.themes)], updatedAt: deps.clock.now() })
    .where(eq(users.id, userId));
  return getMe(deps, userId);
}

/**
 * The member directory: only members who chose to be visible, who have a verified membership,
 * and never their e-mail address.
 */
export async function directory(
  deps: Deps,
  viewerId: string,
  q: { q?: string; region?: string; theme?: Theme; available?: 'true' | 'false'; sort: 'name' | 'relevance'; page: number },
) {
  const verifiedIds = deps.db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(eq(memberships.status, 'verified'));
  const conds = [eq(users.directoryVisibility, 'members'), isNull(users.disabledAt), inArray(users.id, verifiedIds)];
  if (q.region) conds.push(eq(users.regionCode, q.region));
  if (q.theme) conds.push(sql`${q.theme} = ANY(${users.themes})`);
  if (q.available === 'true') conds.push(eq(users.availableToHelp, true));
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conds.push(
      or(
        sql`search_normalize(${users.firstName} || ' ' || ${users.lastName}) LIKE '%' || search_normalize(${q.q}) || '%'`,
        ilike(users.jobTitle, like),
      )!,
    );
  }
  const where = and(...conds)!;
  // By relevance, the ranking of « Trouver de l'aide » orders the page (oneself and colleagues are not in it).
  const ranking = q.sort === 'relevance' ? await rankMembers(deps, viewerId, { theme: q.theme, where, limit: PAGE_SIZE, offset: (q.page - 1) * PAGE_SIZE }) : null;
  let total: number;
  let items: { id: string; firstName: string; lastName: string; jobTitle: string; regionCode: string | null; themes: string[]; availableToHelp: boolean; usefulAnswersCount: number }[];
  const fields = { id: users.id, firstName: users.firstName, lastName: users.lastName, jobTitle: users.jobTitle, regionCode: users.regionCode, themes: users.themes, availableToHelp: users.availableToHelp, usefulAnswersCount: usefulAnswersCountSql(sql`"users"."id"`) };
  if (ranking) {
    total = ranking.total;
    const found = ranking.items.length ? await deps.db.select(fields).from(users).where(inArray(users.id, ranking.items.map((r) => r.id))) : [];
    items = ranking.items.map((r) => found.find((f) => f.id === r.id)!).filter(Boolean);
  } else {
    const [{ total: n }] = (await deps.db.select({ total: count() }).from(users).where(where)) as [{ total: number }];
    total = Number(n);
    items = await deps.db
      .select(fields)
      .from(users)
      .where(where)
      .orderBy(asc(users.lastName), asc(users.firstName), asc(users.id))
      .limit(PAGE_SIZE)
      .offset((q.page - 1) * PAGE_SIZE);
  }
  const orgs = items.length
    ? await deps.db
        .select({ userId: memberships.userId, id: organisations.id, name: organisations.name })
        .from(memberships)
        .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
        .where(and(eq(memberships.status, 'verified'), inArray(memberships.userId, items.map((i) => i.id))))
    : [];
  const reasons = new Map(ranking?.items.map((r) => [r.id, r.explanation]));
  return {
    items: items.map((i) => ({
      ...i,
      usefulAnswersCount: Number(i.usefulAnswersCount),
      organisations: orgs.filter((o) => o.userId === i.id).map(({ id, name }) => ({ id, name })),
      ...(ranking ? { reason: reasons.get(i.id) ?? '' } : {}),
    })),
    total,
    page: q.page,
    pageSize: PAGE_SIZE,
  };
}

export async function adminListUsers(deps: Deps, q: { q?: string; role?: 'member' | 'facilitator' | 'admin'; page: number }) {
  // A deleted account is no longer a user: only its anonymised author row remains.
  const conds = [isNull(users.deletedAt)];
  if (q.role) conds.push(eq(users.role, q.role));
  if (q.q)
    conds.push(sql`search_normalize(${users.firstName} || ' ' || ${users.lastName} || ' ' || ${users.email}) LIKE '%' || search_normalize(${q.q}) || '%'`);
  const where = and(...conds);
  const [{ total }] = (await deps.db.select({ total: count() }).from(users).where(where)) as [{ total: number }];
  const items = await deps.db.select().from(users).where(where).orderBy(asc(users.email)).limit(PAGE_SIZE).offset((q.page - 1) * PAGE_SIZE);
  return {
    items: items.map((u) => ({
      id: u.id,
      email: u.email,
      firstName: u.firstName,
      lastName: u.lastName,
      role: u.role,
      emailVerified: !!u.emailVerifiedAt,
      disabled: !!u.disabledAt,
      createdAt: u.createdAt.toISOString(),
    })),
    total: Number(total),
    page: q.page,
    pageSize: PAGE_SIZE,
  };
}

/** Changes a user's role or disables the account; the last admin cannot be demoted or disabled. */
export async function adminUpdateUser(
  deps: Deps,
  userId: string,
  patch: { role?: 'member' | 'facilitator' | 'admin'; disabled?: boolean },
): Promise<Result<{ ok: true }>> {
  let before: string | undefined;
  const result = await deps.db.transaction(async (tx) => {
    const [u] = await tx.select().from(users).where(eq(users.id, userId));
    // A deleted account cannot be given a role or enabled again.
    if (!u || u.deletedAt) return fail('NOT_FOUND');
    before = u.role;
    const losesAdmin = u.role === 'admin' && ((patch.role && patch.role !== 'admin') || patch.disabled === true);
    if (losesAdmin) {
      const [{ n }] = (await tx.select({ n: count() }).from(users).where(and(eq(users.role, 'admin'), isNull(users.disabledAt)))) as [{ n: number }];
      if (Number(n) <= 1) return fail('LAST_ADMIN');
    }
    const now = deps.clock.now();
    await tx
      .update(users)
      .set({
        ...(patch.role ? { role: patch.role } : {}),
        ...(patch.disabled === undefined ? {} : { disabledAt: patch.disabled ? now : null }),
        updatedAt: now,
      })
      .where(eq(users.id, userId));
    if (patch.disabled) {
      await tx.delete(sessions).where(eq(sessions.userId, userId));
      await revokeResetLinks(tx, userId, now);
    }
    return ok({ ok: true as const });
  });
  if (result.ok && (patch.disabled || (patch.role && patch.role !== before))) announceAccessChange(deps.bus, [userId], patch.disabled ? 'disabled' : 'role');
  return result;
}

/** Creates (or promotes) an administrator from the command line; the e-mail counts as verified. */
export async function createAdmin(
  deps: Deps,
  input: { email: string; password: string; firstName: string; lastName: string },
): Promise<{ id: string; created: boolean }> {
  const now = deps.clock.now();
  const [existing] = await deps.db.select().from(users).where(eq(users.email, input.email));
  if (existing) {
    await deps.db.update(users).set({ role: 'admin', emailVerifiedAt: existing.emailVerifiedAt ?? now, updatedAt: now }).where(eq(users.id, existing.id));
    return { id: existing.id, created: false };
  }
  const [u] = await deps.db
    .insert(users)
    .values({
      email: input.email,
      passwordHash: await hashPassword(input.password),
      firstName: input.firstName,
      lastName: input.lastName,
      role: 'admin',
      emailVerifiedAt: now,
      termsAcceptedAt: now,
      termsVersion: TERMS_VERSION,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: users.id });
  return { id: u!.id, created: true };
}

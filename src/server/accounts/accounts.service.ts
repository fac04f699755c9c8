import { and, asc, count, eq, ilike, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Deps } from '../platform/context.js';
import type { Db } from '../platform/db.js';
import { rows } from '../platform/db.js';
import { fail, ok, type Result } from '../platform/result.js';
import { hashToken, randomToken } from '../platform/tokens.js';
import { memberships, organisations } from '../organisations/organisations.tables.js';
import { TERMS_VERSION, type Me, type ProfileInput } from './accounts.contract.js';
import { accountMails } from './accounts.messages.js';
import { accountTokens, sessions, users } from './accounts.tables.js';
import { dummyHash, hashPassword, verifyPassword } from './passwords.js';
import { createSession } from '../platform/auth.js';
import { usefulAnswersCountSql } from '../helpspace/posts/posts.service.js';

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
    .select()
    .from(accountTokens)
    .where(and(eq(accountTokens.id, hashToken(token)), eq(accountTokens.purpose, purpose)));
  if (!row) return fail('TOKEN_INVALID');
  if (row.usedAt) return fail('TOKEN_USED');
  if (row.expiresAt <= now) return fail('TOKEN_EXPIRED');
  // Only one request can consume the token, even when two arrive together.
  const used = await deps.db
    .update(accountTokens)
    .set({ usedAt: now })
    .where(and(eq(accountTokens.id, row.id), isNull(accountTokens.usedAt)))
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

// Login throttling (docs/decisions/0004-login-throttling.md): failures are counted per
// account+address, per address and per account; the account-wide limit is far above what one
// address can reach before its own lock, so nobody can lock a victim out from one address.
const WINDOW_MS = 15 * 60_000;
const LOCK_MS = 15 * 60_000;
export const THROTTLE_LIMITS = { pair: 5, ip: 30, account: 50 } as const;

function throttleKeys(email: string, ip: string) {
  return [
    { key: `pair:${email}|${ip}`, limit: THROTTLE_LIMITS.pair },
    { key: `ip:${ip}`, limit: THROTTLE_LIMITS.ip },
    { key: `account:${email}`, limit: THROTTLE_LIMITS.account },
  ];
}

async function isLocked(db: Db, now: Date, email: string, ip: string): Promise<boolean> {
  const keys = throttleKeys(email, ip).map((k) => k.key);
  const locked = await rows<{ key: string }>(
    db,
    sql`SELECT key FROM login_throttle WHERE key IN (${sql.join(keys.map((k) => sql`${k}`), sql`, `)}) AND locked_until > ${now}`,
  );
  return locked.length > 0;
}

async function recordFailure(db: Db, now: Date, email: string, ip: string) {
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  const lockUntil = new Date(now.getTime() + LOCK_MS);
  for (const { key, limit } of throttleKeys(email, ip)) {
    await db.execute(sql`
      INSERT INTO login_throttle (key, failures, window_started_at, locked_until)
      VALUES (${key}, 1, ${now}, ${limit <= 1 ? lockUntil : null})
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN login_throttle.window_started_at < ${windowStart} THEN 1 ELSE login_throttle.failures + 1 END,
        window_started_at = CASE WHEN login_throttle.window_started_at < ${windowStart} THEN ${now} ELSE login_throttle.window_started_at END,
        locked_until = CASE
          WHEN login_throttle.window_started_at >= ${windowStart} AND login_throttle.failures + 1 >= ${limit} THEN ${lockUntil}
          ELSE login_throttle.locked_until END`);
  }
}

/** Checks the password under the throttling rules and opens a session. */
export async function login(
  deps: Deps,
  input: { email: string; password: string; remember: boolean; ip: string; userAgent?: string },
): Promise<Result<{ token: string; expiresAt: Date; remember: boolean; userId: string }>> {
  const { db, clock } = deps;
  const now = clock.now();
  if (await isLocked(db, now, input.email, input.ip)) return fail('LOGIN_LOCKED');
  const [u] = await db.select().from(users).where(eq(users.email, input.email));
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

export async function logout(deps: Deps, sessionId: string | null): Promise<void> {
  if (sessionId) await deps.db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Queues a reset link when the address is known; the answer never reveals whether it is. */
export async function requestPasswordReset(deps: Deps, email: string): Promise<void> {
  const [u] = await deps.db.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.email, email));
  if (u && !u.disabledAt) await deps.jobs.enqueue(JOB_SEND_RESET, { userId: u.id }, { dedupeKey: `reset:${u.id}` });
}

/** Sets a new password from a reset link; closes every session of the account. */
export async function resetPassword(deps: Deps, token: string, password: string): Promise<Result<{ ok: true }>> {
  const consumed = await consumeToken(deps, token, 'reset_password');
  if (!consumed.ok) return consumed;
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    // A reset link proves the address too.
    await tx.update(users).set({ passwordHash, updatedAt: now, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now})` }).where(eq(users.id, consumed.value.userId));
    await tx.delete(sessions).where(eq(sessions.userId, consumed.value.userId));
    await deps.jobs.enqueue(JOB_SEND_PASSWORD_CHANGED, { userId: consumed.value.userId }, {}, tx);
  });
  return ok({ ok: true as const });
}

/** Changes the password of the logged-in member; other sessions are closed. */
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
    await deps.jobs.enqueue(JOB_SEND_PASSWORD_CHANGED, { userId }, {}, tx);
  });
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
  q: { q?: string; region?: string; theme?: string; available?: 'true' | 'false'; page: number },
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
  const where = and(...conds);
  const [{ total }] = (await deps.db.select({ total: count() }).from(users).where(where)) as [{ total: number }];
  const items = await deps.db
    .select({ id: users.id, firstName: users.firstName, lastName: users.lastName, jobTitle: users.jobTitle, regionCode: users.regionCode, themes: users.themes, availableToHelp: users.availableToHelp, usefulAnswersCount: usefulAnswersCountSql(sql`"users"."id"`) })
    .from(users)
    .where(where)
    .orderBy(asc(users.lastName), asc(users.firstName), asc(users.id))
    .limit(PAGE_SIZE)
    .offset((q.page - 1) * PAGE_SIZE);
  const orgs = items.length
    ? await deps.db
        .select({ userId: memberships.userId, id: organisations.id, name: organisations.name })
        .from(memberships)
        .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
        .where(and(eq(memberships.status, 'verified'), inArray(memberships.userId, items.map((i) => i.id))))
    : [];
  return {
    items: items.map((i) => ({ ...i, usefulAnswersCount: Number(i.usefulAnswersCount), organisations: orgs.filter((o) => o.userId === i.id).map(({ id, name }) => ({ id, name })) })),
    total: Number(total),
    page: q.page,
    pageSize: PAGE_SIZE,
  };
}

export async function adminListUsers(deps: Deps, q: { q?: string; role?: 'member' | 'facilitator' | 'admin'; page: number }) {
  const conds = [];
  if (q.role) conds.push(eq(users.role, q.role));
  if (q.q)
    conds.push(sql`search_normalize(${users.firstName} || ' ' || ${users.lastName} || ' ' || ${users.email}) LIKE '%' || search_normalize(${q.q}) || '%'`);
  const where = conds.length ? and(...conds) : undefined;
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
  return deps.db.transaction(async (tx) => {
    const [u] = await tx.select().from(users).where(eq(users.id, userId));
    if (!u) return fail('NOT_FOUND');
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
    if (patch.disabled) await tx.delete(sessions).where(eq(sessions.userId, userId));
    return ok({ ok: true as const });
  });
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

import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type * as Oidc from 'openid-client';
import type { ProConnectConfig } from '../config.js';
import type { Deps } from '../platform/context.js';
import type { Tx } from '../platform/db.js';
import { createSession } from '../platform/auth.js';
import { fail, ok, type Result } from '../platform/result.js';
import { hashToken, randomToken } from '../platform/tokens.js';
import { validSiret } from '../procurement/import/normalise.js';
import { memberships, organisations } from '../organisations/organisations.tables.js';
import { JOB_NOTIFY_REQUEST } from '../organisations/organisations.service.js';
import { TERMS_VERSION } from './accounts.contract.js';
import { sessions, users } from './accounts.tables.js';
import { throttledPasswordCheck } from './accounts.service.js';
import type { ProConnectRefusal } from './proconnect.contract.js';
import { proconnectMails } from './proconnect.messages.js';
import { proconnectFlows, proconnectIdentities, proconnectLinkEmails, proconnectPendingLinks } from './proconnect.tables.js';
import { paths } from '../../web/paths.js';

/** An authorisation request lives this long on the server (state, nonce, PKCE verifier). */
const FLOW_TTL_MS = 10 * 60_000;
/** A verified identity waits this long for the existing account's password. */
const LINK_TTL_MS = 15 * 60_000;
/** The provider's discovery document and keys are reread after this long (or after a failure). */
const DISCOVERY_TTL_MS = 10 * 60_000;
/** Accounts created through ProConnect have no password until their owner sets one (reset link). */
export const NO_PASSWORD = '!proconnect';

type Refused = { ok: false; error: ProConnectRefusal; fields?: Record<string, string>; detail?: string };
const refuse = (error: ProConnectRefusal, detail?: string): Refused => ({ ok: false, error, detail });

/**
 * Tests (and only they) put a fetch here that tampers with the provider's answers: the client calls
 * it at request time, so a cached discovery still goes through it.
 */
export const proconnectFetchOverride: { fetch: typeof fetch | null } = { fetch: null };

/**
 * openid-client (with jose and oauth4webapi) is loaded with the first ProConnect sign-in or logout,
 * not at every start (docs/performance.md, start to ready).
 */
const openidClient = () => import('openid-client');

const discoveries = new Map<string, { at: number; configuration: Promise<Oidc.Configuration> }>();

/** The provider's configuration from its discovery document, cached; a failure is not cached. */
async function providerConfiguration(pc: ProConnectConfig): Promise<Oidc.Configuration> {
  const key = `${pc.issuer}|${pc.clientId}|${pc.signingAlg}`;
  const cached = discoveries.get(key);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.configuration;
  const oidc = await openidClient();
  const configuration = oidc.discovery(
    new URL(pc.issuer),
    pc.clientId,
    // ProConnect signs ID tokens and userinfo with RS256 today: the algorithm is configuration (PROCONNECT_SIGNING_ALG).
    { userinfo_signed_response_alg: pc.signingAlg, id_token_signed_response_alg: pc.signingAlg },
    oidc.ClientSecretPost(pc.clientSecret),
    {
      // Plain HTTP only for a local test provider (config refuses it in production).
      execute: [oidc.enableNonRepudiationChecks, ...(pc.allowHttp ? [oidc.allowInsecureRequests] : [])],
      timeout: 10,
      [oidc.customFetch]: (url, options) => (proconnectFetchOverride.fetch ?? fetch)(url, options as RequestInit),
    },
  );
  discoveries.set(key, { at: Date.now(), configuration });
  configuration.catch(() => discoveries.delete(key));
  return configuration;
}

const isNetworkFailure = (e: unknown): boolean => {
  const err = e as { name?: string; code?: string; cause?: unknown; message?: string };
  if (err?.name === 'AbortError' || err?.name === 'TimeoutError') return true;
  if (e instanceof TypeError && /fetch failed/.test(e.message)) return true;
  if (err?.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || err?.code === 'ECONNREFUSED') return true;
  return err?.cause ? isNetworkFailure(err.cause) : false;
};

/** Starts a sign-in: the provider's authorisation address, and the state the browser keeps in a cookie. */
export async function startSignIn(deps: Deps): Promise<Result<{ url: string; state: string }> | Refused> {
  const pc = deps.config.proconnect;
  if (!pc) return refuse('PROCONNECT_NOT_CONFIGURED');
  let configuration: Oidc.Configuration;
  try {
    configuration = await providerConfiguration(pc);
  } catch (e) {
    return refuse('PROCONNECT_UNAVAILABLE', String((e as Error).message));
  }
  const oidc = await openidClient();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = pc.pkce ? oidc.randomPKCECodeVerifier() : null;
  const now = deps.clock.now();
  await deps.db.insert(proconnectFlows).values({ id: hashToken(state), nonce, codeVerifier, createdAt: now, expiresAt: new Date(now.getTime() + FLOW_TTL_MS) });
  // Only the parameters ProConnect lists: PKCE and acr_values when the configuration switches them on.
  const params: Record<string, string> = { redirect_uri: pc.redirectUri, scope: pc.scopes, state, nonce };
  if (codeVerifier) Object.assign(params, { code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier), code_challenge_method: 'S256' });
  if (pc.acrValues) params.acr_values = pc.acrValues;
  return ok({ url: oidc.buildAuthorizationUrl(configuration, params).href, state });
}

type Identity = {
  issuer: string;
  sub: string;
  email: string;
  givenName: string;
  usualName: string;
  siret: string;
  idpId: string | null;
  acr: string | null;
  idToken: string;
  claims: Record<string, unknown>;
};

export type SignInOutcome =
  | { kind: 'session'; token: string; expiresAt: Date; userId: string; created: boolean; membership: MembershipOutcome }
  | { kind: 'link'; linkToken: string };

/**
 * Finishes a sign-in from the provider's redirect: checks the browser's state against the one
 * stored (once), exchanges the code, verifies the ID token and the signed userinfo against the
 * provider's keys, then opens a session, creates the account or asks to link an existing one.
 */
export async function finishSignIn(
  deps: Deps,
  input: { currentUrl: URL; cookieState: string | undefined; ip: string; userAgent?: string },
): Promise<Result<SignInOutcome> | Refused> {
  const pc = deps.config.proconnect;
  if (!pc) return refuse('PROCONNECT_NOT_CONFIGURED');
  const state = input.currentUrl.searchParams.get('state');
  if (!state || !input.cookieState || state !== input.cookieState) return refuse('PROCONNECT_STATE', 'state differs from the browser cookie');
  const now = deps.clock.now();
  // Single use: only one request consumes the state, even when two arrive together.
  const [flow] = await deps.db
    .update(proconnectFlows)
    .set({ usedAt: now })
    .where(and(eq(proconnectFlows.id, hashToken(state)), isNull(proconnectFlows.usedAt), gt(proconnectFlows.expiresAt, now)))
    .returning();
  if (!flow) return refuse('PROCONNECT_STATE', 'state unknown, expired or used');
  const providerError = input.currentUrl.searchParams.get('error');
  if (providerError) return refuse('PROCONNECT_DENIED', providerError);

  let configuration: Oidc.Configuration;
  try {
    configuration = await providerConfiguration(pc);
  } catch (e) {
    return refuse('PROCONNECT_UNAVAILABLE', String((e as Error).message));
  }
  const oidc = await openidClient();
  let tokens: Awaited<ReturnType<typeof Oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(configuration, input.currentUrl, {
      expectedState: state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
      ...(flow.codeVerifier ? { pkceCodeVerifier: flow.codeVerifier } : {}),
    });
  } catch (e) {
    return refuse(classifyTokenFailure(oidc, e), describe(e));
  }
  const idClaims = tokens.claims()!;
  let userinfo: Oidc.UserInfoResponse;
  try {
    userinfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
  } catch (e) {
    return refuse(isNetworkFailure(e) ? 'PROCONNECT_UNAVAILABLE' : 'PROCONNECT_INVALID_USERINFO', describe(e));
  }
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const email = str(userinfo.email).toLowerCase();
  const siret = str(userinfo.siret).replace(/\s/g, '');
  if (!email || !siret) return refuse('PROCONNECT_MISSING_CLAIMS', `email ${email ? 'present' : 'missing'}, siret ${siret ? 'present' : 'missing'}`);
  if (!validSiret(siret)) return refuse('PROCONNECT_BAD_SIRET', `siret ${siret}`);
  const identity: Identity = {
    issuer: String(idClaims.iss),
    sub: idClaims.sub,
    email,
    givenName: str(userinfo.given_name) || 'Agent',
    usualName: str(userinfo.usual_name) || 'public',
    siret,
    idpId: str(userinfo.idp_id) || null,
    acr: str(idClaims.acr) || null,
    idToken: tokens.id_token!,
    claims: { ...userinfo },
  };
  return resolveAccount(deps, identity, input);
}

function describe(e: unknown): string {
  const err = e as { code?: string; message?: string; error?: string };
  return [err?.code, err?.error, err?.message].filter(Boolean).join(': ');
}

/** openid-client wraps oauth4webapi's error, whose cause names the claim that differed. */
function aboutNonce(e: unknown, depth = 0): boolean {
  const err = e as { claim?: string; message?: string; cause?: unknown } | undefined;
  if (!err || depth > 4) return false;
  return err.claim === 'nonce' || /"nonce"/.test(err.message ?? '') || aboutNonce(err.cause, depth + 1);
}

function classifyTokenFailure(oidc: typeof Oidc, e: unknown): ProConnectRefusal {
  const err = e as { code?: string; error?: string; cause?: { claim?: string } | unknown; message?: string };
  if (err?.error === 'invalid_grant') return 'PROCONNECT_CODE';
  if (err instanceof oidc.ResponseBodyError) return 'PROCONNECT_DENIED';
  if (aboutNonce(e)) return 'PROCONNECT_NONCE';
  if (isNetworkFailure(e)) return 'PROCONNECT_UNAVAILABLE';
  return 'PROCONNECT_INVALID_TOKEN';
}

async function resolveAccount(deps: Deps, identity: Identity, input: { ip: string; userAgent?: string }): Promise<Result<SignInOutcome> | Refused> {
  const now = deps.clock.now();
  const decided = await deps.db.transaction(async (tx): Promise<Refused | { userId: string; created: boolean; membership: MembershipOutcome } | { link: string }> => {
    const [known] = await tx
      .select({ id: proconnectIdentities.id, userId: proconnectIdentities.userId, disabledAt: users.disabledAt, deletedAt: users.deletedAt })
      .from(proconnectIdentities)
      .innerJoin(users, eq(users.id, proconnectIdentities.userId))
      .where(and(eq(proconnectIdentities.issuer, identity.issuer), eq(proconnectIdentities.sub, identity.sub)));
    if (known) {
      if (known.disabledAt || known.deletedAt) return refuse('PROCONNECT_ACCOUNT_DISABLED', `user ${known.userId}`);
      await tx.update(proconnectIdentities).set({ siret: identity.siret, idpId: identity.idpId, lastLoginAt: now }).where(eq(proconnectIdentities.id, known.id));
      return { userId: known.userId, created: false, membership: await membershipFromSiret(deps, tx, known.userId, identity) };
    }
    const [sameEmail] = await tx.select().from(users).where(eq(users.email, identity.email));
    if (sameEmail) {
      const [other] = await tx.select({ sub: proconnectIdentities.sub }).from(proconnectIdentities).where(eq(proconnectIdentities.userId, sameEmail.id));
      if (other) return refuse('PROCONNECT_EMAIL_LINKED', `account ${sameEmail.id} is linked to another subject`);
      if (sameEmail.disabledAt || sameEmail.deletedAt) return refuse('PROCONNECT_ACCOUNT_DISABLED', `user ${sameEmail.id}`);
      // The owner of the account proves it with their password before the two are linked.
      const linkToken = randomToken();
      await tx.insert(proconnectPendingLinks).values({
        id: hashToken(linkToken),
        userId: sameEmail.id,
        issuer: identity.issuer,
        sub: identity.sub,
        siret: identity.siret,
        idpId: identity.idpId,
        acr: identity.acr,
        idToken: identity.idToken,
        claims: identity.claims,
        createdAt: now,
        expiresAt: new Date(now.getTime() + LINK_TTL_MS),
      });
      return { link: linkToken };
    }
    // ProConnect verified the address: the account starts verified, named as the identity is.
    const [u] = await tx
      .insert(users)
      .values({
        email: identity.email,
        passwordHash: NO_PASSWORD,
        emailVerifiedAt: now,
        firstName: identity.givenName.slice(0, 100),
        lastName: identity.usualName.slice(0, 100),
        termsAcceptedAt: now,
        termsVersion: TERMS_VERSION,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: users.id });
    await tx.insert(proconnectIdentities).values({ userId: u!.id, issuer: identity.issuer, sub: identity.sub, siret: identity.siret, idpId: identity.idpId, createdAt: now, lastLoginAt: now });
    return { userId: u!.id, created: true, membership: await membershipFromSiret(deps, tx, u!.id, identity) };
  });
  if ('ok' in decided) return decided;
  if ('link' in decided) return ok({ kind: 'link' as const, linkToken: decided.link });
  const session = await openSession(deps, decided.userId, identity.idToken, input);
  return ok({ kind: 'session' as const, ...session, userId: decided.userId, created: decided.created, membership: decided.membership });
}

async function openSession(deps: Deps, userId: string, idToken: string, input: { ip: string; userAgent?: string }) {
  const session = await createSession(deps.db, deps.clock, { userId, remember: false, ip: input.ip, userAgent: input.userAgent });
  await deps.db.update(sessions).set({ proconnectIdToken: idToken }).where(eq(sessions.id, hashToken(session.token)));
  return session;
}

export type MembershipOutcome = { organisationId: string; status: 'verified' | 'pending' | 'rejected'; organisationCreated: boolean };

/** Whether the identity's provider is one the configuration trusts (docs/decisions/0030-proconnect-trust.md). */
export function trustedIdentity(pc: ProConnectConfig, identity: { idpId: string | null; acr: string | null }): boolean {
  return (!!identity.idpId && pc.trustedIdpIds.includes(identity.idpId)) || (!!identity.acr && pc.trustedAcr.includes(identity.acr));
}

/**
 * The SIRET's SIREN names the organisation. Immediate verification only for a buyer of the registry
 * vouched by a trusted identity provider; otherwise a request like any other, with the SIRET shown
 * to the approver. An unknown SIREN creates a pending organisation flagged for an admin.
 */
async function membershipFromSiret(deps: Deps, tx: Tx, userId: string, identity: Pick<Identity, 'siret' | 'idpId' | 'acr'>): Promise<MembershipOutcome> {
  const now = deps.clock.now();
  const siren = identity.siret.slice(0, 9);
  let [org] = await tx.select({ id: organisations.id, source: organisations.source, needsReview: organisations.needsReview }).from(organisations).where(eq(organisations.siren, siren));
  let organisationCreated = false;
  if (!org) {
    [org] = await tx
      .insert(organisations)
      .values({ siren, name: `Organisation à vérifier (SIREN ${siren})`, kind: 'autre', source: 'proconnect', needsReview: true, createdAt: now, updatedAt: now })
      .returning({ id: organisations.id, source: organisations.source, needsReview: organisations.needsReview });
    organisationCreated = true;
  }
  // A row created here from an unknown SIREN counts as a registry buyer once an admin has checked it
  // (name and type, flag cleared: ADR 0030), never before.
  const buyer = !org!.needsReview;
  const immediate = buyer && trustedIdentity(deps.config.proconnect!, identity);
  const [existing] = await tx.select().from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.organisationId, org!.id)));
  // A decision already taken by people (verified or rejected) stands.
  if (existing && existing.status !== 'pending') return { organisationId: org!.id, status: existing.status, organisationCreated };
  const values = immediate
    ? { status: 'verified' as const, decidedVia: 'proconnect' as const, decidedAt: now, siret: identity.siret }
    : { status: 'pending' as const, siret: identity.siret };
  let id: string;
  if (existing) {
    await tx.update(memberships).set(values).where(eq(memberships.id, existing.id));
    id = existing.id;
  } else {
    const [m] = await tx
      .insert(memberships)
      .values({ userId, organisationId: org!.id, createdAt: now, message: 'Demande issue d’une connexion ProConnect.', ...values })
      .returning({ id: memberships.id });
    id = m!.id;
  }
  if (!immediate && !existing) await deps.jobs.enqueue(JOB_NOTIFY_REQUEST, { membershipId: id }, {}, tx);
  return { organisationId: org!.id, status: values.status, organisationCreated };
}

/** The account a pending link would join, for the confirmation page. */
export async function pendingLink(deps: Deps, linkToken: string | undefined): Promise<Result<{ email: string; firstName: string }> | Refused> {
  if (!linkToken) return refuse('PROCONNECT_LINK_EXPIRED');
  const [row] = await deps.db
    .select({ email: users.email, firstName: users.firstName })
    .from(proconnectPendingLinks)
    .innerJoin(users, eq(users.id, proconnectPendingLinks.userId))
    .where(and(eq(proconnectPendingLinks.id, hashToken(linkToken)), isNull(proconnectPendingLinks.usedAt), gt(proconnectPendingLinks.expiresAt, deps.clock.now())));
  return row ? ok(row) : refuse('PROCONNECT_LINK_EXPIRED');
}

type Linked = { token: string; expiresAt: Date; userId: string; membership: MembershipOutcome };

/** Links the identity to the existing account once its password is confirmed, then opens a session. */
export async function confirmLink(
  deps: Deps,
  input: { linkToken: string | undefined; password: string; ip: string; userAgent?: string },
): Promise<Result<Linked> | Refused> {
  if (!input.linkToken) return refuse('PROCONNECT_LINK_EXPIRED');
  const now = deps.clock.now();
  const id = hashToken(input.linkToken);
  const [link] = await deps.db
    .select({ passwordHash: users.passwordHash, email: users.email })
    .from(proconnectPendingLinks)
    .innerJoin(users, eq(users.id, proconnectPendingLinks.userId))
    .where(and(eq(proconnectPendingLinks.id, id), isNull(proconnectPendingLinks.usedAt), gt(proconnectPendingLinks.expiresAt, now)));
  if (!link) return refuse('PROCONNECT_LINK_EXPIRED');
  const checked = await throttledPasswordCheck(deps.db, now, { email: link.email, ip: input.ip, passwordHash: link.passwordHash, password: input.password });
  if (checked === 'held') return fail('LOGIN_LOCKED');
  if (checked === 'wrong') return fail('WRONG_PASSWORD', { password: 'Mot de passe incorrect.' });
  return linkIdentity(deps, id, input, 'PROCONNECT_LINK_EXPIRED');
}

/**
 * The one code path that links a pending identity to its account, whatever proved the account's
 * ownership (password or e-mailed link): consumes the pending link (once, unexpired), records the
 * identity, marks the address verified, applies the SIRET, then opens a session. `alsoInTx` runs
 * first in the same transaction (the e-mailed link consumes its token there); a refusal it returns
 * rolls everything back.
 */
async function linkIdentity(
  deps: Deps,
  pendingLinkId: string,
  input: { ip: string; userAgent?: string },
  gone: ProConnectRefusal,
  alsoInTx?: (tx: Tx) => Promise<Refused | null>,
): Promise<Result<Linked> | Refused> {
  const now = deps.clock.now();
  let l!: typeof proconnectPendingLinks.$inferSelect;
  const done = await deps.db
    .transaction(async (tx): Promise<Refused | MembershipOutcome> => {
      const first = alsoInTx ? await alsoInTx(tx) : null;
      if (first) throw first;
      const [used] = await tx
        .update(proconnectPendingLinks)
        .set({ usedAt: now })
        .where(and(eq(proconnectPendingLinks.id, pendingLinkId), isNull(proconnectPendingLinks.usedAt), gt(proconnectPendingLinks.expiresAt, now)))
        .returning();
      if (!used) throw refuse(gone);
      l = used;
      const [owner] = await tx.select({ disabledAt: users.disabledAt, deletedAt: users.deletedAt }).from(users).where(eq(users.id, l.userId));
      if (!owner || owner.disabledAt || owner.deletedAt) throw refuse('PROCONNECT_ACCOUNT_DISABLED', `user ${l.userId}`);
      const [taken] = await tx.select({ userId: proconnectIdentities.userId }).from(proconnectIdentities).where(eq(proconnectIdentities.userId, l.userId));
      if (taken) throw refuse('PROCONNECT_EMAIL_LINKED', `account ${l.userId} linked meanwhile`);
      const inserted = await tx
        .insert(proconnectIdentities)
        .values({ userId: l.userId, issuer: l.issuer, sub: l.sub, siret: l.siret, idpId: l.idpId, createdAt: now, lastLoginAt: now })
        .onConflictDoNothing()
        .returning({ id: proconnectIdentities.id });
      if (!inserted.length) throw refuse('PROCONNECT_EMAIL_LINKED', `subject linked meanwhile`);
      // The address is the one ProConnect verified.
      await tx.update(users).set({ emailVerifiedAt: now, updatedAt: now }).where(and(eq(users.id, l.userId), isNull(users.emailVerifiedAt)));
      return membershipFromSiret(deps, tx, l.userId, { siret: l.siret, idpId: l.idpId, acr: l.acr });
    })
    // A refusal thrown inside rolls the transaction back (the token or the pending link stays unused).
    .catch((e: unknown) => {
      if (e && typeof e === 'object' && (e as Refused).ok === false) return e as Refused;
      throw e;
    });
  if ('ok' in done) return done;
  const session = await openSession(deps, l.userId, l.idToken, input);
  return ok({ ...session, userId: l.userId, membership: done });
}

/** An e-mailed confirmation link lives this long, and keeps its pending link alive as long. */
export const EMAIL_LINK_TTL_MS = 30 * 60_000;
export const JOB_SEND_LINK_EMAIL = 'accounts.sendProConnectLinkEmail';

/**
 * Queues the e-mail that confirms a pending link from the account's mailbox, instead of its
 * password; the caller has counted the request against the e-mail quotas. The pending link (and
 * the browser's cookie) now lives as long as the e-mailed link.
 */
export async function requestEmailLink(deps: Deps, linkToken: string | undefined): Promise<Result<{ email: string }> | Refused> {
  if (!linkToken) return refuse('PROCONNECT_LINK_EXPIRED');
  const now = deps.clock.now();
  const id = hashToken(linkToken);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ email: users.email })
      .from(proconnectPendingLinks)
      .innerJoin(users, eq(users.id, proconnectPendingLinks.userId))
      .where(and(eq(proconnectPendingLinks.id, id), isNull(proconnectPendingLinks.usedAt), gt(proconnectPendingLinks.expiresAt, now)));
    if (!row) return refuse('PROCONNECT_LINK_EXPIRED');
    await tx.update(proconnectPendingLinks).set({ expiresAt: new Date(now.getTime() + EMAIL_LINK_TTL_MS) }).where(eq(proconnectPendingLinks.id, id));
    await deps.jobs.enqueue(JOB_SEND_LINK_EMAIL, { pendingLinkId: id }, {}, tx);
    return ok({ email: row.email });
  });
}

/**
 * Registers the link e-mail's job: at send time it reloads the pending link and the account, sends
 * nothing once the link served or expired or the account is closed, and issues the token then.
 */
export function registerProConnectJobs(deps: Deps) {
  const { db, jobs, mailer, clock, config } = deps;
  jobs.register(JOB_SEND_LINK_EMAIL, async ({ pendingLinkId }: { pendingLinkId: string }) => {
    const now = clock.now();
    const [row] = await db
      .select({ email: users.email, firstName: users.firstName, disabledAt: users.disabledAt, deletedAt: users.deletedAt })
      .from(proconnectPendingLinks)
      .innerJoin(users, eq(users.id, proconnectPendingLinks.userId))
      .where(and(eq(proconnectPendingLinks.id, pendingLinkId), isNull(proconnectPendingLinks.usedAt), gt(proconnectPendingLinks.expiresAt, now)));
    if (!row || row.disabledAt || row.deletedAt) return;
    const token = randomToken();
    const expiresAt = new Date(now.getTime() + EMAIL_LINK_TTL_MS);
    await db.insert(proconnectLinkEmails).values({ id: hashToken(token), pendingLinkId, createdAt: now, expiresAt });
    // The pending link must outlive the token it carries (the job may run a little after the request).
    await db.update(proconnectPendingLinks).set({ expiresAt }).where(and(eq(proconnectPendingLinks.id, pendingLinkId), lt(proconnectPendingLinks.expiresAt, expiresAt)));
    await mailer.send({ to: row.email, ...proconnectMails.link({ firstName: row.firstName, url: `${config.baseUrl}${paths.proconnectLinkEmail(token)}` }) });
  });
}

/**
 * Links the identity from the e-mailed link, exactly as the password does (linkIdentity). The link
 * must be known, unused, unexpired, and opened in the browser whose pending link it confirms.
 */
export async function confirmEmailLink(
  deps: Deps,
  input: { linkToken: string | undefined; emailToken: string; ip: string; userAgent?: string },
): Promise<Result<Linked> | Refused> {
  const now = deps.clock.now();
  const id = hashToken(input.emailToken);
  const [mail] = await deps.db
    .select({ link: proconnectLinkEmails, pendingUsedAt: proconnectPendingLinks.usedAt, pendingExpiresAt: proconnectPendingLinks.expiresAt })
    .from(proconnectLinkEmails)
    .innerJoin(proconnectPendingLinks, eq(proconnectPendingLinks.id, proconnectLinkEmails.pendingLinkId))
    .where(eq(proconnectLinkEmails.id, id));
  if (!mail) return refuse('PROCONNECT_EMAIL_LINK_INVALID');
  // Used: this link, or the pending link it confirms (by the password or another e-mailed link).
  if (mail.link.usedAt || mail.pendingUsedAt) return refuse('PROCONNECT_EMAIL_LINK_USED');
  if (mail.link.expiresAt <= now || mail.pendingExpiresAt <= now) return refuse('PROCONNECT_EMAIL_LINK_EXPIRED');
  // Someone clicking a link they did not ask for (in a browser without this sign-in) links nothing.
  if (!input.linkToken || hashToken(input.linkToken) !== mail.link.pendingLinkId) {
    return refuse('PROCONNECT_EMAIL_LINK_OTHER_BROWSER', input.linkToken ? 'another pending link in this browser' : 'no pending link in this browser');
  }
  return linkIdentity(deps, mail.link.pendingLinkId, input, 'PROCONNECT_EMAIL_LINK_USED', async (tx) => {
    const [used] = await tx
      .update(proconnectLinkEmails)
      .set({ usedAt: now })
      .where(and(eq(proconnectLinkEmails.id, id), isNull(proconnectLinkEmails.usedAt), gt(proconnectLinkEmails.expiresAt, now)))
      .returning({ id: proconnectLinkEmails.id });
    return used ? null : refuse('PROCONNECT_EMAIL_LINK_USED');
  });
}

/**
 * Where the browser goes after a local logout to end the provider's session too, when this session
 * came from ProConnect; null otherwise or when the provider cannot be reached (the local logout stands).
 */
export async function providerLogoutUrl(deps: Deps, idToken: string | null): Promise<string | null> {
  const pc = deps.config.proconnect;
  if (!pc || !idToken) return null;
  try {
    const configuration = await providerConfiguration(pc);
    const oidc = await openidClient();
    return oidc.buildEndSessionUrl(configuration, { id_token_hint: idToken, state: oidc.randomState(), post_logout_redirect_uri: pc.postLogoutRedirectUri }).href;
  } catch (e) {
    deps.log.warn({ event: 'proconnect.logout_unavailable', detail: describe(e) }, 'ProConnect logout address unavailable');
    return null;
  }
}

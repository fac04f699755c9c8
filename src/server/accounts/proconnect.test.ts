import { count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Agent, createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { linkIn } from '../../../tests/helpers/smtp.js';
import { jwtPayload, signJwt, startTestProvider, type TestProvider } from '../../../tests/helpers/oidc-provider.js';
import { memberships, organisations } from '../organisations/organisations.tables.js';
import { hashToken } from '../platform/tokens.js';
import { sessions, users } from './accounts.tables.js';
import { proconnectRefusals } from './proconnect.contract.js';
import { proconnectFetchOverride } from './proconnect.service.js';
import { proconnectFlows, proconnectIdentities, proconnectLinkEmails } from './proconnect.tables.js';

const BASE = 'http://entraide.test';
const REDIRECT = `${BASE}/api/auth/proconnect/callback`;
const TRUSTED_IDP = 'fia-agents-publics';

// SIRET 130 025 265 00013, Luhn by hand from the right, doubling every second digit:
// 3 + 2(1) + 0 + 0 + 0 + 1(5→10) + 6 + 4(2) + 5 + 4(2) + 0 + 0 + 3 + 2(1) = 30 → valid.
const BUYER_SIREN = '130025265';
const BUYER_SIRET = '13002526500013';
// La Poste (SIREN 356000000): its SIRETs follow a digit sum divisible by 5, not Luhn.
// 3+5+6+0+…+0+1 = 15 → valid; the Luhn sum would be 1+3(6→12)+5+6(3→6) = 15 → not a multiple of 10.
const LA_POSTE_SIRET = '35600000000001';
// 130025265 00014: the Luhn sum becomes 4+2+… = 31 → refused; La Poste with …02: sum 16 → refused.
const BAD_SIRETS = ['13002526500014', '35600000000002', '1300252650001'];

let t: TestContext;
let op: TestProvider;
const logs: string[] = [];
let buyer: { id: string };

beforeAll(async () => {
  op = await startTestProvider({ redirectUri: REDIRECT, postLogoutRedirectUri: `${BASE}/connexion` });
  t = await createTestContext(
    {
      LOG_LEVEL: 'info',
      PROCONNECT_ISSUER: op.issuer,
      PROCONNECT_CLIENT_ID: op.clientId,
      PROCONNECT_CLIENT_SECRET: op.clientSecret,
      PROCONNECT_ALLOW_HTTP: 'true',
      PROCONNECT_TRUSTED_IDP_IDS: `${TRUSTED_IDP},autre-fia`,
    },
    { logTo: { write: (s: string) => logs.push(s) } },
  );
  buyer = await t.createOrganisation({ name: 'Direction interministérielle du numérique', kind: 'etat', siren: BUYER_SIREN });
});
afterAll(async () => {
  await t?.close();
  await op?.close();
});
afterEach(() => {
  proconnectFetchOverride.fetch = null;
  op.ttl.code = 30;
});

let n = 0;
/** A new identity at the provider (its login is its `sub`). */
function identity(over: Partial<{ email: string; siret: string; idp_id: string; given_name: string; usual_name: string }> = {}) {
  const login = `agent-${++n}-${Date.now()}`;
  op.accounts.set(login, { email: `${login}@numerique.gouv.test`, given_name: 'Aïcha', usual_name: 'Benali', siret: BUYER_SIRET, idp_id: TRUSTED_IDP, ...over });
  return { login, ...op.accounts.get(login)! };
}

/** The button: the platform redirects to the provider, the state cookie kept by the browser. */
async function begin(agent: Agent) {
  const res = await agent.get('/api/auth/proconnect/login');
  expect(res.statusCode).toBe(303);
  const url = new URL(res.headers.location!);
  return { url: url.href, state: url.searchParams.get('state')! };
}
const callback = (agent: Agent, callbackUrl: string) => {
  const u = new URL(callbackUrl);
  return agent.get(u.pathname + u.search);
};
async function signIn(agent: Agent, login: string) {
  const { url, state } = await begin(agent);
  const back = await op.signIn(url, login);
  return { state, back, res: await callback(agent, back) };
}

async function counts() {
  const n = async (table: any) => Number((await t.db.select({ n: count() }).from(table))[0]!.n);
  return { users: await n(users), sessions: await n(sessions), memberships: await n(memberships), organisations: await n(organisations), identities: await n(proconnectIdentities) };
}

/** A refusal: back on the log-in page naming it, no session, nothing changed, and a log line. */
async function expectRefused(agent: Agent, res: { statusCode: number; headers: Record<string, string> }, code: keyof typeof proconnectRefusals, before: Awaited<ReturnType<typeof counts>>) {
  expect(res.statusCode).toBe(303);
  expect(res.headers.location).toBe(`/connexion?proconnect=${code}`);
  expect(String(res.headers['set-cookie'] ?? '')).not.toContain('entraide_session=');
  expect((await agent.get('/api/me')).statusCode).toBe(401);
  expect(await counts()).toEqual(before);
  expect(logs.some((l) => l.includes('proconnect.refused') && l.includes(code))).toBe(true);
}

describe('ProConnect sign-in against a real OpenID Connect provider', () => {
  it('says the button is available, and sends only the listed parameters (no PKCE when switched off)', async () => {
    expect((await t.agent().get('/api/auth/proconnect')).json()).toEqual({ enabled: true });
    const { url } = await begin(t.agent());
    const params = new URL(url).searchParams;
    expect([...params.keys()].sort()).toEqual(['client_id', 'nonce', 'redirect_uri', 'response_type', 'scope', 'state']);
    expect(params.get('scope')).toBe('openid email given_name usual_name siret uid idp_id');
    expect(params.get('redirect_uri')).toBe(REDIRECT);
  });

  it('creates the account of a new agent and makes them a verified member of a registry buyer vouched by a trusted provider', async () => {
    const who = identity();
    const agent = t.agent();
    const { res } = await signIn(agent, who.login);
    expect(res.statusCode).toBe(303);
    // A new account completes its profile first.
    expect(res.headers.location).toBe('/mon-profil');
    const me = (await agent.get('/api/me')).json();
    expect(me).toMatchObject({ email: who.email, firstName: 'Aïcha', lastName: 'Benali', verified: true });
    expect(me.memberships).toEqual([expect.objectContaining({ organisationId: buyer.id, status: 'verified' })]);
    const [m] = await t.db.select().from(memberships).where(eq(memberships.organisationId, buyer.id));
    expect(m).toMatchObject({ decidedVia: 'proconnect', siret: BUYER_SIRET });
    const [u] = await t.db.select().from(users).where(eq(users.email, who.email));
    expect(u!.emailVerifiedAt).not.toBeNull();

    // Logout also ends the provider's session: id_token_hint, state and post_logout_redirect_uri.
    const out = (await agent.post('/api/auth/logout')).json();
    const end = new URL(out.redirectTo);
    expect(end.origin).toBe(op.issuer);
    expect(jwtPayload(end.searchParams.get('id_token_hint')!)).toMatchObject({ sub: who.login, aud: op.clientId });
    expect(end.searchParams.get('state')).toMatch(/.{20,}/);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${BASE}/connexion`);
    expect((await fetch(end)).status).toBe(200);
    expect((await agent.get('/api/me')).statusCode).toBe(401);

    // The second time, the same identity opens a session on the same account.
    const again = await signIn(agent, who.login);
    expect(again.res.headers.location).toBe('/mon-organisation');
    expect((await agent.get('/api/me')).json().id).toBe(u!.id);
  });

  it('makes a request, showing the SIRET to the approver, when the identity provider is not trusted', async () => {
    const who = identity({ idp_id: 'fia-entreprises' });
    const agent = t.agent();
    await signIn(agent, who.login);
    const me = (await agent.get('/api/me')).json();
    expect(me.verified).toBe(false);
    expect(me.memberships).toEqual([expect.objectContaining({ organisationId: buyer.id, status: 'pending' })]);
    const fac = await t.loggedIn({ role: 'facilitator' });
    const queue = (await fac.agent.get('/api/admin/membership-requests')).json();
    expect(queue.items.find((i: any) => i.requester.email === who.email)).toMatchObject({ siret: BUYER_SIRET, organisation: { id: buyer.id } });
  });

  it('creates a pending organisation flagged for an admin from an unknown SIREN (La Poste’s SIRET rule)', async () => {
    expect(await t.db.select().from(organisations).where(eq(organisations.siren, '356000000'))).toEqual([]);
    const who = identity({ siret: LA_POSTE_SIRET });
    const agent = t.agent();
    const { res } = await signIn(agent, who.login);
    expect(res.headers.location).toBe('/mon-profil');
    const [org] = await t.db.select().from(organisations).where(eq(organisations.siren, '356000000'));
    expect(org).toMatchObject({ source: 'proconnect', needsReview: true, kind: 'autre' });
    const me = (await agent.get('/api/me')).json();
    expect(me.memberships).toEqual([expect.objectContaining({ organisationId: org!.id, status: 'pending' })]);
    const fac = await t.loggedIn({ role: 'facilitator' });
    const queue = (await fac.agent.get('/api/admin/membership-requests')).json();
    expect(queue.items.find((i: any) => i.requester.email === who.email)).toMatchObject({ siret: LA_POSTE_SIRET, organisation: { id: org!.id, needsReview: true } });

    // An admin checks it: its real name and type, and the flag goes; nobody else may, and only once.
    const detail = (await fac.agent.get(`/api/organisations/${org!.id}`)).json();
    expect(detail.needsReview).toBe(true);
    const review = { name: 'La Poste — direction régionale', kind: 'etablissement_public' };
    expect((await fac.agent.put(`/api/admin/organisations/${org!.id}/review`, review)).statusCode).toBe(403);
    const admin = await t.loggedIn({ role: 'admin' });
    const bad = await admin.agent.put(`/api/admin/organisations/${org!.id}/review`, { name: ' ', kind: 'planete' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual({ name: 'Saisissez le nom.', kind: "Choisissez un type d'organisation." });
    expect((await t.db.select().from(organisations).where(eq(organisations.id, org!.id)))[0]).toMatchObject({ name: org!.name, needsReview: true });
    expect((await admin.agent.put(`/api/admin/organisations/${org!.id}/review`, review)).statusCode).toBe(200);
    expect((await t.db.select().from(organisations).where(eq(organisations.id, org!.id)))[0]).toMatchObject({ name: review.name, kind: review.kind, needsReview: false });
    expect((await admin.agent.get(`/api/organisations/${org!.id}`)).json().needsReview).toBe(false);
    const again = await admin.agent.put(`/api/admin/organisations/${org!.id}/review`, review);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('Cette organisation a déjà été vérifiée.');
    // Checked, it is a buyer of the registry: the next agent of a trusted provider is verified at once.
    const next = t.agent();
    await signIn(next, identity({ siret: LA_POSTE_SIRET }).login);
    expect((await next.get('/api/me')).json().memberships).toEqual([expect.objectContaining({ organisationId: org!.id, status: 'verified' })]);
  });

  it('links an existing account after its password, then refuses an e-mail already linked to another identity', async () => {
    const member = await t.createMember({ email: `existant-${Date.now()}@numerique.gouv.test` });
    const who = identity({ email: member.email });
    const agent = t.agent();
    const before = await counts();
    const { res } = await signIn(agent, who.login);
    expect(res.headers.location).toBe('/connexion/proconnect');
    expect((await agent.get('/api/me')).statusCode).toBe(401);
    expect(await counts()).toEqual(before);
    expect((await agent.get('/api/auth/proconnect/link')).json()).toEqual({ email: member.email, firstName: member.firstName });

    const wrong = await agent.post('/api/auth/proconnect/link', { password: 'pas le bon mot de passe' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields).toEqual({ password: 'Mot de passe incorrect.' });
    expect(await counts()).toEqual(before);

    const linked = await agent.post('/api/auth/proconnect/link', { password: member.password });
    expect(linked.statusCode).toBe(200);
    expect(linked.json().user).toMatchObject({ id: member.id, verified: true });
    const [idn] = await t.db.select().from(proconnectIdentities).where(eq(proconnectIdentities.userId, member.id));
    expect(idn).toMatchObject({ sub: who.login, siret: BUYER_SIRET, idpId: TRUSTED_IDP });
    // The link served once.
    expect((await agent.post('/api/auth/proconnect/link', { password: member.password })).statusCode).toBe(400);

    // Another ProConnect identity carrying the same e-mail is refused.
    const intruder = identity({ email: member.email });
    const other = t.agent();
    const snapshot = await counts();
    const r = await signIn(other, intruder.login);
    await expectRefused(other, r.res, 'PROCONNECT_EMAIL_LINKED', snapshot);
  });

  it('counts wrong passwords on the link page under the log-in form’s throttle: no side door for guessing', async () => {
    const member = await t.createMember({ email: `devine-${Date.now()}@numerique.gouv.test` });
    const agent = t.agent();
    const { res } = await signIn(agent, identity({ email: member.email }).login);
    expect(res.headers.location).toBe('/connexion/proconnect');
    // The log-in form locks an address after 5 failures on one account (THROTTLE_LIMITS.pair):
    // 5 wrong passwords are each « incorrect », then even the right one is refused for now.
    for (let i = 1; i <= 5; i++) expect((await agent.post('/api/auth/proconnect/link', { password: `essai ${i}` })).statusCode).toBe(400);
    const locked = await agent.post('/api/auth/proconnect/link', { password: member.password });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toBe('LOGIN_LOCKED');
    expect(await t.db.select().from(proconnectIdentities).where(eq(proconnectIdentities.userId, member.id))).toEqual([]);
    // The same lock holds on the log-in form itself, for this account from this address.
    expect((await t.agent().post('/api/auth/login', { email: member.email, password: member.password })).statusCode).toBe(429);
  });
});

const LINK_MAIL_SUBJECT = 'Lier votre identité ProConnect à votre compte Entraide';
const LINK_MAIL_PREFIX = `${BASE}/connexion/proconnect/confirmer?jeton=`;
const linkMails = (email: string) => t.smtp.to(email).filter((m) => m.subject === LINK_MAIL_SUBJECT);

/** An existing account and a browser back from ProConnect with an identity carrying its e-mail. */
async function pendingLinkFor(agent: Agent = t.agent()) {
  const member = await t.createMember({ email: `courriel-${++n}-${Date.now()}@numerique.gouv.test` });
  const who = identity({ email: member.email });
  const { res } = await signIn(agent, who.login);
  expect(res.headers.location).toBe('/connexion/proconnect');
  return { member, who, agent };
}
/** Asks for the link e-mail from the link page, and returns the token of the e-mail sent. */
async function emailedToken(agent: Agent, email: string) {
  const before = linkMails(email).length;
  const res = await agent.post('/api/auth/proconnect/link/email');
  expect(res.statusCode).toBe(200);
  expect(res.json().message).toContain(email);
  await t.drainJobs();
  expect(linkMails(email)).toHaveLength(before + 1);
  return new URL(linkIn(linkMails(email).at(-1)!, LINK_MAIL_PREFIX)).searchParams.get('jeton')!;
}
const confirm = (agent: Agent, token: string) => agent.post('/api/auth/proconnect/link/email/confirm', { token });
const linkedIdentity = async (userId: string) => t.db.select().from(proconnectIdentities).where(eq(proconnectIdentities.userId, userId));

describe('ProConnect linking by an e-mailed link (instead of the password)', () => {
  it('sends a single-use link to the account’s address; opened in the same browser it links and signs in, as the password does', async () => {
    const { member, who, agent } = await pendingLinkFor();
    const before = await counts();
    const token = await emailedToken(agent, member.email);
    const mail = linkMails(member.email).at(-1)!;
    expect(mail.text).toContain('valable 30 minutes');
    // Only the hash of the token is stored.
    const [row] = await t.db.select().from(proconnectLinkEmails).where(eq(proconnectLinkEmails.id, hashToken(token)));
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(30 * 60_000);
    expect(await t.db.select().from(proconnectLinkEmails).where(eq(proconnectLinkEmails.id, token))).toEqual([]);
    // Sending changed nothing else, and opened no session.
    expect(await counts()).toEqual(before);
    expect((await agent.get('/api/me')).statusCode).toBe(401);

    // 20 minutes later, past the 15 minutes the password page gives: the e-mailed link still serves.
    t.clock.advance(20 * 60_000);
    const linked = await confirm(agent, token);
    expect(linked.statusCode).toBe(200);
    expect(linked.json().user).toMatchObject({ id: member.id, verified: true });
    expect((await agent.get('/api/me')).json().id).toBe(member.id);
    expect(agent.cookies.has('entraide_proconnect_link')).toBe(false);
    const [idn] = await linkedIdentity(member.id);
    expect(idn).toMatchObject({ sub: who.login, siret: BUYER_SIRET, idpId: TRUSTED_IDP });
    // The same SIRET rule as the password path: a registry buyer vouched by a trusted provider.
    expect((await agent.get('/api/me')).json().memberships).toEqual([expect.objectContaining({ organisationId: buyer.id, status: 'verified' })]);
    expect(logs.some((l) => l.includes('proconnect.linked_by_email'))).toBe(true);

    // Next time, ProConnect alone opens the account.
    const next = t.agent();
    const again = await signIn(next, who.login);
    expect(again.res.headers.location).toBe('/mon-organisation');
    expect((await next.get('/api/me')).json().id).toBe(member.id);
  });

  it('refuses a reused link, and any other link of the same pending identity once one served; nothing changes', async () => {
    const { member, agent } = await pendingLinkFor();
    const first = await emailedToken(agent, member.email);
    const second = await emailedToken(agent, member.email);
    expect((await confirm(agent, second)).statusCode).toBe(200);
    const snapshot = await counts();
    const sessionsOf = async () => (await t.db.select().from(sessions).where(eq(sessions.userId, member.id))).length;
    const sessionCount = await sessionsOf();
    for (const [token, browser] of [[second, agent], [first, agent], [second, t.agent()]] as const) {
      const res = await confirm(browser, token);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: 'PROCONNECT_EMAIL_LINK_USED', message: proconnectRefusals.PROCONNECT_EMAIL_LINK_USED });
    }
    expect(await counts()).toEqual(snapshot);
    expect(await sessionsOf()).toBe(sessionCount);
    // The password page's pending link served too.
    expect((await agent.post('/api/auth/proconnect/link', { password: member.password })).json().error).toBe('PROCONNECT_LINK_EXPIRED');
  });

  it('refuses an expired link (30 minutes, moved clock) and an unknown one, with their French messages; nothing changes', async () => {
    const { member, agent } = await pendingLinkFor();
    const token = await emailedToken(agent, member.email);
    const before = await counts();
    t.clock.advance(30 * 60_000 + 1000);
    const expired = await confirm(agent, token);
    expect(expired.statusCode).toBe(400);
    expect(expired.json()).toEqual({ error: 'PROCONNECT_EMAIL_LINK_EXPIRED', message: proconnectRefusals.PROCONNECT_EMAIL_LINK_EXPIRED });
    expect(expired.json().message).toContain('30 minutes');
    const unknown = await confirm(agent, 'a'.repeat(43));
    expect(unknown.json()).toEqual({ error: 'PROCONNECT_EMAIL_LINK_INVALID', message: proconnectRefusals.PROCONNECT_EMAIL_LINK_INVALID });
    const empty = await confirm(agent, '');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().fields).toEqual({ token: 'Ce lien de confirmation est incomplet.' });
    expect(await counts()).toEqual(before);
    expect(await linkedIdentity(member.id)).toEqual([]);
    expect((await agent.get('/api/me')).statusCode).toBe(401);
    // The pending identity expired with its link: no new e-mail either.
    expect((await agent.post('/api/auth/proconnect/link/email')).json().error).toBe('PROCONNECT_LINK_EXPIRED');
  });

  it('links nothing when the link is opened in a browser holding another pending identity, or none; the right browser still can', async () => {
    const { member, who, agent } = await pendingLinkFor();
    const token = await emailedToken(agent, member.email);
    // Another browser, back from ProConnect with another identity for another account.
    const { member: otherMember, agent: otherBrowser } = await pendingLinkFor();
    const before = await counts();
    for (const browser of [otherBrowser, t.agent()]) {
      const res = await confirm(browser, token);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: 'PROCONNECT_EMAIL_LINK_OTHER_BROWSER', message: proconnectRefusals.PROCONNECT_EMAIL_LINK_OTHER_BROWSER });
      expect((await browser.get('/api/me')).statusCode).toBe(401);
    }
    expect(await counts()).toEqual(before);
    expect(await linkedIdentity(member.id)).toEqual([]);
    expect(await linkedIdentity(otherMember.id)).toEqual([]);
    // The other browser's own pending link is untouched: its password still links its identity.
    expect((await otherBrowser.post('/api/auth/proconnect/link', { password: otherMember.password })).statusCode).toBe(200);
    // And the link still works where it was asked for, for its own identity.
    expect((await confirm(agent, token)).json().user.id).toBe(member.id);
    expect((await linkedIdentity(member.id))[0]!.sub).toBe(who.login);
  });

  it('limits link e-mails like password-reset e-mails: 3 an hour to one address, then 429 in French and nothing sent', async () => {
    const { member, agent } = await pendingLinkFor(new Agent({ inject: (o) => t.app.inject(o) }, '198.51.100.21'));
    for (let i = 0; i < 3; i++) await emailedToken(agent, member.email);
    const refused = await agent.post('/api/auth/proconnect/link/email');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toBe('QUOTA_PROCONNECT_LINK_EMAIL');
    expect(refused.json().message).toMatch(/^Plusieurs liens de confirmation ont déjà été envoyés à cette adresse dans l'heure\..*(heure de Paris)/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The address's limit holds from another client address and another sign-in too.
    const elsewhere = new Agent({ inject: (o) => t.app.inject(o) }, '198.51.100.22');
    await signIn(elsewhere, identity({ email: member.email }).login);
    expect((await elsewhere.post('/api/auth/proconnect/link/email')).statusCode).toBe(429);
    await t.drainJobs();
    expect(linkMails(member.email)).toHaveLength(3);
    // The password page still works meanwhile.
    expect((await agent.post('/api/auth/proconnect/link', { password: member.password })).statusCode).toBe(200);
  });

  it('sends nothing and answers as the password page does without a pending identity', async () => {
    const res = await t.agent().post('/api/auth/proconnect/link/email');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'PROCONNECT_LINK_EXPIRED', message: proconnectRefusals.PROCONNECT_LINK_EXPIRED });
  });
});

describe('ProConnect refusals', () => {
  it('refuses a wrong state (another browser’s, or none)', async () => {
    const who = identity();
    const starter = t.agent();
    const { url } = await begin(starter);
    const back = await op.signIn(url, who.login);
    const before = await counts();
    // The same redirect reaching a browser that did not start it.
    const thief = t.agent();
    await expectRefused(thief, await callback(thief, back), 'PROCONNECT_STATE', before);
    const forged = new URL(back);
    forged.searchParams.set('state', 'etat-invente');
    await expectRefused(starter, await callback(starter, forged.href), 'PROCONNECT_STATE', before);
  });

  it('refuses an ID token whose nonce is not the one this sign-in stored', async () => {
    const who = identity();
    const agent = t.agent();
    const { url, state } = await begin(agent);
    await t.db.update(proconnectFlows).set({ nonce: 'un-autre-nonce' }).where(eq(proconnectFlows.id, hashToken(state)));
    const back = await op.signIn(url, who.login);
    const before = await counts();
    await expectRefused(agent, await callback(agent, back), 'PROCONNECT_NONCE', before);
  });

  it('refuses a replayed state, a replayed code and an expired code', async () => {
    const who = identity();
    const agent = t.agent();
    const { back, state } = await signIn(agent, who.login);
    await agent.post('/api/auth/logout');
    const before = await counts();
    // Replayed as is: the state served once.
    const replay = t.agent();
    replay.cookies.set('entraide_proconnect_state', state);
    await expectRefused(replay, await callback(replay, back), 'PROCONNECT_STATE', before);
    // Even past the state store, the provider refuses the code a second time.
    await t.db.update(proconnectFlows).set({ usedAt: null }).where(eq(proconnectFlows.id, hashToken(state)));
    replay.cookies.set('entraide_proconnect_state', state);
    await expectRefused(replay, await callback(replay, back), 'PROCONNECT_CODE', before);

    // A code past its lifetime (1 s here, 30 s at ProConnect).
    op.ttl.code = 1;
    const late = t.agent();
    const started = await begin(late);
    const lateBack = await op.signIn(started.url, who.login);
    await new Promise((r) => setTimeout(r, 2100));
    await expectRefused(late, await callback(late, lateBack), 'PROCONNECT_CODE', before);
  });

  /** Rewrites the provider's token or userinfo answer on its way to the platform. */
  function tamper(endpoint: '/token' | '/me', rewrite: (body: string) => string) {
    proconnectFetchOverride.fetch = async (url, init) => {
      const res = await fetch(url, init);
      if (new URL(String(url)).pathname !== endpoint) return res;
      const body = rewrite(await res.text());
      return new Response(body, { status: res.status, headers: { 'content-type': res.headers.get('content-type')! } });
    };
  }
  const rewriteIdToken = (change: (claims: Record<string, unknown>) => Record<string, unknown>, key: () => Parameters<typeof signJwt>[1]) => (body: string) => {
    const json = JSON.parse(body);
    json.id_token = signJwt(change(jwtPayload(json.id_token)), key());
    return JSON.stringify(json);
  };

  it.each([
    ['a bad signature', (c: Record<string, unknown>) => c, () => op.strangerKey],
    ['another issuer', (c: Record<string, unknown>) => ({ ...c, iss: 'https://faux-fournisseur.test' }), () => op.key],
    ['another audience', (c: Record<string, unknown>) => ({ ...c, aud: 'un-autre-client' }), () => op.key],
  ])('refuses an ID token with %s', async (_label, change, key) => {
    const who = identity();
    const agent = t.agent();
    const { url } = await begin(agent);
    const back = await op.signIn(url, who.login);
    tamper('/token', rewriteIdToken(change, key));
    const before = await counts();
    await expectRefused(agent, await callback(agent, back), 'PROCONNECT_INVALID_TOKEN', before);
  });

  it('refuses a userinfo JWT signed by another key', async () => {
    const who = identity();
    const agent = t.agent();
    const { url } = await begin(agent);
    const back = await op.signIn(url, who.login);
    let seen = '';
    tamper('/me', (jwt) => {
      seen = jwt;
      return signJwt(jwtPayload(jwt), op.strangerKey);
    });
    const before = await counts();
    await expectRefused(agent, await callback(agent, back), 'PROCONNECT_INVALID_USERINFO', before);
    // The provider did answer with a signed JWT carrying the identity.
    expect(jwtPayload(seen)).toMatchObject({ sub: who.login, email: who.email, siret: BUYER_SIRET, idp_id: TRUSTED_IDP });
  });

  it.each(BAD_SIRETS)('refuses the SIRET %s (length or check digit)', async (siret) => {
    const who = identity({ siret });
    const agent = t.agent();
    const { url } = await begin(agent);
    const back = await op.signIn(url, who.login);
    const before = await counts();
    await expectRefused(agent, await callback(agent, back), 'PROCONNECT_BAD_SIRET', before);
    expect(await t.db.select().from(users).where(eq(users.email, who.email))).toEqual([]);
  });

  it('has a French message for every refusal', () => {
    for (const message of Object.values(proconnectRefusals)) expect(message).toMatch(/[éèàç]|ProConnect/);
  });
});

describe('ProConnect when the provider is down, or not configured', () => {
  it('refuses the sign-in with its message when the provider does not answer', async () => {
    const down = await startTestProvider({ redirectUri: REDIRECT, postLogoutRedirectUri: `${BASE}/connexion` });
    await down.close();
    const t2 = await createTestContext(
      { LOG_LEVEL: 'info', PROCONNECT_ISSUER: down.issuer, PROCONNECT_CLIENT_ID: 'x', PROCONNECT_CLIENT_SECRET: 'y', PROCONNECT_ALLOW_HTTP: 'true' },
      { logTo: { write: (s: string) => logs.push(s) } },
    );
    try {
      const agent = t2.agent();
      const res = await agent.get('/api/auth/proconnect/login');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/connexion?proconnect=PROCONNECT_UNAVAILABLE');
      expect(logs.some((l) => l.includes('proconnect.refused') && l.includes('PROCONNECT_UNAVAILABLE'))).toBe(true);
    } finally {
      await t2.close();
    }
  });

  it('hides the button and refuses the routes without configuration', async () => {
    const t3 = await createTestContext();
    try {
      expect((await t3.agent().get('/api/auth/proconnect')).json()).toEqual({ enabled: false });
      expect((await t3.agent().get('/api/auth/proconnect/login')).headers.location).toBe('/connexion?proconnect=PROCONNECT_NOT_CONFIGURED');
    } finally {
      await t3.close();
    }
  });

  it('refuses a plain-HTTP issuer unless allowed, and allows it nowhere in production', async () => {
    const { loadConfig } = await import('../config.js');
    const base = { PROCONNECT_ISSUER: 'http://127.0.0.1:9', PROCONNECT_CLIENT_ID: 'x', PROCONNECT_CLIENT_SECRET: 'y' };
    expect(() => loadConfig(base)).toThrow(/PROCONNECT_ISSUER/);
    expect(() => loadConfig({ ...base, PROCONNECT_ALLOW_HTTP: 'true' })).not.toThrow();
    expect(() => loadConfig({ ...base, PROCONNECT_ALLOW_HTTP: 'true', NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) })).toThrow(/PROCONNECT_ALLOW_HTTP/);
    expect(() => loadConfig({ PROCONNECT_ISSUER: 'https://proconnect.test' })).toThrow(/PROCONNECT_CLIENT_ID[^]*PROCONNECT_CLIENT_SECRET/);
  });
});


describe('ProConnect signing algorithm (PROCONNECT_SIGNING_ALG)', () => {
  it('signs in against a provider signing in ES256 when so configured, and refuses its tokens under the default RS256', async () => {
    const es = await startTestProvider({ redirectUri: REDIRECT, postLogoutRedirectUri: `${BASE}/connexion`, alg: 'ES256' });
    es.accounts.set('agent-es', { email: 'elise.courbe@numerique.gouv.test', given_name: 'Élise', usual_name: 'Courbe', siret: BUYER_SIRET, idp_id: TRUSTED_IDP });
    const env = {
      LOG_LEVEL: 'info',
      PROCONNECT_ISSUER: es.issuer,
      PROCONNECT_CLIENT_ID: es.clientId,
      PROCONNECT_CLIENT_SECRET: es.clientSecret,
      PROCONNECT_ALLOW_HTTP: 'true',
      PROCONNECT_TRUSTED_IDP_IDS: TRUSTED_IDP,
    };
    const attempt = async (alg: Record<string, string>) => {
      const ctx = await createTestContext({ ...env, ...alg }, { logTo: { write: (s: string) => logs.push(s) } });
      try {
        await ctx.createOrganisation({ name: 'Direction interministérielle du numérique', kind: 'etat', siren: BUYER_SIREN });
        const agent = ctx.agent();
        const start = await agent.get('/api/auth/proconnect/login');
        const back = await es.signIn(start.headers.location!, 'agent-es');
        const u = new URL(back);
        const res = await agent.get(u.pathname + u.search);
        const me = await agent.get('/api/me');
        const [{ n }] = await ctx.db.select({ n: count() }).from(users).where(eq(users.email, 'elise.courbe@numerique.gouv.test'));
        return { location: res.headers.location, me: me.statusCode === 200 ? me.json() : null, accounts: Number(n) };
      } finally {
        await ctx.close();
      }
    };
    try {
      // Configured as the provider signs: a new agent, signed in, a verified member of the buyer.
      const signed = await attempt({ PROCONNECT_SIGNING_ALG: 'ES256' });
      expect(signed.location).not.toMatch(/proconnect=/);
      expect(signed.me).toMatchObject({ email: 'elise.courbe@numerique.gouv.test', firstName: 'Élise', lastName: 'Courbe' });
      expect(signed.accounts).toBe(1);
      // The default (RS256): the ES256 ID token is refused, no session, no account.
      const refused = await attempt({});
      expect(refused.location).toBe('/connexion?proconnect=PROCONNECT_INVALID_TOKEN');
      expect([refused.me, refused.accounts]).toEqual([null, 0]);
      // And a value that is no algorithm is refused at start, in French.
      const { loadConfig } = await import('../config.js');
      expect(() => loadConfig({ ...env, PROCONNECT_SIGNING_ALG: 'none' })).toThrow(/PROCONNECT_SIGNING_ALG[^]*RS256, ES256 ou PS256/);
    } finally {
      await es.close();
    }
  });
});

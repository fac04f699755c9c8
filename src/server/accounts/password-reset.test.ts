import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, createTestContext, PASSWORD, type TestContext } from '../../../tests/helpers/context.js';
import { linkIn } from '../../../tests/helpers/smtp.js';

// Issue 12, item 2: reset links die together, and reset e-mails are limited per client address and
// per e-mail address while the requester always reads the same neutral answer.
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
});
afterAll(() => t?.close());

const NEUTRAL = 'Si un compte existe pour cette adresse, un lien de réinitialisation vient de lui être envoyé.';
const RESET_PREFIX = 'http://entraide.test/mot-de-passe/nouveau?jeton=';
const tokenOf = (url: string) => new URL(url).searchParams.get('jeton')!;
const resetMails = (email: string) => t.smtp.to(email).filter((m) => m.subject === 'Réinitialisation de votre mot de passe Entraide');
/** An agent with its own client address (the reset limits count per address). */
let nextIp = 1;
const fromNewAddress = () => new Agent({ inject: (o) => t.app.inject(o) }, `198.51.100.${nextIp++}`);

/** Asks for a link from a fresh address and returns the token of the e-mail it sent. */
async function requestLink(email: string): Promise<string> {
  const before = resetMails(email).length;
  const res = await fromNewAddress().post('/api/auth/password-reset/request', { email });
  expect(res.json().message).toBe(NEUTRAL);
  await t.drainJobs();
  const mails = resetMails(email);
  expect(mails).toHaveLength(before + 1);
  return tokenOf(linkIn(mails.at(-1)!, RESET_PREFIX));
}

describe('item 2: reset links', () => {
  it('item 2: using one reset link revokes every other outstanding link of the account', async () => {
    const m = await t.createMember();
    const first = await requestLink(m.email);
    const second = await requestLink(m.email);
    const third = await requestLink(m.email);
    const agent = t.agent();
    expect((await agent.post('/api/auth/password-reset/confirm', { token: second, password: 'un tout nouveau mot de passe' })).statusCode).toBe(200);
    for (const token of [first, third]) {
      const res = await agent.post('/api/auth/password-reset/confirm', { token, password: 'encore un autre mot de passe' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: 'TOKEN_REVOKED',
        message: "Ce lien n'est plus valable : le mot de passe a été changé depuis son envoi. Demandez-en un nouveau si nécessaire.",
      });
    }
    // The password set through the link used is the one that works.
    expect((await agent.post('/api/auth/login', { email: m.email, password: 'encore un autre mot de passe' })).statusCode).toBe(401);
    expect((await agent.post('/api/auth/login', { email: m.email, password: 'un tout nouveau mot de passe' })).statusCode).toBe(200);
  });

  it('item 2: changing the password revokes the outstanding links and closes the other sessions (not this one)', async () => {
    const { user, agent } = await t.loggedIn();
    const elsewhere = t.agent();
    expect((await elsewhere.post('/api/auth/login', { email: user.email, password: PASSWORD })).statusCode).toBe(200);
    const token = await requestLink(user.email);
    const change = await agent.post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'mon nouveau mot de passe' });
    expect(change.statusCode).toBe(200);
    expect((await agent.get('/api/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/me')).statusCode).toBe(401);
    const res = await t.agent().post('/api/auth/password-reset/confirm', { token, password: 'celui du voleur de lien' });
    expect(res.json().error).toBe('TOKEN_REVOKED');
    expect((await t.agent().post('/api/auth/login', { email: user.email, password: 'mon nouveau mot de passe' })).statusCode).toBe(200);
  });
});

describe('item 2: reset requests are limited, the answer never changes', () => {
  it('item 2: at most 3 reset e-mails an hour to one address, whatever the client address; the next hour 3 more', async () => {
    t.clock.set(new Date('2026-06-02T08:00:00Z'));
    const m = await t.createMember();
    const answers: { status: number; body: unknown }[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fromNewAddress().post('/api/auth/password-reset/request', { email: m.email });
      answers.push({ status: res.statusCode, body: res.json() });
      await t.drainJobs();
      t.clock.advance(60_000);
    }
    // Five identical answers, three e-mails.
    expect(answers).toEqual(Array(5).fill({ status: 200, body: { ok: true, message: NEUTRAL } }));
    expect(resetMails(m.email)).toHaveLength(3);
    // An unknown address over its limit gets the same answer too.
    for (let i = 0; i < 4; i++) {
      const res = await fromNewAddress().post('/api/auth/password-reset/request', { email: 'personne@nulle-part.test' });
      expect(res.json()).toEqual({ ok: true, message: NEUTRAL });
    }
    // The window opened with the first request (08:00); from 09:00 on, e-mails go again.
    t.clock.set(new Date('2026-06-02T09:00:01Z'));
    await requestLink(m.email);
    expect(resetMails(m.email)).toHaveLength(4);
  });

  it('item 2: at most 10 reset requests an hour from one client address, for any accounts', async () => {
    t.clock.set(new Date('2026-06-03T08:00:00Z'));
    const sprayer = new Agent({ inject: (o) => t.app.inject(o) }, '203.0.113.50');
    const members = [];
    for (let i = 0; i < 11; i++) members.push(await t.createMember());
    for (const m of members) {
      const res = await sprayer.post('/api/auth/password-reset/request', { email: m.email });
      expect(res.statusCode).toBe(200);
      expect(res.json().message).toBe(NEUTRAL);
    }
    await t.drainJobs();
    expect(members.map((m) => resetMails(m.email).length)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]);
    // The eleventh person is not locked out: from their own address, the link comes.
    await requestLink(members[10]!.email);
  });
});

describe('issue 11, item 5: a disabled account keeps no door open', () => {
  it('item 5: a reset link sent before the account was disabled is refused, and stays dead after it is enabled again', async () => {
    const admin = await t.loggedIn({ role: 'admin' });
    const m = await t.createMember();
    const token = await requestLink(m.email);
    expect((await admin.agent.patch(`/api/admin/users/${m.id}`, { disabled: true })).statusCode).toBe(200);
    const refused = await t.agent().post('/api/auth/password-reset/confirm', { token, password: 'un mot de passe de secours' });
    expect([refused.statusCode, refused.json().error]).toEqual([403, 'ACCOUNT_DISABLED']);
    // Nothing changed: the password of the link is not the account's; the old one meets the disabled account.
    expect((await t.agent().post('/api/auth/login', { email: m.email, password: 'un mot de passe de secours' })).json().error).toBe('BAD_CREDENTIALS');
    expect((await t.agent().post('/api/auth/login', { email: m.email, password: PASSWORD })).json().error).toBe('ACCOUNT_DISABLED');
    expect((await admin.agent.patch(`/api/admin/users/${m.id}`, { disabled: false })).statusCode).toBe(200);
    const again = await t.agent().post('/api/auth/password-reset/confirm', { token, password: 'un mot de passe de secours' });
    expect([again.statusCode, again.json().error]).toEqual([400, 'TOKEN_REVOKED']);
    expect((await t.agent().post('/api/auth/login', { email: m.email, password: PASSWORD })).statusCode).toBe(200);
  });
});

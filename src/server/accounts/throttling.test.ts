import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { Agent, createTestContext, PASSWORD, type TestContext } from '../../../tests/helpers/context.js';

// Login throttling against forged X-Forwarded-For headers and distributed guessing (issue 11, item 2):
// the proxy is trusted only when TRUST_PROXY names it; a pair (account, address) locks, an account
// only slows down.

/** A browser at `ip` (the TCP peer) that may claim a forwarded address. */
const browserAt = (t: TestContext, ip: string) => new Agent({ inject: (o: any) => t.app.inject(o) }, ip);
const login = (a: Agent, email: string, password: string, forwardedFor?: string) =>
  a.request('POST', '/api/auth/login', { email, password }, forwardedFor ? { headers: { 'x-forwarded-for': forwardedFor } } : {});

describe('item 2: TRUST_PROXY unset (the default, production included)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ NODE_ENV: 'production' });
  });
  afterAll(() => t?.close());

  it('item 2: 55 failed logins claiming 55 forwarded addresses lock only their real address; the owner elsewhere logs in', async () => {
    const owner = await t.createMember();
    const attacker = browserAt(t, '203.0.113.7');
    const statuses: number[] = [];
    for (let i = 1; i <= 55; i++) statuses.push((await login(attacker, owner.email, 'mauvais mot de passe', `198.51.100.${i}`)).statusCode);
    // The forwarded addresses are ignored: the 5 first failures lock the (account, 203.0.113.7) pair.
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual(Array(50).fill(429));
    const locked = await login(attacker, owner.email, PASSWORD, '198.51.100.200');
    expect(locked.statusCode).toBe(429);
    // (The production clock runs: the exact countdown is checked below, on the test clock.)
    expect(locked.json().error).toBe('LOGIN_LOCKED');
    expect(locked.json().message).toMatch(/^Trop de tentatives de connexion infructueuses depuis cette adresse\. Réessayez dans \d+ minutes?, ou réinitialisez votre mot de passe\.$/);
    // The owner, from another address, is not affected.
    expect((await login(browserAt(t, '192.0.2.50'), owner.email, PASSWORD)).statusCode).toBe(200);
  });

  it('item 2: an administrator cannot be locked out by one machine either', async () => {
    const admin = await t.createMember({ role: 'admin' });
    const attacker = browserAt(t, '203.0.113.8');
    for (let i = 1; i <= 55; i++) await login(attacker, admin.email, 'mauvais mot de passe', `10.${i}.0.1`);
    expect((await login(browserAt(t, '192.0.2.51'), admin.email, PASSWORD)).statusCode).toBe(200);
  });
});

describe('item 2: TRUST_PROXY names the reverse proxy', () => {
  const PROXY = '10.0.0.1';
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ TRUST_PROXY: `${PROXY},10.9.0.0/16` });
    t.clock.set(new Date('2026-12-01T09:00:00Z'));
  });
  afterAll(() => t?.close());

  it('item 2: through the proxy, the forwarded address is the one counted', async () => {
    const owner = await t.createMember();
    const viaProxy = browserAt(t, PROXY);
    for (let i = 0; i < 5; i++) expect((await login(viaProxy, owner.email, 'mauvais', '203.0.113.7')).statusCode).toBe(401);
    // The pair (account, 203.0.113.7) is locked, even with the right password…
    const locked = await login(viaProxy, owner.email, PASSWORD, '203.0.113.7');
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toEqual({
      error: 'LOGIN_LOCKED',
      message: 'Trop de tentatives de connexion infructueuses depuis cette adresse. Réessayez dans 15 minutes, ou réinitialisez votre mot de passe.',
    });
    expect(locked.headers['retry-after']).toBe('900');
    // …and the message counts down the 15 minutes.
    t.clock.advance(10 * 60_000);
    expect((await login(viaProxy, owner.email, PASSWORD, '203.0.113.7')).json().message).toBe(
      'Trop de tentatives de connexion infructueuses depuis cette adresse. Réessayez dans 5 minutes, ou réinitialisez votre mot de passe.',
    );
    // The owner behind the same proxy, from their own address, logs in; so does a second proxy of the range.
    expect((await login(viaProxy, owner.email, PASSWORD, '198.51.100.20')).statusCode).toBe(200);
    expect((await login(browserAt(t, '10.9.3.4'), owner.email, PASSWORD, '198.51.100.21')).statusCode).toBe(200);
  });

  it('item 2: a client that is not the proxy cannot choose its address', async () => {
    const owner = await t.createMember();
    const direct = browserAt(t, '192.0.2.9');
    for (let i = 0; i < 5; i++) expect((await login(direct, owner.email, 'mauvais', `198.51.100.${i + 30}`)).statusCode).toBe(401);
    expect((await login(direct, owner.email, PASSWORD, '198.51.100.99')).statusCode).toBe(429);
    // The address it pretended to be is untouched.
    expect((await login(browserAt(t, PROXY), owner.email, PASSWORD, '198.51.100.30')).statusCode).toBe(200);
  });

  it('item 2: a distributed attack only slows the account down, says when to retry, and never slows the owner’s own browser', async () => {
    const owner = await t.createMember();
    // The owner logged in once on their usual browser (which keeps the signed mark).
    const usual = browserAt(t, PROXY);
    expect((await login(usual, owner.email, PASSWORD, '198.51.100.77')).statusCode).toBe(200);
    expect((await usual.post('/api/auth/logout')).statusCode).toBe(200);

    // The clock stands still until the minute below: the wait announced is exact however long the
    // requests take on a loaded machine.
    const unfreeze = t.freezeClock();
    onTestFinished(unfreeze);
    // 55 failures, each from a new forwarded address: 50 are counted, then the account is slowed.
    const crowd = browserAt(t, PROXY);
    const statuses: number[] = [];
    for (let i = 1; i <= 55; i++) statuses.push((await login(crowd, owner.email, 'mauvais', `203.0.${i}.1`)).statusCode);
    expect(statuses).toEqual([...Array(50).fill(401), ...Array(5).fill(429)]);

    // The owner on a new browser, from yet another address: asked to wait one minute, not locked out.
    const fresh = browserAt(t, PROXY);
    const slowed = await login(fresh, owner.email, PASSWORD, '198.51.100.78');
    expect(slowed.statusCode).toBe(429);
    expect(slowed.json()).toEqual({
      error: 'LOGIN_SLOWED',
      message: 'De nombreuses tentatives de connexion ont visé ce compte : par précaution, il accepte une tentative par minute. Réessayez dans 1 minute.',
    });
    expect(slowed.headers['retry-after']).toBe('60');
    // The usual browser is not slowed.
    expect((await login(usual, owner.email, PASSWORD, '198.51.100.77')).statusCode).toBe(200);
    // A minute later the new browser gets its turn.
    t.clock.advance(61_000);
    expect((await login(fresh, owner.email, PASSWORD, '198.51.100.78')).statusCode).toBe(200);
  });
});

describe('item 2: the TRUST_PROXY setting', () => {
  it('item 2: refuses anything but a list of addresses or CIDR ranges, or false', async () => {
    const { loadConfig } = await import('../config.js');
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    for (const bad of ['true', 'proxy.local', '10.0.0.0/33'])
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(
        'TRUST_PROXY : une liste d’adresses IP ou de plages CIDR séparées par des virgules (exemple : 127.0.0.1,10.0.0.0/8), ou false',
      );
  });
});

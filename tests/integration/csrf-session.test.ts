import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Agent, type TestContext } from '../helpers/context.js';

// Issue 12 item 4: the CSRF token is bound to the session (HMAC of the session id with the session
// secret): a token issued to another session — or before login, or to a closed session — is refused.
const CSRF_REFUSED = { error: 'CSRF', message: 'La page a expiré. Rechargez-la puis recommencez.' };

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

const profile = (firstName: string) => ({ firstName, lastName: 'Martin', jobTitle: '', regionCode: null, themes: [], availableToHelp: false, directoryVisibility: 'members' });

/** Sends with exactly this token as cookie and header (no automatic refresh). */
function withToken(agent: Agent, token: string, method: string, url: string, body?: unknown) {
  agent.cookies.set('entraide_csrf', token);
  return agent.request(method, url, body, { csrf: false, headers: { 'x-csrf-token': token } });
}

describe('item 4: CSRF token bound to the session', () => {
  it("item 4: a token from another member's session is refused with the French message, nothing changed", async () => {
    const a = await t.loggedIn({ firstName: 'Alice' });
    const b = await t.loggedIn({ firstName: 'Bruno' });
    const tokenA = a.agent.cookies.get('entraide_csrf')!;
    expect(tokenA).toBeTruthy();

    const res = await withToken(b.agent, tokenA, 'PUT', '/api/me/profile', profile('Intrus'));
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual(CSRF_REFUSED);
    expect((await t.userByEmail(b.user.email))!.firstName).toBe('Bruno');

    // The same token works for the session it was issued to.
    const own = await withToken(a.agent, tokenA, 'PUT', '/api/me/profile', profile('Alicia'));
    expect(own.statusCode).toBe(200);
  });

  it('item 4: a token obtained before login is refused after it; GET /api/session gives one bound to the session', async () => {
    const member = await t.createMember();
    const agent = t.agent();
    const anonymousToken = (await agent.get('/api/session')).json().csrfToken as string;
    const login = await agent.post('/api/auth/login', { email: member.email, password: member.password });
    expect(login.statusCode).toBe(200);
    const sessionToken = login.json().csrfToken as string;
    expect(sessionToken).not.toBe(anonymousToken);

    const planted = await withToken(agent, anonymousToken, 'PUT', '/api/me/profile', profile('Planté'));
    expect(planted.statusCode).toBe(403);
    expect(planted.json()).toEqual(CSRF_REFUSED);

    // The cookie now holds a token of no session: /api/session replaces it with one bound to this session.
    const session = await agent.get('/api/session');
    const fresh = session.json().csrfToken as string;
    expect(fresh).not.toBe(anonymousToken);
    expect(agent.cookies.get('entraide_csrf')).toBe(fresh);
    expect((await withToken(agent, fresh, 'PUT', '/api/me/profile', profile('Camille'))).statusCode).toBe(200);
    // A valid cookie is kept as is.
    expect((await agent.get('/api/session')).json().csrfToken).toBe(fresh);
  });

  it('item 4: after logout the closed session token is refused; the new anonymous token works', async () => {
    const { agent } = await t.loggedIn();
    const sessionToken = agent.cookies.get('entraide_csrf')!;
    const logout = await agent.post('/api/auth/logout');
    expect(logout.statusCode).toBe(200);
    const anonymousToken = agent.cookies.get('entraide_csrf')!;
    expect(anonymousToken).not.toBe(sessionToken);

    const stale = await withToken(agent, sessionToken, 'POST', '/api/auth/password-reset/request', { email: 'personne@acheteur.test' });
    expect(stale.statusCode).toBe(403);
    expect(stale.json()).toEqual(CSRF_REFUSED);
    const ok = await withToken(agent, anonymousToken, 'POST', '/api/auth/password-reset/request', { email: 'personne@acheteur.test' });
    expect(ok.statusCode).toBe(200);
  });

  it('item 4: a token whose signature was altered or made for no session is refused for a session', async () => {
    const { agent } = await t.loggedIn();
    const token = agent.cookies.get('entraide_csrf')!;
    const [random, mac] = token.split('.');
    const altered = `${random}.${mac!.slice(0, -2)}${mac!.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await withToken(agent, altered, 'POST', '/api/notifications/read-all', {})).statusCode).toBe(403);
    const anonymousToken = (await t.agent().get('/api/session')).json().csrfToken as string;
    expect((await withToken(agent, anonymousToken, 'POST', '/api/notifications/read-all', {})).statusCode).toBe(403);
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/server/platform/db.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

// Issue 12 item 3: the /api checks (session, CSRF, access) key on the path the router matched.
// Fastify's `inject` rewrites an absolute-form target to its path, so these requests go through a
// real socket to a listening server, exactly as a client would send them.
let t: TestContext;
let port: number;

beforeAll(async () => {
  t = await createTestContext();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
});
afterAll(() => t?.close());

/** Sends `target` as the request line's target, unchanged (absolute-form allowed). */
function raw(method: string, target: string, opts: { body?: unknown; headers?: Record<string, string> } = {}) {
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise<{ status: number; json: any }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: target,
        headers: {
          host: 'entraide.test',
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}),
          ...opts.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, json: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const resetTokens = async () => (await rows<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM account_tokens`))[0]!.n;

describe('item 3: absolute-form and encoded request targets', () => {
  it('item 3: a state-changing absolute-form request without CSRF token is refused (403), not run', async () => {
    const member = await t.createMember({ email: 'cible@acheteur.test' });
    const before = await resetTokens();
    const reset = await raw('POST', 'http://entraide.test/api/auth/password-reset/request', { body: { email: member.email } });
    expect(reset.status).toBe(403);
    expect(reset.json).toEqual({ error: 'CSRF', message: 'La page a expiré. Rechargez-la puis recommencez.' });
    expect(await resetTokens()).toBe(before);

    const profile = await raw('PUT', 'http://entraide.test/api/me/profile', { body: { firstName: 'Intrus' } });
    expect(profile.status).toBe(403);
    expect(profile.json.error).toBe('CSRF');
  });

  it('item 3: the access check of an absolute-form request sees the session: 401 anonymous, 200 logged in', async () => {
    const anonymous = await raw('GET', 'http://entraide.test/api/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toEqual({ error: 'UNAUTHENTICATED', message: 'Connectez-vous pour continuer.' });

    const { user, agent } = await t.loggedIn({ firstName: 'Camille' });
    await agent.get('/api/session');
    const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const me = await raw('GET', 'http://entraide.test/api/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.json.email).toBe(user.email);

    const body = { firstName: 'Dominique', lastName: 'Martin', jobTitle: 'Acheteuse', regionCode: null, themes: [], availableToHelp: false, directoryVisibility: 'members' };
    const put = await raw('PUT', 'http://entraide.test/api/me/profile', { body, headers: { cookie, 'x-csrf-token': agent.cookies.get('entraide_csrf')! } });
    expect(put.status).toBe(200);
    expect((await agent.get('/api/me')).json().firstName).toBe('Dominique');
  });

  it('item 3: a percent-encoded path reaching an /api route gets the same checks', async () => {
    const anonymous = await raw('GET', '/%61pi/me');
    expect(anonymous.status).toBe(401);
    const post = await raw('POST', '/%61pi/auth/password-reset/request', { body: { email: 'x@acheteur.test' } });
    expect(post.status).toBe(403);
    expect(post.json.error).toBe('CSRF');
  });
});

describe('addresses refused before any route (found by the API fuzzer)', () => {
  it('fuzzer: a path parameter over the router limit is a 414 in French, not English quoting the address', async () => {
    const res = await t.agent().get(`/api/help/posts/${'%C3%A9'.repeat(120)}/revisions`);
    expect(res.statusCode).toBe(414);
    expect(res.json()).toEqual({ error: 'URI_TOO_LONG', message: "L'adresse demandée est trop longue." });
  });

  it('fuzzer: a malformed percent-encoding in the path is a 400 in French', async () => {
    const res = await raw('GET', '/api/help/posts/%E0%A4%A/revisions');
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: 'BAD_REQUEST', message: 'La requête est mal formée.' });
  });
});

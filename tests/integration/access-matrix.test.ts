import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installRouteGuard } from '../../src/server/app.js';
import { Agent, createTestContext, type TestContext } from '../helpers/context.js';

/**
 * The authorisation matrix, generated from the route table itself: every /api route × every
 * persona. A route added later is covered without anyone writing a test for it.
 */
type Persona = 'anonymous' | 'unverified' | 'verifiedA' | 'otherOrg' | 'facilitator' | 'admin';
const personas: Persona[] = ['anonymous', 'unverified', 'verifiedA', 'otherOrg', 'facilitator', 'admin'];

// Written by hand from the access levels' definitions (platform/access.ts doc comment):
// 'ok' = the route runs (any status but 401/403), otherwise the exact refusal status.
const expected: Record<string, Record<Persona, 'ok' | 401 | 403 | 404>> = {
  public: { anonymous: 'ok', unverified: 'ok', verifiedA: 'ok', otherOrg: 'ok', facilitator: 'ok', admin: 'ok' },
  account: { anonymous: 401, unverified: 'ok', verifiedA: 'ok', otherOrg: 'ok', facilitator: 'ok', admin: 'ok' },
  verified: { anonymous: 401, unverified: 403, verifiedA: 'ok', otherOrg: 'ok', facilitator: 'ok', admin: 'ok' },
  organisation: { anonymous: 401, unverified: 403, verifiedA: 'ok', otherOrg: 403, facilitator: 403, admin: 403 },
  organisationOrStaff: { anonymous: 401, unverified: 403, verifiedA: 'ok', otherOrg: 403, facilitator: 'ok', admin: 'ok' },
  facilitator: { anonymous: 401, unverified: 403, verifiedA: 403, otherOrg: 403, facilitator: 'ok', admin: 'ok' },
  admin: { anonymous: 401, unverified: 403, verifiedA: 403, otherOrg: 403, facilitator: 403, admin: 'ok' },
  // GET /metrics: no session opens it, an admin's included (the scraper's token or address does, tests/integration/metrics.test.ts).
  monitoring: { anonymous: 404, unverified: 404, verifiedA: 404, otherOrg: 404, facilitator: 404, admin: 404 },
};

let t: TestContext;
let orgA: string;
const agents = {} as Record<Persona, Agent>;

beforeAll(async () => {
  t = await createTestContext();
  orgA = (await t.createOrganisation({ name: 'Commune A' })).id;
  const orgB = (await t.createOrganisation({ name: 'Commune B' })).id;
  agents.anonymous = t.agent();
  agents.unverified = (await t.loggedIn({ pendingIn: [orgA] })).agent;
  agents.verifiedA = (await t.loggedIn({ verifiedIn: [orgA] })).agent;
  agents.otherOrg = (await t.loggedIn({ verifiedIn: [orgB] })).agent;
  agents.facilitator = (await t.loggedIn({ role: 'facilitator' })).agent;
  agents.admin = (await t.loggedIn({ role: 'admin' })).agent;
});
afterAll(() => t?.close());

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

function concreteUrl(url: string): string {
  return url
    .replace(':organisationId', orgA)
    .replace(':domain', 'inconnu.test')
    .replace(/:[a-zA-Z]+/g, UNKNOWN_ID);
}

describe('authorisation matrix', () => {
  it('covers a non-empty route table where every route declares a known level', () => {
    const routes = t.app.routeTable.filter((r) => !r.url.startsWith('/api/docs'));
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => r.access === 'monitoring').map((r) => `${r.method} ${r.url}`)).toEqual(['GET /metrics']);
    for (const r of routes) expect(Object.keys(expected)).toContain(r.access);
  });

  // ~200 routes × 6 personas: 25 s on a quiet machine, past the default 60 s when the 2 cores are shared (load 20+).
  it('gives each persona the expected outcome on every route', { timeout: 240_000 }, async () => {
    // Logging out last, so the personas keep their sessions during the run.
    const routes = t.app.routeTable
      .filter((r) => !r.url.startsWith('/api/docs'))
      .sort((a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout'));
    const failures: string[] = [];
    for (const route of routes) {
      for (const persona of personas) {
        const res = await agents[persona].request(route.method, concreteUrl(route.url), route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
        const want = expected[route.access]![persona];
        const got = res.statusCode;
        const okay = want === 'ok' ? got !== 401 && got !== 403 && got < 500 : got === want;
        if (!okay) failures.push(`${route.method} ${route.url} as ${persona}: expected ${want}, got ${got} ${res.body.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('route guard', () => {
  it('refuses to register an /api route without an access level', async () => {
    const app = Fastify();
    installRouteGuard(app as never);
    expect(() => app.get('/api/oubliee', async () => ({}))).toThrow(/declares no access level/);
    expect(() => app.get('/api/inconnue', { config: { access: 'everyone' as never } }, async () => ({}))).toThrow(/declares no access level/);
    expect(() => app.get('/api/declaree', { config: { access: 'public' } }, async () => ({}))).not.toThrow();
    await app.close();
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMUNITY_SPACE_ID } from '../../src/server/helpspace/helpspace.tables.js';
import { rows } from '../../src/server/platform/db.js';
import { multipart } from '../helpers/documents.js';
import { fillUrl, queryString, routeContracts, stringPaths, valueAt, type RouteContract } from '../helpers/contracts.js';
import { createTestContext, type Agent, type TestContext } from '../helpers/context.js';

// Issue 12 item 1: control characters are refused once, for every string field, query parameter
// and route parameter of every route, with a French message per field — never a 500.
const CONTROL = 'Ce champ contient un caractère de contrôle non autorisé (seuls la tabulation et le retour à la ligne sont acceptés).';
const SURROGATE = 'Ce champ contient un caractère Unicode invalide.';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

let t: TestContext;
let orgA: string;
let visitor: Agent;
let member: Agent;
let admin: Agent;

beforeAll(async () => {
  t = await createTestContext();
  orgA = (await t.createOrganisation({ name: 'Commune A' })).id;
  visitor = t.agent();
  member = (await t.loggedIn({ verifiedIn: [orgA] })).agent;
  admin = (await t.loggedIn({ role: 'admin' })).agent;
});
afterAll(() => t?.close());

/** An agent the route lets through its access check (an admin, or a member of orgA for 'organisation'). */
const agentFor = (r: RouteContract) => (r.access === 'public' ? visitor : r.access === 'organisation' ? member : admin);
const paramDefaults = (): Record<string, string> => ({ organisationId: orgA, domain: 'inconnu.test' });
const withDefaults = (url: string, params: Record<string, string>) =>
  fillUrl(url, new Proxy({ ...paramDefaults(), ...params }, { get: (o, k: string) => o[k] ?? UNKNOWN_ID }));

async function counts() {
  return rows<{ n: number }>(t.db, sql`SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM help_posts) + (SELECT count(*) FROM events) + (SELECT count(*) FROM library_resources) AS n`);
}

describe('item 1: control characters in any text input', () => {
  it('item 1: a NUL byte in search parameters and text fields of several modules is a 400 with the French field message, not a 500', async () => {
    const samples: [Agent, string, string, unknown, string][] = [
      [visitor, 'GET', '/api/help/search?q=a%00b', undefined, 'q'],
      [visitor, 'GET', '/api/library/resources?q=%00', undefined, 'q'],
      [visitor, 'GET', '/api/events?q=%00', undefined, 'q'],
      [visitor, 'GET', '/api/organisations?q=%00', undefined, 'q'],
      [member, 'PUT', '/api/me/profile', { firstName: 'A\u0000B', lastName: 'Martin', jobTitle: '', regionCode: null, themes: [], availableToHelp: false, directoryVisibility: 'members' }, 'firstName'],
      [member, 'POST', '/api/help/questions', { spaceId: COMMUNITY_SPACE_ID, title: 'Une question\u0000 sur les clauses', body: 'Détail de la question.' }, 'title'],
    ];
    const before = await counts();
    for (const [agent, method, url, body, field] of samples) {
      const res = await agent.request(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(400);
      expect(res.json()).toMatchObject({ error: 'VALIDATION', fields: { [field]: CONTROL } });
    }
    expect(await counts()).toEqual(before);
  });

  it('item 1: every string field, query parameter and route parameter of every route refuses a NUL byte with its French message', async () => {
    const routes = routeContracts(t.app.routeTable).filter((r) => r.url !== '/api/auth/logout');
    const failures: string[] = [];
    let checked = 0;
    for (const r of routes) {
      const agent = agentFor(r);
      const cases: { url: string; body?: unknown; field: string }[] = [];
      for (const [name] of Object.entries(r.params?.properties ?? {})) {
        // Access is decided first (app.ts): a NUL in the organisation of an 'organisation' route is a 403.
        if (name === 'organisationId' && r.access === 'organisation') continue;
        cases.push({ url: withDefaults(r.url, { [name]: 'a\u0000b' }), field: name });
      }
      for (const path of stringPaths(r.querystring)) {
        // A query string has no nesting: a list parameter is a repeated key.
        const key = path[0]!;
        cases.push({ url: withDefaults(r.url, {}) + queryString({ [key]: 'a\u0000b' }), field: key });
      }
      for (const path of stringPaths(r.body)) cases.push({ url: withDefaults(r.url, {}), body: valueAt(path, 'a\u0000b'), field: path.join('.') });
      for (const c of cases) {
        checked++;
        const body = c.body ?? (r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
        const res = await agent.request(r.method, c.url, body);
        const got = res.statusCode === 400 ? res.json().fields?.[c.field] : undefined;
        if (res.statusCode !== 400 || got !== CONTROL) failures.push(`${r.method} ${r.url} ${c.field}: ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
    }
    expect(checked).toBeGreaterThan(150);
    expect(failures).toEqual([]);
  });

  it('item 1: tab, newline and CRLF pairs are accepted; a lone CR, other controls and lone surrogates are refused', async () => {
    const profile = (jobTitle: string) =>
      member.put('/api/me/profile', { firstName: 'Camille', lastName: 'Martin', jobTitle, regionCode: null, themes: [], availableToHelp: false, directoryVisibility: 'members' });
    for (const ok of ['Acheteuse\tpublique', 'Acheteuse\npublique', 'Acheteuse\r\npublique', 'Acheteuse « publique » 🌱 et ÷']) {
      const res = await profile(ok);
      expect(res.statusCode, JSON.stringify(ok)).toBe(200);
      expect(res.json().jobTitle).toBe(ok);
    }
    for (const [bad, message] of [['a\rb', CONTROL], ['a\u001bb', CONTROL], ['a\u007fb', CONTROL], ['a\u0085b', CONTROL], ['a\ud800b', SURROGATE]] as const) {
      const res = await profile(bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().fields).toEqual({ jobTitle: message });
    }
    expect((await member.get('/api/me')).json().jobTitle).toBe('Acheteuse « publique » 🌱 et ÷');
  });

  it('item 1: the metadata of a multipart library upload are checked the same way, nothing stored', async () => {
    const facilitator = (await t.loggedIn({ role: 'facilitator' })).agent;
    const form = multipart({ kind: 'guide', title: 'Guide\u0000 du réemploi', summary: 'Pour commencer.', themes: [], segments: [] });
    const before = await counts();
    const res = await facilitator.request('POST', '/api/library/resources', form.payload, { headers: form.headers });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'VALIDATION', fields: { title: CONTROL } });
    expect(await counts()).toEqual(before);
  });
});

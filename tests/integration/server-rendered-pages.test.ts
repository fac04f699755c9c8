import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMUNITY_SPACE_ID } from '../../src/server/helpspace/helpspace.tables.js';
import { SSR_DATA_ID } from '../../src/web/platform/ssr-data.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

// The public pages rendered whole on the server and hydrated by the web app (issue 14 goal 3,
// ADR 0037): the home page, a question of the help space, an organisation page. The HTML holds the
// page's content for a visitor, never what only a member may see, and is the same whoever asks.

let t: TestContext;
let orgId: string;
beforeAll(async () => {
  t = await createTestContext();
  orgId = (await t.createOrganisation({ name: 'Ville de Castelnouvel', kind: 'commune' })).id;
});
afterAll(() => t?.close());

type Agent = ReturnType<TestContext['agent']>;

/** The page's text, tags removed and the entities React writes put back. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** The JSON data script the web app reads before hydrating. */
function serverData(html: string) {
  const m = html.match(new RegExp(`<script type="application/json" id="${SSR_DATA_ID}">(.*?)</script>`, 's'));
  expect(m, 'the page carries its data').toBeTruthy();
  return JSON.parse(m![1]!) as { hydrate: true; path: string; queries: { key: unknown[]; value: unknown }[] };
}

/** Every script is either the app's module file or a JSON data block: no inline code for the CSP to refuse. */
function expectNoInlineCode(html: string) {
  for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) {
    expect(tag.includes(' src=') || tag.includes('type="application/json"'), tag).toBe(true);
  }
}

async function ask(agent: Agent, title: string, spaceId = COMMUNITY_SPACE_ID) {
  const res = await agent.post('/api/help/questions', { spaceId, title, body: 'Nous préparons un **marché de restauration** collective.', theme: 'autre', tags: [] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('pages rendered on the server for a visitor', () => {
  it('the home page: the whole layout and the page, no loading line, data for hydration, no inline code', async () => {
    const res = await t.agent().get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    const html = res.body;
    const text = textOf(html);
    const { homeLabels } = await import('../../src/web/home/labels.js');
    const { layoutLabels } = await import('../../src/web/layout/labels.js');
    expect(html).toContain('<title>Accueil — Entraide</title>');
    expect(html).toMatch(/<h1[^>]*>/);
    expect(text).toContain(homeLabels.title);
    expect(text).toContain(homeLabels.whatTitle);
    // The header's menu and the footer, as the web app draws them.
    expect(text).toContain(layoutLabels.nav.helpSpace);
    expect(html).toContain('id="fr-footer"');
    expect(html).toContain('id="contenu"');
    // The DSFR's links carry their address (the home page is this file's first page rendered: the
    // DSFR's link component must be registered by the renderer it goes through).
    expect(html).toMatch(/<a [^>]*href="\/connexion[^"]*"[^>]*id="fr-header-quick-access-item-0"|<a [^>]*id="fr-header-quick-access-item-0"[^>]*href="\/connexion/);
    expect(html).toMatch(/<a [^>]*href="\/entraide"[^>]*>/);
    expect(html).not.toMatch(/<a (?![^>]*href=)[^>]*>/);
    // A visitor's page: the sign-up call to action, never a member's.
    expect(text).toContain(homeLabels.ctaSignUp);
    expect(text).not.toContain(homeLabels.ctaMyOrganisation);
    expect(text).not.toContain('Chargement');
    // Drawn for nobody signed in (only a request without a session gets this page): the visitor's
    // quick links are there, not the invisible one that held their place while the session loaded,
    // so the session's answer changes nothing on the page (ADR 0039).
    expect(text).toContain(layoutLabels.quickAccess.logIn);
    expect(text).toContain(layoutLabels.quickAccess.signUp);
    expect(html).not.toContain('entraide-placeholder');
    expect(text).not.toContain(layoutLabels.quickAccess.logOut);
    // …and the session is not in the data: its CSRF token is each visitor's own, asked by the browser.
    expect(serverData(html)).toEqual({ hydrate: true, path: '/', queries: [] });
    expectNoInlineCode(html);
  });

  it('a question: its title, text and answers in the HTML, with exactly the answer the API gives a visitor', async () => {
    const asker = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Odile', lastName: 'Questionneuse' });
    const helper = await t.loggedIn({ verifiedIn: [orgId] });
    const id = await ask(asker.agent, 'Quels critères environnementaux pour la restauration collective ?');
    expect((await helper.agent.post(`/api/help/questions/${id}/answers`, { body: 'Nous notons la part de produits durables.' })).statusCode).toBe(201);

    const res = await t.agent().get(`/entraide/questions/${id}`);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    const text = textOf(html);
    expect(html).toContain('<title>Quels critères environnementaux pour la restauration collective ? — Entraide</title>');
    expect(html).toMatch(/<h1[^>]*>Quels critères environnementaux pour la restauration collective \?<\/h1>/);
    expect(html).toContain('<strong>marché de restauration</strong>');
    expect(text).toContain('Nous notons la part de produits durables.');
    expect(html).toContain(`<link rel="canonical" href="http://entraide.test/entraide/questions/${id}" />`);
    // The data embedded is the API's own answer to a visitor, byte for byte once parsed.
    const api = (await t.agent().get(`/api/help/questions/${id}`)).json();
    expect(serverData(html)).toEqual({ hydrate: true, path: `/entraide/questions/${id}`, queries: [{ key: ['help', 'question', id], value: api }] });
    // Authors' names are for verified members only: a visitor's page has none.
    expect(text).not.toContain('Questionneuse');
    expectNoInlineCode(html);
  });

  it('a signed-in member gets the shell, drawn by the browser: nothing of a visitor view to hydrate, nothing of theirs in it', async () => {
    const member = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Séraphin', lastName: 'Confidentiel' });
    const id = await ask(member.agent, 'Une question lue par son auteur connecté ?');
    // The member reads the API with their session: authors' names, can.edit…
    const mine = (await member.agent.get(`/api/help/questions/${id}`)).json();
    expect(mine.can.edit).toBe(true);

    for (const path of ['/', `/entraide/questions/${id}`, `/organisations/${orgId}`]) {
      const visitor = await t.agent().get(path);
      expect(visitor.body, path).toContain(SSR_DATA_ID);
      const signedIn = await member.agent.get(path);
      expect(signedIn.statusCode).toBe(200);
      // The web app's shell: no rendered page and no data, so the browser draws the member's own view.
      expect(signedIn.body, path).toContain('<div id="root"></div>');
      expect(signedIn.body, path).not.toContain(SSR_DATA_ID);
      expect(signedIn.body).not.toContain('Confidentiel');
      expect(signedIn.body).not.toContain(member.user.email);
      expect(signedIn.body).not.toContain('csrfToken');
      expect(signedIn.headers['set-cookie']).toBeUndefined();
      expect(signedIn.headers['cache-control']).toBe('no-cache');
    }
    // The visitor's page of the same question says what a visitor may do, never what its author may.
    const page = await t.agent().get(`/entraide/questions/${id}`);
    const data = serverData(page.body).queries[0]!.value as { can: { edit: boolean } };
    expect(data.can.edit).toBe(false);
  });

  it('a question of a private space is never in the HTML, even for one of its members: the web app loads it with the session', async () => {
    const facilitator = await t.loggedIn({ role: 'facilitator' });
    const insider = await t.loggedIn({ verifiedIn: [orgId] });
    const space = (await facilitator.agent.post('/api/help/spaces', { name: 'Groupe restreint', memberIds: [insider.user.id] })).json().id as string;
    const id = await ask(insider.agent, 'Une question du groupe restreint, à ne pas publier', space);
    expect((await insider.agent.get(`/api/help/questions/${id}`)).statusCode).toBe(200);
    expect((await t.agent().get(`/api/help/questions/${id}`)).statusCode).toBe(404);

    for (const agent of [t.agent(), insider.agent, facilitator.agent]) {
      const res = await agent.get(`/entraide/questions/${id}`);
      // The app's shell, as any page the browser draws: 200, no content, no data.
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('groupe restreint');
      expect(res.body).not.toContain('marché de restauration');
      expect(res.body).not.toContain(SSR_DATA_ID);
      expect(res.body).toContain('<div id="root"></div>');
    }
    // An unknown or malformed question: the shell too (the web app says « introuvable »).
    for (const bad of ['/entraide/questions/4b0e7c9e-0000-4000-8000-000000000000', '/entraide/questions/pas-un-identifiant']) {
      const res = await t.agent().get(bad);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<div id="root"></div>');
    }
  });

  it('the organisation page: the whole layout around it, and its data for hydration', async () => {
    const res = await t.agent().get(`/organisations/${orgId}`);
    const html = res.body;
    expect(html).toMatch(/<h1[^>]*>Ville de Castelnouvel<\/h1>/);
    expect(html).toContain('id="fr-footer"');
    const data = serverData(html);
    expect(data.path).toBe(`/organisations/${orgId}`);
    expect(data.queries).toEqual([{ key: ['organisation', orgId, null, null], value: (await t.agent().get(`/api/organisations/${orgId}`)).json() }]);
    // The DECP indicators, far down the page, are drawn when scrolled near (ADR 0039): their title and
    // a loading line hold the place; a visitor is never offered the SPASER declaration form.
    const { observatoryLabels } = await import('../../src/web/observatory/labels.js');
    const text = textOf(html);
    expect(html).toMatch(/<h2 id="decp-title">/);
    expect(text).toContain(observatoryLabels.organisation.title);
    expect(text).toContain(observatoryLabels.organisation.loading);
    expect(html).not.toContain('Déclarer un SPASER adopté hors de la plateforme');
    expectNoInlineCode(html);
  });

  it('is sent compressed to a browser that accepts it (Brotli first, then gzip), the same page', async () => {
    const plain = (await t.agent().get('/')).body;
    const br = await t.app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(plain);
    const gz = await t.app.inject({ method: 'GET', url: `/organisations/${orgId}`, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toContain('Ville de Castelnouvel');
  });
});

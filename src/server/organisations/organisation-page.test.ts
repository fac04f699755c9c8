import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';

// The organisation page rendered on the server (issue 18, item 2): name, verdict and SPASER status in
// the HTML itself, with title, description, canonical address and Open Graph tags; nothing private.

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
});
afterAll(() => t?.close());

describe('organisation page on the server', () => {
  it('a visitor without JavaScript reads the name, the verdict and the SPASER status', async () => {
    const org = await t.createOrganisation({ name: 'Valmont-sur-Loire', kind: 'commune' });
    const res = await t.agent().get(`/organisations/${org.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = res.body;
    expect(html).toContain('<title>Valmont-sur-Loire — Entraide</title>');
    expect(html).toContain(`<link rel="canonical" href="http://entraide.test/organisations/${org.id}" />`);
    expect(html).toContain('<meta property="og:title" content="Valmont-sur-Loire" />');
    expect(html).toMatch(/<h1[^>]*>Valmont-sur-Loire<\/h1>/);
    // The verdict and the status as the API gives them, in French, in the HTML.
    const detail = (await t.agent().get(`/api/organisations/${org.id}`)).json();
    const { verdictStatusLabels, spaserStatusLabels } = await import('./organisations.contract.js');
    const text = html.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, ' ');
    expect(text).toContain(verdictStatusLabels[detail.obligation.status as keyof typeof verdictStatusLabels]);
    // A commune nobody spoke for: « Inconnu ».
    expect(detail.spaserStatus).toBe('unknown');
    expect(text).toContain(spaserStatusLabels.unknown);
    expect(html).toContain(`obligation de SPASER — ${verdictStatusLabels[detail.obligation.status as keyof typeof verdictStatusLabels]} ; statut du SPASER — Inconnu.`);
  });

  it('a member logged in gets the same public HTML: no member data in it', async () => {
    const org = await t.createOrganisation({ name: 'Valbourg', kind: 'commune' });
    const member = await t.loggedIn({ verifiedIn: [org.id], firstName: 'Sidonie', lastName: 'Secrète' });
    const html = (await member.agent.get(`/organisations/${org.id}`)).body;
    expect(html).not.toContain('Secrète');
    expect(html).not.toContain(member.user.email);
  });

  it('an unknown or malformed address answers 404 with a French page', async () => {
    const unknown = await t.agent().get('/organisations/4b0e7c9e-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain("Cette organisation n'existe pas".replace("'", '&#x27;'));
    expect((await t.agent().get('/organisations/pas-un-identifiant')).statusCode).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';

// Publication of a SPASER (issue 18, items 1 and 2) through HTTP: only an adopted schéma, only its
// editors; a stable public address rendered on the server (full HTML without JavaScript), frozen
// until published again; a withdrawn publication answers 410.

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
});
afterAll(() => t?.close());

async function setup(title = 'SPASER de Valmont 2026–2028 « Achats & emploi »') {
  const org = await t.createOrganisation({ name: 'Valmont', kind: 'commune' });
  const writer = await t.loggedIn({ verifiedIn: [org.id] });
  const colleague = await t.loggedIn({ verifiedIn: [org.id] });
  const created = await writer.agent.post('/api/spasers', { organisationId: org.id, title, periodStart: 2026, periodEnd: 2028 });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const save = async (section: string, body: unknown) => {
    const version = (await writer.agent.get(`/api/spasers/${id}`)).json().sections[section].version;
    const res = await writer.agent.put(`/api/spasers/${id}/sections/${section}`, { version, body });
    expect(res.statusCode, res.body).toBe(200);
  };
  await save('axes', [
    { id: 'a1', title: 'Inclusion', objectives: [{ id: 'o1', title: 'Clauses d’insertion', tags: ['social_insertion'], actions: [{ id: 'x1', title: 'Clause dans les travaux' }] }] },
    { id: 'a2', title: 'Transition écologique', objectives: [{ id: 'o2', title: 'Critère environnemental', tags: ['ecological'], actions: [] }] },
  ]);
  await save('indicators', [
    {
      id: 'i1',
      name: 'Part des marchés avec une considération sociale',
      category: 'social_consideration',
      unit: 'pct_contracts',
      perBuyer: [{ organisationId: org.id, baseline: { year: 2026, value: 12.5 }, targets: [{ year: 2028, value: 30 }], values: [] }],
    },
  ]);
  await save('publication', { url: 'https://www.valmont.example/spaser', indicatorsEveryMonths: 24 });
  return { org, writer, colleague, id, save };
}

const anonymous = () => t.agent();

describe('publishing a SPASER', () => {
  it('refuses a schéma not adopted, and a reader who is not an editor; nothing becomes public', async () => {
    const { writer, colleague, id } = await setup();
    const early = await writer.agent.post(`/api/spasers/${id}/publication`);
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toMatch(/Seul un SPASER adopté peut être publié/);
    expect((await writer.agent.post(`/api/spasers/${id}/adoption`, { adoptedOn: '2026-05-20', reference: 'Délibération n° 2026-42' })).statusCode).toBe(200);
    const notEditor = await colleague.agent.post(`/api/spasers/${id}/publication`);
    expect(notEditor.statusCode).toBe(403);
    expect((await writer.agent.get(`/api/spasers/${id}`)).json().status).toBe('adopted');
    // The working document: its editors only, while it is not published.
    const draft = await writer.agent.get(`/api/spasers/${id}/document.csv`);
    expect(draft.statusCode).toBe(200);
    expect(draft.headers['content-disposition']).toMatch(/^attachment; filename="spaser-de-valmont-2026-2028-achats-emploi-indicateurs\.csv"/);
    expect(draft.body).toContain('Part des marchés avec une considération sociale');
    const forbidden = await colleague.agent.get(`/api/spasers/${id}/document.pdf`);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().message).toBe('Tant que ce SPASER n’est pas publié, seuls ses rédacteurs peuvent en télécharger le document.');
    expect((await anonymous().get(`/api/spasers/${id}/document.pdf`)).statusCode).toBe(401);
    expect((await writer.agent.get(`/api/spasers/${id}/document.odt`)).statusCode).toBe(400);
    expect((await writer.agent.delete(`/api/spasers/${id}/publication`)).json().error).toBe('SPASER_NOT_PUBLISHED');
  });

  it('publishes at a stable address: full HTML for anyone, frozen until published again, 301 from another slug, 410 once withdrawn', async () => {
    const { org, writer, id, save } = await setup();
    await writer.agent.post(`/api/spasers/${id}/adoption`, { adoptedOn: '2026-05-20', reference: 'Délibération n° 2026-42' });
    const published = await writer.agent.post(`/api/spasers/${id}/publication`);
    expect(published.statusCode, published.body).toBe(201);
    const { path, version } = published.json();
    expect(version).toBe(1);
    // The slug from the title: accents folded, « » & – and spaces turned into single hyphens.
    expect(path).toMatch(/^\/schemas\/[a-z2-9]{8}-spaser-de-valmont-2026-2028-achats-emploi$/);
    expect((await writer.agent.get(`/api/spasers/${id}`)).json().status).toBe('published');
    expect((await anonymous().get(`/api/organisations/${org.id}`)).json().spaserStatus).toBe('published');

    const page = await anonymous().get(path);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const html = page.body;
    expect(html).toContain('<title>SPASER de Valmont 2026–2028 « Achats &amp; emploi » — Entraide</title>');
    expect(html).toContain(`<link rel="canonical" href="http://entraide.test${path}" />`);
    expect(html).toContain(`<meta property="og:url" content="http://entraide.test${path}" />`);
    expect(html).toContain('<meta property="og:title" content="SPASER de Valmont 2026–2028 « Achats &amp; emploi »" />');
    expect(html).toMatch(/<meta name="description" content="[^"]*Valmont[^"]*" \/>/);
    // The content itself, in the HTML (no JavaScript needed): heading, axes numbered, objectives, indicator and its table.
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(html).toMatch(/<h1[^>]*>SPASER de Valmont 2026–2028 « Achats &amp; emploi »<\/h1>/);
    expect(text).toContain('Axe 1 — Inclusion');
    expect(text).toContain('Axe 2 — Transition écologique');
    expect(text).toContain('1.1 Clauses d’insertion');
    expect(text).toContain('Clause dans les travaux');
    expect(text).toContain('Part des marchés avec une considération sociale');
    expect(text).toContain('Adopté le 20 mai 2026 (Délibération n° 2026-42).');
    // 12.5 % baseline and 30 % target, as the chart's table writes shares in French.
    expect(text).toMatch(/12,5\s%/);
    expect(text).toMatch(/30\s%/);
    expect(html).toContain('href="https://www.valmont.example/spaser"');
    // The web app's data for the same page, in the page.
    expect(html).toMatch(/<script type="application\/json" id="entraide-ssr-data">\{"key":\["published-spaser","[a-z2-9]{8}"\]/);

    // The public files of the published version, for anyone.
    const pdf = await anonymous().get(`${path}/document.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const csv = (await anonymous().get(`${path}/document.csv`)).body;
    expect(csv).toContain('Part des marchés avec une considération sociale');

    // Revalidation: the same page answers 304 to its ETag.
    const etag = page.headers.etag;
    expect(etag).toBeTruthy();
    const again = await t.app.inject({ method: 'GET', url: path, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);

    // Another slug (a renamed schéma, a typo) redirects to the address to keep.
    const ref = path.split('/')[2]!.split('-')[0]!;
    const other = await anonymous().get(`/schemas/${ref}-ancien-titre`);
    expect(other.statusCode).toBe(301);
    expect(other.headers.location).toBe(path);

    // Edits after publication stay private until the editors publish again, at the same address.
    await save('axes', [{ id: 'a3', title: 'Achats de proximité', objectives: [] }]);
    expect((await anonymous().get(path)).body).toContain('Axe 1 — Inclusion');
    const second = await writer.agent.post(`/api/spasers/${id}/publication`);
    expect(second.json()).toEqual({ path, version: 2 });
    const republished = (await anonymous().get(path)).body;
    expect(republished).toContain('Axe 1 — Achats de proximité');
    expect(republished).not.toContain('Inclusion');
    const api = await anonymous().get(`/api/public/schemas/${ref}`);
    expect(api.json().version).toBe(2);
    expect(api.json().document.content.axes.map((a: any) => a.title)).toEqual(['Achats de proximité']);
    // Nothing private in the public document: no editors, no evidence files.
    expect(api.body).not.toMatch(/editors|evidenceFiles|email/);

    // Withdrawn: 410 with a French page, the API too; the schéma is « adopté » again.
    expect((await writer.agent.delete(`/api/spasers/${id}/publication`)).statusCode).toBe(200);
    const gone = await anonymous().get(path);
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('Ce SPASER n’est plus publié');
    expect(gone.body).toContain('<meta name="robots" content="noindex" />');
    expect((await anonymous().get(`/api/public/schemas/${ref}`)).statusCode).toBe(410);
    expect((await anonymous().get(`${path}/document.pdf`)).statusCode).toBe(410);
    expect((await writer.agent.get(`/api/spasers/${id}`)).json().status).toBe('adopted');
  });

  it('a joint schéma of buyers without SIREN: one address, every accepted buyer named, never an invited one', async () => {
    const { writer, id } = await setup('Schéma commun du Val');
    const partner = await t.createOrganisation({ name: 'Syndicat des eaux du Val', kind: 'syndicat' });
    const pending = await t.createOrganisation({ name: 'Commune encore invitée', kind: 'commune' });
    const partnerMember = await t.loggedIn({ verifiedIn: [partner.id] });
    for (const o of [partner, pending]) expect((await writer.agent.post(`/api/spasers/${id}/buyers`, { organisationId: o.id })).statusCode).toBe(201);
    expect((await partnerMember.agent.post(`/api/spasers/${id}/buyers/${partner.id}/accept`)).statusCode).toBe(200);
    await writer.agent.post(`/api/spasers/${id}/adoption`, { adoptedOn: '2026-05-20', reference: 'Délibérations concordantes' });
    const { path } = (await writer.agent.post(`/api/spasers/${id}/publication`)).json();
    expect(path).toMatch(/^\/schemas\/[a-z2-9]{8}-schema-commun-du-val$/);
    const ref = path.split('/')[2].split('-')[0];
    const doc = (await anonymous().get(`/api/public/schemas/${ref}`)).json().document;
    expect(doc.buyers.map((b: any) => [b.name, b.siren, b.lead])).toEqual([
      ['Valmont', null, true],
      ['Syndicat des eaux du Val', null, false],
    ]);
    const html = (await anonymous().get(path)).body;
    expect(html).toContain('Acheteurs : Valmont · Syndicat des eaux du Val');
    expect(html).not.toContain('Commune encore invitée');
  });

  it('an address that is not one answers 404 with a French page', async () => {
    const unknown = await anonymous().get('/schemas/zzzzzzzz-rien');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('SPASER introuvable');
    expect((await anonymous().get('/schemas/pas-une-reference')).statusCode).toBe(404);
  });
});

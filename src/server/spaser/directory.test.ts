import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';

// The directory of published SPASERs (issue 19, item 4) through HTTP. Five schémas written by hand:
//   A « SPASER de Valmont »        commune Valmont (Bretagne, 53), 2024–2026; published twice: version 1
//                                   tagged ecological + esus, version 2 ecological only → theme environment.
//   B « SPASER commun du Lys »     département du Lys (Pays de la Loire, 52) with the commune Les Ormeaux
//                                   (Bretagne, 53), from 2026 with no end; insertion + indicator sme_access.
//   C « SPASER du CHU de Saint-Aubin »  hôpital (Auvergne-Rhône-Alpes, 84), 2022–2024; fair trade, circular
//                                   economy, indicator esus.
//   D « SPASER retiré de Kerlan »  commune (53), published then withdrawn: never listed.
//   E « SPASER brouillon de Pontrieux » commune (52), a draft: never listed.
// Published in the order A v1, B, C, A v2: the newest publication first gives A, C, B.

let t: TestContext;
const A = 'SPASER de Valmont';
const B = 'SPASER commun du Lys';
const C = 'SPASER du CHU de Saint-Aubin';
const D = 'SPASER retiré de Kerlan';
const E = 'SPASER brouillon de Pontrieux';
const paths: Record<string, string> = {};

async function write(input: { title: string; org: { id: string }; periodStart: number; periodEnd: number | null; tags: string[]; category: string; partner?: { id: string } }) {
  const writer = await t.loggedIn({ verifiedIn: [input.org.id] });
  const created = await writer.agent.post('/api/spasers', { organisationId: input.org.id, title: input.title, periodStart: input.periodStart, periodEnd: input.periodEnd });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  if (input.partner) {
    expect((await writer.agent.post(`/api/spasers/${id}/buyers`, { organisationId: input.partner.id })).statusCode).toBe(201);
    const mayor = await t.loggedIn({ verifiedIn: [input.partner.id] });
    expect((await mayor.agent.post(`/api/spasers/${id}/buyers/${input.partner.id}/accept`)).statusCode).toBe(200);
  }
  const save = async (section: string, body: unknown) => {
    const version = (await writer.agent.get(`/api/spasers/${id}`)).json().sections[section].version;
    const res = await writer.agent.put(`/api/spasers/${id}/sections/${section}`, { version, body });
    expect(res.statusCode, res.body).toBe(200);
  };
  const axes = (tags: string[]) => [{ id: 'a1', title: 'Axe', objectives: [{ id: 'o1', title: 'Objectif', tags, actions: [] }] }];
  await save('axes', axes(input.tags));
  await save('indicators', [
    { id: 'i1', name: 'Indicateur', category: input.category, unit: 'pct_contracts', perBuyer: [{ organisationId: input.org.id, baseline: null, targets: [{ year: input.periodStart, value: 10 }], values: [] }] },
  ]);
  const adopt = async () => {
    const res = await writer.agent.post(`/api/spasers/${id}/adoption`, { adoptedOn: '2026-05-20', reference: 'Délibération' });
    expect(res.statusCode, res.body).toBe(200);
  };
  const publish = async (at: string) => {
    t.clock.set(new Date(at));
    const res = await writer.agent.post(`/api/spasers/${id}/publication`);
    expect(res.statusCode, res.body).toBe(201);
    paths[input.title] = res.json().path;
  };
  return { id, writer, save, axes, adopt, publish };
}

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
  const valmont = await t.createOrganisation({ name: 'Valmont', kind: 'commune', regionCode: '53', departementCode: '35' });
  const lys = await t.createOrganisation({ name: 'Département du Lys', kind: 'departement', regionCode: '52', departementCode: '44' });
  const ormeaux = await t.createOrganisation({ name: 'Les Ormeaux', kind: 'commune', regionCode: '53', departementCode: '22' });
  const chu = await t.createOrganisation({ name: 'CHU de Saint-Aubin', kind: 'hopital', regionCode: '84', departementCode: '69' });
  const kerlan = await t.createOrganisation({ name: 'Kerlan', kind: 'commune', regionCode: '53', departementCode: '29' });
  const pontrieux = await t.createOrganisation({ name: 'Pontrieux', kind: 'commune', regionCode: '52', departementCode: '44' });

  const a = await write({ title: A, org: valmont, periodStart: 2024, periodEnd: 2026, tags: ['ecological', 'esus'], category: 'environmental_consideration' });
  await a.adopt();
  await a.publish('2026-06-01T10:01:00Z');
  const b = await write({ title: B, org: lys, partner: ormeaux, periodStart: 2026, periodEnd: null, tags: ['social_insertion'], category: 'sme_access' });
  await b.adopt();
  await b.publish('2026-06-01T10:02:00Z');
  const c = await write({ title: C, org: chu, periodStart: 2022, periodEnd: 2024, tags: ['fair_trade', 'circular_economy'], category: 'esus' });
  await c.adopt();
  await c.publish('2026-06-01T10:03:00Z');
  // Version 2 of A drops esus: only the newest publication counts.
  await a.save('axes', a.axes(['ecological']));
  await a.publish('2026-06-01T10:04:00Z');
  const d = await write({ title: D, org: kerlan, periodStart: 2024, periodEnd: 2028, tags: ['ecological'], category: 'environmental_consideration' });
  await d.adopt();
  await d.publish('2026-06-01T10:05:00Z');
  expect((await d.writer.agent.delete(`/api/spasers/${d.id}/publication`)).statusCode).toBe(200);
  // E stays a draft; also tagged ecological, in région 52.
  await write({ title: E, org: pontrieux, periodStart: 2026, periodEnd: 2028, tags: ['ecological'], category: 'environmental_consideration' });
});
afterAll(() => t?.close());

const list = async (query = '') => {
  const res = await t.agent().get(`/api/public/schemas${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: { title: string; path: string; buyers: unknown[]; periodStart: number; periodEnd: number | null; adoptedOn: string | null; themes: string[] }[]; total: number; page: number; regions: { code: string; name: string; count: number }[] };
};
const titles = async (query: string) => (await list(query)).items.map((i) => i.title);
const countsOf = (r: { regions: { code: string; count: number }[] }) => Object.fromEntries(r.regions.filter((x) => x.count > 0).map((x) => [x.code, x.count]));

describe('directory of published SPASERs', () => {
  it('lists the published schémas only, newest publication first, each summarised from its newest version', async () => {
    const all = await list();
    expect(all.total).toBe(3);
    expect(all.items.map((i) => i.title)).toEqual([A, C, B]);
    const [a, , b] = all.items;
    expect(a).toEqual({
      title: A,
      path: paths[A],
      buyers: [{ name: 'Valmont', kind: 'commune', regionCode: '53', regionName: 'Bretagne' }],
      periodStart: 2024,
      periodEnd: 2026,
      adoptedOn: '2026-05-20',
      // The clock moves on by the milliseconds the requests take.
      publishedAt: expect.stringMatching(/^2026-06-01T10:04:00\.\d{3}Z$/),
      themes: ['environment'],
    });
    // A joint schéma: the lead first, then its partner, each with its kind and région.
    expect(b!.buyers).toEqual([
      { name: 'Département du Lys', kind: 'departement', regionCode: '52', regionName: 'Pays de la Loire' },
      { name: 'Les Ormeaux', kind: 'commune', regionCode: '53', regionName: 'Bretagne' },
    ]);
    expect(b!.periodEnd).toBeNull();
    expect(b!.themes).toEqual(['insertion', 'sme_access']);
    expect(all.items[1]!.themes).toEqual(['circular_economy', 'esus', 'fair_trade']);
    // Never the withdrawn one nor the draft.
    expect(JSON.stringify(all)).not.toMatch(/Kerlan|Pontrieux/);
  });

  it('filters by kind of organisation (any buyer of the schéma)', async () => {
    expect(await titles('?type=commune')).toEqual([A, B]);
    expect(await titles('?type=hopital')).toEqual([C]);
    expect(await titles('?type=departement')).toEqual([B]);
    expect(await titles('?type=region')).toEqual([]);
  });

  it('filters by région (any buyer there)', async () => {
    expect(await titles('?region=53')).toEqual([A, B]);
    expect(await titles('?region=52')).toEqual([B]);
    expect(await titles('?region=84')).toEqual([C]);
    expect(await titles('?region=11')).toEqual([]);
  });

  it('filters by a year the schéma covers (an open-ended one covers every year from its start)', async () => {
    expect(await titles('?annee=2026')).toEqual([A, B]);
    expect(await titles('?annee=2025')).toEqual([A]);
    expect(await titles('?annee=2023')).toEqual([C]);
    expect(await titles('?annee=2030')).toEqual([B]);
    expect(await titles('?annee=2021')).toEqual([]);
  });

  it('filters by theme, from the objective tags and indicator categories of the newest publication', async () => {
    expect(await titles('?theme=environment')).toEqual([A]);
    // A's version 1 was tagged esus; version 2 is not: only C.
    expect(await titles('?theme=esus')).toEqual([C]);
    expect(await titles('?theme=insertion')).toEqual([B]);
    expect(await titles('?theme=sme_access')).toEqual([B]);
    expect(await titles('?theme=fair_trade')).toEqual([C]);
    expect(await titles('?theme=circular_economy')).toEqual([C]);
  });

  it('combines filters; empty parameters (an untouched form) mean no filter; pages beyond the last are empty', async () => {
    expect(await titles('?type=commune&region=53&annee=2030')).toEqual([B]);
    expect(await titles('?type=commune&theme=environment')).toEqual([A]);
    expect(await titles('?type=hopital&region=53')).toEqual([]);
    expect(await titles('?type=&region=&annee=&theme=')).toEqual([A, C, B]);
    const second = await list('?page=2');
    expect([second.items, second.total, second.page]).toEqual([[], 3, 2]);
  });

  it('counts published schémas per région for the map, under the other filters but not the région', async () => {
    const all = await list();
    // B counts in both régions of its buyers.
    expect(countsOf(all)).toEqual({ '53': 2, '52': 1, '84': 1 });
    expect(all.regions).toHaveLength(18);
    expect(all.regions.find((r) => r.code === '11')).toEqual({ code: '11', name: 'Île-de-France', count: 0 });
    expect(countsOf(await list('?theme=insertion'))).toEqual({ '53': 1, '52': 1 });
    expect(countsOf(await list('?annee=2023'))).toEqual({ '84': 1 });
    const inBrittany = await list('?region=53');
    expect(inBrittany.total).toBe(2);
    expect(countsOf(inBrittany)).toEqual({ '53': 2, '52': 1, '84': 1 });
  });

  it('refuses unknown filter values with a French message per field', async () => {
    const res = await t.agent().get('/api/public/schemas?type=mairie&region=99&annee=deux-mille&theme=climat&page=0');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('VALIDATION');
    expect(res.json().fields).toEqual({
      type: 'Type d’organisation inconnu : choisissez-en un dans la liste.',
      region: 'Région inconnue : choisissez-en une dans la liste (code INSEE de la région).',
      annee: 'Indiquez une année (AAAA).',
      theme: 'Thème inconnu : choisissez-en un dans la liste.',
      page: 'Numéro de page invalide (1 ou plus).',
    });
    expect((await t.agent().get('/api/public/schemas?annee=1999')).json().fields).toEqual({ annee: 'Indiquez une année à partir de 2000.' });
    expect((await t.agent().get('/api/public/schemas?annee=2026.5')).json().fields).toEqual({ annee: 'Indiquez une année entière (AAAA).' });
  });
});

describe('the /schemas page, rendered on the server', () => {
  const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

  it('holds the titles, the GET form, the map and its table without JavaScript', async () => {
    const res = await t.agent().get('/schemas');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = res.body;
    expect(html).toContain('<title>Annuaire des SPASER publiés — Entraide</title>');
    expect(html).toContain('<link rel="canonical" href="http://entraide.test/schemas" />');
    expect(html).toMatch(/<h1[^>]*>Annuaire des SPASER publiés<\/h1>/);
    for (const title of [A, B, C]) expect(html).toContain(`href="${paths[title]}"`);
    expect(text(html)).toContain(A);
    expect(text(html)).toContain('3 schémas publiés');
    expect(html).not.toMatch(/Kerlan|Pontrieux/);
    // The filters: a plain GET form with labelled fields named as the URL's parameters.
    const form = /<form[^>]*>/.exec(html)![0];
    expect(form).toContain('method="get"');
    expect(form).toContain('action="/schemas"');
    for (const name of ['type', 'region', 'annee', 'theme']) expect(html).toContain(`name="${name}"`);
    expect(html).toMatch(/<label[^>]*for="directory-type"[^>]*>[^<]*Type d’organisation/);
    expect(html).toContain('Afficher les schémas');
    // The map: Brittany holds two schémas; its table too.
    expect(html).toContain('aria-label="Bretagne : 2 schémas"');
    expect(html).toContain('aria-label="Auvergne-Rhône-Alpes : 1 schéma"');
    // The web app's data for the same page.
    expect(html).toMatch(/<script type="application\/json" id="entraide-ssr-data">\{"key":\["spaser-directory",null,null,null,null,1\]/);
  });

  it('applies the filters of its URL, and shows bad ones back with their French message (400)', async () => {
    const filtered = await t.agent().get('/schemas?region=84');
    expect(filtered.statusCode).toBe(200);
    expect(filtered.body).toContain(`href="${paths[C]}"`);
    expect(filtered.body).not.toContain(`href="${paths[A]}"`);
    expect(text(filtered.body)).toContain('1 schéma publié');
    expect(filtered.body).toMatch(/<option value="84" selected="">Auvergne-Rhône-Alpes<\/option>/);

    const bad = await t.agent().get('/schemas?region=99&theme=climat');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Région inconnue : choisissez-en une dans la liste (code INSEE de la région).');
    expect(bad.body).toContain('Thème inconnu : choisissez-en un dans la liste.');
    expect(bad.body).toContain('<meta name="robots" content="noindex" />');
    expect(bad.body).not.toContain(`href="${paths[A]}"`);
  });
});

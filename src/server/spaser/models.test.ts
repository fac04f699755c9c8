import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { writeDecpFile, type Rec } from '../../../tests/helpers/decp.js';
import { importDecpFiles } from '../procurement/import/import.service.js';
import { spasers } from './spaser.tables.js';

/*
 * « Partir d'un modèle » (issue 17, item 6) through HTTP. A hand-built set of buyers and their 2025
 * marchés (DECP), similarity as ADR 0014 defines it (same kind, same size band of notified marchés):
 *  M  710000001 commune, région 84 — 2025: 6 M€ (band 5–20 M€); 2024: 0,5 M€ (the latest year counts)
 *  P1 720000002 commune 84 — 2025: 12 M€ → similar; schéma adopted 10 Mar 2026
 *  P4 770000007 commune 84 — 2025: 15 M€ → similar; schéma adopted 20 Jan 2026
 *  P3 740000004 commune 11 — 2025: 5 M€ (the bound) → similar; schéma adopted 2 Nov 2025, then published
 *  P6 780000008 commune 53 — 2025: 9 M€ → similar; schéma adopted 1 Jun 2025 (4th: beyond the three)
 *  P2 730000003 commune 53 — 2025: 8 M€ → similar, but its schéma is a draft: never offered
 *  N  750000005 commune 84 — 2025: 30 M€ (band 20–50 M€): not similar, adopted schéma
 *  E  760000006 EPCI 84    — 2025: 7 M€: another kind, adopted schéma
 * Expected suggestions for M: same région first (P1 then P4, latest adoption first), then P3; P6 left out.
 */
const rec = (id: string, siren: string, date: string, amount: number): Rec => ({ id, siret: `${siren}00011`, date, amount });
const records: Rec[] = [
  rec('M1', '710000001', '2025-02-01', 6_000_000),
  rec('M0', '710000001', '2024-02-01', 500_000),
  rec('P1', '720000002', '2025-02-01', 12_000_000),
  rec('P4', '770000007', '2025-02-01', 15_000_000),
  rec('P3', '740000004', '2025-02-01', 5_000_000),
  rec('P6', '780000008', '2025-02-01', 9_000_000),
  rec('P2', '730000003', '2025-02-01', 8_000_000),
  rec('N1', '750000005', '2025-02-01', 30_000_000),
  rec('E1', '760000006', '2025-02-01', 7_000_000),
];

let t: TestContext;
type Org = Awaited<ReturnType<TestContext['createOrganisation']>>;
type Logged = Awaited<ReturnType<TestContext['loggedIn']>>;
const org: Record<string, Org> = {};
const editor: Record<string, Logged> = {};
const schema: Record<string, string> = {};

// The model P1 writes, with every kind of figure a schéma holds.
const p1Content = (p1: string) => ({
  preamble: 'La commune P1 s’engage, délibération du conseil municipal.',
  axes: [
    {
      id: 'a1',
      title: 'Inclusion sociale',
      objectives: [
        {
          id: 'o1',
          title: 'Clauses d’insertion',
          tags: ['social_insertion'],
          actions: [{ id: 'x1', title: 'Clause dans les travaux', owner: 'Direction des achats de P1', deadline: '2026-12-31', status: 'in_progress', families: ['Travaux'], tags: ['social_insertion'] }],
        },
      ],
    },
    { id: 'a2', title: 'Transition écologique', objectives: [{ id: 'o2', title: 'Critère environnemental', tags: ['ecological'], actions: [] }] },
  ],
  indicators: [
    {
      id: 'i1',
      name: 'Part des marchés avec une considération sociale',
      category: 'social_consideration',
      unit: 'pct_contracts',
      definition: 'Marchés avec une considération sociale / marchés notifiés (DECP).',
      objectiveId: 'o1',
      perBuyer: [{ organisationId: p1, baseline: { year: 2026, value: 18 }, targets: [{ year: 2028, value: 30 }], values: [{ year: 2026, value: 21, source: 'DECP' }] }],
    },
  ],
  governance: { steeringCommittee: 'Mme Adjointe aux achats', reviewCadenceMonths: 12, monitoring: 'Bilan en mars.', reportingLine: 'Conseil municipal.' },
  stakeholders: [{ who: 'SIAE de P1', how: 'Atelier' }],
  publication: { url: 'https://p1.example/spaser', indicatorsEveryMonths: 24 },
});

async function adoptedSchema(key: string, adoptedOn: string | null, content?: Record<string, unknown>) {
  const me = editor[key]!;
  const created = await me.agent.post('/api/spasers', { organisationId: org[key]!.id, title: `SPASER de ${org[key]!.name}`, periodStart: 2026, periodEnd: 2028 });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  for (const [section, body] of Object.entries(content ?? { axes: [{ id: `${key}-a`, title: `Axe de ${key}`, objectives: [] }] })) {
    const saved = await me.agent.put(`/api/spasers/${id}/sections/${section}`, { version: 0, body });
    expect(saved.statusCode, saved.body).toBe(200);
  }
  if (adoptedOn) expect((await me.agent.post(`/api/spasers/${id}/adoption`, { adoptedOn, reference: `Délibération ${key}` })).statusCode).toBe(200);
  schema[key] = id;
}

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
  const define: [string, string, 'commune' | 'epci', string][] = [
    ['M', '710000001', 'commune', '84'],
    ['P1', '720000002', 'commune', '84'],
    ['P4', '770000007', 'commune', '84'],
    ['P3', '740000004', 'commune', '11'],
    ['P6', '780000008', 'commune', '53'],
    ['P2', '730000003', 'commune', '53'],
    ['N', '750000005', 'commune', '84'],
    ['E', '760000006', 'epci', '84'],
  ];
  for (const [key, siren, kind, regionCode] of define) {
    org[key] = await t.createOrganisation({ name: `Commune ${key}`, siren, kind, regionCode });
    editor[key] = await t.loggedIn({ verifiedIn: [org[key]!.id] });
  }
  expect(await importDecpFiles(t.deps, [writeDecpFile(records)])).toMatchObject({ imported: 9, rejected: 0 });
  await adoptedSchema('P1', '2026-03-10', p1Content(org.P1!.id));
  await adoptedSchema('P4', '2026-01-20');
  await adoptedSchema('P3', '2025-11-02');
  // Publishing is the status work of item 1; the row is set here as it would stand after it.
  await t.deps.db.update(spasers).set({ status: 'published' }).where(eq(spasers.id, schema.P3!));
  await adoptedSchema('P6', '2025-06-01');
  await adoptedSchema('P2', null, { preamble: 'Brouillon confidentiel de P2', axes: [{ id: 'p2', title: 'Axe secret de P2', objectives: [] }] });
  await adoptedSchema('N', '2026-02-01');
  await adoptedSchema('E', '2026-02-01');
});
afterAll(() => t?.close());

describe('start from a model', () => {
  it('suggests up to three adopted or published schémas of similar organisations, each with its true reason', async () => {
    const res = await editor.M!.agent.get(`/api/spasers/models?organisationId=${org.M!.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect([body.year, body.band, body.noSuggestion]).toEqual([2025, 'de 5 M€ à 20 M€', null]);
    expect(body.items.map((m: any) => [m.id, m.status, m.adoptedOn, m.reason])).toEqual([
      [schema.P1, 'adopted', '2026-03-10', "Commune P1 : même type d'organisation que la vôtre (commune), marchés notifiés en 2025 dans la même tranche (de 5 M€ à 20 M€, DECP), même région ; schéma adopté le 10 mars 2026."],
      [schema.P4, 'adopted', '2026-01-20', "Commune P4 : même type d'organisation que la vôtre (commune), marchés notifiés en 2025 dans la même tranche (de 5 M€ à 20 M€, DECP), même région ; schéma adopté le 20 janvier 2026."],
      [schema.P3, 'published', '2025-11-02', "Commune P3 : même type d'organisation que la vôtre (commune), marchés notifiés en 2025 dans la même tranche (de 5 M€ à 20 M€, DECP) ; schéma publié, adopté le 2 novembre 2025."],
    ]);
    // P1's structure: 2 axes, 2 objectives, 1 action, 1 indicator.
    expect([body.items[0].counts, body.items[0].axes]).toEqual([{ axes: 2, objectives: 2, actions: 1, indicators: 1 }, ['Inclusion sociale', 'Transition écologique']]);
    // Never a draft, never a schéma of another band or kind; the draft's text appears nowhere.
    expect(res.body).not.toContain('secret');
    expect(res.body).not.toContain(schema.P2);
    expect(res.body).not.toContain(schema.N);
    expect(res.body).not.toContain(schema.E);
    expect(body.blank.axes.map((a: any) => a.title)).toEqual(['Transition écologique', 'Inclusion sociale', 'Développement économique responsable', 'Gouvernance et suivi du schéma']);
  });

  it('copies the structure of a model, never its figures, owners, dates, texts or deliberation', async () => {
    const created = await editor.M!.agent.post('/api/spasers', { organisationId: org.M!.id, title: 'SPASER de M', periodStart: 2027, periodEnd: 2029, model: schema.P1 });
    expect(created.statusCode, created.body).toBe(201);
    const res = await editor.M!.agent.get(`/api/spasers/${created.json().id}`);
    const copy = res.json();
    const body = (key: string) => copy.sections[key].body;
    // Worked out from p1Content by hand: titles, categories and families kept; owner, deadline, progress reset.
    expect(body('axes')).toEqual([
      {
        id: 'a1',
        title: 'Inclusion sociale',
        objectives: [{ id: 'o1', title: 'Clauses d’insertion', tags: ['social_insertion'], actions: [{ id: 'x1', title: 'Clause dans les travaux', owner: '', deadline: null, status: 'planned', families: ['Travaux'], tags: ['social_insertion'] }] }],
      },
      { id: 'a2', title: 'Transition écologique', objectives: [{ id: 'o2', title: 'Critère environnemental', tags: ['ecological'], actions: [] }] },
    ]);
    // The indicator's definition, with empty figures for M only.
    expect(body('indicators')).toEqual([
      {
        id: 'i1',
        name: 'Part des marchés avec une considération sociale',
        category: 'social_consideration',
        unit: 'pct_contracts',
        definition: 'Marchés avec une considération sociale / marchés notifiés (DECP).',
        objectiveId: 'o1',
        // The model's indicator was typed, not taken from the catalogue.
        catalogueKey: null,
        perBuyer: [{ organisationId: org.M!.id, baseline: null, targets: [], values: [] }],
      },
    ]);
    expect([body('preamble'), body('governance'), body('stakeholders'), body('publication')]).toEqual([
      '',
      { steeringCommittee: '', reviewCadenceMonths: null, monitoring: '', reportingLine: '' },
      [],
      { url: null, indicatorsEveryMonths: null },
    ]);
    expect([copy.status, copy.adoptedOn, copy.adoptionReference, copy.buyers.length]).toEqual(['in_preparation', null, null, 1]);
    for (const foreign of [org.P1!.id, 'Direction des achats de P1', '2026-12-31', 'p1.example', 'Mme Adjointe', 'Délibération P1']) expect(res.body).not.toContain(foreign);
    // The model is untouched.
    expect((await editor.P1!.agent.get(`/api/spasers/${schema.P1}`)).json().sections.indicators.body[0].perBuyer[0].baseline).toMatchObject({ year: 2026, value: 18 });
  });

  it('the blank template; a draft, a dissimilar schéma or a stranger are refused, nothing created', async () => {
    const blank = await editor.M!.agent.post('/api/spasers', { organisationId: org.M!.id, title: 'SPASER vierge', periodStart: 2027, model: 'blank' });
    const axes = (await editor.M!.agent.get(`/api/spasers/${blank.json().id}`)).json().sections.axes.body;
    expect(axes.map((a: any) => [a.title, a.objectives.map((o: any) => o.tags.join('+'))])).toEqual([
      ['Transition écologique', ['ecological', 'circular_economy']],
      ['Inclusion sociale', ['social_insertion+disadvantaged_employers', 'esus']],
      ['Développement économique responsable', ['sme_access', 'fair_trade']],
      ['Gouvernance et suivi du schéma', ['other']],
    ]);
    const count = async () => (await editor.M!.agent.get('/api/spasers')).json().items.length;
    const before = await count();
    for (const model of [schema.P2, schema.N, schema.E, schema.P6]) {
      const res = await editor.M!.agent.post('/api/spasers', { organisationId: org.M!.id, title: 'Copie', periodStart: 2027, model });
      expect([res.statusCode, res.json().fields]).toEqual([400, { model: "Ce modèle n'est pas proposé à votre organisation : choisissez un modèle de la liste." }]);
    }
    const bad = await editor.M!.agent.post('/api/spasers', { organisationId: org.M!.id, title: 'Copie', periodStart: 2027, model: 'le-sien' });
    expect(bad.json().fields).toEqual({ model: 'Choisissez un modèle proposé, le modèle vierge ou aucun.' });
    expect(await count()).toBe(before);
    // Models are offered only to verified members of the organisation.
    expect((await editor.P1!.agent.get(`/api/spasers/models?organisationId=${org.M!.id}`)).json().error).toBe('SPASER_ORGANISATION');
    const pending = await t.loggedIn({ pendingIn: [org.M!.id] });
    expect((await pending.agent.get(`/api/spasers/models?organisationId=${org.M!.id}`)).statusCode).toBe(403);
    expect((await t.agent().get(`/api/spasers/models?organisationId=${org.M!.id}`)).statusCode).toBe(401);
  });

  it('says why nothing is suggested: no SIREN, no DECP data, no similar organisation with an adopted schéma', async () => {
    const noSiren = await t.createOrganisation({ name: 'Sans SIREN' });
    const noDecp = await t.createOrganisation({ name: 'Sans DECP', siren: '790000009' });
    const member = await t.loggedIn({ verifiedIn: [noSiren.id, noDecp.id, org.N!.id, org.P2!.id] });
    const ask = async (id: string) => {
      const b = (await member.agent.get(`/api/spasers/models?organisationId=${id}`)).json();
      return [b.noSuggestion, b.year, b.band, b.items.length];
    };
    expect(await ask(noSiren.id)).toEqual(['no_siren', null, null, 0]);
    expect(await ask(noDecp.id)).toEqual(['no_decp', null, null, 0]);
    // N is alone in its band (20–50 M€) in 2025.
    expect(await ask(org.N!.id)).toEqual(['no_peers', 2025, 'de 20 M€ à 50 M€', 0]);
    // P2 (a draft of its own) gets M's peers' models: P1, P4 (région 84 is not P2's), then P3 and P6 by adoption date.
    const p2 = (await member.agent.get(`/api/spasers/models?organisationId=${org.P2!.id}`)).json();
    expect(p2.items.map((m: any) => m.id)).toEqual([schema.P6, schema.P1, schema.P4]);
  });
});

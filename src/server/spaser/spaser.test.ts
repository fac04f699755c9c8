import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';

// The SPASER builder through HTTP (issue 17, items 2, 3, 5, 7 and the bad inputs): who reads and
// writes, sections saved with a version check, indicators kept per buyer in a joint schéma, the legal
// check going from incomplete to complete, adoption and the organisations' status following it.

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
});
afterAll(() => t?.close());

async function setup() {
  const epci = await t.createOrganisation({ name: 'Communauté de communes du Val', kind: 'epci' });
  const communeA = await t.createOrganisation({ name: 'Valmont', kind: 'commune' });
  const communeB = await t.createOrganisation({ name: 'Valbourg', kind: 'commune' });
  const writer = await t.loggedIn({ verifiedIn: [epci.id], firstName: 'Inès', lastName: 'Rédactrice' });
  const colleague = await t.loggedIn({ verifiedIn: [epci.id], firstName: 'Paul', lastName: 'Collègue' });
  const memberA = await t.loggedIn({ verifiedIn: [communeA.id] });
  const memberB = await t.loggedIn({ verifiedIn: [communeB.id] });
  const created = await writer.agent.post('/api/spasers', { organisationId: epci.id, title: 'SPASER du Val 2026-2028', periodStart: 2026, periodEnd: 2028 });
  expect(created.statusCode, created.body).toBe(201);
  return { epci, communeA, communeB, writer, colleague, memberA, memberB, id: created.json().id as string };
}

const axes = [
  {
    id: 'a1',
    title: 'Inclusion',
    objectives: [{ id: 'o1', title: 'Clauses d’insertion', tags: ['social_insertion'], actions: [{ id: 'x1', title: 'Clause dans les travaux' }] }],
  },
  {
    id: 'a2',
    title: 'Transition écologique',
    objectives: [{ id: 'o2', title: 'Critère environnemental', tags: ['ecological', 'circular_economy'], actions: [{ id: 'x2', title: 'Modèle de règlement' }] }],
  },
];

describe('SPASER builder', () => {
  it('who may start, read and write a schéma; bad periods refused per field', async () => {
    const { epci, writer, colleague, memberA, id } = await setup();
    const outsider = await t.loggedIn({ verifiedIn: [(await t.createOrganisation({ name: 'Ailleurs' })).id] });
    // Only a verified member of the organisation starts its schéma.
    expect((await outsider.agent.post('/api/spasers', { organisationId: epci.id, title: 'Intrus', periodStart: 2026 })).json().error).toBe('SPASER_ORGANISATION');
    const bad = await writer.agent.post('/api/spasers', { organisationId: epci.id, title: ' ', periodStart: 2027, periodEnd: 2025 });
    expect([bad.statusCode, bad.json().fields]).toEqual([400, { title: 'Donnez un titre au schéma.', periodEnd: "L'année de fin ne peut précéder l'année de début." }]);
    // A colleague reads but does not write until an editor adds them; others do not see the draft.
    const read = await colleague.agent.get(`/api/spasers/${id}`);
    expect([read.statusCode, read.json().canEdit, read.json().editors]).toEqual([200, false, [{ userId: writer.user.id, name: 'Inès Rédactrice' }]]);
    expect((await colleague.agent.put(`/api/spasers/${id}/sections/preamble`, { version: 0, body: 'Texte' })).json().error).toBe('SPASER_EDIT_FORBIDDEN');
    expect((await memberA.agent.get(`/api/spasers/${id}`)).statusCode).toBe(404);
    expect((await t.agent().get(`/api/spasers/${id}`)).statusCode).toBe(401);
    expect((await writer.agent.post(`/api/spasers/${id}/editors`, { userId: memberA.user.id })).json().error).toBe('SPASER_EDITOR_NOT_MEMBER');
    expect((await writer.agent.post(`/api/spasers/${id}/editors`, { userId: colleague.user.id })).statusCode).toBe(201);
    expect((await colleague.agent.put(`/api/spasers/${id}/sections/preamble`, { version: 0, body: 'Le Val s’engage.' })).json()).toMatchObject({ section: 'preamble', version: 1 });
    expect((await colleague.agent.get('/api/spasers')).json().items.map((s: { id: string; buyers: string[] }) => [s.id, s.buyers])).toEqual([[id, ['Communauté de communes du Val']]]);
  });

  it('two editors saving the same section: the second gets a French conflict and nothing is overwritten', async () => {
    const { writer, colleague, id } = await setup();
    await writer.agent.post(`/api/spasers/${id}/editors`, { userId: colleague.user.id });
    expect((await writer.agent.put(`/api/spasers/${id}/sections/governance`, { version: 0, body: { monitoring: 'Bilan annuel.' } })).json().version).toBe(1);
    // Both start from version 1.
    const first = await writer.agent.put(`/api/spasers/${id}/sections/governance`, { version: 1, body: { monitoring: 'Bilan annuel au comité de pilotage.', reviewCadenceMonths: 12 } });
    expect(first.json().version).toBe(2);
    const second = await colleague.agent.put(`/api/spasers/${id}/sections/governance`, { version: 1, body: { monitoring: 'Autre texte.' } });
    expect([second.statusCode, second.json().error]).toEqual([409, 'SPASER_SECTION_CONFLICT']);
    expect(second.json().message).toMatch(/modifiée par une autre personne/);
    const now = (await colleague.agent.get(`/api/spasers/${id}`)).json().sections.governance;
    expect([now.version, now.body.monitoring, now.body.reviewCadenceMonths, now.updatedBy]).toEqual([2, 'Bilan annuel au comité de pilotage.', 12, writer.user.id]);
  });

  it('indicators: wrong unit, years outside the period, a baseline after its target, an unknown buyer — per field, nothing saved', async () => {
    const { epci, writer, id } = await setup();
    const stranger = await t.createOrganisation({ name: 'Étrangère' });
    // Valid for the schema, wrong for the schéma's rules: a share of 120 %, a baseline after a target,
    // years outside 2026–2028, figures for a buyer outside the schéma.
    const ruleBreaker = {
      id: 'i1',
      name: 'Part des marchés avec une considération sociale',
      category: 'social_consideration',
      unit: 'pct_contracts',
      perBuyer: [
        { organisationId: epci.id, baseline: { year: 2027, value: 12 }, targets: [{ year: 2026, value: 120 }, { year: 2031, value: 30 }], values: [{ year: 2024, value: 10 }] },
        { organisationId: stranger.id },
      ],
    };
    const save = (body: unknown) => writer.agent.put(`/api/spasers/${id}/sections/indicators`, { version: 0, body });
    const res = await save([ruleBreaker, { id: 'i2', name: '', category: 'esus', unit: 'kilos', perBuyer: [{ organisationId: epci.id }] }]);
    expect(res.statusCode).toBe(400);
    // Schema errors first (the second indicator), then the schéma's own rules are not reached.
    expect(res.json().fields).toEqual({ '1.name': "Donnez un nom à l'indicateur.", '1.unit': "Choisissez l'unité de l'indicateur." });
    const ruled = await save([ruleBreaker]);
    expect(ruled.json().fields).toEqual({
      '0.perBuyer.0.targets.0.value': 'Une cible en part s’exprime entre 0 et 100 % : vérifiez l’unité de l’indicateur.',
      '0.perBuyer.0.baseline.year': "L'année de référence (2027) ne peut suivre l'année d'une cible (2026).",
      '0.perBuyer.0.targets.1.year': "L'année de la cible doit être dans la période du schéma (de 2026 à 2028).",
      '0.perBuyer.0.values.0.year': "L'année d'une valeur suivie doit être dans la période du schéma (de 2026 à 2028).",
      '0.perBuyer.1.organisationId': 'Cet acheteur ne fait pas partie du schéma.',
    });
    expect((await writer.agent.get(`/api/spasers/${id}`)).json().sections.indicators).toMatchObject({ version: 0, body: [] });
  });

  it('a joint schéma of an EPCI and two of its communes: each joins when its member accepts; indicators per buyer; the check, then adoption', async () => {
    const { epci, communeA, communeB, writer, colleague, memberA, memberB, id } = await setup();
    for (const o of [communeA, communeB]) expect((await writer.agent.post(`/api/spasers/${id}/buyers`, { organisationId: o.id })).statusCode).toBe(201);
    expect((await writer.agent.post(`/api/spasers/${id}/buyers`, { organisationId: communeA.id })).json().error).toBe('SPASER_BUYER_EXISTS');
    // An invited commune's member reads the schéma it is asked to join; a member of another commune cannot accept for it.
    expect((await memberA.agent.get(`/api/spasers/${id}`)).json().buyers.map((b: any) => [b.name, b.lead, b.status])).toEqual([
      ['Communauté de communes du Val', true, 'accepted'],
      ['Valbourg', false, 'invited'],
      ['Valmont', false, 'invited'],
    ]);
    expect((await memberB.agent.post(`/api/spasers/${id}/buyers/${communeA.id}/accept`)).statusCode).toBe(403);
    expect((await memberA.agent.post(`/api/spasers/${id}/buyers/${communeA.id}/accept`)).statusCode).toBe(200);
    expect((await memberB.agent.post(`/api/spasers/${id}/buyers/${communeB.id}/accept`)).statusCode).toBe(200);
    expect((await memberB.agent.post(`/api/spasers/${id}/buyers/${communeB.id}/accept`)).json().error).toBe('SPASER_BUYER_NOT_INVITED');

    const save = async (section: string, body: unknown) => {
      const current = (await writer.agent.get(`/api/spasers/${id}`)).json().sections[section].version;
      const res = await writer.agent.put(`/api/spasers/${id}/sections/${section}`, { version: current, body });
      expect(res.statusCode, res.body).toBe(200);
    };
    const check = async () => (await writer.agent.get(`/api/spasers/${id}`)).json().check;
    const before = await check();
    expect([before.at, before.met, before.applicable]).toEqual(['2026-06-01', 0, 9]);

    const figures = (orgId: string, baseline: number) => ({ organisationId: orgId, baseline: { year: 2026, value: baseline }, targets: [{ year: 2028, value: baseline + 10 }] });
    await save('axes', axes);
    await save('governance', { monitoring: 'Bilan annuel au comité de pilotage.', reviewCadenceMonths: 12 });
    await save('publication', { url: 'https://www.val.example/spaser', indicatorsEveryMonths: 24 });
    // The commune Valbourg has no figures yet for the ESUS indicator.
    await save('indicators', [
      { id: 'i1', name: 'Part des marchés avec une considération sociale', category: 'social_consideration', unit: 'pct_contracts', definition: 'Marchés avec une considération sociale / marchés notifiés (DECP).', perBuyer: [figures(epci.id, 20), figures(communeA.id, 5), figures(communeB.id, 8)] },
      { id: 'i2', name: 'Achats auprès des ESUS', category: 'esus', unit: 'euros', definition: 'Montant HT payé aux ESUS.', perBuyer: [figures(epci.id, 100_000), figures(communeA.id, 10_000)] },
      { id: 'i3', name: 'Marchés réservés', category: 'reserved_contracts', unit: 'contracts', definition: 'Nombre de marchés réservés notifiés.', perBuyer: [figures(epci.id, 2), figures(communeA.id, 1), figures(communeB.id, 0)] },
    ]);
    let result = await check();
    expect(result.items.filter((i: any) => i.status !== 'met').map((i: any) => [i.id, i.detail])).toEqual([
      ['joint_indicators_per_buyer', 'Indicateurs sans référence ni cible pour Valbourg : « Achats auprès des ESUS ».'],
    ]);
    // The values are kept per buyer, as saved.
    const saved = (await memberB.agent.get(`/api/spasers/${id}`)).json().sections.indicators.body;
    expect(saved[0].perBuyer.map((b: any) => [b.organisationId, b.baseline.value])).toEqual([[epci.id, 20], [communeA.id, 5], [communeB.id, 8]]);
    const indicators = saved.map((i: any) => (i.id === 'i2' ? { ...i, perBuyer: [...i.perBuyer, figures(communeB.id, 0)] } : i));
    await save('indicators', indicators);
    result = await check();
    expect([result.met, result.applicable]).toEqual([9, 9]);

    // Adoption: date and reference required, per field; then every buyer's status follows.
    const noRef = await writer.agent.post(`/api/spasers/${id}/adoption`, { adoptedOn: '2026-05-20', reference: '' });
    expect(noRef.json().fields).toEqual({ reference: 'Indiquez la référence de la délibération ou de la décision.' });
    const future = await writer.agent.post(`/api/spasers/${id}/adoption`, { adoptedOn: '2026-07-01', reference: 'Délibération n° 2026-42' });
    expect(future.json().fields).toEqual({ adoptedOn: "La date d'adoption ne peut être dans le futur." });
    // A reader (a colleague never made editor) cannot adopt; whoever accepted for a commune became an editor.
    expect((await colleague.agent.post(`/api/spasers/${id}/adoption`, { adoptedOn: '2026-05-20', reference: 'Délibération n° 2026-42' })).json().error).toBe('SPASER_EDIT_FORBIDDEN');
    expect((await memberA.agent.get(`/api/spasers/${id}`)).json().canEdit).toBe(true);
    expect((await writer.agent.post(`/api/spasers/${id}/adoption`, { adoptedOn: '2026-05-20', reference: 'Délibération n° 2026-42' })).statusCode).toBe(200);
    const adopted = (await writer.agent.get(`/api/spasers/${id}`)).json();
    expect([adopted.status, adopted.adoptedOn, adopted.adoptionReference, adopted.check.at]).toEqual(['adopted', '2026-05-20', 'Délibération n° 2026-42', '2026-05-20']);
    for (const o of [epci, communeA, communeB]) {
      const page = (await t.agent().get(`/api/organisations/${o.id}`)).json();
      expect([o.name, page.spaserStatus, page.spaserUrl, page.spaserAdoptedOn]).toEqual([o.name, 'adopted', 'https://www.val.example/spaser', '2026-05-20']);
    }
    expect((await writer.agent.post(`/api/spasers/${id}/adoption`, { adoptedOn: '2026-05-21', reference: 'Autre' })).json().error).toBe('SPASER_ALREADY_ADOPTED');
  });
});

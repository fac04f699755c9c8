import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import type { SpaserDocument } from './document.contract.js';
import { spaserContent } from './spaser.content.js';
import { compareDocuments } from './versions.js';

// Versions of a SPASER (issue 19, item 1): the comparison of two constructed documents with the
// differences worked out by hand, then the routes through HTTP (who sees which version, bad input).

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

function doc(over: Partial<SpaserDocument>, content: unknown): SpaserDocument {
  return {
    spaserId: 's1',
    title: 'SPASER commun de Valmont et Brissac',
    status: 'published',
    periodStart: 2026,
    periodEnd: 2028,
    adoptedOn: '2026-05-20',
    adoptionReference: 'Délibération 2026-42',
    buyers: [
      { organisationId: A, name: 'Valmont', siren: null, lead: true },
      { organisationId: B, name: 'Brissac', siren: null, lead: false },
    ],
    content: spaserContent.parse(content),
    // The comparison never reads the legal check.
    check: { at: '2026-05-20', met: 0, applicable: 0, items: [] },
    publication: null,
    ...over,
  };
}

const partSociale = (targetA2028: number) => ({
  id: 'i1',
  name: 'Part sociale',
  category: 'social_consideration',
  unit: 'pct_contracts',
  perBuyer: [
    { organisationId: A, baseline: { year: 2026, value: 12.5 }, targets: [{ year: 2027, value: 20 }, { year: 2028, value: targetA2028 }] },
    { organisationId: B, targets: [{ year: 2028, value: 25 }] },
  ],
});
const partEnvironnementale = { id: 'i3', name: 'Part environnementale', category: 'environmental_consideration', unit: 'pct_contracts', perBuyer: [{ organisationId: A, targets: [{ year: 2028, value: 40 }] }] };

const before = doc({}, {
  preamble: 'Préambule',
  axes: [
    {
      id: 'a1',
      title: 'Inclusion',
      objectives: [{ id: 'o1', title: 'Clauses d’insertion', tags: ['social_insertion', 'esus'], actions: [{ id: 'x1', title: 'Clause dans les travaux' }, { id: 'x2', title: 'Marchés réservés' }] }],
    },
    { id: 'a2', title: 'Transition écologique', objectives: [{ id: 'o2', title: 'Critère environnemental', tags: ['ecological'] }] },
    { id: 'a3', title: 'Économie circulaire', objectives: [{ id: 'o3', title: 'Réemploi', tags: ['circular_economy'] }] },
  ],
  indicators: [partSociale(30), { id: 'i2', name: 'Heures d’insertion', category: 'insertion', unit: 'hours', perBuyer: [{ organisationId: A, targets: [{ year: 2028, value: 5000 }] }] }, partEnvironnementale],
});

const after = doc({ adoptedOn: '2027-03-10', adoptionReference: 'Délibération 2027-07' }, {
  preamble: 'Préambule révisé',
  axes: [
    {
      id: 'a1',
      title: 'Inclusion',
      objectives: [
        {
          id: 'o1',
          title: 'Clauses sociales d’insertion',
          // The same tags in another order: not a change.
          tags: ['esus', 'social_insertion'],
          actions: [{ id: 'x1', title: 'Clause dans les travaux' }, { id: 'x2', title: 'Marchés réservés', status: 'in_progress' }, { id: 'x4', title: 'Facilitateur de clauses' }],
        },
      ],
    },
    { id: 'a2', title: 'Transition écologique et climat', objectives: [{ id: 'o2', title: 'Critère environnemental', tags: ['ecological'] }] },
    { id: 'a4', title: 'Numérique responsable', objectives: [{ id: 'o4', title: 'Sobriété numérique', tags: ['ecological'], actions: [{ id: 'x5', title: 'Reconditionné' }] }] },
  ],
  indicators: [partSociale(35), partEnvironnementale, { id: 'i4', name: 'Achats auprès des ESUS', category: 'esus', unit: 'euros', perBuyer: [{ organisationId: B, targets: [{ year: 2028, value: 100000 }] }] }],
});

describe('compareDocuments', () => {
  it('finds, by id, what was added, removed and changed between two versions', () => {
    // Every default (owner '', deadline null, status planned…) written out: what the builder stores.
    const action = (id: string, title: string, status = 'planned') => ({ id, title, owner: '', deadline: null, status, families: [], tags: [] });
    expect(compareDocuments(before, after)).toEqual({
      header: [
        { field: 'adoptedOn', from: '2026-05-20', to: '2027-03-10' },
        { field: 'adoptionReference', from: 'Délibération 2026-42', to: 'Délibération 2027-07' },
      ],
      buyers: { added: [], removed: [] },
      axes: {
        added: [{ id: 'a4', title: 'Numérique responsable' }],
        removed: [{ id: 'a3', title: 'Économie circulaire' }],
        changed: [{ id: 'a2', title: 'Transition écologique et climat', fields: [{ field: 'title', from: 'Transition écologique', to: 'Transition écologique et climat' }] }],
        // a1: its title is the same (its objective changed, counted with the objectives).
        unchanged: 1,
      },
      objectives: {
        added: [{ axisId: 'a4', axisTitle: 'Numérique responsable', objective: { id: 'o4', title: 'Sobriété numérique', tags: ['ecological'], actions: [action('x5', 'Reconditionné')] } }],
        removed: [{ axisId: 'a3', axisTitle: 'Économie circulaire', objective: { id: 'o3', title: 'Réemploi', tags: ['circular_economy'], actions: [] } }],
        changed: [
          {
            id: 'o1',
            title: 'Clauses sociales d’insertion',
            axisTitle: 'Inclusion',
            fields: [{ field: 'title', from: 'Clauses d’insertion', to: 'Clauses sociales d’insertion' }],
            actions: {
              added: [action('x4', 'Facilitateur de clauses')],
              removed: [],
              changed: [{ id: 'x2', title: 'Marchés réservés', fields: [{ field: 'status', from: 'planned', to: 'in_progress' }] }],
            },
          },
        ],
        // o2: same title and tags; its axis was renamed but is the same axis (same id).
        unchanged: 1,
      },
      indicators: {
        added: [{ id: 'i4', name: 'Achats auprès des ESUS', category: 'esus', unit: 'euros', definition: '', objectiveId: null, catalogueKey: null, perBuyer: [{ organisationId: B, baseline: null, targets: [{ year: 2028, value: 100000 }], values: [] }] }],
        removed: [{ id: 'i2', name: 'Heures d’insertion', category: 'insertion', unit: 'hours', definition: '', objectiveId: null, catalogueKey: null, perBuyer: [{ organisationId: A, baseline: null, targets: [{ year: 2028, value: 5000 }], values: [] }] }],
        // Valmont's 2028 target went from 30 to 35; its 2027 target, its baseline and Brissac's figures did not move.
        changed: [{ id: 'i1', name: 'Part sociale', fields: [], perBuyer: [{ organisationId: A, name: 'Valmont', state: 'changed', baseline: null, targets: [{ year: 2028, from: 30, to: 35 }], values: [] }] }],
        unchanged: 1,
      },
      sections: ['preamble'],
      identical: false,
    });
  });

  it('reads the comparison the other way round, sees a moved objective and per-buyer figures, and nothing between equal documents', () => {
    const back = compareDocuments(after, before);
    expect(back.axes.added.map((a) => a.id)).toEqual(['a3']);
    expect(back.axes.removed.map((a) => a.id)).toEqual(['a4']);
    expect(back.indicators.changed[0]!.perBuyer[0]!.targets).toEqual([{ year: 2028, from: 35, to: 30 }]);

    // o2 moved from a2 to a1, Brissac's figures dropped, a value entered for Valmont in 2027, a baseline changed.
    const moved = doc({}, {
      axes: [
        { id: 'a1', title: 'Inclusion', objectives: [{ id: 'o2', title: 'Critère environnemental', tags: ['ecological'] }] },
        { id: 'a2', title: 'Transition écologique', objectives: [] },
      ],
      indicators: [{ ...partSociale(30), perBuyer: [{ organisationId: A, baseline: { year: 2026, value: 10 }, targets: [{ year: 2027, value: 20 }, { year: 2028, value: 30 }], values: [{ year: 2027, value: 18 }] }] }],
    });
    const start = doc({}, {
      axes: [
        { id: 'a1', title: 'Inclusion', objectives: [] },
        { id: 'a2', title: 'Transition écologique', objectives: [{ id: 'o2', title: 'Critère environnemental', tags: ['ecological'] }] },
      ],
      indicators: [partSociale(30)],
    });
    const c = compareDocuments(start, moved);
    expect(c.objectives.changed).toEqual([
      { id: 'o2', title: 'Critère environnemental', axisTitle: 'Inclusion', fields: [{ field: 'axis', from: { id: 'a2', title: 'Transition écologique' }, to: { id: 'a1', title: 'Inclusion' } }], actions: { added: [], removed: [], changed: [] } },
    ]);
    expect(c.indicators.changed).toEqual([
      {
        id: 'i1',
        name: 'Part sociale',
        fields: [],
        perBuyer: [
          { organisationId: A, name: 'Valmont', state: 'changed', baseline: { from: { year: 2026, value: 12.5 }, to: { year: 2026, value: 10 } }, targets: [], values: [{ year: 2027, from: null, to: 18 }] },
          { organisationId: B, name: 'Brissac', state: 'removed', baseline: null, targets: [{ year: 2028, from: 25, to: null }], values: [] },
        ],
      },
    ]);
    expect(c.identical).toBe(false);

    const same = compareDocuments(before, doc({}, JSON.parse(JSON.stringify(before.content))));
    expect(same.identical).toBe(true);
    expect(same.axes).toEqual({ added: [], removed: [], changed: [], unchanged: 3 });
    expect(same.indicators.unchanged).toBe(3);
  });
});

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
});
afterAll(() => t?.close());

const anonymous = () => t.agent();

async function setup(name: string) {
  const org = await t.createOrganisation({ name, kind: 'commune' });
  const writer = await t.loggedIn({ verifiedIn: [org.id] });
  const colleague = await t.loggedIn({ verifiedIn: [org.id] });
  const created = await writer.agent.post('/api/spasers', { organisationId: org.id, title: `SPASER de ${name}`, periodStart: 2026, periodEnd: 2028 });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const save = async (section: string, body: unknown) => {
    const version = (await writer.agent.get(`/api/spasers/${id}`)).json().sections[section].version;
    const res = await writer.agent.put(`/api/spasers/${id}/sections/${section}`, { version, body });
    expect(res.statusCode, res.body).toBe(200);
  };
  await save('axes', [{ id: 'a1', title: 'Inclusion', objectives: [{ id: 'o1', title: 'Clauses d’insertion', tags: ['social_insertion'], actions: [] }] }]);
  await save('indicators', [
    { id: 'i1', name: 'Part sociale', category: 'social_consideration', unit: 'pct_contracts', perBuyer: [{ organisationId: org.id, targets: [{ year: 2028, value: 30 }] }] },
  ]);
  return { org, writer, colleague, id, save };
}

describe('versions through HTTP', () => {
  it('revises a published schéma without touching the published version, then publishes the revision as version 2; anyone compares the two', async () => {
    const { org, writer, colleague, id, save } = await setup('Valmont');
    // Nothing published: the versions of a draft are nobody's but its readers'.
    expect((await anonymous().get(`/api/spasers/${id}/versions`)).statusCode).toBe(404);
    // Only an adopted schéma is revised.
    const early = await writer.agent.post(`/api/spasers/${id}/revision`);
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toBe('Seul un SPASER adopté ou publié peut être mis en révision.');

    expect((await writer.agent.post(`/api/spasers/${id}/adoption`, { adoptedOn: '2026-05-20', reference: 'Délibération 2026-42' })).statusCode).toBe(200);
    const v1 = await writer.agent.post(`/api/spasers/${id}/publication`);
    expect(v1.statusCode, v1.body).toBe(201);
    const { path } = v1.json();

    // A reader who is not an editor cannot start the revision; an editor can, once.
    expect((await colleague.agent.post(`/api/spasers/${id}/revision`)).statusCode).toBe(403);
    expect((await writer.agent.post(`/api/spasers/${id}/revision`)).statusCode).toBe(200);
    expect((await writer.agent.get(`/api/spasers/${id}`)).json().status).toBe('in_revision');
    const twice = await writer.agent.post(`/api/spasers/${id}/revision`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toBe('Ce SPASER est déjà en révision.');
    // The organisation keeps its adopted schéma in force during the revision.
    expect((await anonymous().get(`/api/organisations/${org.id}`)).json().spaserStatus).toBe('in_revision');

    // The revision: o1 renamed, an axis added, the target raised.
    await save('axes', [
      { id: 'a1', title: 'Inclusion', objectives: [{ id: 'o1', title: 'Clauses sociales', tags: ['social_insertion'], actions: [] }] },
      { id: 'a2', title: 'Climat', objectives: [] },
    ]);
    await save('indicators', [
      { id: 'i1', name: 'Part sociale', category: 'social_consideration', unit: 'pct_contracts', perBuyer: [{ organisationId: org.id, targets: [{ year: 2028, value: 35 }] }] },
    ]);
    // The published page did not move.
    const page = (await anonymous().get(path)).body;
    expect(page).toContain('Clauses d’insertion');
    expect(page).not.toContain('Clauses sociales');

    // The working version: its editors compare it; a reader who is not an editor and anyone else are refused.
    const mine = await writer.agent.get(`/api/spasers/${id}/versions/compare?from=1&to=working`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().changes.objectives.changed.map((o: any) => o.fields)).toEqual([[{ field: 'title', from: 'Clauses d’insertion', to: 'Clauses sociales' }]]);
    for (const who of [colleague.agent, anonymous()]) {
      const refused = await who.get(`/api/spasers/${id}/versions/compare?from=1&to=working`);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().message).toBe('Seuls les rédacteurs de ce SPASER voient sa version de travail.');
    }

    // Adopted again: not before the version it replaces; then published as version 2.
    const backwards = await writer.agent.post(`/api/spasers/${id}/adoption`, { adoptedOn: '2026-05-01', reference: 'Délibération 2026-50' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().fields.adoptedOn).toBe('La révision ne peut être adoptée avant la version qu’elle remplace (adoptée le 20/05/2026).');
    expect((await writer.agent.get(`/api/spasers/${id}`)).json().status).toBe('in_revision');
    expect((await writer.agent.post(`/api/spasers/${id}/adoption`, { adoptedOn: '2026-05-30', reference: 'Délibération 2026-50' })).statusCode).toBe(200);
    const v2 = await writer.agent.post(`/api/spasers/${id}/publication`);
    expect(v2.json()).toEqual({ path, version: 2 });
    expect((await writer.agent.get(`/api/spasers/${id}`)).json().status).toBe('published');

    // Anyone lists the two published versions (no working version) and compares them.
    const list = await anonymous().get(`/api/spasers/${id}/versions`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().versions.map((v: any) => [v.key, v.adoptedOn, v.adoptionReference, v.withdrawn])).toEqual([
      ['1', '2026-05-20', 'Délibération 2026-42', false],
      ['2', '2026-05-30', 'Délibération 2026-50', false],
    ]);
    expect(list.json().canEdit).toBe(false);
    expect((await writer.agent.get(`/api/spasers/${id}/versions`)).json().versions.map((v: any) => v.key)).toEqual(['1', '2', 'working']);

    const compared = await anonymous().get(`/api/spasers/${id}/versions/compare?from=1&to=2`);
    expect(compared.statusCode, compared.body).toBe(200);
    const c = compared.json();
    expect([c.from.version, c.to.version]).toEqual([1, 2]);
    expect(c.changes.header).toEqual([
      { field: 'adoptedOn', from: '2026-05-20', to: '2026-05-30' },
      { field: 'adoptionReference', from: 'Délibération 2026-42', to: 'Délibération 2026-50' },
    ]);
    expect(c.changes.axes).toEqual({ added: [{ id: 'a2', title: 'Climat' }], removed: [], changed: [], unchanged: 1 });
    expect(c.changes.objectives.changed).toEqual([
      { id: 'o1', title: 'Clauses sociales', axisTitle: 'Inclusion', fields: [{ field: 'title', from: 'Clauses d’insertion', to: 'Clauses sociales' }], actions: { added: [], removed: [], changed: [] } },
    ]);
    expect(c.changes.indicators.changed).toEqual([
      { id: 'i1', name: 'Part sociale', fields: [], perBuyer: [{ organisationId: org.id, name: 'Valmont', state: 'changed', baseline: null, targets: [{ year: 2028, from: 30, to: 35 }], values: [] }] },
    ]);
    // Nothing private in a public comparison.
    expect(compared.body).not.toMatch(/editors|evidenceFiles|email/);
  });

  it('refuses versions of another schéma, unknown versions and bad input in French, and changes nothing', async () => {
    const one = await setup('Brissac');
    const other = await setup('Corlay');
    for (const s of [one, other]) {
      await s.writer.agent.post(`/api/spasers/${s.id}/adoption`, { adoptedOn: '2026-05-20', reference: 'Délibération 2026-1' });
      expect((await s.writer.agent.post(`/api/spasers/${s.id}/publication`)).statusCode).toBe(201);
    }
    const otherVersion = (await anonymous().get(`/api/spasers/${other.id}/versions`)).json().versions[0];
    const oneVersion = (await anonymous().get(`/api/spasers/${one.id}/versions`)).json().versions[0];
    expect(otherVersion.id).toMatch(/^[0-9a-f-]{36}$/);

    // A version of Corlay's schéma asked under Brissac's.
    const mixed = await anonymous().get(`/api/spasers/${one.id}/versions/compare?from=1&to=${otherVersion.id}`);
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json()).toMatchObject({
      error: 'SPASER_VERSION_OTHER_SPASER',
      message: 'Ces deux versions n’appartiennent pas au même SPASER : on ne compare que deux versions d’un même schéma.',
      fields: { to: 'Cette version appartient à un autre SPASER : on ne compare que deux versions d’un même schéma.' },
    });
    // Its own version by id is accepted.
    expect((await anonymous().get(`/api/spasers/${one.id}/versions/compare?from=${oneVersion.id}&to=1`)).json().changes.identical).toBe(true);

    const unknown = await anonymous().get(`/api/spasers/${one.id}/versions/compare?from=1&to=7`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().fields).toEqual({ to: 'La version « 7 » de ce SPASER n’existe pas, ou elle n’est pas publique.' });

    const bad = await anonymous().get(`/api/spasers/${one.id}/versions/compare?from=v1`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual({
      from: 'Indiquez le numéro d’une version publiée (1, 2…), « working » pour la version de travail, ou l’identifiant d’une version.',
      to: 'Choisissez la version à comparer.',
    });

    // Nothing changed: the same two versions, the same statuses.
    for (const s of [one, other]) {
      expect((await s.writer.agent.get(`/api/spasers/${s.id}/versions`)).json().versions.map((v: any) => v.key)).toEqual(['1', 'working']);
      expect((await s.writer.agent.get(`/api/spasers/${s.id}`)).json().status).toBe('published');
    }

    // A withdrawn version is no longer public; its readers still see it, marked.
    expect((await one.writer.agent.delete(`/api/spasers/${one.id}/publication`)).statusCode).toBe(200);
    expect((await anonymous().get(`/api/spasers/${one.id}/versions`)).statusCode).toBe(404);
    expect((await one.colleague.agent.get(`/api/spasers/${one.id}/versions`)).json().versions).toMatchObject([{ key: '1', withdrawn: true }]);
  });
});

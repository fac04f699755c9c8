import { describe, expect, it } from 'vitest';
import { checkSpaser, ruleIds, type CheckContext, type RuleId } from './legal-check.js';
import { spaserContent, type SpaserContent } from './spaser.content.js';

// Issue 17, item 5: one test per checklist item that makes it pass and fail, the check at dates before
// the laws that added items, and a joint schéma whose indicators are kept per buyer.

const EPCI = { id: 'org-epci', name: 'Communauté de communes du Val' };
const COMMUNE_A = { id: 'org-a', name: 'Commune A' };
const COMMUNE_B = { id: 'org-b', name: 'Commune B' };
const TODAY = '2026-12-05';
const alone: CheckContext = { at: TODAY, buyers: [EPCI] };

/** A schéma that meets every item, for the buyers given; each test takes one thing away. */
function complete(buyers = [EPCI]): SpaserContent {
  const figures = buyers.map((b) => ({ organisationId: b.id, baseline: { year: 2024, value: 12 }, targets: [{ year: 2027, value: 30 }] }));
  return spaserContent.parse({
    axes: [
      {
        id: 'a1',
        title: 'Inclusion sociale',
        objectives: [
          { id: 'o1', title: 'Développer les clauses d’insertion', tags: ['social_insertion'], actions: [{ id: 'x1', title: 'Clause dans les marchés de travaux' }] },
        ],
      },
      {
        id: 'a2',
        title: 'Transition écologique',
        objectives: [
          { id: 'o2', title: 'Critère environnemental partout', tags: ['ecological'], actions: [{ id: 'x2', title: 'Modèle de RC avec critère' }] },
          { id: 'o3', title: 'Réemploi du mobilier', tags: [], actions: [{ id: 'x3', title: 'Marché de mobilier de réemploi', tags: ['circular_economy'] }] },
        ],
      },
    ],
    indicators: [
      { id: 'i1', name: 'Part des marchés avec une considération sociale', category: 'social_consideration', unit: 'pct_contracts', definition: 'Marchés notifiés avec au moins une considération sociale / marchés notifiés (DECP).', perBuyer: figures },
      { id: 'i2', name: 'Achats auprès des ESUS', category: 'esus', unit: 'euros', definition: 'Montant HT payé aux ESUS agréées.', perBuyer: figures },
      { id: 'i3', name: "Heures d'insertion", category: 'insertion', unit: 'hours', definition: "Heures d'insertion réalisées.", perBuyer: figures },
    ],
    governance: { steeringCommittee: 'Élus et direction de la commande publique', reviewCadenceMonths: 12, monitoring: 'Bilan annuel présenté au comité de pilotage.' },
    publication: { url: 'https://www.val.example/spaser', indicatorsEveryMonths: 24 },
  });
}

const statusOf = (content: SpaserContent, ctx: CheckContext = alone) => Object.fromEntries(checkSpaser(content, ctx).items.map((i) => [i.id, i.status])) as Record<RuleId, string>;
const item = (content: SpaserContent, id: RuleId, ctx: CheckContext = alone) => checkSpaser(content, ctx).items.find((i) => i.id === id)!;

/** Checks that only `id` went from met to missing, with the French detail given. */
function expectOnlyMissing(content: SpaserContent, id: RuleId, detail: string, ctx: CheckContext = alone) {
  const result = checkSpaser(content, ctx);
  const missing = result.items.filter((i) => i.status === 'missing');
  expect(missing.map((i) => [i.id, i.detail])).toEqual([[id, detail]]);
  expect([result.met, result.applicable]).toEqual([result.applicable - 1, ruleIds.length - (ctx.buyers.length < 2 ? 1 : 0)]);
}

describe('legal check of a SPASER (L2111-3 CCP)', () => {
  it('a complete schéma of one buyer meets every item; the joint-schéma item does not concern it', () => {
    const result = checkSpaser(complete(), alone);
    expect(result.items.map((i) => i.id)).toEqual([...ruleIds]);
    expect(result.items.filter((i) => i.status !== 'met').map((i) => [i.id, i.status, i.detail])).toEqual([
      ['joint_indicators_per_buyer', 'not_applicable', 'Le schéma concerne un seul acheteur.'],
    ]);
    expect([result.met, result.applicable]).toEqual([8, 8]);
  });

  it('social objectives: met by a tagged objective or action, missing without', () => {
    const c = complete();
    c.axes[0]!.objectives[0]!.tags = [];
    expectOnlyMissing(c, 'social_objectives', "Aucun objectif ni aucune action n'est rattaché à l'insertion de travailleurs handicapés ou défavorisés.");
    c.axes[0]!.objectives[0]!.actions[0]!.tags = ['social_insertion'];
    expect(statusOf(c).social_objectives).toBe('met');
  });

  it('social objectives are read from tags, never from words in the text', () => {
    const c = complete();
    c.axes[0]!.objectives[0]!.tags = [];
    c.axes[0]!.objectives[0]!.title = 'Insertion de travailleurs handicapés ou défavorisés';
    expect(statusOf(c).social_objectives).toBe('missing');
  });

  it('ecological objectives: met, then missing', () => {
    const c = complete();
    expect(statusOf(c).ecological_objectives).toBe('met');
    c.axes[1]!.objectives[0]!.tags = [];
    expectOnlyMissing(c, 'ecological_objectives', "Aucun objectif ni aucune action n'est rattaché à la dimension écologique.");
  });

  it('circular economy: met by an action, or by an indicator of that category; missing without; marked unverified', () => {
    const c = complete();
    c.axes[1]!.objectives[1]!.actions[0]!.tags = [];
    expectOnlyMissing(c, 'circular_economy', "Aucun objectif, aucune action ni aucun indicateur n'est rattaché à l'économie circulaire.");
    c.indicators[0]!.category = 'circular_economy';
    expect(statusOf(c).circular_economy).toBe('met');
    expect(item(c, 'circular_economy').unverified).toMatch(/n'est pas établie par nos sources/);
  });

  it('implementation and annual monitoring: each objective has an action, a described follow-up reviewed at least yearly', () => {
    const c = complete();
    c.axes[1]!.objectives[0]!.actions = [];
    c.governance.reviewCadenceMonths = 18;
    expectOnlyMissing(
      c,
      'implementation_and_monitoring',
      "Un objectif n'a aucune action (« Critère environnemental partout ») ; le suivi est revu tous les 18 mois, moins d'une fois par an.",
    );
    const d = complete();
    d.governance.monitoring = '  ';
    d.governance.reviewCadenceMonths = null;
    expectOnlyMissing(d, 'implementation_and_monitoring', "Les modalités de suivi ne sont pas décrites ; la fréquence de revue n'est pas indiquée.");
  });

  it('precise indicators: in number of contracts or value, defined, with a baseline', () => {
    const c = complete();
    // Only the social share and the ESUS amount are in the law's units; without a definition or baseline they do not count.
    c.indicators[0]!.definition = '';
    c.indicators[1]!.perBuyer[0]!.baseline = null;
    expectOnlyMissing(c, 'precise_indicators', "Les indicateurs en nombre de contrats ou en valeur n'ont pas de définition ou pas de valeur de référence.");
    c.indicators[0]!.unit = 'hours';
    c.indicators[1]!.unit = 'tco2e';
    expect(item(c, 'precise_indicators').detail).toBe("Aucun indicateur n'est exprimé en nombre de contrats ou en valeur (part des contrats, part en valeur, nombre de contrats, euros).");
    c.indicators[1]!.unit = 'pct_value';
    c.indicators[1]!.perBuyer[0]!.baseline = { year: 2024, value: 3, source: '', evidence: '', evidenceFileId: null, overrideReason: null, decp: null };
    expect(statusOf(c).precise_indicators).toBe('met');
  });

  it('indicators published at least every two years', () => {
    const c = complete();
    c.publication.indicatorsEveryMonths = 36;
    expectOnlyMissing(c, 'indicators_every_two_years', 'Les indicateurs sont publiés tous les 36 mois : il faut au moins tous les deux ans (24 mois).');
    c.publication.indicatorsEveryMonths = null;
    expect(item(c, 'indicators_every_two_years').detail).toBe("La fréquence de publication des indicateurs n'est pas indiquée.");
    c.publication.indicatorsEveryMonths = 12;
    expect(statusOf(c).indicators_every_two_years).toBe('met');
  });

  it('target objectives: ESUS and firms employing disadvantaged people each need a target', () => {
    const c = complete();
    c.indicators[1]!.perBuyer[0]!.targets = [];
    c.indicators[2]!.category = 'other';
    expectOnlyMissing(
      c,
      'target_objectives',
      "Aucun indicateur « achats auprès des ESUS » n'a de cible ; aucun indicateur d'insertion ou de marchés réservés (entreprises employant des personnes défavorisées) n'a de cible.",
    );
    c.indicators[1]!.perBuyer[0]!.targets = [{ year: 2027, value: 1_000_000 }];
    c.indicators[2]!.category = 'reserved_contracts';
    expect(statusOf(c).target_objectives).toBe('met');
  });

  it('online publication', () => {
    const c = complete();
    c.publication.url = null;
    expectOnlyMissing(c, 'online_publication', "L'adresse de publication du schéma sur le site de l'acheteur n'est pas indiquée.");
  });

  it('a joint schéma of an EPCI and two communes: indicators established for each buyer', () => {
    const buyers = [EPCI, COMMUNE_A, COMMUNE_B];
    const joint: CheckContext = { at: TODAY, buyers };
    const c = complete(buyers);
    expect(statusOf(c, joint).joint_indicators_per_buyer).toBe('met');
    // Commune B's figures for two indicators are removed: named in the detail, the others unchanged.
    for (const i of [c.indicators[0]!, c.indicators[2]!]) i.perBuyer = i.perBuyer.filter((p) => p.organisationId !== COMMUNE_B.id);
    expectOnlyMissing(
      c,
      'joint_indicators_per_buyer',
      'Indicateurs sans référence ni cible pour Commune B : « Part des marchés avec une considération sociale », « Heures d\'insertion ».',
      joint,
    );
  });

  it('at a date before 25 Oct 2023 the joint-schéma item does not apply; before 22 Aug 2021 neither do indicators and publication', () => {
    const buyers = [EPCI, COMMUNE_A];
    const empty = spaserContent.parse({ indicators: [] });
    const in2022 = checkSpaser(empty, { at: '2022-06-30', buyers });
    expect(in2022.items.find((i) => i.id === 'joint_indicators_per_buyer')).toMatchObject({ status: 'not_applicable', detail: "Cette exigence s'applique depuis le 25 octobre 2023." });
    expect(in2022.items.filter((i) => i.status === 'missing').map((i) => i.id)).toEqual([
      'social_objectives', 'ecological_objectives', 'circular_economy', 'implementation_and_monitoring',
      'precise_indicators', 'indicators_every_two_years', 'target_objectives', 'online_publication',
    ]);
    const in2020 = checkSpaser(empty, { at: '2020-01-15', buyers });
    expect(in2020.items.filter((i) => i.status === 'not_applicable').map((i) => i.id)).toEqual([
      'precise_indicators', 'indicators_every_two_years', 'target_objectives', 'online_publication', 'joint_indicators_per_buyer',
    ]);
    expect([in2020.met, in2020.applicable]).toEqual([0, 4]);
    // In 2015 before the LTECV (17 Aug), only the social objectives applied (loi ESS, 31 Jul 2014).
    const in2015 = checkSpaser(empty, { at: '2015-03-01', buyers: [EPCI] });
    expect(in2015.items.filter((i) => i.status !== 'not_applicable').map((i) => i.id)).toEqual(['social_objectives']);
  });

  it('every item names its legal basis, its date and the section where it is filled', () => {
    for (const i of checkSpaser(complete(), alone).items) {
      expect(i.basis).toMatch(/L2111-3/);
      expect(i.appliesFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['axes', 'indicators', 'governance', 'publication']).toContain(i.section);
    }
  });
});

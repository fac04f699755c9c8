import { spaserDocument, type SpaserDocument } from '../document.contract.js';

// SPASER documents for the exports' tests and benchmark (issue 18), written by hand and parsed with
// the contract, so they hold what the real builder of documents gives (defaults included).

const RENNES = '11111111-1111-4111-8111-111111111111';
const METROPOLE = '22222222-2222-4222-8222-222222222222';

/** A joint schéma of two buyers: two axes, two indicators with figures for each, a checklist with met and missing items. */
export function jointSpaser(): SpaserDocument {
  return spaserDocument.parse({
    spaserId: '33333333-3333-4333-8333-333333333333',
    title: 'SPASER 2024-2026 : cœur d’agglomération — Ville de Rennes',
    status: 'published',
    periodStart: 2024,
    periodEnd: 2026,
    adoptedOn: '2024-03-12',
    adoptionReference: 'délibération n° 2024-0042',
    buyers: [
      { organisationId: RENNES, name: 'Ville de Rennes', siren: '213502388', lead: true },
      { organisationId: METROPOLE, name: 'Rennes Métropole', siren: '243500139', lead: false },
    ],
    content: {
      preamble: 'La Ville s’engage pour des achats « responsables » : 100 € sur 3 dépensés localement.\nUne œuvre commune aux deux acheteurs.',
      diagnostic: {
        text: 'Les marchés de travaux représentent l’essentiel de la dépense.',
        maturity: 3,
        mapping: [{ id: 'm1', organisationId: METROPOLE, by: 'cpv_division', family: '45 — Travaux de construction', year: 2023, contracts: 42, amount: 1250000, comment: 'Levier principal' }],
      },
      axes: [
        {
          id: 'a1',
          title: 'Achats écologiques et économie circulaire',
          objectives: [
            {
              id: 'o11',
              title: 'Réduire l’empreinte carbone des marchés de travaux',
              tags: ['ecological'],
              actions: [
                { id: 'x111', title: 'Clause de réemploi des matériaux « bas carbone »', owner: 'Direction des bâtiments', deadline: '2025-06-30', status: 'in_progress', families: ['Travaux'], tags: ['circular_economy'] },
                { id: 'x112', title: 'Former les acheteurs au coût global', owner: 'Service de la commande publique', status: 'planned' },
              ],
            },
            { id: 'o12', title: 'Acheter des fournitures reconditionnées', tags: ['circular_economy'], actions: [{ id: 'x121', title: 'Lot réservé au matériel informatique reconditionné', status: 'done' }] },
          ],
        },
        {
          id: 'a2',
          title: 'Achats socialement responsables',
          objectives: [
            { id: 'o21', title: 'Développer les clauses d’insertion', tags: ['social_insertion'], actions: [{ id: 'x211', title: 'Clause d’insertion dans les marchés de plus de 90 000 €', owner: 'Mission insertion', status: 'done' }] },
            { id: 'o22', title: 'Réserver des marchés aux ESUS', tags: ['esus'], actions: [] },
          ],
        },
      ],
      indicators: [
        {
          id: 'i1',
          name: 'Part des marchés comportant une considération environnementale',
          category: 'environmental_consideration',
          unit: 'pct_contracts',
          definition: 'Marchés notifiés avec une clause ou un critère environnemental, sur les marchés notifiés.',
          objectiveId: 'o11',
          perBuyer: [
            {
              organisationId: RENNES,
              baseline: { year: 2023, value: 12.5, source: 'Bilan des achats 2023' },
              targets: [
                { year: 2026, value: 60 },
                { year: 2025, value: 40 },
              ],
              values: [{ year: 2024, value: 25.75, source: 'Tableau de bord 2024' }],
            },
            {
              organisationId: METROPOLE,
              baseline: { year: 2023, value: 8, decp: { value: 8, numerator: 4, denominator: 50, sourceFiles: ['decp-2023.json'], importedAt: '2024-01-15T10:00:00Z' } },
              targets: [{ year: 2026, value: 50 }],
              values: [{ year: 2024, value: 10, source: 'Recensement interne', overrideReason: 'marchés subséquents comptés à part', decp: { value: 6, numerator: 3, denominator: 50, sourceFiles: ['decp-2024.json'], importedAt: null } }],
            },
            // An organisation that left the schéma: not a buyer of the document, its figures are not shown.
            { organisationId: '44444444-4444-4444-8444-444444444444', baseline: { year: 2023, value: 99 }, values: [{ year: 2024, value: 98.5 }] },
          ],
        },
        {
          id: 'i2',
          name: 'Montant des achats auprès des ESUS',
          category: 'esus',
          unit: 'euros',
          perBuyer: [
            { organisationId: METROPOLE, baseline: { year: 2023, value: 90000 }, values: [{ year: 2025, value: 120000 }, { year: 2024, value: 95000 }] },
            { organisationId: RENNES, baseline: { year: 2023, value: 150000, source: 'Mandats 2023' }, targets: [{ year: 2026, value: 250000 }], values: [{ year: 2024, value: 180000.5 }] },
          ],
        },
      ],
      governance: { steeringCommittee: 'Comité présidé par l’adjointe aux achats', reviewCadenceMonths: 12, monitoring: 'Revue annuelle des indicateurs en comité.', reportingLine: 'Rapport annuel au conseil municipal' },
      stakeholders: [
        { who: 'Chambre de métiers et de l’artisanat', how: 'Atelier de concertation' },
        { who: 'Réseau des SIAE', how: 'Entretiens' },
      ],
      publication: { url: 'https://metropole.rennes.fr/spaser', indicatorsEveryMonths: 24 },
    },
    check: {
      at: '2026-01-01',
      met: 2,
      applicable: 3,
      items: [
        { id: 'social_objectives', status: 'met', title: 'Des objectifs sociaux', basis: 'Art. L2111-3, al. 2 CCP', explanation: 'Le schéma fixe des objectifs sociaux.', detail: null, section: 'axes', appliesFrom: '2014-08-01', unverified: null },
        { id: 'ecological_objectives', status: 'met', title: 'Des objectifs écologiques', basis: 'Art. L2111-3, al. 2 CCP', explanation: 'Le schéma fixe des objectifs écologiques.', detail: null, section: 'axes', appliesFrom: '2015-08-18', unverified: null },
        {
          id: 'indicators_every_two_years',
          status: 'missing',
          title: 'Des indicateurs publiés au moins tous les deux ans',
          basis: 'Art. L2111-3 CCP',
          explanation: 'Les indicateurs sont publiés au moins tous les deux ans.',
          detail: 'Indiquez la fréquence de publication des indicateurs.',
          section: 'publication',
          appliesFrom: '2026-01-01',
          unverified: null,
        },
      ],
    },
    publication: { slug: 'spaser-2024-2026-rennes', path: '/spaser/3333-spaser-2024-2026-rennes', publishedAt: '2024-04-02T08:30:00Z', siteUrl: 'https://metropole.rennes.fr/spaser' },
  });
}

/** A draft of one buyer, never adopted nor published. */
export function draftSpaser(): SpaserDocument {
  const doc = jointSpaser();
  return { ...doc, status: 'in_preparation', adoptedOn: null, adoptionReference: null, publication: null, buyers: [doc.buyers[0]!] };
}

/**
 * A large schéma for the benchmark: `axes` × `objectives` × `actions`, and `indicators` with
 * `buyers` buyers and `years` years of targets and values each (baseline the year before).
 */
export function largeSpaser(size = { axes: 20, objectives: 10, actions: 5, indicators: 100, buyers: 3, years: 6 }): SpaserDocument {
  const base = jointSpaser();
  const buyers = Array.from({ length: size.buyers }, (_, b) => ({
    organisationId: `00000000-0000-4000-8000-${String(b).padStart(12, '0')}`,
    name: `Communauté d’agglomération n° ${b + 1}`,
    siren: String(200000000 + b),
    lead: b === 0,
  }));
  const years = Array.from({ length: size.years }, (_, y) => 2024 + y);
  return {
    ...base,
    buyers,
    content: {
      ...base.content,
      axes: Array.from({ length: size.axes }, (_, a) => ({
        id: `a${a}`,
        title: `Axe de travail « ${a + 1} » pour des achats responsables et l’économie circulaire`,
        objectives: Array.from({ length: size.objectives }, (_, o) => ({
          id: `a${a}o${o}`,
          title: `Objectif ${o + 1} : réduire l’empreinte des marchés de la famille ${o + 1}`,
          tags: ['ecological' as const, 'social_insertion' as const],
          actions: Array.from({ length: size.actions }, (_, x) => ({
            id: `a${a}o${o}x${x}`,
            title: `Action ${x + 1} : intégrer une clause de réemploi dans les marchés de travaux de plus de 90 000 €`,
            owner: 'Direction de la commande publique',
            deadline: '2026-12-31',
            status: 'in_progress' as const,
            families: ['Travaux', 'Fournitures'],
            tags: ['circular_economy' as const],
          })),
        })),
      })),
      indicators: Array.from({ length: size.indicators }, (_, i) => ({
        id: `i${i}`,
        name: `Indicateur de suivi n° ${i + 1} : part des marchés avec une considération sociale`,
        category: 'social_consideration' as const,
        unit: 'pct_value' as const,
        definition: 'Montant des marchés notifiés avec une considération sociale, sur le montant total notifié.',
        objectiveId: 'a0o0',
        catalogueKey: null,
        perBuyer: buyers.map((b, bi) => ({
          organisationId: b.organisationId,
          baseline: { year: 2023, value: 10 + bi, source: 'Bilan 2023', evidence: '', evidenceFileId: null, overrideReason: null, decp: null },
          targets: years.map((year, y) => ({ year, value: 20 + y * 5 })),
          values: years.map((year, y) => ({ year, value: 12.25 + y + bi, source: `Tableau de bord ${year}`, evidence: '', evidenceFileId: null, overrideReason: null, decp: null })),
        })),
      })),
    },
  };
}

import { Readable } from 'node:stream';
import { declareSpaser } from '../observatory/observatory.service.js';
import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { demoPdf } from '../seed/demo-pdf.js';
import { uploadEvidence } from './evidence.service.js';
import { publishBilan } from './bilan.service.js';
import * as publication from './publication.service.js';
import * as review from './review.service.js';
import * as spaser from './spaser.service.js';

type Section = Parameters<typeof spaser.saveSection>[3];

/** Writes the sections as an editor would, each from its first version; a refusal is a bug of the demo. */
async function write(deps: Deps, editor: AuthUser, id: string, sections: Partial<Record<Section, unknown>>) {
  for (const [section, body] of Object.entries(sections) as [Section, unknown][]) {
    const saved = await spaser.saveSection(deps, editor, id, section, { version: 0, body });
    if (!saved.ok) throw new Error(`demo SPASER ${section}: ${saved.error} ${JSON.stringify(saved.fields ?? {})}`);
  }
}

const must = <T>(r: { ok: true; value: T } | { ok: false; error: string }, what: string): T => {
  if (!r.ok) throw new Error(`demo SPASER, ${what}: ${r.error}`);
  return r.value;
};

/**
 * The demo's schémas (issue 17, item 8), so models can be suggested and the builder tried at once, each
 * with a demo member as editor: Lyon's draft; the joint schéma of Nantes Métropole, Nantes and Rezé
 * (adopted and published, figures per buyer); Rennes's (published); Grenoble's revision of a schéma
 * adopted elsewhere.
 */
export async function seedSpasers(deps: Deps, seeded: AuthUser[]) {
  await seedLyon(deps, seeded);
  await seedNantesJoint(deps, seeded);
  await seedRennes(deps, seeded);
  await seedGrenoble(deps, seeded);
}

/**
 * The Ville de Lyon's draft, whose legal check still misses the publication and the ESUS target.
 * Written through the builder's own service, as an editor would.
 */
async function seedLyon(deps: Deps, seeded: AuthUser[]) {
  const claire = seeded.find((u) => u.email === 'claire.martin@lyon.example');
  const lyon = claire?.verifiedOrganisationIds[0];
  if (!claire || !lyon) return;
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric' }).format(deps.clock.now()));
  const created = await spaser.create(deps, claire, { organisationId: lyon, title: `SPASER de la Ville de Lyon ${year}-${year + 2}`, periodStart: year, periodEnd: year + 2 });
  if (!created.ok) throw new Error(`demo SPASER: ${created.error}`);
  const id = created.value.id;
  const save = async (section: Parameters<typeof spaser.saveSection>[3], body: unknown) => {
    const saved = await spaser.saveSection(deps, claire, id, section, { version: 0, body });
    if (!saved.ok) throw new Error(`demo SPASER ${section}: ${saved.error} ${JSON.stringify(saved.fields ?? {})}`);
  };
  await save('preamble', "La Ville s'engage à faire de ses achats un levier de transition écologique et d'inclusion, en cohérence avec son plan climat et le plan national pour des achats durables.");
  await save('axes', [
    {
      id: 'demo-axe-1',
      title: 'Inclusion sociale et emploi',
      objectives: [
        {
          id: 'demo-obj-1',
          title: "Développer les clauses d'insertion dans les marchés de travaux et de services",
          tags: ['social_insertion', 'disadvantaged_employers'],
          actions: [
            { id: 'demo-act-1', title: 'Clause d’insertion systématique au-delà de 500 000 € HT de travaux', owner: 'Direction de la commande publique', deadline: `${year}-12-31`, status: 'in_progress', tags: ['social_insertion'] },
            { id: 'demo-act-2', title: 'Réserver des marchés de propreté aux structures d’insertion', owner: 'Direction de la propreté', tags: ['disadvantaged_employers'] },
          ],
        },
      ],
    },
    {
      id: 'demo-axe-2',
      title: 'Transition écologique',
      objectives: [
        { id: 'demo-obj-2', title: 'Un critère environnemental dans chaque consultation', tags: ['ecological'], actions: [{ id: 'demo-act-3', title: 'Modèle de règlement de consultation avec critère environnemental', status: 'done' }] },
        { id: 'demo-obj-3', title: 'Acheter du mobilier de réemploi', tags: ['circular_economy'], actions: [] },
      ],
    },
  ]);
  await save('indicators', [
    {
      id: 'demo-ind-1',
      name: 'Part des marchés notifiés avec une considération sociale',
      category: 'social_consideration',
      unit: 'pct_contracts',
      definition: 'Marchés notifiés dans l’année avec au moins une considération sociale / marchés notifiés (données essentielles).',
      objectiveId: 'demo-obj-1',
      perBuyer: [{ organisationId: lyon, baseline: { year, value: 18 }, targets: [{ year: year + 2, value: 30 }] }],
    },
    {
      id: 'demo-ind-2',
      name: "Heures d'insertion réalisées",
      category: 'insertion',
      unit: 'hours',
      definition: "Heures de travail des personnes en insertion dans l'exécution des marchés de la Ville.",
      objectiveId: 'demo-obj-1',
      perBuyer: [{ organisationId: lyon, baseline: { year, value: 120_000 }, targets: [{ year: year + 2, value: 160_000 }] }],
    },
  ]);
  await save('governance', { steeringCommittee: "Adjointe aux achats, direction générale, direction de la commande publique", reviewCadenceMonths: 12, monitoring: 'Bilan annuel présenté au comité de pilotage en mars.', reportingLine: 'Conseil municipal, une fois par an.' });
  await save('stakeholders', [{ who: 'Structures de l’insertion par l’activité économique du Rhône', how: 'Deux ateliers de concertation' }]);
  await seedLyonReview(deps, seeded, claire, id);
}

/**
 * The review of Lyon's draft (issue 19, item 3): Claire invited Farid, the platform's facilitator; he
 * opened three threads — two still open, one she answered and resolved — so « Relecture » shows at once.
 */
async function seedLyonReview(deps: Deps, seeded: AuthUser[], claire: AuthUser, id: string) {
  const farid = by(seeded, 'animation@entraide.example');
  if (!farid) return;
  must(await review.inviteReviewer(deps, claire, id, farid.id), 'invitation à relire');
  const thread = async (section: Parameters<typeof review.startThread>[3]['section'], body: string) => must(await review.startThread(deps, farid, id, { section, body }), 'commentaire').id;
  await thread('axes', 'L’axe « Inclusion sociale et emploi » n’a pas encore d’objectif pour les entreprises de l’ESS : la loi demande une cible pour les achats auprès des entreprises solidaires d’utilité sociale.');
  await thread('governance', 'Qui présente le bilan annuel au conseil municipal ? Nommer l’élu référent aiderait les services à savoir à qui remonter les chiffres.');
  const resolved = await thread('preamble', 'Le préambule pourrait citer le plan national pour des achats durables 2022-2025 et ses deux objectifs chiffrés.');
  must(await review.reply(deps, claire, id, resolved, 'Merci : le préambule cite maintenant le plan national, et ses objectifs sont repris dans l’axe 2.'), 'réponse');
  must(await review.setResolved(deps, claire, id, resolved, true), 'résolution');
}

const by = (seeded: AuthUser[], email: string) => seeded.find((u) => u.email === email);

/**
 * A joint schéma (L2111-3 since 2023): Nantes Métropole leads, Nantes and Rezé accepted; every
 * indicator keeps each buyer's baseline, targets and yearly values. Adopted by concordant deliberations.
 */
async function seedNantesJoint(deps: Deps, seeded: AuthUser[]) {
  const gaelle = by(seeded, 'gaelle.le-bihan@nantesmetropole.example');
  const sophie = by(seeded, 'sophie.durand@nantes.example');
  const thomas = by(seeded, 'thomas.guerin@reze.example');
  const metro = gaelle?.verifiedOrganisationIds[0];
  const nantes = sophie?.verifiedOrganisationIds[0];
  const reze = thomas?.verifiedOrganisationIds[0];
  if (!gaelle || !sophie || !thomas || !metro || !nantes || !reze) return;
  const { id } = must(
    await spaser.create(deps, gaelle, { organisationId: metro, title: 'Schéma commun des achats responsables de Nantes Métropole, Nantes et Rezé 2025-2028', periodStart: 2025, periodEnd: 2028 }),
    'création du schéma commun',
  );
  for (const [user, org] of [[sophie, nantes], [thomas, reze]] as const) {
    must(await spaser.inviteBuyer(deps, gaelle, id, org), 'invitation');
    must(await spaser.acceptInvitation(deps, user, id, org), 'acceptation');
  }
  const figures = (org: string, baseline: number, target: number, y2025: number) => ({
    organisationId: org,
    baseline: { year: 2024, value: baseline },
    targets: [{ year: 2026, value: Math.round((baseline + target) / 2) }, { year: 2028, value: target }],
    values: [{ year: 2025, value: y2025, source: 'Bilan annuel du service achats' }],
  });
  await write(deps, gaelle, id, {
    preamble:
      "La métropole et deux de ses communes achètent ensemble plus de 600 M€ HT par an. Elles se donnent un schéma commun pour parler d'une seule voix aux entreprises du territoire, " +
      'mutualiser les clauses et les outils de suivi, et rendre compte chacune de ses propres résultats.',
    diagnostic: {
      text:
        "Un groupement de commandes existe depuis 2019 pour l'énergie, les fournitures et le nettoyage. Les clauses d'insertion sont suivies par le facilitateur de la maison de l'emploi, " +
        "mais les considérations environnementales restent peu renseignées dans les données essentielles, surtout pour les marchés de Rezé. Les achats alimentaires sont le premier levier partagé.",
      maturity: 3,
    },
    axes: [
      {
        id: 'nmr-axe-1',
        title: "Un territoire qui achète pour l'emploi",
        objectives: [
          {
            id: 'nmr-obj-1',
            title: "Porter les heures d'insertion à 220 000 par an pour les trois acheteurs",
            tags: ['social_insertion'],
            actions: [
              { id: 'nmr-act-1', title: "Clause d'insertion examinée pour tout marché de travaux dès 90 000 € HT", owner: 'Mission achats responsables de la métropole', deadline: '2025-12-31', status: 'done', tags: ['social_insertion'], families: ['Travaux'] },
              { id: 'nmr-act-2', title: "Marchés d'entretien des espaces verts réservés aux structures d'insertion", owner: 'Direction des espaces verts de Rezé', deadline: '2026-09-30', status: 'in_progress', tags: ['disadvantaged_employers'], families: ['Espaces verts'] },
            ],
          },
          {
            id: 'nmr-obj-2',
            title: "Ouvrir la commande aux entreprises solidaires d'utilité sociale",
            tags: ['esus'],
            actions: [{ id: 'nmr-act-3', title: 'Une rencontre acheteurs – ESUS par an, avec la chambre régionale de l’ESS', owner: 'Ville de Nantes', status: 'in_progress', tags: ['esus'] }],
          },
        ],
      },
      {
        id: 'nmr-axe-2',
        title: 'Des achats sobres et circulaires',
        objectives: [
          {
            id: 'nmr-obj-3',
            title: 'Une considération environnementale dans deux marchés sur trois',
            tags: ['ecological'],
            actions: [{ id: 'nmr-act-4', title: 'Bibliothèque commune de critères environnementaux par famille d’achats', owner: 'Mission achats responsables de la métropole', deadline: '2026-06-30', status: 'in_progress', tags: ['ecological'] }],
          },
          {
            id: 'nmr-obj-4',
            title: 'Acheter du réemploi pour le mobilier et le matériel informatique',
            tags: ['circular_economy'],
            actions: [{ id: 'nmr-act-5', title: 'Lot réservé au mobilier de réemploi dans le groupement de commandes', owner: 'Ville de Nantes', status: 'planned', tags: ['circular_economy'], families: ['Mobilier', 'Informatique'] }],
          },
          {
            id: 'nmr-obj-5',
            title: 'Servir 30 % de produits issus du commerce équitable ou de l’agriculture biologique en restauration scolaire',
            tags: ['fair_trade', 'ecological'],
            actions: [{ id: 'nmr-act-6', title: 'Allotissement des denrées par filière pour les producteurs locaux', owner: 'Ville de Rezé', status: 'done', tags: ['sme_access'], families: ['Alimentation'] }],
          },
        ],
      },
    ],
    indicators: [
      {
        id: 'nmr-ind-1',
        name: 'Part des marchés notifiés avec une considération environnementale',
        category: 'environmental_consideration',
        unit: 'pct_contracts',
        definition: 'Marchés notifiés dans l’année avec au moins une considération environnementale / marchés notifiés, d’après les données essentielles de chaque acheteur.',
        objectiveId: 'nmr-obj-3',
        perBuyer: [figures(metro, 41, 67, 48), figures(nantes, 35, 67, 44), figures(reze, 22, 60, 29)],
      },
      {
        id: 'nmr-ind-2',
        name: 'Part des marchés notifiés avec une considération sociale',
        category: 'social_consideration',
        unit: 'pct_contracts',
        definition: 'Marchés notifiés dans l’année avec au moins une considération sociale / marchés notifiés.',
        objectiveId: 'nmr-obj-1',
        perBuyer: [figures(metro, 24, 35, 27), figures(nantes, 21, 35, 25), figures(reze, 12, 25, 15)],
      },
      {
        id: 'nmr-ind-3',
        name: "Heures d'insertion réalisées",
        category: 'insertion',
        unit: 'hours',
        definition: "Heures réalisées par des personnes en insertion dans l'exécution des marchés, selon le suivi du facilitateur.",
        objectiveId: 'nmr-obj-1',
        perBuyer: [figures(metro, 120_000, 140_000, 126_500), figures(nantes, 52_000, 62_000, 55_800), figures(reze, 9_000, 18_000, 11_200)],
      },
      {
        id: 'nmr-ind-4',
        name: "Achats auprès d'entreprises solidaires d'utilité sociale",
        category: 'esus',
        unit: 'euros',
        definition: 'Montant HT mandaté dans l’année auprès de titulaires agréés ESUS (liste de la DREETS).',
        objectiveId: 'nmr-obj-2',
        perBuyer: [figures(metro, 1_800_000, 3_000_000, 2_100_000), figures(nantes, 900_000, 1_500_000, 1_050_000), figures(reze, 120_000, 300_000, 160_000)],
      },
    ],
    governance: {
      steeringCommittee: 'Un comité de pilotage commun : les trois élus aux achats, la mission achats responsables de la métropole et les responsables achats des deux villes.',
      reviewCadenceMonths: 12,
      monitoring: 'Chaque acheteur renseigne ses propres chiffres au premier trimestre ; la mission les consolide sans les additionner.',
      reportingLine: 'Un bilan présenté chaque année au conseil métropolitain et aux deux conseils municipaux.',
    },
    stakeholders: [
      { who: "Maison de l'emploi et facilitateur des clauses sociales", how: 'Comité technique trimestriel' },
      { who: 'Fédération du bâtiment et chambre de commerce', how: 'Deux réunions d’information avant adoption' },
      { who: "Réseau des entreprises de l'ESS", how: 'Rencontre annuelle acheteurs – ESUS' },
    ],
    publication: { url: 'https://www.nantesmetropole.example/achats-responsables/schema-commun', indicatorsEveryMonths: 12 },
  });
  must(
    await spaser.adopt(deps, gaelle, id, {
      adoptedOn: '2025-06-27',
      reference: 'Délibérations concordantes : conseil métropolitain du 27 juin 2025 (n° 2025-087), conseils municipaux de Nantes du 20 juin (n° 2025-112) et de Rezé du 24 juin 2025 (n° 2025-064)',
    }),
    'adoption du schéma commun',
  );
  // Published too, so the directory of published schémas and its map show two, in two régions (issue 19).
  must(await publication.publish(deps, gaelle, id), 'publication du schéma commun');
}

/** Rennes's schéma, adopted in 2024 and published: the status the platform shows as « publié ». */
async function seedRennes(deps: Deps, seeded: AuthUser[]) {
  const yann = by(seeded, 'yann.le-goff@rennes.example');
  const rennes = yann?.verifiedOrganisationIds[0];
  if (!yann || !rennes) return;
  const { id } = must(await spaser.create(deps, yann, { organisationId: rennes, title: 'SPASER de la Ville de Rennes 2024-2027', periodStart: 2024, periodEnd: 2027 }), 'création Rennes');
  // The 2024 value of the reserved contracts cites the bilan it comes from, uploaded as an editor would.
  const bilan = await demoPdf('Bilan 2024 des marchés réservés - Ville de Rennes', [
    'Marchés notifiés en 2024 : 412, dont 12 réservés (articles L2113-12 et L2113-13 du code de la commande publique), soit 3 %.',
    'Document de démonstration, fictif.',
  ]);
  const evidence = must(await uploadEvidence(deps, yann, id, async () => ({ file: Readable.from(bilan), filename: 'bilan-2024-marches-reserves.pdf' })), 'justificatif Rennes');
  await write(deps, yann, id, {
    preamble: "La Ville fait de ses 210 M€ d'achats annuels un outil de sa politique sociale et de son plan climat, avec des engagements chiffrés et un bilan public chaque année.",
    diagnostic: { text: "Un premier schéma (2019-2023) a installé les clauses sociales ; il n'avait pas d'indicateurs environnementaux suivis.", maturity: 4 },
    axes: [
      {
        id: 'ren-axe-1',
        title: 'Achats inclusifs',
        objectives: [
          {
            id: 'ren-obj-1',
            title: 'Réserver 5 % des marchés aux structures employant des travailleurs handicapés ou défavorisés',
            tags: ['disadvantaged_employers', 'social_insertion'],
            actions: [{ id: 'ren-act-1', title: 'Repérage annuel des marchés réservables avec les ESAT et SIAE', owner: 'Direction de la commande publique', status: 'in_progress', tags: ['disadvantaged_employers'] }],
          },
          { id: 'ren-obj-2', title: "Acheter auprès d'entreprises solidaires d'utilité sociale", tags: ['esus'], actions: [{ id: 'ren-act-2', title: 'Sourçage ESUS pour la restauration et le nettoyage', status: 'planned', tags: ['esus'] }] },
        ],
      },
      {
        id: 'ren-axe-2',
        title: 'Achats bas carbone',
        objectives: [
          { id: 'ren-obj-3', title: "Un critère environnemental pondéré à 15 % au moins dans les marchés de plus de 40 000 € HT", tags: ['ecological'], actions: [{ id: 'ren-act-3', title: 'Guide interne des critères environnementaux', status: 'done', tags: ['ecological'] }] },
          {
            id: 'ren-obj-4',
            title: 'Respecter les parts d’achats issus du réemploi fixées par la loi AGEC',
            tags: ['circular_economy'],
            actions: [{ id: 'ren-act-4', title: 'Suivi annuel des parts AGEC par famille d’achats', owner: 'Direction de la commande publique', status: 'in_progress', tags: ['circular_economy'] }],
          },
        ],
      },
    ],
    indicators: [
      {
        id: 'ren-ind-1',
        name: 'Part des marchés réservés',
        category: 'reserved_contracts',
        unit: 'pct_contracts',
        definition: 'Marchés réservés (articles L2113-12 et L2113-13) / marchés notifiés dans l’année.',
        objectiveId: 'ren-obj-1',
        perBuyer: [{ organisationId: rennes, baseline: { year: 2023, value: 2 }, targets: [{ year: 2025, value: 4 }, { year: 2027, value: 5 }], values: [{ year: 2024, value: 3, source: 'Bilan 2024', evidenceFileId: evidence.id }, { year: 2025, value: 4, source: 'Bilan 2025' }] }],
      },
      {
        id: 'ren-ind-2',
        name: 'Part des marchés notifiés avec une considération environnementale',
        category: 'environmental_consideration',
        unit: 'pct_contracts',
        definition: 'D’après les données essentielles publiées par la Ville.',
        objectiveId: 'ren-obj-3',
        perBuyer: [{ organisationId: rennes, baseline: { year: 2023, value: 38 }, targets: [{ year: 2025, value: 50 }, { year: 2027, value: 70 }], values: [{ year: 2024, value: 47, source: 'DECP' }, { year: 2025, value: 55, source: 'DECP' }] }],
      },
      {
        id: 'ren-ind-3',
        name: "Achats auprès d'entreprises solidaires d'utilité sociale",
        category: 'esus',
        unit: 'euros',
        definition: 'Montant HT mandaté dans l’année auprès de titulaires agréés ESUS.',
        objectiveId: 'ren-obj-2',
        perBuyer: [{ organisationId: rennes, baseline: { year: 2023, value: 650_000 }, targets: [{ year: 2027, value: 1_200_000 }], values: [{ year: 2024, value: 780_000, source: 'Mandatements 2024' }] }],
      },
    ],
    governance: { steeringCommittee: 'Adjoint aux finances et à la commande publique, directions acheteuses', reviewCadenceMonths: 12, monitoring: 'Tableau de bord semestriel des indicateurs.', reportingLine: 'Bilan annuel au conseil municipal, publié en ligne.' },
    stakeholders: [{ who: 'Entreprises adaptées et ESAT du bassin rennais', how: 'Atelier de sourçage' }],
    publication: { url: 'https://www.rennes.example/commande-publique/spaser-2024-2027', indicatorsEveryMonths: 12 },
  });
  must(await spaser.adopt(deps, yann, id, { adoptedOn: '2024-03-25', reference: 'Délibération n° 2024-0112 du conseil municipal du 25 mars 2024' }), 'adoption Rennes');
  // Published through the same step as in the builder: its public page, files and sitemap entry (issue 18).
  must(await publication.publish(deps, yann, id), 'publication Rennes');
  // Its bilan des indicateurs, published under its public page (issue 19, item 2).
  must(await publishBilan(deps, yann, id), 'bilan Rennes');
}

/**
 * Grenoble adopted its schéma before the platform (declared with its address and date) and revises it
 * here: the organisation is « en révision », the former schéma staying in force (ADR 0025).
 */
async function seedGrenoble(deps: Deps, seeded: AuthUser[]) {
  const aurelie = by(seeded, 'aurelie.roux@grenoble.example');
  const grenoble = aurelie?.verifiedOrganisationIds[0];
  if (!aurelie || !grenoble) return;
  must(await declareSpaser(deps, aurelie, grenoble, { url: 'https://www.grenoble.example/spaser-2021', adoptedOn: '2021-02-08' }), 'déclaration Grenoble');
  const { id } = must(await spaser.create(deps, aurelie, { organisationId: grenoble, title: 'SPASER de la Ville de Grenoble 2026-2030 (révision)', periodStart: 2026, periodEnd: 2030 }), 'création Grenoble');
  await write(deps, aurelie, id, {
    preamble: 'Révision du schéma de 2021 : les objectifs atteints sont relevés, l’alimentation et le commerce équitable deviennent un axe à part entière.',
    axes: [
      {
        id: 'gre-axe-1',
        title: 'Alimentation durable et commerce équitable',
        objectives: [{ id: 'gre-obj-1', title: 'Servir 50 % de produits durables dont 30 % biologiques dans les cantines', tags: ['ecological', 'fair_trade'], actions: [{ id: 'gre-act-1', title: 'Marché de café et de chocolat équitables pour toutes les directions', status: 'planned', tags: ['fair_trade'] }] }],
      },
    ],
    stakeholders: [{ who: 'Commission extra-municipale de l’alimentation', how: 'Trois séances de travail' }],
  });
}

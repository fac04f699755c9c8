import { eq } from 'drizzle-orm';
import type { Deps } from '../platform/context.js';
import { platformSettings } from '../platform/jobs.tables.js';
import type { ActorInput } from './actors.contract.js';
import { actorInput } from './actors.contract.js';
import { actorRevisions, actors } from './actors.tables.js';

/**
 * The first actors of the directory (issue 20, item 1).
 *
 * Origin: the project's reference notes on the ecosystem of actors (« Ecosystem of actors (for the
 * cartographie) », §5 of the shared domain reference, December 2026), rewritten in our own words.
 * Every actor there that has a source is here, with the source(s) it cites; nothing the notes mark
 * unverified is stated. Left out: actors without a source (Avise, Apes, the CRESS network as a whole,
 * the associations of elected officials with no SPASER role found, APASP whose name is unverified,
 * the Chambres régionales des comptes whose role is unverified), the GHT (many groupings, not one
 * actor) and programme operators and consultants (no kind of the directory fits them, most without
 * a source). Websites are given only when a source is the actor's own site; contact channels only
 * when a source describes one.
 */
export const seedActorList: ActorInput[] = [
  // National institutions and services of the State
  {
    name: 'Commissariat général au développement durable (CGDD)',
    kind: 'national_institution',
    national: true,
    regionCodes: [],
    themes: ['gouvernance', 'indicateurs', 'clauses_environnementales', 'clauses_sociales'],
    description:
      'Service du ministère de la Transition écologique qui pilote le plan national pour des achats durables (PNAD). Il anime depuis 2013 l’inter-réseaux « Commande publique et développement durable », porte la Mission SPASER et le portail achats-durables.gouv.fr, et finance les réseaux régionaux et les guichets verts.',
    website: 'https://achats-durables.gouv.fr',
    contact: null,
    sources: ['https://achats-durables.gouv.fr/reseaux-nationaux-locaux-accompagner-acheteurs-publics-11', 'https://www.testing.lemoniteur.fr/article/ressources-formations-acces-aux-spaser-un-nouveau-portail-dedie-a-l-achat-durable.2338191'],
  },
  {
    name: 'Direction des achats de l’État (DAE)',
    kind: 'national_institution',
    national: true,
    regionCodes: [],
    themes: ['gouvernance', 'indicateurs'],
    description: 'Pilote le SPASER de l’État et publie chaque année ses indicateurs : un exemple de schéma et de suivi à grande échelle.',
    website: null,
    contact: null,
    sources: ['https://achats-durables.gouv.fr/etat-788'],
  },
  {
    name: 'Direction des affaires juridiques des ministères économiques et financiers (DAJ)',
    kind: 'national_institution',
    national: true,
    regionCodes: [],
    themes: ['gouvernance', 'indicateurs'],
    description: 'Fixe le cadre juridique de la commande publique et publie des fiches pratiques ; elle est chargée des données essentielles (DECP) et a mené l’étude d’impact sur l’obligation de SPASER.',
    website: null,
    contact: null,
    sources: ['https://rtes.fr/etat-des-lieux-sur-les-spaser-decembre-2022'],
  },
  {
    name: 'Observatoire économique de la commande publique (OECP)',
    kind: 'national_institution',
    national: true,
    regionCodes: [],
    themes: ['indicateurs'],
    description: 'Observatoire rattaché à la DAJ : il réalise le recensement économique de la commande publique, fondé depuis 2024 sur les données essentielles (DECP).',
    website: 'https://www.economie.gouv.fr/daj/oecp-recensement-economique-commande-publique',
    contact: null,
    sources: ['https://www.economie.gouv.fr/daj/oecp-recensement-economique-commande-publique'],
  },
  {
    name: 'ADEME (Agence de la transition écologique)',
    kind: 'national_institution',
    national: true,
    regionCodes: [],
    themes: ['clauses_environnementales', 'economie_circulaire', 'energie'],
    description:
      'Agence de l’État présente au niveau national et dans les régions. Elle a soutenu de longue date les réseaux régionaux d’acheteurs, et son label « Territoire engagé transition écologique » inclut la mise en place d’un SPASER parmi ses actions d’économie circulaire.',
    website: null,
    contact: null,
    sources: ['https://3ar-na.fr/articles/ademe-aquitaine-soutien-technique-et-financier-historique-du-reseau-3-ar/'],
  },
  {
    name: 'Médiateur des entreprises et Conseil national des achats (CNA)',
    kind: 'national_institution',
    national: true,
    regionCodes: [],
    themes: ['gouvernance', 'parties_prenantes'],
    description: 'Portent le label « Relations fournisseurs et achats responsables » (RFAR) ; le CNA réunit aussi les acheteurs publics lors d’un forum.',
    website: null,
    contact: null,
    sources: ['https://www.bl-evolution.com/spaser-de-letat-2025-2027-un-tournant-strategique-pour-la-decarbonation-des-achats-publics', 'https://achat-logistique.info/fonction-achat/un-spaser-pour-letat/'],
  },
  {
    name: 'Haut-Commissariat à l’emploi et à l’engagement des entreprises',
    kind: 'national_institution',
    national: true,
    regionCodes: [],
    themes: ['clauses_sociales'],
    description: 'A présenté avec le ministère de la Transition écologique le plan national pour des achats durables, pour son volet inclusion.',
    website: null,
    contact: null,
    sources: ['https://css.achatpublic.info/actualites/info-du-jour/2022/03/10/decouvez-le-plan-national-pour-les-achats-durables-pnad-20222025'],
  },
  {
    name: 'DREAL Grand Est',
    kind: 'national_institution',
    national: false,
    regionCodes: ['44'],
    themes: ['gouvernance', 'clauses_environnementales'],
    description: 'Service régional de l’État qui sensibilise les acheteurs aux achats durables, par exemple avec le jeu de cartes « Arthur et la quête des achats durables ».',
    website: null,
    contact: null,
    sources: ['https://www.grand-est.developpement-durable.gouv.fr/3-dates-en-juin-pour-partir-en-quete-des-achats-a21855.html'],
  },
  {
    name: 'UGAP (Union des groupements d’achats publics)',
    kind: 'national_institution',
    national: true,
    regionCodes: [],
    themes: ['autre'],
    description: 'Centrale d’achat public nationale, partenaire d’événements sur les achats responsables.',
    website: null,
    contact: null,
    sources: ['https://objectifaquitaine.latribune.fr/business/2024-07-05/petites-entreprises-et-ess-au-coeur-des-achats-responsables-de-bordeaux-et-de-la-metropole-1001312.html'],
  },
  // Training
  {
    name: 'CNFPT (Centre national de la fonction publique territoriale)',
    kind: 'training_body',
    national: true,
    regionCodes: [],
    themes: ['gouvernance', 'indicateurs'],
    description: 'Forme les agents des collectivités ; il propose avec le CGDD un module d’autoformation en ligne pour réussir la mise en place d’un SPASER.',
    website: null,
    contact: null,
    sources: ['https://www.lemoniteur.fr/article/marches-publics-une-formation-pour-reussir-la-mise-en-place-d-un-spaser.2281317'],
  },
  // Hospital purchasing
  ...(['Resah', 'UniHA', 'Club des directeurs achats de CHU'] as const).map(
    (name): ActorInput => ({
      name,
      kind: 'hospital_purchasing',
      national: true,
      regionCodes: [],
      themes: ['gouvernance'],
      description: 'Acteur des achats hospitaliers : les établissements de santé sont désormais eux aussi tenus d’adopter un SPASER.',
      website: null,
      contact: null,
      sources: ['https://www.decision-achats.fr/Decision-Achats/Article/Acheteurs-publics-les-reseaux-s-animent-34557-1.htm', 'https://dsih.fr/article/3112/la-politique-d-achats-du-chru-de-nancy-preparer-la-performance-de-demain.html'],
    }),
  ),
  // Regional networks of responsible public procurement
  {
    name: '3AR — Association aquitaine des achats publics responsables',
    kind: 'regional_network',
    national: false,
    regionCodes: ['75'],
    themes: ['gouvernance', 'clauses_environnementales', 'clauses_sociales', 'alimentation', 'commerce_equitable'],
    description: 'Réseau associatif des acheteurs publics responsables de Nouvelle-Aquitaine (parfois écrit A3R), soutenu par l’ADEME et la Région, et relié à des réseaux experts (agriculture biologique, insertion, commerce équitable).',
    website: 'https://3ar-na.fr',
    contact: null,
    sources: ['https://3ar-na.fr/articles/ademe-aquitaine-soutien-technique-et-financier-historique-du-reseau-3-ar/'],
  },
  {
    name: 'RESECO — Réseau Grand Ouest commande publique et développement durable',
    kind: 'regional_network',
    national: false,
    regionCodes: ['52', '53', '75'],
    themes: ['gouvernance', 'clauses_environnementales', 'clauses_sociales'],
    description: 'Association créée à Nantes sous le nom de Réseau Grand Ouest (RGO) : elle réunit les acheteurs publics de Pays de la Loire, de Bretagne et de l’ex-Poitou-Charentes autour de la commande publique responsable.',
    website: null,
    contact: null,
    sources: ['https://www.lagazettedescommunes.com/18692/creation-du-reseau-grand-ouest-de-la-commande-publique-responsable', 'https://sante-achat.info/durable/les-acheteurs-publics-responsables-occitans-ont-desormais-leur-reseau/'],
  },
  {
    name: 'Ran-Coper — Réseau des acheteurs normands de la commande publique',
    kind: 'regional_network',
    national: false,
    regionCodes: ['28'],
    themes: ['gouvernance', 'clauses_environnementales'],
    description: 'Réseau informel des acheteurs publics normands, créé en 2007 avec le soutien de l’ADEME.',
    website: null,
    contact: null,
    sources: ['https://www.environnement-magazine.fr/territoires/article/2013/11/01/10259/hautenormandie-mobilise-son-reseau'],
  },
  {
    name: 'GIP Maximilien',
    kind: 'regional_network',
    national: false,
    regionCodes: ['11'],
    themes: ['gouvernance', 'clauses_environnementales', 'clauses_sociales'],
    description: 'Groupement d’intérêt public des acheteurs franciliens : il porte un guichet vert, un guichet des achats socialement responsables et la liste des SPASER d’Île-de-France.',
    website: 'https://www.maximilien.fr',
    contact: null,
    sources: ['https://www.maximilien.fr/achats-responsables/les-spaser/'],
  },
  {
    name: 'APuRe — Acheteurs publics responsables des Hauts-de-France',
    kind: 'regional_network',
    national: false,
    regionCodes: ['32'],
    themes: ['gouvernance', 'clauses_environnementales', 'clauses_sociales'],
    description: 'Réseau régional créé en 2019, animé avec les centres de ressources Cerdd et CD2E, dans le cadre du programme régional des achats durables 2022-2025.',
    website: null,
    contact: null,
    sources: ['https://cerdd.org/index.php/Actualites/Transitions-economiques-vers-le-DD/Le-reseau-regional-des-Acheteurs-Publics-Responsables-se-remobilise'],
  },
  {
    name: 'AURA-EE — Auvergne-Rhône-Alpes Énergie Environnement',
    kind: 'regional_network',
    national: false,
    regionCodes: ['84'],
    themes: ['clauses_environnementales', 'energie'],
    description: 'Agence régionale de l’énergie et de l’environnement qui anime depuis 2003 un club des responsables des achats publics.',
    website: null,
    contact: null,
    sources: ['https://www.enviscope.com/marche-publics-collectivites-raee/'],
  },
  {
    name: 'Territoires durables (Provence-Alpes-Côte d’Azur)',
    kind: 'regional_network',
    national: false,
    regionCodes: ['93'],
    themes: ['gouvernance', 'clauses_environnementales'],
    description: 'Réseau régional qui a pris la suite du réseau « commande publique et développement durable » de l’ARPE PACA, créé en 2006.',
    website: null,
    contact: null,
    sources: ['https://sante-achat.info/durable/les-acheteurs-publics-responsables-occitans-ont-desormais-leur-reseau/', 'https://decision-achats.fr/Acheteurs-Publics/Article/Les-reseaux-territoriaux-dynamisent-les-achats-durables-21672-1.htm'],
  },
  {
    name: 'Rés’Occ — Réseau des achats responsables en Occitanie',
    kind: 'regional_network',
    national: false,
    regionCodes: ['76'],
    themes: ['gouvernance', 'clauses_environnementales', 'clauses_sociales'],
    description: 'Réseau des acheteurs publics responsables d’Occitanie, incubé par l’association Synethic, avec une convention signée avec le CGDD.',
    website: null,
    contact: null,
    sources: ['https://www.testing.lemoniteur.fr/article/res-occ-le-nouveau-reseau-d-acheteurs-publics-responsables-en-occitanie.2230482'],
  },
  {
    name: 'ARNia et Agence régionale de la biodiversité (Bourgogne-Franche-Comté)',
    kind: 'regional_network',
    national: false,
    regionCodes: ['27'],
    themes: ['gouvernance', 'clauses_environnementales', 'numerique'],
    description: 'L’Agence régionale du numérique et de l’IA et l’Agence régionale de la biodiversité animent ensemble l’achat durable en Bourgogne-Franche-Comté, dont des assises régionales tenues en octobre 2024.',
    website: null,
    contact: null,
    sources: ['https://journal-du-palais.fr/au-sommaire/entreprises/l-arnia-et-l-arb-fortement-engagees-en-faveur-de-l-achat-durable', 'https://www.decision-achats.fr/Thematique/achats-publics-1230/Breves/La-Bourgogne-Franche-Comte-veut-accelerer-ses-achats-responsables-457753.htm'],
  },
  {
    name: 'Région Grand Est — « Commande publique responsable »',
    kind: 'regional_network',
    national: false,
    regionCodes: ['44'],
    themes: ['gouvernance'],
    description: 'La Région Grand Est porte une charte régionale de la commande publique et la marque « Commande publique responsable », avec des partenaires régionaux ; aucun réseau dédié n’a été identifié.',
    website: null,
    contact: null,
    sources: ['https://republik-achats.fr/strategie-ha/direction-ha/la-region-grand-est-creee-une-marque-commande-publique-responsable.html'],
  },
  // Guichets verts
  {
    name: 'Guichet vert d’Île-de-France (GIP Maximilien)',
    kind: 'guichet_vert',
    national: false,
    regionCodes: ['11'],
    themes: ['clauses_environnementales'],
    description: 'Premier conseil environnemental aux acheteurs publics franciliens, financé dans le cadre du PNAD ; il s’accompagne d’un guichet pour les achats socialement responsables.',
    website: null,
    contact: 'Formulaire commun aux guichets verts ; réponse annoncée sous trois jours environ.',
    sources: ['https://sante-achat.info/durable/deux-guichets-pour-lachat-responsable-francilien/'],
  },
  {
    name: 'Guichet vert des Hauts-de-France',
    kind: 'guichet_vert',
    national: false,
    regionCodes: ['32'],
    themes: ['clauses_environnementales'],
    description: 'Guichet de premier niveau pour aider les acheteurs publics des Hauts-de-France à favoriser les achats durables.',
    website: null,
    contact: null,
    sources: ['https://www.lagazettedescommunes.com/838202/hauts-de-france-un-guichet-vert-pour-favoriser-les-achats-durables/'],
  },
  {
    name: 'Guichet vert de Bourgogne-Franche-Comté',
    kind: 'guichet_vert',
    national: false,
    regionCodes: ['27'],
    themes: ['clauses_environnementales'],
    description: 'Guichet vert ouvert en novembre 2023 par l’ARNia et l’Agence régionale de la biodiversité.',
    website: null,
    contact: null,
    sources: ['https://journal-du-palais.fr/au-sommaire/entreprises/l-arnia-et-l-arb-fortement-engagees-en-faveur-de-l-achat-durable'],
  },
  // Local-government networks
  {
    name: 'France urbaine',
    kind: 'local_government_network',
    national: true,
    regionCodes: [],
    themes: ['gouvernance', 'indicateurs'],
    description: 'Association des grandes villes et métropoles : son groupe de travail achats a rédigé un guide du SPASER avec une boîte à outils d’indicateurs, et elle a défendu le SPASER commun à plusieurs acheteurs.',
    website: 'https://franceurbaine.org',
    contact: null,
    sources: ['https://sante-achat.info/durable/le-dictionnaire-amoureux-du-spaser/', 'https://franceurbaine.org/actualites/les-principales-avancees-de-la-loi-industrie-verte-en-matiere-de-commande-publique'],
  },
  {
    name: 'RTES — Réseau des collectivités territoriales pour une économie solidaire',
    kind: 'local_government_network',
    national: true,
    regionCodes: [],
    themes: ['clauses_sociales', 'parties_prenantes', 'indicateurs'],
    description: 'Réseau de collectivités engagées pour l’économie sociale et solidaire ; il publie des états des lieux de l’adoption des SPASER.',
    website: 'https://rtes.fr',
    contact: null,
    sources: ['https://rtes.fr/etat-des-lieux-sur-les-spaser-decembre-2022'],
  },
  // Buyers' associations
  {
    name: 'AACT — Association des acheteurs des collectivités territoriales',
    kind: 'buyers_association',
    national: true,
    regionCodes: [],
    themes: ['gouvernance'],
    description: 'Association professionnelle des acheteurs des collectivités territoriales.',
    website: null,
    contact: null,
    sources: ['https://www.decision-achats.fr/Decision-Achats/Article/Acheteurs-publics-les-reseaux-s-animent-34557-1.htm'],
  },
  {
    name: 'AAP — Association des acheteurs publics',
    kind: 'buyers_association',
    national: true,
    regionCodes: [],
    themes: ['gouvernance'],
    description: 'Association d’acheteurs publics, autrice notamment d’un guide des marchés à procédure adaptée (MAPA).',
    website: null,
    contact: null,
    sources: ['https://gestionnaire03.fr/mapa1-7688m.htm'],
  },
  ...([
    ['ObsAR — Observatoire des achats responsables', 'Observatoire et réseau d’acheteurs engagés dans les achats responsables.'],
    ['CDAF — Compagnie des dirigeants et acheteurs de France', 'Association des acheteurs professionnels, qui a fait un tour de France pour promouvoir les achats responsables.'],
  ] as const).map(
    ([name, description]): ActorInput => ({
      name,
      kind: 'buyers_association',
      national: true,
      regionCodes: [],
      themes: ['gouvernance', 'parties_prenantes'],
      description,
      website: null,
      contact: null,
      sources: ['https://decision-achats.fr/Thematique/fournisseurs-1235/Breves/Cdaf-fait-tour-France-promouvoir-achats-responsables-186795.htm'],
    }),
  ),
  // Social and solidarity economy, inclusion
  {
    name: 'Marché de l’inclusion',
    kind: 'ess_inclusion',
    national: true,
    regionCodes: [],
    themes: ['clauses_sociales', 'parties_prenantes'],
    description: 'Service numérique de l’État pour trouver des structures de l’insertion par l’activité économique et du secteur adapté et protégé.',
    website: null,
    contact: null,
    sources: ['https://optimeo.com/definition-pnad-plan-national-des-achats-durables'],
  },
  {
    name: 'ESS France',
    kind: 'ess_inclusion',
    national: true,
    regionCodes: [],
    themes: ['clauses_sociales', 'parties_prenantes', 'gouvernance'],
    description: 'Tête de réseau de l’économie sociale et solidaire ; elle a organisé un webinaire « Je lance mon Spaser ! Mode d’emploi ».',
    website: null,
    contact: null,
    sources: ['https://www.banquedesterritoires.fr/schema-des-achats-responsables-des-ressources-pour-aider-les-collectivites-se-lancer'],
  },
  ...([
    ['UNEA — Union nationale des entreprises adaptées', 'Réseau des entreprises adaptées, partie prenante de la co-construction de SPASER.'],
    ['Fédération des entreprises d’insertion', 'Réseau des entreprises d’insertion, partie prenante de la co-construction de SPASER.'],
  ] as const).map(
    ([name, description]): ActorInput => ({
      name,
      kind: 'ess_inclusion',
      national: true,
      regionCodes: [],
      themes: ['clauses_sociales', 'parties_prenantes'],
      description,
      website: null,
      contact: null,
      sources: ['https://www.avise.org/actualites/conseil-regional-de-bretagne-co-construire-le-schema-de-promotion-des-achats-responsables'],
    }),
  ),
  {
    name: 'Commerce Équitable France',
    kind: 'ess_inclusion',
    national: true,
    regionCodes: [],
    themes: ['commerce_equitable', 'alimentation'],
    description: 'Collectif national du commerce équitable, interlocuteur des acheteurs sur la place du commerce équitable dans les achats publics.',
    website: 'https://www.commercequitable.org',
    contact: null,
    sources: ['https://www.commercequitable.org/actualites/loi-ess-un-tournant-pour-le-commerce-equitable/'],
  },
  {
    name: 'PLIE, maisons de l’emploi et facilitateurs de clauses sociales',
    kind: 'ess_inclusion',
    national: true,
    regionCodes: [],
    themes: ['clauses_sociales', 'travaux'],
    description: 'Présents localement dans toute la France : les facilitateurs aident à calibrer, insérer et suivre les clauses sociales d’insertion des marchés.',
    website: null,
    contact: null,
    sources: ['https://www.eclaira.org/initiative/h/hospices-civils-de-lyon-une-demarche-chaine-de-valeur-et-une-politique-d-achats-responsables.html'],
  },
  {
    name: 'CRESS Centre-Val de Loire',
    kind: 'ess_inclusion',
    national: false,
    regionCodes: ['24'],
    themes: ['clauses_sociales', 'parties_prenantes'],
    description: 'Chambre régionale de l’économie sociale et solidaire ; elle organise un forum des achats responsables avec l’ESS. Aucun réseau régional d’acheteurs n’a été identifié dans la région.',
    website: null,
    contact: null,
    sources: ['https://www.magcentre.fr/?p=353708'],
  },
  ...([
    ['ARBIO Nouvelle-Aquitaine', ['alimentation'], 'regional_network', 'Réseau expert de l’agriculture biologique associé à 3AR.'],
    ['GARIE', ['clauses_sociales'], 'ess_inclusion', 'Réseau expert de l’insertion par l’activité économique associé à 3AR.'],
    ['ACESA', ['commerce_equitable'], 'ess_inclusion', 'Réseau expert du commerce équitable associé à 3AR.'],
  ] as const).map(
    ([name, themes, kind, description]): ActorInput => ({
      name,
      kind,
      national: false,
      regionCodes: ['75'],
      themes: [...themes],
      description,
      website: null,
      contact: null,
      sources: ['https://3ar-na.fr/articles/ademe-aquitaine-soutien-technique-et-financier-historique-du-reseau-3-ar/'],
    }),
  ),
];

const SEEDED_KEY = 'actors.seeded';

/**
 * Puts the first actors in the directory, once per installation (a marker in platform_settings): a
 * facilitator who archives or edits them later is never overruled by the next start. Each actor is
 * checked by the same contract as a facilitator's form.
 */
export async function seedActors(deps: Pick<Deps, 'db' | 'clock'>): Promise<number> {
  const [done] = await deps.db.select().from(platformSettings).where(eq(platformSettings.key, SEEDED_KEY));
  if (done) return 0;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    for (const input of seedActorList) {
      const a = actorInput.parse(input);
      const [row] = await tx.insert(actors).values({ ...a, createdAt: now, updatedAt: now }).returning({ id: actors.id });
      await tx.insert(actorRevisions).values({ actorId: row!.id, editedBy: null, editedAt: now, change: 'created', changed: [], previous: {} });
    }
    await tx.insert(platformSettings).values({ key: SEEDED_KEY, value: { count: seedActorList.length }, updatedAt: now });
  });
  return seedActorList.length;
}

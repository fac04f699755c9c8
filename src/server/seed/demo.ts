import { randomBytes } from 'node:crypto';
import { notificationPreferences } from '../notifications/notifications.tables.js';
import { count, eq, inArray, or } from 'drizzle-orm';
import { TERMS_VERSION } from '../accounts/accounts.contract.js';
import { users } from '../accounts/accounts.tables.js';
import { hashPassword } from '../accounts/passwords.js';
import { memberships, organisationDomains, organisations } from '../organisations/organisations.tables.js';
import type { Deps } from '../platform/context.js';
import type { AuthUser } from '../platform/auth.js';
import { platformSettings } from '../platform/jobs.tables.js';
import { COMMUNITY_SPACE_ID } from '../helpspace/helpspace.tables.js';
import { seedDemoDecp } from './demo-decp.js';
import { demoPdf } from './demo-pdf.js';
import { seedSpasers } from '../spaser/demo.js';
import { createAnswer, createQuestion, markUseful, vote } from '../helpspace/posts/posts.service.js';
import { createEvent } from '../events/events.service.js';
import { register } from '../events/registrations.service.js';
import { toParisLocal } from '../../shared/paris-time.js';
import { seedCohorts } from '../cohorts/demo.js';
import { seedPastEdition } from '../cohorts/programme/demo.js';
import { seedIntroductions } from '../introductions/demo.js';
import { seedLearning } from '../learning/demo.js';
import { createCollection } from '../library/collections/collections.service.js';
import { createResource } from '../library/resources/resources.service.js';

const DEMO_KEY = 'demo_seeded';

/** The demo community: believable buyers in several régions, a facilitator, an admin. */
const people = [
  { email: 'admin@entraide.example', firstName: 'Alice', lastName: 'Administratrice', role: 'admin' as const, job: "Administratrice de la plateforme", region: '11', territory: null },
  { email: 'animation@entraide.example', firstName: 'Farid', lastName: 'Benali', role: 'facilitator' as const, job: 'Animateur du programme SPASER', region: '11', territory: null },
  { email: 'claire.martin@lyon.example', firstName: 'Claire', lastName: 'Martin', role: 'member' as const, job: 'Responsable achats responsables', region: '84', territory: 'commune:69123', themes: ['gouvernance', 'indicateurs'], help: true },
  { email: 'yann.le-goff@rennes.example', firstName: 'Yann', lastName: 'Le Goff', role: 'member' as const, job: 'Directeur de la commande publique', region: '53', territory: 'commune:35238', themes: ['clauses_sociales', 'parties_prenantes'], help: true },
  { email: 'sophie.durand@nantes.example', firstName: 'Sophie', lastName: 'Durand', role: 'member' as const, job: 'Acheteuse travaux', region: '52', territory: 'commune:44109', themes: ['travaux', 'economie_circulaire'], help: true },
  { email: 'marc.rossi@ajaccio.example', firstName: 'Marc', lastName: 'Rossi', role: 'member' as const, job: 'Chargé de mission commande publique', region: '94', territory: 'commune:2A004', themes: ['alimentation'], help: false },
  { email: 'nathalie.petit@bordeaux.example', firstName: 'Nathalie', lastName: 'Petit', role: 'member' as const, job: 'Cheffe du service achats', region: '75', territory: 'commune:33063', themes: ['clauses_environnementales', 'energie'], help: true },
  { email: 'julien.bernard@lille.example', firstName: 'Julien', lastName: 'Bernard', role: 'member' as const, job: 'Acheteur numérique', region: '32', territory: 'commune:59350', themes: ['numerique'], help: false },
  { email: 'aurelie.roux@grenoble.example', firstName: 'Aurélie', lastName: 'Roux', role: 'member' as const, job: 'Juriste commande publique', region: '84', territory: 'commune:38185', themes: ['commerce_equitable', 'alimentation'], help: true },
  // The joint schéma of Nantes Métropole with Nantes and Rezé (issue 17, item 8): one member per buyer.
  { email: 'gaelle.le-bihan@nantesmetropole.example', firstName: 'Gaëlle', lastName: 'Le Bihan', role: 'member' as const, job: 'Responsable de la mission achats responsables', region: '52', territory: null, siren: '244400404', themes: ['gouvernance', 'clauses_sociales'], help: true },
  { email: 'thomas.guerin@reze.example', firstName: 'Thomas', lastName: 'Guérin', role: 'member' as const, job: 'Acheteur public', region: '52', territory: 'commune:44143', themes: ['alimentation'], help: false },
  // Participants of « Mission SPASER — édition 2 » (issue 23, item 10): with Claire, Sophie and Marc, ten
  // buyers of ten organisations, enough for two co-development groups (src/server/codev/codev.demo.ts).
  { email: 'camille.laurent@toulouse.example', firstName: 'Camille', lastName: 'Laurent', role: 'member' as const, job: 'Responsable de la commande publique', region: '76', territory: 'commune:31555', themes: ['gouvernance', 'clauses_environnementales'], help: false },
  { email: 'hugo.lefevre@montpellier3m.example', firstName: 'Hugo', lastName: 'Lefèvre', role: 'member' as const, job: 'Acheteur, direction de la commande publique', region: '76', territory: null, siren: '243400017', themes: ['economie_circulaire'], help: false },
  { email: 'isabelle.fontaine@dijon.example', firstName: 'Isabelle', lastName: 'Fontaine', role: 'member' as const, job: 'Directrice des achats', region: '27', territory: 'commune:21231', themes: ['alimentation', 'gouvernance'], help: false },
  { email: 'nicolas.girard@rouen.example', firstName: 'Nicolas', lastName: 'Girard', role: 'member' as const, job: 'Chargé de mission achats durables', region: '28', territory: 'commune:76540', themes: ['clauses_sociales', 'indicateurs'], help: false },
  { email: 'elodie.mercier@metz.example', firstName: 'Élodie', lastName: 'Mercier', role: 'member' as const, job: 'Acheteuse fournitures et services', region: '44', territory: 'commune:57463', themes: ['energie'], help: false },
  { email: 'pierre.le-gall@brest-metropole.example', firstName: 'Pierre', lastName: 'Le Gall', role: 'member' as const, job: 'Responsable du service marchés publics', region: '53', territory: null, siren: '242900314', themes: ['travaux', 'clauses_environnementales'], help: false },
  { email: 'manon.chevalier@tours.example', firstName: 'Manon', lastName: 'Chevalier', role: 'member' as const, job: 'Juriste achats', region: '24', territory: 'commune:37261', themes: ['indicateurs'], help: false },
  { email: 'lea.moreau@strasbourg.example', firstName: 'Léa', lastName: 'Moreau', role: 'member' as const, job: 'Nouvelle acheteuse', region: '44', territory: 'commune:67482', themes: [], help: false, pending: true },
  // The facilitators' queue (issue 15, item 5): a request two days old whose e-mail domain is not the
  // one declared for Grenoble (grenoble.example), beside Léa Moreau's, whose domain is Strasbourg's.
  { email: 'karim.haddad@metropole-grenoble.example', firstName: 'Karim', lastName: 'Haddad', role: 'member' as const, job: 'Acheteur mutualisé', region: '84', territory: 'commune:38185', themes: [], help: false, pending: true, requestedDaysAgo: 2, declareDomain: false },
];

/** Declared yearly purchases of demo organisations, so the obligation block shows every case. */
const declared: Record<string, number> = {
  'commune:69123': 620_000_000,
  'commune:35238': 210_000_000,
  'commune:44109': 340_000_000,
  'commune:2A004': 38_000_000,
};

/**
 * Seeds the demo community once, on a database without any account. Returns the credentials to
 * print, or null when nothing was seeded.
 */
/**
 * Sensible e-mail rhythms for a few demo members (issue 16): the others keep the default (a daily
 * digest of every category).
 */
async function seedNotificationPreferences(deps: Deps, seeded: AuthUser[]) {
  const now = deps.clock.now();
  const by = (email: string) => seeded.find((u) => u.email === email)!.id;
  const choices: [string, string, 'immediately' | 'daily' | 'weekly' | 'never'][] = [
    ['yann.le-goff@rennes.example', 'entraide', 'immediately'],
    ['claire.martin@lyon.example', 'agenda', 'immediately'],
    ['claire.martin@lyon.example', 'bibliotheque', 'weekly'],
    ['julien.bernard@lille.example', 'promotions', 'never'],
  ];
  await deps.db.insert(notificationPreferences).values(choices.map(([email, category, emailFrequency]) => ({ userId: by(email), category, emailFrequency, updatedAt: now })));
}

export async function seedDemo(deps: Deps): Promise<{ password: string; accounts: { email: string; role: string }[] } | null> {
  // Seeded once per installation, even if an admin was created by the command line first.
  const [done] = await deps.db.select().from(platformSettings).where(eq(platformSettings.key, DEMO_KEY));
  if (done) return null;
  const [{ n }] = (await deps.db.select({ n: count() }).from(users).where(inArray(users.email, people.map((p) => p.email)))) as [{ n: number }];
  if (Number(n) > 0) return null;
  const password = deps.config.demoPassword ?? randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now();
  const orgs = await deps.db
    .select({ id: organisations.id, territoryId: organisations.territoryId, kind: organisations.kind, siren: organisations.siren })
    .from(organisations)
    .where(
      or(
        inArray(organisations.territoryId, people.map((p) => p.territory).filter((t): t is string => !!t)),
        inArray(organisations.siren, people.map((p) => ('siren' in p ? p.siren : null)).filter((t): t is string => !!t)),
      ),
    );
  const seeded: AuthUser[] = [];
  // A commune by its territory; another buyer (an EPCI) by its SIREN.
  const orgOf = (p: (typeof people)[number]) =>
    'siren' in p && p.siren ? orgs.find((o) => o.siren === p.siren) : orgs.find((o) => o.territoryId === p.territory && o.kind === 'commune');
  await deps.db.transaction(async (tx) => {
    await tx.insert(platformSettings).values({ key: DEMO_KEY, value: { seededAt: now.toISOString() }, updatedAt: now });
    for (const p of people) {
      const [u] = await tx
        .insert(users)
        .values({
          email: p.email,
          passwordHash,
          firstName: p.firstName,
          lastName: p.lastName,
          role: p.role,
          jobTitle: p.job,
          regionCode: p.region,
          themes: 'themes' in p ? (p.themes as string[]) : [],
          availableToHelp: 'help' in p ? !!p.help : false,
          emailVerifiedAt: now,
          termsAcceptedAt: now,
          termsVersion: TERMS_VERSION,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: users.id });
      const org = orgOf(p);
      const pending = 'pending' in p && p.pending;
      const daysAgo = 'requestedDaysAgo' in p ? (p.requestedDaysAgo ?? 0) : 0;
      seeded.push({ id: u!.id, email: p.email, role: p.role, firstName: p.firstName, lastName: p.lastName, verifiedOrganisationIds: org && !pending ? [org.id] : [] });
      if (!org) continue;
      await tx.insert(memberships).values({
        userId: u!.id,
        organisationId: org.id,
        status: pending ? 'pending' : 'verified',
        decidedVia: pending ? null : 'facilitator',
        decidedAt: pending ? null : now,
        message: pending
          ? daysAgo
            ? 'Je travaille au service commun des achats de la métropole, qui achète aussi pour la ville : pouvez-vous valider mon adhésion ?'
            : "Je viens de rejoindre le service achats, merci de valider mon adhésion."
          : '',
        createdAt: new Date(now.getTime() - daysAgo * 24 * 3600_000),
      });
      if (!('declareDomain' in p) || p.declareDomain) {
        await tx.insert(organisationDomains).values({ organisationId: org.id, domain: p.email.split('@')[1]!, createdAt: now }).onConflictDoNothing();
      }
      if (declared[p.territory!]) {
        await tx
          .update(organisations)
          .set({
            declaredYearlyPurchases: declared[p.territory!],
            declaredPurchasesYear: 2025,
            // The SPASER status is derived (ADR 0025): Lyon, Rennes and Nantes get theirs from the schémas
            // written in spaser/demo.ts; Ajaccio, below the threshold, has only a member's statement.
            ...(p.territory === 'commune:2A004' ? { spaserStatement: 'none' as const, spaserStatedAt: now } : {}),
            updatedAt: now,
          })
          .where(eq(organisations.id, org.id));
      }
    }
  });
  await seedNotificationPreferences(deps, seeded);
  await seedHelpSpace(deps, seeded);
  await seedLibrary(deps, seeded);
  await seedEvents(deps, seeded);
  await seedPastEdition(deps, seeded);
  await seedCohorts(deps, seeded);
  await seedDemoDecp(deps);
  await seedSpasers(deps, seeded);
  await seedIntroductions(deps, seeded);
  await seedLearning(deps, seeded);
  return { password, accounts: people.map((p) => ({ email: p.email, role: p.role })) };
}

/** Questions and answers of the community space, written by demo members; one answer is marked useful. */
const helpThreads = [
  {
    asker: 'claire.martin@lyon.example',
    title: 'Quels indicateurs de suivi retenir pour un premier SPASER ?',
    theme: 'indicateurs',
    tags: ['indicateurs', 'premier-spaser'],
    body:
      "Nous préparons notre premier schéma et hésitons sur les indicateurs à inscrire. Les élus veulent un tableau de bord simple.\n\n" +
      "- faut-il reprendre les objectifs du PNAD (30 % de marchés avec une considération environnementale, 10 % sociale) ?\n" +
      "- comment mesurer sans outil dédié ?\n\nMerci pour vos retours d'expérience.",
    // « Utile pour moi » votes, so the home's « Les plus utiles » list has something to show.
    voters: ['nathalie.petit@bordeaux.example', 'yann.le-goff@rennes.example'],
    answers: [
      {
        author: 'nathalie.petit@bordeaux.example',
        useful: true,
        body:
          "Nous avons commencé avec **cinq indicateurs** seulement, tous calculables depuis nos données essentielles (DECP) :\n\n" +
          "1. part des marchés avec une considération environnementale ;\n2. part avec une considération sociale ;\n" +
          "3. heures d'insertion réalisées ;\n4. part des achats auprès de structures de l'ESS ;\n5. nombre de marchés réservés.\n\n" +
          "Les deux premiers reprennent les cibles du PNAD, ce qui facilite le rapport annuel.",
      },
      {
        author: 'sophie.durand@nantes.example',
        body: "Même approche chez nous. Attention à bien renseigner les considérations dans les DECP dès la notification : rattraper après coup prend beaucoup de temps.",
      },
    ],
  },
  {
    asker: 'sophie.durand@nantes.example',
    title: "Comment calibrer les heures d'insertion dans un marché de travaux ?",
    theme: 'clauses_sociales',
    tags: ['insertion', 'travaux'],
    voters: ['claire.martin@lyon.example'],
    body:
      "Pour une réhabilitation de groupe scolaire (2,4 M€ HT), quel volume d'heures d'insertion demander ? " +
      "Nous pensions à 5 % des heures de main-d'œuvre, mais certains lots semblent trop techniques.",
    answers: [
      {
        author: 'yann.le-goff@rennes.example',
        body:
          "Nous passons systématiquement par le facilitateur de clauses sociales de la maison de l'emploi : il estime lot par lot " +
          "les heures réalistes. Sur les lots techniques (CVC, électricité) nous descendons à 2 % ou nous prévoyons une action de formation.",
      },
    ],
  },
  {
    asker: 'aurelie.roux@grenoble.example',
    title: 'Quelle gouvernance mettre en place pour suivre le SPASER ?',
    theme: 'gouvernance',
    tags: ['gouvernance', 'pilotage'],
    voters: [],
    body: "Qui pilote chez vous le suivi annuel du schéma : la direction de la commande publique, un comité avec les élus, la direction du développement durable ?",
    answers: [],
  },
];

async function seedHelpSpace(deps: Deps, seeded: AuthUser[]) {
  const by = (email: string) => seeded.find((u) => u.email === email)!;
  for (const t of helpThreads) {
    const asker = by(t.asker);
    const q = await createQuestion(deps, asker, { spaceId: COMMUNITY_SPACE_ID, title: t.title, body: t.body, theme: t.theme, tags: t.tags });
    if (!q.ok) continue;
    for (const voter of t.voters) await vote(deps, by(voter), q.value.id, true);
    for (const a of t.answers) {
      const answer = await createAnswer(deps, by(a.author), q.value.id, a.body);
      if (answer.ok && 'useful' in a && a.useful) await markUseful(deps, asker, answer.value.id, true);
    }
  }
}

/** Paris wall-clock time `days` from now at `hhmm` ("10:00"), as the event form takes it. */
const parisDay = (now: Date, days: number, hhmm: string) => `${toParisLocal(new Date(now.getTime() + days * 24 * 3600_000)).slice(0, 10)}T${hhmm}`;

/** Two upcoming public webinars (the second one full, with a waitlist to join) and a past one. */
async function seedEvents(deps: Deps, seeded: AuthUser[]) {
  const by = (email: string) => seeded.find((u) => u.email === email)!;
  const facilitator = by('animation@entraide.example');
  const now = deps.clock.now();
  const common = { visibility: 'public' as const, onlineUrl: 'https://webinaire.numerique.gouv.fr/entraide-demo', place: null };
  await createEvent(deps, facilitator, {
    ...common,
    kind: 'webinar',
    title: 'Démarrer son SPASER en six mois',
    description:
      "Retour d'expérience de deux collectivités qui ont adopté leur schéma en moins d'un an : **calendrier**, gouvernance, premiers indicateurs.\n\n" +
      '- les étapes clés et les pièges à éviter ;\n- comment associer les élus et les services prescripteurs ;\n- questions et réponses.',
    speakers: ['Yann Le Goff — Ville de Rennes', 'Farid Benali — équipe d’animation'],
    themes: ['gouvernance', 'indicateurs'],
    startsAt: parisDay(now, 10, '10:00'),
    endsAt: parisDay(now, 10, '11:30'),
    capacity: 100,
  });
  const full = await createEvent(deps, facilitator, {
    ...common,
    kind: 'webinar',
    title: 'Clauses sociales : calibrer les heures d’insertion',
    description: "Atelier en petit comité avec un facilitateur de clauses sociales : comment estimer lot par lot les heures d'insertion réalistes.",
    speakers: ["Sophie Durand — Ville de Nantes"],
    themes: ['clauses_sociales'],
    startsAt: parisDay(now, 14, '14:00'),
    endsAt: parisDay(now, 14, '15:00'),
    capacity: 2,
  });
  if (full.ok) {
    await register(deps, by('claire.martin@lyon.example'), full.value.id);
    await register(deps, by('nathalie.petit@bordeaux.example'), full.value.id);
  }
  await createEvent(deps, facilitator, {
    ...common,
    kind: 'webinar',
    title: 'Les DECP au service du suivi de son SPASER',
    description: 'Comment utiliser les données essentielles de la commande publique pour calculer ses indicateurs.',
    speakers: ['Nathalie Petit — Ville de Bordeaux'],
    themes: ['indicateurs'],
    startsAt: parisDay(now, -20, '10:00'),
    endsAt: parisDay(now, -20, '11:00'),
    capacity: null,
  });
}

/** A few library resources (one with a PDF generated here) and the collection « Démarrer son SPASER ». */
async function seedLibrary(deps: Deps, seeded: AuthUser[]) {
  const facilitator = seeded.find((u) => u.role === 'facilitator')!;
  const opts = { createdBy: facilitator.id };
  const steps = await demoPdf('Démarrer son SPASER en cinq étapes', [
    '1. Vérifier l’obligation : le schéma concerne les acheteurs dont le montant annuel des achats dépasse 50 millions d’euros hors taxes.',
    '2. Faire un état des lieux des achats : cartographie par segment, considérations sociales et environnementales déjà présentes.',
    '3. Fixer des objectifs et une feuille de route pluriannuelle, avec des indicateurs simples et mesurables.',
    '4. Faire adopter le schéma par l’assemblée délibérante et le publier sur le site internet de la collectivité.',
    '5. Suivre et rendre compte chaque année : le bilan annuel alimente la révision du schéma.',
  ]);
  const guide = await createResource(
    deps,
    {
      kind: 'guide',
      title: 'Démarrer son SPASER en cinq étapes',
      summary: 'Les étapes, de la vérification de l’obligation au bilan annuel, pour un premier schéma.',
      body: 'Ce guide reprend la démarche suivie par les premières promotions.\n\n- une étape par mois environ ;\n- un comité de pilotage avec les élus ;\n- des indicateurs **simples**.',
      themes: ['gouvernance', 'indicateurs'],
      producer: "Équipe d'animation Entraide",
      licence: 'Licence Ouverte 2.0',
      publishedOn: '2025-09-15',
    },
    [{ fileName: 'demarrer-son-spaser.pdf', content: steps }],
    // Told as news (category « Bibliothèque »), so the demo's notification centre has several categories.
    { ...opts, announce: true },
  );
  const clause = await createResource(
    deps,
    {
      kind: 'clause',
      title: "Clause d'insertion sociale pour un marché de travaux",
      summary: "Une clause d'exécution type réservant un volume d'heures aux personnes éloignées de l'emploi.",
      body:
        "> Le titulaire s'engage à réaliser une action d'insertion représentant au moins **5 % des heures travaillées** sur le chantier, au bénéfice de personnes rencontrant des difficultés sociales ou professionnelles particulières.\n\nÀ adapter au montant de main-d'œuvre de chaque lot ; le facilitateur de clauses du territoire accompagne le suivi.",
      themes: ['clauses_sociales', 'travaux'],
      segments: ['45'],
      producer: 'Ville de Rennes (démonstration)',
      licence: 'Licence Ouverte 2.0',
      publishedOn: '2024-11-05',
    },
    [],
    { ...opts, announce: true },
  );
  const toolbox = await createResource(
    deps,
    {
      kind: 'indicator_toolbox',
      title: "Boîte à outils d'indicateurs du SPASER",
      summary: 'Une trentaine d’indicateurs de suivi classés par axe, avec leur mode de calcul à partir des données essentielles.',
      body: 'Chaque indicateur précise sa source (DECP, outil financier, enquête), sa fréquence et la cible du plan national pour des achats durables.',
      themes: ['indicateurs'],
      links: [{ label: 'Ministère de la Transition écologique (achats publics durables)', url: 'https://www.ecologie.gouv.fr' }],
      producer: "Équipe d'animation Entraide",
      licence: 'Licence Ouverte 2.0',
      visibility: 'verified',
      publishedOn: '2025-03-10',
    },
    [],
    opts,
  );
  const example = await createResource(
    deps,
    {
      kind: 'spaser_example',
      title: 'Exemple de SPASER adopté par une grande ville',
      summary: 'Trois axes (insertion, transition écologique, économie locale), douze objectifs et leurs indicateurs.',
      body: 'Le schéma a été adopté en conseil municipal après un an de travail avec les directions acheteuses.',
      themes: ['gouvernance', 'clauses_environnementales', 'clauses_sociales'],
      producer: 'Ville de Rennes (démonstration)',
      licence: 'Licence Ouverte 2.0',
      publishedOn: '2024-03-25',
    },
    [],
    opts,
  );
  await createResource(
    deps,
    {
      kind: 'testimony',
      title: 'Témoignage : la restauration collective passe au bio et au local',
      summary: 'Comment une commune a atteint 50 % de produits durables dans ses cantines.',
      body: 'Allotissement fin, sourcing des producteurs du département et critères de fraîcheur.',
      themes: ['alimentation'],
      segments: ['15', '55'],
      links: [{ label: 'Vidéo du témoignage', url: 'https://tube.example.fr/videos/restauration-collective' }],
      producer: 'Ville d’Ajaccio (démonstration)',
      publishedOn: '2025-06-02',
    },
    [],
    opts,
  );
  const ids = [guide, example, toolbox, clause].flatMap((r) => (r.ok ? [r.value.id] : []));
  await createCollection(deps, facilitator, {
    title: 'Démarrer son SPASER',
    description: 'Les ressources à lire en premier quand on prépare son premier schéma.',
    resourceIds: ids,
  });
}

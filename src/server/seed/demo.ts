import { randomBytes } from 'node:crypto';
import { count, eq, inArray } from 'drizzle-orm';
import { TERMS_VERSION } from '../accounts/accounts.contract.js';
import { users } from '../accounts/accounts.tables.js';
import { hashPassword } from '../accounts/passwords.js';
import { memberships, organisationDomains, organisations } from '../organisations/organisations.tables.js';
import type { Deps } from '../platform/context.js';
import type { AuthUser } from '../platform/auth.js';
import { platformSettings } from '../platform/jobs.tables.js';
import { COMMUNITY_SPACE_ID } from '../helpspace/helpspace.tables.js';
import { seedDemoDecp } from './demo-decp.js';
import { createAnswer, createQuestion, markUseful } from '../helpspace/posts/posts.service.js';

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
  { email: 'lea.moreau@strasbourg.example', firstName: 'Léa', lastName: 'Moreau', role: 'member' as const, job: 'Nouvelle acheteuse', region: '44', territory: 'commune:67482', themes: [], help: false, pending: true },
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
    .select({ id: organisations.id, territoryId: organisations.territoryId, kind: organisations.kind })
    .from(organisations)
    .where(inArray(organisations.territoryId, people.map((p) => p.territory).filter((t): t is string => !!t)));
  const seeded: AuthUser[] = [];
  const orgOf = (territory: string | null) => orgs.find((o) => o.territoryId === territory && o.kind === 'commune');
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
      const org = orgOf(p.territory);
      const pending = 'pending' in p && p.pending;
      seeded.push({ id: u!.id, email: p.email, role: p.role, firstName: p.firstName, lastName: p.lastName, verifiedOrganisationIds: org && !pending ? [org.id] : [] });
      if (!org) continue;
      await tx.insert(memberships).values({
        userId: u!.id,
        organisationId: org.id,
        status: pending ? 'pending' : 'verified',
        decidedVia: pending ? null : 'facilitator',
        decidedAt: pending ? null : now,
        message: pending ? "Je viens de rejoindre le service achats, merci de valider mon adhésion." : '',
        createdAt: now,
      });
      await tx.insert(organisationDomains).values({ organisationId: org.id, domain: p.email.split('@')[1]!, createdAt: now }).onConflictDoNothing();
      if (declared[p.territory!]) {
        await tx
          .update(organisations)
          .set({
            declaredYearlyPurchases: declared[p.territory!],
            declaredPurchasesYear: 2025,
            spaserStatus: p.territory === 'commune:35238' ? 'adopted' : p.territory === 'commune:69123' ? 'in_progress' : 'none',
            spaserAdoptedOn: p.territory === 'commune:35238' ? '2024-03-25' : null,
            updatedAt: now,
          })
          .where(eq(organisations.id, org.id));
      }
    }
  });
  await seedHelpSpace(deps, seeded);
  await seedDemoDecp(deps);
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
    for (const a of t.answers) {
      const answer = await createAnswer(deps, by(a.author), q.value.id, a.body);
      if (answer.ok && 'useful' in a && a.useful) await markUseful(deps, asker, answer.value.id, true);
    }
  }
}

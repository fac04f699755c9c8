import { randomBytes } from 'node:crypto';
import { count, eq, inArray } from 'drizzle-orm';
import { TERMS_VERSION } from '../accounts/accounts.contract.js';
import { users } from '../accounts/accounts.tables.js';
import { hashPassword } from '../accounts/passwords.js';
import { memberships, organisationDomains, organisations } from '../organisations/organisations.tables.js';
import type { Deps } from '../platform/context.js';
import { platformSettings } from '../platform/jobs.tables.js';

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
      if (!org) continue;
      const pending = 'pending' in p && p.pending;
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
  return { password, accounts: people.map((p) => ({ email: p.email, role: p.role })) };
}

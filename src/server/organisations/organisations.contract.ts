import { z } from 'zod';
import { sirenField } from '../../shared/fields.js';
import { spaserStatementKeys, spaserStatusKeys, spaserStatusSources } from '../spaser/spaser-status.contract.js';

export const organisationKindLabels = {
  commune: 'Commune',
  epci: 'Intercommunalité (EPCI)',
  departement: 'Département',
  region: 'Région',
  collectivite_statut_particulier: 'Collectivité à statut particulier',
  syndicat: 'Syndicat',
  etat: "Service de l'État",
  hopital: 'Établissement de santé',
  etablissement_public: 'Établissement public',
  bailleur_social: 'Bailleur social',
  societe_economie_mixte: "Société d'économie mixte",
  securite_sociale: 'Organisme de sécurité sociale',
  statut_legal: 'Acheteur dont le statut est fixé par la loi',
  autre: 'Autre acheteur',
} as const;
export const organisationKindKeys = Object.keys(organisationKindLabels) as [keyof typeof organisationKindLabels, ...(keyof typeof organisationKindLabels)[]];

// The SPASER status and its labels belong to the spaser module (ADR 0025); re-exported for the organisation pages.
export { spaserStatusLabels } from '../spaser/spaser-status.contract.js';

export const searchQuery = z.object({
  q: z
    .string()
    .trim()
    .max(100, 'La recherche ne peut dépasser 100 caractères.')
    .refine((q) => q === '' || /[\p{L}\p{N}]/u.test(q), 'Saisissez au moins une lettre ou un chiffre.')
    .optional(),
  kind: z.enum(organisationKindKeys, { error: "Type d'organisation inconnu." }).optional(),
  region: z.string().regex(/^\d{2,3}$/, 'Code région invalide.').optional(),
  departement: z.string().regex(/^(\d{2,3}|2A|2B)$/, 'Code département invalide.').optional(),
  page: z.coerce.number().int().min(1).max(500).default(1),
});

export const organisationSummary = z.object({
  id: z.string(),
  name: z.string(),
  siren: z.string().nullable(),
  kind: z.enum(organisationKindKeys),
  population: z.number().nullable(),
  departementCode: z.string().nullable(),
  regionCode: z.string().nullable(),
  postcodes: z.array(z.string()),
  membersCount: z.number(),
  /** Derived (view organisation_spaser_status, ADR 0025). */
  spaserStatus: z.enum(spaserStatusKeys),
});
export type OrganisationSummary = z.infer<typeof organisationSummary>;

export const searchResponse = z.object({
  items: z.array(organisationSummary),
  /** Counted up to 1 000 matches; `totalCapped` says there are more. */
  total: z.number(),
  totalCapped: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
});

/** The kinds the registry holds, with their number: the search's kind filter offers only these. */
export const kindCountsResponse = z.object({
  kinds: z.array(z.object({ kind: z.enum(organisationKindKeys), count: z.number() })),
});

export const verdictStatuses = ['concerned', 'likely_concerned', 'uncertain', 'likely_not_concerned', 'not_concerned'] as const;
export type VerdictStatus = (typeof verdictStatuses)[number];
export const verdictStatusLabels: Record<VerdictStatus, string> = {
  concerned: 'Concerné',
  likely_concerned: 'Probablement concerné',
  uncertain: 'Incertain',
  likely_not_concerned: 'Probablement non concerné',
  not_concerned: 'Non concerné',
};

/** The one verdict on the SPASER obligation (organisations/obligation.ts), as every page and the API give it. */
export const obligationSchema = z.object({
  date: z.string(),
  year: z.number(),
  threshold: z.number(),
  kindConcerned: z.boolean(),
  status: z.enum(verdictStatuses),
  source: z.enum(['rule', 'declaration', 'decp', 'none']),
  declared: z.object({ amount: z.number(), year: z.number().nullable() }).nullable(),
  decp: z.object({ notified: z.number(), annualised: z.number(), contracts: z.number() }).nullable(),
  reasons: z.array(z.string()),
});

export const organisationDetail = organisationSummary.extend({
  subKind: z.string().nullable(),
  /** Where the row comes from: 'decoupage-administratif', 'table', 'admin', 'sirene', 'decp' (ADR 0021). */
  source: z.string(),
  acronym: z.string().nullable(),
  /** INSEE catégorie juridique (niveau III), from the SIRENE stock. */
  legalCategory: z.string().nullable(),
  ceased: z.boolean(),
  ceasedOn: z.string().nullable(),
  territoryName: z.string().nullable(),
  regionName: z.string().nullable(),
  departementName: z.string().nullable(),
  declaredYearlyPurchases: z.number().nullable(),
  declaredPurchasesYear: z.number().nullable(),
  /** The adopted schéma in force: its address and adoption date (a schéma written here, else a declaration). */
  spaserUrl: z.string().nullable(),
  spaserAdoptedOn: z.string().nullable(),
  /** Where the status comes from, and the newest schéma written here of which it is a buyer. */
  spaserSource: z.enum(spaserStatusSources),
  spaserId: z.string().nullable(),
  sirenToComplete: z.boolean(),
  /** Created from the unknown SIREN of a ProConnect identity: an admin checks its name and type (ADR 0030). */
  needsReview: z.boolean(),
  obligation: obligationSchema,
  members: z.array(z.object({ id: z.string(), firstName: z.string(), lastName: z.string(), jobTitle: z.string() })),
  domains: z.array(z.string()),
  /** What the current user may do here, so the UI never guesses. */
  can: z.object({ edit: z.boolean(), requestMembership: z.boolean(), reviewRequests: z.boolean(), manageDomains: z.boolean(), editSiren: z.boolean() }),
  myMembership: z.enum(['pending', 'verified', 'rejected']).nullable(),
});
export type OrganisationDetail = z.infer<typeof organisationDetail>;

export const obligationQuery = z.object({
  date: z.iso.date({ error: 'Date invalide (AAAA-MM-JJ).' }).optional(),
  /** The calendar year whose purchases are judged (D2111-3); by default the last complete one. */
  year: z.coerce
    .number({ error: 'Année invalide.' })
    .int('Année invalide.')
    .min(2015, "L'obligation de schéma date de 2015 : choisissez une année à partir de 2015.")
    .max(2100, 'Année invalide.')
    .optional(),
});

export const organisationPatch = z
  .object({
    declaredYearlyPurchases: z
      .number({ error: 'Saisissez un montant en euros.' })
      .int('Saisissez un montant entier en euros.')
      .min(0, 'Le montant ne peut être négatif.')
      .max(100_000_000_000, 'Ce montant paraît impossible.')
      .nullable()
      .optional(),
    declaredPurchasesYear: z.number().int().min(2015, 'Année trop ancienne.').max(2100, 'Année invalide.').nullable().optional(),
    // A statement (unknown, none, in preparation), or « adopted » with the URL and date of a declaration.
    spaserStatus: z.enum([...spaserStatementKeys, 'adopted'], { error: 'Statut inconnu.' }).optional(),
    spaserUrl: z.url({ protocol: /^https?$/, error: 'Adresse web invalide (https://…).' }).max(500).nullable().optional(),
    spaserAdoptedOn: z.iso.date({ error: 'Date invalide (AAAA-MM-JJ).' }).nullable().optional(),
  })
  .refine((o) => Object.keys(o).length > 0, { message: 'Aucune modification.' });

export const membershipRequestBody = z.object({
  message: z.string().trim().max(500, 'Le message ne peut dépasser 500 caractères.').default(''),
});

export const membershipRequest = z.object({
  id: z.string(),
  userId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  jobTitle: z.string(),
  email: z.string(),
  message: z.string(),
  /** The SIRET a ProConnect identity carried when it asked (null for other requests). */
  siret: z.string().nullable(),
  status: z.enum(['pending', 'verified', 'rejected']),
  createdAt: z.string(),
});
export const membershipRequestsResponse = z.object({ items: z.array(membershipRequest) });

export const membershipDecisionBody = z.object({
  decision: z.enum(['approve', 'reject'], { error: 'Choisissez « approuver » ou « refuser ».' }),
});

export const membershipResponse = z.object({
  id: z.string(),
  status: z.enum(['pending', 'verified', 'rejected']),
  decidedVia: z.enum(['member', 'facilitator', 'domain', 'proconnect']).nullable(),
  message: z.string(),
});

export const domainBody = z.object({
  domain: z
    .string({ error: 'Saisissez un domaine.' })
    .trim()
    .toLowerCase()
    .regex(/^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/, 'Domaine invalide (exemple : ville-exemple.fr).'),
});
export const domainsResponse = z.object({ domains: z.array(z.string()) });

export const createOrganisationBody = z.object({
  siren: sirenField,
  name: z.string().trim().min(2, 'Saisissez le nom.').max(200, 'Le nom ne peut dépasser 200 caractères.'),
  kind: z.enum(organisationKindKeys, { error: "Choisissez un type d'organisation." }),
  departementCode: z.string().regex(/^(\d{2,3}|2A|2B)$/, 'Code département invalide.').nullable().default(null),
  domain: domainBody.shape.domain.optional(),
});
export const sirenBody = z.object({ siren: sirenField });
/** An admin's check of an organisation created from ProConnect: its real name and type. */
export const organisationReviewBody = createOrganisationBody.pick({ name: true, kind: true });

export const createdResponse = z.object({ id: z.string() });

/** The facilitators' queue: pending requests of every organisation, oldest first (issue 15, item 5). */
export const requestsQueueQuery = z.object({
  page: z.coerce.number().int().min(1, 'Page invalide.').max(1000, 'Page invalide.').default(1),
});
export const queuedRequest = z.object({
  id: z.string(),
  createdAt: z.string(),
  message: z.string(),
  /** The SIRET a ProConnect identity carried when it asked (null for other requests). */
  siret: z.string().nullable(),
  requester: z.object({ id: z.string(), firstName: z.string(), lastName: z.string(), jobTitle: z.string(), email: z.string() }),
  /** needsReview: created from an unknown SIREN of a ProConnect identity, for an admin to check. */
  organisation: z.object({ id: z.string(), name: z.string(), kind: z.enum(organisationKindKeys), siren: z.string().nullable(), departementCode: z.string().nullable(), needsReview: z.boolean() }),
  /** The domain of the requester's e-mail address, lower-cased. */
  emailDomain: z.string(),
  /** The e-mail domains declared for the organisation. */
  declaredDomains: z.array(z.string()),
  /** Whether `emailDomain` is one of `declaredDomains` (exact match, as the automatic verification). */
  domainMatches: z.boolean(),
  /** A webmail domain (gmail.com…), which proves nothing about the organisation. */
  publicMailDomain: z.boolean(),
});
export const requestsQueueResponse = z.object({
  items: z.array(queuedRequest),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

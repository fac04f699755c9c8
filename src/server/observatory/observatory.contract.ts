import { z } from 'zod';
import { spaserStatusKeys } from '../spaser/spaser-status.contract.js';
import { verdictStatuses } from '../organisations/organisations.contract.js';

// Requests and responses of the observatory and of an organisation's DECP indicators (imports only zod).

const split = z.object({ positive: z.number(), negative: z.number(), unknown: z.number() });
const shares = z.object({ ofAll: z.number().nullable(), ofInformed: z.number().nullable(), completeness: z.number().nullable() });
export const contractKind = z.enum(['marche', 'concession']);
export const indicatorRow = z.object({
  kind: contractKind,
  year: z.number().nullable(),
  contracts: z.number(),
  social: split,
  environmental: split,
  amount: z.object({
    total: z.number(),
    excluded: z.number(),
    social: z.object({ positive: z.number(), negative: z.number() }),
    environmental: z.object({ positive: z.number(), negative: z.number() }),
  }),
  /** In number of contracts, and `value` in amounts (« nombre de contrats ou valeur », L2111-3). */
  shares: z.object({ social: shares, environmental: shares, value: z.object({ social: shares, environmental: shares }) }),
});
export type IndicatorRowDto = z.infer<typeof indicatorRow>;

export const breakdownRow = z.object({
  key: z.string().nullable(),
  contracts: z.number(),
  socialPositive: z.number(),
  environmentalPositive: z.number(),
  amount: z.number(),
  excluded: z.number(),
});
export type BreakdownRowDto = z.infer<typeof breakdownRow>;

export const peerYear = z.object({
  year: z.number(),
  band: z.number(),
  bandLabel: z.string(),
  peers: z.number(),
  contracts: z.number(),
  social: split,
  environmental: split,
  socialShare: z.number().nullable(),
  environmentalShare: z.number().nullable(),
});
export type PeerYear = z.infer<typeof peerYear>;

export const yearQuery = z.object({
  year: z.coerce.number({ error: 'Année invalide.' }).int('Année invalide.').min(2000, 'Année invalide (2000 ou après).').max(2100, 'Année invalide.').optional(),
});

export const organisationIndicatorsResponse = z.object({
  organisationId: z.string(),
  siren: z.string().nullable(),
  source: z.string(),
  importedAt: z.string().nullable(),
  rows: z.array(indicatorRow),
  breakdownYear: z.number().nullable(),
  breakdowns: z.array(
    z.object({ kind: contractKind, cpvDivision: z.array(breakdownRow), purchaseType: z.array(breakdownRow), procedure: z.array(breakdownRow) }),
  ),
  peers: z.object({ definition: z.string(), years: z.array(peerYear) }),
  can: z.object({ declareSpaser: z.boolean(), readInternalApi: z.boolean() }),
});
export type OrganisationIndicators = z.infer<typeof organisationIndicatorsResponse>;

/** The indicators the SPASER builder may ask for, over one kind of contract and one year. */
export const indicatorKeys = [
  'social_share',
  'environmental_share',
  'social_share_informed',
  'environmental_share_informed',
  'social_completeness',
  'environmental_completeness',
  'contracts',
  'amount',
] as const;
export const indicatorParams = z.object({
  indicator: z.enum(indicatorKeys, { error: 'Indicateur inconnu.' }),
});
export const indicatorQuery = z.object({
  year: z.coerce.number({ error: 'Saisissez une année.' }).int('Année invalide.').min(2000, 'Année invalide (2000 ou après).').max(2100, 'Année invalide.'),
  kind: contractKind.default('marche'),
});
export const indicatorValueResponse = z.object({
  organisationId: z.string(),
  siren: z.string(),
  indicator: z.enum(indicatorKeys),
  label: z.string(),
  kind: contractKind,
  year: z.number(),
  unit: z.enum(['share', 'count', 'euros']),
  /** null when the denominator is zero (no contract, or none informed). */
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number().nullable(),
  source: z.string(),
  /** When the import the contracts come from finished; null when there is none. */
  importedAt: z.string().nullable(),
});

export const nationalResponse = z.object({ source: z.string(), importedAt: z.string().nullable(), rows: z.array(indicatorRow) });

export const territoryLevel = z.enum(['region', 'departement']);
export const territoriesQuery = z.object({ level: territoryLevel.default('region') });
export const territoryRow = z.object({
  code: z.string(),
  name: z.string(),
  year: z.number(),
  contracts: z.number(),
  social: split,
  environmental: split,
  socialShare: z.number().nullable(),
  environmentalShare: z.number().nullable(),
});
export type TerritoryRow = z.infer<typeof territoryRow>;
export const territoriesResponse = z.object({
  level: territoryLevel,
  years: z.array(z.number()),
  rows: z.array(territoryRow),
  /** Marchés of buyers whose SIREN is not in the registry (no territory to put them in). */
  unattributed: z.number(),
});

export const estimateStatus = z.enum(['likely_above', 'likely_below', 'uncertain']);
export const buyersQuery = yearQuery.extend({
  status: z.enum(['likely_above', 'uncertain', 'both'], { error: 'Statut inconnu.' }).default('both'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export const buyerRow = z.object({
  siren: z.string(),
  organisationId: z.string().nullable(),
  name: z.string().nullable(),
  kind: z.string().nullable(),
  regionCode: z.string().nullable(),
  /** What the DECP estimate alone says. */
  status: estimateStatus,
  /** The one verdict (organisations/obligation.ts): a member's declaration outranks the estimate. */
  verdict: z.enum(verdictStatuses),
  verdictSource: z.enum(['rule', 'declaration', 'decp', 'none']),
  notifiedAmount: z.number(),
  annualisedAmount: z.number(),
  reasons: z.array(z.string()),
  /** The organisation's derived status (ADR 0025); null for a SIREN absent from the registry. */
  spaserStatus: z.enum(spaserStatusKeys).nullable(),
  spaserUrl: z.string().nullable(),
  spaserAdoptedOn: z.string().nullable(),
});
export type BuyerRow = z.infer<typeof buyerRow>;
export const buyersResponse = z.object({
  year: z.number().nullable(),
  /** The date whose rule judges the year's purchases (absent when no marché was imported). */
  date: z.string().optional(),
  years: z.array(z.number()),
  threshold: z.number(),
  counts: z.object({ likely_above: z.number(), uncertain: z.number() }),
  items: z.array(buyerRow),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const exportTables = ['national', 'regions', 'departements', 'buyers'] as const;
export const exportParams = z.object({ table: z.enum(exportTables, { error: 'Tableau inconnu.' }) });
export const exportQuery = buyersQuery.pick({ year: true, status: true }).extend({ format: z.enum(['csv', 'xlsx'], { error: 'Format inconnu (csv ou xlsx).' }).default('csv') });

export const spaserDeclarationBody = z.object({
  url: z.url({ protocol: /^https?$/, error: 'Adresse web invalide (https://…).' }).max(500, "L'adresse ne peut dépasser 500 caractères."),
  adoptedOn: z.iso.date({ error: "Date d'adoption invalide (AAAA-MM-JJ)." }),
});
// The status after the declaration: « adopté », or « en révision » when a draft is written here (ADR 0025).
export const spaserDeclarationResponse = z.object({ spaserStatus: z.enum(spaserStatusKeys), spaserUrl: z.string().nullable(), spaserAdoptedOn: z.string().nullable() });

import { z } from 'zod';

/**
 * The content of a SPASER as the builder writes it (issue 17, items 3 and 4): preamble, diagnostic,
 * axes → objectives → actions, indicators kept per buyer, governance, stakeholders, publication.
 * Only zod here (the web app imports it); French labels in spaser.labels.ts. The legal check
 * (legal-check.ts) reads the categories editors tag objectives, actions and indicators with — never
 * keywords in free text.
 */

/** What an objective or an action serves, as L2111-3 names it (ADR 0024). */
export const objectiveTags = [
  'social_insertion', // intégration sociale et professionnelle de travailleurs handicapés ou défavorisés
  'ecological',
  'circular_economy',
  'esus', // achats auprès d'entreprises solidaires d'utilité sociale agréées
  'disadvantaged_employers', // entreprises employant des personnes défavorisées ou de groupes vulnérables
  'sme_access',
  'fair_trade',
  'other',
] as const;
export type ObjectiveTag = (typeof objectiveTags)[number];

export const indicatorCategories = [
  'environmental_consideration',
  'social_consideration',
  'insertion', // insertion of disabled or disadvantaged workers
  'esus',
  'reserved_contracts',
  'circular_economy', // AGEC shares
  'sme_access',
  'other',
] as const;
export type IndicatorCategory = (typeof indicatorCategories)[number];

export const indicatorUnits = ['pct_contracts', 'pct_value', 'contracts', 'euros', 'hours', 'tco2e', 'pct_other', 'other'] as const;
export type IndicatorUnit = (typeof indicatorUnits)[number];
/** The units L2111-3 asks indicators to be expressed in: « en nombre de contrats ou en valeur ». */
export const lawUnits: readonly IndicatorUnit[] = ['pct_contracts', 'pct_value', 'contracts', 'euros'];
/** Units whose values are shares, kept between 0 and 100. */
export const percentUnits: readonly IndicatorUnit[] = ['pct_contracts', 'pct_value', 'pct_other'];

/** Units that count or sum something: never negative (and a number of contracts is whole). */
export const countUnits: readonly IndicatorUnit[] = ['contracts', 'euros', 'hours', 'tco2e'];

export const actionStatuses = ['planned', 'in_progress', 'done', 'dropped'] as const;

const text = (max: number, tooLong: string) => z.string().trim().max(max, tooLong);
const shortText = (what: string) => text(300, `${what} ne peut dépasser 300 caractères.`);
const longText = (what: string) => text(20_000, `${what} ne peut dépasser 20 000 caractères.`);
const year = z.number({ error: 'Indiquez une année.' }).int('Indiquez une année.').min(2000, 'Indiquez une année à partir de 2000.').max(2100, 'Indiquez une année avant 2100.');
const dateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Indiquez une date (AAAA-MM-JJ).');
const id = z.string().min(1).max(64);

export const action = z.object({
  id,
  title: shortText("L'intitulé de l'action").min(1, "Donnez un intitulé à l'action."),
  owner: shortText('Le pilote').default(''),
  deadline: dateText.nullable().default(null),
  status: z.enum(actionStatuses).default('planned'),
  families: z.array(shortText('La famille d’achats')).max(50).default([]),
  tags: z.array(z.enum(objectiveTags)).max(objectiveTags.length).default([]),
});

export const objective = z.object({
  id,
  title: shortText("L'intitulé de l'objectif").min(1, "Donnez un intitulé à l'objectif."),
  tags: z.array(z.enum(objectiveTags)).max(objectiveTags.length).default([]),
  actions: z.array(action).max(100).default([]),
});

export const axis = z.object({
  id,
  title: shortText("L'intitulé de l'axe").min(1, "Donnez un intitulé à l'axe."),
  objectives: z.array(objective).max(50).default([]),
});

const yearValue = z.object({ year, value: z.number({ error: 'Indiquez une valeur numérique.' }).finite('Indiquez une valeur numérique.') });

/**
 * Where a figure pre-filled from the procurement data comes from (issue 17, item 4). Written by the
 * server when the section is saved, from the buyer's own DECP indicators: what the client sends here
 * is replaced, so the numerator, denominator, files and import date shown are always the data's.
 */
export const decpProvenance = z.object({
  // The DECP share for that buyer and year, in % (2 decimals), and what it is computed from.
  value: z.number(),
  numerator: z.number(),
  denominator: z.number(),
  sourceFiles: z.array(z.string()).max(50),
  importedAt: z.string().nullable(),
});
export type DecpProvenance = z.output<typeof decpProvenance>;

/** A baseline or a yearly value: its source, its evidence, and why it replaces the DECP figure if it does. */
const figure = yearValue.extend({
  source: shortText('La source').default(''),
  // Evidence: an address (https://…) or a note saying where the document is kept, and/or a file
  // uploaded to the schéma (spaser_evidence_files; checked at save to belong to this schéma).
  evidence: shortText('La pièce justificative').default(''),
  evidenceFileId: z.uuid({ error: 'Ce fichier justificatif est introuvable.' }).nullable().default(null),
  // Set when the value replaces the one computed from the DECP: why (kept and shown).
  overrideReason: shortText('La raison').nullable().default(null),
  decp: decpProvenance.nullable().default(null),
});

/** One buyer's figures for an indicator: a joint schéma keeps them per buyer (L2111-3, 2023). */
export const buyerFigures = z.object({
  organisationId: z.string().min(1),
  baseline: figure.nullable().default(null),
  targets: z.array(yearValue).max(30).default([]),
  values: z.array(figure).max(30).default([]),
});

export const indicator = z.object({
  id,
  name: shortText("Le nom de l'indicateur").min(1, "Donnez un nom à l'indicateur."),
  category: z.enum(indicatorCategories, { error: "Choisissez la catégorie de l'indicateur." }),
  unit: z.enum(indicatorUnits, { error: "Choisissez l'unité de l'indicateur." }),
  definition: longText('La définition').default(''),
  objectiveId: id.nullable().default(null),
  // The catalogue entry it was picked from (indicator-catalogue.ts); DECP-computable ones are pre-filled.
  catalogueKey: z.string().max(64).nullable().default(null),
  perBuyer: z.array(buyerFigures).min(1).max(50),
});

/**
 * One line of the purchase mapping (item 3): a family of purchases — a CPV division or a procedure —
 * of one buyer, with its number of marchés and amount in a year; offered pre-filled from the buyer's
 * own DECP breakdown (decp-prefill.ts), then the editors' to change and comment.
 */
export const mappingDimensions = ['cpv_division', 'procedure'] as const;
export const mappingRow = z.object({
  id: z.string().min(1).max(80),
  organisationId: z.uuid().nullable().default(null),
  by: z.enum(mappingDimensions),
  family: shortText('La famille d’achats').min(1, 'Nommez la famille d’achats.'),
  year: z.number({ error: 'Indiquez une année.' }).int('Indiquez une année entière.').min(2000, "L'année doit être 2000 ou après.").max(2100, "L'année doit être 2100 ou avant.").nullable().default(null),
  contracts: z.number({ error: 'Indiquez un nombre.' }).int('Le nombre de marchés est un nombre entier.').min(0, 'Le nombre de marchés ne peut être négatif.').nullable().default(null),
  amount: z.number({ error: 'Indiquez un montant.' }).min(0, 'Le montant ne peut être négatif.').nullable().default(null),
  comment: text(2_000, 'Le commentaire ne peut dépasser 2 000 caractères.').default(''),
});
export type MappingRow = z.infer<typeof mappingRow>;

export const spaserContent = z.object({
  preamble: longText('Le préambule').default(''),
  diagnostic: z
    .object({
      text: longText('Le diagnostic').default(''),
      maturity: z.number({ error: 'Choisissez un niveau de 1 à 5.' }).int('Choisissez un niveau de 1 à 5.').min(1, 'Choisissez un niveau de 1 à 5.').max(5, 'Choisissez un niveau de 1 à 5.').nullable().default(null),
      mapping: z.array(mappingRow).max(200).default([]),
    })
    .default({ text: '', maturity: null, mapping: [] }),
  axes: z.array(axis).max(20).default([]),
  indicators: z.array(indicator).max(200).default([]),
  governance: z
    .object({
      steeringCommittee: longText('Le comité de pilotage').default(''),
      // How often progress is reviewed, in months (L2111-3: « suivi annuel »).
      reviewCadenceMonths: z.number().int().min(1).max(60).nullable().default(null),
      monitoring: longText('Les modalités de suivi').default(''),
      reportingLine: longText('Le rendu compte').default(''),
    })
    .default({ steeringCommittee: '', reviewCadenceMonths: null, monitoring: '', reportingLine: '' }),
  stakeholders: z
    .array(z.object({ who: shortText('Qui').min(1, 'Indiquez qui a été associé.'), how: shortText('Comment').default('') }))
    .max(100)
    .default([]),
  publication: z
    .object({
      url: z.url({ error: 'Indiquez une adresse web complète (https://…).' }).nullable().default(null),
      // How often the indicators are published, in months (L2111-3: « publiés tous les deux ans »).
      indicatorsEveryMonths: z.number().int().min(1).max(120).nullable().default(null),
    })
    .default({ url: null, indicatorsEveryMonths: null }),
});
export type SpaserContent = z.output<typeof spaserContent>;
export type SpaserIndicator = z.output<typeof indicator>;

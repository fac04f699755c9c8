import { sql } from 'drizzle-orm';
import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The columns a normalised DECP record carries, in staging and in the kept contracts. */
const contractColumns = () => ({
  kind: text('kind', { enum: ['marche', 'concession'] }).notNull(),
  // Identifiers after removing white space (ADR 0008): a contract is (kind, buyer SIRET, id).
  buyerSiret: text('buyer_siret').notNull(),
  contractId: text('contract_id').notNull(),
  buyerSiren: text('buyer_siren').notNull(),
  // acheteur.nom / autoriteConcedante.nom (2019 format, national tabular file), when given.
  buyerName: text('buyer_name'),
  format: text('format', { enum: ['2019', '2024', 'hybrid', 'tabular'] }).notNull(),
  // Year of dateNotification (marché) / dateSignature (concession) when valid; null = undated.
  year: integer('year'),
  // YYYY-MM-DD when valid (ADR 0008), else null.
  notificationDate: text('notification_date'),
  // What duplicates are compared on: the valid date, or the raw value trimmed.
  notificationKey: text('notification_key'),
  publicationDate: text('publication_date'),
  modifications: integer('modifications').notNull(),
  objet: text('objet'),
  nature: text('nature'),
  procedure: text('procedure'),
  cpv: text('cpv'),
  cpvDivision: text('cpv_division'),
  purchaseType: text('purchase_type', { enum: ['travaux', 'fournitures', 'services'] }),
  durationMonths: integer('duration_months'),
  // montant (marché) or valeurGlobale (concession), € HT: initial, and after modifications.
  amountInitial: doublePrecision('amount_initial'),
  amountCurrent: doublePrecision('amount_current'),
  // Missing, ≤ 1 € or ≥ 10 bn€: left out of every sum.
  amountExcluded: boolean('amount_excluded').notNull(),
  social: text('social', { enum: ['positive', 'negative', 'unknown'] }).notNull(),
  environmental: text('environmental', { enum: ['positive', 'negative', 'unknown'] }).notNull(),
  socialValues: text('social_values').array().notNull().default(sql`'{}'::text[]`),
  environmentalValues: text('environmental_values').array().notNull().default(sql`'{}'::text[]`),
  flags: text('flags').array().notNull().default(sql`'{}'::text[]`),
  sourceFile: text('source_file').notNull(),
});

/** One row per contract identity: the version kept by the dedupe rules. */
export const decpContracts = pgTable(
  'decp_contracts',
  {
    ...contractColumns(),
    // Records of this identity disagreed on objet or dateNotification.
    conflict: boolean('conflict').notNull().default(false),
    importId: uuid('import_id').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.buyerSiret, t.contractId] }),
    index('decp_contracts_siren_idx').on(t.buyerSiren, t.kind, t.year),
    index('decp_contracts_year_idx').on(t.kind, t.year),
  ],
);

/**
 * Records of a file being imported, invisible until the file is merged in one transaction.
 * UNLOGGED and without index (migration 0043, issue 14): rows that only live until their merge need
 * no write-ahead log (a server crash empties the table, and the import it served has failed anyway),
 * and the merge reads all of an import's rows at once, which a sequential scan does best.
 */
export const decpStaging = pgTable('decp_staging', {
  importId: uuid('import_id').notNull(),
  // Read order across the file: the last read wins a tie.
  seq: bigint('seq', { mode: 'number' }).notNull(),
  ...contractColumns(),
});

/** One row per imported file, with its report once finished. */
export const decpImports = pgTable('decp_imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  file: text('file').notNull(),
  // interrupted: its process died (kill, crash) before the end; nothing of the file was kept.
  status: text('status', { enum: ['running', 'done', 'failed', 'interrupted'] }).notNull(),
  // The process running it (platform/instance.ts): a start marks the imports of dead processes interrupted.
  ownerInstance: text('owner_instance'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  report: jsonb('report'),
});

/** Records that could not be used, with their position in the file and the reason. */
export const decpRejections = pgTable(
  'decp_rejections',
  {
    importId: uuid('import_id').notNull(),
    position: integer('position').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [index('decp_rejections_import_idx').on(t.importId)],
);

/**
 * Indicator counts per buyer SIRET, kind and year (null = undated), recomputed from decp_contracts
 * for the SIRENs an import touched, in the transaction that makes the import visible. Indicators of a
 * buyer, a group or the nation read these few rows instead of every contract.
 */
export const decpBuyerYears = pgTable(
  'decp_buyer_years',
  {
    buyerSiret: text('buyer_siret').notNull(),
    buyerSiren: text('buyer_siren').notNull(),
    kind: text('kind', { enum: ['marche', 'concession'] }).notNull(),
    year: integer('year'),
    contracts: integer('contracts').notNull(),
    socialPositive: integer('social_positive').notNull(),
    socialNegative: integer('social_negative').notNull(),
    socialUnknown: integer('social_unknown').notNull(),
    environmentalPositive: integer('environmental_positive').notNull(),
    environmentalNegative: integer('environmental_negative').notNull(),
    environmentalUnknown: integer('environmental_unknown').notNull(),
    // Sum of the current amounts not left out, and how many were left out.
    amountTotal: doublePrecision('amount_total').notNull(),
    amountExcluded: integer('amount_excluded').notNull(),
    // The same sums for the contracts with / without each consideration: the shares « en valeur »
    // (L2111-3 speaks of « nombre de contrats ou valeur »; issue 17, item 4).
    amountSocialPositive: doublePrecision('amount_social_positive').notNull().default(0),
    amountSocialNegative: doublePrecision('amount_social_negative').notNull().default(0),
    amountEnvironmentalPositive: doublePrecision('amount_environmental_positive').notNull().default(0),
    amountEnvironmentalNegative: doublePrecision('amount_environmental_negative').notNull().default(0),
  },
  (t) => [index('decp_buyer_years_siret_idx').on(t.buyerSiret), index('decp_buyer_years_siren_idx').on(t.buyerSiren)],
);

/**
 * The yearly purchases profile of a SIREN (marchés only, reference §10.3), per year: what the
 * estimate, the likely-subject list and the peer groups (ADR 0014) read instead of every contract.
 * Recomputed with decp_buyer_years, in the same transaction, for the SIRENs an import touched.
 * A year has a row when a marché was notified in it or runs in it (years 2000 to PROFILE_LAST_YEAR).
 */
export const decpSirenYears = pgTable(
  'decp_siren_years',
  {
    buyerSiren: text('buyer_siren').notNull(),
    year: integer('year').notNull(),
    // Marchés notified in the year: sum of the current amounts not left out, how many, how many left out.
    notifiedAmount: doublePrecision('notified_amount').notNull(),
    notifiedContracts: integer('notified_contracts').notNull(),
    notifiedExcluded: integer('notified_excluded').notNull(),
    // Marchés running in the year: amount spread evenly over the duration, the months in the year counted.
    annualisedAmount: doublePrecision('annualised_amount').notNull(),
    annualisedContracts: integer('annualised_contracts').notNull(),
    annualisedExcluded: integer('annualised_excluded').notNull(),
    // Marchés running in the year without a duration (counted whole in their notification month).
    missingDuration: integer('missing_duration').notNull(),
  },
  (t) => [primaryKey({ columns: [t.buyerSiren, t.year] }), index('decp_siren_years_year_idx').on(t.year)],
);

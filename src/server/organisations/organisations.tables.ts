import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { spaserStatementKeys } from '../spaser/spaser-status.contract.js';
import { users } from '../accounts/accounts.tables.js';

export const organisationKinds = [
  'commune',
  'epci',
  'departement',
  'region',
  'collectivite_statut_particulier',
  'syndicat',
  'etat',
  'hopital',
  'etablissement_public',
  'bailleur_social',
  'societe_economie_mixte',
  'securite_sociale',
  'statut_legal',
  'autre',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // 9 digits; null while an admin has not established it ("SIREN à compléter").
    siren: text('siren'),
    name: text('name').notNull(),
    // The name folded for search (lower case, no accents, punctuation as spaces), stored so that the
    // trigram index's rechecks and the ranking read it instead of recomputing it per row (issue 15).
    nameSearch: text('name_search').generatedAlwaysAs(sql`search_normalize(name)`),
    kind: text('kind', { enum: organisationKinds }).notNull(),
    // CC, CA, CU, METRO, MET69 for EPCI.
    subKind: text('sub_kind'),
    population: integer('population'),
    // The territory it administers or sits in ('commune:01001', 'departement:2A', 'region:84').
    territoryId: text('territory_id'),
    regionCode: text('region_code'),
    departementCode: text('departement_code'),
    postcodes: text('postcodes').array().notNull().default(sql`'{}'::text[]`),
    // Declared by a verified member or a facilitator, in euros HT, with the year it describes.
    declaredYearlyPurchases: bigint('declared_yearly_purchases', { mode: 'number' }),
    declaredPurchasesYear: integer('declared_purchases_year'),
    // What a member stated about the SPASER when none is written here nor declared adopted, and when:
    // only an input of the derived status (view organisation_spaser_status, ADR 0025), never the status.
    spaserStatement: text('spaser_statement', { enum: spaserStatementKeys }).notNull().default('unknown'),
    spaserStatedAt: timestamp('spaser_stated_at', { withTimezone: true }),
    // Sigle of the legal unit (SIRENE sigleUniteLegale): « CHU », « SDIS 42 ».
    acronym: text('acronym'),
    // INSEE catégorie juridique, niveau III (4 digits), from the SIRENE stock (ADR 0021).
    legalCategory: text('legal_category'),
    // The legal unit ceased activity (SIRENE etatAdministratifUniteLegale = C): kept, never deleted.
    ceased: boolean('ceased').notNull().default(false),
    ceasedOn: date('ceased_on'),
    // Where the row came from: 'decoupage-administratif', 'table', 'admin', 'sirene' (INSEE stock),
    // 'decp' (a SIREN seen as a buyer in imported procurement data and absent from the registry).
    source: text('source').notNull(),
    // Created from an unknown SIREN of a ProConnect identity (source 'proconnect'): an admin checks it.
    needsReview: boolean('needs_review').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('organisations_siren_key').on(t.siren),
    index('organisations_kind_idx').on(t.kind),
    index('organisations_region_idx').on(t.regionCode),
    index('organisations_postcodes_idx').using('gin', t.postcodes),
    index('organisations_name_search_trgm_idx').using('gin', t.nameSearch.op('gin_trgm_ops')),
    // A query that is a sigle (« CHU », « SDIS ») finds its unit (ADR 0021).
    index('organisations_acronym_idx').on(sql`search_normalize(${t.acronym})`),
    // French words of the name, stemmed and folded (« hôpitaux » for « hôpital »; migration 0018).
    index('organisations_name_words_idx').using('gin', sql`french_search_vector(${t.name})`),
  ],
);

export const organisationDomains = pgTable(
  'organisation_domains',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    // Lower-cased e-mail domain, e.g. 'lyon.fr'.
    domain: text('domain').notNull(),
    declaredBy: uuid('declared_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('organisation_domains_key').on(t.organisationId, t.domain), index('organisation_domains_domain_idx').on(t.domain)],
);

export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['pending', 'verified', 'rejected'] }).notNull(),
    // How it was decided: by a verified member, a facilitator, or the declared e-mail domain.
    decidedVia: text('decided_via', { enum: ['member', 'facilitator', 'domain', 'proconnect'] }),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    message: text('message').notNull().default(''),
    // The SIRET a ProConnect identity carried when it asked: shown to whoever approves.
    siret: text('siret'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('memberships_user_org_key').on(t.userId, t.organisationId),
    index('memberships_org_idx').on(t.organisationId, t.status),
  ],
);

/** Legal units of a SIRENE stock being imported, invisible until merged in one transaction (ADR 0021). */
export const sireneStaging = pgTable(
  'sirene_staging',
  {
    importId: uuid('import_id').notNull(),
    siren: text('siren').notNull(),
    name: text('name').notNull(),
    acronym: text('acronym'),
    legalCategory: text('legal_category').notNull(),
    // 'autre' for a unit kept only because it is a DECP buyer (its category makes no buyer kind).
    kind: text('kind', { enum: organisationKinds }).notNull(),
    ceased: boolean('ceased').notNull(),
    ceasedOn: date('ceased_on'),
    nicSiege: text('nic_siege'),
    // From the establishments stock (--etablissements): the head office's commune and postcode.
    communeCode: text('commune_code'),
    postcode: text('postcode'),
  },
  (t) => [uniqueIndex('sirene_staging_key').on(t.importId, t.siren)],
);

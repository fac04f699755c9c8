import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
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
    spaserStatus: text('spaser_status', { enum: ['unknown', 'none', 'in_progress', 'adopted'] })
      .notNull()
      .default('unknown'),
    spaserUrl: text('spaser_url'),
    spaserAdoptedOn: date('spaser_adopted_on'),
    // Where the row came from: 'decoupage-administratif', 'table', 'admin'.
    source: text('source').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('organisations_siren_key').on(t.siren),
    index('organisations_kind_idx').on(t.kind),
    index('organisations_region_idx').on(t.regionCode),
    index('organisations_postcodes_idx').using('gin', t.postcodes),
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
    decidedVia: text('decided_via', { enum: ['member', 'facilitator', 'domain'] }),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    message: text('message').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('memberships_user_org_key').on(t.userId, t.organisationId),
    index('memberships_org_idx').on(t.organisationId, t.status),
  ],
);

import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';
import { organisations } from '../organisations/organisations.tables.js';

/** Life of a SPASER written on the platform (issue 17, item 1; the organisation's status follows it). */
export const spaserStatuses = ['in_preparation', 'in_consultation', 'adopted', 'published', 'in_revision'] as const;
export type SpaserStatus = (typeof spaserStatuses)[number];

/** The sections saved one at a time, each with its own version (two editors never overwrite each other). */
export const spaserSections = ['preamble', 'diagnostic', 'axes', 'indicators', 'governance', 'stakeholders', 'publication'] as const;
export type SpaserSection = (typeof spaserSections)[number];

export const spasers = pgTable(
  'spasers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    // The organisation that started it; a joint schéma adds partners in spaser_buyers.
    leadOrganisationId: uuid('lead_organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    periodStart: integer('period_start').notNull(),
    // Null: open-ended (the law sets no duration; Brest's has no end).
    periodEnd: integer('period_end'),
    status: text('status', { enum: spaserStatuses }).notNull().default('in_preparation'),
    adoptedOn: date('adopted_on'),
    adoptionReference: text('adoption_reference'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('spasers_lead_idx').on(t.leadOrganisationId)],
);

/** The buyers of a schéma: the lead, and partners once one of their verified members accepted. */
export const spaserBuyers = pgTable(
  'spaser_buyers',
  {
    spaserId: uuid('spaser_id')
      .notNull()
      .references(() => spasers.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['invited', 'accepted'] }).notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.spaserId, t.organisationId] }), index('spaser_buyers_org_idx').on(t.organisationId)],
);

/** Who edits: verified members of an accepted buyer read; those listed here as editors write. */
export const spaserEditors = pgTable(
  'spaser_editors',
  {
    spaserId: uuid('spaser_id')
      .notNull()
      .references(() => spasers.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.spaserId, t.userId] })],
);

export const spaserSectionContents = pgTable(
  'spaser_sections',
  {
    spaserId: uuid('spaser_id')
      .notNull()
      .references(() => spasers.id, { onDelete: 'cascade' }),
    section: text('section', { enum: spaserSections }).notNull(),
    body: jsonb('body').notNull().default(sql`'null'::jsonb`),
    version: integer('version').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.spaserId, t.section] })],
);

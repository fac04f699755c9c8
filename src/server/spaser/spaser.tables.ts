import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, pgView, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';
import { organisations } from '../organisations/organisations.tables.js';
import { spaserStatusKeys, spaserStatusSources, writtenSpaserStatusKeys, type WrittenSpaserStatus } from './spaser-status.contract.js';

/** Life of a SPASER written on the platform (issue 17, item 1; the organisation's status follows it). */
export const spaserStatuses = writtenSpaserStatusKeys;
export type SpaserStatus = WrittenSpaserStatus;

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
    // The public address's stable part (/spaser/<publicRef>-<slug>), given at the first publication
    // and kept for good: a new title changes the slug, never the reference (issue 18, item 1).
    publicRef: text('public_ref').unique(),
    // The day a bilan des indicateurs became due for which the editors were reminded (issue 19, item 2):
    // the reminder job sends one per due date, never again for the same one.
    bilanRemindedFor: date('bilan_reminded_for'),
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

/**
 * Evidence files of indicator values (issue 17, item 4): uploaded by an editor, stored in the platform's
 * file store, read by whoever reads the schéma; a figure points at one by id (spaser.content.ts).
 */
export const spaserEvidenceFiles = pgTable(
  'spaser_evidence_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaserId: uuid('spaser_id')
      .notNull()
      .references(() => spasers.id, { onDelete: 'cascade' }),
    storageKey: text('storage_key').notNull().unique(),
    fileName: text('file_name').notNull(),
    kind: text('kind').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('spaser_evidence_files_spaser_idx').on(t.spaserId)],
);

/**
 * Publications of a schéma (issue 18): the content frozen when an editor published it, as the one
 * document the public page and its files render (document.contract.ts). The newest one not withdrawn
 * is the public one; a withdrawn publication makes the address answer 410. Older ones are kept
 * (the versions of issue 19).
 */
export const spaserPublications = pgTable(
  'spaser_publications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaserId: uuid('spaser_id')
      .notNull()
      .references(() => spasers.id, { onDelete: 'cascade' }),
    // 1, 2, … per schéma.
    version: integer('version').notNull(),
    document: jsonb('document').notNull(),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    withdrawnBy: uuid('withdrawn_by').references(() => users.id, { onDelete: 'set null' }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('spaser_publications_version_key').on(t.spaserId, t.version)],
);

/**
 * Published bilans des indicateurs (issue 19, item 2): each indicator's yearly values against its
 * targets, frozen when an editor published it (bilan.contract.ts), shown at /schemas/<ref>-<slug>/bilan
 * and as a PDF. The newest is the public one; older ones are kept. L2111-3 asks the indicators to be
 * published at least every two years: the reminder counts from the newest one (or the adoption).
 */
export const spaserBilans = pgTable(
  'spaser_bilans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaserId: uuid('spaser_id')
      .notNull()
      .references(() => spasers.id, { onDelete: 'cascade' }),
    // 1, 2, … per schéma.
    number: integer('number').notNull(),
    document: jsonb('document').notNull(),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('spaser_bilans_number_key').on(t.spaserId, t.number)],
);

/**
 * The SPASER status of every organisation, derived, never stored (ADR 0025); every reader (organisation
 * page, search, observatory and its exports, cohorts) joins this view.
 * - `p`: the newest schéma written here of which the organisation is an accepted buyer;
 * - `a`: the newest schéma written here that was adopted (its adoption stays in force during a revision);
 * - `d`: the newest declaration of a schéma adopted elsewhere, unless a member's later statement withdrew it.
 * A draft here beside an adoption (here or declared) is « en révision »: the adopted schéma stays in force.
 * With nothing written nor declared, the member's statement (unknown, none, in_preparation).
 */
export const organisationSpaserStatus = pgView('organisation_spaser_status', {
  organisationId: uuid('organisation_id').notNull(),
  status: text('status', { enum: spaserStatusKeys }).notNull(),
  source: text('source', { enum: spaserStatusSources }).notNull(),
  spaserId: uuid('spaser_id'),
  adoptedOn: date('adopted_on'),
  url: text('url'),
}).as(sql`
  SELECT o.id AS organisation_id,
    CASE
      WHEN p.status IN ('in_preparation', 'in_consultation') AND (a.id IS NOT NULL OR d.id IS NOT NULL) THEN 'in_revision'
      WHEN p.status IS NOT NULL THEN p.status
      WHEN d.id IS NOT NULL THEN 'adopted'
      ELSE o.spaser_statement
    END AS status,
    CASE WHEN p.id IS NOT NULL THEN 'platform' WHEN d.id IS NOT NULL THEN 'declaration' ELSE 'statement' END AS source,
    p.id AS spaser_id,
    coalesce(a.adopted_on, d.adopted_on) AS adopted_on,
    CASE WHEN a.id IS NOT NULL THEN a.url ELSE d.url END AS url
  FROM organisations o
  LEFT JOIN LATERAL (
    SELECT s.id, s.status FROM spasers s JOIN spaser_buyers b ON b.spaser_id = s.id
    WHERE b.organisation_id = o.id AND b.status = 'accepted'
    ORDER BY s.created_at DESC, s.id LIMIT 1
  ) p ON true
  LEFT JOIN LATERAL (
    SELECT s.id, s.adopted_on, ps.body ->> 'url' AS url FROM spasers s JOIN spaser_buyers b ON b.spaser_id = s.id
    LEFT JOIN spaser_sections ps ON ps.spaser_id = s.id AND ps.section = 'publication'
    WHERE b.organisation_id = o.id AND b.status = 'accepted' AND s.status IN ('adopted', 'published', 'in_revision') AND s.adopted_on IS NOT NULL
    ORDER BY s.adopted_on DESC, s.id LIMIT 1
  ) a ON true
  LEFT JOIN LATERAL (
    SELECT x.id, x.url, x.adopted_on FROM spaser_declarations x
    WHERE x.organisation_id = o.id AND (o.spaser_stated_at IS NULL OR x.declared_at > o.spaser_stated_at)
    ORDER BY x.declared_at DESC, x.id LIMIT 1
  ) d ON true`);

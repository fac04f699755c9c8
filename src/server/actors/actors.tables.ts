import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';

// The directory of support actors (issue 20). An actor is public reference data kept by the
// facilitators; every change leaves a revision, and members propose corrections.

export const actors = pgTable(
  'actors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    // National actors help buyers of every région; regional ones list the régions they cover.
    national: boolean('national').notNull().default(false),
    regionCodes: text('region_codes').array().notNull().default(sql`'{}'::text[]`),
    themes: text('themes').array().notNull(),
    description: text('description').notNull(),
    website: text('website'),
    contact: text('contact'),
    // Where the facts come from: an actor without a source is refused (issue 20, « Bad input »).
    sources: text('sources').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [
    check('actors_has_source', sql`cardinality(${t.sources}) > 0`),
    index('actors_region_codes_idx').using('gin', t.regionCodes),
  ],
);

export const actorRevisions = pgTable(
  'actor_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    editedBy: uuid('edited_by').references(() => users.id, { onDelete: 'set null' }),
    editedAt: timestamp('edited_at', { withTimezone: true }).notNull(),
    // created, edited, archived, restored, correction (a member's correction accepted)
    change: text('change').notNull(),
    changed: text('changed').array().notNull(),
    // The previous values of the changed fields.
    previous: jsonb('previous').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('actor_revisions_actor_idx').on(t.actorId, t.editedAt)],
);

export const actorCorrections = pgTable(
  'actor_corrections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    proposedBy: uuid('proposed_by').references(() => users.id, { onDelete: 'set null' }),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull(),
    comment: text('comment').notNull(),
    // Only the fields that differ from the actor when proposed, with their proposed values.
    proposed: jsonb('proposed').$type<Record<string, unknown>>().notNull(),
    status: text('status').notNull().default('pending'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
  },
  (t) => [index('actor_corrections_actor_idx').on(t.actorId, t.status)],
);

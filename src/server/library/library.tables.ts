import { sql } from 'drizzle-orm';
import { bigint, check, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';
import { helpSpaces } from '../helpspace/helpspace.tables.js';
import { organisations } from '../organisations/organisations.tables.js';
import { extractionProblems } from '../platform/extraction/limits.js';
import { extractionStatuses, fileKinds, resourceKinds, resourceVisibilities } from './library.contract.js';

/** PostgreSQL's tsvector: drizzle has no built-in type for it. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const resourceStatuses = ['proposed', 'published', 'rejected'] as const;

/**
 * Named groups of members a resource can be reserved to (the cohorts module archives each
 * co-development summary sheet for its group only). `sourceKey` lets a module find its own group
 * again (e.g. `cohort:<id>`).
 */
export const libraryGroups = pgTable('library_groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  sourceKey: text('source_key').unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const libraryGroupMembers = pgTable(
  'library_group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => libraryGroups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index('library_group_members_user_idx').on(t.userId)],
);

/**
 * A resource of the library. Visibility (docs/decisions/0010-library-resources.md): public, verified
 * members, the members of one private help space (`space_id`), or one named group (`group_id`).
 * Proposed resources are seen by their proposer and facilitators only, until a facilitator approves.
 */
export const libraryResources = pgTable(
  'library_resources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: resourceKinds }).notNull(),
    status: text('status', { enum: resourceStatuses }).notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    body: text('body').notNull().default(''),
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    // CPV divisions (two digits, e.g. '45' travaux de construction).
    segments: text('segments').array().notNull().default(sql`'{}'::text[]`),
    // External links (a video, a web page): [{ label, url }].
    links: jsonb('links').$type<{ label: string; url: string }[]>().notNull().default(sql`'[]'::jsonb`),
    producer: text('producer').notNull().default(''),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    licence: text('licence').notNull().default(''),
    visibility: text('visibility', { enum: resourceVisibilities }).notNull(),
    spaceId: uuid('space_id').references(() => helpSpaces.id, { onDelete: 'restrict' }),
    groupId: uuid('group_id').references(() => libraryGroups.id, { onDelete: 'restrict' }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    // Who created it (facilitator or proposing member), and the review.
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewMessage: text('review_message').notNull().default(''),
    // Set by another module that created the resource (e.g. `event:<id>`): creating twice is refused.
    sourceKey: text('source_key').unique(),
    // Text extracted from the attached PDF and DOCX files (background job), capped.
    filesText: text('files_text').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    // Title A, summary B, body C, attached files D; French stemming, accents ignored.
    search: tsvector('search').generatedAlwaysAs(
      sql`setweight(french_search_vector(title), 'A') || setweight(french_search_vector(summary), 'B') || setweight(french_search_vector(body), 'C') || setweight(french_search_vector(files_text), 'D')`,
    ),
  },
  (t) => [
    index('library_resources_search_idx').using('gin', t.search),
    index('library_resources_published_idx').on(t.status, t.publishedAt),
    index('library_resources_space_idx').on(t.spaceId),
    index('library_resources_group_idx').on(t.groupId),
    check(
      'library_resources_visibility_target',
      sql`(visibility = 'space') = (space_id IS NOT NULL) AND (visibility = 'group') = (group_id IS NOT NULL)`,
    ),
  ],
);

/** Attached files; the bytes live in the file store (DATA_DIR/files by default) under `storage_key`. */
export const libraryFiles = pgTable(
  'library_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => libraryResources.id, { onDelete: 'cascade' }),
    storageKey: text('storage_key').notNull().unique(),
    fileName: text('file_name').notNull(),
    kind: text('kind', { enum: fileKinds }).notNull(),
    mimeType: text('mime_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    position: integer('position').notNull().default(0),
    extractionStatus: text('extraction_status', { enum: extractionStatuses }).notNull(),
    extractedText: text('extracted_text').notNull().default(''),
    // Why an `unreadable` file could not be read (a limit it broke, or a damaged file); null otherwise.
    extractionProblem: text('extraction_problem', { enum: extractionProblems }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('library_files_resource_idx').on(t.resourceId, t.position)],
);

/** Curated collections ("Démarrer son SPASER"), managed by facilitators. */
export const libraryCollections = pgTable('library_collections', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const libraryCollectionItems = pgTable(
  'library_collection_items',
  {
    collectionId: uuid('collection_id')
      .notNull()
      .references(() => libraryCollections.id, { onDelete: 'cascade' }),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => libraryResources.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.collectionId, t.resourceId] }), index('library_collection_items_resource_idx').on(t.resourceId)],
);

/**
 * The edit trace of a resource: one row per edit, with who, when, which fields changed and their
 * previous values (files added and removed by name), so a facilitator's change can be followed and
 * undone by hand. The resource page shows the latest (« Modifié le … par … »).
 */
export const libraryResourceRevisions = pgTable(
  'library_resource_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => libraryResources.id, { onDelete: 'cascade' }),
    editedBy: uuid('edited_by').references(() => users.id, { onDelete: 'set null' }),
    editedAt: timestamp('edited_at', { withTimezone: true }).notNull(),
    // Names of the changed fields ('title', 'visibility', 'files'…).
    changed: text('changed').array().notNull(),
    // The previous values of the changed metadata, and { filesAdded, filesRemoved } by file name.
    previous: jsonb('previous').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('library_resource_revisions_resource_idx').on(t.resourceId, t.editedAt)],
);

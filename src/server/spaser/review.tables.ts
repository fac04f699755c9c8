import { index, pgTable, primaryKey, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';
import { spasers, spaserSections } from './spaser.tables.js';

/**
 * Reviewers of a schéma (issue 19, item 3): a colleague of a buyer or a facilitator invited by an
 * editor to read the draft and comment on its sections. Revoking deletes the row: the person no
 * longer reads the schéma nor comments, and their comments stay in the threads.
 */
export const spaserReviewers = pgTable(
  'spaser_reviewers',
  {
    spaserId: uuid('spaser_id')
      .notNull()
      .references(() => spasers.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.spaserId, t.userId] }), index('spaser_reviewers_user_idx').on(t.userId)],
);

/**
 * Review comments: a thread is its first comment (threadId null), about one section; replies point to
 * it. Only the first comment of a thread carries its resolution. Never part of a publication: the
 * public page, its files and the API read spaser_publications only.
 */
export const spaserReviewComments = pgTable(
  'spaser_review_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaserId: uuid('spaser_id')
      .notNull()
      .references(() => spasers.id, { onDelete: 'cascade' }),
    section: text('section', { enum: spaserSections }).notNull(),
    threadId: uuid('thread_id').references((): AnyPgColumn => spaserReviewComments.id, { onDelete: 'cascade' }),
    // Null once the author's account is erased: the text stays, signed « Personne supprimée ».
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('spaser_review_comments_spaser_idx').on(t.spaserId, t.createdAt), index('spaser_review_comments_thread_idx').on(t.threadId)],
);

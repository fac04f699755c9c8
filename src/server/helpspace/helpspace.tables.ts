import { sql, type SQL } from 'drizzle-orm';
import { customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';

/** PostgreSQL's tsvector: drizzle has no built-in type for it. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** A post's search vector: title (weight A) and body (weight B), French stems folded (migration 0018, platform/search.ts). */
export function postVectorSql(title: SQL, body: SQL): SQL {
  return sql`setweight(french_search_vector(coalesce(${title}, '')), 'A') || setweight(french_search_vector(${body}), 'B')`;
}

/** The community space every verified member reads and posts in; created by migration 0005. */
export const COMMUNITY_SPACE_ID = '00000000-0000-4000-8000-00000000c0de';

export const helpSpaces = pgTable('help_spaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  // community: every verified member; private: the member list only (a cohort, a working group).
  kind: text('kind', { enum: ['community', 'private'] }).notNull(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  // Set by the cohorts module for a cohort's space.
  cohortId: uuid('cohort_id'),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const helpSpaceMembers = pgTable(
  'help_space_members',
  {
    spaceId: uuid('space_id')
      .notNull()
      .references(() => helpSpaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.userId] }), index('help_space_members_user_idx').on(t.userId)],
);

/**
 * Questions, answers and comments in one table: votes, reports, edits, moderation and the posting
 * rate limit then work the same way for all three (docs/decisions/0007-help-space-visibility.md).
 */
export const helpPosts = pgTable(
  'help_posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['question', 'answer', 'comment'] }).notNull(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => helpSpaces.id, { onDelete: 'cascade' }),
    // The question a post belongs to (itself for a question).
    questionId: uuid('question_id'),
    // The post a comment is attached to (a question or an answer).
    parentId: uuid('parent_id'),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // Question only.
    title: text('title'),
    theme: text('theme'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    body: text('body').notNull(),
    // Answer only: marked "réponse utile" by the question's author or a facilitator.
    usefulAt: timestamp('useful_at', { withTimezone: true }),
    usefulBy: uuid('useful_by'),
    // Question only: when facilitators were alerted that it stayed unanswered.
    unansweredAlertAt: timestamp('unanswered_alert_at', { withTimezone: true }),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    // Soft delete: the row stays for the moderation log.
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    // Title (weight A) and body (weight B), French stemming, accents ignored.
    search: tsvector('search').generatedAlwaysAs(postVectorSql(sql`title`, sql`body`)),
    // Denormalised, kept up to date in the same transaction as every write that changes them
    // (posts/question-stats.ts), so that lists and search sort and filter on indexed columns
    // (docs/decisions/0009-help-space-at-scale.md).
    // Any post: its number of votes.
    score: integer('score').notNull().default(0),
    // Question only: its answers neither hidden nor deleted.
    answerCount: integer('answer_count').notNull().default(0),
    // Question only: the earliest useful answer neither hidden nor deleted; null while unsolved.
    solvedAt: timestamp('solved_at', { withTimezone: true }),
    // Question only: its own `search` and its visible answers' (weight C), searched as one document.
    threadSearch: tsvector('thread_search'),
  },
  (t) => [
    index('help_posts_question_idx').on(t.questionId, t.kind),
    index('help_posts_parent_idx').on(t.parentId),
    index('help_posts_space_idx').on(t.spaceId, t.kind, t.createdAt),
    index('help_posts_author_idx').on(t.authorId, t.createdAt),
    index('help_posts_search_idx').using('gin', t.search),
    // One index per ordering of the question list, over live questions only; hidden_at and
    // solved_at ride along so that a page is found by an index-only scan.
    index('help_questions_recent_idx').on(t.spaceId, t.createdAt.desc(), t.id, t.hiddenAt, t.solvedAt).where(sql`kind = 'question' AND deleted_at IS NULL`),
    index('help_questions_unanswered_idx').on(t.spaceId, t.createdAt.desc(), t.id, t.hiddenAt, t.solvedAt).where(sql`kind = 'question' AND deleted_at IS NULL AND answer_count = 0`),
    index('help_questions_votes_idx').on(t.spaceId, t.score.desc(), t.createdAt.desc(), t.id, t.hiddenAt, t.solvedAt).where(sql`kind = 'question' AND deleted_at IS NULL`),
    index('help_questions_theme_idx').on(t.theme, t.createdAt.desc(), t.id, t.spaceId, t.hiddenAt, t.solvedAt).where(sql`kind = 'question' AND deleted_at IS NULL`),
    index('help_questions_all_recent_idx').on(t.createdAt.desc(), t.id, t.spaceId, t.hiddenAt, t.solvedAt).where(sql`kind = 'question' AND deleted_at IS NULL`),
    index('help_questions_thread_search_idx').using('gin', t.threadSearch).where(sql`kind = 'question'`),
  ],
);

/** Each edit stores the version it replaces. */
export const helpPostRevisions = pgTable(
  'help_post_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    postId: uuid('post_id')
      .notNull()
      .references(() => helpPosts.id, { onDelete: 'cascade' }),
    title: text('title'),
    body: text('body').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    editedBy: uuid('edited_by').references(() => users.id, { onDelete: 'set null' }),
    // When the stored version was replaced.
    replacedAt: timestamp('replaced_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('help_post_revisions_post_idx').on(t.postId, t.replacedAt)],
);

export const helpVotes = pgTable(
  'help_votes',
  {
    postId: uuid('post_id')
      .notNull()
      .references(() => helpPosts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] })],
);

export const helpReports = pgTable(
  'help_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    postId: uuid('post_id')
      .notNull()
      .references(() => helpPosts.id, { onDelete: 'cascade' }),
    reporterId: uuid('reporter_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('help_reports_open_idx').on(t.resolvedAt, t.createdAt)],
);

/** Every moderation action, kept even when the post is deleted. */
export const helpModerationLog = pgTable(
  'help_moderation_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    postId: uuid('post_id')
      .notNull()
      .references(() => helpPosts.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    reason: text('reason').notNull().default(''),
    details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('help_moderation_log_post_idx').on(t.postId), index('help_moderation_log_created_idx').on(t.createdAt)],
);

/** What a member follows: a question, a theme or a space. */
export const helpFollows = pgTable(
  'help_follows',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    targetKind: text('target_kind', { enum: ['question', 'theme', 'space'] }).notNull(),
    // A question or space id, or a theme key.
    targetId: text('target_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.targetKind, t.targetId] }), index('help_follows_target_idx').on(t.targetKind, t.targetId)],
);

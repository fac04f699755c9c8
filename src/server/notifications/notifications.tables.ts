import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from '../accounts/accounts.tables.js';

export const notificationKinds = ['answer', 'comment', 'useful', 'mention', 'new_question', 'unanswered'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/**
 * In-app notifications. A row holds references only: titles and excerpts are read when the
 * notification is listed or e-mailed, so an edited, hidden or no-longer-readable post never leaks.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    // The post the notification is about, and its question.
    postId: uuid('post_id').notNull(),
    questionId: uuid('question_id').notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    // Extra facts decided when created (e.g. the members suggested to a facilitator).
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    // Sent by e-mail, alone or in a digest.
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt), index('notifications_unread_idx').on(t.userId, t.readAt)],
);

export const emailFrequencies = ['immediately', 'daily', 'weekly', 'never'] as const;
export type EmailFrequency = (typeof emailFrequencies)[number];

/** One row per member who chose a preference or received a digest; absent means the defaults. */
export const notificationSettings = pgTable('notification_settings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  emailFrequency: text('email_frequency', { enum: emailFrequencies }).notNull().default('daily'),
  lastDigestAt: timestamp('last_digest_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

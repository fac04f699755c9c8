import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from '../accounts/accounts.tables.js';

/**
 * In-app notifications of every module. A row holds references only (the kind, its category, the
 * target the module names with `targetKind` + `targetId`, the actor): titles, excerpts and sentences
 * are built when the notification is listed or e-mailed, by the module that registered the kind
 * (notifications.registry.ts), so an edited, hidden or no-longer-readable target never leaks.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // A kind registered by a module (e.g. 'answer', 'new_resource'); its category is copied here so
    // lists filter and digests pick by category in SQL.
    kind: text('kind').notNull(),
    category: text('category').notNull(),
    // What the notification is about, in the module's own terms ('help_post', 'library_resource', …).
    targetKind: text('target_kind').notNull(),
    targetId: uuid('target_id').notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    // Extra facts decided when created (e.g. the members suggested to a facilitator).
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    // Sent by e-mail, alone or in a digest.
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_unread_idx').on(t.userId, t.readAt),
    index('notifications_target_idx').on(t.targetKind, t.targetId),
  ],
);

export const emailFrequencies = ['immediately', 'daily', 'weekly', 'never'] as const;
export type EmailFrequency = (typeof emailFrequencies)[number];

/**
 * One row per member who chose a preference or received a digest; absent means the defaults.
 * `emailFrequency` is the member's rhythm for every category without a choice of its own
 * (notification_preferences), including categories that modules register later.
 */
export const notificationSettings = pgTable('notification_settings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  emailFrequency: text('email_frequency', { enum: emailFrequencies }).notNull().default('daily'),
  lastDigestAt: timestamp('last_digest_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** A member's rhythm for one category of news (entraide, agenda, bibliotheque, …). */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    category: text('category').notNull(),
    emailFrequency: text('email_frequency', { enum: emailFrequencies }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.category] })],
);

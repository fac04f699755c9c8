import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Stored lower-cased; unique on that form.
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    role: text('role', { enum: ['member', 'facilitator', 'admin'] }).notNull().default('member'),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    jobTitle: text('job_title').notNull().default(''),
    regionCode: text('region_code'),
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    availableToHelp: boolean('available_to_help').notNull().default(false),
    directoryVisibility: text('directory_visibility', { enum: ['members', 'hidden'] })
      .notNull()
      .default('members'),
    termsAcceptedAt: timestamp('terms_accepted_at', { withTimezone: true }).notNull(),
    termsVersion: text('terms_version').notNull(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    // Set when the member deleted their account: the row stays, anonymised (« Membre supprimé »),
    // so that the posts and notes they leave keep an author; it can never log in again
    // (docs/decisions/0018-personal-data-export-and-erasure.md).
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    // Last authenticated request (any session), written with the session's own throttled touch
    // (platform/auth.ts, at most every 5 minutes); kept after logout. Digests skip what a member
    // could have seen since.
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email), index('users_role_idx').on(t.role)],
);

export const sessions = pgTable(
  'sessions',
  {
    // sha256 of the cookie token: a stolen database dump gives no usable session.
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    remember: boolean('remember').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
    // The ID token of a ProConnect sign-in: logout sends it as id_token_hint to end the provider's session too.
    proconnectIdToken: text('proconnect_id_token'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const accountTokens = pgTable(
  'account_tokens',
  {
    // sha256 of the token sent by e-mail.
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['verify_email', 'reset_password'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    // Set on the other outstanding reset links when one is used or the password is changed.
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('account_tokens_user_idx').on(t.userId, t.purpose)],
);

/** Failed-login counters, keyed by account+address, by address and by account (see docs/decisions). */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

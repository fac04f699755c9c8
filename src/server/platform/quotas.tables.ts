import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sessions, users } from '../accounts/accounts.tables.js';

/**
 * Fixed-window counters of every quota (platform/quotas.ts), shared by every app process: the store
 * of @fastify/rate-limit, and the bytes-per-day count of uploads.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    // sha256 of "quota name:subject" (account id, address, e-mail): no address or e-mail kept in clear.
    key: text('key').primaryKey(),
    // Requests (or bytes) counted in the current window.
    count: bigint('count', { mode: 'number' }).notNull(),
    // End of the current window: the next count after it starts a new window.
    resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limits_reset_idx').on(t.resetAt)],
);

/**
 * Open server-sent event streams, one row each, so that every app process counts the same streams
 * of a session and of an account. A row lives while its process renews it (expires_at) and is
 * removed when the stream closes, when its process is found dead at a start, or when it expires.
 */
export const liveStreams = pgTable(
  'live_streams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // The login session (sessions.id): logging out frees its streams' places.
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    // The process holding the stream (platform/instance.ts).
    instanceId: text('instance_id').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('live_streams_user_idx').on(t.userId), index('live_streams_instance_idx').on(t.instanceId)],
);

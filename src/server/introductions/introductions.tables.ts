import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';

// Contact by consent (issue 20, item 5): a member asks another for a contact, with a message; the
// e-mail addresses are shown to both only once the recipient accepted.

export const contactRequestStatuses = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export type ContactRequestStatus = (typeof contactRequestStatuses)[number];

export const contactRequests = pgTable(
  'contact_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    message: text('message').notNull(),
    status: text('status', { enum: contactRequestStatuses }).notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    // When the recipient accepted or declined, or the requester withdrew.
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    // One pending request per pair and direction, even when two requests race.
    uniqueIndex('contact_requests_one_pending_idx').on(t.requesterId, t.recipientId).where(sql`${t.status} = 'pending'`),
    // « Mes mises en relation », the pending count, the 30-day window after a refusal.
    index('contact_requests_requester_idx').on(t.requesterId, t.status, t.answeredAt),
    index('contact_requests_recipient_idx').on(t.recipientId, t.status),
    check('contact_requests_not_self', sql`${t.requesterId} <> ${t.recipientId}`),
    check('contact_requests_status', sql`${t.status} IN ('pending', 'accepted', 'declined', 'withdrawn')`),
  ],
);

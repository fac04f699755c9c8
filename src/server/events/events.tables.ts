import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';

/**
 * The one event model of the platform (docs/decisions/0011-events-and-icalendar.md): webinars, and
 * the sessions of a cohort (kick-off, workshop, co-development, closing), which the cohorts module
 * creates with an owner reference.
 */
// office_hours: a cohort sponsor's bookable slot (cohorts/programme/sponsors.service.ts), not a session one attends.
export const eventKinds = ['webinar', 'kickoff', 'workshop', 'codev', 'closing', 'office_hours'] as const;
export type EventKind = (typeof eventKinds)[number];

/** public: anyone; verified: verified members and staff; restricted: staff and the owner's audience hook. */
export const eventVisibilities = ['public', 'verified', 'restricted'] as const;
export type EventVisibility = (typeof eventVisibilities)[number];

export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: eventKinds }).notNull(),
    title: text('title').notNull(),
    // Markdown, rendered with the help space's safe renderer.
    description: text('description').notNull().default(''),
    speakers: text('speakers').array().notNull().default(sql`'{}'::text[]`),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    onlineUrl: text('online_url'),
    place: text('place'),
    // Null: no limit.
    capacity: integer('capacity'),
    visibility: text('visibility', { enum: eventVisibilities }).notNull(),
    // Who owns a restricted event, e.g. ('cohort', <cohort id>): the owner module registers an
    // audience hook for its kind (events.audience.ts). Null for the platform's own webinars.
    ownerKind: text('owner_kind'),
    ownerId: uuid('owner_id'),
    status: text('status', { enum: ['scheduled', 'cancelled'] }).notNull().default('scheduled'),
    // iCalendar SEQUENCE: bumped by every change a calendar should pick up.
    sequence: integer('sequence').notNull().default(0),
    recordingUrl: text('recording_url'),
    slidesUrl: text('slides_url'),
    // The "replay de webinaire" resource created from the recording (library module), when there is one.
    replayResourceId: uuid('replay_resource_id'),
    // The platform's one theme list (src/shared/fields.ts), as on questions and resources; theme pages gather them.
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    index('events_starts_idx').on(t.startsAt),
    index('events_owner_idx').on(t.ownerKind, t.ownerId, t.startsAt),
    check('events_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
    check('events_capacity_positive', sql`${t.capacity} IS NULL OR ${t.capacity} > 0`),
  ],
);

/**
 * One row per member and event, reused when a member registers again after cancelling.
 * registered: has a place; waitlisted: in line by `queuedAt`; cancelled: gave up the place.
 */
export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['registered', 'waitlisted', 'cancelled'] }).notNull(),
    // Order of the waitlist: when the member (last) asked for a place.
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull(),
    registeredAt: timestamp('registered_at', { withTimezone: true }),
    promotedAt: timestamp('promoted_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('event_registrations_event_user_key').on(t.eventId, t.userId),
    index('event_registrations_event_status_idx').on(t.eventId, t.status, t.queuedAt),
    index('event_registrations_user_idx').on(t.userId, t.status),
  ],
);

/**
 * The personal calendar feed: the URL token is an HMAC of (user, nonce) with the server secret, so it
 * can be shown again without being stored; a new nonce revokes the previous URL. Looked up by its hash.
 */
export const eventFeedTokens = pgTable('event_feed_tokens', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  nonce: text('nonce').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/** Who exported an event's attendee list, and when (personal data: admins review this trace). */
export const eventExports = pgTable(
  'event_exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    exportedBy: uuid('exported_by').references(() => users.id, { onDelete: 'set null' }),
    rowsCount: integer('rows_count').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('event_exports_event_idx').on(t.eventId, t.createdAt)],
);

import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';
import { cohorts } from '../cohorts/cohorts.tables.js';
import { events } from '../events/events.tables.js';
import { libraryResources } from '../library/library.tables.js';

/** A co-development group of a cohort: 5 to 8 participants who hold their sessions together. */
export const codevGroups = pgTable(
  'codev_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('codev_groups_cohort_idx').on(t.cohortId)],
);

/** Who is in a group; a participant is in one group per cohort. */
export const codevGroupMembers = pgTable(
  'codev_group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => codevGroups.id, { onDelete: 'cascade' }),
    // Repeated from the group so that "one group per cohort" is a unique index.
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), uniqueIndex('codev_group_members_cohort_user_key').on(t.cohortId, t.userId), index('codev_group_members_user_idx').on(t.userId)],
);

export const codevSessionStatuses = ['planned', 'running', 'ended'] as const;
export type CodevSessionStatus = (typeof codevSessionStatuses)[number];

/**
 * A co-development session of a group (Payette & Champagne, domain §4.1): one case brought by a
 * client (case owner), the other members as consultants, a facilitator, six timed steps. Its date,
 * place or link and cancellation live on its event (kind codev, owned by the group) in the
 * platform's one event model; moving or cancelling the event moves or cancels the session. The timer
 * is kept here: the current step, when it started and how long it lasts (every screen computes the
 * same time left from these and the server time).
 */
export const codevSessions = pgTable(
  'codev_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => codevGroups.id, { onDelete: 'restrict' }),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    // The subject in one sentence.
    title: text('title').notNull(),
    // The platform's one theme list (src/shared/fields.ts): the case's themes, gathered on theme pages.
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    caseOwnerId: uuid('case_owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    facilitatorId: uuid('facilitator_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    // The agenda entry: times, place or link, status, calendars (docs/decisions/0013, amendment).
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'restrict' }),
    status: text('status', { enum: codevSessionStatuses }).notNull().default('planned'),
    // 0 before the start, then 1 to 6.
    currentStep: integer('current_step').notNull().default(0),
    stepStartedAt: timestamp('step_started_at', { withTimezone: true }),
    stepDurationSeconds: integer('step_duration_seconds'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    // When true, the summary sheet waits for the facilitator's approval before it is sent.
    reviewRequired: boolean('review_required').notNull().default(false),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
    // When the summary sheet e-mails are (or were) due.
    summaryDueAt: timestamp('summary_due_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('codev_sessions_group_idx').on(t.groupId), index('codev_sessions_cohort_idx').on(t.cohortId), uniqueIndex('codev_sessions_event_key').on(t.eventId)],
);

/**
 * One note item per author per step of a session. An item belongs to its author, so two people
 * never write the same row; `version` guards the author's own concurrent saves (two tabs).
 */
export const codevNotes = pgTable(
  'codev_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => codevSessions.id, { onDelete: 'cascade' }),
    step: integer('step').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    version: integer('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('codev_notes_author_key').on(t.sessionId, t.step, t.authorId)],
);

/**
 * The summary sheet (fiche récapitulative) frozen when the session ends: what the e-mails, the PDF
 * and the page show. Once final (at the end, or on approval), it is also archived in the library as
 * a « fiche récapitulative » resource for the group only (`resourceId`).
 */
export const codevSummaries = pgTable('codev_summaries', {
  sessionId: uuid('session_id')
    .primaryKey()
    .references(() => codevSessions.id, { onDelete: 'cascade' }),
  content: jsonb('content').notNull(),
  generatedAt: timestamp('generated_at', { withTimezone: true }).notNull(),
  resourceId: uuid('resource_id').references(() => libraryResources.id, { onDelete: 'set null' }),
});

/** One row per participant once their summary e-mail is sent: the job's exactly-once guard. */
export const codevSummaryDeliveries = pgTable(
  'codev_summary_deliveries',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => codevSessions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['sending', 'sent'] }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] })],
);

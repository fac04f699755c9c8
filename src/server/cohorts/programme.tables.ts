import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';
import { cohorts, spaserStages } from './cohorts.tables.js';

/**
 * Running an edition of the programme (issue 23): what ties cohorts, sessions, co-development and
 * surveys into one thread for the facilitators. Figures (attendance, activity, SPASER status) are
 * read from their own modules when asked, never copied here.
 */

/**
 * The « carte d'identité » a participant fills before the kick-off (décollage), shown to the cohort
 * as a trombinoscope. Organisation comes from the membership; role and stage start from the
 * application and stay the participant's own words.
 */
export const cohortCards = pgTable(
  'cohort_cards',
  {
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    jobRole: text('job_role').notNull(),
    spaserStage: text('spaser_stage', { enum: spaserStages }).notNull(),
    motivation: text('motivation').notNull(),
    canBring: text('can_bring').notNull(),
    needs: text('needs').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.userId] })],
);

/**
 * An announcement to a cohort (Markdown), archived on the cohort page and sent to its members at the
 * time of posting through their notification preferences. Tagged with the platform's one theme list.
 */
export const cohortAnnouncements = pgTable(
  'cohort_announcements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    // How many members it was sent to (the recipients are the notifications' rows).
    recipientCount: integer('recipient_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('cohort_announcements_cohort_idx').on(t.cohortId, t.createdAt)],
);

/**
 * A facilitator's message to one participant from the follow-up dashboard (« qui a besoin d'aide »):
 * delivered as a notification (e-mail per preferences); the dashboard shows when each was last nudged.
 */
export const cohortNudges = pgTable(
  'cohort_nudges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    toUserId: uuid('to_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    fromUserId: uuid('from_user_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('cohort_nudges_cohort_idx').on(t.cohortId, t.toUserId, t.createdAt)],
);

/**
 * The sponsor's page in a cohort (parrain or marraine): their SPASER story and what they offer the
 * participants. Office hours are cohort events of kind 'office_hours' (the one event model), booked
 * through event registrations.
 */
export const cohortSponsorProfiles = pgTable(
  'cohort_sponsor_profiles',
  {
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    story: text('story').notNull().default(''),
    offer: text('offer').notNull().default(''),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.userId] })],
);

/** A question a participant addresses to the cohort's sponsors; the answer is visible to the whole cohort. */
export const cohortSponsorQuestions = pgTable(
  'cohort_sponsor_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    askedBy: uuid('asked_by').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    answer: text('answer'),
    answeredBy: uuid('answered_by').references(() => users.id, { onDelete: 'set null' }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('cohort_sponsor_questions_cohort_idx').on(t.cohortId, t.createdAt)],
);

/** A participant's retrospective at the atterrissage: what worked, what to change, what they learned. */
export const cohortRetrospectives = pgTable(
  'cohort_retrospectives',
  {
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    worked: text('worked').notNull(),
    change: text('change').notNull(),
    lessons: text('lessons').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.userId] })],
);

/**
 * « Enseignements de l'édition »: the facilitators' synthesis of the retrospectives. The summary is
 * public once published (and becomes a library resource); the details stay with the cohort's members.
 */
export const cohortLessons = pgTable('cohort_lessons', {
  cohortId: uuid('cohort_id')
    .primaryKey()
    .references(() => cohorts.id, { onDelete: 'cascade' }),
  publicSummary: text('public_summary').notNull().default(''),
  privateDetails: text('private_details').notNull().default(''),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  // The library resource created at publication (library module).
  resourceId: uuid('resource_id'),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

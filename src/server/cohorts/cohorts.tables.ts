import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';
import { events } from '../events/events.tables.js';
import { helpSpaces } from '../helpspace/helpspace.tables.js';
import { organisations } from '../organisations/organisations.tables.js';

export const cohortStatuses = ['candidatures_ouvertes', 'en_cours', 'terminee'] as const;
export type CohortStatus = (typeof cohortStatuses)[number];

/** sponsor: the parrain or marraine (already adopted a SPASER); facilitator: runs the cohort; participant: an accepted buyer. */
export const cohortRoles = ['sponsor', 'facilitator', 'participant'] as const;
export type CohortRole = (typeof cohortRoles)[number];

/** A promotion: about 30 buyers followed for a few months (Mission SPASER, domain §4.3). */
export const cohorts = pgTable(
  'cohorts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    edition: integer('edition').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    // Accepted participants at most.
    capacity: integer('capacity').notNull(),
    description: text('description').notNull().default(''),
    status: text('status', { enum: cohortStatuses }).notNull().default('candidatures_ouvertes'),
    // The cohort's private help space, created with the cohort.
    spaceId: uuid('space_id').references(() => helpSpaces.id, { onDelete: 'set null' }),
    // The edition this one was copied from (« nouvelle édition »): its description, schedule pattern and
    // questionnaires, never its people; reporting compares an edition with the one before.
    copiedFromId: uuid('copied_from_id').references((): AnyPgColumn => cohorts.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('cohorts_status_idx').on(t.status, t.startsOn)],
);

/** Who is in a cohort and as what: one role per person per cohort. */
export const cohortMembers = pgTable(
  'cohort_members',
  {
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: cohortRoles }).notNull(),
    // The organisation they take part for (participants: the one of their application).
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    // Nonce of the member's iCalendar feed address: the address carries HMAC(secret, cohort, user, nonce),
    // so the database never holds a usable address; a new nonce revokes the old one.
    calendarToken: text('calendar_token').notNull(),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cohortId, t.userId] }),
    index('cohort_members_user_idx').on(t.userId),
    uniqueIndex('cohort_members_calendar_token_key').on(t.calendarToken),
  ],
);

export const spaserStages = ['pas_commence', 'reflexion', 'redaction', 'adopte_a_mettre_en_oeuvre', 'en_revision'] as const;
export type SpaserStage = (typeof spaserStages)[number];

export const applicationStatuses = ['pending', 'accepted', 'refused', 'waitlisted'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** A buyer's application to a cohort, reviewed by its facilitators. One per person per cohort. */
export const cohortApplications = pgTable(
  'cohort_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    // The applicant's job (« responsable de la commande publique »…).
    jobRole: text('job_role').notNull(),
    spaserStage: text('spaser_stage', { enum: spaserStages }).notNull(),
    expectations: text('expectations').notNull(),
    availability: text('availability').notNull(),
    status: text('status', { enum: applicationStatuses }).notNull().default('pending'),
    // The facilitator's message sent with the decision.
    decisionMessage: text('decision_message').notNull().default(''),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('cohort_applications_key').on(t.cohortId, t.userId), index('cohort_applications_status_idx').on(t.cohortId, t.status, t.createdAt)],
);

/**
 * Attendance per session (a cohort event of the events module), marked by facilitators. No row:
 * not marked yet.
 */
export const cohortAttendance = pgTable(
  'cohort_attendance',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    present: boolean('present').notNull(),
    markedBy: uuid('marked_by').references(() => users.id, { onDelete: 'set null' }),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] }), index('cohort_attendance_user_idx').on(t.userId)],
);

// ---- Evaluations ---------------------------------------------------------------------------------

// followup: the questionnaire sent six months after the end (issue 23, item 7); one per cohort like the others.
export const surveyPhases = ['start', 'end', 'followup'] as const;
export const questionKinds = ['single', 'multiple', 'scale', 'text'] as const;
export type QuestionKind = (typeof questionKinds)[number];
export const headlineKeys = ['more_able', 'publish_within_6_months'] as const;
export type HeadlineKey = (typeof headlineKeys)[number];

/** A questionnaire attached to a cohort, at its start or at its end (one of each). */
export const cohortSurveys = pgTable(
  'cohort_surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    phase: text('phase', { enum: surveyPhases }).notNull(),
    title: text('title').notNull(),
    intro: text('intro').notNull().default(''),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('cohort_surveys_phase_key').on(t.cohortId, t.phase)],
);

/** single / multiple: `options` are the choices (answers store their index); scale: 1 to 5; text: free. */
export const surveyQuestions = pgTable(
  'survey_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => cohortSurveys.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind', { enum: questionKinds }).notNull(),
    label: text('label').notNull(),
    options: text('options').array().notNull().default(sql`'{}'::text[]`),
    required: boolean('required').notNull().default(true),
  },
  (t) => [index('survey_questions_survey_idx').on(t.surveyId, t.position)],
);

/** One response per participant per survey. */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => cohortSurveys.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('survey_responses_key').on(t.surveyId, t.userId)],
);

export const surveyAnswers = pgTable(
  'survey_answers',
  {
    responseId: uuid('response_id')
      .notNull()
      .references(() => surveyResponses.id, { onDelete: 'cascade' }),
    questionId: uuid('question_id')
      .notNull()
      .references(() => surveyQuestions.id, { onDelete: 'cascade' }),
    // single / multiple: indexes into the question's options.
    choices: integer('choices').array().notNull().default(sql`'{}'::integer[]`),
    scale: integer('scale'),
    text: text('text'),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.questionId] }), index('survey_answers_question_idx').on(t.questionId)],
);

/**
 * Which question feeds a headline figure of the cohort, and which answers count as « yes » (option
 * indexes, or scale values): set by a facilitator, never wired in the code.
 */
export const surveyHeadlines = pgTable(
  'survey_headlines',
  {
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    headline: text('headline', { enum: headlineKeys }).notNull(),
    questionId: uuid('question_id')
      .notNull()
      .references(() => surveyQuestions.id, { onDelete: 'cascade' }),
    yesValues: integer('yes_values').array().notNull(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.headline] })],
);

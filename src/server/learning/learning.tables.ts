import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';
import type { CourseDocument } from './learning.content.js';

/**
 * E-learning (issue 22). A course is one document (learning.content.ts): facilitators edit its
 * draft; publishing freezes the draft as the next numbered revision, which learners read. Progress
 * and quiz attempts name lessons by their stable ids, so a new revision keeps what was learnt.
 */
export const courses = pgTable('courses', {
  id: uuid('id').primaryKey().defaultRandom(),
  // The course's address: /formations/<slug>; chosen at creation, never changed.
  slug: text('slug').notNull().unique(),
  draft: jsonb('draft').$type<CourseDocument>().notNull(),
  // The revision learners read; null until the first publication.
  publishedRevision: integer('published_revision'),
  // Set by the platform's own install of a course (`first-course`): installing twice does nothing.
  sourceKey: text('source_key').unique(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  draftUpdatedBy: uuid('draft_updated_by').references(() => users.id, { onDelete: 'set null' }),
  draftUpdatedAt: timestamp('draft_updated_at', { withTimezone: true }).notNull(),
  // An archived course leaves the catalogue; learners keep their progress and attestations.
  archivedAt: timestamp('archived_at', { withTimezone: true }),
});

/** The published revisions of a course, numbered from 1: the history. */
export const courseRevisions = pgTable(
  'course_revisions',
  {
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    document: jsonb('document').$type<CourseDocument>().notNull(),
    // What changed, in the facilitator's words.
    note: text('note').notNull().default(''),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.number] })],
);

/** A learner in a course: when they started, where they were, when they finished. */
export const courseLearners = pgTable(
  'course_learners',
  {
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    lastLessonId: text('last_lesson_id'),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.userId] }), index('course_learners_user_idx').on(t.userId)],
);

/** A completed lesson: read to the end, or its quiz passed. */
export const lessonCompletions = pgTable(
  'lesson_completions',
  {
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lessonId: text('lesson_id').notNull(),
    // read | quiz
    via: text('via').notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.userId, t.lessonId] })],
);

export const quizAttempts = pgTable(
  'quiz_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lessonId: text('lesson_id').notNull(),
    revision: integer('revision').notNull(),
    // questionId → the choice ids ticked
    answers: jsonb('answers').$type<Record<string, string[]>>().notNull(),
    rightCount: integer('right_count').notNull(),
    questionCount: integer('question_count').notNull(),
    passed: boolean('passed').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('quiz_attempts_learner_idx').on(t.courseId, t.userId, t.lessonId)],
);

/**
 * A course's attestation: what it states is written once, when issued (the name, the course's title,
 * the completion date), so that the verification page confirms what the PDF says even if the
 * account or the course changes later. The code is random (attestation.ts), unique, never derived.
 */
export const courseAttestations = pgTable(
  'course_attestations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    learnerName: text('learner_name').notNull(),
    courseTitle: text('course_title').notNull(),
    courseMinutes: integer('course_minutes').notNull(),
    revision: integer('revision').notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }).notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('course_attestations_learner_idx').on(t.courseId, t.userId)],
);

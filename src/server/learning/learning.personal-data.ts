import { and, asc, eq } from 'drizzle-orm';
import { personalData } from '../platform/personal-data.js';
import { courseAttestations, courseLearners, courseRevisions, courses, lessonCompletions, quizAttempts } from './learning.tables.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// A learner's progress, attempts and attestations are theirs: exported, and erased with the account
// (an erased person's attestation no longer verifies). What a facilitator wrote stays, without who.
personalData.register({
  module: 'learning',
  covers: [
    'courses.created_by',
    'courses.draft_updated_by',
    'course_revisions.published_by',
    'course_learners.user_id',
    'lesson_completions.user_id',
    'quiz_attempts.user_id',
    'course_attestations.user_id',
  ],
  async export({ userId, tx }) {
    const learning = await tx
      .select({ course: courses.slug, startedAt: courseLearners.startedAt, lastSeenAt: courseLearners.lastSeenAt, completedAt: courseLearners.completedAt })
      .from(courseLearners)
      .innerJoin(courses, eq(courses.id, courseLearners.courseId))
      .where(eq(courseLearners.userId, userId))
      .orderBy(asc(courseLearners.startedAt));
    const completions = await tx
      .select({ course: courses.slug, lessonId: lessonCompletions.lessonId, via: lessonCompletions.via, completedAt: lessonCompletions.completedAt })
      .from(lessonCompletions)
      .innerJoin(courses, eq(courses.id, lessonCompletions.courseId))
      .where(eq(lessonCompletions.userId, userId))
      .orderBy(asc(lessonCompletions.completedAt));
    const attempts = await tx
      .select({ course: courses.slug, lessonId: quizAttempts.lessonId, answers: quizAttempts.answers, rightCount: quizAttempts.rightCount, questionCount: quizAttempts.questionCount, passed: quizAttempts.passed, createdAt: quizAttempts.createdAt })
      .from(quizAttempts)
      .innerJoin(courses, eq(courses.id, quizAttempts.courseId))
      .where(eq(quizAttempts.userId, userId))
      .orderBy(asc(quizAttempts.createdAt));
    const attestations = await tx
      .select({ code: courseAttestations.code, learnerName: courseAttestations.learnerName, courseTitle: courseAttestations.courseTitle, completedAt: courseAttestations.completedAt, issuedAt: courseAttestations.issuedAt })
      .from(courseAttestations)
      .where(eq(courseAttestations.userId, userId));
    const published = await tx.select({ course: courses.slug, number: courseRevisions.number, publishedAt: courseRevisions.publishedAt }).from(courseRevisions).innerJoin(courses, eq(courses.id, courseRevisions.courseId)).where(eq(courseRevisions.publishedBy, userId));
    return {
      courses: learning.map((l) => ({ ...l, startedAt: iso(l.startedAt), lastSeenAt: iso(l.lastSeenAt), completedAt: iso(l.completedAt) })),
      lessonsCompleted: completions.map((c) => ({ ...c, completedAt: iso(c.completedAt) })),
      quizAttempts: attempts.map((a) => ({ ...a, createdAt: iso(a.createdAt) })),
      attestations: attestations.map((a) => ({ ...a, completedAt: iso(a.completedAt), issuedAt: iso(a.issuedAt) })),
      courseRevisionsPublished: published.map((p) => ({ ...p, publishedAt: iso(p.publishedAt) })),
    };
  },
  async erase({ userId, tx }) {
    await tx.delete(courseAttestations).where(eq(courseAttestations.userId, userId));
    await tx.delete(quizAttempts).where(eq(quizAttempts.userId, userId));
    await tx.delete(lessonCompletions).where(eq(lessonCompletions.userId, userId));
    await tx.delete(courseLearners).where(and(eq(courseLearners.userId, userId)));
    await tx.update(courses).set({ createdBy: null }).where(eq(courses.createdBy, userId));
    await tx.update(courses).set({ draftUpdatedBy: null }).where(eq(courses.draftUpdatedBy, userId));
    await tx.update(courseRevisions).set({ publishedBy: null }).where(eq(courseRevisions.publishedBy, userId));
  },
});

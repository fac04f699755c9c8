import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { users } from '../accounts/accounts.tables.js';
import { cohorts } from '../cohorts/cohorts.tables.js';
import { OWNER_KIND as COHORT_OWNER_KIND } from '../cohorts/schedule/schedule.service.js';
import { events } from '../events/events.tables.js';
import { renderMarkdown } from '../helpspace/posts/markdown.js';
import { libraryFiles, libraryResources } from '../library/library.tables.js';
import { fileUrls, readableResourceSql, readerOf } from '../library/resources/resources.service.js';
import { isStaff, type AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { rows, type Db, type Tx } from '../platform/db.js';
import { fail, ok, type Result } from '../platform/result.js';
import { safeEqual, sign } from '../platform/tokens.js';
import { asciiSlug } from '../../shared/slug.js';
import { paths } from '../../web/paths.js';
import { courseMinutes, lessonsInOrder, type CourseDocument, type CourseLesson } from './learning.content.js';
import type {
  AttestationResponse,
  CourseOutline,
  CourseSummary,
  DraftResponse,
  LearnerProgress,
  LessonResponse,
  ProgressResponse,
  QuizAnswers,
  QuizResult,
  Verification,
} from './learning.contract.js';
import { learningText } from './learning.messages.js';
import { courseAttestations, courseLearners, courseRevisions, courses, lessonCompletions, quizAttempts } from './learning.tables.js';

/**
 * E-learning (issue 22): the catalogue, a course's outline and lessons for learners (progress,
 * order, quizzes), the attestation and its public verification, and the facilitators' side (draft,
 * publication as numbered revisions, progress per course and per cohort).
 */

type CourseRow = typeof courses.$inferSelect;
type Published = { course: CourseRow; document: CourseDocument; revision: number; publishedAt: Date };

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

async function courseBySlug(db: Db | Tx, slug: string): Promise<CourseRow | null> {
  const [row] = await db.select().from(courses).where(and(eq(courses.slug, slug), isNull(courses.archivedAt)));
  return row ?? null;
}

/** The revision learners read; COURSE_NOT_FOUND for an unknown, archived or never published course. */
async function published(db: Db | Tx, slug: string): Promise<Result<Published>> {
  const course = await courseBySlug(db, slug);
  if (!course || course.publishedRevision === null) return fail('COURSE_NOT_FOUND');
  const [rev] = await db
    .select({ document: courseRevisions.document, publishedAt: courseRevisions.publishedAt })
    .from(courseRevisions)
    .where(and(eq(courseRevisions.courseId, course.id), eq(courseRevisions.number, course.publishedRevision)));
  if (!rev) return fail('COURSE_NOT_FOUND');
  return ok({ course, document: rev.document, revision: course.publishedRevision, publishedAt: rev.publishedAt });
}

async function completedIds(db: Db | Tx, courseId: string, userId: string): Promise<Map<string, Date>> {
  const rows = await db
    .select({ lessonId: lessonCompletions.lessonId, completedAt: lessonCompletions.completedAt })
    .from(lessonCompletions)
    .where(and(eq(lessonCompletions.courseId, courseId), eq(lessonCompletions.userId, userId)));
  return new Map(rows.map((r) => [r.lessonId, r.completedAt]));
}

/** The lessons open to a learner who completed `done`: all, or up to the first unfinished one. */
export function openLessonIds(doc: CourseDocument, done: ReadonlySet<string>): Set<string> {
  const order = lessonsInOrder(doc).map((x) => x.lesson.id);
  if (!doc.enforceOrder) return new Set(order);
  const open = new Set<string>();
  for (const id of order) {
    open.add(id);
    if (!done.has(id)) break;
  }
  return open;
}

function progressOf(doc: CourseDocument, done: Map<string, Date>, learner: typeof courseLearners.$inferSelect | undefined, attestationCode: string | null): LearnerProgress {
  const order = lessonsInOrder(doc).map((x) => x.lesson.id);
  const completed = order.filter((id) => done.has(id));
  return {
    completedLessonIds: completed,
    completedCount: completed.length,
    lessonCount: order.length,
    startedAt: iso(learner?.startedAt),
    lastSeenAt: iso(learner?.lastSeenAt),
    completedAt: completed.length === order.length && order.length > 0 ? iso(lastCompletion(doc, done)) : null,
    resumeLessonId: order.find((id) => !done.has(id)) ?? null,
    attestationCode,
  };
}

const lastCompletion = (doc: CourseDocument, done: Map<string, Date>): Date =>
  new Date(Math.max(...lessonsInOrder(doc).map(({ lesson }) => done.get(lesson.id)?.getTime() ?? 0)));

async function learnerProgressFor(db: Db | Tx, p: Published, userId: string): Promise<LearnerProgress> {
  const [done, [learner], [attestation]] = await Promise.all([
    completedIds(db, p.course.id, userId),
    db.select().from(courseLearners).where(and(eq(courseLearners.courseId, p.course.id), eq(courseLearners.userId, userId))),
    db.select({ code: courseAttestations.code }).from(courseAttestations).where(and(eq(courseAttestations.courseId, p.course.id), eq(courseAttestations.userId, userId))),
  ]);
  return progressOf(p.document, done, learner, attestation?.code ?? null);
}

function summaryOf(course: CourseRow, doc: CourseDocument, progress: LearnerProgress | null): CourseSummary {
  const lessons = lessonsInOrder(doc);
  return {
    slug: course.slug,
    title: doc.title,
    summary: doc.summary,
    minutes: courseMinutes(doc),
    chapterCount: doc.chapters.length,
    lessonCount: lessons.length,
    quizCount: lessons.filter((x) => x.lesson.quiz).length,
    status: course.publishedRevision === null ? 'draft' : 'published',
    revision: course.publishedRevision,
    enforceOrder: doc.enforceOrder,
    progress,
  };
}

// ---------------------------------------------------------------------------------------------
// Learners
// ---------------------------------------------------------------------------------------------

/** The catalogue: published courses (staff also see the ones never published), with my progress. */
export async function listCourses(deps: Deps, user: AuthUser | null): Promise<{ items: CourseSummary[]; canEdit: boolean }> {
  const staff = isStaff(user);
  const rows = await deps.db
    .select({ course: courses, document: courseRevisions.document })
    .from(courses)
    .leftJoin(courseRevisions, and(eq(courseRevisions.courseId, courses.id), eq(courseRevisions.number, courses.publishedRevision)))
    .where(and(isNull(courses.archivedAt), staff ? undefined : isNotNull(courses.publishedRevision)))
    .orderBy(asc(courses.createdAt));
  const items: CourseSummary[] = [];
  for (const r of rows) {
    const doc = r.document ?? r.course.draft;
    const progress = user && r.document ? await learnerProgressFor(deps.db, { course: r.course, document: r.document, revision: r.course.publishedRevision!, publishedAt: new Date(0) }, user.id) : null;
    items.push(summaryOf(r.course, doc, progress));
  }
  return { items, canEdit: staff };
}

export async function getOutline(deps: Deps, user: AuthUser | null, slug: string): Promise<Result<CourseOutline>> {
  const p = await published(deps.db, slug);
  if (!p.ok) return p;
  const { course, document: doc } = p.value;
  return ok({
    slug: course.slug,
    title: doc.title,
    summary: doc.summary,
    minutes: courseMinutes(doc),
    enforceOrder: doc.enforceOrder,
    revision: p.value.revision,
    publishedAt: p.value.publishedAt.toISOString(),
    chapters: doc.chapters.map((ch) => ({
      id: ch.id,
      title: ch.title,
      minutes: ch.lessons.reduce((s, l) => s + l.durationMinutes, 0),
      lessons: ch.lessons.map((l) => ({ id: l.id, title: l.title, durationMinutes: l.durationMinutes, hasQuiz: l.quiz !== null })),
    })),
    progress: user ? await learnerProgressFor(deps.db, p.value, user.id) : null,
    canEdit: isStaff(user),
  });
}

function findLesson(doc: CourseDocument, lessonId: string) {
  const order = lessonsInOrder(doc);
  const index = order.findIndex((x) => x.lesson.id === lessonId);
  return index < 0 ? null : { ...order[index]!, index, order };
}

async function lessonResources(deps: Deps, user: AuthUser | null, ids: string[]) {
  if (!ids.length) return [];
  const reader = readerOf(user);
  const rows = await deps.db
    .select({ id: libraryResources.id, title: libraryResources.title, kind: libraryResources.kind, summary: libraryResources.summary })
    .from(libraryResources)
    .where(and(inArray(libraryResources.id, ids), sql`${readableResourceSql(reader, 'library_resources')}`));
  const files = rows.length
    ? await deps.db
        .select({ id: libraryFiles.id, resourceId: libraryFiles.resourceId, fileName: libraryFiles.fileName, kind: libraryFiles.kind, size: libraryFiles.size })
        .from(libraryFiles)
        .where(inArray(libraryFiles.resourceId, rows.map((r) => r.id)))
        .orderBy(asc(libraryFiles.fileName))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  // In the order the lesson gives; a resource the reader may not read is simply not listed.
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [{ ...r, files: files.filter((f) => f.resourceId === id).map((f) => ({ id: f.id, fileName: f.fileName, kind: f.kind, size: f.size, downloadUrl: fileUrls(f.id, f.kind).downloadUrl })) }];
  });
}

/**
 * One lesson for reading. A signed-in learner's visit is recorded (started, last lesson seen); a
 * lesson locked by the course's order is refused to them. A visitor's progress lives in their
 * browser, which applies the same rule (the server cannot know what they completed).
 */
export async function getLesson(deps: Deps, user: AuthUser | null, slug: string, lessonId: string): Promise<Result<LessonResponse>> {
  const p = await published(deps.db, slug);
  if (!p.ok) return p;
  const { course, document: doc, revision } = p.value;
  const found = findLesson(doc, lessonId);
  if (!found) return fail('LESSON_NOT_FOUND');
  const { lesson, chapter, index, order } = found;
  let learner: LessonResponse['learner'] = null;
  if (user) {
    const done = await completedIds(deps.db, course.id, user.id);
    // Facilitators read any lesson (they write them); completing still follows the order.
    if (!isStaff(user) && !openLessonIds(doc, new Set(done.keys())).has(lesson.id)) return fail('LESSON_LOCKED');
    const now = deps.clock.now();
    await deps.db
      .insert(courseLearners)
      .values({ courseId: course.id, userId: user.id, startedAt: now, lastLessonId: lesson.id, lastSeenAt: now })
      .onConflictDoUpdate({ target: [courseLearners.courseId, courseLearners.userId], set: { lastLessonId: lesson.id, lastSeenAt: now } });
    const attempts = lesson.quiz ? await attemptsOf(deps.db, course.id, user.id, lesson.id) : [];
    learner = {
      completed: done.has(lesson.id),
      attempts: attempts.map((a) => ({ createdAt: a.createdAt.toISOString(), rightCount: a.rightCount, questionCount: a.questionCount, passed: a.passed })),
      attemptsLeft: lesson.quiz?.maxAttempts ? Math.max(0, lesson.quiz.maxAttempts - attempts.length) : null,
    };
  }
  return ok({
    course: { slug: course.slug, title: doc.title, enforceOrder: doc.enforceOrder, revision, lessonCount: order.length },
    chapter: { id: chapter.id, title: chapter.title },
    lesson: {
      id: lesson.id,
      title: lesson.title,
      durationMinutes: lesson.durationMinutes,
      html: renderMarkdown(lesson.body),
      videoUrl: lesson.videoUrl,
      sources: lesson.sources,
      practice: lesson.practice,
      resources: await lessonResources(deps, user, lesson.resourceIds),
      quiz: lesson.quiz
        ? {
            passMark: lesson.quiz.passMark,
            maxAttempts: lesson.quiz.maxAttempts,
            questions: lesson.quiz.questions.map((q) => ({ id: q.id, prompt: q.prompt, multiple: q.multiple, choices: q.choices.map((c) => ({ id: c.id, label: c.label })) })),
          }
        : null,
    },
    position: index + 1,
    previousId: order[index - 1]?.lesson.id ?? null,
    nextId: order[index + 1]?.lesson.id ?? null,
    learner,
  });
}

const attemptsOf = (db: Db | Tx, courseId: string, userId: string, lessonId: string) =>
  db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.courseId, courseId), eq(quizAttempts.userId, userId), eq(quizAttempts.lessonId, lessonId)))
    .orderBy(asc(quizAttempts.createdAt));

/** Records a completed lesson; true when it completes the course. In the caller's transaction. */
async function complete(tx: Tx, p: Published, userId: string, lessonId: string, via: 'read' | 'quiz', now: Date): Promise<boolean> {
  await tx.insert(lessonCompletions).values({ courseId: p.course.id, userId, lessonId, via, completedAt: now }).onConflictDoNothing();
  await tx
    .insert(courseLearners)
    .values({ courseId: p.course.id, userId, startedAt: now, lastLessonId: lessonId, lastSeenAt: now })
    .onConflictDoUpdate({ target: [courseLearners.courseId, courseLearners.userId], set: { lastSeenAt: now } });
  const done = await completedIds(tx, p.course.id, userId);
  const all = lessonsInOrder(p.document).every(({ lesson }) => done.has(lesson.id));
  if (all) await tx.update(courseLearners).set({ completedAt: now }).where(and(eq(courseLearners.courseId, p.course.id), eq(courseLearners.userId, userId), isNull(courseLearners.completedAt)));
  return all;
}

/** « Read to the end »: completes a lesson without a quiz, if it is open to the learner. */
export async function markRead(deps: Deps, user: AuthUser, slug: string, lessonId: string): Promise<Result<{ lessonCompleted: boolean; courseCompleted: boolean; nextId: string | null }>> {
  const p = await published(deps.db, slug);
  if (!p.ok) return p;
  const found = findLesson(p.value.document, lessonId);
  if (!found) return fail('LESSON_NOT_FOUND');
  if (found.lesson.quiz) return fail('LESSON_NEEDS_QUIZ');
  return deps.db.transaction(async (tx) => {
    const done = await completedIds(tx, p.value.course.id, user.id);
    if (!openLessonIds(p.value.document, new Set(done.keys())).has(lessonId)) return fail('LESSON_LOCKED');
    const courseCompleted = await complete(tx, p.value, user.id, lessonId, 'read', deps.clock.now());
    return ok({ lessonCompleted: true, courseCompleted, nextId: found.order[found.index + 1]?.lesson.id ?? null });
  });
}

/** Grades answers: a question is right when exactly its right choices are ticked. */
export function grade(quiz: NonNullable<CourseLesson['quiz']>, answers: QuizAnswers['answers']): Result<Omit<QuizResult, 'proof' | 'attemptsLeft' | 'lessonCompleted' | 'courseCompleted'>> {
  const questions = new Map(quiz.questions.map((q) => [q.id, q]));
  for (const [questionId, chosen] of Object.entries(answers)) {
    const q = questions.get(questionId);
    if (!q) return fail('QUIZ_UNKNOWN_ANSWER', { [questionId]: 'Cette question n’est pas dans le quiz.' });
    const ids = new Set(q.choices.map((c) => c.id));
    if (chosen.some((c) => !ids.has(c))) return fail('QUIZ_UNKNOWN_ANSWER', { [questionId]: 'Cette réponse n’est pas proposée pour cette question.' });
    if (!q.multiple && new Set(chosen).size > 1) return fail('QUIZ_UNKNOWN_ANSWER', { [questionId]: 'Une seule réponse est attendue à cette question.' });
  }
  const results = quiz.questions.map((q) => {
    const chosen = [...new Set(answers[q.id] ?? [])];
    const right = q.choices.every((c) => c.correct === chosen.includes(c.id));
    return { id: q.id, right, chosen, choices: q.choices.map((c) => ({ id: c.id, correct: c.correct, explanation: c.explanation })) };
  });
  const rightCount = results.filter((r) => r.right).length;
  const questionCount = results.length;
  return ok({
    passed: rightCount * 100 >= quiz.passMark * questionCount,
    rightCount,
    questionCount,
    percent: Math.round((rightCount * 100) / questionCount),
    passMark: quiz.passMark,
    questions: results,
  });
}

const proofFor = (deps: Deps, courseId: string, lessonId: string, nonce: string) => `${nonce}.${sign(deps.config.sessionSecret, `course-quiz-passed:${courseId}:${lessonId}:${nonce}`)}`;
function validProof(deps: Deps, courseId: string, lessonId: string, proof: string | null): boolean {
  if (!proof) return false;
  const nonce = proof.split('.', 1)[0]!;
  return /^[A-Za-z0-9_-]{8,40}$/.test(nonce) && safeEqual(proof, proofFor(deps, courseId, lessonId, nonce));
}

/**
 * Answers a lesson's quiz. A signed-in learner's attempt is recorded (within the attempts allowed)
 * and passing completes the lesson. A visitor is graded only; passing gives them a signed proof that
 * their browser keeps and hands over when they create their account (importProgress).
 */
export async function answerQuiz(deps: Deps, user: AuthUser | null, slug: string, lessonId: string, input: QuizAnswers): Promise<Result<QuizResult>> {
  const p = await published(deps.db, slug);
  if (!p.ok) return p;
  const found = findLesson(p.value.document, lessonId);
  if (!found) return fail('LESSON_NOT_FOUND');
  const quiz = found.lesson.quiz;
  if (!quiz) return fail('LESSON_HAS_NO_QUIZ');
  const graded = grade(quiz, input.answers);
  if (!graded.ok) return graded;
  const result = graded.value;
  if (!user) {
    const proof = result.passed ? proofFor(deps, p.value.course.id, lessonId, randomBytes(12).toString('base64url')) : null;
    return ok({ ...result, proof, attemptsLeft: null, lessonCompleted: result.passed, courseCompleted: false });
  }
  return deps.db.transaction(async (tx) => {
    const course = p.value.course;
    const done = await completedIds(tx, course.id, user.id);
    if (!openLessonIds(p.value.document, new Set(done.keys())).has(lessonId)) return fail('LESSON_LOCKED');
    // Serialises a learner's attempts at one quiz, so that two at once cannot pass the limit.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`quiz:${course.id}:${user.id}:${lessonId}`}))`);
    const before = await attemptsOf(tx, course.id, user.id, lessonId);
    if (quiz.maxAttempts !== null && before.length >= quiz.maxAttempts) return fail('QUIZ_NO_ATTEMPTS_LEFT');
    const now = deps.clock.now();
    await tx.insert(quizAttempts).values({
      courseId: course.id,
      userId: user.id,
      lessonId,
      revision: p.value.revision,
      answers: Object.fromEntries(result.questions.map((q) => [q.id, q.chosen])),
      rightCount: result.rightCount,
      questionCount: result.questionCount,
      passed: result.passed,
      createdAt: now,
    });
    const courseCompleted = result.passed ? await complete(tx, p.value, user.id, lessonId, 'quiz', now) : false;
    return ok({
      ...result,
      proof: null,
      attemptsLeft: quiz.maxAttempts === null ? null : quiz.maxAttempts - before.length - 1,
      lessonCompleted: result.passed || done.has(lessonId),
      courseCompleted,
    });
  });
}

/**
 * A visitor's progress, kept in their browser, carried into their account (at sign-up or log-in).
 * Lessons are taken in the course's order with the same rules as live: a quiz lesson needs the proof
 * given when its quiz was passed; a lesson locked by the order is refused. Nothing already recorded
 * changes.
 */
export async function importProgress(deps: Deps, user: AuthUser, slug: string, lessons: { lessonId: string; proof: string | null }[]): Promise<Result<{ imported: number; refused: { lessonId: string; reason: string }[] }>> {
  const p = await published(deps.db, slug);
  if (!p.ok) return p;
  const wanted = new Map(lessons.map((l) => [l.lessonId, l.proof]));
  const known = new Set(lessonsInOrder(p.value.document).map((x) => x.lesson.id));
  const refused = [...wanted.keys()].filter((id) => !known.has(id)).map((lessonId) => ({ lessonId, reason: 'Leçon inconnue dans cette formation.' }));
  return deps.db.transaction(async (tx) => {
    const done = new Set((await completedIds(tx, p.value.course.id, user.id)).keys());
    const now = deps.clock.now();
    let imported = 0;
    for (const { lesson } of lessonsInOrder(p.value.document)) {
      if (!wanted.has(lesson.id) || done.has(lesson.id)) continue;
      if (!openLessonIds(p.value.document, done).has(lesson.id)) {
        refused.push({ lessonId: lesson.id, reason: 'Les leçons précédentes ne sont pas terminées.' });
        continue;
      }
      if (lesson.quiz && !validProof(deps, p.value.course.id, lesson.id, wanted.get(lesson.id) ?? null)) {
        refused.push({ lessonId: lesson.id, reason: 'Le quiz de cette leçon est à repasser une fois connecté.' });
        continue;
      }
      await complete(tx, p.value, user.id, lesson.id, lesson.quiz ? 'quiz' : 'read', now);
      done.add(lesson.id);
      imported++;
    }
    return ok({ imported, refused });
  });
}

// ---------------------------------------------------------------------------------------------
// Attestations
// ---------------------------------------------------------------------------------------------

// Crockford's base 32: no I, L, O, U, so a code read aloud or typed is not mistaken.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 80 random bits as « XXXX-XXXX-XXXX-XXXX »: independent of every other attestation. */
export function newAttestationCode(): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 16; i++) out = ALPHABET[Number(bits & 31n)]! + out, (bits >>= 5n);
  return out.match(/.{4}/g)!.join('-');
}

/** A code as typed (lower case, spaces, O for 0…) in its canonical form, or null. */
export function normaliseCode(raw: string): string | null {
  const s = raw
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(s)) return null;
  return s.match(/.{4}/g)!.join('-');
}

type AttestationRow = typeof courseAttestations.$inferSelect;
const attestationOf = (deps: Deps, slug: string, a: AttestationRow): AttestationResponse => ({
  code: a.code,
  learnerName: a.learnerName,
  courseTitle: a.courseTitle,
  courseMinutes: a.courseMinutes,
  completedAt: a.completedAt.toISOString(),
  verifyUrl: `${deps.config.baseUrl}${paths.attestation(a.code)}`,
  pdfUrl: `/api/courses/${slug}/attestation.pdf`,
});

/**
 * The learner's attestation, issued on first request once every lesson of the published revision is
 * completed; the same one afterwards (its code and what it states never change).
 */
export async function issueAttestation(deps: Deps, user: AuthUser, slug: string): Promise<Result<AttestationResponse>> {
  const p = await published(deps.db, slug);
  if (!p.ok) return p;
  const { course, document: doc, revision } = p.value;
  const [existing] = await deps.db.select().from(courseAttestations).where(and(eq(courseAttestations.courseId, course.id), eq(courseAttestations.userId, user.id)));
  if (existing) return ok(attestationOf(deps, slug, existing));
  const done = await completedIds(deps.db, course.id, user.id);
  if (!lessonsInOrder(doc).every(({ lesson }) => done.has(lesson.id))) return fail('COURSE_NOT_FINISHED');
  const [row] = await deps.db
    .insert(courseAttestations)
    .values({
      code: newAttestationCode(),
      courseId: course.id,
      userId: user.id,
      learnerName: `${user.firstName} ${user.lastName}`.trim() || learningText.untitledName,
      courseTitle: doc.title,
      courseMinutes: courseMinutes(doc),
      revision,
      completedAt: lastCompletion(doc, done),
      issuedAt: deps.clock.now(),
    })
    .onConflictDoNothing()
    .returning();
  // Two requests at once: the other one issued it.
  const issued = row ?? (await deps.db.select().from(courseAttestations).where(and(eq(courseAttestations.courseId, course.id), eq(courseAttestations.userId, user.id))))[0]!;
  return ok(attestationOf(deps, slug, issued));
}

/** The learner's attestation if issued (for its PDF). */
export async function myAttestation(deps: Deps, user: AuthUser, slug: string): Promise<Result<AttestationResponse>> {
  const course = await courseBySlug(deps.db, slug);
  if (!course) return fail('COURSE_NOT_FOUND');
  const [a] = await deps.db.select().from(courseAttestations).where(and(eq(courseAttestations.courseId, course.id), eq(courseAttestations.userId, user.id)));
  return a ? ok(attestationOf(deps, slug, a)) : fail('COURSE_NOT_FINISHED');
}

/** Public: what an attestation states, from its code. */
export async function verifyAttestation(deps: Deps, rawCode: string): Promise<Result<Verification>> {
  const code = normaliseCode(rawCode);
  if (!code) return fail('ATTESTATION_NOT_FOUND');
  const [a] = await deps.db.select().from(courseAttestations).where(eq(courseAttestations.code, code));
  if (!a) return fail('ATTESTATION_NOT_FOUND');
  return ok({ code: a.code, learnerName: a.learnerName, courseTitle: a.courseTitle, courseMinutes: a.courseMinutes, completedAt: a.completedAt.toISOString(), issuedAt: a.issuedAt.toISOString() });
}

// ---------------------------------------------------------------------------------------------
// Facilitators: drafts, publication, history
// ---------------------------------------------------------------------------------------------

async function freeSlug(db: Db, title: string): Promise<string> {
  const base = asciiSlug(title, 70) || 'formation';
  const taken = new Set((await db.select({ slug: courses.slug }).from(courses).where(sql`${courses.slug} LIKE ${`${base}%`}`)).map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

export function starterDocument(title: string, summary: string): CourseDocument {
  return {
    title,
    summary,
    enforceOrder: false,
    chapters: [{ id: 'chapitre-1', title: learningText.defaultChapter, lessons: [{ id: 'lecon-1', title: learningText.defaultLesson, durationMinutes: 10, body: learningText.defaultBody, videoUrl: null, resourceIds: [], practice: null, sources: [], quiz: null }] }],
  };
}

export async function createCourse(deps: Deps, user: AuthUser | null, input: { title: string; summary: string; document?: CourseDocument; sourceKey?: string }): Promise<{ slug: string; id: string }> {
  const now = deps.clock.now();
  const slug = await freeSlug(deps.db, input.title);
  const [row] = await deps.db
    .insert(courses)
    .values({ slug, draft: input.document ?? starterDocument(input.title, input.summary), sourceKey: input.sourceKey ?? null, createdBy: user?.id ?? null, createdAt: now, draftUpdatedBy: user?.id ?? null, draftUpdatedAt: now })
    .returning({ id: courses.id, slug: courses.slug });
  return row!;
}

async function draftOf(deps: Deps, course: CourseRow): Promise<DraftResponse> {
  const ids = [...new Set(lessonsInOrder(course.draft).flatMap((x) => x.lesson.resourceIds))];
  const resources = ids.length ? await deps.db.select({ id: libraryResources.id, title: libraryResources.title }).from(libraryResources).where(inArray(libraryResources.id, ids)) : [];
  const [rev] = course.publishedRevision
    ? await deps.db.select({ document: courseRevisions.document }).from(courseRevisions).where(and(eq(courseRevisions.courseId, course.id), eq(courseRevisions.number, course.publishedRevision)))
    : [];
  const [editor] = course.draftUpdatedBy ? await deps.db.select({ firstName: users.firstName, lastName: users.lastName }).from(users).where(eq(users.id, course.draftUpdatedBy)) : [];
  return {
    slug: course.slug,
    document: course.draft,
    draftUpdatedAt: course.draftUpdatedAt.toISOString(),
    draftUpdatedBy: editor ? `${editor.firstName} ${editor.lastName}` : null,
    publishedRevision: course.publishedRevision,
    unpublishedChanges: !rev || JSON.stringify(rev.document) !== JSON.stringify(course.draft),
    resources,
  };
}

export async function getDraft(deps: Deps, slug: string): Promise<Result<DraftResponse>> {
  const course = await courseBySlug(deps.db, slug);
  return course ? ok(await draftOf(deps, course)) : fail('COURSE_NOT_FOUND');
}

/** Saves the draft; learners still read the published revision until « Publier ». */
export async function saveDraft(deps: Deps, user: AuthUser, slug: string, input: { document: CourseDocument; baseUpdatedAt: string | null }): Promise<Result<DraftResponse>> {
  const ids = lessonsInOrder(input.document).flatMap((x) => x.lesson.resourceIds);
  if (ids.length) {
    const found = new Set((await deps.db.select({ id: libraryResources.id }).from(libraryResources).where(and(inArray(libraryResources.id, [...new Set(ids)]), eq(libraryResources.status, 'published')))).map((r) => r.id));
    for (const [ci, ch] of input.document.chapters.entries())
      for (const [li, l] of ch.lessons.entries())
        if (l.resourceIds.some((id) => !found.has(id))) return fail('COURSE_RESOURCE_UNKNOWN', { [`document.chapters.${ci}.lessons.${li}.resourceIds`]: 'Une ressource citée n’existe pas ou n’est pas publiée dans la bibliothèque.' });
  }
  return deps.db.transaction(async (tx) => {
    const [course] = await tx.select().from(courses).where(and(eq(courses.slug, slug), isNull(courses.archivedAt))).for('update');
    if (!course) return fail('COURSE_NOT_FOUND');
    if (input.baseUpdatedAt !== null && input.baseUpdatedAt !== course.draftUpdatedAt.toISOString()) return fail('COURSE_DRAFT_CONFLICT');
    const [row] = await tx.update(courses).set({ draft: input.document, draftUpdatedBy: user.id, draftUpdatedAt: deps.clock.now() }).where(eq(courses.id, course.id)).returning();
    return ok(await draftOf({ ...deps, db: tx as unknown as Db }, row!));
  });
}

/** Publishes the draft as the next revision: learners read it from now on. */
export async function publishCourse(deps: Deps, user: AuthUser | null, slug: string, note: string): Promise<Result<{ revision: number }>> {
  return deps.db.transaction(async (tx) => {
    const [course] = await tx.select().from(courses).where(and(eq(courses.slug, slug), isNull(courses.archivedAt))).for('update');
    if (!course) return fail('COURSE_NOT_FOUND');
    if (course.publishedRevision !== null) {
      const [rev] = await tx.select({ document: courseRevisions.document }).from(courseRevisions).where(and(eq(courseRevisions.courseId, course.id), eq(courseRevisions.number, course.publishedRevision)));
      if (rev && JSON.stringify(rev.document) === JSON.stringify(course.draft)) return fail('COURSE_NOTHING_TO_PUBLISH');
    }
    const number = (course.publishedRevision ?? 0) + 1;
    await tx.insert(courseRevisions).values({ courseId: course.id, number, document: course.draft, note, publishedBy: user?.id ?? null, publishedAt: deps.clock.now() });
    await tx.update(courses).set({ publishedRevision: number }).where(eq(courses.id, course.id));
    return ok({ revision: number });
  });
}

export async function listRevisions(deps: Deps, slug: string) {
  const course = await courseBySlug(deps.db, slug);
  if (!course) return fail('COURSE_NOT_FOUND');
  const rows = await deps.db
    .select({ number: courseRevisions.number, document: courseRevisions.document, note: courseRevisions.note, publishedAt: courseRevisions.publishedAt, firstName: users.firstName, lastName: users.lastName })
    .from(courseRevisions)
    .leftJoin(users, eq(users.id, courseRevisions.publishedBy))
    .where(eq(courseRevisions.courseId, course.id))
    .orderBy(desc(courseRevisions.number));
  return ok({
    slug: course.slug,
    title: course.draft.title,
    items: rows.map((r) => ({
      number: r.number,
      title: r.document.title,
      note: r.note,
      publishedAt: r.publishedAt.toISOString(),
      publishedBy: r.firstName ? `${r.firstName} ${r.lastName}` : null,
      lessonCount: lessonsInOrder(r.document).length,
      minutes: courseMinutes(r.document),
    })),
  });
}

export async function getRevision(deps: Deps, slug: string, number: number) {
  const course = await courseBySlug(deps.db, slug);
  if (!course) return fail('COURSE_NOT_FOUND');
  const [r] = await deps.db
    .select({ number: courseRevisions.number, document: courseRevisions.document, note: courseRevisions.note, publishedAt: courseRevisions.publishedAt, firstName: users.firstName, lastName: users.lastName })
    .from(courseRevisions)
    .leftJoin(users, eq(users.id, courseRevisions.publishedBy))
    .where(and(eq(courseRevisions.courseId, course.id), eq(courseRevisions.number, number)));
  if (!r) return fail('COURSE_REVISION_NOT_FOUND');
  return ok({ number: r.number, note: r.note, publishedAt: r.publishedAt.toISOString(), publishedBy: r.firstName ? `${r.firstName} ${r.lastName}` : null, document: r.document });
}

// ---------------------------------------------------------------------------------------------
// Facilitators: progress
// ---------------------------------------------------------------------------------------------

/**
 * Progress in a course: everyone who started it, or, for a cohort, its accepted participants
 * whether they started or not (who has not started before the cohort's first session).
 */
export async function courseProgress(deps: Deps, slug: string, cohortId: string | undefined): Promise<Result<ProgressResponse>> {
  const p = await published(deps.db, slug);
  if (!p.ok) return p;
  const { course, document: doc } = p.value;
  const lessonIds = lessonsInOrder(doc).map((x) => x.lesson.id);
  const cohortList = await deps.db.select({ id: cohorts.id, name: cohorts.name, startsOn: cohorts.startsOn }).from(cohorts).orderBy(desc(cohorts.startsOn), asc(cohorts.name));
  const cohort = cohortId ? cohortList.find((c) => c.id === cohortId) : undefined;
  if (cohortId && !cohort) return fail('VALIDATION', { cohort: 'Cette promotion n’existe pas.' });
  const people = cohort
    ? sql`SELECT m.user_id FROM cohort_members m WHERE m.cohort_id = ${cohort.id} AND m.role = 'participant'`
    : sql`SELECT l.user_id FROM course_learners l WHERE l.course_id = ${course.id}`;
  const found = await rows<{
    user_id: string;
    first_name: string;
    last_name: string;
    email: string;
    organisations: string | null;
    started_at: Date | string | null;
    last_seen_at: Date | string | null;
    completed: number;
    attestation: boolean;
  }>(deps.db, sql`
    SELECT u.id AS user_id, u.first_name, u.last_name, u.email,
      (SELECT string_agg(o.name, ', ' ORDER BY o.name) FROM memberships ms JOIN organisations o ON o.id = ms.organisation_id
        WHERE ms.user_id = u.id AND ms.status = 'verified') AS organisations,
      l.started_at, l.last_seen_at,
      (SELECT count(*)::int FROM lesson_completions c WHERE c.course_id = ${course.id} AND c.user_id = u.id
        AND c.lesson_id IN (${sql.join(lessonIds.map((id) => sql`${id}`), sql`, `)})) AS completed,
      EXISTS (SELECT 1 FROM course_attestations a WHERE a.course_id = ${course.id} AND a.user_id = u.id) AS attestation
    FROM users u
    LEFT JOIN course_learners l ON l.course_id = ${course.id} AND l.user_id = u.id
    WHERE u.id IN (${people}) AND u.disabled_at IS NULL
    ORDER BY u.last_name, u.first_name`);
  const total = lessonIds.length;
  const dateOf = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
  const lastDone = new Map<string, Date>();
  if (found.length) {
    const done = await deps.db
      .select({ userId: lessonCompletions.userId, at: sql<Date>`max(${lessonCompletions.completedAt})` })
      .from(lessonCompletions)
      .where(and(eq(lessonCompletions.courseId, course.id), inArray(lessonCompletions.userId, found.map((r) => r.user_id))))
      .groupBy(lessonCompletions.userId);
    for (const d of done) lastDone.set(d.userId, new Date(d.at));
  }
  const list = found.map((r) => ({
    userId: r.user_id,
    name: `${r.first_name} ${r.last_name}`,
    email: r.email,
    organisations: r.organisations ?? '',
    startedAt: dateOf(r.started_at),
    lastSeenAt: dateOf(r.last_seen_at),
    completedCount: r.completed,
    lessonCount: total,
    percent: total ? Math.round((r.completed * 100) / total) : 0,
    completedAt: total && r.completed === total ? iso(lastDone.get(r.user_id)) : null,
    attestation: r.attestation,
  }));
  return ok({
    course: { slug: course.slug, title: doc.title, lessonCount: total },
    cohorts: cohortList.map((c) => ({ id: c.id, name: c.name })),
    cohort: cohort ? { id: cohort.id, name: cohort.name, startsOn: String(cohort.startsOn), firstSessionAt: await firstSessionOf(deps, cohort.id) } : null,
    totals: {
      learners: list.length,
      started: list.filter((r) => r.startedAt).length,
      completed: list.filter((r) => r.completedAt).length,
      notStarted: list.filter((r) => !r.startedAt).length,
    },
    rows: list,
  });
}

/** When a cohort's first session (not cancelled) starts: before it, who has not started the course. */
async function firstSessionOf(deps: Deps, cohortId: string): Promise<string | null> {
  const [row] = await deps.db
    .select({ at: sql<Date | string | null>`min(${events.startsAt})` })
    .from(events)
    .where(and(eq(events.ownerKind, COHORT_OWNER_KIND), eq(events.ownerId, cohortId), eq(events.status, 'scheduled')));
  return row?.at ? new Date(row.at).toISOString() : null;
}

export function progressCsvRows(report: ProgressResponse): unknown[][] {
  const T = learningText;
  const day = (s: string | null) => (s ? s.slice(0, 10) : '');
  return [
    [...T.csvHeader],
    ...report.rows.map((r) => [r.name, r.email, r.organisations, day(r.startedAt), day(r.lastSeenAt), r.completedCount, r.lessonCount, r.percent, day(r.completedAt), r.attestation ? T.yes : T.no]),
  ];
}


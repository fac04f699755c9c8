import { z } from 'zod';
import { spaserSectionKeys } from '../spaser/spaser.contract.js';
import { courseDocument, itemId } from './learning.content.js';

/**
 * E-learning (issue 22): what the API answers and accepts. The web app reads with these schemas.
 * A learner never receives which answers are right before answering a quiz: `publicQuiz` has no
 * `correct` and no explanation; the result of an attempt brings them.
 */

export const slugParam = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'Adresse de formation invalide.');
export const courseParams = z.object({ slug: slugParam });
export const lessonParams = z.object({ slug: slugParam, lessonId: itemId });
export const revisionParams = z.object({ slug: slugParam, number: z.coerce.number().int().min(1).max(1_000_000) });
export const codeParams = z.object({ code: z.string().max(40) });

export const learnerProgress = z.object({
  completedLessonIds: z.array(z.string()),
  completedCount: z.number(),
  lessonCount: z.number(),
  startedAt: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  // The first unfinished lesson, in reading order (« Reprendre »); null once all are done.
  resumeLessonId: z.string().nullable(),
  attestationCode: z.string().nullable(),
});
export type LearnerProgress = z.infer<typeof learnerProgress>;

export const courseSummary = z.object({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  minutes: z.number(),
  chapterCount: z.number(),
  lessonCount: z.number(),
  quizCount: z.number(),
  // Published: learners see revision `revision`; draft: never published (staff only see it).
  status: z.enum(['published', 'draft']),
  revision: z.number().nullable(),
  enforceOrder: z.boolean(),
  progress: learnerProgress.nullable(),
});
export type CourseSummary = z.infer<typeof courseSummary>;

export const coursesResponse = z.object({ items: z.array(courseSummary), canEdit: z.boolean() });

export const outlineLesson = z.object({ id: z.string(), title: z.string(), durationMinutes: z.number(), hasQuiz: z.boolean() });
export const courseOutline = z.object({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  minutes: z.number(),
  enforceOrder: z.boolean(),
  revision: z.number(),
  publishedAt: z.string(),
  chapters: z.array(z.object({ id: z.string(), title: z.string(), minutes: z.number(), lessons: z.array(outlineLesson) })),
  // null for a visitor: their progress is in their browser.
  progress: learnerProgress.nullable(),
  canEdit: z.boolean(),
});
export type CourseOutline = z.infer<typeof courseOutline>;

export const publicQuiz = z.object({
  passMark: z.number(),
  maxAttempts: z.number().nullable(),
  questions: z.array(z.object({ id: z.string(), prompt: z.string(), multiple: z.boolean(), choices: z.array(z.object({ id: z.string(), label: z.string() })) })),
});

export const lessonResource = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.string(),
  summary: z.string(),
  files: z.array(z.object({ id: z.string(), fileName: z.string(), kind: z.string(), size: z.number(), downloadUrl: z.string() })),
});

export const quizAttemptSummary = z.object({ createdAt: z.string(), rightCount: z.number(), questionCount: z.number(), passed: z.boolean() });

export const lessonResponse = z.object({
  course: z.object({ slug: z.string(), title: z.string(), enforceOrder: z.boolean(), revision: z.number(), lessonCount: z.number() }),
  chapter: z.object({ id: z.string(), title: z.string() }),
  lesson: z.object({
    id: z.string(),
    title: z.string(),
    durationMinutes: z.number(),
    // Markdown rendered and sanitised on the server.
    html: z.string(),
    videoUrl: z.string().nullable(),
    sources: z.array(z.object({ label: z.string(), url: z.string() })),
    practice: z.enum(spaserSectionKeys).nullable(),
    resources: z.array(lessonResource),
    quiz: publicQuiz.nullable(),
  }),
  position: z.number(),
  previousId: z.string().nullable(),
  nextId: z.string().nullable(),
  learner: z
    .object({
      completed: z.boolean(),
      attempts: z.array(quizAttemptSummary),
      // null: as many as wanted.
      attemptsLeft: z.number().nullable(),
    })
    .nullable(),
});
export type LessonResponse = z.infer<typeof lessonResponse>;

const choiceIds = z.array(itemId).max(8, 'Huit réponses au plus par question.');
export const quizAnswers = z.object({
  // questionId → the choice ids ticked (none: the question is left blank, and counts as wrong).
  answers: z.record(itemId, choiceIds, { error: 'Vos réponses sont illisibles : rechargez la page et recommencez.' }),
});
export type QuizAnswers = z.infer<typeof quizAnswers>;

export const quizResult = z.object({
  passed: z.boolean(),
  rightCount: z.number(),
  questionCount: z.number(),
  percent: z.number(),
  passMark: z.number(),
  questions: z.array(
    z.object({
      id: z.string(),
      right: z.boolean(),
      chosen: z.array(z.string()),
      choices: z.array(z.object({ id: z.string(), correct: z.boolean(), explanation: z.string() })),
    }),
  ),
  // For a visitor who passed: proof of it, carried into the account at sign-up (importProgress).
  proof: z.string().nullable(),
  attemptsLeft: z.number().nullable(),
  lessonCompleted: z.boolean(),
  courseCompleted: z.boolean(),
});
export type QuizResult = z.infer<typeof quizResult>;

export const readResult = z.object({ lessonCompleted: z.boolean(), courseCompleted: z.boolean(), nextId: z.string().nullable() });

export const importInput = z.object({
  lessons: z
    .array(z.object({ lessonId: itemId, proof: z.string().max(200).nullable().default(null) }))
    .max(500, 'Trop de leçons à reprendre.'),
});
export const importResult = z.object({ imported: z.number(), refused: z.array(z.object({ lessonId: z.string(), reason: z.string() })) });

export const attestationResponse = z.object({
  code: z.string(),
  learnerName: z.string(),
  courseTitle: z.string(),
  courseMinutes: z.number(),
  completedAt: z.string(),
  verifyUrl: z.string(),
  pdfUrl: z.string(),
});
export type AttestationResponse = z.infer<typeof attestationResponse>;

export const verificationResponse = z.object({
  code: z.string(),
  learnerName: z.string(),
  courseTitle: z.string(),
  courseMinutes: z.number(),
  completedAt: z.string(),
  issuedAt: z.string(),
});
export type Verification = z.infer<typeof verificationResponse>;

// --- Facilitators ------------------------------------------------------------------------------

export const newCourseInput = z.object({
  title: z.string({ error: 'Saisissez le titre de la formation.' }).trim().min(1, 'Saisissez le titre de la formation.').max(200, 'Le titre ne peut dépasser 200 caractères.'),
  summary: z.string({ error: 'Saisissez la présentation de la formation.' }).trim().min(1, 'Saisissez la présentation de la formation.').max(2_000, 'La présentation ne peut dépasser 2 000 caractères.'),
});

export const draftInput = z.object({
  document: courseDocument,
  // The draft the editor started from: a save over someone else's later save is refused.
  baseUpdatedAt: z.string().max(40).nullable().default(null),
});

export const draftResponse = z.object({
  slug: z.string(),
  document: courseDocument,
  draftUpdatedAt: z.string(),
  draftUpdatedBy: z.string().nullable(),
  publishedRevision: z.number().nullable(),
  // The draft differs from the published revision: « Publier » has something to publish.
  unpublishedChanges: z.boolean(),
  // Titles of the library resources the lessons name, to show them in the editor.
  resources: z.array(z.object({ id: z.string(), title: z.string() })),
});
export type DraftResponse = z.infer<typeof draftResponse>;

export const publishInput = z.object({
  note: z.string({ error: 'Dites en une phrase ce qui change.' }).trim().max(500, 'La note ne peut dépasser 500 caractères.').default(''),
});

export const revisionsResponse = z.object({
  slug: z.string(),
  title: z.string(),
  items: z.array(z.object({ number: z.number(), title: z.string(), note: z.string(), publishedAt: z.string(), publishedBy: z.string().nullable(), lessonCount: z.number(), minutes: z.number() })),
});
export const revisionResponse = z.object({ number: z.number(), note: z.string(), publishedAt: z.string(), publishedBy: z.string().nullable(), document: courseDocument });

export const progressQuery = z.object({ cohort: z.uuid({ error: 'Promotion inconnue.' }).optional() });
export const progressRow = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  organisations: z.string(),
  startedAt: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  completedCount: z.number(),
  lessonCount: z.number(),
  percent: z.number(),
  completedAt: z.string().nullable(),
  attestation: z.boolean(),
});
export type ProgressRow = z.infer<typeof progressRow>;
export const progressResponse = z.object({
  course: z.object({ slug: z.string(), title: z.string(), lessonCount: z.number() }),
  cohorts: z.array(z.object({ id: z.string(), name: z.string() })),
  // The chosen cohort: its accepted participants are listed, started or not.
  // firstSessionAt: the cohort's first session (its « décollage »), null when none is scheduled.
  cohort: z.object({ id: z.string(), name: z.string(), startsOn: z.string(), firstSessionAt: z.string().nullable() }).nullable(),
  totals: z.object({ learners: z.number(), started: z.number(), completed: z.number(), notStarted: z.number() }),
  rows: z.array(progressRow),
});
export type ProgressResponse = z.infer<typeof progressResponse>;

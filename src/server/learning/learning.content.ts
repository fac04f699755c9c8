import { z } from 'zod';
import { spaserSectionKeys } from '../spaser/spaser.contract.js';

/**
 * What a course is made of (issue 22, item 1): one document of ordered chapters and lessons, with
 * their quizzes. Facilitators edit this document as a draft; publishing freezes it as a numbered
 * revision that learners read (learning.tables.ts). Ids are short and readable (`l01-…`), chosen when
 * an item is created and never changed, so that progress and attempts keep pointing at the same
 * lesson across revisions. Only zod here: the editor validates with the same rules as the API.
 */

export const COURSE_LIMITS = { chapters: 30, lessonsPerChapter: 30, questions: 30, choices: 8, body: 60_000 } as const;

const text = (label: string, max: number) =>
  z
    .string({ error: `Saisissez ${label}.` })
    .trim()
    .min(1, `Saisissez ${label}.`)
    .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} ne peut dépasser ${max.toLocaleString('fr-FR')} caractères.`);

const webAddress = (what: string) =>
  z
    .string({ error: `Saisissez ${what}.` })
    .trim()
    .max(500, `${what[0]!.toUpperCase()}${what.slice(1)} ne peut dépasser 500 caractères.`)
    .refine((s) => /^https:\/\/[^\s/$.?#][^\s]*$/i.test(s), `${what[0]!.toUpperCase()}${what.slice(1)} doit être une adresse web complète (https://…).`);

/** A readable id, unique within its course: lowercase letters, digits and dashes. */
export const itemId = z
  .string({ error: 'Identifiant manquant.' })
  .regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'Identifiant invalide : lettres minuscules, chiffres et tirets, 60 caractères au plus.');

export const quizChoice = z.object({
  id: itemId,
  label: text('la réponse proposée', 500),
  correct: z.boolean({ error: 'Indiquez si la réponse est juste.' }),
  // Shown after answering, whether the learner chose it or not: why it is right or wrong.
  explanation: text('l’explication de la réponse', 1_000),
});

export const quizQuestion = z
  .object({
    id: itemId,
    prompt: text('la question', 1_000),
    // Several right answers: the learner ticks boxes, and must tick exactly the right ones.
    multiple: z.boolean({ error: 'Indiquez si plusieurs réponses sont justes.' }).default(false),
    choices: z
      .array(quizChoice)
      .min(2, 'Proposez au moins deux réponses.')
      .max(COURSE_LIMITS.choices, `${COURSE_LIMITS.choices} réponses au plus.`),
  })
  .superRefine((q, ctx) => {
    const right = q.choices.filter((c) => c.correct).length;
    if (right === 0) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'Indiquez au moins une bonne réponse.' });
    else if (!q.multiple && right > 1) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'Une question à choix unique n’a qu’une bonne réponse : cochez « plusieurs réponses » ou corrigez.' });
  });

export const quiz = z.object({
  // The share of questions answered exactly right needed to pass, in percent.
  passMark: z.number({ error: 'Indiquez le seuil de réussite.' }).int('Le seuil est un nombre entier.').min(1, 'Le seuil va de 1 à 100 %.').max(100, 'Le seuil va de 1 à 100 %.'),
  // null: as many attempts as wanted.
  maxAttempts: z.number({ error: 'Indiquez le nombre de tentatives.' }).int('Le nombre de tentatives est un nombre entier.').min(1, 'Au moins une tentative.').max(20, 'Vingt tentatives au plus.').nullable().default(null),
  questions: z
    .array(quizQuestion)
    .min(1, 'Un quiz a au moins une question.')
    .max(COURSE_LIMITS.questions, `${COURSE_LIMITS.questions} questions au plus.`),
});

export const lessonSource = z.object({
  label: text('le nom de la source', 300),
  url: webAddress('l’adresse de la source'),
});

export const lesson = z.object({
  id: itemId,
  title: text('le titre de la leçon', 200),
  durationMinutes: z.number({ error: 'Indiquez la durée estimée en minutes.' }).int('La durée est un nombre entier de minutes.').min(1, 'La durée va de 1 à 240 minutes.').max(240, 'La durée va de 1 à 240 minutes.'),
  // Markdown, rendered on the server like the help space (no raw HTML, no images, safe links).
  body: text('le contenu de la leçon', COURSE_LIMITS.body),
  videoUrl: webAddress('l’adresse de la vidéo').nullable().default(null),
  // Library resources: « Pour aller plus loin », and the files to download.
  resourceIds: z.array(z.uuid({ error: 'Ressource inconnue.' })).max(20, 'Vingt ressources au plus.').default([]),
  // The builder's step that puts the lesson into practice (« Mettre en pratique »).
  practice: z.enum(spaserSectionKeys, { error: 'Choisissez une partie du SPASER dans la liste.' }).nullable().default(null),
  sources: z.array(lessonSource).max(20, 'Vingt sources au plus.').default([]),
  // With a quiz, the lesson is completed by passing it; without, by reading it to the end.
  quiz: quiz.nullable().default(null),
});

export const chapter = z.object({
  id: itemId,
  title: text('le titre du chapitre', 200),
  lessons: z.array(lesson).min(1, 'Un chapitre a au moins une leçon.').max(COURSE_LIMITS.lessonsPerChapter, `${COURSE_LIMITS.lessonsPerChapter} leçons au plus par chapitre.`),
});

export const courseDocument = z
  .object({
    title: text('le titre de la formation', 200),
    summary: text('la présentation de la formation', 2_000),
    // Lessons open one after the other: a lesson is locked until every earlier one is completed.
    enforceOrder: z.boolean({ error: 'Indiquez si les leçons doivent être suivies dans l’ordre.' }).default(false),
    chapters: z.array(chapter).min(1, 'Une formation a au moins un chapitre.').max(COURSE_LIMITS.chapters, `${COURSE_LIMITS.chapters} chapitres au plus.`),
  })
  .superRefine((doc, ctx) => {
    // Ids are unique within the course, so a progress record names exactly one lesson.
    const seen = new Set<string>();
    doc.chapters.forEach((ch, ci) => {
      const check = (id: string, path: (string | number)[]) => {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path, message: `L’identifiant « ${id} » est déjà utilisé dans cette formation.` });
        seen.add(id);
      };
      check(ch.id, ['chapters', ci, 'id']);
      ch.lessons.forEach((l, li) => {
        check(l.id, ['chapters', ci, 'lessons', li, 'id']);
        l.quiz?.questions.forEach((q, qi) => {
          const choiceIds = new Set<string>();
          q.choices.forEach((c, cci) => {
            if (choiceIds.has(c.id)) ctx.addIssue({ code: 'custom', path: ['chapters', ci, 'lessons', li, 'quiz', 'questions', qi, 'choices', cci, 'id'], message: 'Deux réponses ont le même identifiant.' });
            choiceIds.add(c.id);
          });
        });
      });
    });
  });

export type CourseDocument = z.output<typeof courseDocument>;
export type CourseChapter = z.output<typeof chapter>;
export type CourseLesson = z.output<typeof lesson>;
export type CourseQuiz = z.output<typeof quiz>;

/** Every lesson in reading order, with its chapter. */
export function lessonsInOrder(doc: Pick<CourseDocument, 'chapters'>): { chapter: CourseChapter; lesson: CourseLesson }[] {
  return doc.chapters.flatMap((chapter) => chapter.lessons.map((lesson) => ({ chapter, lesson })));
}

export function courseMinutes(doc: Pick<CourseDocument, 'chapters'>): number {
  return lessonsInOrder(doc).reduce((sum, { lesson }) => sum + lesson.durationMinutes, 0);
}

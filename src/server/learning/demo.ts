import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { firstCourse } from './first-course.js';
import { installFirstCourse } from './first-course.install.js';
import { lessonsInOrder, type CourseLesson } from './learning.content.js';
import { answerQuiz, getLesson, issueAttestation, markRead } from './learning.service.js';

/** The right answers of a lesson's quiz, or deliberately wrong ones (the first wrong choice each). */
const answersOf = (lesson: CourseLesson, right: boolean) =>
  Object.fromEntries(lesson.quiz!.questions.map((q) => [q.id, right ? q.choices.filter((c) => c.correct).map((c) => c.id) : [q.choices.find((c) => !c.correct)!.id]]));

/** Follows the course's first `count` lessons as `user` would, through the services (order, quizzes). */
async function follow(deps: Deps, user: AuthUser, count: number, opts: { failFirstQuiz?: boolean } = {}) {
  const lessons = lessonsInOrder(firstCourseDoc()).slice(0, count);
  let failed = false;
  for (const { lesson } of lessons) {
    await getLesson(deps, user, firstCourse.slug, lesson.id);
    if (!lesson.quiz) {
      await markRead(deps, user, firstCourse.slug, lesson.id);
      continue;
    }
    if (opts.failFirstQuiz && !failed) {
      await answerQuiz(deps, user, firstCourse.slug, lesson.id, { answers: answersOf(lesson, false) });
      failed = true;
    }
    await answerQuiz(deps, user, firstCourse.slug, lesson.id, { answers: answersOf(lesson, true) });
  }
}

// Only the lessons' order and quizzes are read here: the ids in the repository are the installed ones.
const firstCourseDoc = () => ({ chapters: firstCourse.chapters.map((ch) => ({ ...ch, lessons: ch.lessons.map((l) => ({ ...l, resourceIds: [] })) })) });

/**
 * The e-learning in the demo (issue 22): the first course installed (main.ts does it on every
 * platform; here again for a demo seeded alone), Claire (Lyon) has finished it and holds her
 * attestation, Sophie (Nantes) is halfway — one quiz failed then passed —, Yann (Rennes) has just
 * started; Marc (Ajaccio), in the same running cohort as Claire and Sophie, has not started, so
 * the facilitators' follow-up shows all three cases.
 */
export async function seedLearning(deps: Deps, people: AuthUser[]) {
  await installFirstCourse(deps);
  const by = (email: string) => people.find((u) => u.email === email);
  const total = lessonsInOrder(firstCourseDoc()).length;
  const claire = by('claire.martin@lyon.example');
  const sophie = by('sophie.durand@nantes.example');
  const yann = by('yann.le-goff@rennes.example');
  if (claire) {
    await follow(deps, claire, total);
    await issueAttestation(deps, claire, firstCourse.slug);
  }
  if (sophie) await follow(deps, sophie, Math.ceil(total / 2), { failFirstQuiz: true });
  if (yann) await follow(deps, yann, 2);
}



import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { LessonResponse, QuizResult } from '../../server/learning/learning.contract';
import { PostBody } from '../helpspace/components';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { isApiError } from '../platform/api';
import { formatSize } from '../platform/format';
import { useSession } from '../platform/session';
import { learningApi, learningKey, useCourse, useLesson } from './api';
import { learnerState } from './components';
import { learningLabels, practiceLabels } from './labels';
import { markLocalLesson, useLocalCompleted } from './local-progress';

const C = learningLabels.catalogue;
const L = learningLabels.lesson;

/**
 * /formations/:slug/lecons/:lessonId: one lesson. Without a quiz it is completed when read to the end
 * (reaching its end, or « J'ai lu cette leçon »); with one, by passing the quiz. Signed in, the
 * server records it; a visitor's browser keeps it (local-progress.ts).
 */
export function LessonPage() {
  const { slug = '', lessonId = '' } = useParams();
  const session = useSession();
  const signedIn = !!session.user;
  const outline = useCourse(slug);
  const q = useLesson(slug, lessonId);
  const local = useLocalCompleted(slug);
  const crumbs = [
    { label: C.title, to: paths.courses() },
    ...(outline.data ? [{ label: outline.data.title, to: paths.course(slug) }] : []),
  ];
  if (q.isPending || outline.isPending || session.isLoading) return <PageLoading title={C.title} breadcrumb={crumbs} />;
  const state = outline.data ? learnerState(outline.data, local) : null;
  const lockedForVisitor = !signedIn && state && !state.open.has(lessonId);
  if (q.isError || lockedForVisitor) {
    const locked = lockedForVisitor || (isApiError(q.error) && q.error.code === 'LESSON_LOCKED');
    if (!locked && !(isApiError(q.error) && q.error.status === 404)) throw q.error;
    return (
      <Page title={locked ? outline.data?.title ?? C.title : C.title} breadcrumb={crumbs}>
        <Alert severity={locked ? 'info' : 'error'} small description={locked ? L.locked : (q.error as Error).message} className="fr-mb-3w" />
        {locked && state?.resume && (
          <Link className="fr-btn" to={paths.lesson(slug, state.resume)}>
            {L.firstUnfinished}
          </Link>
        )}
      </Page>
    );
  }
  return <LessonView data={q.data} slug={slug} signedIn={signedIn} completed={signedIn ? !!q.data.learner?.completed : local.has(lessonId)} />;
}

function LessonView({ data, slug, signedIn, completed }: { data: LessonResponse; slug: string; signedIn: boolean; completed: boolean }) {
  const { lesson, course } = data;
  const qc = useQueryClient();
  const [done, setDone] = useState(completed);
  useEffect(() => setDone(completed), [completed, lesson.id]);
  const read = useMutation({
    mutationFn: async () => {
      if (signedIn) await learningApi.markRead(slug, lesson.id);
      else markLocalLesson(slug, lesson.id);
    },
    onSuccess: () => {
      setDone(true);
      void qc.invalidateQueries({ queryKey: learningKey });
    },
  });
  // Reaching the end of a lesson without a quiz completes it (after scrolling: a short lesson that
  // fits the screen waits for the button, so that opening a page is not « reading » it).
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (lesson.quiz || done || !end.current || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && window.scrollY > 0 && !read.isPending) read.mutate();
    });
    observer.observe(end.current);
    return () => observer.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lesson.id, lesson.quiz, done]);

  const canGoNext = !course.enforceOrder || done;
  return (
    <Page
      title={lesson.title}
      breadcrumb={[
        { label: C.title, to: paths.courses() },
        { label: course.title, to: paths.course(slug) },
      ]}
      lead={
        <p className="fr-text--sm fr-mb-0">
          {data.chapter.title} · {L.position(data.position, course.lessonCount)} · {L.duration(lesson.durationMinutes)}
        </p>
      }
    >
      {lesson.videoUrl && (
        <p>
          <a className="fr-link fr-icon-play-circle-line fr-link--icon-left" href={lesson.videoUrl} target="_blank" rel="noopener noreferrer">
            {L.video}
          </a>
        </p>
      )}
      <div className="entraide-lesson-body fr-mb-4w">
        <PostBody html={lesson.html} />
      </div>

      {lesson.sources.length > 0 && (
        <section aria-labelledby="sources-titre" className="fr-mb-4w">
          <h2 id="sources-titre" className="fr-h5">
            {L.sources}
          </h2>
          <ul>
            {lesson.sources.map((s) => (
              <li key={s.url + s.label}>
                <a href={s.url} target="_blank" rel="noopener noreferrer">
                  {s.label}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}

      {lesson.resources.length > 0 && (
        <section aria-labelledby="plus-loin-titre" className="fr-mb-4w">
          <h2 id="plus-loin-titre" className="fr-h5">
            {L.furtherReading}
          </h2>
          <ul>
            {lesson.resources.map((r) => (
              <li key={r.id} className="fr-mb-1w">
                <Link to={paths.libraryResource(r.id)}>{r.title}</Link>
                {r.summary && <p className="fr-text--sm fr-mb-0">{r.summary}</p>}
                {r.files.length > 0 && (
                  <ul aria-label={`${L.files} — ${r.title}`}>
                    {r.files.map((f) => (
                      <li key={f.id}>
                        <a className="fr-link fr-link--download" href={f.downloadUrl} download>
                          {f.fileName} <span className="fr-link__detail">{`${f.kind.toUpperCase()} – ${formatSize(f.size)}`}</span>
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      {lesson.practice && (
        <section aria-labelledby="pratique-titre" className="fr-mb-4w fr-background-alt--blue-france fr-p-3w">
          <h2 id="pratique-titre" className="fr-h5">
            {L.practice}
          </h2>
          <p>{L.practiceText(practiceLabels[lesson.practice] ?? lesson.practice)}</p>
          <Link className="fr-btn fr-btn--secondary" to={paths.spaserStep(lesson.practice)}>
            {L.practiceLink(practiceLabels[lesson.practice] ?? lesson.practice)}
          </Link>
        </section>
      )}

      {lesson.quiz ? (
        <Quiz data={data} slug={slug} signedIn={signedIn} passedBefore={done} onPassed={() => setDone(true)} />
      ) : (
        <div ref={end} className="fr-mb-4w">
          {done ? (
            <p className="fr-badge fr-badge--success" role="status">
              {L.readDone}
            </p>
          ) : (
            <>
              <p className="fr-text--sm">{L.readAuto}</p>
              {read.isError && <Alert severity="error" small description={read.error.message} className="fr-mb-2w" />}
              <Button onClick={() => read.mutate()} disabled={read.isPending} iconId="fr-icon-check-line" iconPosition="left">
                {L.markRead}
              </Button>
            </>
          )}
        </div>
      )}

      <nav aria-label={L.backToCourse} className="fr-mt-4w">
        <ul className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-md">
          {data.previousId && (
            <li>
              <Link className="fr-btn fr-btn--tertiary fr-icon-arrow-left-line fr-btn--icon-left" to={paths.lesson(slug, data.previousId)}>
                {L.previous}
              </Link>
            </li>
          )}
          <li>
            <Link className="fr-btn fr-btn--tertiary" to={paths.course(slug)}>
              {L.backToCourse}
            </Link>
          </li>
          {data.nextId && canGoNext && (
            <li>
              <Link className="fr-btn fr-icon-arrow-right-line fr-btn--icon-right" to={paths.lesson(slug, data.nextId)}>
                {L.next}
              </Link>
            </li>
          )}
          {!data.nextId && done && (
            <li>
              <Link className="fr-btn" to={paths.course(slug)}>
                {L.finishCourse}
              </Link>
            </li>
          )}
        </ul>
      </nav>
    </Page>
  );
}

const Q = learningLabels.quiz;

function Quiz({ data, slug, signedIn, passedBefore, onPassed }: { data: LessonResponse; slug: string; signedIn: boolean; passedBefore: boolean; onPassed: () => void }) {
  const quiz = data.lesson.quiz!;
  const qc = useQueryClient();
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const [result, setResult] = useState<QuizResult | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const attemptsMade = data.learner?.attempts.length ?? 0;
  const attemptsLeft = result ? result.attemptsLeft : (data.learner?.attemptsLeft ?? null);
  const submit = useMutation({
    mutationFn: () => learningApi.answerQuiz(slug, data.lesson.id, answers),
    onSuccess: (r) => {
      setResult(r);
      if (r.passed) {
        if (!signedIn) markLocalLesson(slug, data.lesson.id, r.proof);
        onPassed();
      }
      void qc.invalidateQueries({ queryKey: learningKey });
    },
  });
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);
  const toggle = (questionId: string, choiceId: string, multiple: boolean) =>
    setAnswers((a) => {
      const current = a[questionId] ?? [];
      if (!multiple) return { ...a, [questionId]: [choiceId] };
      return { ...a, [questionId]: current.includes(choiceId) ? current.filter((c) => c !== choiceId) : [...current, choiceId] };
    });
  const unanswered = quiz.questions.filter((qq) => !(answers[qq.id]?.length)).length;
  const noAttemptsLeft = attemptsLeft === 0 && !result;
  return (
    <section aria-labelledby="quiz-titre" className="fr-mb-4w">
      <h2 id="quiz-titre">{Q.title}</h2>
      <p className="fr-text--sm">
        {Q.intro(quiz.passMark, quiz.maxAttempts)}
        {attemptsMade > 0 && ` ${Q.previousAttempts(attemptsMade)}.`} {attemptsLeft !== null && Q.attemptsLeft(attemptsLeft)}
      </p>
      {passedBefore && !result && <p className="fr-text--sm">{Q.alreadyPassed}</p>}
      {result && (
        <div ref={resultRef} tabIndex={-1} className="fr-mb-3w">
          <Alert
            severity={result.passed ? 'success' : 'warning'}
            small
            description={result.passed ? Q.passed(result.rightCount, result.questionCount, result.percent) : Q.failed(result.rightCount, result.questionCount, result.percent, result.passMark)}
          />
        </div>
      )}
      {noAttemptsLeft && !passedBefore ? (
        <Alert severity="info" small description={Q.attemptsLeft(0)} />
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!result) submit.mutate();
          }}
        >
          {quiz.questions.map((question, qi) => {
            const graded = result?.questions.find((r) => r.id === question.id);
            const name = `question-${question.id}`;
            return (
              <fieldset key={question.id} className="fr-fieldset fr-mb-3w" aria-describedby={graded ? `${name}-resultat` : undefined}>
                <legend className="fr-fieldset__legend fr-text--regular">
                  <strong>
                    {qi + 1}. {question.prompt}
                  </strong>{' '}
                  <span className="fr-hint-text">{question.multiple ? Q.multiple : Q.single}</span>
                </legend>
                {question.choices.map((choice) => {
                  const id = `${name}-${choice.id}`;
                  const checked = (answers[question.id] ?? []).includes(choice.id);
                  const verdict = graded?.choices.find((c) => c.id === choice.id);
                  return (
                    <div key={choice.id} className={`fr-fieldset__element ${verdict ? (verdict.correct ? 'entraide-quiz-choice--right' : checked ? 'entraide-quiz-choice--wrong' : '') : ''}`}>
                      <div className={question.multiple ? 'fr-checkbox-group' : 'fr-radio-group'}>
                        <input type={question.multiple ? 'checkbox' : 'radio'} id={id} name={name} checked={checked} disabled={!!result} onChange={() => toggle(question.id, choice.id, question.multiple)} />
                        <label className="fr-label" htmlFor={id}>
                          {choice.label}
                          {verdict && (
                            <span className="fr-hint-text">
                              {verdict.correct ? Q.correctChoice : Q.wrongChoice}
                              {checked ? ` (${Q.yourChoice})` : ''} — {verdict.explanation}
                            </span>
                          )}
                        </label>
                      </div>
                    </div>
                  );
                })}
                {graded && (
                  <p id={`${name}-resultat`} className={`fr-message ${graded.right ? 'fr-message--valid' : 'fr-message--error'}`}>
                    {graded.right ? Q.right : Q.wrong}
                  </p>
                )}
              </fieldset>
            );
          })}
          {submit.isError && <Alert severity="error" small description={submit.error.message} className="fr-mb-2w" />}
          {!result && unanswered > 0 && <p className="fr-text--sm">{Q.unanswered(unanswered)}</p>}
          {result ? (
            (result.attemptsLeft === null || result.attemptsLeft > 0) && (
              // Its own key: reusing the submit button's element would turn it into « submit » while
              // its click is still being handled, and send the emptied form (seen in the journey).
              <Button
                key="retake"
                type="button"
                priority={result.passed ? 'secondary' : 'primary'}
                onClick={() => {
                  setResult(null);
                  setAnswers({});
                }}
              >
                {Q.retake}
              </Button>
            )
          ) : (
            <Button key="submit" type="submit" disabled={submit.isPending}>
              {Q.submit}
            </Button>
          )}
        </form>
      )}
    </section>
  );
}

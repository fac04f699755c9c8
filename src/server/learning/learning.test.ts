import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createTestContext, PASSWORD, type Agent, type TestContext } from '../../../tests/helpers/context.js';
import { pdfText } from '../../../tests/helpers/pdf.js';
import { cohortMembers, cohorts } from '../cohorts/cohorts.tables.js';

// Issue 22: a course written and published by a facilitator, learnt by members (order, reading,
// quizzes, attempts), a visitor's progress carried into an account, the attestation and its public
// verification, and the facilitators' follow-up. Through real HTTP on a real database; expected
// values are worked out by hand from the course below.

let t: TestContext;
let facilitator: Agent;
let learner: Agent;
let learnerId: string;
let other: Agent;
let otherId: string;
let orgId: string;
const SLUG = 'reussir-son-diagnostic';

// Three lessons, order enforced: « lire » (read, 10 min), « quiz » (2 questions, pass mark 50 %,
// 2 attempts at most, 15 min), « fin » (read, 5 min). Right answers: q1 → b; q2 → a and c.
const course = {
  title: 'Réussir son diagnostic',
  summary: 'Une formation courte pour les tests.',
  enforceOrder: true,
  chapters: [
    {
      id: 'ch-1',
      title: 'Le diagnostic',
      lessons: [
        { id: 'lire', title: 'Lire ses achats', durationMinutes: 10, body: '## Pourquoi\n\nCartographier **ses achats**.', sources: [{ label: 'Article L2111-3', url: 'https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000044448420' }], practice: 'diagnostic' },
        {
          id: 'quiz',
          title: 'Vérifier ses acquis',
          durationMinutes: 15,
          body: 'Quelques questions.',
          quiz: {
            passMark: 50,
            maxAttempts: 2,
            questions: [
              { id: 'q1', prompt: 'Quel seuil depuis 2023 ?', multiple: false, choices: [
                { id: 'a', label: '100 M€', correct: false, explanation: 'C’était le seuil avant 2023.' },
                { id: 'b', label: '50 M€', correct: true, explanation: 'Seuil en vigueur depuis le 1er janvier 2023.' },
              ] },
              { id: 'q2', prompt: 'Que contient un SPASER ?', multiple: true, choices: [
                { id: 'a', label: 'Des objectifs sociaux', correct: true, explanation: 'La loi les demande.' },
                { id: 'b', label: 'Un budget voté', correct: false, explanation: 'Ce n’est pas exigé.' },
                { id: 'c', label: 'Des indicateurs', correct: true, explanation: 'Publiés tous les deux ans.' },
              ] },
            ],
          },
        },
        { id: 'fin', title: 'Conclure', durationMinutes: 5, body: 'Fin.' },
      ],
    },
  ],
};

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-12-07T09:00:00Z'));
  facilitator = (await t.loggedIn({ role: 'facilitator', firstName: 'Awa', lastName: 'Animatrice' })).agent;
  orgId = (await t.createOrganisation({ name: 'Ville de Vannes' })).id;
  const l = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Lina', lastName: 'Martin' });
  learner = l.agent;
  learnerId = l.user.id;
  const o = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Omar', lastName: 'Diallo' });
  other = o.agent;
  otherId = o.user.id;
});
afterAll(() => t?.close());

describe('writing and publishing a course (facilitators)', () => {
  it('refuses members, creates a draft only facilitators see', async () => {
    expect((await learner.post('/api/courses', { title: 'X', summary: 'Y' })).statusCode).toBe(403);
    const res = await facilitator.post('/api/courses', { title: course.title, summary: course.summary });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ slug: SLUG });
    const mine = (await learner.get('/api/courses')).json();
    expect(mine.items.map((c: { slug: string }) => c.slug)).not.toContain(SLUG);
    const staff = (await facilitator.get('/api/courses')).json();
    expect(staff.items.find((c: { slug: string }) => c.slug === SLUG)).toMatchObject({ status: 'draft', revision: null });
    // Not published: learners' endpoints answer as if it did not exist.
    expect((await learner.get(`/api/courses/${SLUG}`)).statusCode).toBe(404);
    const quiz = await learner.post(`/api/courses/${SLUG}/lessons/lecon-1/quiz`, { answers: {} });
    expect(quiz.statusCode).toBe(404);
    expect(quiz.json().message).toBe('Cette formation n’existe pas ou n’est pas encore publiée.');
  });

  it('refuses a bad document field by field, and changes nothing', async () => {
    const before = (await facilitator.get(`/api/courses/${SLUG}/draft`)).json();
    const bad = structuredClone(course) as typeof course & { chapters: { lessons: { title: string; id: string }[] }[] };
    bad.title = '';
    bad.chapters[0]!.lessons[2]!.id = 'lire';
    (bad.chapters[0]!.lessons[1] as { quiz: { questions: { choices: { correct: boolean }[] }[] } }).quiz.questions[0]!.choices[0]!.correct = true;
    const res = await facilitator.put(`/api/courses/${SLUG}/draft`, { document: bad, baseUpdatedAt: before.draftUpdatedAt });
    expect(res.statusCode).toBe(400);
    const fields = res.json().fields;
    expect(fields['document.title']).toBe('Saisissez le titre de la formation.');
    expect(fields['document.chapters.0.lessons.2.id']).toBe('L’identifiant « lire » est déjà utilisé dans cette formation.');
    expect(fields['document.chapters.0.lessons.1.quiz.questions.0.choices']).toMatch(/choix unique n’a qu’une bonne réponse/);
    expect((await facilitator.get(`/api/courses/${SLUG}/draft`)).json().draftUpdatedAt).toBe(before.draftUpdatedAt);
  });

  it('saves the draft, refuses a save over a later one, publishes version 1', async () => {
    const before = (await facilitator.get(`/api/courses/${SLUG}/draft`)).json();
    const saved = await facilitator.put(`/api/courses/${SLUG}/draft`, { document: course, baseUpdatedAt: before.draftUpdatedAt });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ publishedRevision: null, unpublishedChanges: true, draftUpdatedBy: 'Awa Animatrice' });
    const stale = await facilitator.put(`/api/courses/${SLUG}/draft`, { document: course, baseUpdatedAt: before.draftUpdatedAt });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toBe('COURSE_DRAFT_CONFLICT');
    expect((await learner.post(`/api/courses/${SLUG}/publish`, { note: '' })).statusCode).toBe(403);
    const published = await facilitator.post(`/api/courses/${SLUG}/publish`, { note: 'Première version.' });
    expect(published.json()).toEqual({ revision: 1 });
    const again = await facilitator.post(`/api/courses/${SLUG}/publish`, { note: '' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('COURSE_NOTHING_TO_PUBLISH');
    // 10 + 15 + 5 minutes, 3 lessons, 1 quiz.
    const listed = (await t.agent().get('/api/courses')).json().items.find((c: { slug: string }) => c.slug === SLUG);
    expect(listed).toMatchObject({ status: 'published', revision: 1, minutes: 30, lessonCount: 3, quizCount: 1, chapterCount: 1, progress: null });
  });
});

describe('learning (members)', () => {
  it('opens lessons in order only, and never hands out the right answers before answering', async () => {
    const outline = (await learner.get(`/api/courses/${SLUG}`)).json();
    expect(outline.progress).toMatchObject({ completedLessonIds: [], resumeLessonId: 'lire', completedCount: 0, lessonCount: 3, startedAt: null });
    const locked = await learner.get(`/api/courses/${SLUG}/lessons/quiz`);
    expect(locked.statusCode).toBe(403);
    expect(locked.json().message).toMatch(/terminé les précédentes/);
    expect((await learner.post(`/api/courses/${SLUG}/lessons/fin/read`)).statusCode).toBe(403);
    const visitor = await t.agent().get(`/api/courses/${SLUG}/lessons/quiz`);
    expect(visitor.statusCode).toBe(200);
    expect(visitor.body).not.toContain('correct');
    expect(visitor.body).not.toContain('Seuil en vigueur');
    const first = (await learner.get(`/api/courses/${SLUG}/lessons/lire`)).json();
    expect(first).toMatchObject({ position: 1, previousId: null, nextId: 'quiz', lesson: { practice: 'diagnostic', quiz: null }, learner: { completed: false } });
    expect(first.lesson.html).toContain('<strong>ses achats</strong>');
  });

  it('refuses completion forged through the API, and records nothing', async () => {
    const read = await learner.post(`/api/courses/${SLUG}/lessons/lire/read`);
    expect(read.json()).toEqual({ lessonCompleted: true, courseCompleted: false, nextId: 'quiz' });
    const forged = await learner.post(`/api/courses/${SLUG}/lessons/quiz/read`);
    expect(forged.statusCode).toBe(409);
    expect(forged.json().message).toBe('Cette leçon se termine en réussissant son quiz, pas en la lisant.');
    const unknown = await learner.post(`/api/courses/${SLUG}/lessons/quiz/quiz`, { answers: { q9: ['a'] } });
    expect(unknown.statusCode).toBe(400);
    const badChoice = await learner.post(`/api/courses/${SLUG}/lessons/quiz/quiz`, { answers: { q1: ['z'] } });
    expect(badChoice.statusCode).toBe(400);
    expect(badChoice.json().fields.q1).toBe('Cette réponse n’est pas proposée pour cette question.');
    const lesson = (await learner.get(`/api/courses/${SLUG}/lessons/quiz`)).json();
    expect(lesson.learner).toEqual({ completed: false, attempts: [], attemptsLeft: 2 });
  });

  it('fails then passes the quiz with explanations; the attempts are limited', async () => {
    // q1 wrong (a), q2 wrong (a only): 0 of 2, under 50 %.
    const failed = (await learner.post(`/api/courses/${SLUG}/lessons/quiz/quiz`, { answers: { q1: ['a'], q2: ['a'] } })).json();
    expect(failed).toMatchObject({ passed: false, rightCount: 0, questionCount: 2, percent: 0, passMark: 50, attemptsLeft: 1, lessonCompleted: false, proof: null });
    expect(failed.questions[0].choices).toEqual([
      { id: 'a', correct: false, explanation: 'C’était le seuil avant 2023.' },
      { id: 'b', correct: true, explanation: 'Seuil en vigueur depuis le 1er janvier 2023.' },
    ]);
    // q1 right (b), q2 wrong (a and b): 1 of 2 = 50 %, the pass mark.
    const passed = (await learner.post(`/api/courses/${SLUG}/lessons/quiz/quiz`, { answers: { q1: ['b'], q2: ['a', 'b'] } })).json();
    expect(passed).toMatchObject({ passed: true, rightCount: 1, percent: 50, attemptsLeft: 0, lessonCompleted: true, courseCompleted: false });
    const third = await learner.post(`/api/courses/${SLUG}/lessons/quiz/quiz`, { answers: { q1: ['b'], q2: ['a', 'c'] } });
    expect(third.statusCode).toBe(409);
    expect(third.json().error).toBe('QUIZ_NO_ATTEMPTS_LEFT');
    const outline = (await learner.get(`/api/courses/${SLUG}`)).json();
    expect(outline.progress).toMatchObject({ completedLessonIds: ['lire', 'quiz'], resumeLessonId: 'fin', completedAt: null });
  });

  it('gives no attestation before the end, then one with a random code, the same each time', async () => {
    const early = await learner.post(`/api/courses/${SLUG}/attestation`);
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toBe('L’attestation se délivre une fois toutes les leçons terminées.');
    expect((await learner.get(`/api/courses/${SLUG}/attestation.pdf`)).statusCode).toBe(409);
    // The clock stands still at 15:30:00 while the course ends and the attestation is issued: both
    // dates are that second however long the requests take on a loaded machine.
    const unfreeze = t.freezeClock();
    onTestFinished(unfreeze);
    t.clock.set(new Date('2026-12-07T15:30:00Z'));
    expect((await learner.post(`/api/courses/${SLUG}/lessons/fin/read`)).json()).toEqual({ lessonCompleted: true, courseCompleted: true, nextId: null });
    const res = await learner.post(`/api/courses/${SLUG}/attestation`);
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json();
    expect(a).toMatchObject({ learnerName: 'Lina Martin', courseTitle: 'Réussir son diagnostic', courseMinutes: 30, completedAt: expect.stringMatching(/^2026-12-07T15:30:00/) });
    expect(a.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(a.verifyUrl).toBe(`${t.deps.config.baseUrl}/attestations/${a.code}`);
    expect((await learner.post(`/api/courses/${SLUG}/attestation`)).json().code).toBe(a.code);

    const pdf = await learner.get(`/api/courses/${SLUG}/attestation.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText((pdf as unknown as { rawPayload: Buffer }).rawPayload);
    expect(text).toContain('Attestation de formation');
    expect(text).toContain('Lina Martin');
    expect(text).toContain('« Réussir son diagnostic »');
    expect(text).toContain('Terminée le 7 décembre 2026');
    expect(text).toContain(a.code);
    // Someone else's attestation is not theirs to download.
    expect((await other.get(`/api/courses/${SLUG}/attestation.pdf`)).statusCode).toBe(409);
  });

  it('verifies an attestation publicly, from the code as typed, and refuses an unknown code', async () => {
    const { code } = (await learner.post(`/api/courses/${SLUG}/attestation`)).json();
    const typed = code.toLowerCase().replace(/-/g, ' ');
    const res = await t.agent().get(`/api/public/attestations/${encodeURIComponent(typed)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ code, learnerName: 'Lina Martin', courseTitle: 'Réussir son diagnostic', courseMinutes: 30, completedAt: expect.stringMatching(/^2026-12-07T15:30:00/), issuedAt: expect.stringMatching(/^2026-12-07T15:30:00/) });
    const page = await t.agent().get(`/attestations/${code}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Attestation authentique');
    expect(page.body).toContain('Lina Martin');
    expect(page.body).toContain('noindex');
    const unknown = await t.agent().get('/api/public/attestations/AAAA-BBBB-CCCC-DDDD');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toMatch(/Aucune attestation ne porte ce code/);
    const unknownPage = await t.agent().get('/attestations/AAAA-BBBB-CCCC-DDDD');
    expect(unknownPage.statusCode).toBe(404);
    expect(unknownPage.body).toContain('Attestation introuvable');
  });
});

describe('a visitor’s progress carried into an account', () => {
  it('imports lessons read and quizzes passed with their proof, in order; a forged proof is refused', async () => {
    const visitor = t.agent();
    const passed = (await visitor.post(`/api/courses/${SLUG}/lessons/quiz/quiz`, { answers: { q1: ['b'], q2: ['a', 'c'] } })).json();
    expect(passed).toMatchObject({ passed: true, rightCount: 2, percent: 100, attemptsLeft: null });
    expect(passed.proof).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const failed = (await visitor.post(`/api/courses/${SLUG}/lessons/quiz/quiz`, { answers: { q1: ['a'] } })).json();
    expect(failed).toMatchObject({ passed: false, proof: null });

    const newcomer = (await t.loggedIn({ firstName: 'Nina', lastName: 'Nouvelle' })).agent;
    const res = await newcomer.post(`/api/courses/${SLUG}/progress/import`, { lessons: [{ lessonId: 'fin' }, { lessonId: 'lire' }, { lessonId: 'quiz', proof: passed.proof }] });
    expect(res.json()).toEqual({ imported: 3, refused: [] });
    expect((await newcomer.get(`/api/courses/${SLUG}`)).json().progress).toMatchObject({ completedCount: 3, resumeLessonId: null });

    const cheat = (await t.loggedIn({ firstName: 'Hugo', lastName: 'Faussaire' })).agent;
    const forged = await cheat.post(`/api/courses/${SLUG}/progress/import`, { lessons: [{ lessonId: 'lire' }, { lessonId: 'quiz', proof: `${passed.proof.split('.')[0]}.AAAA` }, { lessonId: 'fin' }, { lessonId: 'inconnue' }] });
    expect(forged.json()).toEqual({
      imported: 1,
      refused: [
        { lessonId: 'inconnue', reason: 'Leçon inconnue dans cette formation.' },
        { lessonId: 'quiz', reason: 'Le quiz de cette leçon est à repasser une fois connecté.' },
        { lessonId: 'fin', reason: 'Les leçons précédentes ne sont pas terminées.' },
      ],
    });
    expect((await cheat.post(`/api/courses/${SLUG}/attestation`)).statusCode).toBe(409);
  });
});

describe('revisions and follow-up', () => {
  it('a new version keeps what learners completed; the history lists both', async () => {
    const draft = (await facilitator.get(`/api/courses/${SLUG}/draft`)).json();
    const doc = structuredClone(draft.document);
    doc.chapters[0].lessons[2].title = 'Conclure et passer à l’action';
    expect((await facilitator.put(`/api/courses/${SLUG}/draft`, { document: doc, baseUpdatedAt: draft.draftUpdatedAt })).statusCode).toBe(200);
    expect((await facilitator.post(`/api/courses/${SLUG}/publish`, { note: 'Titre de la dernière leçon.' })).json()).toEqual({ revision: 2 });
    const history = (await facilitator.get(`/api/courses/${SLUG}/revisions`)).json();
    expect(history.items.map((r: { number: number; note: string; publishedBy: string }) => [r.number, r.note, r.publishedBy])).toEqual([
      [2, 'Titre de la dernière leçon.', 'Awa Animatrice'],
      [1, 'Première version.', 'Awa Animatrice'],
    ]);
    expect((await facilitator.get(`/api/courses/${SLUG}/revisions/1`)).json().document.chapters[0].lessons[2].title).toBe('Conclure');
    expect((await learner.get(`/api/courses/${SLUG}`)).json().progress).toMatchObject({ completedCount: 3, attestationCode: expect.any(String) });
    expect((await learner.get(`/api/courses/${SLUG}/revisions`)).statusCode).toBe(403);
  });

  it('lists a cohort’s participants, started or not, and exports the table as CSV', async () => {
    const now = t.clock.now();
    const [cohort] = await t.db.insert(cohorts).values({ name: 'Mission SPASER 4', edition: 4, startsOn: '2027-01-12', endsOn: '2027-06-30', capacity: 30, createdAt: now, updatedAt: now }).returning();
    await t.db.insert(cohortMembers).values([
      { cohortId: cohort!.id, userId: learnerId, role: 'participant', organisationId: orgId, calendarToken: 'learning-a', createdAt: now },
      { cohortId: cohort!.id, userId: otherId, role: 'participant', organisationId: orgId, calendarToken: 'learning-b', createdAt: now },
    ]);
    expect((await learner.get(`/api/courses/${SLUG}/learners`)).statusCode).toBe(403);
    const res = await facilitator.get(`/api/courses/${SLUG}/learners?cohort=${cohort!.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    // No session scheduled for this cohort: no « décollage » date to show.
    expect(report.cohort).toEqual({ id: cohort!.id, name: 'Mission SPASER 4', startsOn: '2027-01-12', firstSessionAt: null });
    expect(report.totals).toEqual({ learners: 2, started: 1, completed: 1, notStarted: 1 });
    // Sorted by last name: Diallo (not started), Martin (3 of 3).
    expect(report.rows.map((r: { name: string; completedCount: number; percent: number; startedAt: string | null; attestation: boolean }) => [r.name, r.completedCount, r.percent, r.startedAt !== null, r.attestation])).toEqual([
      ['Omar Diallo', 0, 0, false, false],
      ['Lina Martin', 3, 100, true, true],
    ]);
    const csv = await facilitator.get(`/api/courses/${SLUG}/learners.csv?cohort=${cohort!.id}`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Nom;Adresse e-mail;Organisations;Commencée le;Dernière activité;Leçons terminées;Leçons au total;Progression (%);Terminée le;Attestation');
    expect(lines[1]).toMatch(/^Omar Diallo;[^;]+;Ville de Vannes;;;0;3;0;;non$/);
    expect(lines[2]).toMatch(/^Lina Martin;[^;]+;Ville de Vannes;2026-12-07;2026-12-07;3;3;100;2026-12-07;oui$/);
    // All learners (no cohort): the three who started.
    expect((await facilitator.get(`/api/courses/${SLUG}/learners`)).json().totals).toEqual({ learners: 3, started: 3, completed: 2, notStarted: 0 });
  });
});

describe('personal data', () => {
  it('exports a learner’s progress, attempts and attestation; erasing the account erases them, and the code no longer verifies', async () => {
    const { code } = (await learner.post(`/api/courses/${SLUG}/attestation`)).json();
    const exported = (await learner.get('/api/me/export')).json().learning;
    expect(exported.courses.map((c: { course: string }) => c.course)).toEqual([SLUG]);
    expect(exported.lessonsCompleted.map((l: { lessonId: string; via: string }) => [l.lessonId, l.via])).toEqual([
      ['lire', 'read'],
      ['quiz', 'quiz'],
      ['fin', 'read'],
    ]);
    // The failed attempt then the passed one, with the answers ticked.
    expect(exported.quizAttempts.map((a: { answers: unknown; passed: boolean }) => [a.answers, a.passed])).toEqual([
      [{ q1: ['a'], q2: ['a'] }, false],
      [{ q1: ['b'], q2: ['a', 'b'] }, true],
    ]);
    expect(exported.attestations.map((a: { code: string; learnerName: string }) => [a.code, a.learnerName])).toEqual([[code, 'Lina Martin']]);
    expect((await learner.post('/api/me/delete', { password: PASSWORD, confirm: true })).statusCode).toBe(200);
    expect((await t.agent().get(`/api/public/attestations/${code}`)).statusCode).toBe(404);
    // The facilitator's follow-up no longer lists her.
    expect((await facilitator.get(`/api/courses/${SLUG}/learners`)).json().rows.map((r: { name: string }) => r.name)).not.toContain('Lina Martin');
  });
});

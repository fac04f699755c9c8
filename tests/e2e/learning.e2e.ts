import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './platform.js';
import { firstCourse } from '../../src/server/learning/first-course.js';
import { pdfText } from '../helpers/pdf.js';
import { call, DEMO_PASSWORD, expectAccessible, expectNoHorizontalOverflow, logIn, signedIn } from './support.js';

// Issue 22: the first course, as a visitor then as a member — start, leave, « Reprendre » opens the
// right lesson (the visitor's progress carried into the account), fail then pass a quiz, the
// attestation's PDF (its text read back) and its verification without JavaScript; then the
// facilitators' follow-up. Lesson ids and right answers come from the repository's course.

const LEARNER = 'aurelie.roux@grenoble.example';
const STAFF = 'animation@entraide.example';
const COURSE = `/formations/${firstCourse.slug}`;
const lessons = firstCourse.chapters.flatMap((c) => c.lessons);
const firstQuiz = lessons.findIndex((l) => l.quiz);
const rightAnswers = (l: (typeof lessons)[number]) => Object.fromEntries(l.quiz!.questions.map((q) => [q.id, q.choices.filter((c) => c.correct).map((c) => c.id)]));

async function readLesson(page: Page, title: string) {
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  // Read to the end: reaching the end of the lesson (after scrolling) completes it.
  await page.getByText('La leçon est marquée comme lue quand vous arrivez à sa fin.').scrollIntoViewIfNeeded();
  await expect(page.getByRole('status').filter({ hasText: 'Leçon terminée' })).toBeVisible();
}

test('issue 22: a course from a visitor’s first lesson to a verified attestation', async ({ page, browser }) => {
  test.setTimeout(240_000);
  // A visitor starts the course.
  await page.goto('/');
  await page.getByRole('link', { name: 'Formations', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Formations' })).toBeVisible();
  await expectAccessible(page, 'catalogue des formations');
  await page.getByRole('link', { name: firstCourse.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: firstCourse.title })).toBeVisible();
  await expect(page.getByText('Progression : 0 leçon terminée sur 16')).toBeVisible();
  await expectAccessible(page, 'programme de la formation');
  await page.getByRole('link', { name: 'Commencer' }).click();
  await expect(page).toHaveURL(new RegExp(`${COURSE}/lecons/${lessons[0]!.id}$`));
  await expect(page.getByRole('heading', { level: 2, name: 'Sources' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Pour aller plus loin' })).toBeVisible();
  await expectAccessible(page, 'leçon 1 (visiteur)');
  await readLesson(page, lessons[0]!.title);
  // The order is enforced: the third lesson is locked for this visitor.
  await page.goto(`${COURSE}/lecons/${lessons[2]!.id}`);
  await expect(page.getByText('Cette leçon s’ouvrira quand vous aurez terminé les précédentes.')).toBeVisible();

  // They leave, log in: the lesson read joins the account, « Reprendre » opens the second lesson.
  await logIn(page, LEARNER, DEMO_PASSWORD);
  await expect(page.getByRole('link', { name: 'Mon profil' }).first()).toBeVisible();
  // Said on the page they land on, whichever it is.
  await expect(page.getByRole('status').filter({ hasText: '1 leçon suivie avant la connexion a rejoint votre compte.' })).toBeVisible();
  await page.goto(COURSE);
  await expect(page.getByText('Progression : 1 leçon terminée sur 16')).toBeVisible();
  await page.getByRole('link', { name: 'Reprendre' }).click();
  await expect(page).toHaveURL(new RegExp(`${COURSE}/lecons/${lessons[1]!.id}$`));

  // Through the lessons up to the first quiz, with « Leçon suivante ».
  for (let i = 1; i < firstQuiz; i++) {
    await readLesson(page, lessons[i]!.title);
    await page.getByRole('link', { name: 'Leçon suivante' }).click();
  }
  const quizLesson = lessons[firstQuiz]!;
  await expect(page.getByRole('heading', { level: 1, name: quizLesson.title })).toBeVisible();
  // Fail: the first wrong answer to every question.
  for (const [qi, q] of quizLesson.quiz!.questions.entries()) {
    const group = page.getByRole('group', { name: new RegExp(`^${qi + 1}\\. `) });
    await group.getByText(q.choices.find((c) => !c.correct)!.label, { exact: true }).click();
  }
  await page.getByRole('button', { name: 'Valider mes réponses' }).click();
  await expect(page.getByText(/^Pas encore : 0 bonne réponse sur/)).toBeVisible();
  // Each answer's explanation is shown.
  const explained = quizLesson.quiz!.questions[0]!.choices[0]!.explanation;
  await expect(page.getByText(explained, { exact: false }).first()).toBeVisible();
  await expectAccessible(page, 'quiz échoué');
  await page.getByRole('button', { name: 'Repasser le quiz' }).click();
  for (const [qi, q] of quizLesson.quiz!.questions.entries()) {
    const group = page.getByRole('group', { name: new RegExp(`^${qi + 1}\\. `) });
    for (const c of q.choices.filter((x) => x.correct)) await group.getByText(c.label, { exact: true }).click();
  }
  await page.getByRole('button', { name: 'Valider mes réponses' }).click();
  const n = quizLesson.quiz!.questions.length;
  await expect(page.getByText(`Quiz réussi : ${n} bonnes réponses sur ${n} (100 %).`)).toBeVisible();
  await expectAccessible(page, 'quiz réussi');

  // The rest of the course through the same API calls the pages make (reading, and passing each quiz).
  for (const l of lessons.slice(firstQuiz + 1)) {
    await call(page, 'GET', `/api/courses/${firstCourse.slug}/lessons/${l.id}`);
    if (l.quiz) expect((await call(page, 'POST', `/api/courses/${firstCourse.slug}/lessons/${l.id}/quiz`, { answers: rightAnswers(l) })).passed).toBe(true);
    else await call(page, 'POST', `/api/courses/${firstCourse.slug}/lessons/${l.id}/read`, {});
  }

  // The attestation: issued, downloaded, its text read back.
  await page.goto(COURSE);
  await expect(page.getByText('Formation terminée').or(page.getByText('Progression : 16 leçons terminées sur 16'))).toBeVisible();
  await page.getByRole('button', { name: 'Obtenir mon attestation' }).click();
  const codeText = await page.getByText(/^Code de vérification : /).textContent();
  const code = codeText!.replace('Code de vérification : ', '').trim();
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expectAccessible(page, 'formation terminée, attestation');
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger l’attestation (PDF)' }).click()]);
  const text = await pdfText(fs.readFileSync((await file.path())!));
  expect(text).toContain('Attestation de formation');
  expect(text).toContain('Aurélie Roux');
  expect(text).toContain(`« ${firstCourse.title} »`);
  expect(text).toMatch(/Terminée le \d{1,2}(er)? [a-zéû]+ 20\d\d/);
  // The PDF's text as pdf.js reads it back: some letter pairs of the code are spaced by kerning, and
  // pdf.js then reads a space between them (« 39Q J »): the code is compared without spaces.
  const compact = text.replace(/\s+/g, '');
  expect(compact).toContain(code);
  expect(compact).toContain(`/attestations/${code}`);

  // The verification page, with JavaScript disabled: the server's page confirms name, course, date.
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const verifier = await noJs.newPage();
  const res = await verifier.goto(`/attestations/${code}`);
  expect(res!.status()).toBe(200);
  await expect(verifier.getByRole('heading', { level: 1, name: 'Vérification d’une attestation' })).toBeVisible();
  await expect(verifier.getByText('Attestation authentique')).toBeVisible();
  await expect(verifier.getByText('Aurélie Roux')).toBeVisible();
  await expect(verifier.getByText(firstCourse.title)).toBeVisible();
  const unknown = await verifier.goto('/attestations/AAAA-BBBB-CCCC-DDDD');
  expect(unknown!.status()).toBe(404);
  await expect(verifier.getByRole('heading', { level: 1, name: 'Attestation introuvable' })).toBeVisible();
  await noJs.close();
  // The same page with JavaScript, for axe, and at 375 px.
  await page.goto(`/attestations/${code}`);
  await expect(page.getByText('Attestation authentique')).toBeVisible();
  await expectAccessible(page, 'vérification de l’attestation');
  await page.setViewportSize({ width: 375, height: 800 });
  await expectNoHorizontalOverflow(page, 'vérification à 375 px');
  await page.setViewportSize({ width: 1280, height: 800 });

  // « Mes formations » lists it, finished.
  await page.goto('/mes-formations');
  await expect(page.getByRole('link', { name: firstCourse.title })).toBeVisible();
  await expectAccessible(page, 'mes formations');

  // The facilitators' follow-up: the running cohort's participants, Marc (Ajaccio) not started.
  await signedIn(page, STAFF);
  await page.goto(`${COURSE}/suivi`);
  await expect(page.getByRole('heading', { level: 1, name: `Suivi de « ${firstCourse.title} »` })).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.getByRole('row', { name: /Aurélie Roux/ })).toContainText('100 %');
  await expectAccessible(page, 'suivi des apprenants');
  await page.getByLabel('Promotion').selectOption({ label: 'Mission SPASER — édition 2' });
  await page.getByRole('button', { name: 'Afficher' }).click();
  await expect(table.getByRole('row', { name: /Marc Rossi/ })).toContainText('Pas commencée');
  await expect(table.getByRole('row', { name: /Claire Martin/ })).toContainText('100 %');
  await expectAccessible(page, 'suivi d’une promotion');
});

import type { Locator, Page } from '@playwright/test';
import { expect, test } from './platform.js';
import { call, expectAccessible, expectNoHorizontalOverflow, signedIn } from './support.js';

// Issue 22, the facilitators' side: a course created from the catalogue, written in the editor (two
// lessons, a quiz, a source), reordered with the keyboard, a refused save kept in the browser, two
// publications and their history, the editor and the history at 375 px, and a reorder with the mouse.

const STAFF = 'animation@entraide.example';
const TITLE = 'Accueillir un nouvel acheteur';
const SLUG = 'accueillir-un-nouvel-acheteur';
const EDITOR = `/formations/${SLUG}/modifier`;
const HISTORY = `/formations/${SLUG}/historique`;
// What the new course starts with (the server's starter document).
const CHAPTER = 'Premier chapitre';
const STARTER_LESSON = 'Première leçon';

const first = { title: 'Présenter la plateforme', body: 'La plateforme réunit les acheteurs publics qui construisent leur **SPASER**.' };
const second = {
  title: 'Prendre contact avec l’acheteur',
  minutes: '15',
  body: 'Un premier appel dans la semaine qui suit l’inscription :\n\n- écouter ses besoins ;\n- présenter les formations.',
  question: 'Quand appeler un nouvel acheteur ?',
  right: { label: 'Dans la semaine qui suit son inscription', explanation: 'Le premier contact se fait tant que l’inscription est récente.' },
  wrong: { label: 'Au bout de six mois', explanation: 'Trop tard : l’acheteur a pu se décourager entre-temps.' },
  source: { label: 'Guide de l’accueil des membres', url: 'https://www.example.org/guide-accueil' },
};
const NOTE_1 = 'Première version : l’accueil en deux leçons.';
const renamed = 'Présenter la plateforme et ses outils';
const NOTE_2 = 'Titre de la leçon sur la plateforme précisé.';

/** The lessons of the (only) chapter, in the editor, in their order on the page. */
const lessonItems = (page: Page) => page.getByRole('list', { name: `Leçons du chapitre — ${CHAPTER}` }).locator(':scope > li');
const lessonHeadings = (page: Page) => lessonItems(page).getByRole('heading', { level: 4 });

/** Opens a lesson's fields (its « Contenu de la leçon … » button) unless they are open. */
async function openLesson(item: Locator, name: string) {
  const toggle = item.getByRole('button', { name: `Contenu de la leçon « ${name} »` });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
}

async function serverDraft(page: Page) {
  return (await call(page, 'GET', `/api/courses/${SLUG}/draft`)) as { document: { title: string; chapters: { title: string; lessons: { id: string; title: string; durationMinutes: number; body: string; sources: { label: string; url: string }[]; quiz: unknown }[] }[] } };
}

test('issue 22: a facilitator writes, reorders, publishes and reviews a course', async ({ page }) => {
  test.setTimeout(240_000);
  await signedIn(page, STAFF);

  // 1. From the catalogue to the new course's form; an empty form is refused field by field.
  await page.goto('/formations');
  await page.getByRole('link', { name: 'Créer une formation' }).click();
  await expect(page).toHaveURL(/\/formations\/nouvelle$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Créer une formation' })).toBeVisible();
  await expectAccessible(page, 'nouvelle formation');
  await page.getByRole('button', { name: 'Créer le brouillon' }).click();
  const newSummary = page.locator('.entraide-focus-target').filter({ hasText: 'Certains champs sont invalides : corrigez-les puis recommencez.' });
  await expect(newSummary).toBeFocused();
  await expect(page.getByRole('link', { name: 'Titre de la formation : Saisissez le titre de la formation.' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Présentation : Saisissez la présentation de la formation.' })).toBeVisible();
  await expect(page.getByLabel('Titre de la formation')).toHaveAccessibleDescription(/^Saisissez le titre de la formation\./);
  await expect(page.getByLabel('Présentation')).toHaveAccessibleDescription(/^Saisissez la présentation de la formation\./);
  await expect(page).toHaveURL(/\/formations\/nouvelle$/);
  await page.getByLabel('Titre de la formation').fill(TITLE);
  await page.getByLabel('Présentation').fill('Les gestes de l’équipe d’animation quand un acheteur public rejoint la plateforme.');
  await page.getByRole('button', { name: 'Créer le brouillon' }).click();
  await expect(page).toHaveURL(new RegExp(`${EDITOR}$`));
  await expect(page.getByRole('heading', { level: 1, name: `Modifier « ${TITLE} »` })).toBeVisible();
  await expect(page.getByText('Formation créée en brouillon : écrivez maintenant ses chapitres et ses leçons.')).toBeVisible();
  await expect(page.getByText('Cette formation n’a jamais été publiée : seule l’équipe d’animation la voit.')).toBeVisible();
  await expect(lessonHeadings(page)).toHaveText([`Leçon 1 : ${STARTER_LESSON}`]);
  await expectAccessible(page, 'éditeur de la nouvelle formation');

  // 2. The first lesson renamed and written; a second lesson with a duration, a body, a quiz and a source.
  const lesson1 = lessonItems(page).nth(0);
  await openLesson(lesson1, STARTER_LESSON);
  await lesson1.getByLabel('Titre de la leçon').fill(first.title);
  await lesson1.getByLabel('Contenu (Markdown)').fill(first.body);
  await expect(lesson1.getByRole('heading', { level: 4 })).toHaveText(`Leçon 1 : ${first.title}`);

  await page.getByRole('button', { name: `Ajouter une leçon au chapitre « ${CHAPTER} »` }).click();
  await expect(lessonItems(page)).toHaveCount(2);
  const lesson2 = lessonItems(page).nth(1);
  // The new lesson opens with the focus in its title.
  await expect(lesson2.getByLabel('Titre de la leçon')).toBeFocused();
  await expect(lesson2.getByRole('heading', { level: 4 })).toHaveText('Leçon 2 : sans titre');
  await lesson2.getByLabel('Titre de la leçon').fill(second.title);
  await lesson2.getByLabel('Durée estimée (minutes)').fill(second.minutes);
  await lesson2.getByLabel('Contenu (Markdown)').fill(second.body);
  await lesson2.getByRole('button', { name: 'Ajouter un quiz' }).click();
  await expect(lesson2.getByLabel('Seuil de réussite (%)')).toBeFocused();
  await lesson2.getByLabel('Question', { exact: true }).fill(second.question);
  await lesson2.getByLabel('Réponse 1', { exact: true }).fill(second.right.label);
  // The DSFR draws the box on the label, which takes the click.
  await lesson2.locator('label').filter({ hasText: /^Juste \(Réponse 1\)$/ }).click();
  await expect(lesson2.getByRole('checkbox', { name: 'Juste (Réponse 1)' })).toBeChecked();
  await lesson2.getByLabel('Réponse 1 — Explication').fill(second.right.explanation);
  await lesson2.getByLabel('Réponse 2', { exact: true }).fill(second.wrong.label);
  await lesson2.getByLabel('Réponse 2 — Explication').fill(second.wrong.explanation);
  await expect(lesson2.getByRole('checkbox', { name: 'Juste (Réponse 2)' })).not.toBeChecked();
  await lesson2.getByRole('button', { name: 'Ajouter une source' }).click();
  await expect(lesson2.getByLabel('Source 1 — Nom de la source')).toBeFocused();
  await lesson2.getByLabel('Source 1 — Nom de la source').fill(second.source.label);
  await lesson2.getByLabel('Source 1 — Adresse de la source').fill(second.source.url);
  await expect(lesson2.getByText(`${second.minutes} min · Quiz`)).toBeVisible();

  // Reordered with the keyboard: « Monter » on the second lesson, Enter.
  await lesson2.getByRole('button', { name: `Monter « ${second.title} »` }).focus();
  await page.keyboard.press('Enter');
  await expect(lessonHeadings(page)).toHaveText([`Leçon 1 : ${second.title}`, `Leçon 2 : ${first.title}`]);
  // The moved lesson is first now: it has no « Monter » any more, the focus is on its « Descendre ».
  await expect(lessonItems(page).nth(0).getByRole('button', { name: `Descendre « ${second.title} »` })).toBeFocused();
  await expect(lessonItems(page).nth(0).getByRole('button', { name: `Monter « ${second.title} »` })).toHaveCount(0);

  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Brouillon enregistré.' })).toBeVisible();
  const saved = await serverDraft(page);
  expect(saved.document.chapters[0]!.lessons.map((l) => l.title)).toEqual([second.title, first.title]);
  expect(saved.document.chapters[0]!.lessons[0]).toMatchObject({
    durationMinutes: Number(second.minutes),
    body: second.body,
    sources: [second.source],
    quiz: {
      passMark: 70,
      maxAttempts: null,
      questions: [
        {
          prompt: second.question,
          multiple: false,
          choices: [
            { label: second.right.label, correct: true, explanation: second.right.explanation },
            { label: second.wrong.label, correct: false, explanation: second.wrong.explanation },
          ],
        },
      ],
    },
  });
  expect(saved.document.chapters[0]!.lessons[1]).toMatchObject({ body: first.body, quiz: null });

  // 3. A lesson without a title: refused, with the summary and the field's message; nothing is saved.
  const top = lessonItems(page).nth(0);
  await top.getByLabel('Titre de la leçon').fill('');
  await expect(top.getByRole('heading', { level: 4 })).toHaveText('Leçon 1 : sans titre');
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  const summary = page.locator('.entraide-focus-target').filter({ hasText: 'Le brouillon n’est pas enregistré : corrigez les champs signalés.' });
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  // The link names the lesson as its heading does.
  const summaryLink = summary.getByRole('link');
  await expect(summaryLink).toHaveText(['Leçon 1 : sans titre — Titre de la leçon : Saisissez le titre de la leçon.']);
  await expect(top.getByLabel('Titre de la leçon')).toHaveAccessibleDescription(/^Saisissez le titre de la leçon\./);
  await expect(top.getByLabel('Titre de la leçon')).toHaveAttribute('aria-invalid', 'true');
  // The summary's link takes the focus to the field.
  await summaryLink.click();
  await expect(top.getByLabel('Titre de la leçon')).toBeFocused();
  expect((await serverDraft(page)).document.chapters[0]!.lessons[0]!.title).toBe(second.title);

  // Reloaded: the copy kept in this browser comes back, and says so; the server still has the title.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: `Modifier « ${TITLE} »` })).toBeVisible();
  await expect(page.getByText('Brouillon restauré')).toBeVisible();
  await expect(page.getByText('Vos modifications non enregistrées ont été reprises depuis ce navigateur.')).toBeVisible();
  await expect(lessonHeadings(page)).toHaveText(['Leçon 1 : sans titre', `Leçon 2 : ${first.title}`]);
  await expect(page.getByText('Modifications gardées dans ce navigateur en attendant l’enregistrement.')).toBeVisible();
  expect((await serverDraft(page)).document.chapters[0]!.lessons[0]!.title).toBe(second.title);
  // Fixed, then saved.
  const restoredTop = lessonItems(page).nth(0);
  await openLesson(restoredTop, 'Leçon 1');
  await expect(restoredTop.getByLabel('Titre de la leçon')).toHaveValue('');
  await restoredTop.getByLabel('Titre de la leçon').fill(second.title);
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Brouillon enregistré.' })).toBeVisible();
  await expect(page.getByText('Brouillon restauré')).toHaveCount(0);
  await expect(page.getByText('Le brouillon n’est pas enregistré : corrigez les champs signalés.')).toHaveCount(0);
  expect((await serverDraft(page)).document.chapters[0]!.lessons.map((l) => l.title)).toEqual([second.title, first.title]);

  // 4. Version 1, published with a note; the catalogue lists the course, its page shows the new order.
  await page.getByLabel('Ce qui change (pour l’historique)').fill(NOTE_1);
  await page.getByRole('button', { name: 'Publier' }).click();
  await expect(page.getByRole('heading', { name: 'Version 1 publiée : les apprenants la lisent désormais.' })).toBeVisible();
  await expect(page.getByText('Le brouillon est identique à la version publiée.')).toBeVisible();
  await page.goto('/formations');
  await expect(page.getByRole('heading', { level: 1, name: 'Formations' })).toBeVisible();
  await page.getByRole('link', { name: TITLE }).click();
  await expect(page).toHaveURL(new RegExp(`/formations/${SLUG}$`));
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  const outline = page.getByRole('region', { name: new RegExp(`^Chapitre 1 — ${CHAPTER}`) }).getByRole('listitem');
  await expect(outline).toHaveCount(2);
  await expect(outline.nth(0)).toContainText(second.title);
  await expect(outline.nth(0)).toContainText(`${second.minutes} min`);
  await expect(outline.nth(0)).toContainText('Quiz');
  await expect(outline.nth(1)).toContainText(first.title);

  // Version 2: a lesson renamed, saved, published.
  await page.goto(EDITOR);
  await expect(page.getByRole('heading', { level: 1, name: `Modifier « ${TITLE} »` })).toBeVisible();
  await openLesson(lessonItems(page).nth(1), first.title);
  await lessonItems(page).nth(1).getByLabel('Titre de la leçon').fill(renamed);
  await expect(page.getByText('Le brouillon a des modifications non publiées.')).toBeVisible();
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Brouillon enregistré.' })).toBeVisible();
  await page.getByLabel('Ce qui change (pour l’historique)').fill(NOTE_2);
  await page.getByRole('button', { name: 'Publier' }).click();
  await expect(page.getByRole('heading', { name: 'Version 2 publiée : les apprenants la lisent désormais.' })).toBeVisible();
  await expectAccessible(page, 'éditeur après la version 2');

  // The history: versions 2 then 1, with their notes; version 1's content has its own lesson titles.
  await page.getByRole('link', { name: 'Historique des versions' }).click();
  await expect(page).toHaveURL(new RegExp(`${HISTORY}$`));
  await expect(page.getByRole('heading', { level: 1, name: `Historique de « ${TITLE} »` })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^Version \d+$/ })).toHaveText(['Version 2', 'Version 1']);
  const v2 = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: 'Version 2' }) });
  const v1 = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: 'Version 1' }) });
  await expect(v2).toContainText(NOTE_2);
  await expect(v1).toContainText(NOTE_1);
  await expect(v1).toContainText('2 leçons · 25 min');
  await v1.getByRole('button', { name: 'Voir le contenu (Version 1)' }).click();
  await expect(v1.getByRole('button', { name: 'Voir le contenu (Version 1)' })).toHaveAttribute('aria-expanded', 'true');
  await expect(v1.getByText(`Chapitre 1 : ${CHAPTER}`)).toBeVisible();
  const v1Lessons = v1.getByRole('list').getByRole('list').getByRole('listitem');
  await expect(v1Lessons).toHaveText([`${second.title} (${second.minutes} min, avec quiz)`, `${first.title} (10 min)`]);
  await expect(v1.getByText(renamed)).toHaveCount(0);
  await expectAccessible(page, 'historique des versions');

  // 5. At 375 px: the history, then the editor with both lessons open, without a sideways scroll.
  await page.setViewportSize({ width: 375, height: 800 });
  await expectNoHorizontalOverflow(page, 'historique à 375 px');
  await page.goto(EDITOR);
  await expect(page.getByRole('heading', { level: 1, name: `Modifier « ${TITLE} »` })).toBeVisible();
  await openLesson(lessonItems(page).nth(0), second.title);
  await openLesson(lessonItems(page).nth(1), renamed);
  await expectNoHorizontalOverflow(page, 'éditeur à 375 px');
  await page.setViewportSize({ width: 1280, height: 800 });

  // 6. With the mouse: the second lesson's handle dropped on the first lesson swaps them.
  await page.reload();
  await expect(lessonHeadings(page)).toHaveText([`Leçon 1 : ${second.title}`, `Leçon 2 : ${renamed}`]);
  await lessonItems(page).nth(1).getByTitle('Glisser pour déplacer').dragTo(lessonItems(page).nth(0));
  await expect(lessonHeadings(page)).toHaveText([`Leçon 1 : ${renamed}`, `Leçon 2 : ${second.title}`]);
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Brouillon enregistré.' })).toBeVisible();
  expect((await serverDraft(page)).document.chapters[0]!.lessons.map((l) => l.title)).toEqual([renamed, second.title]);
});

import { expect, test } from './platform.js';
import { expectAccessible, signedIn } from './support.js';

// Issue 23, item 10 in the browser, on the demo's running cohort (« édition 2 »): Claire, a participant
// of Groupe A, goes from the cohort page to its co-development page, then from the cohort's programme to
// her group's past session and its summary sheet; a workshop of the programme opens its agenda page.
// Read only (other journeys use Claire). Axe on every page.
const CLAIRE = 'claire.martin@lyon.example';
const COHORT = 'Mission SPASER — édition 2';
const SUBJECT = 'Associer les élus à la gouvernance du SPASER';

test('the running cohort: its co-development page, a past session with its sheet, each session opening its page', async ({ page }) => {
  test.setTimeout(180_000);
  await signedIn(page, CLAIRE);
  await page.goto('/promotions');
  await page.getByRole('link', { name: COHORT }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: COHORT })).toBeVisible();
  const cohortUrl = page.url();

  await page.getByRole('link', { name: 'Codéveloppement : groupes et séances' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Codéveloppement — ${COHORT}` })).toBeVisible();
  await expect(page.getByText('Groupe A').first()).toBeVisible();
  await expect(page.getByText(SUBJECT).first()).toBeVisible();
  await expectAccessible(page, 'codéveloppement de la promotion (participante)');

  // From the programme, the past co-development session opens its own page, then its sheet.
  await page.goto(cohortUrl);
  await page.getByRole('link', { name: `Codéveloppement — Groupe A : ${SUBJECT}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Séance : ${SUBJECT}` })).toBeVisible();
  await expectAccessible(page, 'séance passée du groupe A');
  await page.getByRole('link', { name: 'Voir la fiche récapitulative' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Fiche récapitulative : ${SUBJECT}` })).toBeVisible();
  await expect(page.getByText('Un élu référent par axe', { exact: false }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: /Télécharger la fiche \(PDF\)/ })).toBeVisible();
  await expectAccessible(page, 'fiche récapitulative de la démonstration');

  // Another session of the programme opens its agenda page.
  await page.goto(cohortUrl);
  await page.getByRole('link', { name: 'Atelier indicateurs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Atelier indicateurs' })).toBeVisible();
});

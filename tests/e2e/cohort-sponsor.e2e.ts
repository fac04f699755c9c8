import { expect, test } from './platform.js';
import { expectAccessible, expectNoHorizontalOverflow, signedIn } from './support.js';

// Issue 23, item 3 in the browser, on the demo's running cohort (« édition 2 »): Claire, a participant,
// opens « Parrainage » from the cohort page, finds Nathalie's story, the first office hour « Réservé »
// and books the second, then asks a question (an empty one first: the error is said on the field);
// Nathalie, the sponsor, at 375 px, sees who booked and answers the question waiting. Every page
// visited passes axe. Not Marc Rossi's account (the accounts journey resets his password).
const SPONSOR = 'nathalie.petit@bordeaux.example';
const PARTICIPANT = 'claire.martin@lyon.example';
const COHORT = 'Mission SPASER — édition 2';

test('sponsor page: story, office hours booked, a question asked and answered', async ({ page }) => {
  test.setTimeout(240_000);
  const question = `Comment avez-vous choisi vos trois priorités d’achat ? (${Date.now()})`;
  await signedIn(page, PARTICIPANT);
  await page.goto('/promotions');
  await page.getByRole('link', { name: COHORT }).first().click();
  await page.getByRole('link', { name: 'Parrainage : questions et permanences' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Parrainage — ${COHORT}` })).toBeVisible();
  const nathalie = page.getByRole('article', { name: 'Nathalie Petit' });
  await expect(nathalie.getByText('Bordeaux Métropole a adopté son SPASER')).toBeVisible();
  await expect(nathalie.getByText(/Réservé$/).first()).toBeVisible();
  await expectAccessible(page, 'parrainage, participant');
  await nathalie.getByRole('button', { name: /Réserver ce créneau/ }).first().click();
  await expect(page.getByText('Vous avez réservé ce créneau.')).toBeVisible();

  await page.getByRole('button', { name: 'Envoyer la question' }).click();
  await expect(page.getByText('Saisissez votre question.').first()).toBeVisible();
  await expectAccessible(page, 'parrainage, question vide');
  await page.getByLabel('Votre question').fill(question);
  await page.locator('#sponsor-question-themes').getByLabel('Gouvernance', { exact: true }).check({ force: true });
  await page.getByRole('button', { name: 'Envoyer la question' }).click();
  await expect(page.getByText('Question envoyée aux parrains et marraines.')).toBeVisible();
  await expect(page.getByText(question)).toBeVisible();

  // The sponsor, on a phone-sized screen.
  await signedIn(page, SPONSOR);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/promotions');
  await page.getByRole('link', { name: COHORT }).first().click();
  await page.getByRole('link', { name: 'Parrainage : questions et permanences' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Parrainage — ${COHORT}` })).toBeVisible();
  await expect(page.getByText('Réservé par : Claire Martin')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Résultats de la promotion (synthèse)' })).toBeVisible();
  await expectNoHorizontalOverflow(page, 'parrainage à 375 px');
  await expectAccessible(page, 'parrainage, marraine');
  const card = page.locator('article', { hasText: question });
  await card.getByLabel('Votre réponse').fill('Avec le diagnostic : les familles d’achat les plus importantes **et** qui se renouvellent dans l’année.');
  await card.getByRole('button', { name: /^Répondre/ }).click();
  await expect(card.getByText(/Réponse de Nathalie Petit/)).toBeVisible();
  await expect(card.getByText('Réponse publiée.')).toBeVisible();
  await expectAccessible(page, 'parrainage, réponse publiée');
});

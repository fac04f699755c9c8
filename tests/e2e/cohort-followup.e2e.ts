import { expect, test } from './platform.js';
import { expectAccessible, signedIn } from './support.js';

// Issue 23, items 1–2 in the browser, on the demo's running cohort (« édition 2 »): a participant edits
// her « carte d'identité » (errors per field, draft kept over a reload) and finds it in the
// trombinoscope; the facilitator opens « Suivi des participants » at 375 px, switches to « Qui a
// besoin d'aide », finds the participant absent at both past sessions and sends her a message.
// Every page visited passes axe. Not Marc Rossi's account (the accounts journey resets his password):
// he is only the flagged row here.
const FACILITATOR = 'animation@entraide.example';
const PARTICIPANT = 'sophie.durand@nantes.example';
const COHORT = 'Mission SPASER — édition 2';

test('décollage card, trombinoscope, follow-up with « qui a besoin d’aide » and a message', async ({ page }) => {
  test.setTimeout(240_000);
  // A new sentence each run: a retry must still find a draft that differs from the saved card.
  const need = `Des retours d’expérience sur la concertation avec les élus (${Date.now()}).`;
  await signedIn(page, PARTICIPANT);
  await page.goto('/promotions');
  await page.getByRole('link', { name: COHORT }).first().click();
  await expect(page.getByRole('heading', { name: 'Trombinoscope de la promotion' })).toBeVisible();
  await page.getByRole('link', { name: "Modifier ma carte d'identité" }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Ma carte d'identité/ })).toBeVisible();
  await page.getByLabel('Ce dont vous avez besoin').fill('');
  await page.getByRole('button', { name: 'Enregistrer ma carte' }).click();
  await expect(page.getByText('Dites ce dont vous avez besoin.').first()).toBeVisible();
  await expectAccessible(page, 'carte d’identité, erreurs');
  await page.getByLabel('Ce dont vous avez besoin').fill(need);
  await page.reload();
  await expect(page.getByText('Brouillon restauré')).toBeVisible();
  await expect(page.getByLabel('Ce dont vous avez besoin')).toHaveValue(need);
  await page.getByRole('button', { name: 'Enregistrer ma carte' }).click();
  await expect(page.getByText('Votre carte est enregistrée')).toBeVisible();
  await expectAccessible(page, 'carte d’identité, enregistrée');
  await page.getByRole('link', { name: 'Retour à la promotion' }).click();
  await expect(page.getByText(need)).toBeVisible();
  await expectAccessible(page, 'promotion, trombinoscope');

  // The facilitator, on a phone-sized screen.
  await signedIn(page, FACILITATOR);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/promotions');
  await page.getByRole('link', { name: COHORT }).first().click();
  await expect(page.getByText("N'ont pas rempli leur carte")).toBeVisible();
  await page.getByRole('link', { name: 'Suivi des participants' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Suivi des participants/ })).toBeVisible();
  // Ten participants: Claire, Sophie, Marc and the seven of the co-development groups (issue 23, item 10).
  await expect(page.getByRole('table', { name: /Suivi des participants \(10\)/ })).toBeVisible();
  await expectAccessible(page, 'suivi des participants');
  await page.getByText("Qui a besoin d'aide", { exact: true }).first().click();
  const table = page.getByRole('table', { name: /Participants qui ont besoin d'aide/ });
  await expect(table).toBeVisible();
  const marc = table.getByRole('row', { name: /Rossi/ });
  await expect(marc.getByText('Absent ou absente à 2 séances.')).toBeVisible();
  await expectAccessible(page, 'qui a besoin d’aide');
  await marc.getByRole('button', { name: /Envoyer un message/ }).click();
  const box = page.getByRole('textbox', { name: /Message à Marc Rossi/ });
  await expect(box).toHaveValue(/Bonjour Marc,/);
  await box.fill('Bonjour Marc, nous ne vous avons pas vu aux deux dernières séances : un appel cette semaine ?');
  await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
  await expect(page.getByText('Message envoyé à Marc Rossi.')).toBeVisible();
  await expect(marc.getByText(/Prochain message possible le/)).toBeVisible();
  await expectAccessible(page, 'message envoyé');
});

import { expect, test, type Page } from '@playwright/test';
import { makePdf } from '../helpers/documents.js';
import { DEMO_PASSWORD, expectAccessible, logIn } from './support.js';

// The library journey, in the browser: a facilitator publishes a resource with a PDF → a member
// finds it by a word that appears only inside the PDF (accents left out), opens it, downloads it;
// every page visited passes axe.
const FACILITATOR = 'animation@entraide.example';
const MEMBER = 'claire.martin@lyon.example';

async function signedIn(page: Page, email: string) {
  await logIn(page, email, DEMO_PASSWORD);
  await expect(page.getByRole('link', { name: 'Mon profil' }).first()).toBeVisible();
}

test('a facilitator publishes a PDF, a member finds it by a word inside the PDF', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const title = `Solaire sur les parkings publics (${Date.now()})`;
  const pdf = await makePdf(["L'agrivoltaïsme et les ombrières photovoltaïques : retours de trois collectivités."]);

  await signedIn(page, FACILITATOR);
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Bibliothèque', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bibliothèque de ressources' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Démarrer son SPASER', exact: true })).toBeVisible();
  await expectAccessible(page, 'bibliothèque (animateur)');

  await page.getByRole('link', { name: 'Publier une ressource' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Publier une ressource' })).toBeVisible();
  // Bad input first: per-field French messages.
  await page.getByRole('button', { name: 'Publier', exact: true }).click();
  await expect(page.getByText('Choisissez le type de ressource.').first()).toBeVisible();
  await expectAccessible(page, 'publier une ressource, erreurs');

  await page.locator('#res-kind').selectOption('guide');
  await page.locator('#res-title').fill(title);
  await page.locator('#res-summary').fill('Un retour d’expérience sur les installations solaires des collectivités.');
  await page.getByText('Énergie', { exact: true }).click();
  await page.locator('#res-files').setInputFiles({ name: 'solaire.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expectAccessible(page, 'publier une ressource');
  await page.getByRole('button', { name: 'Publier', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('link', { name: /Télécharger solaire\.pdf/ })).toBeVisible();
  await expect(page.locator('iframe[title="Aperçu de solaire.pdf"]')).toBeVisible();
  await expectAccessible(page, 'ressource publiée');

  // The member searches a word found only in the PDF; extraction runs in a background job.
  const context = await browser.newContext();
  const member = await context.newPage();
  await signedIn(member, MEMBER);
  await member.goto('/bibliotheque');
  await expect(member.getByRole('heading', { level: 1, name: 'Bibliothèque de ressources' })).toBeVisible();
  await expectAccessible(member, 'bibliothèque (membre)');
  await expect
    .poll(
      async () => {
        await member.goto('/bibliotheque?q=agrivoltaisme');
        await expect(member.getByRole('status').filter({ hasText: /ressource/ })).toBeVisible();
        return member.getByRole('link', { name: title }).count();
      },
      { timeout: 60_000 },
    )
    .toBe(1);
  await expect(member.locator('mark', { hasText: /agrivoltaïsme/i })).toBeVisible();
  await expectAccessible(member, 'recherche dans la bibliothèque');

  await member.getByRole('link', { name: title }).click();
  await expect(member.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(member.getByText('Texte pris en compte par la recherche.')).toBeVisible();
  await expectAccessible(member, 'ressource (membre)');
  const response = await member.request.get(await member.getByRole('link', { name: /Télécharger solaire\.pdf/ }).getAttribute('href') as string);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');

  await member.goto('/bibliotheque');
  await member.getByRole('link', { name: 'Démarrer son SPASER', exact: true }).click();
  await expect(member.getByRole('heading', { level: 1, name: 'Démarrer son SPASER' })).toBeVisible();
  await expectAccessible(member, 'collection');
  await context.close();
});

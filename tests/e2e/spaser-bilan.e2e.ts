import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './platform.js';
import { pdfText } from '../helpers/pdf.js';
import { expectAccessible, signedIn } from './support.js';

// Issue 19, item 2: the editor of the demo's published schéma of Rennes opens its bilan des
// indicateurs, is refused a year outside the period, enters a value, sees it against its target,
// publishes the bilan; a visitor opens the public bilan page and its PDF. axe on every page.
const EDITOR = 'yann.le-goff@rennes.example';
const TITLE = 'SPASER de la Ville de Rennes 2024-2027';
const INDICATOR = 'Part des marchés réservés';


async function download(page: Page, name: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name, exact: true }).click()]);
  return fs.readFileSync((await file.path())!);
}

test('issue 19, item 2: enter a value, see the bilan, publish it; the public page and its PDF', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signedIn(page, EDITOR);
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Mon SPASER' }).click();
  await page.getByRole('link', { name: TITLE }).click();
  await page.getByRole('link', { name: 'Bilan des indicateurs : valeurs annuelles et cibles' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bilan des indicateurs' })).toBeVisible();
  // The demo's values against their targets: 3 % in 2024 against 4 % (2025) is not reached; 4 % in 2025 is.
  const table = page.getByRole('table', { name: `${INDICATOR} — Rennes : valeurs annuelles et cibles` });
  await expect(table.getByRole('row', { name: /^2024 3 %/ })).toContainText('Non atteinte');
  await expect(table.getByRole('row', { name: /^2025 4 %/ })).toContainText('Atteinte');
  await expectAccessible(page, 'bilan des indicateurs (rédacteur)');

  // A year outside the period: refused, said next to the field.
  await page.locator('#bilan-indicator').selectOption({ label: INDICATOR });
  await page.locator('#bilan-year').fill('2030');
  await page.locator('#bilan-value').fill('4,5');
  await page.getByRole('button', { name: 'Enregistrer la valeur' }).click();
  await expect(page.getByText('L’année 2030 est hors de la période du schéma (de 2024 à 2027) : saisissez une valeur pour une année de la période.').first()).toBeVisible();
  await expectAccessible(page, 'bilan des indicateurs (erreur)');
  await expect(table.getByRole('row', { name: /^2026/ })).toContainText('Non renseignée');

  // 4,5 % in 2026, against 5 % in 2027: not reached yet.
  await page.locator('#bilan-year').fill('2026');
  await page.locator('#bilan-value').fill('4,5');
  await page.getByRole('button', { name: 'Enregistrer la valeur' }).click();
  await expect(page.getByText('Valeur enregistrée.')).toBeVisible();
  await expect(table.getByRole('row', { name: /^2026 4,5 %/ })).toContainText('Saisie');
  await expect(table.getByRole('row', { name: /^2026 4,5 %/ })).toContainText('5 % (cible 2027)');

  await page.getByRole('button', { name: 'Publier le bilan' }).click();
  await expect(page.getByText(/^Bilan n° \d+ publié\.$/)).toBeVisible();
  const href = await page.getByRole('link', { name: 'Ouvrir le bilan publié' }).getAttribute('href');
  expect(href).toMatch(/^\/schemas\/[a-z2-9]{8}-spaser-de-la-ville-de-rennes-2024-2027\/bilan$/);

  // A visitor, not signed in: from the schéma's public page to its bilan (rendered by the server), then its PDF.
  const context = await browser.newContext({ locale: 'fr-FR' });
  const visitor = await context.newPage();
  await visitor.goto(href!.replace(/\/bilan$/, ''));
  await expect(visitor.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await visitor.getByRole('link', { name: 'Bilan des indicateurs : valeurs annuelles et cibles' }).click();
  await expect(visitor).toHaveURL(new RegExp(`${href!}$`));
  await expect(visitor.getByRole('heading', { level: 1, name: `Bilan des indicateurs — ${TITLE}` })).toBeVisible();
  const pub = visitor.getByRole('table', { name: `${INDICATOR} — Rennes : valeurs annuelles et cibles` });
  await expect(pub.getByRole('row', { name: /^2026 4,5 %/ })).toContainText('Non atteinte');
  await expectAccessible(visitor, 'bilan publié');
  const pdf = await pdfText(await download(visitor, 'Télécharger le bilan (PDF)'));
  expect(pdf).toContain(`Bilan des indicateurs — ${TITLE}`);
  expect(pdf).toContain(INDICATOR);
  expect(pdf).toMatch(/2026 4,5\s%/);
  await context.close();
});

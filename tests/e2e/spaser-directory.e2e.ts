import { expect, test } from './platform.js';
import { expectAccessible, horizontalOverflow } from './support.js';

// Issue 19, item 4: the directory of published SPASERs. The demo publishes Rennes (Bretagne) and the
// joint schéma of Nantes Métropole, Nantes and Rezé (Pays de la Loire). A visitor filters by région
// with JavaScript (no reload) and without (the plain GET form); the map and its table give the count
// per région; a bad filter in the address gives its French message; axe at 1280 and 375 px.
const RENNES = 'SPASER de la Ville de Rennes 2024-2027';
const NANTES = 'Schéma commun des achats responsables de Nantes Métropole, Nantes et Rezé 2025-2028';

test('issue 19: the directory of published schémas, its filters and its map, with and without JavaScript', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.goto('/observatoire');
  await page.getByRole('link', { name: 'Consulter l’annuaire des SPASER publiés' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Annuaire des SPASER publiés' })).toBeVisible();
  const results = page.locator('section', { has: page.getByRole('heading', { name: 'Schémas publiés', exact: true }) });
  await expect(results.getByRole('heading', { level: 3 })).toHaveCount(2);
  await expect(results.getByRole('link', { name: RENNES })).toBeVisible();
  await expect(results.getByRole('link', { name: NANTES })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'schémas publiés' })).toHaveText('2 schémas publiés');
  // The map's table: one schéma in Bretagne, one in Pays de la Loire.
  const table = page.getByRole('table', { name: /Schémas publiés par région/ });
  await expect(table.getByRole('row', { name: /Bretagne/ })).toContainText('1 schéma');
  await expect(table.getByRole('row', { name: /Pays de la Loire/ })).toContainText('1 schéma');
  await expect(table.getByRole('row', { name: /Normandie/ })).toContainText('0 schéma');
  await expectAccessible(page, 'annuaire des SPASER');

  // With JavaScript: choose Bretagne and submit; the address carries the filter.
  await page.getByRole('combobox', { name: 'Région', exact: true }).selectOption({ label: 'Bretagne' });
  await page.getByRole('button', { name: 'Afficher les schémas' }).click();
  await expect(page).toHaveURL(/\/schemas\?region=53$/);
  await expect(page.getByRole('status').filter({ hasText: 'schéma' })).toHaveText('1 schéma publié');
  await expect(results.getByRole('link', { name: RENNES })).toBeVisible();
  await expect(results.getByRole('link', { name: NANTES })).toHaveCount(0);

  // A bad filter in the address: its French message under the field.
  await page.goto('/schemas?theme=climat');
  await expect(page.getByText('Thème inconnu : choisissez-en un dans la liste.')).toBeVisible();
  await expectAccessible(page, 'annuaire, filtre invalide');

  // At 375 px: nothing wider than the screen.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/schemas');
  await expect(results.getByRole('link', { name: RENNES })).toBeVisible();
  expect((await horizontalOverflow(page)).offenders).toEqual([]);
  await expectAccessible(page, 'annuaire 375px');

  // Without JavaScript: the server's page, the GET form filters by région.
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
  const reader = await context.newPage();
  await reader.goto('/schemas');
  await expect(reader.getByRole('link', { name: NANTES })).toBeVisible();
  await reader.getByRole('combobox', { name: 'Région', exact: true }).selectOption({ label: 'Pays de la Loire' });
  await reader.getByRole('button', { name: 'Afficher les schémas' }).click();
  await expect(reader).toHaveURL(/\/schemas\?type=&region=52&annee=&theme=$/);
  await expect(reader.getByRole('link', { name: NANTES })).toBeVisible();
  await expect(reader.getByRole('link', { name: RENNES })).toHaveCount(0);
  await context.close();
});

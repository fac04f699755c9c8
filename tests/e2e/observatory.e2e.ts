import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './platform.js';
import { DEMO_PASSWORD, expectAccessible, logIn } from './support.js';

test('a visitor opens the observatory, uses the map by keyboard and downloads the CSV', async ({ page }) => {
  // The map's code and outlines are not in the app's bundle: fetched when the observatory shows it.
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Observatoire', exact: true }).first()).toBeVisible();
  expect(scripts.filter((s) => /FranceMap|ObservatoryPage/.test(s))).toEqual([]);
  await page.getByRole('link', { name: 'Observatoire', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Observatoire des achats responsables' })).toBeVisible();
  // The demo data is there: the national chart, its table and the PNAD targets.
  await expect(page.getByRole('table', { name: /part des contrats notifiés avec une considération \(vue PNAD\) : valeurs/ })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Objectif PNAD 30 %' }).first()).toBeVisible();
  await expect(page.locator('[data-code="84"]')).toBeVisible();
  expect(scripts.some((s) => /FranceMap-[\w-]+\.js$/.test(s))).toBe(true);
  await expectAccessible(page, 'observatoire');

  // Keyboard only: from the year select, Tab reaches the first area of the map (Auvergne-Rhône-Alpes).
  await page.getByLabel('Année', { exact: true }).first().focus();
  await page.keyboard.press('Tab');
  const area = page.locator(':focus');
  await expect(area).toHaveAttribute('aria-label', /^Auvergne-Rhône-Alpes : \d/);
  await expect(area).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Enter');
  await expect(area).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('heading', { name: 'Auvergne-Rhône-Alpes : évolution de la part des marchés avec une considération' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', /^Bourgogne-Franche-Comté : /);
  // The same map by département.
  await page.getByLabel('Découpage').selectOption('departement');
  await expect(page.locator('[data-code="69"]')).toHaveAttribute('aria-label', /^Rhône : \d/);
  await expectAccessible(page, 'observatoire, carte des départements');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tableau des départements (CSV)' }).click()]);
  expect(download.suggestedFilename()).toBe('observatoire-departements.csv');
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  expect(text.split('\r\n')[0]).toMatch(/^Code;Département;Année;Marchés;/);
  expect(text).toMatch(/\r\n69;Rhône;2024;\d+;/);
});

test('a member views her organisation’s indicators against the PNAD targets and her peers', async ({ page }) => {
  await logIn(page, 'claire.martin@lyon.example', DEMO_PASSWORD);
  await expect(page.getByRole('link', { name: 'Mon profil' }).first()).toBeVisible();
  await page.goto('/organisations?q=lyon');
  await page.getByRole('link', { name: 'Lyon', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 2, name: 'Achats responsables (données DECP)' })).toBeVisible();
  // The details are in collapsible sections (issue 13, item 6): open the three.
  for (const name of [/^Évolution par année/, /^Répartition des contrats notifiés en/, 'Comparaison avec des organisations similaires']) {
    await page.getByRole('heading', { level: 3, name }).getByRole('button').click();
  }
  const detail = page.getByRole('table', { name: 'Marchés : considération sociale par année' });
  await expect(detail).toBeVisible();
  await expect(detail.getByRole('row', { name: /^2024 / })).toHaveCount(1);
  await expect(page.getByRole('table', { name: 'Comparaison avec des organisations similaires' }).getByRole('row', { name: /^2024 / })).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'Comparaison avec des organisations similaires' })).toBeVisible();
  await expect(page.getByText(/Organisations similaires : même type d'organisation/)).toBeVisible();

  // The breakdowns follow the year chosen (the demo data runs from 2022 to 2025; the latest by default).
  await expect(page.getByRole('heading', { name: 'Répartition des contrats notifiés en 2025' })).toBeVisible();
  const year = page.getByLabel('Année des répartitions');
  await expect(year.locator('option')).toHaveText(['2022', '2023', '2024', '2025']);
  // Keyboard only: the arrow keys move a focused select, two years back.
  await year.focus();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('heading', { name: 'Répartition des contrats notifiés en 2024' })).toBeVisible();
  await expect(year).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('heading', { name: 'Répartition des contrats notifiés en 2023' })).toBeVisible();
  // The CPV table beside the charts now counts the 2023 marchés: its total is the 2023 row of the detail table.
  const contracts2023 = Number((await detail.getByRole('row', { name: /^2023 / }).getByRole('cell').nth(1).innerText()).replace(/\D/g, ''));
  const cpv = page.getByRole('table', { name: 'Marchés par division CPV' });
  const cells = await cpv.locator('tbody tr td:nth-child(2)').allInnerTexts();
  expect(cells.reduce((a, c) => a + Number(c.replace(/\D/g, '')), 0)).toBe(contracts2023);
  await expectAccessible(page, 'fiche de Lyon, répartitions de 2023');
  // A verified member may declare a SPASER adopted elsewhere, in the « SPASER » section.
  await page.getByRole('heading', { level: 2, name: 'SPASER', exact: true }).getByRole('button').click();
  await expect(page.getByRole('heading', { name: 'Déclarer un SPASER adopté hors de la plateforme' })).toBeVisible();
  await expectAccessible(page, 'fiche de Lyon avec ses indicateurs');
});

test('a facilitator uploads a DECP file and reads the report', async ({ page }) => {
  await logIn(page, 'animation@entraide.example', DEMO_PASSWORD);
  await expect(page.getByRole('link', { name: 'Mon profil' }).first()).toBeVisible();
  await page.goto('/observatoire');
  await page.getByRole('link', { name: 'Importer un fichier DECP' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Importer un fichier DECP' })).toBeVisible();
  await expectAccessible(page, 'import DECP');
  await page.getByLabel('Fichier DECP').setInputFiles(path.resolve('tests/fixtures/decp/139bercy_format-commande-publique__mar-basique.json'));
  await page.getByRole('button', { name: 'Importer' }).click();
  await expect(page.getByRole('heading', { name: /Rapport d'import : 139bercy_format-commande-publique__mar-basique\.json/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Enregistrements lus 1/ })).toBeVisible();
  await expectAccessible(page, 'rapport d’import DECP');
});

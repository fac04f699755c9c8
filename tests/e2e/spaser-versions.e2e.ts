import type { Page } from '@playwright/test';
import { expect, test } from './platform.js';
import { expectAccessible, expectNoHorizontalOverflow, signedIn } from './support.js';

// Issue 19, the versions' journey: the editor of Rennes's published schéma starts a revision (the
// published version stays online), adds an axis, compares the working version with the published one
// (the axis is « Ajouté »), records the revision's adoption, publishes it as the next version; the
// public page, the versions page and the directory show it. Axe on every page.
const EDITOR = 'yann.le-goff@rennes.example';
const TITLE = 'SPASER de la Ville de Rennes 2024-2027';
const AXIS = 'Axe 3 — Numérique responsable';
const OBJECTIVE = 'Allonger la durée de vie des ordinateurs';

async function openBuilder(page: Page) {
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Mon SPASER' }).click();
  await page.getByRole('link', { name: TITLE }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
}

test('issue 19: revise a published SPASER, compare with the published version, publish the new one; the directory shows it', async ({ page }) => {
  test.setTimeout(240_000);
  await signedIn(page, EDITOR);
  await openBuilder(page);
  const panel = page.locator('#publication');
  const published = await panel.getByText(/^Version \d+ publiée le/).textContent();
  const before = Number(/Version (\d+)/.exec(published ?? '')![1]);
  const publicPath = await panel.getByRole('link', { name: 'Voir la page publique' }).getAttribute('href');

  // Revising: the schéma is « En révision », the published version stays online, unchanged.
  await panel.getByRole('button', { name: 'Réviser le SPASER' }).click();
  await expect(panel.getByRole('heading', { name: 'Révision commencée : modifiez le schéma, puis enregistrez sa nouvelle adoption.' })).toBeVisible();
  await expect(page.locator('p .fr-badge').first()).toHaveText('En révision');
  await expectAccessible(page, 'SPASER en révision');

  // A third axis, with an objective.
  const axes = page.locator('#partie-axes');
  await axes.getByRole('button', { name: 'Ajouter un axe' }).click();
  await page.locator('#axe-2-titre').fill(AXIS);
  await axes.getByRole('button', { name: 'Ajouter un objectif' }).nth(2).click();
  await page.locator('#axe-2-objectif-0-titre').fill(OBJECTIVE);
  await axes.getByRole('button', { name: 'Enregistrer cette partie' }).click();
  await expect(axes.getByRole('status')).toHaveText(/Partie enregistrée à/);

  // The public page still shows the published version: no third axis.
  const visitor = await page.context().browser()!.newContext({ locale: 'fr-FR' });
  const reader = await visitor.newPage();
  await reader.goto(publicPath!);
  await expect(reader.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(reader.getByRole('heading', { name: AXIS })).toHaveCount(0);

  // Compare: by default the last publication against the working version.
  await page.bringToFront();
  await panel.getByRole('link', { name: 'Voir et comparer les versions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Versions du SPASER' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: `Version ${before} comparée à Version de travail` })).toBeVisible();
  const axesTable = page.getByRole('table', { name: 'Axes ajoutés, retirés ou modifiés' });
  await expect(axesTable.getByRole('row', { name: new RegExp(AXIS) })).toContainText('Ajouté');
  await expect(page.getByRole('table', { name: 'Objectifs ajoutés, retirés ou modifiés, avec leurs actions' }).getByRole('row', { name: new RegExp(OBJECTIVE) })).toContainText('Ajouté');
  await expectAccessible(page, 'versions, comparaison avec la version de travail');

  // The revision is adopted (a deliberation after the first one), then published as the next version.
  await page.getByRole('link', { name: TITLE }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  const today = new Date().toISOString().slice(0, 10);
  await page.locator('#adoption-date').fill(today);
  await page.locator('#adoption-reference').fill('Délibération n° 2026-0318 du conseil municipal');
  await page.getByRole('button', { name: 'Enregistrer l’adoption' }).click();
  await expect(page.locator('p .fr-badge').first()).toHaveText(/Adopté|Publié/);
  await panel.getByRole('button', { name: 'Publier la version actuelle' }).click();
  await expect(panel.getByText('SPASER publié.')).toBeVisible();
  await expect(panel.getByText(new RegExp(`^Version ${before + 1} publiée le`))).toBeVisible();
  await expectAccessible(page, 'révision publiée');

  // The versions page: the new version is listed; compared with the one before, the axis is « Ajouté ».
  await panel.getByRole('link', { name: 'Voir et comparer les versions' }).click();
  await page.locator('#version-de').selectOption({ label: `Version ${before}` });
  await page.locator('#version-a').selectOption({ label: `Version ${before + 1}` });
  await page.getByRole('button', { name: 'Comparer' }).click();
  await expect(page.getByRole('heading', { level: 3, name: `Version ${before} comparée à Version ${before + 1}` })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Axes ajoutés, retirés ou modifiés' }).getByRole('row', { name: new RegExp(AXIS) })).toContainText('Ajouté');
  await expect(page.getByRole('table', { name: /Versions publiées du schéma/ }).getByRole('row', { name: new RegExp(`^Version ${before + 1}`) })).toContainText('Publiée');
  await expectAccessible(page, 'versions, deux versions publiées');
  await page.setViewportSize({ width: 375, height: 812 });
  await expectNoHorizontalOverflow(page, 'versions à 375 px');
  await expectAccessible(page, 'versions à 375 px');

  // The directory lists Rennes in Bretagne; its link opens the new version.
  await reader.bringToFront();
  await reader.goto('/schemas?region=53');
  await expect(reader.getByRole('status').filter({ hasText: 'schéma' })).toHaveText('1 schéma publié');
  await expect(reader.getByRole('table', { name: /Schémas publiés par région/ }).getByRole('row', { name: /Bretagne/ })).toContainText('1 schéma');
  await reader.getByRole('link', { name: TITLE }).click();
  await expect(reader.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(reader.getByRole('heading', { name: AXIS })).toBeVisible();
  await expectAccessible(reader, 'page publique, nouvelle version');
  await visitor.close();
});

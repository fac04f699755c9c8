import { expect, test } from './platform.js';
import { expectAccessible, horizontalOverflow, signedIn } from './support.js';

// Theme pages (issue 23, item 9) on the demo: a visitor reads « Indicateurs et suivi » with the demo's
// public webinars and no cohort material; Isabelle Fontaine (Groupe B of « édition 2 ») also sees her
// group's co-development case, the cohort's indicators workshop and its announcement, opens the case,
// and comes back through its theme link. Axe on every page, and the theme page at 375 px wide.
const ISABELLE = 'isabelle.fontaine@dijon.example';
const CASE = 'Fixer des objectifs chiffrés que nous saurons suivre';

test('a theme gathers what each viewer may read', async ({ page }) => {
  await page.goto('/themes');
  await expect(page.getByRole('heading', { level: 1, name: 'Thèmes' })).toBeVisible();
  await expectAccessible(page, 'thèmes');
  await page.getByRole('link', { name: 'Indicateurs et suivi' }).click();
  await expect(page).toHaveURL(/\/themes\/indicateurs$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Indicateurs et suivi' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^Événements/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Les DECP au service du suivi de son SPASER' })).toBeVisible();
  // Nothing of a cohort for a visitor.
  await expect(page.getByText(CASE)).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: /^Cas de codéveloppement/ })).toHaveCount(0);
  await expectAccessible(page, 'thème, visiteur');

  await signedIn(page, ISABELLE);
  await page.goto('/themes/indicateurs');
  await expect(page.getByRole('heading', { level: 2, name: /^Cas de codéveloppement/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Atelier indicateurs' }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Atelier indicateurs : apportez vos tableaux de bord' })).toBeVisible();
  await expectAccessible(page, 'thème, membre de la promotion');
  await page.setViewportSize({ width: 375, height: 800 });
  expect((await horizontalOverflow(page)).offenders).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole('link', { name: CASE }).click();
  await expect(page).toHaveURL(/\/codeveloppement\/seances\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: `Séance : ${CASE}` })).toBeVisible();
  await expectAccessible(page, 'séance de codéveloppement, thèmes');
  await page.getByRole('link', { name: 'Indicateurs et suivi' }).click();
  await expect(page).toHaveURL(/\/themes\/indicateurs$/);

  // The agenda filtered by a theme keeps to it.
  await page.goto('/agenda?theme=clauses_sociales');
  await expect(page.getByRole('link', { name: 'Clauses sociales : calibrer les heures d’insertion' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Démarrer son SPASER en six mois' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Clauses sociales et insertion' }).first()).toBeVisible();
  await expectAccessible(page, 'agenda filtré par thème');
});

import { expect, test } from './platform.js';
import { DEMO_PASSWORD, expectAccessible, logIn } from './support.js';

test('public pages: search, organisation page with the obligation at a date, legal pages, 404', async ({ page }) => {
  await page.goto('/organisations?q=216901231');
  await expect(page.getByRole('link', { name: 'Lyon', exact: true }).first()).toBeVisible();
  await page.goto('/organisations?q=ajaccio');
  await page.getByRole('link', { name: 'Ajaccio', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ajaccio' })).toBeVisible();
  // Ajaccio's demo declaration is 38 M€: below 50 M€ today, said in the summary at the top.
  const brief = page.locator('#en-bref');
  await expect(brief.getByText('Non concerné', { exact: true })).toBeVisible();
  await expect(brief.getByText('D’après le montant déclaré par un membre vérifié.')).toBeVisible();
  await expectAccessible(page, 'fiche d’Ajaccio');

  for (const [path, heading] of [
    ['/accessibilite', /accessibilité/i],
    ['/mentions-legales', /Mentions légales/i],
    ['/donnees-personnelles', /données personnelles/i],
    ['/conditions-utilisation', /Conditions d'utilisation|Conditions d’utilisation/i],
    ['/plan-du-site', /Plan du site/i],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expectAccessible(page, path);
  }

  const res = await page.goto('/cette-page-nexiste-pas');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page, 'page 404');

  // Keyboard: the first Tab reaches the skip links.
  await page.goto('/');
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveText(/Contenu/);
});

test('administration pages for an admin', async ({ page }) => {
  await logIn(page, 'admin@entraide.example', DEMO_PASSWORD);
  await expect(page.getByRole('link', { name: 'Mon profil' }).first()).toBeVisible();
  await page.goto('/admin');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page, 'administration');
  await page.goto('/admin/utilisateurs');
  await expect(page.getByText('claire.martin@lyon.example').first()).toBeVisible();
  await expectAccessible(page, 'administration des utilisateurs');
  await page.goto('/admin/organisations');
  await expect(page.getByText('SIREN à compléter').first()).toBeVisible();
  await expectAccessible(page, 'administration des organisations');
  // Issue 11, item 1: failed background jobs, poison ones included (none on a fresh installation).
  await page.goto('/admin/taches');
  await expect(page.getByRole('heading', { level: 1, name: 'Tâches en échec' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /tâches? en échec/ })).toBeVisible();
  await expectAccessible(page, 'administration des tâches en échec');
});

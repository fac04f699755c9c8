import { expect, test } from './platform.js';
import { expectAccessible, signedIn } from './support.js';

// Issue 15, item 4, in the browser: Bordeaux's page gives the verdict from its demo DECP figures; its
// verified member follows the verdict's link to « Mon organisation », where the declaration form is at
// the top, declares 120 M€ for the judged year, and the page and the observatory both say « Concerné ».
test('item 4: one verdict, from the DECP estimate to a member’s declaration, the same on the page and the observatory', async ({ page }) => {
  await signedIn(page, 'nathalie.petit@bordeaux.example');
  const bordeaux = (await (await page.request.get('/api/organisations?q=bordeaux&kind=commune')).json()).items.find((o: { name: string }) => o.name === 'Bordeaux');
  await page.goto(`/organisations/${bordeaux.id}`);
  // The verdict and its source in the summary at the top; its reasons in the section below, opened.
  const brief = page.locator('#en-bref');
  await expect(brief.getByText('Estimation d’après les données essentielles de la commande publique (DECP).')).toBeVisible();
  await page.getByRole('heading', { level: 2, name: "Obligation d'adopter un SPASER" }).getByRole('button').click();
  await expect(page.getByText(/M€ de marchés notifiés en \d{4} d'après les données essentielles/)).toBeVisible();
  await expectAccessible(page, 'fiche de Bordeaux, verdict estimé');
  const year = (await (await page.request.get(`/api/organisations/${bordeaux.id}`)).json()).obligation.year as number;

  await brief.getByRole('link', { name: 'Déclarer le montant annuel des achats' }).click();
  await expect(page).toHaveURL(new RegExp(`/mon-organisation#declarer-${bordeaux.id}$`));
  const heading = page.getByRole('heading', { level: 2, name: 'Bordeaux : achats et SPASER' });
  await expect(heading).toBeFocused();
  await expectAccessible(page, 'mon organisation, déclaration en tête');
  const block = page.locator(`#declarer-${bordeaux.id}`);
  await block.getByLabel(/Montant total annuel des achats/).fill('120 000 000');
  await block.getByLabel(/Année de référence du montant/).fill(String(year));
  await block.getByRole('button', { name: /Enregistrer/ }).click();
  await expect(block.getByText('Concerné', { exact: true })).toBeVisible();
  await expect(block.getByText('D’après le montant déclaré par un membre vérifié.')).toBeVisible();

  await page.goto(`/organisations/${bordeaux.id}`);
  await expect(page.locator('#en-bref').getByText('Concerné', { exact: true })).toBeVisible();
  await page.goto('/observatoire');
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Bordeaux', exact: true }) });
  await expect(row.getByText('Concerné', { exact: true })).toBeVisible();
  await expectAccessible(page, 'observatoire après la déclaration');

  // At 375 px the verdict and the declaration stay readable, without sideways scrolling.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`/mon-organisation#declarer-${bordeaux.id}`);
  await expect(heading).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});

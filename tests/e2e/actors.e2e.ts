import { expect, test } from './platform.js';
import { expectAccessible, horizontalOverflow, signedIn } from './support.js';

// Issue 20, items 1–2: the directory of support actors, seeded at start with the 42 sourced actors of
// the reference notes. Counted by hand from that list: 24 national actors, so Bretagne shows 25
// (RESECO + 24) and Nouvelle-Aquitaine 29 (3AR, RESECO, ARBIO, GARIE, ACESA + 24).
const RESECO = 'RESECO — Réseau Grand Ouest commande publique et développement durable';
const AAR = '3AR — Association aquitaine des achats publics responsables';

test('issue 20: the actors map filtered by a région with the keyboard, its table, an actor’s page, a facilitator’s edit', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('/');
  await page.getByRole('link', { name: 'Acteurs', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Qui peut vous aider ? Les acteurs de l’achat responsable' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'acteurs' })).toHaveText('42 acteurs');
  // The table alternative of the map.
  const table = page.getByRole('table', { name: /Acteurs par région/ });
  await expect(table.getByRole('row', { name: /Bretagne/ })).toContainText('25 acteurs');
  await expect(table.getByRole('row', { name: /Nouvelle-Aquitaine/ })).toContainText('29 acteurs');
  await expectAccessible(page, 'annuaire des acteurs');

  // Keyboard only: from the filters' last link, Tab through the map to Bretagne, then Enter.
  await page.getByRole('link', { name: 'Effacer les filtres' }).focus();
  let label = '';
  for (let i = 0; i < 14 && !label.startsWith('Bretagne'); i++) {
    await page.keyboard.press('Tab');
    label = (await page.locator(':focus').getAttribute('aria-label')) ?? '';
  }
  expect(label).toBe('Bretagne : 25 acteurs');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/acteurs\?region=53$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Acteurs — Bretagne' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'acteurs' })).toHaveText('25 acteurs');
  await expect(page.locator('path[data-code="53"]')).toHaveAttribute('aria-pressed', 'true');
  const results = page.locator('section', { has: page.getByRole('heading', { name: 'Acteurs — Bretagne' }) });
  await expect(results.getByRole('link', { name: RESECO })).toBeVisible();
  await expect(results.getByRole('link', { name: AAR })).toHaveCount(0);
  await expectAccessible(page, 'annuaire filtré sur la Bretagne');

  // An actor's page: what it does, where, its sources.
  await results.getByRole('link', { name: RESECO }).click();
  await expect(page.getByRole('heading', { level: 1, name: RESECO })).toBeVisible();
  await expect(page.getByText('Pays de la Loire, Bretagne, Nouvelle-Aquitaine')).toBeVisible();
  await expect(page.getByRole('link', { name: 'https://www.lagazettedescommunes.com/18692/creation-du-reseau-grand-ouest-de-la-commande-publique-responsable' })).toBeVisible();
  await expectAccessible(page, 'fiche d’un acteur');

  // At 375 px: nothing wider than the screen.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/acteurs?region=53');
  await expect(page.getByRole('link', { name: RESECO })).toBeVisible();
  expect((await horizontalOverflow(page)).offenders).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });

  // A facilitator edits the actor: the new contact is shown and the history says what changed.
  await signedIn(page, 'animation@entraide.example');
  await page.goto('/acteurs?region=53');
  await page.getByRole('link', { name: RESECO }).click();
  await page.getByRole('button', { name: 'Modifier la fiche' }).click();
  await expect(page.getByRole('heading', { level: 2, name: `Modifier « ${RESECO} »` })).toBeVisible();
  await expectAccessible(page, 'modification d’un acteur');
  await page.getByLabel('Moyen de contact (facultatif)').fill('Formulaire de contact du réseau');
  await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
  await expect(page.getByRole('heading', { name: 'La fiche est enregistrée.' })).toBeVisible();
  await expect(page.getByText('Formulaire de contact du réseau')).toBeVisible();
  const history = page.getByRole('table', { name: 'Historique des modifications' });
  await expect(history.getByRole('row').nth(1)).toContainText('Farid Benali');
  await expect(history.getByRole('row').nth(1)).toContainText('Modification : Contact');
  await expectAccessible(page, 'fiche après modification');

  // Adding an actor without a source: the French message under the field.
  await page.goto('/acteurs');
  await page.getByRole('link', { name: 'Ajouter un acteur' }).click();
  await page.getByRole('button', { name: 'Ajouter l’acteur' }).click();
  await expect(page.getByText('Indiquez au moins une source (adresse web) qui présente cet acteur dans ce rôle.').first()).toBeVisible();
  await expectAccessible(page, 'ajout d’un acteur, erreurs');
});

test('issue 20: « Qui peut vous aider dans votre région » on « Mon organisation »', async ({ page }) => {
  await signedIn(page, 'yann.le-goff@rennes.example');
  await page.goto('/mon-organisation');
  const nearby = page.getByRole('region', { name: 'Qui peut vous aider dans votre région' });
  await expect(nearby.getByRole('heading', { name: 'Qui peut vous aider dans votre région' })).toBeVisible();
  // Bretagne: its network first, then national ones (training before State services).
  await expect(nearby.getByRole('listitem').first()).toContainText(RESECO);
  await expect(nearby.getByRole('listitem').nth(1)).toContainText('CNFPT');
  await expect(nearby.getByRole('listitem')).toHaveCount(5);
  await expectAccessible(page, 'mon organisation, acteurs de la région');
});

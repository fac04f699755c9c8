import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './platform.js';
import { expectAccessible, linkIn, logIn, signedIn, waitForMail } from './support.js';

// Issue 15, « Must show », in Chromium. The journeys' database holds a SIRENE extract of two fictitious
// hospitals (tests/e2e/fixtures/sirene-chu, imported by global-setup with `entraide registry
// import-sirene`, test data). A hospital buyer types « chu st etienne »: the CHU comes first, before the
// commune of Saint-Étienne. A facilitator imports a DECP file of its contracts (fictitious, written
// below); its page then says « Probablement concerné » with the figures. A new agent of the hospital
// joins it, a facilitator approves her from the queue, she declares the yearly amount from the verdict's
// link: « Concerné », the same on the observatory.
const CHU = 'CENTRE HOSPITALIER UNIVERSITAIRE DE SAINT-ETIENNE TEST';
const CHU_SIRET = '99900009400017';

test('issue 15: « chu st etienne » finds the hospital first; DECP figures, then a declaration, give one verdict everywhere', async ({ page, browser }) => {
  test.setTimeout(180_000);
  // 1. The search, as a visitor, at 375 px: the hospital first.
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto('/organisations');
  await page.getByLabel('Nom, SIREN ou code postal').fill('chu st etienne');
  await page.getByLabel('Nom, SIREN ou code postal').press('Enter');
  const table = page.getByRole('table', { name: 'Organisations correspondant à « chu st etienne »' });
  await expect(table).toBeVisible();
  await expect(table.getByRole('row').nth(1).getByRole('link').first()).toHaveText(CHU);
  await expectAccessible(page, 'recherche « chu st etienne »');
  await table.getByRole('row').nth(1).getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: CHU })).toBeVisible();
  const chuUrl = new URL(page.url()).pathname;
  const chuId = chuUrl.split('/').pop()!;
  await page.setViewportSize({ width: 1280, height: 900 });

  // 2. Its contracts, as published in the DECP (fictitious): 12 marchés of 7 500 000 € notified on
  // 10 January of the judged year, for 12 months — 12 × 7,5 M€ = 90,0 M€ notified that year, above the
  // 50 M€ threshold by more than the estimators' margin.
  const year = (await (await page.request.get(`/api/organisations/${chuId}`)).json()).obligation.year as number;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-e2e-chu-')), 'chu-saint-etienne-test.json');
  const marches = Array.from({ length: 12 }, (_, i) => ({
    id: `E2E-CHU-${year}-${i + 1}`, acheteur: { id: CHU_SIRET, nom: CHU }, nature: 'Marché',
    objet: `Travaux fictifs du bâtiment ${i + 1}`, codeCPV: '45000000', procedure: "Appel d'offres ouvert",
    lieuExecution: { code: '42218', typeCode: 'Code commune', nom: 'Saint-Étienne' }, dureeMois: 12,
    dateNotification: `${year}-01-10`, datePublicationDonnees: `${year}-01-12`, montant: 7_500_000, formePrix: 'Ferme', titulaires: [], modifications: [],
  }));
  fs.writeFileSync(file, JSON.stringify({ marches }));
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signedIn(staff, 'animation@entraide.example');
  await staff.goto('/observatoire');
  await staff.getByRole('link', { name: 'Importer un fichier DECP' }).click();
  await staff.getByLabel('Fichier DECP').setInputFiles(file);
  await staff.getByRole('button', { name: 'Importer' }).click();
  await expect(staff.getByRole('heading', { name: /Rapport d'import : chu-saint-etienne-test\.json/ })).toBeVisible();

  await page.goto(chuUrl);
  const brief = page.locator('#en-bref');
  await expect(brief.getByText('Probablement concerné', { exact: true })).toBeVisible();
  await expect(brief.getByText('Estimation d’après les données essentielles de la commande publique (DECP).')).toBeVisible();
  await page.getByRole('heading', { level: 2, name: "Obligation d'adopter un SPASER" }).getByRole('button').click();
  await expect(page.getByText(`90,0 M€ de marchés notifiés en ${year} d'après les données essentielles`, { exact: false })).toBeVisible();
  await expectAccessible(page, 'fiche du CHU, verdict estimé');

  // 3. A new agent of the hospital: account, confirmation, request to join.
  const email = `ines.morel.${Date.now()}@chu-test.example`;
  const password = 'un mot de passe vraiment solide';
  await page.goto('/inscription');
  await page.locator('#signup-firstName').fill('Inès');
  await page.locator('#signup-lastName').fill('Morel');
  await page.locator('#signup-email').fill(email);
  await page.locator('#signup-password').fill(password);
  await page.locator('#signup-terms-0').check({ force: true });
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page.getByRole('heading', { name: 'Vérifiez votre boîte e-mail' })).toBeVisible();
  await page.goto(linkIn(await waitForMail(email, /Confirmez votre adresse e-mail sur Entraide/), '/confirmer-email?jeton='));
  await expect(page.getByText('Adresse confirmée').first()).toBeVisible();
  await logIn(page, email, password);
  await expect(page.getByRole('link', { name: 'Mon profil' }).first()).toBeVisible();
  await page.goto(chuUrl);
  await page.getByRole('textbox', { name: /Message pour les personnes/ }).fill('Acheteuse à la direction des achats du CHU.');
  await page.getByRole('button', { name: /Demander à rejoindre/ }).click();
  await expect(page.getByText('Votre demande est en attente de validation.').first()).toBeVisible();

  // 4. No verified colleague yet: a facilitator approves her from the queue.
  await staff.goto('/admin/demandes-adhesion');
  const row = staff.locator('table tbody tr').filter({ hasText: email });
  await expect(row).toContainText(CHU);
  await row.getByRole('button', { name: `Approuver la demande de Inès Morel pour ${CHU}` }).click();
  await expect(staff.getByRole('heading', { name: /Demande de Inès Morel approuvée/ })).toBeVisible();
  await waitForMail(email, new RegExp(`Vous êtes membre vérifié de ${CHU}`));

  // 5. She follows the verdict's link and declares the amount of the judged year.
  await page.goto(chuUrl);
  await page.locator('#en-bref').getByRole('link', { name: 'Déclarer le montant annuel des achats' }).click();
  await expect(page).toHaveURL(new RegExp(`/mon-organisation#declarer-${chuId}$`));
  const block = page.locator(`#declarer-${chuId}`);
  await block.getByLabel(/Montant total annuel des achats/).fill('95 000 000');
  await block.getByLabel(/Année de référence du montant/).fill(String(year));
  await block.getByRole('button', { name: /Enregistrer/ }).click();
  await expect(block.getByText('Concerné', { exact: true })).toBeVisible();
  await expectAccessible(page, 'mon organisation (CHU), montant déclaré');

  // 6. One verdict: the organisation page and the observatory say the same.
  await page.goto(chuUrl);
  await expect(page.locator('#en-bref').getByText('Concerné', { exact: true })).toBeVisible();
  await expect(page.locator('#en-bref').getByText('D’après le montant déclaré par un membre vérifié.')).toBeVisible();
  await page.goto(`/observatoire?annee=${year}`);
  const obsRow = page.getByRole('row').filter({ has: page.getByRole('link', { name: CHU, exact: true }) });
  await expect(obsRow.getByText('Concerné', { exact: true })).toBeVisible();
  await expectAccessible(page, 'observatoire, le CHU déclaré');
  await staffContext.close();
});

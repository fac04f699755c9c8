import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './platform.js';
import { DEMO_PASSWORD, expectAccessible, logIn } from './support.js';

// Issue 15, item 2: a buyer seen in procurement data and absent from the registry gets a page that
// says where it comes from. The buyer is fictitious (SIREN 999 000 300, test data).
test('a DECP buyer unknown to the registry is searchable and its page says it is known from procurement data', async ({ page }) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-e2e-decp-')), 'acheteur-fictif.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      marches: [
        {
          id: 'E2E-REG-1', acheteur: { id: '99900030000012', nom: 'Syndicat fictif des essais de bout en bout' }, nature: 'Marché',
          objet: 'Entretien fictif', codeCPV: '77313000', procedure: 'Procédure adaptée', lieuExecution: { code: '69123', typeCode: 'Code commune', nom: 'Lyon' },
          dureeMois: 12, dateNotification: '2024-03-01', datePublicationDonnees: '2024-03-02', montant: 120000, formePrix: 'Ferme', titulaires: [], modifications: [],
        },
      ],
    }),
  );
  await logIn(page, 'animation@entraide.example', DEMO_PASSWORD);
  await expect(page.getByRole('link', { name: 'Mon profil' }).first()).toBeVisible();
  await page.goto('/observatoire');
  await page.getByRole('link', { name: 'Importer un fichier DECP' }).click();
  await page.getByLabel('Fichier DECP').setInputFiles(file);
  await page.getByRole('button', { name: 'Importer' }).click();
  await expect(page.getByRole('heading', { name: /Rapport d'import : acheteur-fictif\.json/ })).toBeVisible();

  await page.goto(`/organisations?q=${encodeURIComponent('syndicat fictif essais bout en bout')}`);
  await page.getByRole('link', { name: /Syndicat fictif des essais de bout en bout/ }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Syndicat fictif des essais de bout en bout' })).toBeVisible();
  await expect(page.getByText(/Organisation connue par les données de la commande publique/)).toBeVisible();
  // The SIREN is in the « Identité » section, folded until opened (issue 13, item 6).
  await page.getByRole('button', { name: 'Identité', exact: true }).click();
  await expect(page.getByText('999 000 300')).toBeVisible();
  await expectAccessible(page, 'fiche d’un acheteur connu par les DECP');
});

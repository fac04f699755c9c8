import type { Locator } from '@playwright/test';
import { expect, test } from './platform.js';
import { expectAccessible, expectNoHorizontalOverflow, signedIn } from './support.js';

// Issue 13 (the first hour), item 6: the organisation page opens on a summary (verdict, SPASER, key
// figures), its details folded in DSFR accordions; its charts over years mark the missing years and
// say « non renseigné » where no contract informed the field.

/** A SIRET of the SIREN whose Luhn checksum holds (what the DECP importer checks). */
function siretOf(siren: string): string {
  for (let nic = 10; nic < 100; nic++) {
    const siret = `${siren}000${nic}`;
    const sum = [...siret].reverse().reduce((acc, ch, i) => {
      const d = Number(ch) * (i % 2 ? 2 : 1);
      return acc + (d > 9 ? d - 9 : d);
    }, 0);
    if (sum % 10 === 0) return siret;
  }
  throw new Error(`no SIRET for ${siren}`);
}

test('item 6: Lyon’s page opens on « En bref »: the verdict on its declared 620 M€, its SPASER, its figures; the details folded', async ({ page }) => {
  const lyon = (await (await page.request.get('/api/organisations?q=lyon&kind=commune')).json()).items.find((o: { name: string }) => o.name === 'Lyon');
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/organisations/${lyon.id}`);
    const brief = page.locator('#en-bref');
    await expect(brief.getByRole('heading', { level: 2, name: 'En bref' })).toBeVisible();
    // The demo declaration of Lyon: 620 M€ for the last complete year, above the 50 M€ threshold.
    await expect(brief.getByText('Concerné', { exact: true })).toBeVisible();
    await expect(brief.getByText('D’après le montant déclaré par un membre vérifié.')).toBeVisible();
    await expect(brief.getByText(/^620\s000\s000\s€ déclarés par un membre vérifié \(année \d{4}\)$/)).toBeVisible();
    await expect(brief.getByText('En préparation', { exact: true })).toBeVisible();
    await expect(brief.getByText(/^519\s127 habitants$/)).toBeVisible();
    // Other journeys may add Lyon members before this one (accounts.e2e): the count comes from the API.
    const members = lyon.membersCount as number;
    await expect(brief.getByText(members === 1 ? '1 membre vérifié sur Entraide.' : `${members} membres vérifiés sur Entraide.`)).toBeVisible();

    // Every detail section is folded, below the summary; no table shows before one is opened.
    // A visitor's page comes from the server (ADR 0037): its DECP indicators, far below the first screen,
    // are drawn when the reader scrolls near them (ADR 0039), their title and a loading line until then.
    // Scrolled by the page itself: the placeholder's heading is replaced as soon as it comes near.
    await page.evaluate(() => document.getElementById('decp-title')?.scrollIntoView());
    await expect(page.getByText('Chargement des indicateurs DECP…')).toHaveCount(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    const sections = ["Obligation d'adopter un SPASER", 'SPASER', 'Identité', 'Membres sur Entraide', /^Évolution par année/, /^Répartition des contrats notifiés en \d{4}$/, 'Comparaison avec des organisations similaires'];
    for (const name of sections) {
      const button = page.getByRole('button', { name, exact: typeof name === 'string' });
      await expect(button).toHaveAttribute('aria-expanded', 'false');
    }
    await expect(page.getByRole('table')).toHaveCount(0);
    const briefBox = (await brief.boundingBox())!;
    const firstDetail = (await page.getByRole('button', { name: "Obligation d'adopter un SPASER" }).boundingBox())!;
    expect(briefBox.y + briefBox.height).toBeLessThanOrEqual(firstDetail.y);
    await expectNoHorizontalOverflow(page, `fiche de Lyon (${width} px)`);
    await expectAccessible(page, `fiche de Lyon, en bref (${width} px)`);

    // Opened, a section shows its details: the reasons of the verdict, the charts and their tables.
    await page.getByRole('button', { name: "Obligation d'adopter un SPASER" }).click();
    await expect(page.getByText(/^Seuil applicable : 50\s000\s000\s€ d'achats annuels\.$/)).toBeVisible();
    await page.getByRole('button', { name: /^Évolution par année/ }).click();
    await expect(page.getByRole('table', { name: 'Marchés : considération sociale par année' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Marchés : part des contrats avec une considération sociale ou environnementale : valeurs' })).toBeVisible();
    await expectNoHorizontalOverflow(page, `fiche de Lyon, détails ouverts (${width} px)`);
    await expectAccessible(page, `fiche de Lyon, détails ouverts (${width} px)`);
  }
});

test('item 6: a chart over years marks the missing years and says « non renseigné » where no contract informed the field', async ({ page }) => {
  await signedIn(page, 'animation@entraide.example');
  const bastia = (await (await page.request.get('/api/organisations?q=bastia&kind=commune')).json()).items.find((o: { name: string }) => o.name === 'Bastia');
  expect(bastia.siren).toMatch(/^\d{9}$/);
  // Two marchés in the 2019 format (which has no considerations fields): one notified in 2019, one in
  // 2022, nothing in between.
  const marche = (id: string, date: string) => ({
    id,
    acheteur: { id: siretOf(bastia.siren), nom: 'Ville de Bastia' },
    nature: 'Marché',
    objet: `Entretien des espaces verts ${id}`,
    codeCPV: '77313000',
    procedure: 'Procédure adaptée',
    lieuExecution: { code: '2B033', typeCode: 'Code commune', nom: 'Bastia' },
    dureeMois: 12,
    dateNotification: date,
    datePublicationDonnees: date,
    montant: 90000,
    formePrix: 'Ferme',
    titulaires: [{ typeIdentifiant: 'SIRET', id: '81223113200026', denominationSociale: 'Garami SARL' }],
    modifications: [],
  });
  const file = { marches: [marche('2019BASTIA01', '2019-03-14'), marche('2022BASTIA01', '2022-05-20')] };
  await page.goto('/observatoire/import-decp');
  await page.getByLabel('Fichier DECP').setInputFiles({ name: 'bastia-2019-2022.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.getByRole('button', { name: 'Importer' }).click();
  await expect(page.getByRole('row', { name: /Nouveaux contrats 2/ })).toBeVisible();

  await page.goto(`/organisations/${bastia.id}`);
  await page.getByRole('button', { name: /^Évolution par année/ }).click();
  const values = page.getByRole('table', { name: 'Marchés : part des contrats avec une considération sociale ou environnementale : valeurs' });
  await expect(values).toBeVisible();
  // Four years, not two: 2020 and 2021 are there, said empty; 2019 and 2022 say « non renseigné », not 0 %.
  const rows = values.locator('tbody tr');
  await expect(rows).toHaveCount(4);
  const texts = async (row: Locator, n: number) => (await row.locator('td').allInnerTexts()).slice(0, n).map((t) => t.replace(/\s/g, ' ').trim());
  const cells = (i: number) => texts(rows.nth(i), 3);
  expect(await cells(0)).toEqual(['2019', 'non renseigné', 'non renseigné']);
  expect(await cells(1)).toEqual(['2020', 'aucune donnée', 'aucune donnée']);
  expect(await cells(2)).toEqual(['2021', 'aucune donnée', 'aucune donnée']);
  expect(await cells(3)).toEqual(['2022', 'non renseigné', 'non renseigné']);
  await expect(page.getByText('Aucune donnée pour 2020 et 2021 : ces années sont marquées, pas omises.')).toBeVisible();
  // The chart draws the same: two hatched gaps, and words instead of bars, no bar at all.
  const chart = page.getByRole('img', { name: /^Marchés : part des contrats avec une considération sociale ou environnementale/ });
  await expect(chart.locator('.entraide-chart-gap')).toHaveCount(2);
  await expect(chart.locator('text', { hasText: 'non renseigné' })).toHaveCount(4);
  await expect(chart.locator('rect:not(.entraide-chart-gap rect)')).toHaveCount(0);
  // The detail table counts the two marchés, says nothing informed, and keeps the empty years.
  const detail = page.getByRole('table', { name: 'Marchés : considération sociale par année' });
  expect(await texts(detail.locator('tbody tr').nth(0), 8)).toEqual(['2019', '1', '0', '0', '1', 'non renseigné', 'non renseigné', '0 %']);
  expect(await texts(detail.locator('tbody tr').nth(1), 2)).toEqual(['2020', 'aucune donnée']);
  await expectAccessible(page, 'fiche de Bastia, années manquantes');
  await page.setViewportSize({ width: 375, height: 800 });
  await expectNoHorizontalOverflow(page, 'fiche de Bastia (375 px)');
});

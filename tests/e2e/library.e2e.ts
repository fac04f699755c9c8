import type { Page } from '@playwright/test';
import { expect, test } from './platform.js';
import { makeDocx, makePdf } from '../helpers/documents.js';
import { DEMO_PASSWORD, expectAccessible, logIn } from './support.js';

// The library journeys, in the browser: a facilitator publishes a resource with a PDF → a member
// finds it by a word that appears only inside the PDF (accents left out), opens it, downloads it;
// a facilitator edits a published resource (title, files, links) and a collection (order, content,
// then deletes it) → a member sees the changes. Every page visited passes axe.
const FACILITATOR = 'animation@entraide.example';
const MEMBER = 'claire.martin@lyon.example';

async function signedIn(page: Page, email: string) {
  await logIn(page, email, DEMO_PASSWORD);
  await expect(page.getByRole('link', { name: 'Mon profil' }).first()).toBeVisible();
}

/** Searches `q` until the resource `title` is found: the text of files is extracted in a background job. */
async function expectFoundBy(page: Page, q: string, title: string) {
  await expect
    .poll(
      async () => {
        await page.goto(`/bibliotheque?q=${encodeURIComponent(q)}`);
        await expect(page.getByRole('status').filter({ hasText: /ressource/ })).toBeVisible();
        return page.getByRole('link', { name: title }).count();
      },
      { timeout: 60_000 },
    )
    .toBe(1);
}

test('a facilitator publishes a PDF, a member finds it by a word inside the PDF', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const title = `Solaire sur les parkings publics (${Date.now()})`;
  const pdf = await makePdf(["L'agrivoltaïsme et les ombrières photovoltaïques : retours de trois collectivités."]);

  await signedIn(page, FACILITATOR);
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Bibliothèque', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bibliothèque de ressources' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Démarrer son SPASER', exact: true })).toBeVisible();
  await expectAccessible(page, 'bibliothèque (animateur)');

  await page.getByRole('link', { name: 'Publier une ressource' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Publier une ressource' })).toBeVisible();
  // Bad input first: per-field French messages.
  await page.getByRole('button', { name: 'Publier', exact: true }).click();
  await expect(page.getByText('Choisissez le type de ressource.').first()).toBeVisible();
  await expectAccessible(page, 'publier une ressource, erreurs');

  await page.locator('#res-kind').selectOption('guide');
  await page.locator('#res-title').fill(title);
  await page.locator('#res-summary').fill('Un retour d’expérience sur les installations solaires des collectivités.');
  await page.getByText('Énergie', { exact: true }).click();
  await page.locator('#res-files').setInputFiles({ name: 'solaire.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expectAccessible(page, 'publier une ressource');
  await page.getByRole('button', { name: 'Publier', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('link', { name: /Télécharger solaire\.pdf/ })).toBeVisible();
  await expect(page.locator('iframe[title="Aperçu de solaire.pdf"]')).toBeVisible();
  await expectAccessible(page, 'ressource publiée');

  // The member searches a word found only in the PDF; extraction runs in a background job.
  const context = await browser.newContext();
  const member = await context.newPage();
  await signedIn(member, MEMBER);
  await member.goto('/bibliotheque');
  await expect(member.getByRole('heading', { level: 1, name: 'Bibliothèque de ressources' })).toBeVisible();
  await expectAccessible(member, 'bibliothèque (membre)');
  await expectFoundBy(member, 'agrivoltaisme', title);
  await expect(member.locator('mark', { hasText: /agrivoltaïsme/i })).toBeVisible();
  await expectAccessible(member, 'recherche dans la bibliothèque');

  await member.getByRole('link', { name: title }).click();
  await expect(member.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(member.getByText('Texte pris en compte par la recherche.')).toBeVisible();
  await expectAccessible(member, 'ressource (membre)');
  const response = await member.request.get(await member.getByRole('link', { name: /Télécharger solaire\.pdf/ }).getAttribute('href') as string);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');

  await member.goto('/bibliotheque');
  await member.getByRole('link', { name: 'Démarrer son SPASER', exact: true }).click();
  await expect(member.getByRole('heading', { level: 1, name: 'Démarrer son SPASER' })).toBeVisible();
  await expectAccessible(member, 'collection');
  await context.close();
});

test('a facilitator edits a published resource and a collection; a member sees the changes', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const stamp = Date.now();
  const title = `Réemploi des équipements (${stamp})`;
  const newTitle = `Réemploi du mobilier de bureau (${stamp})`;
  const inventaire = await makePdf(['Inventaire des chaises disponibles dans les services.']);
  const convention = await makePdf(['Convention type avec une ressourcerie partenaire.']);
  const plateforme = await makeDocx(['La plateforme interne de troc recense les armoires et les caissons.']);

  await signedIn(page, FACILITATOR);
  await page.goto('/bibliotheque/proposer');
  await expect(page.getByRole('heading', { level: 1, name: 'Publier une ressource' })).toBeVisible();
  await page.locator('#res-kind').selectOption('guide');
  await page.locator('#res-title').fill(title);
  await page.locator('#res-files').setInputFiles([
    { name: 'inventaire.pdf', mimeType: 'application/pdf', buffer: inventaire },
    { name: 'convention.pdf', mimeType: 'application/pdf', buffer: convention },
  ]);
  // Several links, by keyboard: « Ajouter un lien » puts the focus in the new row.
  await page.getByRole('button', { name: 'Ajouter un lien' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#res-link-0-label')).toBeFocused();
  await page.keyboard.type('Webinaire réemploi');
  await page.locator('#res-link-0-url').fill('video.example/reemploi');
  await page.getByRole('button', { name: 'Ajouter un lien' }).click();
  await expect(page.locator('#res-link-1-label')).toBeFocused();
  await page.locator('#res-link-1-label').fill('Guide national');
  await page.locator('#res-link-1-url').fill('https://guide.example/reemploi');
  await page.getByRole('button', { name: 'Ajouter un lien' }).click();
  await page.getByRole('button', { name: 'Retirer le lien 3' }).click();
  await expect(page.getByRole('button', { name: 'Ajouter un lien' })).toBeFocused();
  await page.getByRole('button', { name: 'Publier', exact: true }).click();
  // The error is on its row, and the summary links to it.
  await expect(page.locator('#res-link-0-url-error')).toHaveText("L'adresse doit commencer par https:// ou http://.");
  await expect(page.getByRole('link', { name: /Adresse du lien 1 : L'adresse doit commencer/ })).toBeVisible();
  await expectAccessible(page, 'publier une ressource, liens en erreur');
  await page.locator('#res-link-0-url').fill('https://video.example/reemploi');
  await page.getByRole('button', { name: 'Publier', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('link', { name: /Webinaire réemploi/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Guide national/ })).toBeVisible();

  // Editing: the same form, filled; a draft is kept in this browser while typing.
  await page.getByRole('link', { name: 'Modifier la ressource' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Modifier « ${title} »` })).toBeVisible();
  await expect(page.locator('#res-title')).toHaveValue(title);
  await expect(page.locator('#res-link-1-url')).toHaveValue('https://guide.example/reemploi');
  await expectAccessible(page, 'modifier une ressource');
  await page.locator('#res-title').fill('');
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await expect(page.getByRole('link', { name: 'Titre : Saisissez le titre.' })).toBeVisible();
  await page.locator('#res-title').fill(newTitle);
  await page.reload();
  await expect(page.locator('#res-title')).toHaveValue(newTitle);
  await expect(page.getByText('Brouillon restauré', { exact: false }).first()).toBeVisible();
  await page.getByText('Retirer « inventaire.pdf »').click();
  await page.locator('#res-files').setInputFiles({ name: 'plateforme.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: plateforme });
  await expectAccessible(page, 'modifier une ressource, brouillon');
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await expect(page.getByRole('heading', { level: 1, name: newTitle })).toBeVisible();
  await expect(page.getByText('Les modifications sont enregistrées.')).toBeVisible();
  await expect(page.getByText(/^Modifiée le .* par /)).toBeVisible();
  await expect(page.getByRole('link', { name: /Télécharger inventaire\.pdf/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Télécharger convention\.pdf/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Télécharger plateforme\.docx/ })).toBeVisible();
  await expectAccessible(page, 'ressource modifiée');
  const resourceUrl = page.url();

  // The member sees the new title and files, and finds the resource by a word of the added file.
  const context = await browser.newContext();
  const member = await context.newPage();
  await signedIn(member, MEMBER);
  await member.goto(resourceUrl);
  await expect(member.getByRole('heading', { level: 1, name: newTitle })).toBeVisible();
  await expect(member.getByRole('link', { name: /Télécharger inventaire\.pdf/ })).toHaveCount(0);
  await expect(member.getByRole('link', { name: /Télécharger plateforme\.docx/ })).toBeVisible();
  await expect(member.getByRole('link', { name: 'Modifier la ressource' })).toHaveCount(0);
  await expectFoundBy(member, 'caissons', newTitle);

  // A collection: created with the resource, then edited (title, another resource added and moved first).
  const collection = `Équipements de bureau (${stamp})`;
  // Two windows take turns: the one acted on is brought to the front first, since headless Chromium may
  // stop drawing frames for the other, and a click then waits forever for the element to be « stable ».
  await page.bringToFront();
  await page.goto('/bibliotheque/relecture');
  await page.locator('#collection-title').fill(`Brouillon ${stamp}`);
  await page.getByText(`${newTitle} (Guide)`).click();
  await page.getByRole('button', { name: 'Créer la collection' }).click();
  await page.getByRole('link', { name: 'Collections' }).click();
  await page.getByRole('link', { name: 'Modifier la collection' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Modifier la collection « Brouillon ${stamp} »` })).toBeVisible();
  await expectAccessible(page, 'modifier une collection');
  await page.locator('#collection-title').fill(collection);
  await page.getByLabel('Rechercher une ressource à ajouter').fill('insertion travaux');
  await page.getByRole('search', { name: 'Ajouter des ressources' }).getByRole('button', { name: 'Rechercher' }).click();
  await page.getByRole('button', { name: "Ajouter « Clause d'insertion sociale pour un marché de travaux »" }).click();
  await page.getByRole('button', { name: "Monter « Clause d'insertion sociale pour un marché de travaux »" }).click();
  await expect(page.getByRole('status').filter({ hasText: 'est maintenant en position 1' })).toBeVisible();
  await expect(page.getByRole('button', { name: "Descendre « Clause d'insertion sociale pour un marché de travaux »" })).toBeFocused();
  await expectAccessible(page, 'modifier une collection, ressources ajoutées');
  await page.getByRole('button', { name: 'Enregistrer la collection' }).click();
  await expect(page.getByRole('heading', { level: 1, name: collection })).toBeVisible();
  const order = page.getByRole('region', { name: 'Ressources' }).getByRole('heading', { level: 3 });
  await expect(order).toHaveText(["Clause d'insertion sociale pour un marché de travaux", newTitle]);
  const collectionUrl = page.url();

  await member.bringToFront();
  await member.goto(collectionUrl);
  await expect(member.getByRole('heading', { level: 1, name: collection })).toBeVisible();
  await expect(member.getByRole('region', { name: 'Ressources' }).getByRole('heading', { level: 3 })).toHaveText(["Clause d'insertion sociale pour un marché de travaux", newTitle]);
  await expect(member.getByRole('link', { name: 'Modifier la collection' })).toHaveCount(0);
  await expectAccessible(member, 'collection modifiée (membre)');

  // Deleting asks for confirmation; the resources stay.
  await page.bringToFront();
  await page.getByRole('link', { name: 'Modifier la collection' }).click();
  page.once('dialog', (d) => void d.dismiss());
  await page.getByRole('button', { name: 'Supprimer la collection' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Modifier la collection « ${collection} »` })).toBeVisible();
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Supprimer la collection' }).click();
  await expect(page.getByText('La collection a été supprimée.')).toBeVisible();
  await member.bringToFront();
  await member.goto(collectionUrl);
  await expect(member.getByText("Cette collection n'existe pas.")).toBeVisible();
  await member.goto(resourceUrl);
  await expect(member.getByRole('heading', { level: 1, name: newTitle })).toBeVisible();
  await context.close();
});

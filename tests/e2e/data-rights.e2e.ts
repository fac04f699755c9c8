import fs from 'node:fs';
import { expect, test } from './platform.js';
import { call, expectAccessible, linkIn, logIn, signedIn, waitForMail } from './support.js';

// Issue 12, item 7, in the browser: a fresh member (signed up, verified in Lyon by the e-mail domain,
// one question asked) downloads their data from the profile page, deletes the account after the
// confirmation step, cannot log in any more, and their question now reads « Membre supprimé ».
// Every page visited passes axe.
test('item 7: download my data, delete my account, cannot log in anymore', async ({ page, browser }) => {
  const stamp = Date.now();
  const email = `e2e.depart.${stamp}@lyon.example`;
  const password = 'un mot de passe pour partir';
  const title = `Question laissée par un membre qui part ${stamp}`;

  // A fresh member, signed up and confirmed through the real SMTP receiver.
  await page.request.get('/api/session');
  await call(page, 'POST', '/api/auth/signup', { email, password, firstName: 'Paula', lastName: `Départ${stamp}`, acceptTerms: true });
  await page.goto(linkIn(await waitForMail(email, /Confirmez votre adresse e-mail/), '/confirmer-email?jeton='));
  await expect(page.getByText('Adresse confirmée').first()).toBeVisible();
  await logIn(page, email, password);
  await expect(page.getByRole('link', { name: 'Mon profil' }).first()).toBeVisible();
  // Lyon declares the lyon.example domain: the request is verified at once. Then one question.
  const lyon = (await (await page.request.get('/api/organisations?q=lyon')).json()).items.find((o: { name: string }) => o.name === 'Lyon');
  expect((await call(page, 'POST', `/api/organisations/${lyon.id}/membership-requests`, { message: '' })).status).toBe('verified');
  const question = await call(page, 'POST', '/api/help/questions', {
    spaceId: '00000000-0000-4000-8000-00000000c0de',
    title,
    body: 'Nous voulons suivre les heures d’insertion de nos marchés.',
    theme: 'indicateurs',
    tags: [],
  });

  // Download everything from the profile page.
  await page.goto('/mon-profil');
  await expect(page.getByRole('heading', { level: 2, name: 'Mes données' })).toBeVisible();
  await expectAccessible(page, 'mon profil, mes données');
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: /Télécharger toutes mes données/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^entraide-mes-donnees-\d{4}-\d\d-\d\d\.json$/);
  const data = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
  expect(data.accounts.profile).toMatchObject({ email, firstName: 'Paula', lastName: `Départ${stamp}` });
  expect(data.organisations.memberships).toEqual([expect.objectContaining({ organisationName: 'Lyon', status: 'verified', decidedVia: 'domain' })]);
  expect(data.helpspace.posts).toEqual([expect.objectContaining({ id: question.id, kind: 'question', title })]);

  // Delete: a confirmation step, refused without the password and the box, then done.
  await page.getByRole('button', { name: 'Supprimer mon compte…' }).click();
  await expect(page.getByRole('heading', { name: 'Confirmer la suppression de votre compte' })).toBeFocused();
  await expectAccessible(page, 'mon profil, confirmation de la suppression');
  await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
  await expect(page.getByRole('link', { name: /Mot de passe : Saisissez votre mot de passe/ })).toBeVisible();
  await expectAccessible(page, 'mon profil, suppression avec erreurs');
  await page.getByLabel('Mot de passe', { exact: true }).fill('pas le bon mot de passe');
  await page.locator('#delete-confirm-0').check({ force: true });
  await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
  await expect(page.getByText('Le mot de passe est incorrect.').first()).toBeVisible();
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText('Votre compte est supprimé. Vos contributions restent visibles sous « Membre supprimé ».')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Mon profil' })).toHaveCount(0);
  await expectAccessible(page, 'accueil après la suppression');

  // The account is gone: the login form refuses the address and the password.
  await logIn(page, email, password);
  await expect(page.getByText('Adresse e-mail ou mot de passe incorrect.').first()).toBeVisible();
  await expectAccessible(page, 'connexion refusée après la suppression');

  // A verified member reads the question under « Membre supprimé ».
  const reader = await (await browser.newContext()).newPage();
  await signedIn(reader, 'claire.martin@lyon.example');
  await reader.goto(`/entraide/questions/${question.id}`);
  await expect(reader.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(reader.getByText('Membre supprimé').first()).toBeVisible();
  await expect(reader.getByText(`Départ${stamp}`)).toHaveCount(0);
  await expectAccessible(reader, 'question d’un membre supprimé');

  // The privacy page says what deletion does.
  await page.goto('/donnees-personnelles');
  await expect(page.getByRole('heading', { level: 2, name: 'Suppression de votre compte' })).toBeVisible();
  await expectAccessible(page, 'données personnelles');
});

import { expect, test } from './platform.js';
import { DEMO_PASSWORD, expectAccessible, linkIn, logIn, waitForMail } from './support.js';

// The founding journey, in the browser: sign up → verification e-mail (real SMTP receiver) →
// verify → log in → ask to join an organisation → approved by a verified colleague → edit the
// profile → log out; every page visited passes axe.
test('sign up, verify, join Lyon, get approved, edit the profile, log out', async ({ page, browser }) => {
  // Two people, two e-mails and an axe check on every page: 84–90 s at a load of 10 on the 2-core
  // machine, past the default 90 s budget once in two runs; the budget of the other long journeys.
  test.setTimeout(180_000);
  const email = `amelie.dupont.${Date.now()}@exemple-acheteur.test`;
  const password = 'un mot de passe vraiment solide';

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page, 'accueil');

  await page.getByRole('link', { name: 'Créer un compte' }).first().click();
  await expect(page).toHaveURL(/\/inscription$/);
  await expectAccessible(page, 'inscription');
  // Bad input first: French messages per field, nothing lost.
  await page.locator('#signup-email').fill('pas-une-adresse');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page.getByText("L'adresse e-mail n'est pas valide (exemple : prenom.nom@ville.fr).").first()).toBeVisible();
  await expectAccessible(page, 'inscription avec erreurs');

  await page.locator('#signup-firstName').fill('Amélie');
  await page.locator('#signup-lastName').fill('Dupont');
  await page.locator('#signup-email').fill(email);
  await page.locator('#signup-password').fill(password);
  await page.locator('#signup-terms-0').check({ force: true });
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page.getByRole('heading', { name: 'Vérifiez votre boîte e-mail' })).toBeVisible();
  await expectAccessible(page, 'inscription réussie');

  const welcome = await waitForMail(email, /Confirmez votre adresse e-mail sur Entraide/);
  await page.goto(linkIn(welcome, '/confirmer-email?jeton='));
  await expect(page.getByText('Adresse confirmée').first()).toBeVisible();
  await expectAccessible(page, 'confirmation de l’adresse');

  await logIn(page, email, password);
  await expect(page.getByRole('link', { name: 'Mon profil' }).first()).toBeVisible();

  // Ask to join Lyon, found by a name typed without capitals.
  await page.goto('/organisations?q=lyon');
  await expectAccessible(page, 'recherche d’organisations');
  await page.getByRole('link', { name: 'Lyon', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lyon' })).toBeVisible();
  await expectAccessible(page, 'fiche de Lyon');
  const lyonUrl = page.url();
  await page.getByRole('textbox', { name: /Message pour les personnes/ }).fill('Je rejoins la direction de la commande publique.');
  await page.getByRole('button', { name: /Demander à rejoindre/ }).click();
  await expect(page.getByText('Votre demande est en attente de validation.').first()).toBeVisible();

  // A verified colleague of Lyon (demo account) approves it.
  const colleagueContext = await browser.newContext();
  const colleague = await colleagueContext.newPage();
  await logIn(colleague, 'claire.martin@lyon.example', DEMO_PASSWORD);
  await expect(colleague.getByRole('link', { name: 'Mon profil' }).first()).toBeVisible();
  await colleague.goto(`${new URL(lyonUrl).pathname}#demandes`);
  const row = colleague.getByRole('row').filter({ hasText: email });
  await expect(row).toBeVisible();
  await expectAccessible(colleague, 'fiche de Lyon, demandes en attente');
  await row.getByRole('button', { name: /Approuver/ }).click();
  await expect(colleague.getByText('Aucune demande en attente.')).toBeVisible();
  await colleagueContext.close();

  await waitForMail(email, /Vous êtes membre vérifié de Lyon/);
  await page.goto('/mon-organisation');
  await expect(page.getByText('Membre vérifié').first()).toBeVisible();
  await expectAccessible(page, 'mon organisation');

  await page.goto('/mon-profil');
  await page.locator('#profile-jobTitle').fill('Responsable des achats responsables');
  await page.getByRole('button', { name: 'Enregistrer mon profil' }).click();
  await expect(page.getByText('Profil enregistré.').first()).toBeVisible();
  await expectAccessible(page, 'mon profil');

  // Verified now: the directory is open and shows the demo colleague, without e-mails.
  await page.goto('/annuaire');
  await expect(page.getByText('Claire Martin').first()).toBeVisible();
  await expect(page.getByText('claire.martin@lyon.example')).toHaveCount(0);
  await expectAccessible(page, 'annuaire');

  // A member's profile (issue 20, item 3): her organisation and SPASER status, still no e-mail.
  await page.getByRole('link', { name: 'Claire Martin' }).first().click();
  await expect(page).toHaveURL(/\/annuaire\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Claire Martin' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Organisation et SPASER' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Lyon/ }).first()).toBeVisible();
  await expect(page.getByText('claire.martin@lyon.example')).toHaveCount(0);
  await expectAccessible(page, 'profil d’un membre');

  // Logging out from a page for members lands on the home page with its message (not on the login
  // page the directory's guard would send an anonymous visitor to).
  await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText('Vous êtes déconnecté.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Se connecter' }).first()).toBeVisible();
});

test('password reset by e-mail', async ({ page }) => {
  const email = 'marc.rossi@ajaccio.example';
  await page.goto('/connexion');
  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await expect(page).toHaveURL(/\/mot-de-passe\/oubli$/);
  await expectAccessible(page, 'mot de passe oublié');
  await page.locator('#forgot-email').fill(email);
  await page.getByRole('button', { name: 'Recevoir un lien' }).click();
  await expect(page.getByText('Demande envoyée').first()).toBeVisible();

  const mail = await waitForMail(email, /Réinitialisation de votre mot de passe Entraide/);
  await page.goto(linkIn(mail, '/mot-de-passe/nouveau?jeton='));
  await expectAccessible(page, 'nouveau mot de passe');
  await page.locator('#reset-password').fill('court');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(page.getByText('Le mot de passe doit comporter au moins 12 caractères.').first()).toBeVisible();
  await page.locator('#reset-password').fill('nouveau mot de passe de Marc');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(page.getByText('Mot de passe modifié').first()).toBeVisible();

  await logIn(page, email, DEMO_PASSWORD);
  await expect(page.getByText('Adresse e-mail ou mot de passe incorrect.').first()).toBeVisible();
  await expectAccessible(page, 'connexion refusée');
  await logIn(page, email, 'nouveau mot de passe de Marc');
  await expect(page.getByRole('link', { name: 'Mon profil' }).first()).toBeVisible();
});

import { expect, test } from './platform.js';
import { apiLogin, call, DEMO_PASSWORD, expectAccessible, expectNoHorizontalOverflow, linkIn, signedIn, waitForMail } from './support';

// Issue 20, items 4–5, in Chromium: a member finds a peer with « Trouver de l'aide », asks her for a
// contact from her profile; the other opens the e-mail's link, logs in, accepts; then both see each
// other's address — axe on every page.
const A = { email: 'gaelle.le-bihan@nantesmetropole.example', name: 'Gaëlle Le Bihan' };
const B = { email: 'nathalie.petit@bordeaux.example', name: 'Nathalie Petit' };
const MESSAGE = 'Bonjour Nathalie, Nantes Métropole prépare des clauses environnementales pour ses marchés d’énergie : pourriez-vous me raconter comment Bordeaux a procédé ?';

test('ask for a contact, accept from the e-mail link, both see each other’s address', async ({ page, browser }) => {
  // B wants news of this category at once (the rhythm every member chooses per category).
  const b = await apiLogin(browser, B.email);
  await call(b.page, 'PUT', '/api/notifications/preferences', { categories: { mises_en_relation: 'immediately' } });
  await b.page.context().close();

  // From « Mon profil », « Trouver de l'aide »: asking about environmental clauses, B comes with her
  // reason (she declares that expertise in the demo), and her name opens her profile.
  await signedIn(page, A.email);
  await page.goto('/mon-profil');
  await page.getByRole('link', { name: "Trouver de l'aide" }).click();
  await page.locator('#peers-theme').selectOption({ label: 'Clauses environnementales' });
  await page.getByRole('button', { name: 'Actualiser les suggestions' }).click();
  const suggestion = page.getByRole('listitem').filter({ hasText: B.name });
  await expect(suggestion).toContainText(/expertise déclarée : « Clauses environnementales »/i);
  await suggestion.getByRole('link', { name: B.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: B.name })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Mise en relation' })).toBeVisible();
  await expect(page.getByText(B.email)).toHaveCount(0);
  await expectAccessible(page, 'profil d’un membre, mise en relation possible');

  // The form: a message too short is refused in French; a typed message survives a reload.
  await page.getByRole('button', { name: 'Demander une mise en relation' }).click();
  const field = page.getByLabel('Votre message');
  await field.fill('Bonjour !');
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await expect(page.getByText(/Votre message est trop court/).first()).toBeVisible();
  await expectAccessible(page, 'demande de mise en relation, message trop court');
  await field.fill(MESSAGE);
  await page.reload();
  await expect(page.getByLabel('Votre message')).toHaveValue(MESSAGE);
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await expect(page.getByText('Demande envoyée').first()).toBeVisible();
  await page.reload();
  await expect(page.getByText('Votre demande de mise en relation attend la réponse de ce membre.')).toBeVisible();
  await expectAccessible(page, 'profil d’un membre, demande en attente');

  // B receives the e-mail with the link, opens it without a session, logs in, lands on the request.
  const mail = await waitForMail(B.email, /vous demande une mise en relation/);
  expect(mail.subject).toBe(`${A.name} vous demande une mise en relation.`);
  expect(mail.text).toContain('clauses environnementales');
  expect(mail.text).not.toContain(A.email);
  const link = linkIn(mail, '/mises-en-relation/');
  const bContext = await browser.newContext();
  const bPage = await bContext.newPage();
  await bPage.goto(link);
  await expect(bPage).toHaveURL(/\/connexion\?suite=/);
  await bPage.getByLabel('Adresse e-mail').fill(B.email);
  await bPage.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD);
  await bPage.getByRole('button', { name: 'Se connecter' }).click();
  await expect(bPage).toHaveURL(new RegExp(`${link}$`));
  await expect(bPage.getByRole('heading', { level: 1, name: 'Demande de mise en relation' })).toBeVisible();
  await expect(bPage.getByText('clauses environnementales')).toBeVisible();
  await expect(bPage.getByText(A.email)).toHaveCount(0);
  await expectAccessible(bPage, 'une demande de mise en relation reçue');

  // At 375 px too: no sideways scroll, axe clean.
  await bPage.setViewportSize({ width: 375, height: 800 });
  await expectNoHorizontalOverflow(bPage, 'demande de mise en relation à 375 px');
  await expectAccessible(bPage, 'une demande de mise en relation reçue, 375 px');
  await bPage.setViewportSize({ width: 1280, height: 800 });

  await bPage.getByRole('button', { name: 'Accepter et partager nos adresses e-mail' }).click();
  await expect(bPage.getByText(/Vous avez accepté/).first()).toBeVisible();
  await expect(bPage.getByRole('link', { name: A.email })).toHaveAttribute('href', `mailto:${A.email}`);
  await expectAccessible(bPage, 'une demande de mise en relation acceptée');
  await bPage.goto('/mises-en-relation');
  await expect(bPage.getByRole('link', { name: A.email })).toBeVisible();
  await expectAccessible(bPage, 'mes mises en relation (destinataire)');
  await bContext.close();

  // A sees B's address: on her list, on the request's page, on B's profile.
  await page.goto('/mon-profil');
  await page.getByRole('link', { name: 'Mes mises en relation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes mises en relation' })).toBeVisible();
  await expect(page.getByRole('link', { name: B.email })).toHaveAttribute('href', `mailto:${B.email}`);
  await expectAccessible(page, 'mes mises en relation (demandeuse)');
  await page.getByRole('link', { name: 'Voir la demande' }).first().click();
  await expect(page.getByRole('link', { name: B.email })).toBeVisible();
  await expectAccessible(page, 'une demande de mise en relation envoyée et acceptée');
  await page.getByRole('link', { name: 'Voir sa fiche de membre' }).or(page.getByRole('link', { name: B.name })).first().click();
  await expect(page.getByRole('heading', { level: 1, name: B.name })).toBeVisible();
  await expect(page.getByRole('link', { name: B.email })).toHaveAttribute('href', `mailto:${B.email}`);
  await expectAccessible(page, 'profil d’un membre en relation');
});

import { expect, test } from './platform.js';
import { expectAccessible, linkIn, PROCONNECT_E2E_EXISTING as AGENT, signInAtProConnect, waitForMail } from './support.js';

// Issue 21: a ProConnect identity carries the e-mail of an existing account (Thomas Guérin's, of the
// demo). Instead of the account's password, the agent asks for a confirmation link by e-mail; the
// link opened in another browser links nothing; opened in the browser of the sign-in it links the
// identity and signs the agent in; opened again it has served. Every page visited passes axe.
test('links a ProConnect identity to an existing account by the e-mailed link', async ({ page, browser }) => {
  await page.goto('/connexion');
  await page.getByRole('link', { name: /S’identifier avec\s*ProConnect/ }).click();
  await signInAtProConnect(page, AGENT.login);

  // The account exists: the link page names its address and offers the password or an e-mail.
  await expect(page).toHaveURL(/\/connexion\/proconnect$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Lier votre identité ProConnect à votre compte' })).toBeVisible();
  await expect(page.getByText(AGENT.identity.email).first()).toBeVisible();
  await expectAccessible(page, 'liaison ProConnect');

  await page.getByRole('button', { name: 'Recevoir un lien de confirmation par e-mail' }).click();
  const sent = page.locator(':focus');
  await expect(sent).toContainText('Lien envoyé');
  await expect(sent).toContainText(`Un lien de confirmation vient d'être envoyé à ${AGENT.identity.email}`);
  await expect(page.getByRole('button', { name: 'Renvoyer un lien de confirmation' })).toBeVisible();
  await expectAccessible(page, 'liaison ProConnect, lien envoyé');

  const mail = await waitForMail(AGENT.identity.email, /Lier votre identité ProConnect/);
  const link = linkIn(mail, '/connexion/proconnect/confirmer?jeton=');

  // Another browser (someone who clicks a link they did not ask for) links nothing.
  const other = await (await browser.newContext()).newPage();
  await other.goto(link);
  await expect(other.getByRole('heading', { level: 1, name: 'Liaison de votre identité ProConnect' })).toBeVisible();
  await expect(other.getByText('ne correspond pas à la connexion avec ProConnect en cours dans ce navigateur')).toBeVisible();
  await expect(other.getByText('Rien n\'a été modifié.')).toBeVisible();
  expect((await other.request.get('/api/me')).status()).toBe(401);
  await expectAccessible(other, 'lien de confirmation dans un autre navigateur');
  await other.context().close();

  // The browser of the sign-in: linked, signed in, on its organisation's page.
  await page.goto(link);
  await expect(page).toHaveURL(/\/mon-organisation$/);
  await expect(page.getByText('Bienvenue, Thomas : votre identité ProConnect est liée à votre compte.')).toBeVisible();
  await expect(page.getByText('Rezé').first()).toBeVisible();
  await expectAccessible(page, 'mon organisation après liaison par e-mail');
  const me = await page.evaluate(async () => (await fetch('/api/me')).json());
  expect(me).toMatchObject({ email: AGENT.identity.email, firstName: 'Thomas', verified: true });
  expect(me.memberships).toContainEqual(expect.objectContaining({ organisationName: expect.stringContaining('Rezé'), status: 'verified' }));

  // The link served once.
  await page.goto(link);
  await expect(page.getByText('Ce lien de confirmation a déjà servi.')).toBeVisible();
  await expectAccessible(page, 'lien de confirmation déjà utilisé');
});

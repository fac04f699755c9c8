import { expect, test } from './platform.js';
import { expectAccessible, PROCONNECT_E2E, signInAtProConnect } from './support.js';

// Issue 21: an agent clicks « S'identifier avec ProConnect », signs in on the provider's own login
// page (a real oidc-provider on 127.0.0.1), and comes back a verified member of Lyon, their
// organisation, without waiting for anyone; then logs out of both. Every platform page passes axe.
test('signs in with ProConnect through the provider’s login page and arrives a verified member of Lyon', async ({ page }) => {
  await page.goto('/connexion');
  const button = page.getByRole('link', { name: /S’identifier avec\s*ProConnect/ });
  await expect(button).toBeVisible();
  await expect(page.getByRole('link', { name: /Qu’est-ce que ProConnect/ })).toBeVisible();
  await expectAccessible(page, 'connexion avec ProConnect');
  await page.goto('/inscription');
  await expect(page.getByRole('link', { name: /S’identifier avec\s*ProConnect/ })).toBeVisible();
  await expectAccessible(page, 'inscription avec ProConnect');

  await page.getByRole('link', { name: /S’identifier avec\s*ProConnect/ }).click();
  await signInAtProConnect(page, PROCONNECT_E2E.login);

  // Back on the platform: a new account completes its profile first.
  await expect(page).toHaveURL(/\/mon-profil$/);
  await expect(page.locator('#main-content, main').first()).toBeVisible();
  await expectAccessible(page, 'profil après ProConnect');

  await page.goto('/mon-organisation');
  await expect(page.getByText('Lyon').first()).toBeVisible();
  await expectAccessible(page, 'mon organisation après ProConnect');
  const me = await page.evaluate(async () => (await fetch('/api/me')).json());
  expect(me).toMatchObject({ email: PROCONNECT_E2E.identity.email, firstName: 'Nadia', lastName: 'Haddad', verified: true });
  expect(me.memberships).toEqual([expect.objectContaining({ organisationName: expect.stringContaining('Lyon'), status: 'verified' })]);
});

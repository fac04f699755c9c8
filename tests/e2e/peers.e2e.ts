import { expect, test } from './platform.js';
import { expectAccessible, horizontalOverflow, signedIn } from './support.js';

// Issue 20, item 4: from « Mon profil », « Trouver de l'aide » lists peers with the reason of each,
// a theme re-ranks them (keyboard only), and a suggestion opens the member's profile; axe on each page,
// and the suggestions page at 375 px wide. Yann Le Goff (Rennes) is a demo buyer; Claire Martin
// (Lyon) declares « Indicateurs et suivi » in the demo, so asking for that theme brings a reason about it.
test("« Trouver de l'aide »: peers ranked with their reasons, re-ranked by a theme", async ({ page }) => {
  await signedIn(page, 'yann.le-goff@rennes.example');
  await page.goto('/mon-profil');
  await page.getByRole('link', { name: "Trouver de l'aide" }).click();
  await expect(page).toHaveURL(/\/trouver-de-l-aide$/);
  await expect(page.getByRole('heading', { level: 1, name: "Trouver de l'aide" })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Suggestions pour Rennes' })).toBeVisible();
  const cards = page.getByRole('listitem').filter({ hasText: 'Pourquoi :' });
  await expect(cards.first()).toBeVisible();
  // Never oneself, never an e-mail address.
  await expect(cards.filter({ hasText: 'Yann Le Goff' })).toHaveCount(0);
  await expect(page.getByText(/@[a-z-]+\.example/)).toHaveCount(0);
  await expectAccessible(page, "trouver de l'aide");

  // Keyboard only: choose the theme, then submit with Enter on the button.
  await page.locator('#peers-theme').focus();
  await page.locator('#peers-theme').selectOption({ label: 'Indicateurs et suivi' });
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Actualiser les suggestions' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/sujet=indicateurs/);
  await expect(cards.filter({ hasText: /Indicateurs et suivi/ }).first()).toBeVisible();
  const claire = cards.filter({ hasText: 'Claire Martin' });
  // First or not (a journey may have given her a useful answer on indicators since), the reason names it.
  await expect(claire).toContainText(/expertise déclarée : « Indicateurs et suivi »/i);
  await expectAccessible(page, "trouver de l'aide, thème");

  await page.setViewportSize({ width: 375, height: 800 });
  expect((await horizontalOverflow(page)).offenders).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });

  await claire.getByRole('link', { name: 'Claire Martin' }).click();
  await expect(page).toHaveURL(/\/annuaire\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Claire Martin' })).toBeVisible();

  // The member directory sorted by relevance (item 7): the same ranking, each card with its reason.
  await page.goto('/annuaire');
  await page.locator('#directory-sort').selectOption({ label: 'Pertinence pour mon organisation' });
  await page.getByRole('search', { name: 'Filtrer les membres' }).getByRole('button', { name: 'Rechercher' }).click();
  await expect(page).toHaveURL(/tri=pertinence/);
  await expect(page.getByRole('listitem').filter({ hasText: 'Pourquoi :' }).first()).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Yann Le Goff' })).toHaveCount(0);
  await expectAccessible(page, 'annuaire par pertinence');
});

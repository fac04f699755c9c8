import { expect, test } from './platform.js';
import { expectAccessible, PROCONNECT_E2E_UNKNOWN_SIREN as AGENT, signedIn, signInAtProConnect } from './support.js';

// Issue 21: an agent whose ProConnect SIRET names a SIREN the platform does not know signs in on the
// provider's own login page; the platform creates the organisation pending, flagged « à vérifier », and
// the agent's membership is a request. An admin finds it in the requests' queue, opens the
// organisation, is refused an empty name (nothing changes), then gives its real name and type: the
// flag goes and the page says so. The administration's organisations list, filtered « à vérifier »,
// counts and lists it before, and no longer after. Every page visited passes axe.
const siren = AGENT.identity.siret.slice(0, 9); // 130025265
const sirenShown = `${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)}`; // 130 025 265
const realName = 'Direction interministérielle du numérique';
const agentName = `${AGENT.identity.given_name} ${AGENT.identity.usual_name}`; // Théo Marchand

test('an organisation created from an unknown SIREN waits for an admin, who checks its name and type', async ({ page, browser }) => {
  // Two browsers and seven pages checked by axe: more than the default 90 s on a loaded machine (a
  // second try cannot pass: the first one has already created the account and the organisation).
  test.setTimeout(180_000);
  await page.goto('/connexion');
  await page.getByRole('link', { name: /S’identifier avec\s*ProConnect/ }).click();
  await signInAtProConnect(page, AGENT.login);

  // A new account: its profile first, where the membership is a request, not a verified one.
  await expect(page).toHaveURL(/\/mon-profil$/);
  const memberships = page.getByRole('table', { name: 'Mes demandes d’adhésion et leur statut' });
  await expect(memberships).toBeVisible();
  const row = memberships.getByRole('row').filter({ hasText: siren });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Organisation à vérifier');
  await expect(row).toContainText('En attente de validation');
  await expect(row).not.toContainText('Membre vérifié');
  await expectAccessible(page, 'profil après ProConnect, SIREN inconnu');

  await page.goto('/mon-organisation');
  const mine = page.getByRole('row').filter({ hasText: siren });
  await expect(mine).toContainText('En attente de validation');
  await expectAccessible(page, 'mon organisation, demande issue de ProConnect');

  // An admin, in their own browser: the administration's requests queue lists the request, the
  // SIRET ProConnect gave, and the organisation flagged « à vérifier ».
  const adminPage = await (await browser.newContext()).newPage();
  await signedIn(adminPage, 'admin@entraide.example');
  // The administration's organisations, filtered « à vérifier »: counted, listed, each with a link to check it.
  await adminPage.goto('/admin/organisations');
  const toReview = adminPage.getByRole('button', { name: /^À vérifier \(\d+\)$/ });
  await expect(toReview).toHaveAttribute('aria-pressed', 'false');
  const flaggedBefore = Number((await toReview.textContent())!.match(/\((\d+)\)/)![1]);
  expect(flaggedBefore).toBeGreaterThanOrEqual(1);
  await toReview.click();
  await expect(adminPage).toHaveURL(/filtre=a-verifier/);
  await expect(toReview).toHaveAttribute('aria-pressed', 'true');
  await expect(adminPage.getByRole('heading', { level: 2, name: 'Organisations à vérifier' })).toBeVisible();
  await expect(adminPage.getByText(/^\d+ organisations? à vérifier\.$/)).toHaveText(flaggedBefore === 1 ? '1 organisation à vérifier.' : `${flaggedBefore} organisations à vérifier.`);
  const listed = adminPage.getByRole('table', { name: 'Organisations à vérifier' }).getByRole('row').filter({ hasText: siren });
  await expect(listed).toHaveCount(1);
  await expect(listed.getByRole('link', { name: /^Vérifier — Organisation à vérifier/ })).toBeVisible();
  await expectAccessible(adminPage, 'organisations filtrées « à vérifier »');
  await adminPage.goto('/admin');
  await expectAccessible(adminPage, 'administration');
  await adminPage.getByRole('link', { name: 'Demandes d\'adhésion' }).click();
  await expect(adminPage.getByRole('heading', { level: 1, name: 'Demandes d\'adhésion en attente' })).toBeVisible();
  const request = adminPage.getByRole('row').filter({ hasText: agentName });
  await expect(request).toHaveCount(1);
  await expect(request).toContainText(AGENT.identity.email);
  await expect(request).toContainText(`SIREN ${sirenShown}`);
  await expect(request).toContainText(`SIRET transmis par ProConnect : ${AGENT.identity.siret}`);
  await expect(request).toContainText('Organisation à vérifier (créée depuis ProConnect)');
  await expectAccessible(adminPage, 'demandes d’adhésion, organisation à vérifier');

  await request.getByRole('link', { name: new RegExp(`SIREN ${siren}`) }).click();
  const review = adminPage.getByRole('region', { name: 'Organisation à vérifier' });
  await expect(review).toBeVisible();
  await expect(review).toContainText(`SIREN ${siren}`);
  await expect(review.getByLabel('Nom de l’organisation')).toHaveValue(new RegExp(siren));
  await expect(review.getByLabel('Type d’organisation')).toHaveValue('autre');
  const orgUrl = adminPage.url();
  const heading = adminPage.getByRole('heading', { level: 1 });
  await expect(heading).toContainText(siren);
  await expectAccessible(adminPage, 'organisation à vérifier');

  // Bad input: an empty name is refused in French, next to the field, and nothing is saved.
  await review.getByLabel('Nom de l’organisation').fill('   ');
  await review.getByLabel('Type d’organisation').selectOption({ label: 'Service de l\'État' });
  await review.getByRole('button', { name: 'Enregistrer la vérification' }).click();
  await expect(review.getByRole('link', { name: 'Nom de l’organisation : Saisissez le nom.' })).toBeVisible();
  await expect(review.getByLabel('Nom de l’organisation')).toHaveAccessibleDescription(/Saisissez le nom\./);
  await expect(review.getByLabel('Type d’organisation')).not.toHaveAccessibleDescription(/Choisissez/);
  await expectAccessible(adminPage, 'vérification refusée : nom vide');
  await adminPage.reload();
  await expect(heading).toContainText(siren);
  await expect(review).toBeVisible();
  await expect(review.getByLabel('Type d’organisation')).toHaveValue('autre');

  // The real name and type: saved, the flag is gone, and the page says so.
  await review.getByLabel('Nom de l’organisation').fill(realName);
  await review.getByLabel('Type d’organisation').selectOption({ label: 'Service de l\'État' });
  await review.getByRole('button', { name: 'Enregistrer la vérification' }).click();
  await expect(heading).toHaveText(realName);
  await expect(adminPage.getByRole('region', { name: 'Organisation à vérifier' })).toHaveCount(0);
  // The confirmation stays, focused, though the form went with the flag.
  const saved = adminPage.locator(':focus');
  await expect(saved).toContainText('Organisation vérifiée.');
  await expect(saved).toContainText('plus signalée « à vérifier »');
  await expect(saved).toBeVisible();
  await expectAccessible(adminPage, 'organisation vérifiée');

  // It stays so: the page again, and the queue, where the request still waits, without the flag.
  await adminPage.goto(orgUrl);
  await expect(heading).toHaveText(realName);
  await expect(adminPage.getByRole('region', { name: 'Organisation à vérifier' })).toHaveCount(0);
  await adminPage.goto('/admin/organisations?filtre=a-verifier');
  await expect(adminPage.getByRole('button', { name: `À vérifier (${flaggedBefore - 1})` })).toHaveAttribute('aria-pressed', 'true');
  await expect(adminPage.getByRole('row').filter({ hasText: siren })).toHaveCount(0);
  await expectAccessible(adminPage, 'organisations à vérifier après vérification');
  await adminPage.goto('/admin/demandes-adhesion');
  const after = adminPage.getByRole('row').filter({ hasText: agentName });
  await expect(after).toContainText(realName);
  await expect(after).not.toContainText('Organisation à vérifier');
  await expectAccessible(adminPage, 'demandes d’adhésion après vérification');

  // The agent sees the organisation's real name; their membership still waits for a decision.
  await page.goto('/mon-organisation');
  const checked = page.getByRole('row').filter({ hasText: realName });
  await expect(checked).toContainText('En attente de validation');
  await expectAccessible(page, 'mon organisation après vérification');
  await adminPage.context().close();
});

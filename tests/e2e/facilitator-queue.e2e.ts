import { expect, test } from './platform.js';
import { expectAccessible, signedIn, waitForMail } from './support.js';

// Issue 15, item 5, in Chromium: the facilitators' queue of membership requests, decided in place
// (at 375 px, with the keyboard), and the contact form sent by a visitor; every state passes axe.

test('a facilitator approves the oldest request from the queue, in place, at 375 px and with the keyboard', async ({ page }) => {
  await signedIn(page, 'animation@entraide.example');
  await page.goto('/admin');
  await page.getByRole('link', { name: "Demandes d'adhésion" }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Demandes d'adhésion en attente" })).toBeVisible();
  await page.setViewportSize({ width: 375, height: 812 });

  // Oldest first: the demo's request of two days ago (Karim Haddad, Grenoble), whose domain is not
  // Grenoble's, then Léa Moreau's for Strasbourg, whose domain is.
  const rows = page.locator('table tbody tr');
  await expect(rows.first()).toContainText('Karim Haddad');
  await expect(rows.first()).toContainText('@metropole-grenoble.example');
  await expect(rows.first()).toContainText('Domaine non déclaré');
  await expect(rows.first()).toContainText('Domaine déclaré : grenoble.example.');
  const lea = rows.filter({ hasText: 'Léa Moreau' });
  await expect(lea).toContainText('Domaine déclaré');
  await expect(lea).toContainText('@strasbourg.example');
  await expectAccessible(page, 'file des demandes d’adhésion (375 px)');
  // Usable at 375 px: the page itself never scrolls sideways (a wide table scrolls inside its own frame).
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  const approve = page.getByRole('button', { name: 'Approuver la demande de Karim Haddad pour Grenoble' });
  await approve.scrollIntoViewIfNeeded();
  await expect(approve).toBeInViewport();
  await approve.focus();
  await page.keyboard.press('Enter');
  const done = 'Demande de Karim Haddad approuvée : cette personne est maintenant membre vérifié de Grenoble. Un e-mail la prévient.';
  await expect(page.getByRole('heading', { name: done })).toBeVisible();
  // The confirmation takes the focus (the pressed button is gone with its row).
  await expect(page.locator(':focus')).toContainText(done);
  await expect(page.locator('table tbody tr').filter({ hasText: 'Karim Haddad' })).toHaveCount(0);
  await expect(page.locator('table tbody tr').filter({ hasText: 'Léa Moreau' })).toHaveCount(1);
  await expectAccessible(page, 'file des demandes après une approbation');

  const mail = await waitForMail('karim.haddad@metropole-grenoble.example', /Vous êtes membre vérifié de Grenoble/);
  expect(mail.text).toContain('votre appartenance à Grenoble est vérifiée');
});

test('a visitor writes to the facilitators from the footer: errors per field keep what was typed, then a copy arrives', async ({ page }) => {
  const stamp = Date.now();
  const email = `visiteuse.${stamp}@commune-exemple.test`;
  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Contact' }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Contacter l'équipe d'animation" })).toBeVisible();
  await expectAccessible(page, 'formulaire de contact');

  await page.getByLabel('Votre nom').fill('Maud Lefèvre');
  await page.getByLabel('Votre adresse e-mail').fill('maud.lefevre@');
  await page.getByLabel('Votre message').fill('Bonjour,\n\nNotre syndicat des eaux n’apparaît pas dans la recherche.');
  await page.getByRole('button', { name: 'Envoyer le message' }).click();
  await expect(page.getByText("Votre adresse e-mail : L'adresse e-mail n'est pas valide (exemple : prenom.nom@ville.fr).")).toBeVisible();
  await expect(page.getByText("Objet : Saisissez l'objet du message.")).toBeVisible();
  // Nothing typed is lost.
  await expect(page.getByLabel('Votre nom')).toHaveValue('Maud Lefèvre');
  await expect(page.getByLabel('Votre message')).toHaveValue('Bonjour,\n\nNotre syndicat des eaux n’apparaît pas dans la recherche.');
  await expectAccessible(page, 'formulaire de contact avec erreurs');

  // The error summary links to the field.
  await page.getByRole('link', { name: /^Votre adresse e-mail :/ }).click();
  await expect(page.getByLabel('Votre adresse e-mail')).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.type('commune-exemple.test');
  await page.getByLabel('Votre adresse e-mail').fill(email);
  await page.getByLabel('Objet').fill(`Syndicat absent ${stamp}`);
  await page.getByRole('button', { name: 'Envoyer le message' }).click();
  await expect(page.getByRole('heading', { name: 'Message envoyé' })).toBeVisible();
  await expect(page.getByText(`Une copie vous est adressée à ${email}`)).toBeVisible();
  await expectAccessible(page, 'message de contact envoyé');

  const copy = await waitForMail(email, new RegExp(`^Copie de votre message à l'équipe d'animation d'Entraide : Syndicat absent ${stamp}$`));
  expect(copy.text).toContain('Notre syndicat des eaux n’apparaît pas dans la recherche.');
  const received = await waitForMail('animation@entraide.example', new RegExp(`^Message de contact : Syndicat absent ${stamp}$`));
  expect(received.text).toContain(`De : Maud Lefèvre <${email}>`);

  // « Contactez l'équipe d'animation » elsewhere is now a link to the form, its subject filled in.
  await page.goto('/organisations?q=zzqqxxkkww');
  await page.getByRole('link', { name: "Écrivez à l'équipe d'animation" }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Contacter l'équipe d'animation" })).toBeVisible();
  await expect(page.getByLabel('Objet')).toHaveValue('Organisation absente du référentiel');
});

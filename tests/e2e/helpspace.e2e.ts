import { expect, test } from './platform.js';
import { expectAccessible, linkIn, signedIn, waitForMail } from './support.js';

// The help space journey, in the browser: member A asks (a similar demo question is suggested while
// typing the title) → member B answers → A marks the answer useful → B is notified (header badge,
// notification centre) and sees the question solved; every page visited passes axe.
const A = 'yann.le-goff@rennes.example';
const B = 'claire.martin@lyon.example';

test('ask, get an answer, mark it useful, the answerer is notified', async ({ page, browser }) => {
  // Four people and a dozen pages, each checked by axe.
  test.setTimeout(240_000);
  const title = `Quels indicateurs de suivi pour un SPASER intercommunal ? (${Date.now()})`;

  // Member A: help space home → community space → ask form.
  await signedIn(page, A);
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Entraide', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'L’entraide entre acheteurs publics' })).toBeVisible();
  await expectAccessible(page, 'entraide');

  await page.locator('.fr-card__title a').first().click();
  await expect(page.getByRole('heading', { level: 2, name: /^Questions/ })).toBeVisible();
  // The space page lists this question both among the latest and the most useful ones.
  await expect(page.getByRole('link', { name: 'Quels indicateurs de suivi retenir pour un premier SPASER ?' }).first()).toBeVisible();
  await expectAccessible(page, 'espace commun');

  await page.getByRole('link', { name: 'Poser une question' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Poser une question' })).toBeVisible();
  // Bad input first: per-field French messages, focus on the summary.
  await page.getByRole('button', { name: 'Publier la question' }).click();
  await expect(page.getByText('Saisissez le titre de la question.').first()).toBeVisible();
  await expectAccessible(page, 'poser une question, erreurs');

  await page.locator('#ask-title').pressSequentially('Quels indicateurs de suivi', { delay: 20 });
  // The demo question on indicators is suggested, and the count is announced politely.
  await expect(page.getByRole('link', { name: /Quels indicateurs de suivi retenir pour un premier SPASER/ })).toBeVisible();
  await expect(page.locator('#ask-similar-status')).toHaveText(/question(s)? proche(s)? déjà posée/);
  await page.locator('#ask-title').fill(title);
  await page.locator('#ask-body').fill("Notre EPCI prépare son schéma : quels **indicateurs** suivre la première année, et avec quelles sources ?");
  await page.locator('#ask-theme').selectOption('indicateurs');
  await page.locator('#ask-tags').fill('indicateurs, epci');
  await expectAccessible(page, 'poser une question');
  // A network error while publishing loses nothing: the draft stays in the browser and comes back.
  await page.route('**/api/help/questions', (route) => (route.request().method() === 'POST' ? route.abort('failed') : route.continue()));
  const failed = page.waitForEvent('requestfailed');
  await page.getByRole('button', { name: 'Publier la question' }).click();
  await failed;
  await page.unroute('**/api/help/questions');
  await page.reload();
  await expect(page.getByText('Brouillon restauré')).toBeVisible();
  await expect(page.locator('#ask-title')).toHaveValue(title);
  await expect(page.locator('#ask-body')).toHaveValue(/Notre EPCI prépare son schéma/);
  await page.locator('#ask-theme').selectOption('indicateurs');
  await page.locator('#ask-tags').fill('indicateurs, epci');
  await page.getByRole('button', { name: 'Publier la question' }).click();

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const questionUrl = new URL(page.url()).pathname;
  expect(questionUrl).toMatch(/^\/entraide\/questions\/[0-9a-f-]{36}$/);
  await expect(page.locator('.entraide-post strong', { hasText: 'indicateurs' })).toBeVisible();
  await expectAccessible(page, 'question posée');

  // A wants an e-mail for each notification.
  await page.goto('/notifications/preferences');
  await page.getByRole('group', { name: /^Espace d’entraide : recevoir un e-mail/ }).getByText('À chaque notification').click();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { name: 'Vos préférences sont enregistrées.' })).toBeVisible();
  await page.goto(questionUrl);

  // Member B answers, in another browser context.
  const bContext = await browser.newContext();
  const b = await bContext.newPage();
  await signedIn(b, B);
  await b.goto(questionUrl);
  await expect(b.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await b.locator('#answer-body').fill("Commencez par la part des marchés avec une **considération environnementale** et sociale, calculée depuis vos DECP.");
  await b.getByRole('button', { name: 'Publier la réponse' }).click();
  await expect(b.getByRole('heading', { name: 'Réponse publiée.' })).toBeVisible();
  await expect(b.getByRole('heading', { level: 2, name: '1 réponse' })).toBeVisible();
  await expectAccessible(b, 'question avec une réponse');

  // Member A marks it useful: the question is solved.
  await page.reload();
  await page.getByRole('button', { name: 'Marquer comme réponse utile' }).click();
  await expect(page.getByTestId('help-announcement')).toHaveText('Réponse marquée comme utile : la question apparaît comme résolue.');
  await expect(page.getByText('Réponse utile', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('Résolue', { exact: true }).first()).toBeVisible();
  // Votes are toggle buttons.
  const vote = page.getByRole('button', { name: /Voter pour cette réponse/ });
  await expect(vote).toHaveAttribute('aria-pressed', 'false');
  await vote.click();
  await expect(page.getByRole('button', { name: /Voter pour cette réponse : 1 vote/ })).toHaveAttribute('aria-pressed', 'true');
  await expectAccessible(page, 'question résolue');

  // Member B: the unread badge in the header (notifications are built by a job: reload until it ran).
  await expect(async () => {
    await b.goto('/entraide');
    await expect(b.getByRole('link', { name: /^Notifications \(\d+ non lues?\)$/ }).first()).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  await b.getByRole('link', { name: /^Notifications \(\d+ non lues?\)$/ }).first().click();
  await expect(b.getByRole('heading', { level: 1, name: 'Mes notifications' })).toBeVisible();
  const useful = b.getByRole('listitem').filter({ hasText: `Yann Le Goff a jugé votre réponse utile dans la question « ${title} ».` });
  await expect(useful).toBeVisible();
  await expectAccessible(b, 'notifications');
  await useful.getByRole('link', { name: /Voir la question/ }).click();
  await expect(b.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(b.getByText('Résolue', { exact: true }).first()).toBeVisible();
  await expect(b.getByText('Réponse utile', { exact: true }).first()).toBeVisible();

  // Search: highlighted excerpts, solved filter.
  await b.goto('/entraide/recherche');
  await expectAccessible(b, 'recherche vide');
  await b.locator('#help-search-q').fill('indicateurs intercommunal');
  await b.locator('#help-search-solved').selectOption('oui');
  await b.getByRole('search', { name: 'Critères de recherche' }).getByRole('button', { name: 'Rechercher' }).click();
  await expect(b.getByRole('status').filter({ hasText: /1 question trouvée/ })).toBeVisible();
  await expect(b.getByRole('link', { name: title })).toBeVisible();
  await expect(b.locator('mark').first()).toBeVisible();
  await expectAccessible(b, 'recherche');

  // Notification centre: mark all read, the badge goes.
  await b.goto('/notifications');
  await b.getByRole('button', { name: 'Tout marquer comme lu' }).click();
  await expect(b.getByRole('status').filter({ hasText: 'Toutes les notifications sont marquées comme lues.' })).toBeVisible();
  await expect(b.getByRole('link', { name: 'Notifications', exact: true }).first()).toBeVisible();

  // E-mail preferences.
  await b.getByRole('link', { name: "Préférences d'e-mail" }).click();
  await expect(b.getByRole('heading', { level: 1, name: "Préférences d'e-mail" })).toBeVisible();
  await expectAccessible(b, 'préférences');
  // One rhythm per category (issue 16): the help space's.
  const helpGroup = b.getByRole('group', { name: /^Espace d’entraide : recevoir un e-mail/ });
  await helpGroup.getByText('Un récapitulatif par semaine').click();
  await b.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(b.getByRole('heading', { name: 'Vos préférences sont enregistrées.' })).toBeVisible();
  await b.reload();
  await expect(helpGroup.getByRole('radio', { name: /Un récapitulatif par semaine/ })).toBeChecked();

  // B reports the question with a reason; a facilitator finds it in the moderation queue.
  await b.goto(questionUrl);
  await b.getByRole('button', { name: 'Signaler' }).first().click();
  await b.getByLabel('Raison du signalement').fill('Doublon probable de la question sur les indicateurs de suivi.');
  await b.getByRole('button', { name: 'Envoyer le signalement' }).click();
  await expect(b.getByTestId('help-announcement')).toHaveText("Merci : l'équipe d'animation va examiner ce message.");
  await bContext.close();

  const fContext = await browser.newContext();
  const f = await fContext.newPage();
  await signedIn(f, 'animation@entraide.example');
  await f.goto('/entraide/moderation');
  await expect(f.getByRole('heading', { level: 1, name: 'File de modération' })).toBeVisible();
  const row = f.getByRole('row').filter({ hasText: 'Doublon probable de la question' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('1 membre');
  await expectAccessible(f, 'file de modération');

  // The facilitator creates a private space and adds member A to it.
  await f.goto('/entraide');
  await expectAccessible(f, 'entraide, animateur');
  await f.locator('#space-name').fill('Promotion 2027 — groupe Ouest');
  await f.getByRole('button', { name: "Créer l'espace" }).click();
  await expect(f.getByRole('heading', { level: 1, name: 'Promotion 2027 — groupe Ouest' })).toBeVisible();
  await f.locator('#space-member-q').fill('Le Goff');
  await f.getByRole('search', { name: 'Ajouter un membre' }).getByRole('button', { name: 'Rechercher' }).click();
  await f.getByRole('button', { name: 'Ajouter Yann Le Goff' }).click();
  await expect(f.getByRole('table', { name: /Membres de l'espace/ }).getByRole('cell', { name: 'Yann Le Goff', exact: true })).toBeVisible();
  await expectAccessible(f, 'espace privé, membres');
  await fContext.close();

  // A's e-mail about the answer links to the question page and to the unsubscribe page.
  const mail = await waitForMail(A, /Claire Martin a répondu/);
  expect(linkIn(mail, '/entraide/questions/')).toBe(questionUrl);
  await page.goto(linkIn(mail, '/notifications/desabonnement?jeton='));
  await expect(page.getByRole('heading', { level: 1, name: 'Se désabonner des e-mails' })).toBeVisible();
  await expect(page.getByText('Bonjour Yann,')).toBeVisible();
  await expectAccessible(page, 'désabonnement');
  // The e-mail's first link stops its category only (issue 16).
  await page.getByRole('button', { name: 'Ne plus recevoir les e-mails « Espace d’entraide »' }).click();
  await expect(page.locator('.fr-alert--success')).toBeVisible();
  await page.goto('/notifications/preferences');
  await expect(page.getByRole('group', { name: /^Espace d’entraide : recevoir un e-mail/ }).getByRole('radio', { name: /Jamais/ })).toBeChecked();

  // The unsubscribe page explains a broken link.
  await page.goto('/notifications/desabonnement?jeton=lien-abime-0000');
  await expect(page.getByText("Ce lien de désabonnement n'est pas valide : rien n'a été modifié.", { exact: false })).toBeVisible();
  await expectAccessible(page, 'désabonnement, lien invalide');
});

test('item 3: the help-space home shows questions as a forum does — visitor and members, at 375 px and 1280 px', async ({ page }) => {
  test.setTimeout(120_000);
  const listOf = (name: string) => page.locator('section', { has: page.getByRole('heading', { level: 2, name, exact: true }) });
  const noSidewaysScroll = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()!.width);

  // A visitor at 375 px: the latest, unanswered and most useful questions; no followed list.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/entraide');
  for (const name of ['Dernières questions', 'Questions sans réponse', 'Les plus utiles']) await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Vos questions suivies' })).toHaveCount(0);
  // The demo question with two « Utile pour moi » votes heads the most useful list; the one without an answer is unanswered.
  await expect(listOf('Les plus utiles').getByRole('heading', { level: 3 }).first()).toHaveText('Quels indicateurs de suivi retenir pour un premier SPASER ?');
  await expect(listOf('Questions sans réponse').getByRole('link', { name: 'Quelle gouvernance mettre en place pour suivre le SPASER ?' })).toBeVisible();
  await noSidewaysScroll();
  await expectAccessible(page, 'accueil de l’entraide, visiteur, 375 px');

  // Aurélie follows the question she asked (the demo's governance question).
  await signedIn(page, 'aurelie.roux@grenoble.example');
  await page.goto('/entraide');
  await expect(listOf('Vos questions suivies').getByRole('link', { name: 'Quelle gouvernance mettre en place pour suivre le SPASER ?' })).toBeVisible();
  await noSidewaysScroll();
  await expectAccessible(page, 'accueil de l’entraide, membre, 375 px');
  // The list links lead to the community space in the same order.
  await listOf('Questions sans réponse').getByRole('link', { name: "Les questions sans réponse de l'espace commun" }).click();
  await expect(page).toHaveURL(/\/entraide\/espaces\/[0-9a-f-]{36}\?tri=sans-reponse$/);

  // Léa follows nothing yet: the list says so, in French, at 1280 px.
  await page.setViewportSize({ width: 1280, height: 900 });
  await signedIn(page, 'lea.moreau@strasbourg.example');
  await page.goto('/entraide');
  await expect(listOf('Vos questions suivies')).toContainText('Vous ne suivez aucune question.');
  await noSidewaysScroll();
  await expectAccessible(page, 'accueil de l’entraide, sans question suivie, 1280 px');
});

import type { Page } from '@playwright/test';
import { expect, test } from './platform.js';
import { apiLogin, call, DEMO_PASSWORD, expectAccessible, parisIn, signedIn } from './support.js';

// Issue 13 (the first hour), items 2, 5, 9 and 10 in Chromium: what a new member meets first.
const CLAIRE = 'claire.martin@lyon.example';
const STAFF = 'animation@entraide.example';
// Not Marc Rossi: the accounts journey resets his password.
const SOPHIE = 'sophie.durand@nantes.example';
const AURELIE = 'aurelie.roux@grenoble.example';

/**
 * Buttons of the main content whose label exists but cannot be seen: clipped by the DSFR's
 * icon-only style (the text overflows a 2.5rem square) or visually hidden. Icon-only buttons made
 * on purpose have no text (react-dsfr puts their name in `title`), so they are not listed.
 */
async function buttonsWithoutVisibleLabel(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    for (const btn of document.querySelectorAll<HTMLElement>('#contenu .fr-btn')) {
      const box = btn.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(btn).visibility === 'hidden') continue;
      const label = (btn.textContent ?? '').trim();
      if (!label) continue;
      // Some text of the button is drawn inside the button's own box, larger than a pixel.
      const walker = document.createTreeWalker(btn, NodeFilter.SHOW_TEXT);
      let visible = false;
      for (let n = walker.nextNode(); n && !visible; n = walker.nextNode()) {
        if (!(n.textContent ?? '').trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        for (const r of range.getClientRects()) {
          if (r.width > 1 && r.height > 1 && r.left >= box.left - 1 && r.right <= box.right + 1) visible = true;
        }
      }
      if (!visible || btn.scrollWidth > btn.clientWidth + 1) bad.push(label);
    }
    return bad;
  });
}

async function expectLabelsShown(page: Page, where: string) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(await buttonsWithoutVisibleLabel(page), `buttons showing only their icon on ${where}`).toEqual([]);
}

test('item 2: every button of the main content shows its label, at 1280 px and 375 px', async ({ page }) => {
  test.setTimeout(240_000);
  await signedIn(page, CLAIRE);
  const question = (await call(page, 'GET', '/api/help/questions?sort=votes')).items[0].id as string;
  const pages = ['/', '/entraide', `/entraide/questions/${question}`, '/entraide/recherche?q=indicateurs', '/notifications', '/notifications/preferences', '/agenda', '/agenda/mes-inscriptions', '/promotions', '/bibliotheque', '/observatoire', '/organisations?q=lyon', '/mon-organisation', '/annuaire', '/mon-profil'];
  await page.setViewportSize({ width: 1280, height: 900 });
  for (const path of pages) {
    await page.goto(path);
    await expectLabelsShown(page, `${path} (1280 px)`);
  }
  await page.setViewportSize({ width: 375, height: 800 });
  for (const path of ['/', '/entraide', `/entraide/questions/${question}`, '/notifications', '/agenda', '/bibliotheque']) {
    await page.goto(path);
    await expectLabelsShown(page, `${path} (375 px)`);
  }
  // The actions the issue saw as bare icons, by their visible text.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/entraide');
  for (const name of ['Poser une question', "Rechercher dans l'entraide"]) await expect(page.getByRole('link', { name })).toBeVisible();
  await page.goto('/notifications');
  await expect(page.getByRole('button', { name: 'Tout marquer comme lu' })).toBeVisible();
  await expect(page.getByRole('link', { name: "Préférences d'e-mail" })).toBeVisible();
  // The check sees the defect: without the group's class, the DSFR shows these two as bare icons.
  await page.locator('#contenu .fr-btns-group--icon-left').first().evaluate((ul) => ul.classList.remove('fr-btns-group--icon-left'));
  expect(await buttonsWithoutVisibleLabel(page)).toEqual(['Tout marquer comme lu', "Préférences d'e-mail"]);
  await page.goto(`/entraide/questions/${question}`);
  await expect(page.locator('#contenu').getByText(/^Utile pour moi \(\d+\)$/).first()).toBeVisible();
  expect(await buttonsWithoutVisibleLabel(page)).toEqual([]);

  // Staff pages too.
  await signedIn(page, STAFF);
  for (const path of ['/entraide/moderation', '/bibliotheque/relecture', '/admin', '/admin/utilisateurs']) {
    await page.goto(path);
    await expectLabelsShown(page, path);
  }
});

async function createEvent(staff: Page, capacity: number) {
  return (
    await call(staff, 'POST', '/api/events', {
      kind: 'webinar',
      title: `Webinaire du premier jour ${Date.now()}`,
      description: 'Découvrir la plateforme.',
      speakers: [],
      startsAt: parisIn(3 * 24 * 60),
      endsAt: parisIn(3 * 24 * 60 + 60),
      onlineUrl: 'https://visio.example.fr/premier-jour',
      place: '',
      capacity,
      visibility: 'public',
    })
  ).id as string;
}

test("item 5: a double click on « S'inscrire » registers once, answers like one click, the button disabled while sending", async ({ page, browser }) => {
  const staff = (await apiLogin(browser, STAFF)).page;
  const eventId = await createEvent(staff, 10);
  await signedIn(page, CLAIRE);
  await page.goto(`/agenda/${eventId}`);
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'PUT' && r.url().endsWith(`/api/events/${eventId}/registration`)) sent.push(r.url());
  });
  // The answer waits until the test has seen the button while the request is on its way.
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  await page.route(`**/api/events/${eventId}/registration`, async (route) => {
    await released;
    await route.continue();
  });
  const button = page.getByRole('button', { name: "S'inscrire" });
  await button.dblclick();
  await expect(button).toBeDisabled();
  release();
  await expect(page.getByRole('heading', { name: /^Votre inscription est confirmée/ })).toBeVisible();
  await expect(page.getByText(/déjà inscrit/)).toHaveCount(0);
  await expect(page.locator('.fr-alert--error')).toHaveCount(0);
  expect(sent).toHaveLength(1);
  // One place taken, whatever the number of clicks.
  const event = await call(staff, 'GET', `/api/events/${eventId}`);
  expect(event.registeredCount).toBe(1);
});

test('item 5: a double click on a form\'s submit button publishes one answer, without a red error', async ({ page, browser }) => {
  // A question of its own, asked by another member: the demo's unanswered question must stay
  // unanswered for the help-space home's journey, which may come after this one on the same server
  // (each worker keeps its server and data for all its journeys, ADR 0036).
  const sophie = (await apiLogin(browser, SOPHIE)).page;
  const question = (await call(sophie, 'POST', '/api/help/questions', {
    spaceId: '00000000-0000-4000-8000-00000000c0de',
    title: `Par quels marchés commencer un premier SPASER ? (${Date.now()})`,
    body: 'Nous hésitons entre la restauration collective et les fournitures de bureau.',
    theme: 'indicateurs',
    tags: [],
  })).id as string;
  await sophie.context().close();
  await signedIn(page, CLAIRE);
  const before = (await call(page, 'GET', `/api/help/questions/${question}`)).answers.length as number;
  await page.goto(`/entraide/questions/${question}`);
  await page.getByLabel('Votre réponse (Markdown)').fill(`Nous avons commencé par les achats de restauration (${Date.now()}).`);
  const posted: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith(`/api/help/questions/${question}/answers`)) posted.push(r.url());
  });
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  await page.route(`**/api/help/questions/${question}/answers`, async (route) => {
    await released;
    await route.continue();
  });
  const button = page.getByRole('button', { name: 'Publier la réponse' });
  await button.dblclick();
  await expect(button).toBeDisabled();
  release();
  await expect(page.getByRole('heading', { name: 'Réponse publiée.' })).toBeVisible();
  await expect(page.locator('.fr-alert--error')).toHaveCount(0);
  expect(posted).toHaveLength(1);
  expect((await call(page, 'GET', `/api/help/questions/${question}`)).answers.length).toBe(before + 1);
});

test('item 9: the waitlist message is said once', async ({ page, browser }) => {
  const staff = (await apiLogin(browser, STAFF)).page;
  const eventId = await createEvent(staff, 1);
  const sophie = (await apiLogin(browser, SOPHIE)).page;
  await call(sophie, 'PUT', `/api/events/${eventId}/registration`, {});
  await signedIn(page, CLAIRE);
  await page.goto(`/agenda/${eventId}`);
  await page.getByRole('button', { name: "Rejoindre la liste d'attente" }).click();
  await expect(page.getByRole('heading', { name: /vous êtes sur la liste d'attente, en position 1/ })).toBeVisible();
  await expect(page.getByText(/vous êtes sur la liste d'attente/)).toHaveCount(1);
  // After a reload the standing line says it, once.
  await page.reload();
  await expect(page.getByText(/vous êtes sur la liste d'attente, en position 1/)).toHaveCount(1);
});

test('item 9: home cards lead to every service; the beta banner announces only what is to come; no « espace Espace »', async ({ page }) => {
  await page.goto('/');
  const cards = page.locator('section[aria-labelledby="home-now"]');
  for (const [name, path] of [
    ["Poser vos questions à l'espace d'entraide", '/entraide'],
    ["Suivre les webinaires et les séances de l'agenda", '/agenda'],
    ['Rejoindre une promotion', '/promotions'],
    ['Puiser dans la bibliothèque', '/bibliotheque'],
    ['Se former au SPASER', '/formations'],
    ["Consulter l'observatoire", '/observatoire'],
    ['Savoir si votre organisation est concernée', '/organisations'],
  ] as const) {
    await expect(cards.getByRole('link', { name })).toHaveAttribute('href', path);
  }
  await cards.getByRole('link', { name: 'Rejoindre une promotion' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Promotions' })).toBeVisible();
  await page.goto('/');
  const banner = (await page.locator('.fr-notice').first().innerText()).toLowerCase();
  for (const existing of ['espace d’entraide', "espace d'entraide", 'promotions', 'codéveloppement', 'indicateurs', 'rédaction du spaser', 'formation']) expect(banner).not.toContain(existing);
  await expectAccessible(page, 'accueil (cartes)');

  const question = (await (await page.request.get('/api/help/questions?sort=votes')).json()).items[0] as { id: string };
  await page.goto(`/entraide/questions/${question.id}`);
  const back = page.locator('#contenu').getByRole('link', { name: /^Retour à/ });
  await expect(back).toBeVisible();
  expect(await back.innerText()).not.toMatch(/espace Espace/i);
});

test('item 9: the co-development pages sit under Promotions › the cohort; « Groupe d’Aurélie Roux »', async ({ page, browser }) => {
  const staff = (await apiLogin(browser, STAFF)).page;
  const name = `Promotion du premier jour ${Date.now()}`;
  const cohort = await call(staff, 'POST', '/api/cohorts', { name, edition: 7, startsOn: '2026-09-01', endsOn: '2027-06-30', capacity: 30 });
  const aurelie = await apiLogin(browser, AURELIE);
  await call(staff, 'PUT', `/api/cohorts/${cohort.id}/members/${aurelie.id}`, { role: 'participant', organisationId: aurelie.organisationId });
  await signedIn(page, STAFF);
  await page.goto(`/promotions/${cohort.id}/codeveloppement`);
  await expect(page.getByRole('heading', { level: 1, name: /^Codéveloppement — / })).toBeVisible();
  const crumbs = page.locator('.fr-breadcrumb');
  await expect(crumbs.getByRole('link', { name: 'Promotions' })).toHaveAttribute('href', '/promotions');
  await expect(crumbs.getByRole('link', { name, exact: true })).toHaveAttribute('href', `/promotions/${cohort.id}`);
  await expect(page.getByLabel("Groupe d'Aurélie Roux")).toBeVisible();
  await expect(page.getByText('Groupe de Aurélie')).toHaveCount(0);
});

/** Presses Tab until `reached` holds for the focused element; returns how many presses it took. */
async function tabsUntil(page: Page, reached: () => boolean, max = 60): Promise<number> {
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(reached)) return n;
  }
  return Infinity;
}

test('item 10: after logging in, the person is back on the page they were reading, focus on its h1, skip links still first', async ({ page }) => {
  await page.goto('/agenda');
  await expect(page.getByRole('heading', { level: 1, name: 'Agenda des événements' })).toBeVisible();
  await page.locator('.fr-header__tools').getByRole('link', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/connexion\?suite=%2Fagenda$/);
  await page.getByLabel('Adresse e-mail').fill(CLAIRE);
  await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/agenda$/);
  // Focus on the page's title: the next Tab is in the page's own content (it took 27 Tabs from the home page to reach the menu).
  await expect(page.locator(':focus')).toHaveText('Agenda des événements');
  expect(await page.evaluate(() => document.activeElement?.tagName === 'H1' && document.getElementById('contenu')!.contains(document.activeElement))).toBe(true);
  expect(await tabsUntil(page, () => document.getElementById('contenu')!.contains(document.activeElement) && document.activeElement?.tagName !== 'H1')).toBe(1);

  // The skip links are still the first stops of the page: Tab, Tab, Enter and one Tab reach the menu.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Agenda des événements' })).toBeVisible();
  expect(await tabsUntil(page, () => document.activeElement?.textContent === 'Contenu')).toBe(1);
  expect(await tabsUntil(page, () => document.activeElement?.textContent === 'Menu')).toBe(1);
  await page.keyboard.press('Enter');
  expect(await tabsUntil(page, () => !!document.activeElement?.closest('#fr-header-main-navigation'))).toBe(1);

  // A page that needs an account sends to the login page and back, focus on its h1.
  await page.context().clearCookies();
  await page.goto('/agenda/mes-inscriptions');
  await expect(page).toHaveURL(/\/connexion\?suite=/);
  await page.getByLabel('Adresse e-mail').fill(CLAIRE);
  await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/agenda\/mes-inscriptions$/);
  await expect(page.locator(':focus')).toHaveText('Mes inscriptions');
});

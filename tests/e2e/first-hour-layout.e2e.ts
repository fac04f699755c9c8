import type { Page } from '@playwright/test';
import { expect, test } from './platform.js';
import { apiLogin, call, expectNoHorizontalOverflow, horizontalOverflow, parisIn, signedIn } from './support.js';

// Issue 13 (the first hour), item 4: on a 375 px phone no page scrolls sideways — the event page's
// time, connection link and speakers first, then every page the journeys visit, for each persona.
const CLAIRE = 'claire.martin@lyon.example';
const STAFF = 'animation@entraide.example';
const ADMIN = 'admin@entraide.example';
const PHONE = { width: 375, height: 800 };

/** The address of the first link of the main content whose path starts with `prefix`. */
async function firstLink(page: Page, from: string, prefix: string): Promise<string> {
  await page.goto(from);
  const link = page.locator(`#contenu a[href^="${prefix}"]`).first();
  await expect(link).toBeAttached();
  return (await link.getAttribute('href'))!;
}

/** Logs in at a desktop width (the phone menu hides « Mon profil »), then back to the phone. */
async function signedInOnPhone(page: Page, email: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signedIn(page, email);
  await page.setViewportSize(PHONE);
}

/**
 * Elements cut off at the viewport's right edge inside an opened <details>: its content clips what
 * overflows, so the document does not widen, but the reader loses the end of a select or a legend.
 */
async function cutOffInDetails(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    for (const d of document.querySelectorAll('details')) d.open = true;
    const scrolls = (el: Element) => {
      for (let p = el.parentElement; p && p.tagName !== 'DETAILS'; p = p.parentElement) if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true;
      return false;
    };
    return [...document.querySelectorAll('details *')]
      .filter((el) => el.getBoundingClientRect().right > viewport + 1 && !scrolls(el))
      .map((el) => `${el.tagName.toLowerCase()} « ${(el.textContent ?? '').trim().slice(0, 40)} » (${Math.round(el.getBoundingClientRect().right)} px)`);
  });
}

/** The results page of the first demo cohort that has a survey (read as its facilitator). */
async function surveyResults(page: Page): Promise<string> {
  for (const c of (await call(page, 'GET', '/api/cohorts')).items as { id: string }[]) {
    const survey = ((await call(page, 'GET', `/api/cohorts/${c.id}/surveys`)).items as { id: string }[])[0];
    if (survey) return `/promotions/${c.id}/questionnaires/${survey.id}/resultats`;
  }
  throw new Error('no survey among the demo cohorts');
}

async function expectFits(page: Page, paths: string[], who: string) {
  for (const path of paths) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectNoHorizontalOverflow(page, `${path} (${who}, 375 px)`);
    expect(await cutOffInDetails(page), `cut off inside a <details> on ${path} (${who}, 375 px)`).toEqual([]);
  }
}

test('item 4: the event page fits a 375 px phone: its time, long connection link and speakers wrap', async ({ page, browser }) => {
  const staff = (await apiLogin(browser, STAFF)).page;
  const onlineUrl = `https://webinaire.numerique.gouv.fr/meeting/signin/invite/${'a1b2c3d4'.repeat(6)}/creator/12345/hash/${'f00d'.repeat(10)}`;
  const event = (
    await call(staff, 'POST', '/api/events', {
      kind: 'webinar',
      title: `Webinaire sur téléphone ${Date.now()}`,
      description: 'Lire la page sur un téléphone.',
      speakers: ['Marie-Christine Delacroix-Beaumont — Direction de la commande publique de la Métropole européenne de Lille', 'Jean-Baptiste Montgolfier — Centre hospitalier universitaire'],
      startsAt: parisIn(5 * 24 * 60),
      endsAt: parisIn(5 * 24 * 60 + 90),
      onlineUrl,
      place: '',
      capacity: 50,
      visibility: 'public',
    })
  ).id as string;

  // The facilitator sees the connection link; so does a registered member.
  await signedInOnPhone(page, CLAIRE);
  await call(page, 'PUT', `/api/events/${event}/registration`, {});
  await page.goto(`/agenda/${event}`);
  const link = page.getByRole('link', { name: onlineUrl });
  await expect(link).toBeVisible();
  await expectNoHorizontalOverflow(page, 'la page de l’événement (375 px)');
  // What the issue saw cut off now lies inside the viewport.
  for (const text of [/heure de Paris/, /Marie-Christine Delacroix-Beaumont/]) {
    const box = (await page.getByText(text).first().boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(375);
  }
  const box = (await link.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(375);

  // The check names the cause when a page does overflow: a 600 px wide block in the main content.
  await page.locator('#contenu').evaluate((main) => {
    const wide = document.createElement('div');
    wide.className = 'trop-large';
    wide.style.width = '600px';
    wide.textContent = 'Bloc trop large';
    main.append(wide);
  });
  const o = await horizontalOverflow(page);
  expect(o.scrollWidth).toBeGreaterThan(375);
  expect(o.offenders[0]).toMatch(/^div\.trop-large « Bloc trop large » \(600 px wide/);
});

// The first course (issue 22), installed on every platform.
const COURSE = '/formations/construire-son-spaser';

test('item 4: no page the journeys visit scrolls sideways at 375 px (visitor, member, facilitator, admin)', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize(PHONE);
  const question = await firstLink(page, '/entraide', '/entraide/questions/');
  const space = await firstLink(page, '/entraide', '/entraide/espaces/');
  const event = await firstLink(page, '/agenda', '/agenda/');
  const cohort = await firstLink(page, '/promotions', '/promotions/');
  const resource = await firstLink(page, '/bibliotheque', '/bibliotheque/ressources/');
  const organisation = await firstLink(page, '/organisations?q=lyon', '/organisations/');
  const visitor = ['/', '/connexion', '/inscription', '/mot-de-passe/oubli', '/entraide', space, question, '/entraide/recherche?q=indicateurs', '/agenda', event, '/promotions', cohort, '/bibliotheque', resource, '/organisations?q=lyon', organisation, '/observatoire', '/accessibilite', '/mentions-legales', '/donnees-personnelles', '/conditions-utilisation', '/plan-du-site', '/formations', COURSE, `${COURSE}/lecons/l01-pourquoi-un-spaser`, '/mes-formations'];
  await expectFits(page, visitor, 'visiteur');

  await signedInOnPhone(page, CLAIRE);
  const member = ['/', '/entraide', question, '/entraide/poser-une-question', '/agenda', event, '/agenda/mes-inscriptions', '/promotions', cohort, '/bibliotheque', '/bibliotheque/proposer', organisation, '/mon-organisation', '/annuaire', '/annuaire?tri=pertinence', '/trouver-de-l-aide', '/mises-en-relation', '/mon-profil', '/notifications', '/notifications/preferences', '/observatoire', '/formations', '/mes-formations', COURSE, `${COURSE}/lecons/l05-schema-commun`];
  await expectFits(page, member, 'membre');

  await signedInOnPhone(page, STAFF);
  // The survey results of the demo cohort that has surveys: a select in a <details> was cut off.
  const results = await surveyResults(page);
  const facilitator = [results, '/entraide/moderation', event, `${event}/participants`, `${event}/modifier`, '/agenda/nouvel-evenement', cohort, `${cohort}/candidatures`, `${cohort}/modifier`, '/promotions/nouvelle', '/bibliotheque/relecture', '/observatoire/import-decp', '/admin', '/formations/nouvelle', `${COURSE}/modifier`, `${COURSE}/historique`, `${COURSE}/suivi`,
    // Running the programme (issue 23).
    `${cohort}/suivi`, `${cohort}/parrainage`, `${cohort}/annonces/nouvelle`, `${cohort}/edition-suivante`, `${cohort}/atterrissage`, `${cohort}/enseignements`, `${cohort}/resultats`, '/promotions/bilan'];
  await expectFits(page, facilitator, 'animateur');

  await signedInOnPhone(page, ADMIN);
  await expectFits(page, ['/admin', '/admin/utilisateurs', '/admin/organisations', '/admin/taches'], 'administratrice');
});

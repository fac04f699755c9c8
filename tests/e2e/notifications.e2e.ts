import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './platform.js';
import { MAIL_DIR, apiLogin, call, expectAccessible, linkIn, parisIn, setClock, signedIn } from './support.js';

type Mail = Parameters<typeof linkIn>[0];
const mailFiles = () => (fs.existsSync(MAIL_DIR) ? fs.readdirSync(MAIL_DIR).sort() : []);

/**
 * Like support.ts waitForMail, but only among the e-mails received after `after` files: other
 * journeys of the same run may have sent this member digests already (moved clocks).
 */
async function waitForNewMail(after: number, to: string, subject: RegExp, timeoutMs = 30_000): Promise<Mail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const f of mailFiles().slice(after)) {
      const m = JSON.parse(fs.readFileSync(path.join(MAIL_DIR, f), 'utf8')) as Mail & { to: string };
      if (m.to.toLowerCase().includes(to.toLowerCase()) && subject.test(m.subject)) return m;
    }
    if (Date.now() > deadline) throw new Error(`no new e-mail "${subject}" to ${to}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

// Issue 16, in the browser: a member sets « Bibliothèque » to a daily digest and « Agenda » to an
// e-mail each time; the next webinar arrives at once, the next resource in the next morning's
// digest (07:00 Paris, moved clock). The centre filters by category; every page passes axe.
// Yann: no other journey changes his password or logs him in at a moved clock (which would hide news as « seen »).
const MEMBER = 'yann.le-goff@rennes.example';
const FACILITATOR = 'animation@entraide.example';

test('one category daily, another immediately; the centre filters by category', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const item = (text: string) => page.getByRole('listitem').filter({ has: page.locator('p', { hasText: text }) });
  const webinarTitle = `Webinaire de rentrée des acheteurs (${stamp})`;
  const resourceTitle = `Guide des achats de fournitures (${stamp})`;

  const before = mailFiles().length;
  // The member chooses per category.
  await signedIn(page, MEMBER);
  await page.goto('/notifications/preferences');
  await expect(page.getByRole('heading', { level: 1, name: "Préférences d'e-mail" })).toBeVisible();
  await page.getByRole('group', { name: /^Bibliothèque : recevoir un e-mail/ }).getByText('Un récapitulatif par jour').click();
  await page.getByRole('group', { name: /^Agenda : recevoir un e-mail/ }).getByText('À chaque notification').click();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { name: 'Vos préférences sont enregistrées.' })).toBeVisible();
  await expectAccessible(page, 'préférences par catégorie');
  const prefs = await call(page, 'GET', '/api/notifications/preferences');
  const byId = Object.fromEntries(prefs.categories.map((c: { id: string; emailFrequency: string }) => [c.id, c.emailFrequency]));
  expect(byId).toMatchObject({ bibliotheque: 'daily', agenda: 'immediately' });

  // The programme team publishes a webinar and a resource.
  const fac = (await apiLogin(browser, FACILITATOR)).page;
  await call(fac, 'POST', '/api/events', {
    kind: 'webinar', title: webinarTitle, description: 'Échanges.', speakers: [], startsAt: parisIn(60 * 24 * 10), endsAt: parisIn(60 * 24 * 10 + 60),
    onlineUrl: 'https://visio.example/rentree', place: '', capacity: 200, visibility: 'verified',
  });
  const token = (await fac.context().cookies()).find((c) => c.name === 'entraide_csrf')?.value ?? '';
  const created = await fac.request.post('/api/library/resources', {
    headers: { 'x-csrf-token': token },
    multipart: { data: JSON.stringify({ kind: 'guide', title: resourceTitle, summary: 'Pour bien commencer.', themes: ['economie_circulaire'], segments: [] }) },
  });
  expect(created.status(), await created.text()).toBe(201);

  // Agenda: an e-mail at once.
  const single = await waitForNewMail(before, MEMBER, new RegExp(`^Nouveau webinaire : « ${webinarTitle.replace(/[()]/g, '\\$&')} »`));
  expect(single.text).toContain('Du nouveau — Agenda');
  // Bibliothèque: nothing before the digest.
  await expect(waitForNewMail(before, MEMBER, /nouveautés? de la journée/, 3000)).rejects.toThrow();

  // The next 07:00 in Paris: the daily digest carries the resource.
  const now = new Date();
  const next = new Date(now.getTime() + 24 * 3600_000);
  const parisDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(next);
  // 07:05 Paris on that day, whatever the offset (+1 or +2): try +1 first, correct by the formatted hour.
  let at = new Date(`${parisDay}T06:05:00Z`);
  const parisHour = (d: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).formatToParts(d).find((p) => p.type === 'hour')!.value;
  if (parisHour(at) !== '07') at = new Date(`${parisDay}T05:05:00Z`);
  const moved = await call(fac, 'POST', '/api/test/clock', { set: at.toISOString() });
  try {
    // The clock runs on from the time set: its answer is read a moment later (1 ms at a high load).
    const drift = Date.parse(moved.now) - at.getTime();
    expect(drift >= 0 && drift < 60_000, `clock at ${moved.now}, set to ${at.toISOString()}`).toBe(true);
    const digest = await waitForNewMail(before, MEMBER, /^Entraide : \d+ nouveautés? de la journée$/);
    expect(digest.text).toContain(`Bibliothèque (`);
    expect(digest.text).toContain(`• Nouvelle ressource dans la bibliothèque : « ${resourceTitle} ».`);
    // The webinar went already: not again in the digest.
    expect(digest.text).not.toContain(webinarTitle);

    // The centre, filtered by category.
    await signedIn(page, MEMBER);
    await page.goto('/notifications');
    await expect(page.getByRole('heading', { level: 1, name: 'Mes notifications' })).toBeVisible();
    await expect(item(`Nouvelle ressource dans la bibliothèque : « ${resourceTitle} ».`)).toBeVisible();
    await expect(item(`Nouveau webinaire : « ${webinarTitle} »`)).toBeVisible();
    await expectAccessible(page, 'centre de notifications');
    await page.getByRole('navigation', { name: 'Filtrer par catégorie' }).getByRole('link', { name: /^Agenda/ }).click();
    await expect(page).toHaveURL(/categorie=agenda/);
    await expect(item(`Nouveau webinaire : « ${webinarTitle} »`)).toBeVisible();
    await expect(item(`Nouvelle ressource dans la bibliothèque : « ${resourceTitle} ».`)).toHaveCount(0);
    await expectAccessible(page, 'centre de notifications, filtre agenda');

    // Usable at 375 px: the filters wrap, nothing scrolls sideways.
    await page.setViewportSize({ width: 375, height: 800 });
    await expect(page.getByRole('navigation', { name: 'Filtrer par catégorie' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.goto('/notifications/preferences');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'préférences à 375 px');
    await page.setViewportSize({ width: 1280, height: 800 });

    // The digest's link for one category: shows what it does, does it on a click.
    const unsubscribe = linkIn(digest, '/notifications/desabonnement?jeton=');
    expect(decodeURIComponent(unsubscribe).split('jeton=')[1]!.split('.')[1]).toBe('bibliotheque');
    const anonymous = await (await browser.newContext()).newPage();
    await anonymous.goto(unsubscribe);
    await expect(anonymous.getByText("Confirmez pour ne plus recevoir d'e-mails de la catégorie « Bibliothèque »", { exact: false })).toBeVisible();
    await expectAccessible(anonymous, 'désabonnement d’une catégorie');
    await anonymous.getByRole('button', { name: 'Ne plus recevoir les e-mails « Bibliothèque »' }).click();
    await expect(anonymous.getByText('Vous ne recevrez plus d’e-mails de la catégorie « Bibliothèque »', { exact: false })).toBeVisible();
    const after = await call(page, 'GET', '/api/notifications/preferences');
    expect(Object.fromEntries(after.categories.map((c: { id: string; emailFrequency: string }) => [c.id, c.emailFrequency]))).toMatchObject({ bibliotheque: 'never', agenda: 'immediately' });

    // A forged link: a clear French message, nothing changed.
    await anonymous.goto(unsubscribe.replace(/\.[^.]*$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'));
    await expect(anonymous.getByText("Ce lien de désabonnement n'est pas valide : rien n'a été modifié.", { exact: false })).toBeVisible();
    await expectAccessible(anonymous, 'désabonnement, lien invalide');
  } finally {
    // Later journeys run at the real time again (from a fresh context: sessions expired overnight).
    const clock = await (await browser.newContext()).newPage();
    await clock.request.get('/api/session');
    await setClock(clock);
  }
});

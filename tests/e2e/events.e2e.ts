import { expect, test } from './platform.js';
import fs from 'node:fs';
import ICAL from 'ical.js';
import { expectAccessible, signedIn, waitForMail } from './support.js';

// The webinar journey, in the browser: a member registers to the full demo webinar → waitlisted →
// a registered member cancels → the first member is promoted and receives the e-mail with the .ics
// (parsed with ical.js); a facilitator creates a webinar and sees the attendee list. Every page
// visited passes axe.
const WAITING = 'julien.bernard@lille.example';
const LEAVING = 'claire.martin@lyon.example';
const FACILITATOR = 'animation@entraide.example';
const FULL = 'Clauses sociales : calibrer les heures d’insertion';

test('waitlisted on a full webinar, promoted when someone cancels, invitation received', async ({ page, browser }) => {
  test.setTimeout(240_000);

  // The waiting member: agenda → the full webinar.
  await signedIn(page, WAITING);
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Agenda', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Agenda des événements' })).toBeVisible();
  await expect(page.getByRole('link', { name: FULL })).toBeVisible();
  await expectAccessible(page, 'agenda');

  await page.getByRole('link', { name: FULL }).click();
  await expect(page.getByRole('heading', { level: 1, name: FULL })).toBeVisible();
  await expect(page.getByText('Complet', { exact: true }).first()).toBeVisible();
  await expect(page.getByText("L'événement est complet : en vous inscrivant, vous rejoignez la liste d'attente.")).toBeVisible();
  await expect(page.getByText('Le lien de connexion est donné aux inscrits', { exact: false })).toBeVisible();
  await expectAccessible(page, 'webinaire complet');
  const eventPath = new URL(page.url()).pathname;

  await page.getByRole('button', { name: "Rejoindre la liste d'attente" }).click();
  await expect(
    page.getByRole('heading', {
      name: "L'événement est complet : vous êtes sur la liste d'attente, en position 1. Si une place se libère, vous serez inscrit ou inscrite automatiquement et prévenu par e-mail.",
    }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: "Quitter la liste d'attente" })).toBeVisible();
  await expectAccessible(page, "webinaire, en liste d'attente");
  await waitForMail(WAITING, /^Liste d'attente : /);

  // My registrations: the waitlist and the personal calendar address.
  await page.getByRole('link', { name: 'Voir mes inscriptions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes inscriptions' })).toBeVisible();
  await expect(page.getByText("Liste d'attente (position 1)")).toBeVisible();
  await expect(page.getByLabel('Adresse de mon calendrier (iCalendar)')).toHaveValue(/\/api\/calendar\/personal\/[A-Za-z0-9_-]+\.ics$/);
  await expectAccessible(page, 'mes inscriptions');

  // A registered member gives up her place, in another browser.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signedIn(other, LEAVING);
  await other.goto(eventPath);
  await expect(other.getByText('Vous êtes inscrit ou inscrite à cet événement.')).toBeVisible();
  await expectAccessible(other, 'webinaire, inscrite');
  await other.getByRole('button', { name: 'Annuler mon inscription' }).click();
  await expect(other.getByRole('heading', { name: 'Votre inscription est annulée. Merci d’avoir libéré votre place.' })).toBeVisible();
  await expectAccessible(other, 'webinaire, inscription annulée');
  await otherContext.close();

  // Promoted: the page says so, with the connection link, and the e-mail carries the invitation.
  await page.goto(eventPath);
  await expect(page.getByText('Vous êtes inscrit ou inscrite à cet événement.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'https://webinaire.numerique.gouv.fr/entraide-demo' })).toBeVisible();
  await expectAccessible(page, 'webinaire, promu');
  const mail = await waitForMail(WAITING, /^Une place s'est libérée : /);
  expect(mail.text).toContain('Lien de connexion : https://webinaire.numerique.gouv.fr/entraide-demo');
  const ics = mail.attachments.find((a) => a.filename === 'evenement.ics');
  expect(ics?.contentType).toBe('text/calendar');
  const comp = new ICAL.Component(ICAL.parse(ics!.text));
  for (const tz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const vevent = new ICAL.Event(comp.getFirstSubcomponent('vevent')!);
  expect(vevent.summary).toBe(FULL);
  expect(vevent.uid).toBe(`${eventPath.split('/').pop()}@127.0.0.1`);
  // The demo webinar is at 14:00 Paris time, for one hour.
  expect(vevent.startDate.zone.tzid).toBe('Europe/Paris');
  expect([vevent.startDate.hour, vevent.startDate.minute, vevent.endDate.hour, vevent.endDate.minute]).toEqual([14, 0, 15, 0]);
  // The page's own date, read as the member sees it, is the invitation's day.
  const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone: 'Europe/Paris' }).format(vevent.startDate.toJSDate());
  await expect(page.getByText(`${day} à 14:00 – 15:00 (heure de Paris)`)).toBeVisible();
});

test('a facilitator creates a webinar (French errors first), exports the attendee list; an admin sees the export trace', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signedIn(page, FACILITATOR);
  await page.goto('/agenda');
  await page.getByRole('link', { name: 'Créer un événement' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Créer un événement' })).toBeVisible();
  await page.locator('#event-title').fill('Webinaire de test des indicateurs');
  await page.locator('#event-starts').fill('2031-06-12T11:00');
  await page.locator('#event-ends').fill('2031-06-12T10:00');
  await page.getByRole('button', { name: "Créer l'événement" }).click();
  await expect(page.getByRole('link', { name: "Fin (heure de Paris) : La fin de l'événement doit être après son début." })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Lien de connexion : Indiquez un lien de connexion ou un lieu (ou les deux).' })).toBeVisible();
  await expectAccessible(page, 'créer un événement, erreurs');

  await page.locator('#event-ends').fill('2031-06-12T12:30');
  await page.locator('#event-online').fill('https://webinaire.numerique.gouv.fr/indicateurs');
  await page.locator('#event-capacity').fill('30');
  await page.getByRole('button', { name: "Créer l'événement" }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Webinaire de test des indicateurs' })).toBeVisible();
  await expect(page.getByText('Événement créé.')).toBeVisible();
  await expect(page.getByText('jeudi 12 juin 2031 à 11:00 – 12:30 (heure de Paris)')).toBeVisible();
  await expectAccessible(page, 'événement créé');
  const createdPath = new URL(page.url()).pathname;

  // Two members take a place; the facilitator lowers the capacity to 1: the latest to register is
  // moved to the waitlist and sees it on the event page.
  const seats: import('@playwright/test').Page[] = [];
  for (const email of ['sophie.durand@nantes.example', 'aurelie.roux@grenoble.example']) {
    const member = await (await browser.newContext()).newPage();
    await signedIn(member, email);
    await member.goto(createdPath);
    await member.getByRole('button', { name: "S'inscrire" }).click();
    await expect(member.getByText('Vous êtes inscrit ou inscrite à cet événement.')).toBeVisible();
    seats.push(member);
  }
  await page.reload();
  await page.getByRole('link', { name: "Modifier l'événement" }).click();
  await page.locator('#event-capacity').fill('1');
  await expectAccessible(page, "modifier l'événement");
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Webinaire de test des indicateurs' })).toBeVisible();
  const latest = seats[1]!;
  await latest.reload();
  await expect(latest.getByText("L'événement est complet : vous êtes sur la liste d'attente, en position 1.", { exact: false })).toBeVisible();
  await expect(latest.getByRole('button', { name: "Quitter la liste d'attente" })).toBeVisible();
  await expectAccessible(latest, "webinaire, passé en liste d'attente");
  const mail = await waitForMail('aurelie.roux@grenoble.example', /^Liste d'attente : Webinaire de test des indicateurs$/);
  expect(mail.text).toContain("L'équipe d'animation a réduit le nombre de places");
  await seats[0]!.reload();
  await expect(seats[0]!.getByText('Vous êtes inscrit ou inscrite à cet événement.')).toBeVisible();
  for (const p of seats) await p.context().close();

  await page.goto('/agenda');
  await page.getByRole('link', { name: FULL }).click();
  await page.getByRole('link', { name: 'Participants et export' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Participants — ${FULL}` })).toBeVisible();
  await expect(page.getByRole('table', { name: "Participants inscrits et liste d'attente" })).toBeVisible();
  await expectAccessible(page, 'participants');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exporter en CSV (tableur)' }).click()]);
  expect(download.suggestedFilename()).toBe('participants-clauses-sociales-calibrer-les-heures-d-insertion.csv');
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.subarray(3).toString('utf8').split('\r\n')[0]).toBe("Nom;Prénom;Adresse e-mail;Organisations;Statut;Position en liste d'attente;Date d'inscription (heure de Paris)");
  const attendeesPath = new URL(page.url()).pathname;

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signedIn(admin, 'admin@entraide.example');
  await admin.goto(attendeesPath);
  const trace = admin.getByRole('table', { name: 'Qui a exporté la liste des participants, et quand' });
  await expect(trace.getByRole('cell', { name: 'Farid Benali' })).toBeVisible();
  await expectAccessible(admin, 'participants, trace des exports');
  await adminContext.close();
});

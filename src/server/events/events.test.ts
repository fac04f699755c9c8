import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import type { ReceivedMail } from '../../../tests/helpers/smtp.js';

// Events: creation, registration with a waitlist and automatic promotion, errors, e-mails with the
// invitation attached (parsed back with ical.js, an independent iCalendar parser).

let t: TestContext;
let orgId: string;
let facilitator: Awaited<ReturnType<TestContext['loggedIn']>>;
type A = Awaited<ReturnType<TestContext['loggedIn']>>['agent'];
type Who = Awaited<ReturnType<TestContext['loggedIn']>>;

// Every test starts on 1 March 2026, 09:00 Paris (08:00 UTC): the events below are ahead.
const NOW = new Date('2026-03-01T08:00:00Z');

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(NOW);
  orgId = (await t.createOrganisation({ name: 'Métropole de Lyon', kind: 'epci' })).id;
  facilitator = await t.loggedIn({ role: 'facilitator', firstName: 'Fanny', lastName: 'Animatrice' });
});
afterAll(() => t?.close());

const webinar = (over: Record<string, unknown> = {}) => ({
  kind: 'webinar',
  title: 'Mesurer les clauses sociales de ses marchés',
  description: 'Présentation des **indicateurs** et échanges.',
  speakers: ['Léa Martin — Ville de Rennes'],
  startsAt: '2026-03-26T10:00',
  endsAt: '2026-03-26T11:30',
  onlineUrl: 'https://visio.example.fr/clauses',
  place: '',
  capacity: 2,
  visibility: 'public',
  ...over,
});

async function createEvent(over: Record<string, unknown> = {}) {
  const res = await facilitator.agent.post('/api/events', webinar(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** A new session for an existing member (sessions expire when the clock jumps ahead by days). */
async function logInAgain(email: string): Promise<A> {
  const agent = t.agent();
  expect((await agent.post('/api/auth/login', { email, password: PASSWORD })).statusCode).toBe(200);
  return agent;
}

const member = (first: string, last: string, email: string) => t.loggedIn({ verifiedIn: [orgId], firstName: first, lastName: last, email });

function parseIcs(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  for (const tz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

const icsOf = (mail: ReceivedMail) => {
  const a = mail.attachments.find((x) => x.filename.endsWith('.ics'));
  expect(a, `no .ics attached to "${mail.subject}"`).toBeTruthy();
  expect(a!.contentType).toBe('text/calendar');
  return a!.content.toString('utf8');
};

describe('registration, waitlist and promotion', () => {
  it('gives the places in order, then the waitlist, and promotes the first waiting when a place frees', async () => {
    const eventId = await createEvent();
    const ana = await member('Ana', 'Alpha', 'ana@ville.test');
    const bob = await member('Bob', 'Bravo', 'bob@ville.test');
    const cleo = await member('Cléo', 'Charlie', 'cleo@ville.test');
    const dan = await member('Dan', 'Delta', 'dan@ville.test');

    expect((await ana.agent.put(`/api/events/${eventId}/registration`)).json()).toMatchObject({ status: 'registered', waitlistPosition: null });
    expect((await bob.agent.put(`/api/events/${eventId}/registration`)).json()).toMatchObject({ status: 'registered' });
    // Full (capacity 2): the waitlist, said clearly.
    const c = await cleo.agent.put(`/api/events/${eventId}/registration`);
    expect(c.statusCode).toBe(201);
    expect(c.json()).toEqual({
      status: 'waitlisted',
      waitlistPosition: 1,
      message:
        "L'événement est complet : vous êtes sur la liste d'attente, en position 1. Si une place se libère, vous serez inscrit ou inscrite automatiquement et prévenu par e-mail.",
    });
    expect((await dan.agent.put(`/api/events/${eventId}/registration`)).json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });

    const page = (await dan.agent.get(`/api/events/${eventId}`)).json();
    expect(page).toMatchObject({ registeredCount: 2, waitlistCount: 2, placesLeft: 0, my: { status: 'waitlisted', waitlistPosition: 2 }, onlineUrl: null });
    expect(page.can).toMatchObject({ register: false, cancelRegistration: true, edit: false });

    await t.drainJobs();
    expect(t.smtp.to('ana@ville.test').map((m) => m.subject)).toEqual(['Inscription confirmée : Mesurer les clauses sociales de ses marchés']);
    const waiting = t.smtp.to('cleo@ville.test');
    expect(waiting.map((m) => m.subject)).toEqual(["Liste d'attente : Mesurer les clauses sociales de ses marchés"]);
    expect(waiting[0]!.text).toContain("en position 1");
    expect(waiting[0]!.attachments).toEqual([]);

    // Bob gives up his place: Cléo (first in line) gets it, Dan moves up.
    const cancel = await bob.agent.delete(`/api/events/${eventId}/registration`);
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json().message).toBe('Votre inscription est annulée. Merci d’avoir libéré votre place.');
    expect((await cleo.agent.get(`/api/events/${eventId}`)).json()).toMatchObject({ my: { status: 'registered', waitlistPosition: null }, onlineUrl: 'https://visio.example.fr/clauses' });
    expect((await dan.agent.get(`/api/events/${eventId}`)).json().my).toEqual({ status: 'waitlisted', waitlistPosition: 1 });

    await t.drainJobs();
    const promoted = t.smtp.to('cleo@ville.test');
    expect(promoted.map((m) => m.subject)).toEqual([
      "Liste d'attente : Mesurer les clauses sociales de ses marchés",
      "Une place s'est libérée : Mesurer les clauses sociales de ses marchés",
    ]);
    expect(promoted[1]!.text).toContain('Lien de connexion : https://visio.example.fr/clauses');
    const [ev] = parseIcs(icsOf(promoted[1]!));
    expect(ev!.summary).toBe('Mesurer les clauses sociales de ses marchés');
    // 26 March 2026, 10:00 in Paris is still winter time (UTC+1): 09:00 UTC.
    expect(ev!.startDate.toString()).toBe('2026-03-26T10:00:00');
    expect(ev!.startDate.zone.tzid).toBe('Europe/Paris');
    expect(ev!.startDate.toJSDate().toISOString()).toBe('2026-03-26T09:00:00.000Z');
    expect(ev!.endDate.toJSDate().toISOString()).toBe('2026-03-26T10:30:00.000Z');
    expect(ev!.uid).toBe(`${eventId}@entraide.test`);
    expect(ev!.location).toContain('https://visio.example.fr/clauses');
    // No e-mail to Dan, still waiting, and none to Bob for cancelling.
    expect(t.smtp.to('dan@ville.test')).toHaveLength(1);
    expect(t.smtp.to('bob@ville.test')).toHaveLength(1);

    const attendees = (await facilitator.agent.get(`/api/events/${eventId}/attendees`)).json().items;
    expect(attendees.map((a: { lastName: string; status: string; waitlistPosition: number | null }) => [a.lastName, a.status, a.waitlistPosition])).toEqual([
      ['Alpha', 'registered', null],
      ['Charlie', 'registered', null],
      ['Delta', 'waitlisted', 1],
    ]);
  });

  it('never gives one place twice when members ask at the same time', async () => {
    const eventId = await createEvent({ capacity: 2, title: 'Webinaire très demandé' });
    const people = await Promise.all([1, 2, 3, 4, 5].map((i) => member('Membre', `Simultané ${i}`, `simultane${i}@ville.test`)));
    const answers = await Promise.all(people.map((p) => p.agent.put(`/api/events/${eventId}/registration`)));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201]);
    const statuses = answers.map((a) => a.json().status).sort();
    expect(statuses).toEqual(['registered', 'registered', 'waitlisted', 'waitlisted', 'waitlisted']);
    expect(answers.map((a) => a.json().waitlistPosition).filter((p) => p !== null).sort()).toEqual([1, 2, 3]);
    const page = (await facilitator.agent.get(`/api/events/${eventId}`)).json();
    expect(page).toMatchObject({ registeredCount: 2, waitlistCount: 3, placesLeft: 0 });
  });

  it('item 5: registering again answers like the first time (place or waitlist position), changes nothing, sends no second e-mail', async () => {
    const eventId = await createEvent({ capacity: 1 });
    const eve = await member('Ève', 'Echo', 'eve2@ville.test');
    const fred = await member('Fred', 'Foxtrot', 'fred2@ville.test');
    const first = await eve.agent.put(`/api/events/${eventId}/registration`);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ status: 'registered', waitlistPosition: null, message: 'Votre inscription est confirmée. Vous recevez un e-mail avec l’invitation à ajouter à votre agenda.' });
    // Two more submits, one of them at the same time as a third (a double click on a slow line).
    const again = await Promise.all([eve.agent.put(`/api/events/${eventId}/registration`), eve.agent.put(`/api/events/${eventId}/registration`)]);
    for (const res of again) {
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual(first.json());
    }
    const waiting = await fred.agent.put(`/api/events/${eventId}/registration`);
    const waitingAgain = await fred.agent.put(`/api/events/${eventId}/registration`);
    expect(waitingAgain.statusCode).toBe(201);
    expect(waitingAgain.json()).toEqual(waiting.json());
    expect(waitingAgain.json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const page = (await facilitator.agent.get(`/api/events/${eventId}`)).json();
    expect(page).toMatchObject({ registeredCount: 1, waitlistCount: 1 });
    await t.drainJobs();
    expect(t.smtp.to('eve2@ville.test')).toHaveLength(1);
    expect(t.smtp.to('fred2@ville.test')).toHaveLength(1);
  });

  it('refuses to register after the start, and to cancel after the end, changing nothing', async () => {
    const eventId = await createEvent({ capacity: 1 });
    const eve = await member('Ève', 'Echo', 'eve@ville.test');
    const fred = await member('Fred', 'Foxtrot', 'fred@ville.test');
    expect((await eve.agent.put(`/api/events/${eventId}/registration`)).statusCode).toBe(201);
    expect((await fred.agent.put(`/api/events/${eventId}/registration`)).json().status).toBe('waitlisted');
    const notRegistered = await (await member('Gus', 'Golf', 'gus@ville.test')).agent.delete(`/api/events/${eventId}/registration`);
    expect(notRegistered.json()).toMatchObject({ error: 'NOT_REGISTERED' });

    try {
      t.clock.set(new Date('2026-03-26T09:15:00Z')); // 10:15 in Paris: started.
      const late = await (await member('Hé', 'Hotel', 'he@ville.test')).agent.put(`/api/events/${eventId}/registration`);
      expect(late.json()).toMatchObject({ error: 'EVENT_STARTED', message: 'Cet événement a déjà commencé : les inscriptions sont closes.' });
      t.clock.set(new Date('2026-03-26T10:30:00Z')); // 11:30 in Paris: ended.
      const eveLater = await logInAgain('eve@ville.test');
      const after = await eveLater.delete(`/api/events/${eventId}/registration`);
      expect(after.statusCode).toBe(409);
      expect(after.json()).toMatchObject({ error: 'EVENT_ENDED', message: 'Cet événement est terminé : on ne peut plus annuler son inscription.' });
      const page = (await eveLater.get(`/api/events/${eventId}`)).json();
      expect(page).toMatchObject({ registeredCount: 1, waitlistCount: 1, my: { status: 'registered' }, ended: true });
    } finally {
      t.clock.set(NOW);
    }
  });

  it('refuses an event ending before it starts, with a French message on the field, and creates nothing', async () => {
    const before = (await facilitator.agent.get('/api/events?when=upcoming')).json().total;
    const res = await facilitator.agent.post('/api/events', webinar({ startsAt: '2026-03-26T11:00', endsAt: '2026-03-26T10:00' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual({ endsAt: "La fin de l'événement doit être après son début." });
    const gap = await facilitator.agent.post('/api/events', webinar({ startsAt: '2026-03-29T02:30', endsAt: '2026-03-29T04:00', onlineUrl: '', place: '' }));
    expect(gap.statusCode).toBe(400);
    expect(Object.keys(gap.json().fields).sort()).toEqual(['onlineUrl', 'startsAt']);
    expect(gap.json().fields.startsAt).toContain("l'heure sautée au passage à l'heure d'été n'existe pas");
    expect((await facilitator.agent.get('/api/events?when=upcoming')).json().total).toBe(before);
  });

  it('promotes the waitlist when the capacity grows, and tells registered members of a new time', async () => {
    const eventId = await createEvent({ capacity: 1, title: 'Atelier indicateurs environnementaux' });
    const ivy = await member('Ivy', 'India', 'ivy@ville.test');
    const jo = await member('Jo', 'Juliett', 'jo@ville.test');
    await ivy.agent.put(`/api/events/${eventId}/registration`);
    await jo.agent.put(`/api/events/${eventId}/registration`);
    await t.drainJobs();
    // One more place, and one hour later (after the switch to summer time on 29 March).
    const edit = await facilitator.agent.put(`/api/events/${eventId}`, webinar({ capacity: 2, title: 'Atelier indicateurs environnementaux', startsAt: '2026-03-31T11:00', endsAt: '2026-03-31T12:30' }));
    expect(edit.statusCode, edit.body).toBe(200);
    expect((await jo.agent.get(`/api/events/${eventId}`)).json().my).toEqual({ status: 'registered', waitlistPosition: null });
    await t.drainJobs();
    const ivyMails = t.smtp.to('ivy@ville.test');
    expect(ivyMails.map((m) => m.subject)).toEqual([
      'Inscription confirmée : Atelier indicateurs environnementaux',
      "Changement d'horaire ou de lieu : Atelier indicateurs environnementaux",
    ]);
    expect(ivyMails[1]!.text).toContain('mardi 31 mars 2026 à 11:00 – 12:30 (heure de Paris)');
    const [first] = parseIcs(icsOf(ivyMails[0]!));
    const [updated] = parseIcs(icsOf(ivyMails[1]!));
    expect(updated!.uid).toBe(first!.uid);
    expect(updated!.sequence).toBe(first!.sequence + 1);
    // 31 March 2026, 11:00 in Paris is summer time (UTC+2): 09:00 UTC.
    expect(updated!.startDate.toJSDate().toISOString()).toBe('2026-03-31T09:00:00.000Z');
    expect(t.smtp.to('jo@ville.test').map((m) => m.subject)).toEqual([
      "Liste d'attente : Atelier indicateurs environnementaux",
      "Une place s'est libérée : Atelier indicateurs environnementaux",
    ]);
  });

  it('lowering the capacity moves the latest registrants to the waitlist, told why; raising it promotes them back', async () => {
    const title = 'Atelier capacité réduite';
    const eventId = await createEvent({ capacity: 4, title });
    // Five members ask one minute apart: Ada, Bob, Cy, Dan get the four places, Eve waits (position 1).
    const people = [
      await member('Ada', 'Alpha', 'ada@cap.test'),
      await member('Bob', 'Bravo', 'bob@cap.test'),
      await member('Cy', 'Charlie', 'cy@cap.test'),
      await member('Dan', 'Delta', 'dan@cap.test'),
      await member('Eve', 'Echo', 'eve@cap.test'),
    ];
    for (const p of people) {
      t.clock.advance(60_000);
      expect((await p.agent.put(`/api/events/${eventId}/registration`)).statusCode).toBe(201);
    }
    await t.drainJobs();
    t.smtp.clear();
    const [ada, bob, cy, dan, eve] = people as [Who, Who, Who, Who, Who];
    const my = async (p: Who) => (await p.agent.get(`/api/events/${eventId}`)).json().my;

    // 4 → 2 places: the two latest to get a place, Dan (4th) and Cy (3rd), move to the waitlist. They keep
    // the time they asked, so the line is Cy (asked 3rd), Dan (4th), Eve (5th).
    expect((await facilitator.agent.put(`/api/events/${eventId}`, webinar({ title, capacity: 2 }))).statusCode).toBe(200);
    expect(await my(ada)).toEqual({ status: 'registered', waitlistPosition: null });
    expect(await my(bob)).toEqual({ status: 'registered', waitlistPosition: null });
    expect(await my(cy)).toEqual({ status: 'waitlisted', waitlistPosition: 1 });
    expect(await my(dan)).toEqual({ status: 'waitlisted', waitlistPosition: 2 });
    expect(await my(eve)).toEqual({ status: 'waitlisted', waitlistPosition: 3 });
    expect((await facilitator.agent.get(`/api/events/${eventId}`)).json()).toMatchObject({ registeredCount: 2, waitlistCount: 3, placesLeft: 0 });

    await t.drainJobs();
    // Only the two moved people are written to, in French, with the reason and their position, and no invitation.
    expect(t.smtp.received.map((m) => m.to).sort()).toEqual(['cy@cap.test', 'dan@cap.test']);
    const cyMail = t.smtp.to('cy@cap.test')[0]!;
    expect(cyMail.subject).toBe(`Liste d'attente : ${title}`);
    expect(cyMail.text).toContain("L'équipe d'animation a réduit le nombre de places du webinaire « Atelier capacité réduite »");
    expect(cyMail.text).toContain("Vous y êtes en position 1 ; si une place se libère, vous serez inscrit ou inscrite automatiquement");
    expect(t.smtp.to('dan@cap.test')[0]!.text).toContain('Vous y êtes en position 2 ;');
    expect(cyMail.attachments).toEqual([]);
    t.smtp.clear();

    // 2 → 3 places: the first in line, Cy, gets the place back, as when someone cancels.
    expect((await facilitator.agent.put(`/api/events/${eventId}`, webinar({ title, capacity: 3 }))).statusCode).toBe(200);
    expect(await my(cy)).toEqual({ status: 'registered', waitlistPosition: null });
    expect(await my(dan)).toEqual({ status: 'waitlisted', waitlistPosition: 1 });
    expect(await my(eve)).toEqual({ status: 'waitlisted', waitlistPosition: 2 });
    await t.drainJobs();
    expect(t.smtp.received.map((m) => [m.to, m.subject])).toEqual([['cy@cap.test', `Une place s'est libérée : ${title}`]]);
    t.smtp.clear();
  });

  it('cancels an event: everyone registered or waiting is told, with STATUS:CANCELLED and a new SEQUENCE', async () => {
    const eventId = await createEvent({ capacity: 1, title: 'Webinaire annulé bientôt' });
    const kim = await member('Kim', 'Kilo', 'kim@ville.test');
    const leo = await member('Léo', 'Lima', 'leo@ville.test');
    await kim.agent.put(`/api/events/${eventId}/registration`);
    await leo.agent.put(`/api/events/${eventId}/registration`);
    await t.drainJobs();
    expect((await facilitator.agent.post(`/api/events/${eventId}/cancel`)).statusCode).toBe(200);
    expect((await facilitator.agent.post(`/api/events/${eventId}/cancel`)).json().error).toBe('EVENT_CANCELLED');
    const refused = await (await member('Max', 'Mike', 'max@ville.test')).agent.put(`/api/events/${eventId}/registration`);
    expect(refused.json()).toMatchObject({ error: 'EVENT_CANCELLED' });
    await t.drainJobs();
    for (const email of ['kim@ville.test', 'leo@ville.test']) {
      const last = t.smtp.to(email).at(-1)!;
      expect(last.subject).toBe('Événement annulé : Webinaire annulé bientôt');
      const [ev] = parseIcs(icsOf(last));
      expect(ev!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(ev!.sequence).toBe(1);
    }
  });

  it('after the event, the recording and slides become a "replay de webinaire" resource of the library', async () => {
    const eventId = await createEvent({ title: 'Webinaire SPASER : retours d’expérience', speakers: ['Léa Martin', 'Paul Durand'] });
    const early = await facilitator.agent.put(`/api/events/${eventId}/replay`, { recordingUrl: 'https://video.example.fr/replay', slidesUrl: '' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: 'EVENT_NOT_ENDED' });
    const badUrl = await facilitator.agent.put(`/api/events/${eventId}/replay`, { recordingUrl: 'video.example.fr', slidesUrl: '' });
    expect(badUrl.json().fields).toEqual({ recordingUrl: "Le lien de l'enregistrement doit commencer par https:// (ou http://)." });
    try {
      t.clock.set(new Date('2026-03-26T11:00:00Z')); // 12:00 in Paris: over.
      const fac = await logInAgain(facilitator.user.email);
      const res = await fac.put(`/api/events/${eventId}/replay`, { recordingUrl: 'https://video.example.fr/replay', slidesUrl: 'https://docs.example.fr/support.pdf' });
      expect(res.statusCode, res.body).toBe(200);
      const resourceId = res.json().resourceId as string;
      const resource = (await t.agent().get(`/api/library/resources/${resourceId}`)).json();
      expect(resource).toMatchObject({ kind: 'recording', title: 'Replay : Webinaire SPASER : retours d’expérience', visibility: 'public' });
      expect(resource.links).toEqual([
        { label: "Voir l'enregistrement", url: 'https://video.example.fr/replay' },
        { label: 'Support de présentation', url: 'https://docs.example.fr/support.pdf' },
      ]);
      // Attached again (a corrected link): the event changes, the resource stays the one.
      const again = await fac.put(`/api/events/${eventId}/replay`, { recordingUrl: 'https://video.example.fr/replay-v2', slidesUrl: '' });
      expect(again.json()).toEqual({ ok: true, resourceId });
      expect((await t.agent().get(`/api/events/${eventId}`)).json()).toMatchObject({ recordingUrl: 'https://video.example.fr/replay-v2', slidesUrl: null, replayResourceId: resourceId });
      // …and the replay in the library shows the corrected link, without the slides taken off.
      expect((await t.agent().get(`/api/library/resources/${resourceId}`)).json().links).toEqual([{ label: "Voir l'enregistrement", url: 'https://video.example.fr/replay-v2' }]);

      // Removed: the event has no recording, and its replay leaves the library (a replay without its recording offers nothing).
      const removed = await fac.delete(`/api/events/${eventId}/replay`);
      expect(removed.statusCode, removed.body).toBe(200);
      expect((await t.agent().get(`/api/events/${eventId}`)).json()).toMatchObject({ recordingUrl: null, slidesUrl: null, replayResourceId: null });
      expect((await t.agent().get(`/api/library/resources/${resourceId}`)).statusCode).toBe(404);
      expect((await fac.delete(`/api/events/${eventId}/replay`)).json()).toMatchObject({ error: 'EVENT_NO_REPLAY', message: "Cet événement n'a pas d'enregistrement à retirer." });
      // Attached again later: a new replay is published.
      const back = (await fac.put(`/api/events/${eventId}/replay`, { recordingUrl: 'https://video.example.fr/replay-v3', slidesUrl: '' })).json();
      expect(back.resourceId).not.toBe(resourceId);
      expect((await t.agent().get(`/api/library/resources/${back.resourceId}`)).json().links).toEqual([{ label: "Voir l'enregistrement", url: 'https://video.example.fr/replay-v3' }]);
    } finally {
      t.clock.set(NOW);
    }
  });
});

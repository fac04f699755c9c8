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

  it('refuses to register twice, to register after the start, and to cancel after the end, changing nothing', async () => {
    const eventId = await createEvent({ capacity: 1 });
    const eve = await member('Ève', 'Echo', 'eve@ville.test');
    const fred = await member('Fred', 'Foxtrot', 'fred@ville.test');
    expect((await eve.agent.put(`/api/events/${eventId}/registration`)).statusCode).toBe(201);
    const twice = await eve.agent.put(`/api/events/${eventId}/registration`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ error: 'ALREADY_REGISTERED', message: 'Vous êtes déjà inscrit ou inscrite à cet événement.' });
    expect((await fred.agent.put(`/api/events/${eventId}/registration`)).json().status).toBe('waitlisted');
    const again = await fred.agent.put(`/api/events/${eventId}/registration`);
    expect(again.json()).toMatchObject({ error: 'ALREADY_WAITLISTED', message: "Vous êtes déjà sur la liste d'attente de cet événement." });
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
});

import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { registerEventAudience } from './events.audience.js';
import { buildCalendar } from './ical.js';

// Calendar files and feeds parsed back with ical.js; reminders driven by the platform clock and
// received by a real SMTP server; the attendee CSV's bytes; who sees what.

let t: TestContext;
let orgId: string;
let facilitator: Awaited<ReturnType<TestContext['loggedIn']>>;
type A = Awaited<ReturnType<TestContext['loggedIn']>>['agent'];

// A group another module would own: its members are listed here.
const GROUP_ID = '11111111-1111-4111-8111-111111111111';
const groupMembers = new Set<string>();
// Removed after the file: the next files of this worker run with the application's own groups only.
const unregisterTestGroup = registerEventAudience('test-group', {
  ownerIdsFor: async (_db, userId) => (groupMembers.has(userId) ? [GROUP_ID] : []),
  exists: async (_db, id) => id === GROUP_ID,
});

const NOW = new Date('2026-03-01T08:00:00Z');
beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(NOW);
  orgId = (await t.createOrganisation({ name: 'Département du Rhône', kind: 'departement' })).id;
  facilitator = await t.loggedIn({ role: 'facilitator' });
});
afterAll(async () => {
  unregisterTestGroup();
  await t?.close();
});

const body = (over: Record<string, unknown> = {}) => ({
  kind: 'webinar',
  title: 'Webinaire achats responsables',
  description: 'Échanges entre acheteurs.',
  speakers: [],
  startsAt: '2026-03-27T14:00',
  endsAt: '2026-03-27T15:00',
  onlineUrl: 'https://visio.example.fr/w',
  place: '',
  capacity: null,
  visibility: 'public',
  ...over,
});
async function create(over: Record<string, unknown> = {}, agent: A = facilitator.agent) {
  const res = await agent.post('/api/events', body(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

function parse(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  for (const tz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

describe('iCalendar generator', () => {
  it('writes Paris wall-clock times with the Europe/Paris VTIMEZONE, on both sides of the change to summer time', () => {
    const ics = buildCalendar({
      name: 'Essai',
      uidDomain: 'entraide.test',
      events: [
        // Saturday 28 March 2026 18:00 UTC = 19:00 in Paris (UTC+1); the clocks go forward that night.
        { id: 'a', title: 'Avant', description: '', startsAt: new Date('2026-03-28T18:00:00Z'), endsAt: new Date('2026-03-28T19:00:00Z'), onlineUrl: null, place: 'Lyon', status: 'scheduled', sequence: 0, url: 'http://entraide.test/agenda/a', updatedAt: NOW },
        // Sunday 29 March 2026 08:00 UTC = 10:00 in Paris (UTC+2).
        { id: 'b', title: 'Après', description: '', startsAt: new Date('2026-03-29T08:00:00Z'), endsAt: new Date('2026-03-29T09:30:00Z'), onlineUrl: null, place: 'Lyon', status: 'cancelled', sequence: 3, url: 'http://entraide.test/agenda/b', updatedAt: NOW },
      ],
    });
    expect(ics).toContain('DTSTART;TZID=Europe/Paris:20260328T190000');
    expect(ics).toContain('DTSTART;TZID=Europe/Paris:20260329T100000');
    const [a, b] = parse(ics);
    expect(a!.startDate.toString()).toBe('2026-03-28T19:00:00');
    expect(a!.startDate.toJSDate().toISOString()).toBe('2026-03-28T18:00:00.000Z');
    expect(b!.startDate.toString()).toBe('2026-03-29T10:00:00');
    expect(b!.startDate.toJSDate().toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(b!.endDate.toJSDate().toISOString()).toBe('2026-03-29T09:30:00.000Z');
    expect(b!.uid).toBe('b@entraide.test');
    expect(b!.sequence).toBe(3);
    expect(b!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    // DTSTAMP is in UTC, as RFC 5545 requires.
    expect(ics).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
  });

  it('does not depend on the time zone of the server process', async () => {
    const { execFileSync } = await import('node:child_process');
    const script = `import('./src/server/events/ical.ts').then(m => process.stdout.write(m.buildCalendar({ name: 'x', uidDomain: 'd', events: [{ id: 'i', title: 't', description: '', startsAt: new Date('2026-10-25T08:30:00Z'), endsAt: new Date('2026-10-25T09:00:00Z'), onlineUrl: null, place: 'p', status: 'scheduled', sequence: 0, url: 'http://d/', updatedAt: new Date(0) }] })))`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { env: { ...process.env, TZ: 'America/New_York' }, encoding: 'utf8' });
    // 25 October 2026: back to winter time (UTC+1) at 03:00 in Paris, so 08:30 UTC is 09:30.
    expect(out).toContain('DTSTART;TZID=Europe/Paris:20261025T093000');
  });
});

describe('feeds', () => {
  it('personal feed: only my places, behind a secret address that can be replaced', async () => {
    const mine = await create({ title: 'Celui où je vais', startsAt: '2026-03-27T14:00', endsAt: '2026-03-27T15:00' });
    const waiting = await create({ title: 'Complet pour moi', capacity: 1 });
    const other = await create({ title: 'Celui où je ne vais pas' });
    const me = await t.loggedIn({ verifiedIn: [orgId], email: 'feed@ville.test' });
    const someone = await t.loggedIn({ verifiedIn: [orgId] });
    await someone.agent.put(`/api/events/${waiting}/registration`);
    await me.agent.put(`/api/events/${mine}/registration`);
    expect((await me.agent.put(`/api/events/${waiting}/registration`)).json().status).toBe('waitlisted');

    const { feedUrl, items } = (await me.agent.get('/api/events/mine')).json();
    expect(items.map((i: { title: string }) => i.title).sort()).toEqual(['Celui où je vais', 'Complet pour moi']);
    expect(feedUrl).toMatch(/^http:\/\/entraide\.test\/api\/calendar\/personal\/[A-Za-z0-9_-]{40,}\.ics$/);
    const path = new URL(feedUrl).pathname;
    // Anyone with the address, no session needed (calendar apps have none).
    const res = await t.agent().get(path);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const events = parse(res.body);
    expect(events.map((e) => e.summary)).toEqual(['Celui où je vais']);
    expect(events[0]!.uid).toBe(`${mine}@entraide.test`);
    // 27 March 2026, 14:00 in Paris (UTC+1): 13:00 UTC.
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2026-03-27T13:00:00.000Z');
    expect(events[0]!.location).toContain('https://visio.example.fr/w');
    expect(other).toBeTruthy();

    // The same address while it is not replaced; a new one revokes the old.
    expect((await me.agent.get('/api/events/mine')).json().feedUrl).toBe(feedUrl);
    const renewed = (await me.agent.post('/api/events/mine/feed-url')).json().feedUrl;
    expect(renewed).not.toBe(feedUrl);
    expect((await t.agent().get(path)).statusCode).toBe(404);
    expect((await t.agent().get(new URL(renewed).pathname)).statusCode).toBe(200);

    // A cancelled event stays in the feed, marked CANCELLED, so calendars drop it.
    await facilitator.agent.post(`/api/events/${mine}/cancel`);
    const [cancelled] = parse((await t.agent().get(new URL(renewed).pathname)).body);
    expect(cancelled!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled!.sequence).toBe(1);
  });

  it('public feed: public webinars only, without connection links', async () => {
    const pub = await create({ title: 'Webinaire ouvert à tous' });
    await create({ title: 'Webinaire pour membres vérifiés', visibility: 'verified' });
    await create({ kind: 'workshop', title: 'Atelier public à Lyon', place: 'Lyon', onlineUrl: '' });
    const res = await t.agent().get('/api/calendar/public.ics');
    expect(res.statusCode).toBe(200);
    const list = parse(res.body);
    const titles = list.map((e) => e.summary);
    expect(titles).toContain('Webinaire ouvert à tous');
    expect(titles).not.toContain('Webinaire pour membres vérifiés');
    expect(titles).not.toContain('Atelier public à Lyon');
    expect(res.body).not.toContain('visio.example.fr');
    expect(list.find((e) => e.uid === `${pub}@entraide.test`)!.location).toBe('En ligne');
  });

  it('single .ics: the connection link only for registered members', async () => {
    const id = await create({ title: 'Webinaire avec lien' });
    const visitor = await t.agent().get(`/api/events/${id}/calendar.ics`);
    expect(visitor.statusCode).toBe(200);
    expect(visitor.headers['content-disposition']).toBe('attachment; filename="evenement.ics"');
    expect(visitor.body).not.toContain('visio.example.fr');
    const m = await t.loggedIn({ verifiedIn: [orgId] });
    await m.agent.put(`/api/events/${id}/registration`);
    const [ev] = parse((await m.agent.get(`/api/events/${id}/calendar.ics`)).body);
    expect(ev!.description).toContain('Lien de connexion : https://visio.example.fr/w');
  });
});

describe('reminders', () => {
  it('the day before and one hour before, only to members still registered, following a new time', async () => {
    const id = await create({ title: 'Webinaire avec rappels', startsAt: '2026-03-20T10:00', endsAt: '2026-03-20T11:00' });
    const stays = await t.loggedIn({ verifiedIn: [orgId], email: 'reste@ville.test' });
    const leaves = await t.loggedIn({ verifiedIn: [orgId], email: 'part@ville.test' });
    await stays.agent.put(`/api/events/${id}/registration`);
    await leaves.agent.put(`/api/events/${id}/registration`);
    await leaves.agent.delete(`/api/events/${id}/registration`);
    // Moved one day later: the reminders follow (10:00 Paris on 21 March = 09:00 UTC).
    expect((await facilitator.agent.put(`/api/events/${id}`, body({ title: 'Webinaire avec rappels', startsAt: '2026-03-21T10:00', endsAt: '2026-03-21T11:00' }))).statusCode).toBe(200);
    await t.drainJobs();
    const subjects = (email: string) => t.smtp.to(email).map((m) => m.subject);
    // One drain ran both jobs: their order is not specified.
    expect(subjects('reste@ville.test').sort()).toEqual(["Changement d'horaire ou de lieu : Webinaire avec rappels", 'Inscription confirmée : Webinaire avec rappels']);

    try {
      // 19 March 09:30 UTC: the reminder planned for the old time (19 March 09:00 UTC) must not go.
      t.clock.set(new Date('2026-03-19T09:30:00Z'));
      await t.drainJobs();
      // Only the daily digest of news (07:00 Paris on 2 March) went: the new webinars, told to every
      // member who may see them (issue 16), registered or not — this one and those the earlier tests
      // of this file created without running their jobs (so the number depends on which tests ran).
      expect(subjects('reste@ville.test')).toHaveLength(3);
      const digest = t.smtp.to('reste@ville.test').at(-1)!;
      expect(digest.subject).toMatch(/^Entraide : \d+ nouveautés? de la journée$/);
      expect(digest.text).toContain('• Nouveau webinaire : « Webinaire avec rappels », le samedi 21 mars à 10:00 (heure de Paris).');
      // 20 March 09:00 UTC: one day before the new start.
      t.clock.set(new Date('2026-03-20T09:00:00Z'));
      await t.drainJobs();
      expect(subjects('reste@ville.test').at(-1)).toBe('Rappel : Webinaire avec rappels — demain');
      const day = t.smtp.to('reste@ville.test').at(-1)!;
      expect(day.text).toContain('samedi 21 mars 2026 à 10:00 – 11:00 (heure de Paris)');
      expect(day.text).toContain('Lien de connexion : https://visio.example.fr/w');
      // 21 March 08:00 UTC: one hour before.
      t.clock.set(new Date('2026-03-21T08:00:00Z'));
      await t.drainJobs();
      expect(subjects('reste@ville.test').at(-1)).toBe('Rappel : Webinaire avec rappels — dans une heure');
      expect(subjects('reste@ville.test')).toHaveLength(5);
      // The member who cancelled got no reminder: only the news of the webinar, in the daily digest.
      expect(subjects('part@ville.test')).toEqual([digest.subject]);
    } finally {
      t.clock.set(NOW);
    }
  });
});

describe('attendee export', () => {
  it('CSV in UTF-8 with a BOM and ";" separators, French accents intact, and a trace admins see', async () => {
    t.clock.set(NOW);
    const id = await create({ title: 'Réunion des acheteurs', capacity: 1 });
    const a = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Hélène', lastName: 'Dupré-Lefèvre', email: 'helene@ville.test' });
    const b = await t.loggedIn({ verifiedIn: [orgId], firstName: 'François', lastName: 'Noël', email: 'francois@ville.test' });
    await a.agent.put(`/api/events/${id}/registration`);
    await b.agent.put(`/api/events/${id}/registration`);
    const exportFrom = t.clock.now();
    const res = await facilitator.agent.get(`/api/events/${id}/attendees.csv`);
    const exportTo = t.clock.now();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="participants-reunion-des-acheteurs.csv"');
    const bytes = (res as unknown as { rawPayload: Buffer }).rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe("Nom;Prénom;Adresse e-mail;Organisations;Statut;Position en liste d'attente;Date d'inscription (heure de Paris)");
    // Registered on 1 March 2026 at 08:00 UTC = 09:00 in Paris.
    expect(lines[1]).toBe("Dupré-Lefèvre;Hélène;helene@ville.test;Département du Rhône;Inscrit;;01/03/2026 09:00");
    expect(lines[2]).toBe("Noël;François;francois@ville.test;Département du Rhône;Liste d'attente;1;01/03/2026 09:00");
    expect(lines[3]).toBe('');
    // The "é" of "Prénom" is the two UTF-8 bytes C3 A9.
    expect(bytes.includes(Buffer.from([0x50, 0x72, 0xc3, 0xa9, 0x6e, 0x6f, 0x6d]))).toBe(true);

    const admin = await t.loggedIn({ role: 'admin' });
    const log = (await admin.agent.get(`/api/events/${id}/exports`)).json().items;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ exportedBy: `${facilitator.user.firstName} ${facilitator.user.lastName}`, rowsCount: 2 });
    const at = new Date(log[0].createdAt).getTime();
    expect(at >= exportFrom.getTime() && at <= exportTo.getTime()).toBe(true);
    expect((await facilitator.agent.get(`/api/events/${id}/exports`)).statusCode).toBe(403);
    expect((await a.agent.get(`/api/events/${id}/attendees.csv`)).statusCode).toBe(403);
  });
});

describe('who sees what', () => {
  it('verified-only and restricted events are hidden from those outside, through every path', async () => {
    const verifiedOnly = await create({ title: 'Réservé aux membres vérifiés', visibility: 'verified' });
    const restricted = await create({ title: 'Séance de la promotion', kind: 'codev', visibility: 'restricted', ownerKind: 'test-group', ownerId: GROUP_ID, place: 'Salle 2', onlineUrl: '' });
    const unknownOwner = await facilitator.agent.post('/api/events', body({ visibility: 'restricted', ownerKind: 'test-group', ownerId: '22222222-2222-4222-8222-222222222222' }));
    expect(unknownOwner.json()).toMatchObject({ error: 'UNKNOWN_EVENT_OWNER' });

    const insider = await t.loggedIn({ verifiedIn: [orgId] });
    groupMembers.add(insider.user.id);
    const outsider = await t.loggedIn({ verifiedIn: [orgId] });
    const unverified = await t.loggedIn({ pendingIn: [orgId] });
    const anonymous = t.agent();
    const titles = async (agent: A) => ((await agent.get('/api/events?when=upcoming')).json().items as { title: string }[]).map((e) => e.title);

    for (const [agent, sees] of [
      [anonymous, []],
      [unverified.agent, []],
      [outsider.agent, [verifiedOnly]],
      [insider.agent, [verifiedOnly, restricted]],
      [facilitator.agent, [verifiedOnly, restricted]],
    ] as [A, string[]][]) {
      for (const id of [verifiedOnly, restricted]) {
        const visible = sees.includes(id);
        expect((await agent.get(`/api/events/${id}`)).statusCode).toBe(visible ? 200 : 404);
        expect((await agent.get(`/api/events/${id}/calendar.ics`)).statusCode).toBe(visible ? 200 : 404);
        const reg = await agent.put(`/api/events/${id}/registration`);
        expect(reg.statusCode).toBe(agent === anonymous ? 401 : visible ? 201 : 404);
      }
      const listed = await titles(agent);
      expect(listed.includes('Réservé aux membres vérifiés')).toBe(sees.includes(verifiedOnly));
      expect(listed.includes('Séance de la promotion')).toBe(sees.includes(restricted));
    }
    expect((await t.agent().get('/api/calendar/public.ics')).body).not.toContain('Séance de la promotion');
    // The owner module's schedule lists its sessions.
    const { listEventsForOwner } = await import('./events.service.js');
    expect((await listEventsForOwner(t.deps, 'test-group', GROUP_ID, 'all')).map((e) => e.id)).toEqual([restricted]);
    expect(await listEventsForOwner(t.deps, 'test-group', GROUP_ID, null)).toEqual([]);
    expect((await insider.agent.get(`/api/events/${restricted}`)).json().my).toEqual({ status: 'registered', waitlistPosition: null });
  });
});

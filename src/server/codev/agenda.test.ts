import ICAL from 'ical.js';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { eventRegistrations, events } from '../events/events.tables.js';
import { rows } from '../platform/db.js';
import { codevSessions } from './codev.tables.js';
import { codevFixture } from './codev.fixtures.js';

// Co-development sessions on the platform's one event model: a session's event (kind codev, owned by
// its group) is created with it, shows in the cohort's schedule and feeds, and moving or cancelling
// it — by a cohort facilitator who is not platform staff — moves or cancels the session.

let t: TestContext;
let f: Awaited<ReturnType<typeof codevFixture>>;
let cohortFacilitator: Awaited<ReturnType<TestContext['loggedIn']>>;
let eventId: string;

// Friday 20 November 2026, 10:00 in Paris (UTC+1): the fixture's session, Thursday 26 at 16:00–17:30 Paris, is ahead.
beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-11-20T09:00:00Z'));
  f = await codevFixture(t);
  cohortFacilitator = await t.loggedIn({ verifiedIn: [(await t.createOrganisation({ name: 'Réseau régional' })).id], firstName: 'Chloé', lastName: 'Coanimatrice' });
  const put = await f.staff.agent.put(`/api/cohorts/${f.cohortId}/members/${cohortFacilitator.user.id}`, { role: 'facilitator' });
  expect(put.statusCode, put.body).toBe(200);
  eventId = (await f.client.agent.get(`/api/codev/sessions/${f.sessionId}`)).json().event.id;
});
afterAll(() => t?.close());

function parseIcs(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  for (const tz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}
const title = 'Codéveloppement — Groupe A : Gouvernance du SPASER avec les élus';
const count = async (table: 'events' | 'codev_sessions') => Number((await rows<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`))[0]!.n);

describe('a session is an event of kind codev', () => {
  it('is created with its event, restricted to the group, with a place for each member and the facilitator', async () => {
    const s = (await f.client.agent.get(`/api/codev/sessions/${f.sessionId}`)).json();
    // 16:00–17:30 in Paris in November (UTC+1).
    expect(s.event).toMatchObject({ startsAt: '2026-11-26T15:00:00.000Z', endsAt: '2026-11-26T16:30:00.000Z', place: 'Salle Gaspard-Monge, Paris', status: 'scheduled' });
    expect(s.status).toBe('planned');
    expect(s.can.editEvent).toBe(false);
    expect((await f.staff.agent.get(`/api/codev/sessions/${f.sessionId}`)).json().can.editEvent).toBe(true);
    const e = (await f.client.agent.get(`/api/events/${eventId}`)).json();
    expect(e).toMatchObject({ kind: 'codev', title, visibility: 'restricted', ownerKind: 'codev_group', ownerId: f.groupId, my: { status: 'registered', waitlistPosition: null } });
    const places = await t.db.select({ userId: eventRegistrations.userId }).from(eventRegistrations).where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'registered')));
    expect(places.map((p) => p.userId).sort()).toEqual([...f.members.map((m) => m.user.id), f.staff.user.id].sort());
    // The invitation with its .ics, to the 6 members and the facilitator.
    await t.drainJobs();
    expect(t.smtp.received.filter((m) => m.subject === `Inscription confirmée : ${title}`).length).toBe(7);
    t.smtp.clear();
  });

  it('refuses bad dates or no place nor link, per field in French, and creates neither a session nor an event', async () => {
    const before = [await count('events'), await count('codev_sessions')];
    const r = await f.staff.agent.post(`/api/codev/groups/${f.groupId}/sessions`, {
      title: 'Sujet sans date valable',
      caseOwnerId: f.members[1]!.user.id,
      startsAt: '2026-12-01T10:00',
      endsAt: '2026-12-01T09:00',
      onlineUrl: '',
      place: '',
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().fields).toEqual({
      endsAt: "La fin de l'événement doit être après son début.",
      onlineUrl: 'Indiquez un lien de connexion ou un lieu (ou les deux).',
    });
    expect([await count('events'), await count('codev_sessions')]).toEqual(before);
  });

  it('shows in the cohort schedule of its group and the cohort facilitators, not of another group', async () => {
    const upcoming = async (who: typeof f.client) => (await who.agent.get(`/api/cohorts/${f.cohortId}/sessions`)).json().upcoming.map((e: { title: string }) => e.title);
    expect(await upcoming(f.client)).toEqual([title]);
    expect(await upcoming(f.staff)).toEqual([title]);
    expect(await upcoming(cohortFacilitator)).toEqual([title]);
    expect(await upcoming(f.others[0]!)).toEqual([]);
    expect((await f.others[0]!.agent.get(`/api/events/${eventId}`)).statusCode).toBe(404);
    expect((await f.outsider.agent.get(`/api/cohorts/${f.cohortId}/sessions`)).statusCode).toBe(403);
    // Its attendance sheet is the cohort's, like any session of the schedule: the 11 participants.
    const sheet = await f.staff.agent.get(`/api/cohorts/${f.cohortId}/sessions/${eventId}/attendance`);
    expect(sheet.statusCode, sheet.body).toBe(200);
    expect(sheet.json().items.length).toBe(11);
  });

  it("is in the group's cohort feed and in each member's personal feed, not in another group's", async () => {
    const cohortFeed = async (who: typeof f.client) => {
      const url: string = (await who.agent.get(`/api/cohorts/${f.cohortId}`)).json().members.calendarUrl;
      return parseIcs((await t.agent().get(url.replace('http://entraide.test', ''))).body).map((e) => e.summary);
    };
    expect(await cohortFeed(f.consultant)).toEqual([title]);
    expect(await cohortFeed(f.others[0]!)).toEqual([]);
    const feedUrl: string = (await f.consultant.agent.get('/api/events/mine')).json().feedUrl;
    const [mine] = parseIcs((await t.agent().get(feedUrl.replace('http://entraide.test', ''))).body);
    expect(mine!.summary).toBe(title);
    expect(mine!.startDate.toJSDate().toISOString()).toBe('2026-11-26T15:00:00.000Z');
  });

  it('follows the group: who leaves it loses the place, a newcomer gets one', async () => {
    // Groupe A loses its 6th member to Groupe B (5 and 6 people).
    const a = f.members.map((m) => m.user.id);
    const b = f.others.map((m) => m.user.id);
    const groups = (await f.staff.agent.get(`/api/codev/cohorts/${f.cohortId}`)).json().groups as { id: string; name: string }[];
    const saved = await f.staff.agent.put(`/api/codev/cohorts/${f.cohortId}/groups`, {
      groups: [
        { id: groups.find((g) => g.name === 'Groupe A')!.id, name: 'Groupe A', memberIds: a.slice(0, 5) },
        { id: groups.find((g) => g.name === 'Groupe B')!.id, name: 'Groupe B', memberIds: [...b, a[5]!] },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await f.members[5]!.agent.get(`/api/events/${eventId}`)).statusCode).toBe(404);
    const [left] = await t.db.select({ status: eventRegistrations.status }).from(eventRegistrations).where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.userId, a[5]!)));
    expect(left!.status).toBe('cancelled');
    // Back as it was, and the place comes back.
    await f.staff.agent.put(`/api/codev/cohorts/${f.cohortId}/groups`, {
      groups: [
        { id: groups.find((g) => g.name === 'Groupe A')!.id, name: 'Groupe A', memberIds: a },
        { id: groups.find((g) => g.name === 'Groupe B')!.id, name: 'Groupe B', memberIds: b },
      ],
    });
    expect((await f.members[5]!.agent.get(`/api/events/${eventId}`)).json().my).toEqual({ status: 'registered', waitlistPosition: null });
  });
});

describe("a cohort facilitator who is not platform staff runs the cohort's sessions through the events routes", () => {
  const body = (over: Record<string, unknown> = {}) => ({
    kind: 'workshop',
    title,
    description: '',
    speakers: [],
    startsAt: '2026-11-27T10:00',
    endsAt: '2026-11-27T11:30',
    onlineUrl: 'https://visio.example.fr/groupe-a',
    place: '',
    capacity: null,
    visibility: 'public',
    ...over,
  });

  it('401 without an account, 404 outside the audience, 403 for a member of the group, 200 for the cohort facilitator', async () => {
    expect((await t.agent().put(`/api/events/${eventId}`, body())).statusCode).toBe(401);
    expect((await f.outsider.agent.put(`/api/events/${eventId}`, body())).statusCode).toBe(404);
    expect((await f.others[0]!.agent.post(`/api/events/${eventId}/cancel`)).statusCode).toBe(404);
    const member = await f.client.agent.put(`/api/events/${eventId}`, body());
    expect(member.statusCode).toBe(403);
    expect(member.json().message).toBe("Seule l'équipe d'animation de cet événement peut le modifier ou l'annuler.");
    expect((await f.client.agent.post(`/api/events/${eventId}/cancel`)).statusCode).toBe(403);
    expect((await f.client.agent.get(`/api/events/${eventId}`)).json().can).toMatchObject({ edit: false, cancel: false });
    expect((await cohortFacilitator.agent.get(`/api/events/${eventId}`)).json().can).toMatchObject({ edit: true, cancel: true });

    // Moved to Friday 27 at 10:00 Paris, online: the session moves with it; it stays a codev event for the group.
    const moved = await cohortFacilitator.agent.put(`/api/events/${eventId}`, body());
    expect(moved.statusCode, moved.body).toBe(200);
    const s = (await f.client.agent.get(`/api/codev/sessions/${f.sessionId}`)).json();
    expect(s.event).toMatchObject({ startsAt: '2026-11-27T09:00:00.000Z', endsAt: '2026-11-27T10:30:00.000Z', place: null, onlineUrl: 'https://visio.example.fr/groupe-a' });
    const [row] = await t.db.select({ kind: events.kind, visibility: events.visibility }).from(events).where(eq(events.id, eventId));
    expect(row).toEqual({ kind: 'codev', visibility: 'restricted' });
    await t.drainJobs();
    expect(t.smtp.to(f.consultant.user.email).map((m) => m.subject)).toEqual([`Changement d'horaire ou de lieu : ${title}`]);
    t.smtp.clear();
  });

  it("also edits the cohort's own sessions (kick-off) and cancelling the codev event cancels the session", async () => {
    const kickoff = await f.staff.agent.post(`/api/cohorts/${f.cohortId}/sessions`, body({ kind: 'kickoff', title: 'Décollage de la promotion', visibility: 'restricted', ownerKind: 'cohort', ownerId: f.cohortId }));
    expect(kickoff.statusCode, kickoff.body).toBe(201);
    const kickoffId = kickoff.json().id;
    expect((await f.client.agent.post(`/api/events/${kickoffId}/cancel`)).statusCode).toBe(403);
    expect((await cohortFacilitator.agent.put(`/api/events/${kickoffId}`, body({ kind: 'kickoff', title: 'Décollage de la promotion (salle 2)' }))).statusCode).toBe(200);
    expect((await f.client.agent.get(`/api/events/${kickoffId}`)).json()).toMatchObject({ title: 'Décollage de la promotion (salle 2)', visibility: 'restricted' });

    expect((await cohortFacilitator.agent.post(`/api/events/${eventId}/cancel`)).statusCode).toBe(200);
    const s = (await f.client.agent.get(`/api/codev/sessions/${f.sessionId}`)).json();
    expect(s.status).toBe('cancelled');
    expect(s.event.status).toBe('cancelled');
    expect((await f.staff.agent.get(`/api/codev/cohorts/${f.cohortId}`)).json().groups.find((g: { name: string }) => g.name === 'Groupe A').sessions[0].status).toBe('cancelled');
    const start = await f.staff.agent.post(`/api/codev/sessions/${f.sessionId}/steps`, { action: 'start' });
    expect(start.statusCode).toBe(409);
    expect(start.json().error).toBe('CODEV_SESSION_CANCELLED');
    const [session] = await t.db.select({ status: codevSessions.status }).from(codevSessions).where(eq(codevSessions.id, f.sessionId));
    expect(session!.status).toBe('planned');
  });
});

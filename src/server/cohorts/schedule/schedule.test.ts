import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers/context.js';
import { createResource } from '../../library/resources/resources.service.js';

let t: TestContext;
type Who = Awaited<ReturnType<TestContext['loggedIn']>>;
let staff: Who;
let member: Who;
let other: Who;
let outsider: Who;
let cohortId: string;
let spaceId: string;
const ids = {} as { kickoff: string; workshop: string };

// The platform clock starts on Monday 11 January 2027, 08:00 in Paris (07:00 UTC).
const T0 = new Date('2027-01-11T07:00:00Z');

const session = (over: Record<string, unknown>) => ({
  kind: 'workshop',
  title: 'Atelier gouvernance',
  description: '',
  startsAt: '2027-01-11T09:00',
  endsAt: '2027-01-11T11:00',
  onlineUrl: 'https://visio.example/promo-secret',
  place: '',
  visibility: 'restricted',
  ownerKind: 'cohort',
  ownerId: cohortId,
  ...over,
});

function parseIcs(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  for (const tz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(T0);
  const org = await t.createOrganisation();
  staff = await t.loggedIn({ role: 'facilitator' });
  member = await t.loggedIn({ verifiedIn: [org.id], lastName: 'Membre' });
  other = await t.loggedIn({ verifiedIn: [org.id], lastName: 'Autre' });
  outsider = await t.loggedIn({ verifiedIn: [org.id] });
  cohortId = (await staff.agent.post('/api/cohorts', { name: 'Promo agenda', edition: 2, startsOn: '2027-01-11', endsOn: '2027-04-11', capacity: 30 })).json().id;
  for (const who of [member, other]) expect((await staff.agent.put(`/api/cohorts/${cohortId}/members/${who.user.id}`, { role: 'participant' })).statusCode).toBe(200);
  spaceId = (await staff.agent.get(`/api/cohorts/${cohortId}`)).json().members.spaceId;
});
afterAll(() => t?.close());

describe('schedule', () => {
  it('facilitators create sessions on the one event model; bad input changes nothing', async () => {
    expect((await member.agent.post(`/api/cohorts/${cohortId}/sessions`, session({}))).json().error).toBe('COHORT_MANAGE_FORBIDDEN');
    const bad = await staff.agent.post(`/api/cohorts/${cohortId}/sessions`, session({ title: '', endsAt: '2027-01-11T08:00' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toMatchObject({ title: "Saisissez le titre de l'événement.", endsAt: "La fin de l'événement doit être après son début." });
    ids.kickoff = (await staff.agent.post(`/api/cohorts/${cohortId}/sessions`, session({ kind: 'kickoff', title: 'Décollage de la promotion', startsAt: '2027-01-11T09:00', endsAt: '2027-01-11T12:00' }))).json().id;
    ids.workshop = (await staff.agent.post(`/api/cohorts/${cohortId}/sessions`, session({ title: 'Atelier indicateurs', startsAt: '2027-02-04T14:00', endsAt: '2027-02-04T16:30' }))).json().id;
    expect(ids.kickoff && ids.workshop).toBeTruthy();
  });

  it('outsiders see no session: agenda, event page, schedule', async () => {
    for (const who of [outsider.agent, t.agent()]) {
      expect((await who.get('/api/events')).json().items.map((e: { id: string }) => e.id)).toEqual([]);
      expect((await who.get(`/api/events/${ids.kickoff}`)).statusCode).toBe(404);
      expect([401, 403]).toContain((await who.get(`/api/cohorts/${cohortId}/sessions`)).statusCode);
    }
    expect((await member.agent.get(`/api/events/${ids.kickoff}`)).statusCode).toBe(200);
  });

  it('shows what comes next and what happened, and attendance', async () => {
    // 13:00 in Paris: the kick-off has ended, the workshop is ahead.
    t.clock.set(new Date('2027-01-11T12:00:00Z'));
    const s = (await member.agent.get(`/api/cohorts/${cohortId}/sessions`)).json();
    expect(s.upcoming.map((e: { title: string }) => e.title)).toEqual(['Atelier indicateurs']);
    expect(s.past.map((e: { title: string; kind: string }) => [e.title, e.kind])).toEqual([['Décollage de la promotion', 'kickoff']]);
    expect(s.past[0].attendance).toEqual({ present: null, absent: null, mine: null });

    const early = await staff.agent.put(`/api/cohorts/${cohortId}/sessions/${ids.workshop}/attendance`, { entries: [{ userId: member.user.id, present: true }] });
    expect(early.json()).toMatchObject({ error: 'SESSION_NOT_STARTED' });
    const stranger = await staff.agent.put(`/api/cohorts/${cohortId}/sessions/${ids.kickoff}/attendance`, { entries: [{ userId: member.user.id, present: true }, { userId: outsider.user.id, present: true }] });
    expect(stranger.json()).toMatchObject({ error: 'ATTENDANCE_NOT_MEMBER', message: 'Une des personnes cochées ne fait pas partie de la promotion.' });
    expect((await member.agent.put(`/api/cohorts/${cohortId}/sessions/${ids.kickoff}/attendance`, { entries: [{ userId: member.user.id, present: true }] })).statusCode).toBe(403);
    expect((await staff.agent.get(`/api/cohorts/${cohortId}/sessions/${ids.kickoff}/attendance`)).json().items.map((i: { present: boolean | null }) => i.present)).toEqual([null, null]);

    const marked = await staff.agent.put(`/api/cohorts/${cohortId}/sessions/${ids.kickoff}/attendance`, { entries: [{ userId: member.user.id, present: true }, { userId: other.user.id, present: false }] });
    expect(marked.statusCode).toBe(200);
    const sheet = (await staff.agent.get(`/api/cohorts/${cohortId}/sessions/${ids.kickoff}/attendance`)).json();
    expect(sheet.items.map((i: { lastName: string; present: boolean }) => [i.lastName, i.present])).toEqual([['Autre', false], ['Membre', true]]);
    expect((await staff.agent.get(`/api/cohorts/${cohortId}/sessions`)).json().past[0].attendance).toEqual({ present: 1, absent: 1, mine: null });
    expect((await member.agent.get(`/api/cohorts/${cohortId}/sessions`)).json().past[0].attendance).toEqual({ present: null, absent: null, mine: true });
    expect((await outsider.agent.get(`/api/cohorts/${cohortId}/sessions/${ids.kickoff}/attendance`)).statusCode).toBe(403);
  });

  it('serves each member a secret iCalendar feed; renewing or leaving closes it', async () => {
    const url: string = (await member.agent.get(`/api/cohorts/${cohortId}`)).json().members.calendarUrl;
    expect(url).toMatch(new RegExp(`^http://entraide\\.test/api/cohorts/${cohortId}/calendar/[A-Za-z0-9_-]+\\.ics$`));
    const path = url.replace('http://entraide.test', '');
    const feed = await t.agent().get(path);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const evs = parseIcs(feed.body);
    expect(evs.map((e) => e.summary)).toEqual(['Décollage de la promotion', 'Atelier indicateurs']);
    // 14:00 Paris in winter is 13:00 UTC.
    expect(evs[1]!.startDate.toJSDate().toISOString()).toBe('2027-02-04T13:00:00.000Z');
    expect(feed.body).toContain('promo-secret');
    expect((await t.agent().get(path.replace(/[A-Za-z0-9_-]{8}\.ics$/, 'AAAAAAAA.ics'))).statusCode).toBe(404);

    const renewed = (await member.agent.post(`/api/cohorts/${cohortId}/calendar-url`)).json().calendarUrl;
    expect(renewed).not.toBe(url);
    expect((await t.agent().get(path)).statusCode).toBe(404);
    expect((await t.agent().get(renewed.replace('http://entraide.test', ''))).statusCode).toBe(200);
    expect((await outsider.agent.post(`/api/cohorts/${cohortId}/calendar-url`)).statusCode).toBe(403);

    const otherUrl = (await other.agent.get(`/api/cohorts/${cohortId}`)).json().members.calendarUrl.replace('http://entraide.test', '');
    expect((await t.agent().get(otherUrl)).statusCode).toBe(200);
    await staff.agent.delete(`/api/cohorts/${cohortId}/members/${other.user.id}`);
    expect((await t.agent().get(otherUrl)).statusCode).toBe(404);
  });

  it("the cohort's resource collection opens with membership", async () => {
    const created = await createResource(deps(), { kind: 'guide', title: 'Trame de SPASER de la promotion', summary: 'Réservée à la promotion.', visibility: 'space', spaceId }, [], { createdBy: null });
    expect(created.ok).toBe(true);
    const id = created.ok ? created.value.id : '';
    const page = (await member.agent.get(`/api/cohorts/${cohortId}`)).json();
    expect(page.members.resources.map((r: { title: string }) => r.title)).toEqual(['Trame de SPASER de la promotion']);
    expect((await member.agent.get(`/api/library/resources/${id}`)).statusCode).toBe(200);
    // The member removed above, and an outsider, no longer see it.
    expect((await other.agent.get(`/api/library/resources/${id}`)).statusCode).toBe(404);
    expect((await outsider.agent.get(`/api/library/resources/${id}`)).statusCode).toBe(404);
    expect((await outsider.agent.get(`/api/cohorts/${cohortId}`)).json().members).toBeNull();
  });
});

const deps = () => t.deps;

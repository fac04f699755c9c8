import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { codevFixture } from '../codev/codev.fixtures.js';
import { inputMessages } from '../platform/input.js';

// iCalendar injection (issue 11, item 3): one-line texts with control characters are refused at
// input, and whatever is stored (here written straight into the database) cannot add a property or
// an event to a calendar. Feeds are parsed back with ical.js, an independent parser.

let t: TestContext;
let f: Awaited<ReturnType<typeof codevFixture>>;

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-11-20T08:00:00Z'));
  f = await codevFixture(t);
});
afterAll(() => t?.close());

/** A forged event, as a facilitator would hide it in a name or a title. */
const PAYLOAD =
  '\r\nX-INJECTED:oui\r\nBEGIN:VEVENT\r\nUID:faux@hameconnage.example\r\nDTSTAMP:20261201T100000Z\r\nDTSTART:20261201T100000Z\r\nSUMMARY:Réinitialisez votre mot de passe\r\nURL:https://hameconnage.example\r\nEND:VEVENT';
/** The same text on one line: each line break became a space. */
const PAYLOAD_FLAT =
  ' X-INJECTED:oui BEGIN:VEVENT UID:faux@hameconnage.example DTSTAMP:20261201T100000Z DTSTART:20261201T100000Z SUMMARY:Réinitialisez votre mot de passe URL:https://hameconnage.example END:VEVENT';

const LINE_MESSAGE = (what: string) => `${what} tient sur une ligne : retirez les retours à la ligne, tabulations et autres caractères de contrôle.`;

function parse(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return cal;
}
const uids = (cal: ICAL.Component) => cal.getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('uid'));
const eventOf = (cal: ICAL.Component, id: string) => cal.getAllSubcomponents('vevent').find((v) => v.getFirstPropertyValue('uid') === `${id}@entraide.test`)!;

/** Nothing but the expected events, properties and lines: no forged event, property or nested component anywhere. */
function expectClean(text: string, cal: ICAL.Component, eventCount: number) {
  const lines = text.split('\r\n');
  expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(eventCount);
  expect(lines.filter((l) => /^(X-INJECTED|UID:faux|URL:https:\/\/hameconnage)/.test(l))).toEqual([]);
  expect(cal.getAllProperties('x-injected')).toEqual([]);
  expect(cal.getAllProperties('name')).toHaveLength(1);
  expect(cal.getAllProperties('x-wr-calname')).toHaveLength(1);
  for (const v of cal.getAllSubcomponents('vevent')) {
    expect(v.getAllSubcomponents()).toEqual([]);
    expect(v.getAllProperties('x-injected')).toEqual([]);
    expect(v.getAllProperties('uid')).toHaveLength(1);
    expect(v.getAllProperties('url')).toHaveLength(1);
  }
}

describe('item 3: control characters are refused at input, with a French message, and nothing changes', () => {
  it('item 3: cohort name, event title and place, co-development subject and group name', async () => {
    const before = (await f.staff.agent.get('/api/cohorts')).json();
    const cohort = await f.staff.agent.post('/api/cohorts', { name: 'Promo\r\nX-INJECTED:oui', edition: 1, startsOn: '2027-01-01', endsOn: '2027-03-01', capacity: 30 });
    expect(cohort.statusCode).toBe(400);
    expect(cohort.json().fields).toEqual({ name: LINE_MESSAGE('Le nom de la promotion') });
    expect((await f.staff.agent.get('/api/cohorts')).json()).toEqual(before);

    const renamed = await f.staff.agent.patch(`/api/cohorts/${f.cohortId}`, { name: 'Mission\nSPASER' });
    expect(renamed.json().fields).toEqual({ name: LINE_MESSAGE('Le nom de la promotion') });
    expect((await f.staff.agent.get(`/api/cohorts/${f.cohortId}`)).json().name).toBe('Mission SPASER');

    const session = { kind: 'workshop', title: 'Atelier\r\nURL:https://hameconnage.example', description: '', startsAt: '2026-12-03T14:00', endsAt: '2026-12-03T16:00', onlineUrl: 'https://visio.example/a', place: 'Salle 1\tX-INJECTED:oui', visibility: 'restricted', ownerKind: 'cohort', ownerId: f.cohortId };
    const s = await f.staff.agent.post(`/api/cohorts/${f.cohortId}/sessions`, session);
    expect(s.statusCode).toBe(400);
    expect(s.json().fields).toEqual({ title: LINE_MESSAGE('Le titre'), place: LINE_MESSAGE('Le lieu') });

    const codev = await f.staff.agent.post(`/api/codev/groups/${f.groupId}/sessions`, {
      title: 'Gouvernance\r\nURL:https://hameconnage.example',
      caseOwnerId: f.client.user.id,
      startsAt: '2026-12-10T16:00',
      endsAt: '2026-12-10T17:30',
      place: 'Salle Monge',
    });
    expect(codev.json().fields).toEqual({ title: LINE_MESSAGE('Le sujet') });
    // A control character other than a line break is refused by the contract layer for every field
    // (issue 12, item 1), before the field's own one-line rule: its message is the general one.
    const retitled = await f.staff.agent.patch(`/api/codev/sessions/${f.sessionId}`, { title: 'Gouvernance\u0007' });
    expect(retitled.statusCode).toBe(400);
    expect(retitled.json().fields).toEqual({ title: inputMessages.control });
    expect((await f.staff.agent.get(`/api/codev/sessions/${f.sessionId}`)).json().title).toBe('Gouvernance du SPASER avec les élus');

    const groups = await f.staff.agent.put(`/api/codev/cohorts/${f.cohortId}/groups`, { groups: [{ name: 'Groupe\r\nA', memberIds: f.members.map((m) => m.user.id) }] });
    expect(groups.json().fields).toEqual({ 'groups.0.name': LINE_MESSAGE('Le nom du groupe') });

    const event = await f.staff.agent.post('/api/events', { ...session, kind: 'webinar', title: 'Webinaire\u2028SPASER', place: '', visibility: 'public' });
    expect(event.json().fields).toEqual({ title: LINE_MESSAGE('Le titre') });
  });
});

describe('item 3: stored text with CR/LF cannot inject a property or an event into a feed', () => {
  let workshopId: string;
  let webinarId: string;
  let codevEventId: string;

  beforeAll(async () => {
    const created = await f.staff.agent.post(`/api/cohorts/${f.cohortId}/sessions`, {
      kind: 'workshop',
      title: 'Atelier indicateurs',
      description: 'Ordre du jour',
      startsAt: '2026-12-03T14:00',
      endsAt: '2026-12-03T16:00',
      onlineUrl: 'https://visio.example/atelier',
      place: '',
      visibility: 'restricted',
      ownerKind: 'cohort',
      ownerId: f.cohortId,
    });
    expect(created.statusCode, created.body).toBe(201);
    workshopId = created.json().id;
    expect((await f.client.agent.put(`/api/events/${workshopId}/registration`)).statusCode).toBe(201);
    const webinar = await f.staff.agent.post('/api/events', {
      kind: 'webinar',
      title: 'Webinaire public',
      description: '',
      startsAt: '2026-12-04T10:00',
      endsAt: '2026-12-04T11:00',
      onlineUrl: 'https://visio.example/public',
      place: '',
      visibility: 'public',
    });
    webinarId = webinar.json().id;
    codevEventId = (await f.client.agent.get(`/api/codev/sessions/${f.sessionId}`)).json().event.id;

    // What a facilitator could have stored before input was checked, or any other writer.
    await t.db.execute(sql`UPDATE cohorts SET name = ${`Mission SPASER${PAYLOAD}`} WHERE id = ${f.cohortId}`);
    await t.db.execute(sql`UPDATE events SET title = ${`Atelier indicateurs${PAYLOAD}`}, place = ${'Salle 2\r\nX-INJECTED:oui'},
      description = ${'Ordre du jour\r\nEND:VEVENT\u0007'} WHERE id = ${workshopId}`);
    await t.db.execute(sql`UPDATE events SET title = ${`Webinaire public${PAYLOAD}`} WHERE id = ${webinarId}`);
    await t.db.execute(sql`UPDATE events SET title = ${`Codéveloppement${PAYLOAD}`} WHERE id = ${codevEventId}`);
    await t.db.execute(sql`UPDATE codev_sessions SET title = ${`Gouvernance${PAYLOAD}`} WHERE id = ${f.sessionId}`);
  });

  it('item 3: the cohort feed holds exactly the cohort session and the group’s session, with the texts on one line', async () => {
    const url: string = (await f.client.agent.get(`/api/cohorts/${f.cohortId}`)).json().members.calendarUrl;
    const res = await t.agent().get(url.replace('http://entraide.test', ''));
    expect(res.statusCode).toBe(200);
    const cal = parse(res.body);
    expectClean(res.body, cal, 2);
    expect(uids(cal).sort()).toEqual([`${codevEventId}@entraide.test`, `${workshopId}@entraide.test`].sort());
    expect(cal.getFirstPropertyValue('name')).toBe(`Entraide — Mission SPASER${PAYLOAD_FLAT}`);
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe(`Entraide — Mission SPASER${PAYLOAD_FLAT}`);
    const workshop = eventOf(cal, workshopId);
    expect(workshop.getFirstPropertyValue('summary')).toBe(`Atelier indicateurs${PAYLOAD_FLAT}`);
    expect(workshop.getFirstPropertyValue('location')).toBe('Salle 2 X-INJECTED:oui — https://visio.example/atelier');
    expect(workshop.getFirstPropertyValue('description')).toBe(
      `Ordre du jour\nEND:VEVENT\n\nLien de connexion : https://visio.example/atelier\n\nPage de l'événement : http://entraide.test/agenda/${workshopId}`,
    );
    expect(workshop.getFirstPropertyValue('url')).toBe(`http://entraide.test/agenda/${workshopId}`);
    expect(eventOf(cal, codevEventId).getFirstPropertyValue('summary')).toBe(`Codéveloppement${PAYLOAD_FLAT}`);
  });

  it('item 3: the personal feed, the single-event file and the public feed are clean too', async () => {
    const feedUrl: string = (await f.client.agent.get('/api/events/mine')).json().feedUrl;
    const personal = await t.agent().get(feedUrl.replace('http://entraide.test', ''));
    expect(personal.statusCode).toBe(200);
    const pcal = parse(personal.body);
    expectClean(personal.body, pcal, 2);
    expect(uids(pcal).sort()).toEqual([`${codevEventId}@entraide.test`, `${workshopId}@entraide.test`].sort());
    expect(pcal.getFirstPropertyValue('x-wr-calname')).toBe('Entraide — mes inscriptions');

    const one = await f.client.agent.get(`/api/events/${workshopId}/calendar.ics`);
    const ocal = parse(one.body);
    expectClean(one.body, ocal, 1);
    expect(uids(ocal)).toEqual([`${workshopId}@entraide.test`]);
    // A single event's calendar is named after its title.
    expect(ocal.getFirstPropertyValue('name')).toBe(`Atelier indicateurs${PAYLOAD_FLAT}`);

    const pub = await t.agent().get('/api/calendar/public.ics');
    const pubcal = parse(pub.body);
    expectClean(pub.body, pubcal, 1);
    expect(uids(pubcal)).toEqual([`${webinarId}@entraide.test`]);
    expect(eventOf(pubcal, webinarId).getFirstPropertyValue('summary')).toBe(`Webinaire public${PAYLOAD_FLAT}`);
  });
});

import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { codevFixture } from '../codev/codev.fixtures.js';

// Removed or disabled people keep no private link (issue 11, item 5): event details, single-event
// files, personal and cohort feeds and e-mails follow the rights of now, not those of the registration.

let t: TestContext;
let f: Awaited<ReturnType<typeof codevFixture>>;
const LINK = 'https://visio.example/promo-secret';
let workshopId: string;
let codevEventId: string;

const workshop = (over: Record<string, unknown> = {}) => ({
  kind: 'workshop',
  title: 'Atelier indicateurs',
  description: '',
  startsAt: '2026-12-03T14:00',
  endsAt: '2026-12-03T16:00',
  onlineUrl: LINK,
  place: '',
  visibility: 'restricted',
  ownerKind: 'cohort',
  ownerId: f.cohortId,
  ...over,
});

const local = (url: string) => url.replace('http://entraide.test', '');
const uidsIn = (text: string) =>
  new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('uid')).replace('@entraide.test', ''));

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-11-20T08:00:00Z'));
  f = await codevFixture(t);
  const created = await f.staff.agent.post(`/api/cohorts/${f.cohortId}/sessions`, workshop());
  expect(created.statusCode, created.body).toBe(201);
  workshopId = created.json().id;
  codevEventId = (await f.client.agent.get(`/api/codev/sessions/${f.sessionId}`)).json().event.id;
});
afterAll(() => t?.close());

describe('item 5: removed from the cohort', () => {
  it('item 5: loses the event page’s link, the .ics, the agenda entries, the personal and cohort feeds, and the e-mails', async () => {
    const leaver = f.members[2]!;
    const stayer = f.members[3]!;
    for (const who of [leaver, stayer]) expect((await who.agent.put(`/api/events/${workshopId}/registration`)).statusCode).toBe(201);
    const personalUrl = local((await leaver.agent.get('/api/events/mine')).json().feedUrl);
    const cohortUrl = local((await leaver.agent.get(`/api/cohorts/${f.cohortId}`)).json().members.calendarUrl);

    // Before: the link everywhere a registered member gets it.
    expect((await leaver.agent.get(`/api/events/${workshopId}`)).json().onlineUrl).toBe(LINK);
    expect(uidsIn((await t.agent().get(personalUrl)).body).sort()).toEqual([codevEventId, workshopId].sort());
    expect((await t.agent().get(cohortUrl)).statusCode).toBe(200);

    expect((await f.staff.agent.delete(`/api/cohorts/${f.cohortId}/members/${leaver.user.id}`)).statusCode).toBe(200);

    for (const id of [workshopId, codevEventId]) {
      const page = await leaver.agent.get(`/api/events/${id}`);
      expect(page.statusCode).toBe(404);
      expect(page.body).not.toContain(LINK);
      const ics = await leaver.agent.get(`/api/events/${id}/calendar.ics`);
      expect(ics.statusCode).toBe(404);
    }
    expect((await leaver.agent.get('/api/events/mine')).json().items).toEqual([]);
    expect((await leaver.agent.get('/api/events')).json().items.map((e: { id: string }) => e.id)).not.toContain(workshopId);
    const feed = await t.agent().get(personalUrl);
    expect(feed.statusCode).toBe(200);
    expect(uidsIn(feed.body)).toEqual([]);
    expect(feed.body).not.toContain('promo-secret');
    expect((await t.agent().get(cohortUrl)).statusCode).toBe(404);
    // The member who stayed keeps everything.
    expect((await stayer.agent.get(`/api/events/${workshopId}`)).json().onlineUrl).toBe(LINK);

    // A change of time, then the reminders: only the member who stayed hears about them.
    expect((await f.staff.agent.put(`/api/events/${workshopId}`, workshop({ startsAt: '2026-12-03T15:00', endsAt: '2026-12-03T17:00' }))).statusCode).toBe(200);
    const before = t.smtp.to(leaver.user.email).length;
    t.clock.set(new Date('2026-12-02T14:30:00Z'));
    await t.drainJobs();
    const leaverNew = t.smtp.to(leaver.user.email).slice(before);
    expect(leaverNew.map((m) => m.subject)).toEqual([]);
    const stayerSubjects = t.smtp.to(stayer.user.email).map((m) => m.subject);
    expect(stayerSubjects).toContain("Changement d'horaire ou de lieu : Atelier indicateurs");
    expect(stayerSubjects).toContain('Rappel : Atelier indicateurs — demain');
    expect(t.smtp.to(stayer.user.email).find((m) => m.subject === 'Rappel : Atelier indicateurs — demain')!.text).toContain(`Lien de connexion : ${LINK}`);
    t.clock.set(new Date('2026-11-20T08:00:00Z'));
  });
});

describe('item 5: a disabled account', () => {
  it('item 5: its personal and cohort feed addresses stop answering, and answer again if the account is enabled again', async () => {
    const member = f.members[4]!;
    expect((await member.agent.put(`/api/events/${workshopId}/registration`)).statusCode).toBe(201);
    const personalUrl = local((await member.agent.get('/api/events/mine')).json().feedUrl);
    const cohortUrl = local((await member.agent.get(`/api/cohorts/${f.cohortId}`)).json().members.calendarUrl);
    expect((await t.agent().get(personalUrl)).body).toContain(LINK);
    expect((await t.agent().get(cohortUrl)).body).toContain(LINK);

    const admin = await t.loggedIn({ role: 'admin' });
    expect((await admin.agent.patch(`/api/admin/users/${member.user.id}`, { disabled: true })).statusCode).toBe(200);
    for (const url of [personalUrl, cohortUrl]) {
      const res = await t.agent().get(url);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain(LINK);
    }
    expect((await admin.agent.patch(`/api/admin/users/${member.user.id}`, { disabled: false })).statusCode).toBe(200);
    expect((await t.agent().get(personalUrl)).statusCode).toBe(200);
    expect((await t.agent().get(cohortUrl)).statusCode).toBe(200);
  });
});

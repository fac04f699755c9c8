import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { codevFixture } from '../codev/codev.fixtures.js';
import { COMMUNITY_SPACE_ID } from '../helpspace/spaces/spaces.service.js';
import { createResource } from '../library/resources/resources.service.js';

/**
 * Theme pages (issue 23, item 9): each persona sees on « indicateurs » exactly what the owning modules
 * let them read. Fixture: a cohort with two co-development groups (A runs a session whose case is
 * tagged), its private space, a restricted cohort session, an announcement and a question to the
 * sponsors, plus public items — expected sets written by hand below.
 */
let t: TestContext;
let f: Awaited<ReturnType<typeof codevFixture>>;
const ids = {} as Record<'publicQuestion' | 'privateQuestion' | 'publicResource' | 'spaceResource' | 'webinar' | 'cohortSession' | 'announcement' | 'sponsorQuestion' | 'otherTheme', string>;
type Persona = 'visitor' | 'outsider' | 'cohortMember' | 'groupMember' | 'staff';

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-11-20T09:00:00Z'));
  f = await codevFixture(t);
  const ok = (r: { statusCode: number; body: string; json: () => any }, status = 201) => {
    if (r.statusCode !== status) throw new Error(r.body);
    return r.json();
  };
  // The co-development case of group A gets its themes when edited.
  ok(await f.staff.agent.patch(`/api/codev/sessions/${f.sessionId}`, { themes: ['indicateurs', 'gouvernance'] }), 200);
  const spaceId = (await f.staff.agent.get(`/api/cohorts/${f.cohortId}`)).json().members.spaceId as string;
  ids.publicQuestion = ok(await f.outsider.agent.post('/api/help/questions', { spaceId: COMMUNITY_SPACE_ID, title: 'Quels indicateurs pour le suivi ?', body: 'Nous cherchons des exemples.', theme: 'indicateurs' })).id;
  ids.privateQuestion = ok(await f.others[0]!.agent.post('/api/help/questions', { spaceId, title: 'Nos indicateurs confidentiels', body: 'Entre nous.', theme: 'indicateurs' })).id;
  const resource = async (title: string, extra: object) => {
    const r = await createResource(t.deps, { kind: 'guide', title, themes: ['indicateurs'], ...extra }, [], { createdBy: f.staff.user.id });
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.value.id;
  };
  ids.publicResource = await resource('Guide des indicateurs', { visibility: 'public' });
  ids.spaceResource = await resource('Tableau de bord de la promotion', { visibility: 'space', spaceId });
  ids.webinar = ok(
    await f.staff.agent.post('/api/events', { kind: 'webinar', title: 'Webinaire indicateurs', startsAt: '2026-12-03T11:00', endsAt: '2026-12-03T12:00', onlineUrl: 'https://visio.example/w', visibility: 'public', themes: ['indicateurs'] }),
  ).id;
  ids.otherTheme = ok(
    await f.staff.agent.post('/api/events', { kind: 'webinar', title: 'Webinaire alimentation', startsAt: '2026-12-04T11:00', endsAt: '2026-12-04T12:00', onlineUrl: 'https://visio.example/a', visibility: 'public', themes: ['alimentation'] }),
  ).id;
  // The cohort's session form takes the events body: its themes come with it.
  ids.cohortSession = ok(
    await f.staff.agent.post(`/api/cohorts/${f.cohortId}/sessions`, {
      kind: 'workshop',
      title: 'Atelier indicateurs de la promotion',
      startsAt: '2026-12-10T09:00',
      endsAt: '2026-12-10T12:00',
      place: 'Salle 2',
      visibility: 'restricted',
      ownerKind: 'cohort',
      ownerId: f.cohortId,
      themes: ['indicateurs'],
    }),
  ).id;
  ids.announcement = ok(await f.staff.agent.post(`/api/cohorts/${f.cohortId}/announcements`, { title: 'Point indicateurs', body: 'Apportez vos chiffres.', themes: ['indicateurs'] })).id;
  ids.sponsorQuestion = ok(await f.others[0]!.agent.post(`/api/cohorts/${f.cohortId}/sponsor-questions`, { body: 'Quels indicateurs suivez-vous ?', themes: ['indicateurs'] })).id;
});
afterAll(() => t?.close());

const agentOf = (who: Persona) =>
  ({ visitor: t.agent(), outsider: f.outsider.agent, cohortMember: f.others[0]!.agent, groupMember: f.consultant.agent, staff: f.staff.agent })[who];

// What each persona may read on « indicateurs »: the cohort member is in group B (not the tagged case's group).
const expected: Record<Persona, { questions: string[]; resources: string[]; events: string[]; codevCases: boolean; announcements: boolean; sponsorQuestions: boolean }> = {
  visitor: { questions: ['publicQuestion'], resources: ['publicResource'], events: ['webinar'], codevCases: false, announcements: false, sponsorQuestions: false },
  outsider: { questions: ['publicQuestion'], resources: ['publicResource'], events: ['webinar'], codevCases: false, announcements: false, sponsorQuestions: false },
  cohortMember: { questions: ['privateQuestion', 'publicQuestion'], resources: ['spaceResource', 'publicResource'], events: ['webinar', 'cohortSession'], codevCases: false, announcements: true, sponsorQuestions: true },
  groupMember: { questions: ['privateQuestion', 'publicQuestion'], resources: ['spaceResource', 'publicResource'], events: ['webinar', 'cohortSession'], codevCases: true, announcements: true, sponsorQuestions: true },
  staff: { questions: ['privateQuestion', 'publicQuestion'], resources: ['spaceResource', 'publicResource'], events: ['webinar', 'cohortSession'], codevCases: true, announcements: true, sponsorQuestions: true },
};
const personas = Object.keys(expected) as Persona[];
const idsOf = (section: { items: { id: string }[] }) => section.items.map((i) => i.id);

describe('a theme page shows each viewer what they may read, per the owning module', () => {
  it.each(personas)('%s', async (who) => {
    const res = await agentOf(who).get('/api/themes/indicateurs');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    const e = expected[who];
    expect(page.theme).toEqual({ key: 'indicateurs', label: 'Indicateurs et suivi' });
    expect(idsOf(page.questions)).toEqual(e.questions.map((k) => ids[k as keyof typeof ids]));
    expect(idsOf(page.resources).sort()).toEqual(e.resources.map((k) => ids[k as keyof typeof ids]).sort());
    expect(idsOf(page.events)).toEqual(e.events.map((k) => ids[k as keyof typeof ids]));
    expect(idsOf(page.codevCases)).toEqual(e.codevCases ? [f.sessionId] : []);
    expect(idsOf(page.announcements)).toEqual(e.announcements ? [ids.announcement] : []);
    expect(idsOf(page.sponsorQuestions)).toEqual(e.sponsorQuestions ? [ids.sponsorQuestion] : []);
    for (const s of ['questions', 'resources', 'events', 'codevCases', 'announcements', 'sponsorQuestions'] as const) expect(page[s].total, s).toBe(page[s].items.length);
    // The private titles never reach who may not read them, anywhere in the answer.
    if (!e.codevCases) expect(res.body).not.toContain('Gouvernance du SPASER avec les élus');
    if (!e.announcements) expect(res.body).not.toContain('Point indicateurs');
    if (who === 'visitor' || who === 'outsider') {
      for (const secret of ['Nos indicateurs confidentiels', 'Tableau de bord de la promotion', 'Atelier indicateurs de la promotion', 'Quels indicateurs suivez-vous']) expect(res.body).not.toContain(secret);
    }
  });

  it('gives the case with its cohort and group to its group', async () => {
    const page = (await f.consultant.agent.get('/api/themes/indicateurs')).json();
    expect(page.codevCases.items[0]).toMatchObject({ title: 'Gouvernance du SPASER avec les élus', cohortName: 'Mission SPASER', groupName: 'Groupe A', status: 'planned' });
    expect(page.announcements.items[0]).toMatchObject({ cohortId: f.cohortId, cohortName: 'Mission SPASER', title: 'Point indicateurs' });
    // Another theme of the case gathers it too; a theme nobody used is empty.
    expect(idsOf((await f.consultant.agent.get('/api/themes/gouvernance')).json().codevCases)).toEqual([f.sessionId]);
    const empty = (await f.consultant.agent.get('/api/themes/travaux')).json();
    expect([empty.questions, empty.resources, empty.events, empty.codevCases].map((s) => s.total)).toEqual([0, 0, 0, 0]);
  });

  it('loses the cohort’s items once removed from the cohort', async () => {
    const gone = f.others[1]!;
    expect(idsOf((await gone.agent.get('/api/themes/indicateurs')).json().announcements)).toEqual([ids.announcement]);
    expect((await f.staff.agent.delete(`/api/cohorts/${f.cohortId}/members/${gone.user.id}`)).statusCode).toBe(200);
    const page = (await gone.agent.get('/api/themes/indicateurs')).json();
    expect(idsOf(page.announcements)).toEqual([]);
    expect(idsOf(page.sponsorQuestions)).toEqual([]);
    expect(idsOf(page.events)).toEqual([ids.webinar]);
    expect(idsOf(page.questions)).toEqual([ids.publicQuestion]);
  });
});

describe('the list of themes', () => {
  it('counts, per theme, what the viewer may read', async () => {
    const count = async (who: Persona, key: string) => ((await agentOf(who).get('/api/themes')).json().items as { key: string; counts: object; total: number }[]).find((i) => i.key === key)!;
    expect(await count('visitor', 'indicateurs')).toMatchObject({ counts: { questions: 1, resources: 1, events: 1, codevCases: 0, announcements: 0, sponsorQuestions: 0 }, total: 3 });
    expect((await count('outsider', 'indicateurs')).total).toBe(3);
    expect((await count('cohortMember', 'indicateurs')).counts).toEqual({ questions: 2, resources: 2, events: 2, codevCases: 0, announcements: 1, sponsorQuestions: 1 });
    expect((await count('staff', 'indicateurs')).counts).toEqual({ questions: 2, resources: 2, events: 2, codevCases: 1, announcements: 1, sponsorQuestions: 1 });
    expect((await count('staff', 'gouvernance')).counts).toMatchObject({ codevCases: 1 });
    expect((await count('visitor', 'alimentation')).counts).toMatchObject({ events: 1 });
    const all = (await t.agent().get('/api/themes')).json().items.map((i: { key: string }) => i.key);
    expect(all).toHaveLength(12);
    expect(all[0]).toBe('gouvernance');
  });
});

describe('bad input', () => {
  it('refuses an unknown theme, in French', async () => {
    const res = await t.agent().get('/api/themes/astrologie');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Thème inconnu');
    const agenda = await t.agent().get('/api/events?theme=astrologie');
    expect(agenda.statusCode).toBe(400);
    expect(agenda.body).toContain('Thème inconnu');
  });

  it('refuses unknown themes and more than five on an event and a co-development case', async () => {
    const event = { kind: 'webinar', title: 'Webinaire de test', startsAt: '2026-12-05T11:00', endsAt: '2026-12-05T12:00', onlineUrl: 'https://visio.example/t', visibility: 'public' };
    const unknown = await f.staff.agent.post('/api/events', { ...event, themes: ['indicateurs', 'astrologie'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields).toEqual({ 'themes.1': 'Thème inconnu : choisissez-en un dans la liste.' });
    const many = await f.staff.agent.post('/api/events', { ...event, themes: ['gouvernance', 'indicateurs', 'parties_prenantes', 'clauses_sociales', 'travaux', 'energie'] });
    expect(many.statusCode).toBe(400);
    expect(many.json().fields).toEqual({ themes: '5 thèmes au plus.' });
    const edit = await f.staff.agent.put(`/api/events/${ids.webinar}`, { ...event, themes: ['astrologie'] });
    expect(edit.statusCode).toBe(400);
    const codev = await f.staff.agent.patch(`/api/codev/sessions/${f.sessionId}`, { themes: ['astrologie'] });
    expect(codev.statusCode).toBe(400);
    expect(codev.json().fields).toEqual({ 'themes.0': 'Thème inconnu : choisissez-en un dans la liste.' });
    expect((await f.consultant.agent.patch(`/api/codev/sessions/${f.sessionId}`, { themes: ['travaux'] })).statusCode).toBe(403);
    expect((await f.staff.agent.get(`/api/codev/sessions/${f.sessionId}`)).json().themes).toEqual(['indicateurs', 'gouvernance']);
  });
});

describe('events carry their themes', () => {
  it('in the agenda, filtered by theme, and on the event page', async () => {
    const agenda = (await t.agent().get('/api/events?theme=indicateurs')).json();
    expect(agenda.items.map((i: { id: string }) => i.id)).toEqual([ids.webinar]);
    expect(agenda.items[0].themes).toEqual(['indicateurs']);
    expect((await f.others[0]!.agent.get('/api/events?theme=indicateurs')).json().items.map((i: { id: string }) => i.id)).toEqual([ids.webinar, ids.cohortSession]);
    expect((await t.agent().get(`/api/events/${ids.otherTheme}`)).json().themes).toEqual(['alimentation']);
  });

  it('are edited with the event form, each once', async () => {
    const e = (await f.staff.agent.get(`/api/events/${ids.otherTheme}`)).json();
    const put = await f.staff.agent.put(`/api/events/${ids.otherTheme}`, {
      kind: e.kind, title: e.title, description: e.description, speakers: e.speakers, startsAt: e.startsAtParis, endsAt: e.endsAtParis, onlineUrl: e.onlineUrl ?? '', place: e.place ?? '', capacity: e.capacity, visibility: e.visibility,
      themes: ['alimentation', 'economie_circulaire', 'alimentation'],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await t.agent().get(`/api/events/${ids.otherTheme}`)).json().themes).toEqual(['alimentation', 'economie_circulaire']);
  });
});

describe('the next edition', () => {
  it('keeps its sessions’ themes', async () => {
    const copy = await f.staff.agent.post(`/api/cohorts/${f.cohortId}/next-edition`, { name: 'Mission SPASER', edition: 4, startsOn: '2027-09-01', capacity: 30 });
    expect(copy.statusCode, copy.body).toBe(201);
    const schedule = (await f.staff.agent.get(`/api/cohorts/${copy.json().id}/sessions`)).json();
    const sessions = [...schedule.upcoming, ...schedule.past] as { id: string; title: string }[];
    const copied = sessions.find((s) => s.title === 'Atelier indicateurs de la promotion')!;
    expect((await f.staff.agent.get(`/api/events/${copied.id}`)).json().themes).toEqual(['indicateurs']);
  });
});

describe('co-development cases carry their themes', () => {
  it('when planned, shown on the session page', async () => {
    const created = await f.staff.agent.post(`/api/codev/groups/${f.groupId}/sessions`, {
      title: 'Clauses sociales dans les marchés de travaux',
      themes: ['clauses_sociales', 'travaux'],
      caseOwnerId: f.members[2]!.user.id,
      startsAt: '2026-12-15T14:00',
      endsAt: '2026-12-15T15:30',
      place: 'Salle 3',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await f.client.agent.get(`/api/codev/sessions/${created.json().id}`)).json().themes).toEqual(['clauses_sociales', 'travaux']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestContext, type TestContext } from '../../../../tests/helpers/context.js';

/**
 * The programme's report across editions (issue 23, item 8), on two constructed editions and one still
 * taking applications (left out). Every figure is worked out by hand from the dates below:
 *
 * Promo A (édition 1), 5 January → 31 March 2026, window to 30 September 2026:
 *   Xavier (Commune de Xanton, région 84): present at the kick-off; Yves (Yonne Agglo, EPCI, région 52): absent.
 * Promo B (édition 2), 6 April → 30 June 2026, window to 30 December 2026 (the same day six months on):
 *   Zoé (Département du Zénith, région 84) and Xena (Commune de Xanton again): both present.
 * Adoptions declared (clock: 1 March 2027): Xanton on 10 May 2026 — within six months for A (26+28+31+30+10
 * = 125 days after its start) and for B (24+10 = 34 days); Zénith on 1 February 2027 — later for B
 * (24+31+30+31+31+30+31+30+31+31+1 = 301 days). Yonne: nothing.
 */
let t: TestContext;
type Who = Awaited<ReturnType<TestContext['loggedIn']>>;
let staff: Who;
let member: Who;
const orgs = {} as Record<'x' | 'y' | 'z', string>;
const p = {} as Record<'xavier' | 'yves' | 'zoe' | 'xena', Who>;

async function setClock(iso: string) {
  t.clock.set(new Date(iso));
  for (const who of [staff, member, ...Object.values(p)]) {
    const res = await who.agent.post('/api/auth/login', { email: who.user.email, password: who.user.password });
    if (res.statusCode !== 200) throw new Error(res.body);
  }
}

async function edition(name: string, n: number, startsOn: string, endsOn: string, people: [Who, string, boolean][]) {
  const id = (await staff.agent.post('/api/cohorts', { name, edition: n, startsOn, endsOn, capacity: 30 })).json().id as string;
  for (const [who, org] of people) expect((await staff.agent.put(`/api/cohorts/${id}/members/${who.user.id}`, { role: 'participant', organisationId: org })).statusCode).toBe(200);
  const session = await staff.agent.post(`/api/cohorts/${id}/sessions`, {
    kind: 'kickoff',
    title: 'Décollage',
    description: '',
    speakers: [],
    startsAt: `${startsOn}T09:30`,
    endsAt: `${startsOn}T12:30`,
    onlineUrl: 'https://visio.example/decollage',
    place: '',
    visibility: 'restricted',
    ownerKind: 'cohort',
    ownerId: id,
  });
  expect(session.statusCode, session.body).toBe(201);
  return { id, eventId: session.json().id as string, people };
}

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2025-12-01T09:00:00Z'));
  orgs.x = (await t.createOrganisation({ name: 'Commune de Xanton', kind: 'commune', regionCode: '84' })).id;
  orgs.y = (await t.createOrganisation({ name: 'Yonne Agglo', kind: 'epci', regionCode: '52' })).id;
  orgs.z = (await t.createOrganisation({ name: 'Département du Zénith', kind: 'departement', regionCode: '84' })).id;
  staff = await t.loggedIn({ role: 'facilitator' });
  member = await t.loggedIn({ verifiedIn: [orgs.y], firstName: 'Mia', lastName: 'Membre' });
  p.xavier = await t.loggedIn({ verifiedIn: [orgs.x], firstName: 'Xavier', lastName: 'Xanton' });
  p.yves = await t.loggedIn({ verifiedIn: [orgs.y], firstName: 'Yves', lastName: 'Yonne' });
  p.zoe = await t.loggedIn({ verifiedIn: [orgs.z], firstName: 'Zoé', lastName: 'Zénith' });
  p.xena = await t.loggedIn({ verifiedIn: [orgs.x], firstName: 'Xena', lastName: 'Xanton' });
  const a = await edition('Promo A', 1, '2026-01-05', '2026-03-31', [[p.xavier, orgs.x, true], [p.yves, orgs.y, false]]);
  const b = await edition('Promo B', 2, '2026-04-06', '2026-06-30', [[p.zoe, orgs.z, true], [p.xena, orgs.x, true]]);
  await staff.agent.post('/api/cohorts', { name: 'Promo C', edition: 3, startsOn: '2027-04-05', endsOn: '2027-06-30', capacity: 30 });
  for (const e of [a, b]) {
    expect((await staff.agent.patch(`/api/cohorts/${e.id}`, { status: 'en_cours' })).statusCode).toBe(200);
  }
  await setClock('2026-04-06T12:00:00Z');
  for (const e of [a, b]) {
    const res = await staff.agent.put(`/api/cohorts/${e.id}/sessions/${e.eventId}/attendance`, { entries: e.people.map(([who, , present]) => ({ userId: who.user.id, present })) });
    expect(res.statusCode).toBe(200);
  }
  await setClock('2027-03-01T09:00:00Z');
  expect((await p.xavier.agent.post(`/api/organisations/${orgs.x}/spaser-declaration`, { url: 'https://xanton.example/spaser.pdf', adoptedOn: '2026-05-10' })).statusCode).toBe(200);
  expect((await p.zoe.agent.post(`/api/organisations/${orgs.z}/spaser-declaration`, { url: 'https://zenith.example/spaser.pdf', adoptedOn: '2027-02-01' })).statusCode).toBe(200);
});
afterAll(() => t?.close());

describe("the programme's report across editions", () => {
  it('gives each edition its participants, attendance and adoptions, and the totals, by hand', async () => {
    const r = (await staff.agent.get('/api/programme/report')).json();
    expect(r.editions.map((e: { name: string }) => e.name)).toEqual(['Promo A', 'Promo B']);
    expect(r.editions[0]).toMatchObject({
      edition: 1,
      participants: 2,
      organisations: 2,
      attendance: { present: 1, marked: 2, rate: 0.5 },
      intended: null,
      observed: { adopted: 1, of: 2, share: 0.5 },
      windowEndsOn: '2026-09-30',
      windowClosed: true,
      published: 0,
      medianDaysToAdoption: 125,
    });
    expect(r.editions[1]).toMatchObject({
      edition: 2,
      participants: 2,
      organisations: 2,
      attendance: { present: 2, marked: 2, rate: 1 },
      observed: { adopted: 1, of: 2, share: 0.5 },
      windowEndsOn: '2026-12-30',
      windowClosed: true,
      medianDaysToAdoption: 34,
    });
    expect(r.totals).toEqual({ editions: 2, participants: 4, organisations: 3, observed: { adopted: 2, of: 4, share: 0.5 }, medianDaysToAdoption: 79.5 });
    expect(r.byRegion).toEqual([
      { code: '84', label: 'Auvergne-Rhône-Alpes', count: 2 },
      { code: '52', label: 'Pays de la Loire', count: 1 },
    ]);
    expect(r.byKind).toEqual([
      { kind: 'commune', label: 'Commune', count: 1 },
      { kind: 'departement', label: 'Département', count: 1 },
      { kind: 'epci', label: 'Intercommunalité (EPCI)', count: 1 },
    ]);
    const zenith = r.rows.find((x: { organisationName: string }) => x.organisationName === 'Département du Zénith');
    expect(zenith).toMatchObject({ edition: 2, category: 'later', daysFromStart: 301, kind: 'departement', regionCode: '84' });
  });

  it('exports the editions as CSV and the organisations as XLSX, the same figures', async () => {
    const csv = await staff.agent.get('/api/programme/report/editions?format=csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="bilan-programme-editions.csv"');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('1;Promo A;2026-01-05;2026-03-31;2;2;50,00;;1;2;50,00;0;125;close le 2026-09-30');
    const xlsx = await staff.agent.get('/api/programme/report/organisations?format=xlsx');
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(5);
    const values = [2, 3, 4, 5].map((i) => (ws.getRow(i).values as unknown[]).slice(1));
    expect(values).toContainEqual([2, 'Département du Zénith', 'Département', 'Auvergne-Rhône-Alpes', 'Adopté', '2027-02-01', 'Adopté plus tard', 301]);
  });

  it('is for the programme team only', async () => {
    expect((await member.agent.get('/api/programme/report')).statusCode).toBe(403);
    expect((await member.agent.get('/api/programme/report/editions?format=csv')).statusCode).toBe(403);
    expect((await t.agent().get('/api/programme/report')).statusCode).toBe(401);
    const bad = await staff.agent.get('/api/programme/report/people?format=csv');
    expect(bad.statusCode).toBe(400);
  });

  it('a read-only link for partners: the same report without an account, until it expires; refused when forged', async () => {
    expect((await member.agent.post('/api/programme/report/share', { days: 30 })).statusCode).toBe(403);
    const bad = await staff.agent.post('/api/programme/report/share', { days: 91 });
    expect(bad.json().fields).toEqual({ days: 'Le lien vaut au plus 90 jours.' });
    const res = await staff.agent.post('/api/programme/report/share', { days: 30 });
    expect(res.statusCode).toBe(200);
    // The clock was set to 1 March 2027, 09:00 UTC (and runs on): thirty days on.
    expect(res.json().expiresAt).toMatch(/^2027-03-31T09:0\d:/);
    const path = new URL(res.json().url).pathname;
    expect(path).toMatch(/^\/promotions\/bilan\/partage\/[0-9a-z]+\.[A-Za-z0-9_-]+$/);
    const token = path.split('/').pop()!;
    const shared = await t.agent().get(`/api/programme/report/shared/${token}`);
    expect(shared.statusCode).toBe(200);
    expect(shared.headers['x-robots-tag']).toBe('noindex');
    expect(shared.json()).toEqual((await staff.agent.get('/api/programme/report')).json());
    const csv = await t.agent().get(`/api/programme/report/shared/${token}/editions?format=csv`);
    expect(csv.body.replace(/^\uFEFF/, '').trim().split('\r\n')).toHaveLength(3);
    const forged = `${token.split('.')[0]}.${'A'.repeat(43)}`;
    expect((await t.agent().get(`/api/programme/report/shared/${forged}`)).json()).toMatchObject({
      error: 'PROGRAMME_REPORT_LINK_UNKNOWN',
      message: "Ce lien de partage du bilan n'existe pas : vérifiez qu'il a été copié en entier.",
    });
    const later = `${(parseInt(token.split('.')[0]!, 36) + 86_400_000).toString(36)}.${token.split('.')[1]}`;
    expect((await t.agent().get(`/api/programme/report/shared/${later}`)).statusCode).toBe(404);
    t.clock.set(new Date(Date.parse(res.json().expiresAt) + 1000));
    const expired = await t.agent().get(`/api/programme/report/shared/${token}`);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().message).toBe("Ce lien de partage du bilan a expiré : demandez-en un nouveau à l'équipe du programme.");
  });
});

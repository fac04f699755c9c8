import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers/context.js';
import { codevGroupMembers, codevGroups, codevSessions } from '../../codev/codev.tables.js';
import { events } from '../../events/events.tables.js';
import { helpPosts } from '../../helpspace/helpspace.tables.js';
import { installFirstCourse } from '../../learning/first-course.install.js';
import { courseLearners, courses } from '../../learning/learning.tables.js';
import { notifications } from '../../notifications/notifications.tables.js';
import { spaserBuyers, spasers } from '../../spaser/spaser.tables.js';
import { cohortNudges } from '../programme.tables.js';
import { CHECKLIST_STUCK_WEEKS, MISSED_SESSIONS, NO_ACTIVITY_DAYS } from './dashboard.service.js';

// Décollage cards and the participants' follow-up (issue 23, items 1 and 2), through the real stack.
// A constructed cohort, the platform clock on 1 March 2027 (11:00 in Paris), started on 15 January:
//   Alice  — active: card, present at both sessions, a question, the client of a codev session held,
//            the start questionnaire answered, a schéma in the builder saved two days ago → no flag;
//   Bruno  — joined 50 days ago and nothing since → « aucune activité » (21 days);
//   Chloé  — applied (« réflexion »), card saved today, absent once → « checklist bloquée » (declared);
//   David  — card (« rédaction »), absent at both sessions → « a manqué deux séances »;
//   Emma   — an answer in the space 3 days ago, a schéma in the builder untouched for 40 days → « checklist bloquée » (builder);
//   Gaby   — joined 5 days ago, nothing yet → no flag (not long enough).

let t: TestContext;
type Logged = Awaited<ReturnType<TestContext['loggedIn']>>;
let staff: Logged, fac: Logged, sponsor: Logged, outsider: Logged;
let alice: Logged, bruno: Logged, chloe: Logged, david: Logged, emma: Logged, gaby: Logged;
let cohortId: string, spaceId: string;
const orgs: Record<string, string> = {};
const NOW = new Date('2027-03-01T10:00:00Z');
const DAY = 24 * 3600_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

const card = { jobRole: 'Juriste commande publique', spaserStage: 'reflexion', motivation: 'Écrire notre premier schéma.', canBring: 'Nos clauses sociales.', needs: 'Des exemples d’indicateurs.' };

/** The platform clock runs on from where a test sets it: dates written « now » are within a minute of NOW. */
const near = (iso: string | null, date: Date) => {
  expect(iso).not.toBeNull();
  expect(Math.abs(new Date(iso!).getTime() - date.getTime())).toBeLessThan(60_000);
};

const expectOk = (r: { statusCode: number; body: string }, status = 200) => {
  expect(r.statusCode, r.body).toBe(status);
};

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(NOW);
  for (const name of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'X']) orgs[name] = (await t.createOrganisation({ name: `Commune ${name}`, kind: 'commune' })).id;
  staff = await t.loggedIn({ role: 'facilitator', firstName: 'Farid', lastName: 'Équipe' });
  fac = await t.loggedIn({ verifiedIn: [orgs.X!], firstName: 'Fanny', lastName: 'Animatrice' });
  sponsor = await t.loggedIn({ verifiedIn: [orgs.X!], firstName: 'Paul', lastName: 'Parrain' });
  outsider = await t.loggedIn({ verifiedIn: [orgs.X!], firstName: 'Otto', lastName: 'Dehors' });
  alice = await t.loggedIn({ verifiedIn: [orgs.A!], firstName: 'Alice', lastName: 'Arnaud' });
  bruno = await t.loggedIn({ verifiedIn: [orgs.B!], firstName: 'Bruno', lastName: 'Bernard' });
  chloe = await t.loggedIn({ verifiedIn: [orgs.C!], firstName: 'Chloé', lastName: 'Cadiou' });
  david = await t.loggedIn({ verifiedIn: [orgs.D!], firstName: 'David', lastName: 'Dupont' });
  emma = await t.loggedIn({ verifiedIn: [orgs.E!], firstName: 'Emma', lastName: 'Etienne' });
  gaby = await t.loggedIn({ verifiedIn: [orgs.G!], firstName: 'Gaby', lastName: 'Gomez' });

  const created = await staff.agent.post('/api/cohorts', {
    name: 'Mission SPASER',
    edition: 4,
    startsOn: '2027-01-15',
    endsOn: '2027-05-30',
    capacity: 30,
    sponsorIds: [sponsor.user.id],
    facilitatorIds: [fac.user.id],
  });
  expectOk(created, 201);
  cohortId = created.json().id;
  // Chloé applies (her role and stage prefill her card) and is accepted; the others are added.
  const applied = await chloe.agent.post(`/api/cohorts/${cohortId}/applications`, { organisationId: orgs.C, jobRole: 'Acheteuse publique', spaserStage: 'reflexion', expectations: 'Avancer.', availability: 'Le mardi.' });
  expectOk(applied, 201);
  expectOk(await fac.agent.post(`/api/cohorts/applications/${applied.json().id}/decision`, { decision: 'accepted', message: 'Bienvenue !' }));
  for (const [p, org] of [[alice, 'A'], [bruno, 'B'], [david, 'D'], [emma, 'E'], [gaby, 'G']] as const)
    expectOk(await fac.agent.put(`/api/cohorts/${cohortId}/members/${p.user.id}`, { role: 'participant', organisationId: orgs[org] }));
  // Arrivals: everyone on 10 January, Gaby five days ago.
  await t.db.execute(sql`UPDATE cohort_members SET created_at = ${new Date('2027-01-10T10:00:00Z')} WHERE cohort_id = ${cohortId}`);
  await t.db.execute(sql`UPDATE cohort_members SET created_at = ${ago(5)} WHERE cohort_id = ${cohortId} AND user_id = ${gaby.user.id}`);
  spaceId = (await fac.agent.get(`/api/cohorts/${cohortId}`)).json().members.spaceId;
});
afterAll(() => t?.close());

describe('décollage cards', () => {
  it('prefills the card from the application, and refuses it to non-participants', async () => {
    const mine = await chloe.agent.get(`/api/cohorts/${cohortId}/cards/mine`);
    expectOk(mine);
    expect(mine.json()).toMatchObject({ organisationName: 'Commune C', card: null, prefill: { jobRole: 'Acheteuse publique', spaserStage: 'reflexion', motivation: '' } });
    // Added without an application: nothing to start from but their organisation.
    expect((await david.agent.get(`/api/cohorts/${cohortId}/cards/mine`)).json()).toMatchObject({ organisationName: 'Commune D', prefill: { jobRole: '', spaserStage: null } });
    for (const who of [sponsor, fac]) {
      const r = await who.agent.put(`/api/cohorts/${cohortId}/cards/mine`, card);
      expect(r.statusCode).toBe(403);
      expect(r.json()).toMatchObject({ error: 'CARD_PARTICIPANTS_ONLY', message: "Seuls les participants de la promotion remplissent une carte d'identité." });
    }
    expect((await outsider.agent.put(`/api/cohorts/${cohortId}/cards/mine`, card)).json().error).toBe('COHORT_FORBIDDEN');
    expect((await t.agent().put(`/api/cohorts/${cohortId}/cards/mine`, card)).statusCode).toBe(401);
  });

  it('refuses bad input with a French message per field and stores nothing', async () => {
    const r = await chloe.agent.put(`/api/cohorts/${cohortId}/cards/mine`, { jobRole: ' ', spaserStage: 'presque', motivation: 'x'.repeat(1001), canBring: '', needs: 'Des pairs.' });
    expect(r.statusCode).toBe(400);
    expect(r.json().fields).toEqual({
      jobRole: 'Indiquez votre fonction.',
      spaserStage: 'Choisissez où en est le SPASER de votre organisation.',
      motivation: 'Ce texte ne peut dépasser 1 000 caractères.',
      canBring: 'Dites ce que vous pouvez apporter aux autres participants.',
    });
    const twoLines = await chloe.agent.put(`/api/cohorts/${cohortId}/cards/mine`, { ...card, jobRole: 'Juriste\nAcheteuse' });
    expect(twoLines.statusCode).toBe(400);
    expect(Object.keys(twoLines.json().fields)).toEqual(['jobRole']);
    expect((await chloe.agent.get(`/api/cohorts/${cohortId}/cards/mine`)).json().card).toBeNull();
  });

  it('creates and updates the card; shows the trombinoscope to members only', async () => {
    expectOk(await chloe.agent.put(`/api/cohorts/${cohortId}/cards/mine`, card));
    expectOk(await chloe.agent.put(`/api/cohorts/${cohortId}/cards/mine`, { ...card, needs: 'Des exemples d’indicateurs et de gouvernance.' }));
    const saved = (await chloe.agent.get(`/api/cohorts/${cohortId}/cards/mine`)).json().card;
    expect(saved).toMatchObject({ ...card, needs: 'Des exemples d’indicateurs et de gouvernance.' });
    near(saved.updatedAt, NOW);
    expectOk(await alice.agent.put(`/api/cohorts/${cohortId}/cards/mine`, { ...card, jobRole: 'Responsable achats', spaserStage: 'redaction' }));
    expectOk(await david.agent.put(`/api/cohorts/${cohortId}/cards/mine`, { ...card, jobRole: 'Acheteur', spaserStage: 'redaction' }));

    for (const who of [alice, sponsor, fac, staff]) {
      const r = await who.agent.get(`/api/cohorts/${cohortId}/cards`);
      expectOk(r);
      expect(r.json().items.map((c: { firstName: string; organisationName: string; jobRole: string }) => [c.firstName, c.organisationName, c.jobRole])).toEqual([
        ['Alice', 'Commune A', 'Responsable achats'],
        ['Chloé', 'Commune C', 'Juriste commande publique'],
        ['David', 'Commune D', 'Acheteur'],
      ]);
    }
    expect((await alice.agent.get(`/api/cohorts/${cohortId}/cards`)).json()).toMatchObject({ participantCount: 6, canFill: true, myCardFilled: true, missing: null });
    expect((await sponsor.agent.get(`/api/cohorts/${cohortId}/cards`)).json()).toMatchObject({ canFill: false, missing: null });
    // Visitors and non-members never see a card.
    expect((await t.agent().get(`/api/cohorts/${cohortId}/cards`)).statusCode).toBe(401);
    const stranger = await outsider.agent.get(`/api/cohorts/${cohortId}/cards`);
    expect(stranger.statusCode).toBe(403);
    expect(stranger.body).not.toContain('Juriste');
  });

  it('lists for the facilitators who has not filled the card and who has not started the e-learning course', async () => {
    const before = (await fac.agent.get(`/api/cohorts/${cohortId}/cards`)).json();
    expect(before.missing.noCard.map((p: { firstName: string }) => p.firstName)).toEqual(['Bruno', 'Emma', 'Gaby']);
    expect(before.missing.course).toBeNull(); // no course published on this platform yet

    await installFirstCourse(t.deps);
    const [course] = await t.db.select().from(courses);
    await t.db.insert(courseLearners).values({ courseId: course!.id, userId: alice.user.id, startedAt: ago(3), lastSeenAt: ago(3) });
    const after = (await fac.agent.get(`/api/cohorts/${cohortId}/cards`)).json();
    expect(after.missing.course.slug).toBe(course!.slug);
    expect(after.missing.course.notStarted.map((p: { firstName: string }) => p.firstName)).toEqual(['Bruno', 'Chloé', 'David', 'Emma', 'Gaby']);
    // The same list as the e-learning's own follow-up (one computation, reused).
    const progress = await staff.agent.get(`/api/courses/${course!.slug}/learners?cohort=${cohortId}`);
    expectOk(progress);
    expect(progress.json().totals.notStarted).toBe(5);
  });
});

describe('participants follow-up', () => {
  let emmaSpaserId: string;

  beforeAll(async () => {
    // Two sessions, attendance marked: Alice 2/2, Chloé 1/2, David 0/2, Emma 2/2, Bruno and Gaby not marked.
    const session = (kind: string, title: string, startsAt: string, endsAt: string) =>
      fac.agent.post(`/api/cohorts/${cohortId}/sessions`, { kind, title, description: '', startsAt, endsAt, onlineUrl: 'https://visio.example/s', place: '', visibility: 'restricted', ownerKind: 'cohort', ownerId: cohortId });
    const kickoff = await session('kickoff', 'Décollage', '2027-01-20T09:00', '2027-01-20T12:00');
    const workshop = await session('workshop', 'Atelier gouvernance', '2027-02-10T14:00', '2027-02-10T16:00');
    expectOk(kickoff, 201);
    expectOk(workshop, 201);
    const mark = (eventId: string, entries: [Logged, boolean][]) =>
      fac.agent.put(`/api/cohorts/${cohortId}/sessions/${eventId}/attendance`, { entries: entries.map(([p, present]) => ({ userId: p.user.id, present })) });
    expectOk(await mark(kickoff.json().id, [[alice, true], [chloe, false], [david, false], [emma, true]]));
    expectOk(await mark(workshop.json().id, [[alice, true], [chloe, true], [david, false], [emma, true]]));

    // The private space: Alice asks (2 days ago), Emma answers (3 days ago); a deleted post and a post elsewhere do not count.
    const post = (authorId: string, kind: 'question' | 'answer', createdAt: Date, extra: Partial<typeof helpPosts.$inferInsert> = {}) =>
      t.db.insert(helpPosts).values({ kind, spaceId, authorId, body: 'Texte', title: kind === 'question' ? 'Une question' : null, createdAt, ...extra }).returning({ id: helpPosts.id });
    const [q] = await post(alice.user.id, 'question', ago(2));
    await t.db.update(helpPosts).set({ questionId: q!.id }).where(eq(helpPosts.id, q!.id));
    await post(emma.user.id, 'answer', ago(3), { questionId: q!.id, parentId: q!.id });
    await post(bruno.user.id, 'question', ago(1), { deletedAt: ago(1) });

    // Co-development: a group (Alice, Chloé, David); a session held on 20 February (Alice the client), one to come.
    const [group] = await t.db.insert(codevGroups).values({ cohortId, name: 'Groupe A', createdAt: NOW, updatedAt: NOW }).returning();
    await t.db.insert(codevGroupMembers).values([alice, chloe, david].map((p) => ({ groupId: group!.id, cohortId, userId: p.user.id })));
    const codev = async (caseOwner: Logged, startsAt: Date, status: 'ended' | 'planned') => {
      const [e] = await t.db
        .insert(events)
        .values({ kind: 'codev', title: 'Codev', startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3600_000), visibility: 'restricted', ownerKind: 'codev_group', ownerId: group!.id, createdAt: NOW, updatedAt: NOW })
        .returning();
      await t.db.insert(codevSessions).values({ groupId: group!.id, cohortId, title: 'Un cas', caseOwnerId: caseOwner.user.id, facilitatorId: fac.user.id, eventId: e!.id, status, createdAt: NOW, updatedAt: NOW } as typeof codevSessions.$inferInsert);
    };
    await codev(alice, new Date('2027-02-20T09:00:00Z'), 'ended');
    await codev(chloe, new Date('2027-03-20T09:00:00Z'), 'planned');

    // The start questionnaire, answered by Alice.
    const survey = await fac.agent.post(`/api/cohorts/${cohortId}/surveys`, {
      phase: 'start',
      title: 'Début',
      intro: '',
      opensAt: '2027-02-20T09:00',
      closesAt: '2027-03-10T18:00',
      questions: [{ kind: 'scale', label: 'Capable ?', options: [], required: true }],
    });
    expectOk(survey, 201);
    const detail = (await alice.agent.get(`/api/cohorts/surveys/${survey.json().id}`)).json();
    expectOk(await alice.agent.post(`/api/cohorts/surveys/${survey.json().id}/responses`, { answers: { [detail.questions[0].id]: { scale: 4 } } }), 201);

    // Schémas in the builder: Alice's saved two days ago, Emma's untouched for 40 days (both empty: nothing met yet).
    const schema = async (org: string, createdAt: Date) => {
      const [s] = await t.db.insert(spasers).values({ title: `SPASER ${org}`, leadOrganisationId: orgs[org]!, periodStart: 2027, createdAt, updatedAt: createdAt }).returning();
      await t.db.insert(spaserBuyers).values({ spaserId: s!.id, organisationId: orgs[org]!, status: 'accepted', createdAt });
      return s!.id;
    };
    await schema('A', ago(2));
    emmaSpaserId = await schema('E', ago(40));
  });

  it('works out every figure of every row', async () => {
    const r = await fac.agent.get(`/api/cohorts/${cohortId}/follow-up`);
    expectOk(r);
    const body = r.json();
    const builderCheck = (await emma.agent.get(`/api/spasers/${emmaSpaserId}`)).json().check;
    expect(builderCheck.met).toBe(0);
    const applicable = builderCheck.applicable as number;
    expect(applicable).toBeGreaterThan(0);
    const row = (first: string) => body.rows.find((x: { firstName: string }) => x.firstName === first);
    expect(body.rows.map((x: { firstName: string }) => x.firstName)).toEqual(['Alice', 'Bruno', 'Chloé', 'David', 'Emma', 'Gaby']);
    expect(row('Alice')).toMatchObject({
      organisationName: 'Commune A',
      spaser: { status: 'in_preparation', legalCheck: { met: 0, applicable }, declaredStage: 'redaction' },
      attendance: { present: 2, absent: 0, marked: 2 },
      questions: 1,
      answers: 0,
      codev: { asClient: 1, asConsultant: 0 },
      surveysAnswered: 1,
      cardFilled: true,
      flags: [],
    });
    near(row('Alice').lastActivityAt, NOW); // the card, saved today
    expect(row('Bruno')).toMatchObject({
      spaser: { status: 'unknown', legalCheck: null, declaredStage: null },
      attendance: { present: 0, absent: 0, marked: 0 },
      questions: 0, // his deleted question does not count
      codev: { asClient: 0, asConsultant: 0 },
      cardFilled: false,
      lastActivityAt: null,
    });
    expect(row('Chloé')).toMatchObject({ attendance: { present: 1, absent: 1, marked: 2 }, codev: { asClient: 0, asConsultant: 1 }, spaser: { legalCheck: null, declaredStage: 'reflexion' } });
    expect(row('David')).toMatchObject({ attendance: { present: 0, absent: 2, marked: 2 }, codev: { asClient: 0, asConsultant: 1 } });
    expect(row('Emma')).toMatchObject({
      answers: 1,
      spaser: { status: 'in_preparation', legalCheck: { met: 0, applicable }, declaredStage: null },
      attendance: { present: 2, absent: 0, marked: 2 },
      lastActivityAt: ago(3).toISOString(),
      cardFilled: false,
    });
    expect(row('Gaby').lastActivityAt).toBeNull();
    expect(body.summary).toEqual({
      participants: 6,
      cardsFilled: 3,
      needHelp: 4,
      byRule: { no_activity: 1, checklist_stuck: 2, missed_sessions: 1 },
      attendance: { present: 5, marked: 8 },
      questions: 1,
      answers: 1,
      codevSessions: 1,
      surveyResponses: 1,
    });
    expect(body.can).toEqual({ nudge: true, export: true });
  });

  it(`flags no activity for ${NO_ACTIVITY_DAYS} days: Bruno meets it, Alice (active) and Gaby (arrived 5 days ago) miss it`, async () => {
    const rows = (await fac.agent.get(`/api/cohorts/${cohortId}/follow-up`)).json().rows as { firstName: string; flags: { rule: string; reason: string }[] }[];
    const rule = (first: string) => rows.find((x) => x.firstName === first)!.flags.filter((f) => f.rule === 'no_activity');
    expect(rule('Bruno')).toEqual([{ rule: 'no_activity', reason: 'Aucune activité depuis son arrivée, il y a 50 jours.' }]);
    expect(rule('Alice')).toEqual([]);
    expect(rule('Gaby')).toEqual([]);
    // Emma's last activity (3 days ago) moved back to 22 days ago: she meets it; at 20 days she does not.
    await t.db.execute(sql`UPDATE help_posts SET created_at = ${ago(22)} WHERE author_id = ${emma.user.id}`);
    await t.db.execute(sql`UPDATE cohort_attendance SET present = false WHERE user_id = ${emma.user.id}`);
    const emma22 = (await fac.agent.get(`/api/cohorts/${cohortId}/follow-up/participants/${emma.user.id}`)).json();
    expect(emma22.flags.map((f: { rule: string }) => f.rule)).toContain('no_activity');
    expect(emma22.flags.find((f: { rule: string }) => f.rule === 'no_activity').reason).toBe('Aucune activité depuis 22 jours (dernière le 7 février 2027).');
    await t.db.execute(sql`UPDATE help_posts SET created_at = ${ago(20)} WHERE author_id = ${emma.user.id}`);
    const emma20 = (await fac.agent.get(`/api/cohorts/${cohortId}/follow-up/participants/${emma.user.id}`)).json();
    expect(emma20.flags.map((f: { rule: string }) => f.rule)).not.toContain('no_activity');
    // Back as constructed.
    await t.db.execute(sql`UPDATE help_posts SET created_at = ${ago(3)} WHERE author_id = ${emma.user.id}`);
    await t.db.execute(sql`UPDATE cohort_attendance SET present = true WHERE user_id = ${emma.user.id}`);
  });

  it(`flags a checklist stuck after ${CHECKLIST_STUCK_WEEKS} weeks: Chloé (declared « réflexion ») and Emma (schéma untouched) meet it, Alice and David miss it`, async () => {
    const rows = (await fac.agent.get(`/api/cohorts/${cohortId}/follow-up`)).json().rows as { firstName: string; flags: { rule: string; reason: string }[] }[];
    const rule = (first: string) => rows.find((x) => x.firstName === first)!.flags.filter((f) => f.rule === 'checklist_stuck').map((f) => f.reason);
    expect(rule('Chloé')).toEqual(['Checklist bloquée : aucun schéma rédigé sur la plateforme et SPASER toujours « En préparation — réflexion (diagnostic, portage politique) » après 4 semaines de promotion.']);
    expect(rule('Emma')).toHaveLength(1);
    expect(rule('Emma')[0]).toMatch(/^Checklist bloquée : schéma en cours \(0 exigences légales sur \d+\) sans modification depuis 4 semaines\.$/);
    expect(rule('Alice')).toEqual([]); // schéma saved two days ago
    expect(rule('David')).toEqual([]); // « rédaction »
    // A section saved today unblocks Emma.
    await t.db.execute(sql`INSERT INTO spaser_sections (spaser_id, section, body, version, updated_at) VALUES (${emmaSpaserId}, 'preamble', 'null'::jsonb, 1, ${NOW})`);
    expect((await fac.agent.get(`/api/cohorts/${cohortId}/follow-up/participants/${emma.user.id}`)).json().flags).toEqual([]);
    await t.db.execute(sql`DELETE FROM spaser_sections WHERE spaser_id = ${emmaSpaserId}`);
    // A cohort started less than 4 weeks ago flags nobody for it.
    await t.db.execute(sql`UPDATE cohorts SET starts_on = '2027-02-10' WHERE id = ${cohortId}`);
    const young = (await fac.agent.get(`/api/cohorts/${cohortId}/follow-up`)).json();
    expect(young.summary.byRule.checklist_stuck).toBe(0);
    await t.db.execute(sql`UPDATE cohorts SET starts_on = '2027-01-15' WHERE id = ${cohortId}`);
  });

  it(`flags ${MISSED_SESSIONS} missed sessions: David meets it, Chloé (absent once) misses it`, async () => {
    const rows = (await fac.agent.get(`/api/cohorts/${cohortId}/follow-up`)).json().rows as { firstName: string; flags: { rule: string; reason: string }[] }[];
    const rule = (first: string) => rows.find((x) => x.firstName === first)!.flags.filter((f) => f.rule === 'missed_sessions').map((f) => f.reason);
    expect(rule('David')).toEqual(['Absent ou absente à 2 séances.']);
    expect(rule('Chloé')).toEqual([]);
    expect(rule('Bruno')).toEqual([]); // never marked: not counted as absent
  });

  it('refuses the dashboard and other rows to participants, and gives sponsors the summary only', async () => {
    const mine = await alice.agent.get(`/api/cohorts/${cohortId}/follow-up`);
    expect(mine.statusCode).toBe(403);
    expect(mine.json()).toMatchObject({ error: 'FOLLOW_UP_FORBIDDEN', message: expect.stringContaining("réservé à l'équipe d'animation") });
    expect((await alice.agent.get(`/api/cohorts/${cohortId}/follow-up/participants/${bruno.user.id}`)).json().error).toBe('FOLLOW_UP_FORBIDDEN');
    expect((await alice.agent.get(`/api/cohorts/${cohortId}/follow-up/export.csv`)).statusCode).toBe(403);
    expect((await alice.agent.post(`/api/cohorts/${cohortId}/follow-up/participants/${bruno.user.id}/nudges`, { body: 'Coucou' })).statusCode).toBe(403);

    const s = await sponsor.agent.get(`/api/cohorts/${cohortId}/follow-up`);
    expectOk(s);
    expect(s.json()).toMatchObject({ rows: null, can: { nudge: false, export: false }, summary: { participants: 6, needHelp: 4 } });
    expect(s.body).not.toContain('Bruno');
    const sponsorRow = await sponsor.agent.get(`/api/cohorts/${cohortId}/follow-up/participants/${bruno.user.id}`);
    expect(sponsorRow.statusCode).toBe(403);
    expect(sponsorRow.json().error).toBe('FOLLOW_UP_ROWS_FORBIDDEN');
    expect((await sponsor.agent.get(`/api/cohorts/${cohortId}/follow-up/export.csv`)).statusCode).toBe(403);
    expect((await sponsor.agent.post(`/api/cohorts/${cohortId}/follow-up/participants/${bruno.user.id}/nudges`, { body: 'Coucou' })).statusCode).toBe(403);

    expect((await outsider.agent.get(`/api/cohorts/${cohortId}/follow-up`)).json().error).toBe('COHORT_FORBIDDEN');
    expect((await t.agent().get(`/api/cohorts/${cohortId}/follow-up`)).statusCode).toBe(401);
    // Staff outside the cohort see it all.
    expect((await staff.agent.get(`/api/cohorts/${cohortId}/follow-up`)).json().rows).toHaveLength(6);
  });

  it('exports the rows as CSV for spreadsheets', async () => {
    const r = await fac.agent.get(`/api/cohorts/${cohortId}/follow-up/export.csv`);
    expectOk(r);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toContain('suivi-participants-edition-4.csv');
    const lines = r.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(7);
    expect(lines[0]!.split(';').slice(0, 4)).toEqual(['Nom', 'Prénom', 'Organisation', 'Statut du SPASER']);
    const cells = (last: string) => lines.find((l) => l.startsWith(`${last};`))!.split(';');
    const david = cells('Dupont');
    expect(david.slice(0, 3)).toEqual(['Dupont', 'David', 'Commune D']);
    expect(david.slice(7, 10)).toEqual(['0', '2', '2']); // present, absent, marked
    expect(david[15]).toBe('oui');
    expect(david[18]).toBe('Absent ou absente à 2 séances.');
    const alice = cells('Arnaud');
    expect(alice.slice(10, 16)).toEqual(['1', '0', '1', '0', '1', 'oui']);
    expect(alice[16]).toBe('2027-03-01');
    expect(alice[18]).toBe('');
  });

  it('sends one message to one participant, in-app and by e-mail, at most once per 24 hours', async () => {
    expectOk(await bruno.agent.put('/api/notifications/preferences', { categories: { promotions: 'immediately' } }));
    const row = (await fac.agent.get(`/api/cohorts/${cohortId}/follow-up/participants/${bruno.user.id}`)).json();
    expect(row.suggestedMessage).toContain('Bonjour Bruno,');
    expect(row.suggestedMessage).toContain('Fanny Animatrice');
    const empty = await fac.agent.post(`/api/cohorts/${cohortId}/follow-up/participants/${bruno.user.id}/nudges`, { body: '  ' });
    expect(empty.json().fields).toEqual({ body: 'Écrivez le message.' });
    t.clock.set(NOW);
    const text = 'Bonjour Bruno, on ne vous voit plus : un appel cette semaine ?';
    const sent = await fac.agent.post(`/api/cohorts/${cohortId}/follow-up/participants/${bruno.user.id}/nudges`, { body: text });
    expectOk(sent, 201);
    const stored = await t.db.select().from(cohortNudges).where(eq(cohortNudges.toUserId, bruno.user.id));
    expect(stored).toMatchObject([{ cohortId, fromUserId: fac.user.id, body: text }]);
    const notes = await t.db.select().from(notifications).where(eq(notifications.targetId, stored[0]!.id));
    expect(notes).toMatchObject([{ userId: bruno.user.id, kind: 'cohort_nudge', category: 'promotions' }]);
    const list = (await bruno.agent.get('/api/notifications')).json();
    expect(list.items[0].sentence).toBe(`Fanny Animatrice, de l'équipe d'animation de la promotion « Mission SPASER », vous écrit : « ${text} »`);
    await t.drainJobs();
    const mails = t.smtp.to(bruno.user.email);
    expect(mails.map((m) => m.text).join('\n')).toContain(text);
    // Nobody else reads it.
    for (const other of [alice, fac, sponsor]) expect(JSON.stringify((await other.agent.get('/api/notifications')).json())).not.toContain('on ne vous voit plus');
    expect(t.smtp.received.filter((m) => m.text.includes('on ne vous voit plus')).map((m) => m.to)).toEqual([bruno.user.email]);

    // Again within 24 hours: refused, with when it becomes possible.
    const again = await staff.agent.post(`/api/cohorts/${cohortId}/follow-up/participants/${bruno.user.id}/nudges`, { body: 'Encore moi.' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'NUDGE_TOO_SOON', fields: { body: 'Un message a déjà été envoyé il y a moins de 24 heures : prochain envoi possible le 2 mars 2027 à 11:00 (heure de Paris).' } });
    const after = (await fac.agent.get(`/api/cohorts/${cohortId}/follow-up/participants/${bruno.user.id}`)).json();
    near(after.lastNudgedAt, NOW);
    near(after.nudgeAllowedFrom, new Date(NOW.getTime() + DAY));
    // Another participant may still be sent one; a non-participant may not.
    expectOk(await fac.agent.post(`/api/cohorts/${cohortId}/follow-up/participants/${david.user.id}/nudges`, { body: 'Bonjour David.' }), 201);
    expect((await fac.agent.post(`/api/cohorts/${cohortId}/follow-up/participants/${sponsor.user.id}/nudges`, { body: 'Bonjour.' })).json().error).toBe('NUDGE_NOT_PARTICIPANT');
    // A day later it is allowed again.
    await t.db.execute(sql`UPDATE cohort_nudges SET created_at = ${new Date(NOW.getTime() - DAY - 1000)} WHERE to_user_id = ${bruno.user.id}`);
    expectOk(await fac.agent.post(`/api/cohorts/${cohortId}/follow-up/participants/${bruno.user.id}/nudges`, { body: 'Encore moi.' }), 201);
  });
});

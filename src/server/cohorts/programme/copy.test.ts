import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers/context.js';
import { makePdf } from '../../../../tests/helpers/documents.js';
import { codevGroups } from '../../codev/codev.tables.js';
import { events } from '../../events/events.tables.js';
import { libraryFiles, libraryResources } from '../../library/library.tables.js';
import { createResource } from '../../library/resources/resources.service.js';
import { cohortApplications, cohortAttendance, cohortMembers, cohorts, cohortSurveys, surveyHeadlines, surveyQuestions, surveyResponses } from '../cohorts.tables.js';
import { cohortAnnouncements, cohortCards, cohortNudges } from '../programme.tables.js';
import { shiftParisDays } from './editions.contract.js';

/**
 * The next edition (issue 23, item 6): a copy of the description, sessions, questionnaires and
 * reserved resources, every date moved by the same number of calendar days as the start — on a Paris
 * clock, so 09:00 in winter stays 09:00 in summer — and nothing of the people.
 */

let t: TestContext;
type Who = Awaited<ReturnType<TestContext['loggedIn']>>;
let staff: Who;
let facilitator: Who;
let sponsor: Who;
let participant: Who;
let applicant: Who;
let sourceId: string;
let sourceSpaceId: string;
const sessionIds: Record<string, string> = {};

const session = (over: Record<string, unknown>) => ({
  kind: 'workshop', title: 'Atelier', description: 'Apportez votre **plan d’action**.', startsAt: '2027-01-11T09:00', endsAt: '2027-01-11T12:00',
  onlineUrl: 'https://visio.example/promo', place: '', visibility: 'restricted', ownerKind: 'cohort', ownerId: sourceId, ...over,
});
const next = (over: Record<string, unknown> = {}) => ({ name: 'Mission SPASER 2028', edition: 5, startsOn: '2028-01-10', capacity: 25, ...over });
const cohortCount = async () => (await t.db.select({ n: count() }).from(cohorts))[0]!.n;

beforeAll(async () => {
  t = await createTestContext();
  // Tuesday 5 January 2027, 09:00 in Paris.
  t.clock.set(new Date('2027-01-05T08:00:00Z'));
  const org = await t.createOrganisation({ name: 'Département du Gard', kind: 'departement' });
  staff = await t.loggedIn({ role: 'facilitator', firstName: 'Sam', lastName: 'Équipe' });
  facilitator = await t.loggedIn({ verifiedIn: [org.id], firstName: 'Fanny', lastName: 'Animatrice' });
  sponsor = await t.loggedIn({ verifiedIn: [org.id], firstName: 'Paul', lastName: 'Parrain' });
  participant = await t.loggedIn({ verifiedIn: [org.id], firstName: 'Pia', lastName: 'Participante' });
  applicant = await t.loggedIn({ verifiedIn: [org.id], firstName: 'Alix', lastName: 'Candidate' });
  sourceId = (
    await staff.agent.post('/api/cohorts', {
      name: 'Mission SPASER 2027', edition: 4, startsOn: '2027-01-11', endsOn: '2027-04-09', capacity: 30,
      description: 'Trois mois pour **adopter** son SPASER.', sponsorIds: [sponsor.user.id], facilitatorIds: [facilitator.user.id],
    })
  ).json().id;
  sourceSpaceId = (await staff.agent.get(`/api/cohorts/${sourceId}`)).json().members.spaceId;
  const post = async (key: string, body: unknown) => {
    const res = await facilitator.agent.post(`/api/cohorts/${sourceId}/sessions`, body);
    expect(res.statusCode, res.body).toBe(201);
    sessionIds[key] = res.json().id;
  };
  // Winter time (UTC+1) until Sunday 28 March 2027, summer time (UTC+2) after.
  await post('kickoff', session({ kind: 'kickoff', title: 'Décollage', startsAt: '2027-01-11T09:00', endsAt: '2027-01-11T12:00', place: 'Nîmes, salle 2', onlineUrl: '' }));
  await post('workshop', session({ title: 'Atelier indicateurs', startsAt: '2027-03-25T14:00', endsAt: '2027-03-25T16:30' }));
  await post('closing', session({ kind: 'closing', title: 'Atterrissage', startsAt: '2027-04-08T10:00', endsAt: '2027-04-08T12:00' }));
  await post('cancelled', session({ title: 'Atelier annulé', startsAt: '2027-02-01T10:00', endsAt: '2027-02-01T11:00' }));
  expect((await staff.agent.post(`/api/events/${sessionIds.cancelled}/cancel`)).statusCode).toBeLessThan(300);

  const survey = await facilitator.agent.post(`/api/cohorts/${sourceId}/surveys`, {
    phase: 'start', title: 'Questionnaire de décollage', intro: 'Cinq minutes.', opensAt: '2027-01-11T09:00', closesAt: '2027-01-18T18:00',
    questions: [
      { kind: 'scale', label: 'Vous sentez-vous capable de déployer un SPASER ?' },
      { kind: 'single', label: 'Prévoyez-vous de publier un SPASER dans les six mois ?', options: ['Oui', 'Non', 'Je ne sais pas'] },
      { kind: 'text', label: 'Vos attentes', required: false },
    ],
  });
  expect(survey.statusCode, survey.body).toBe(201);
  const q = (await facilitator.agent.get(`/api/cohorts/surveys/${survey.json().id}`)).json().questions as { id: string }[];
  expect((await facilitator.agent.put(`/api/cohorts/${sourceId}/headlines/more_able`, { questionId: q[0]!.id, yesValues: [4, 5] })).statusCode).toBe(200);
  expect((await facilitator.agent.put(`/api/cohorts/${sourceId}/headlines/publish_within_6_months`, { questionId: q[1]!.id, yesValues: [0] })).statusCode).toBe(200);

  // The people of the edition and what they did.
  expect((await facilitator.agent.put(`/api/cohorts/${sourceId}/members/${participant.user.id}`, { role: 'participant', organisationId: org.id })).statusCode).toBe(200);
  expect(
    (await applicant.agent.post(`/api/cohorts/${sourceId}/applications`, { organisationId: org.id, jobRole: 'Acheteuse', spaserStage: 'reflexion', expectations: 'Apprendre.', availability: 'Les jeudis.' })).statusCode,
  ).toBe(201);
  const now = t.clock.now();
  await t.db.insert(cohortAttendance).values({ eventId: sessionIds.kickoff!, userId: participant.user.id, present: true, markedBy: facilitator.user.id, markedAt: now });
  await t.db.insert(surveyResponses).values({ surveyId: survey.json().id, userId: participant.user.id, submittedAt: now });
  await t.db.insert(cohortCards).values({ cohortId: sourceId, userId: participant.user.id, jobRole: 'Acheteuse', spaserStage: 'reflexion', motivation: 'm', canBring: 'c', needs: 'n', createdAt: now, updatedAt: now });
  await t.db.insert(cohortNudges).values({ cohortId: sourceId, toUserId: participant.user.id, fromUserId: facilitator.user.id, body: 'Un coup de pouce ?', createdAt: now });
  await t.db.insert(codevGroups).values({ cohortId: sourceId, name: 'Groupe A', createdBy: facilitator.user.id, createdAt: now, updatedAt: now });
  expect((await facilitator.agent.post(`/api/cohorts/${sourceId}/announcements`, { title: 'Bienvenue', body: 'À lundi.' })).statusCode).toBe(201);

  // Reserved resources: one with a PDF, one text only; a public one is not the cohort's.
  const pdf = await makePdf(['Trame du plan d’action de la promotion.']);
  for (const [title, files] of [['Trame du plan d’action', [{ fileName: 'trame.pdf', content: pdf }]], ['Lexique du SPASER', []]] as const) {
    const r = await createResource(t.deps, { kind: 'guide', title, body: 'Pour la promotion.', themes: ['gouvernance'], visibility: 'space', spaceId: sourceSpaceId }, [...files], { createdBy: staff.user.id });
    expect(r.ok).toBe(true);
  }
  expect((await createResource(t.deps, { kind: 'guide', title: 'Guide public', visibility: 'public' }, [], { createdBy: staff.user.id })).ok).toBe(true);
  await t.drainJobs();
});
afterAll(() => t?.close());

describe('shifting a Paris wall time by calendar days', () => {
  it('keeps the wall time across a change of offset, and moves a skipped hour one hour later', () => {
    // Monday 11 January 2027 09:00 (UTC+1) + 182 days = Monday 12 July 2027 09:00 (UTC+2).
    expect(shiftParisDays(new Date('2027-01-11T08:00:00Z'), 182).toISOString()).toBe('2027-07-12T07:00:00.000Z');
    // Thursday 8 April 2027 10:00 (UTC+2) + 210 days = Thursday 4 November 2027 10:00 (UTC+1).
    expect(shiftParisDays(new Date('2027-04-08T08:00:00Z'), 210).toISOString()).toBe('2027-11-04T09:00:00.000Z');
    // Sunday 21 March 2027 02:30 (UTC+1) + 7 days: 02:30 does not exist on 28 March (02:00 → 03:00) → 03:30 (UTC+2).
    expect(shiftParisDays(new Date('2027-03-21T01:30:00Z'), 7).toISOString()).toBe('2027-03-28T01:30:00.000Z');
    // Backwards too.
    expect(shiftParisDays(new Date('2027-07-12T07:00:00Z'), -182).toISOString()).toBe('2027-01-11T08:00:00.000Z');
  });
});

describe('preparing the next edition', () => {
  it('refuses bad values field by field, a start in the past, anyone but staff, and creates nothing', async () => {
    const before = await cohortCount();
    const bad = await staff.agent.post(`/api/cohorts/${sourceId}/next-edition`, { name: '', edition: 0, startsOn: '2028-02-30', capacity: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual({
      name: 'Saisissez le nom de la promotion.',
      edition: "Le numéro d'édition commence à 1.",
      startsOn: "La date de début n'existe pas.",
      capacity: 'La capacité est d’au moins 1 participant.',
    });
    const past = await staff.agent.post(`/api/cohorts/${sourceId}/next-edition`, next({ startsOn: '2027-01-04' }));
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({ error: 'EDITION_START_PAST', fields: { startsOn: 'La date de début ne peut pas être passée : choisissez aujourd’hui ou un jour à venir.' } });
    // The cohort's own facilitator runs it but does not create cohorts.
    for (const who of [facilitator, participant]) expect((await who.agent.post(`/api/cohorts/${sourceId}/next-edition`, next())).statusCode).toBe(403);
    expect((await t.agent().post(`/api/cohorts/${sourceId}/next-edition`, next())).statusCode).toBe(401);
    expect((await staff.agent.post('/api/cohorts/00000000-0000-4000-8000-000000000000/next-edition', next())).statusCode).toBe(404);
    expect(await cohortCount()).toBe(before);
  });

  it('refuses to carry people: a body with members is a 400 with a French message', async () => {
    const before = await cohortCount();
    const res = await staff.agent.post(`/api/cohorts/${sourceId}/next-edition`, { ...next(), members: [participant.user.id] });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'VALIDATION',
      fields: { _: 'Une nouvelle édition reprend la description, les séances, les questionnaires et les ressources, jamais les personnes : retirez « members » de la demande.' },
    });
    expect((await staff.agent.post(`/api/cohorts/${sourceId}/next-edition`, { ...next(), sponsorIds: [sponsor.user.id], facilitatorIds: [] })).json().fields._).toMatch(/retirez « sponsorIds », « facilitatorIds » de la demande\.$/);
    expect(await cohortCount()).toBe(before);
  });

  it('copies a year later (364 days): end, sessions and questionnaires move by 364 days on a Paris clock', async () => {
    const res = await staff.agent.post(`/api/cohorts/${sourceId}/next-edition`, next());
    expect(res.statusCode, res.body).toBe(201);
    // 11 January 2027 → 10 January 2028 is 364 days (2027 has 365), a Monday again; the end 9 April 2027 + 364 = Friday 7 April 2028.
    expect(res.json()).toMatchObject({ shiftDays: 364, endsOn: '2028-04-07', sessions: 3, surveys: 1, resources: 2, resourcesNotCopied: [] });
    const id = res.json().id;
    const [c] = await t.db.select().from(cohorts).where(eq(cohorts.id, id));
    expect(c).toMatchObject({
      name: 'Mission SPASER 2028', edition: 5, startsOn: '2028-01-10', endsOn: '2028-04-07', capacity: 25,
      description: 'Trois mois pour **adopter** son SPASER.', status: 'candidatures_ouvertes', copiedFromId: sourceId, createdBy: staff.user.id,
    });
    const copied = await t.db.select().from(events).where(and(eq(events.ownerKind, 'cohort'), eq(events.ownerId, id)));
    const byTitle = Object.fromEntries(copied.map((e) => [e.title, e]));
    expect(Object.keys(byTitle).sort()).toEqual(['Atelier indicateurs', 'Atterrissage', 'Décollage']);
    // 2028: winter time until Sunday 26 March. Kick-off 10 Jan 09:00–12:00 (UTC+1); workshop Thursday 23 March 14:00–16:30
    // (still UTC+1); closing Thursday 6 April 10:00–12:00 (UTC+2, as the original 8 April 2027).
    expect([byTitle['Décollage']!.startsAt.toISOString(), byTitle['Décollage']!.endsAt.toISOString()]).toEqual(['2028-01-10T08:00:00.000Z', '2028-01-10T11:00:00.000Z']);
    expect([byTitle['Atelier indicateurs']!.startsAt.toISOString(), byTitle['Atelier indicateurs']!.endsAt.toISOString()]).toEqual(['2028-03-23T13:00:00.000Z', '2028-03-23T15:30:00.000Z']);
    expect([byTitle['Atterrissage']!.startsAt.toISOString(), byTitle['Atterrissage']!.endsAt.toISOString()]).toEqual(['2028-04-06T08:00:00.000Z', '2028-04-06T10:00:00.000Z']);
    expect(byTitle['Décollage']).toMatchObject({ kind: 'kickoff', place: 'Nîmes, salle 2', onlineUrl: null, visibility: 'restricted', status: 'scheduled', speakers: [] });
    expect(byTitle['Atelier indicateurs']).toMatchObject({ kind: 'workshop', description: 'Apportez votre **plan d’action**.', onlineUrl: 'https://visio.example/promo' });

    const [s] = await t.db.select().from(cohortSurveys).where(eq(cohortSurveys.cohortId, id));
    // 11 January 2027 09:00 → 10 January 2028 09:00 (UTC+1); 18 January 18:00 → 17 January 2028 18:00.
    expect(s).toMatchObject({ phase: 'start', title: 'Questionnaire de décollage', intro: 'Cinq minutes.', createdBy: staff.user.id });
    expect([s!.opensAt.toISOString(), s!.closesAt.toISOString()]).toEqual(['2028-01-10T08:00:00.000Z', '2028-01-17T17:00:00.000Z']);
    const questions = await t.db.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, s!.id));
    expect(questions.sort((a, b) => a.position - b.position).map((q) => [q.position, q.kind, q.label, q.options, q.required])).toEqual([
      [1, 'scale', 'Vous sentez-vous capable de déployer un SPASER ?', [], true],
      [2, 'single', 'Prévoyez-vous de publier un SPASER dans les six mois ?', ['Oui', 'Non', 'Je ne sais pas'], true],
      [3, 'text', 'Vos attentes', [], false],
    ]);
    const headlines = await t.db.select().from(surveyHeadlines).where(eq(surveyHeadlines.cohortId, id));
    expect(headlines.map((h) => [h.headline, questions.find((q) => q.id === h.questionId)?.position, h.yesValues]).sort()).toEqual([
      ['more_able', 1, [4, 5]],
      ['publish_within_6_months', 2, [0]],
    ]);

    // Resources: copies reserved to the new private space (the PDF re-stored), the originals untouched.
    const page = (await staff.agent.get(`/api/cohorts/${id}`)).json();
    expect(page.members.spaceId).not.toBe(sourceSpaceId);
    expect(page.members.resources.map((r: { title: string }) => r.title).sort()).toEqual(['Lexique du SPASER', 'Trame du plan d’action']);
    const copies = await t.db.select().from(libraryResources).where(eq(libraryResources.spaceId, page.members.spaceId));
    expect(copies.map((r) => [r.visibility, r.status, r.themes])).toEqual([['space', 'published', ['gouvernance']], ['space', 'published', ['gouvernance']]]);
    const files = await t.db.select().from(libraryFiles).where(inArray(libraryFiles.resourceId, copies.map((r) => r.id)));
    expect(files.map((f) => f.fileName)).toEqual(['trame.pdf']);
    expect((await t.db.select().from(libraryResources).where(eq(libraryResources.spaceId, sourceSpaceId))).map((r) => r.title).sort()).toEqual(['Lexique du SPASER', 'Trame du plan d’action']);
  });

  it('copies none of the people: the copying staff member is its only member, as facilitator', async () => {
    const id = (await t.db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.copiedFromId, sourceId)))[0]!.id;
    const members = await t.db.select({ userId: cohortMembers.userId, role: cohortMembers.role }).from(cohortMembers).where(eq(cohortMembers.cohortId, id));
    expect(members).toEqual([{ userId: staff.user.id, role: 'facilitator' }]);
    const space = (await staff.agent.get(`/api/help/spaces/${(await staff.agent.get(`/api/cohorts/${id}`)).json().members.spaceId}`)).json();
    expect(space.members.map((m: { id?: string; userId?: string }) => m.id ?? m.userId)).toEqual([staff.user.id]);
    const newEvents = (await t.db.select({ id: events.id }).from(events).where(and(eq(events.ownerKind, 'cohort'), eq(events.ownerId, id)))).map((e) => e.id);
    const counts = {
      applications: (await t.db.select({ n: count() }).from(cohortApplications).where(eq(cohortApplications.cohortId, id)))[0]!.n,
      attendance: (await t.db.select({ n: count() }).from(cohortAttendance).where(inArray(cohortAttendance.eventId, newEvents)))[0]!.n,
      responses: (await t.db.select({ n: count() }).from(surveyResponses).innerJoin(cohortSurveys, eq(cohortSurveys.id, surveyResponses.surveyId)).where(eq(cohortSurveys.cohortId, id)))[0]!.n,
      cards: (await t.db.select({ n: count() }).from(cohortCards).where(eq(cohortCards.cohortId, id)))[0]!.n,
      announcements: (await t.db.select({ n: count() }).from(cohortAnnouncements).where(eq(cohortAnnouncements.cohortId, id)))[0]!.n,
      nudges: (await t.db.select({ n: count() }).from(cohortNudges).where(eq(cohortNudges.cohortId, id)))[0]!.n,
      codevGroups: (await t.db.select({ n: count() }).from(codevGroups).where(eq(codevGroups.cohortId, id)))[0]!.n,
    };
    expect(counts).toEqual({ applications: 0, attendance: 0, responses: 0, cards: 0, announcements: 0, nudges: 0, codevGroups: 0 });
    // The source keeps everything.
    expect((await t.db.select({ n: count() }).from(cohortMembers).where(eq(cohortMembers.cohortId, sourceId)))[0]!.n).toBe(3);
    // The participant of the old edition does not see the new one's members' part.
    expect((await participant.agent.get(`/api/cohorts/${id}`)).json()).toMatchObject({ members: null, myRole: null, can: { apply: true } });
  });

  it('copies to summer: a winter session at 09:00 stays at 09:00 (182 days, not 182 × 24 h)', async () => {
    const res = await staff.agent.post(`/api/cohorts/${sourceId}/next-edition`, next({ name: 'Mission SPASER été 2027', startsOn: '2027-07-12' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ shiftDays: 182, endsOn: '2027-10-08' });
    const copied = await t.db.select().from(events).where(and(eq(events.ownerKind, 'cohort'), eq(events.ownerId, res.json().id)));
    const at = (title: string) => copied.find((e) => e.title === title)!.startsAt.toISOString();
    // Kick-off Monday 12 July 2027 09:00 (UTC+2) = 07:00 UTC; 24-hour steps would have given 08:00 UTC, 10:00 in Paris.
    expect(at('Décollage')).toBe('2027-07-12T07:00:00.000Z');
    // Workshop Thursday 23 September 2027 14:00 (UTC+2); closing Thursday 7 October 2027 10:00 (UTC+2).
    expect(at('Atelier indicateurs')).toBe('2027-09-23T12:00:00.000Z');
    expect(at('Atterrissage')).toBe('2027-10-07T08:00:00.000Z');
    const [s] = await t.db.select().from(cohortSurveys).where(eq(cohortSurveys.cohortId, res.json().id));
    expect([s!.opensAt.toISOString(), s!.closesAt.toISOString()]).toEqual(['2027-07-12T07:00:00.000Z', '2027-07-19T16:00:00.000Z']);
  });
});

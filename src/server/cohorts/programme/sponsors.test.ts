import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers/context.js';
import { notifications } from '../../notifications/notifications.tables.js';
import { cohortSponsorProfiles, cohortSponsorQuestions } from '../programme.tables.js';

/**
 * The sponsor's role in a cohort (issue 23, item 3), through the real stack: the sponsor page for
 * members only, each sponsor's own profile, office hours as cohort events booked through the events'
 * registration (a full slot: the waitlist), never an attendance sheet; the question queue with its
 * notifications (e-mails through the real SMTP receiver), its limits and refusals; and sponsors kept
 * away from individual survey answers.
 */

let t: TestContext;
type Who = Awaited<ReturnType<TestContext['loggedIn']>>;
let staff: Who;
let facilitator: Who; // the cohort's own facilitator
let nathalie: Who; // sponsor, Bordeaux (SPASER declared adopted)
let paul: Who; // second sponsor
let alice: Who;
let bob: Who;
let carl: Who;
let outsider: Who;
let cohortId: string;
let otherCohortId: string;
let bordeaux: string;

const page = (who: Who) => who.agent.get(`/api/cohorts/${cohortId}/sponsors`);
const ask = (who: Who, body: unknown) => who.agent.post(`/api/cohorts/${cohortId}/sponsor-questions`, body);
const answer = (who: Who, questionId: string, text: string) => who.agent.put(`/api/cohorts/${cohortId}/sponsor-questions/${questionId}/answer`, { answer: text });
const kindCount = async (kind: string, userId?: string) =>
  (await t.db.select({ n: count() }).from(notifications).where(userId ? and(eq(notifications.kind, kind), eq(notifications.userId, userId)) : eq(notifications.kind, kind)))[0]!.n;
const notified = async (who: Who, kind: string) =>
  ((await who.agent.get('/api/notifications')).json().items as { kind: string; sentence: string; path: string }[]).filter((n) => n.kind === kind);

beforeAll(async () => {
  t = await createTestContext();
  // Monday 1 February 2027, 10:00 in Paris.
  t.clock.set(new Date('2027-02-01T09:00:00Z'));
  bordeaux = (await t.createOrganisation({ name: 'Bordeaux Métropole', kind: 'epci' })).id;
  const lyon = (await t.createOrganisation({ name: 'Ville de Lyon' })).id;
  const nantes = (await t.createOrganisation({ name: 'Ville de Nantes' })).id;
  staff = await t.loggedIn({ role: 'facilitator', lastName: 'Équipe' });
  facilitator = await t.loggedIn({ verifiedIn: [lyon], firstName: 'Farid', lastName: 'Animateur' });
  nathalie = await t.loggedIn({ verifiedIn: [bordeaux], firstName: 'Nathalie', lastName: 'Petit' });
  paul = await t.loggedIn({ verifiedIn: [nantes], firstName: 'Paul', lastName: 'Parrain' });
  alice = await t.loggedIn({ verifiedIn: [lyon], firstName: 'Alice', lastName: 'Acheteuse' });
  bob = await t.loggedIn({ verifiedIn: [lyon], firstName: 'Bob', lastName: 'Bâtisseur' });
  carl = await t.loggedIn({ verifiedIn: [nantes], firstName: 'Carl', lastName: 'Commande' });
  outsider = await t.loggedIn({ verifiedIn: [nantes], firstName: 'Odile', lastName: 'Dehors' });
  const created = await staff.agent.post('/api/cohorts', {
    name: 'Mission SPASER 2027', edition: 5, startsOn: '2027-01-11', endsOn: '2027-04-09', capacity: 30, description: '',
    sponsorIds: [nathalie.user.id, paul.user.id], facilitatorIds: [facilitator.user.id],
  });
  cohortId = created.json().id;
  otherCohortId = (await staff.agent.post('/api/cohorts', { name: 'Autre promotion', edition: 1, startsOn: '2027-01-11', endsOn: '2027-04-09', capacity: 30, description: '', sponsorIds: [], facilitatorIds: [] })).json().id;
  for (const p of [alice, bob, carl])
    expect((await facilitator.agent.put(`/api/cohorts/${cohortId}/members/${p.user.id}`, { role: 'participant', organisationId: p === carl ? nantes : lyon })).statusCode).toBe(200);
  expect((await staff.agent.patch(`/api/cohorts/${cohortId}`, { status: 'en_cours' })).statusCode).toBe(200);
  // Bordeaux's SPASER, declared adopted: the sponsor page shows the one status.
  expect((await nathalie.agent.post(`/api/organisations/${bordeaux}/spaser-declaration`, { url: 'https://bordeaux.example/spaser.pdf', adoptedOn: '2024-06-20' })).statusCode).toBeLessThan(300);
  await t.drainJobs();
});
afterAll(() => t?.close());

describe('the sponsor page', () => {
  it('is for the cohort’s members and staff only (401 to visitors, 403 « réservée à ses membres » to outsiders, 404 for an unknown cohort)', async () => {
    expect((await t.agent().get(`/api/cohorts/${cohortId}/sponsors`)).statusCode).toBe(401);
    const outside = await page(outsider);
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ error: 'COHORT_FORBIDDEN', message: expect.stringContaining('réservée à ses membres') });
    expect((await alice.agent.get('/api/cohorts/00000000-0000-4000-8000-000000000000/sponsors')).statusCode).toBe(404);
    for (const who of [alice, nathalie, facilitator, staff]) expect((await page(who)).statusCode).toBe(200);
    const seen = (await page(alice)).json();
    expect(seen.sponsors.map((s: { lastName: string }) => s.lastName)).toEqual(['Parrain', 'Petit']);
    expect(seen.sponsors[1]).toMatchObject({ firstName: 'Nathalie', organisationName: 'Bordeaux Métropole', spaserStatus: 'adopted', spaserAdoptedOn: '2024-06-20', own: null });
    expect(seen.sponsors[0]).toMatchObject({ organisationName: 'Ville de Nantes', spaserStatus: expect.any(String) });
    expect(seen.can).toEqual({ editProfile: false, createSlots: false, book: true, ask: true, answer: false, seeOutcome: false });
    expect((await page(nathalie)).json().can).toEqual({ editProfile: true, createSlots: true, book: false, ask: false, answer: true, seeOutcome: true });
    expect((await page(facilitator)).json().can).toEqual({ editProfile: false, createSlots: true, book: false, ask: false, answer: true, seeOutcome: true });
  });

  it('lets a sponsor edit their own story and offer (Markdown rendered safely), refuses too long fields one by one, and nobody else’s', async () => {
    const put = (who: Who, body: unknown) => who.agent.put(`/api/cohorts/${cohortId}/sponsors/me`, body);
    const long = await put(nathalie, { story: 'x'.repeat(5_001), offer: 'y'.repeat(2_001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().fields).toEqual({
      story: '« Notre SPASER » ne peut dépasser 5\u202f000 caractères.',
      offer: '« Ce que je vous propose » ne peut dépasser 2\u202f000 caractères.',
    });
    const story = 'Adopté en **2024** après un an de concertation.\n\n<script>alert(1)</script>';
    expect((await put(nathalie, { story, offer: 'Relire votre diagnostic.' })).statusCode).toBe(200);
    for (const [who, error] of [[alice, 'SPONSOR_PROFILE_SPONSORS_ONLY'], [facilitator, 'SPONSOR_PROFILE_SPONSORS_ONLY'], [outsider, 'COHORT_FORBIDDEN']] as const) {
      const res = await put(who, { story: 'Pas à moi.', offer: '' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toBe(error);
    }
    const seenByAlice = (await page(alice)).json().sponsors.find((s: { firstName: string }) => s.firstName === 'Nathalie');
    expect(seenByAlice.storyHtml).toContain('<strong>2024</strong>');
    expect(seenByAlice.storyHtml).not.toContain('<script');
    expect(seenByAlice.offerHtml).toContain('Relire votre diagnostic.');
    expect(seenByAlice.own).toBeNull();
    const mine = (await page(nathalie)).json().sponsors;
    expect(mine.find((s: { firstName: string }) => s.firstName === 'Nathalie').own).toEqual({ story: story.trim(), offer: 'Relire votre diagnostic.' });
    // Paul's profile was not touched: no row for him, nothing shown.
    expect(mine.find((s: { firstName: string }) => s.firstName === 'Paul')).toMatchObject({ own: null, storyHtml: '', updatedAt: null });
    expect((await t.db.select().from(cohortSponsorProfiles).where(eq(cohortSponsorProfiles.cohortId, cohortId))).map((p) => p.userId)).toEqual([nathalie.user.id]);
  });
});

describe('office hours', () => {
  let slot: string;

  it('are created by a sponsor (or a facilitator for a sponsor) as cohort events « Permanence de … » in Paris time; others are refused', async () => {
    const post = (who: Who, body: unknown) => who.agent.post(`/api/cohorts/${cohortId}/office-hours`, body);
    const created = await post(nathalie, { startsAt: '2027-02-10T14:00', endsAt: '2027-02-10T14:45', onlineUrl: 'https://visio.example/nathalie' });
    expect(created.statusCode).toBe(201);
    slot = created.json().id;
    const event = (await alice.agent.get(`/api/events/${slot}`)).json();
    expect(event).toMatchObject({ kind: 'office_hours', title: 'Permanence de Nathalie Petit', capacity: 1, startsAt: '2027-02-10T13:00:00.000Z', startsAtParis: '2027-02-10T14:00', visibility: 'restricted' });
    // Held by Paul, opened by the facilitator.
    const forPaul = await post(facilitator, { hostId: paul.user.id, startsAt: '2027-02-11T09:00', endsAt: '2027-02-11T10:00', place: 'Mairie de Nantes', capacity: 2 });
    expect(forPaul.statusCode).toBe(201);
    expect((await post(facilitator, { hostId: alice.user.id, startsAt: '2027-02-11T09:00', endsAt: '2027-02-11T10:00', place: 'Lyon' })).json().error).toBe('SPONSOR_HOST_NOT_SPONSOR');
    expect((await post(facilitator, { startsAt: '2027-02-11T09:00', endsAt: '2027-02-11T10:00', place: 'Lyon' })).json().fields).toEqual({ hostId: 'Choisissez le parrain ou la marraine qui tient la permanence.' });
    expect((await post(nathalie, { hostId: paul.user.id, startsAt: '2027-02-11T09:00', endsAt: '2027-02-11T10:00', place: 'Lyon' })).statusCode).toBe(403);
    expect((await post(alice, { startsAt: '2027-02-11T09:00', endsAt: '2027-02-11T10:00', place: 'Lyon' })).json().error).toBe('SPONSOR_SLOTS_FORBIDDEN');
    expect((await post(outsider, { startsAt: '2027-02-11T09:00', endsAt: '2027-02-11T10:00', place: 'Lyon' })).statusCode).toBe(403);
    const bad = await post(nathalie, { startsAt: '2027-02-31T09:00', endsAt: '', capacity: 6, place: 'Bordeaux' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields).sort()).toEqual(['capacity', 'endsAt', 'startsAt']);
    expect((await post(nathalie, { startsAt: '2027-01-20T09:00', endsAt: '2027-01-20T10:00', place: 'Lyon' })).json()).toMatchObject({ error: 'SPONSOR_SLOT_IN_PAST', fields: { startsAt: 'Une permanence se propose dans le futur.' } });
    expect((await post(nathalie, { startsAt: '2027-02-12T10:00', endsAt: '2027-02-12T09:00', place: 'Bordeaux' })).json().error).toBe('EVENT_ENDS_BEFORE_START');
    expect((await post(nathalie, { startsAt: '2027-02-12T09:00', endsAt: '2027-02-12T10:00' })).json().fields).toEqual({ onlineUrl: 'Indiquez un lien de connexion ou un lieu (ou les deux).' });
    // They are in the cohort's schedule and calendar like its sessions, and on the sponsor page.
    const schedule = (await alice.agent.get(`/api/cohorts/${cohortId}/sessions`)).json();
    expect(schedule.upcoming.map((s: { title: string; kind: string }) => [s.kind, s.title])).toEqual([
      ['office_hours', 'Permanence de Nathalie Petit'],
      ['office_hours', 'Permanence de Paul Parrain'],
    ]);
    const slots = (await page(alice)).json().officeHours;
    expect(slots).toHaveLength(2);
    expect(slots[0]).toMatchObject({ id: slot, hostId: nathalie.user.id, placesLeft: 1, my: null, bookedBy: null });
    expect(slots[1]).toMatchObject({ hostId: paul.user.id, capacity: 2, place: 'Mairie de Nantes' });
  });

  it('are booked by a participant through the event registration; a second booking of a full slot goes to its waitlist; the host sees who booked', async () => {
    const book = (who: Who, id = slot) => who.agent.post(`/api/cohorts/${cohortId}/office-hours/${id}/booking`, {});
    const first = await book(alice);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'registered', waitlistPosition: null });
    const second = await book(bob);
    expect(second.json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 1, message: expect.stringContaining("liste d'attente, en position 1") });
    // A non-member cannot book, neither here nor through the agenda; sponsors do not book.
    expect((await book(outsider)).json().error).toBe('COHORT_FORBIDDEN');
    expect((await outsider.agent.post(`/api/events/${slot}/registrations`, {})).statusCode).toBe(404);
    expect((await book(nathalie)).json().error).toBe('SPONSOR_BOOKING_PARTICIPANTS_ONLY');
    // A session of the cohort is not an office hour.
    const sessionRes = await facilitator.agent.post(`/api/cohorts/${cohortId}/sessions`, { kind: 'workshop', title: 'Atelier indicateurs', description: '', place: 'Salle 2', onlineUrl: '', visibility: 'restricted', ownerKind: 'cohort', ownerId: cohortId, startsAt: '2027-02-15T09:00', endsAt: '2027-02-15T12:00' });
    expect(sessionRes.json()).toMatchObject({ id: expect.any(String) });
    const session = sessionRes.json().id;
    expect((await book(carl, session)).json().error).toBe('SPONSOR_SLOT_NOT_FOUND');

    const byAlice = (await page(alice)).json().officeHours.find((s: { id: string }) => s.id === slot);
    expect(byAlice).toMatchObject({ placesLeft: 0, my: { status: 'registered' }, bookedBy: null, waitlistCount: 1 });
    expect((await page(bob)).json().officeHours.find((s: { id: string }) => s.id === slot)).toMatchObject({ placesLeft: 0, my: { status: 'waitlisted', waitlistPosition: 1 }, bookedBy: null });
    for (const who of [nathalie, facilitator])
      expect((await page(who)).json().officeHours.find((s: { id: string }) => s.id === slot).bookedBy).toEqual([{ id: alice.user.id, firstName: 'Alice', lastName: 'Acheteuse' }]);
    // Paul does not hold it: he sees « réservé », not who.
    expect((await page(paul)).json().officeHours.find((s: { id: string }) => s.id === slot).bookedBy).toBeNull();
    await t.drainJobs();
    expect(t.smtp.to(alice.user.email).some((m) => m.text.includes('Permanence de Nathalie Petit'))).toBe(true);

    // Alice gives the slot up: Bob, first in line, gets it.
    expect((await alice.agent.delete(`/api/cohorts/${cohortId}/office-hours/${slot}/booking`)).statusCode).toBe(200);
    expect((await page(bob)).json().officeHours.find((s: { id: string }) => s.id === slot).my).toEqual({ status: 'registered', waitlistPosition: null });
  });

  it('never get an attendance sheet, so they never count as a missed session', async () => {
    expect((await facilitator.agent.get(`/api/cohorts/${cohortId}/sessions/${slot}/attendance`)).json().error).toBe('SESSION_NOT_FOUND');
    const mark = await facilitator.agent.put(`/api/cohorts/${cohortId}/sessions/${slot}/attendance`, { entries: [{ userId: bob.user.id, present: false }] });
    expect(mark.json().error).toBe('SESSION_NOT_FOUND');
  });
});

describe('the question queue to the sponsors', () => {
  let aliceQuestion: string;

  it('refuses bad input field by field and lets only participants ask', async () => {
    const empty = await ask(alice, { body: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().fields).toEqual({ body: 'Saisissez votre question.' });
    const long = await ask(alice, { body: 'x'.repeat(2_001), themes: ['inconnu'] });
    expect(long.json().fields).toEqual({ body: 'La question ne peut dépasser 2\u202f000 caractères.', 'themes.0': 'Thème inconnu : choisissez-en un dans la liste.' });
    for (const who of [nathalie, facilitator]) expect((await ask(who, { body: 'Une question ?' })).json().error).toBe('SPONSOR_QUESTION_PARTICIPANTS_ONLY');
    expect((await ask(outsider, { body: 'Une question ?' })).statusCode).toBe(403);
    expect((await t.agent().post(`/api/cohorts/${cohortId}/sponsor-questions`, { body: 'Une question ?' })).statusCode).toBe(401);
    expect(await t.db.select({ n: count() }).from(cohortSponsorQuestions)).toEqual([{ n: 0 }]);
  });

  it('notifies every sponsor of the cohort, and only them', async () => {
    const res = await ask(alice, { body: 'Comment avez-vous associé les élus à la **gouvernance** ?', themes: ['gouvernance'] });
    expect(res.statusCode).toBe(201);
    aliceQuestion = res.json().id;
    expect(await kindCount('cohort_sponsor_question')).toBe(2);
    for (const sponsor of [nathalie, paul]) {
      const [n] = await notified(sponsor, 'cohort_sponsor_question');
      expect(n).toMatchObject({
        sentence: 'Alice Acheteuse pose une question aux parrains et marraines de la promotion « Mission SPASER 2027 ».',
        path: `/promotions/${cohortId}/parrainage#question-${aliceQuestion}`,
      });
    }
    for (const who of [facilitator, bob, outsider]) expect(await notified(who, 'cohort_sponsor_question')).toEqual([]);
  });

  it('is answered by a sponsor or a facilitator, never a participant (403); the asker is notified and e-mailed', async () => {
    for (const who of [bob, alice]) {
      const res = await answer(who, aliceQuestion, 'Je réponds à sa place.');
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: 'SPONSOR_ANSWER_FORBIDDEN', message: expect.stringContaining('répondent aux questions') });
    }
    expect((await answer(outsider, aliceQuestion, 'Moi aussi.')).statusCode).toBe(403);
    expect((await answer(nathalie, aliceQuestion, '')).json().fields).toEqual({ answer: 'Saisissez votre réponse.' });
    // The question is looked up under the cohort of the address.
    expect((await staff.agent.put(`/api/cohorts/${otherCohortId}/sponsor-questions/${aliceQuestion}/answer`, { answer: 'Ailleurs.' })).json().error).toBe('SPONSOR_QUESTION_NOT_FOUND');
    expect((await alice.agent.put('/api/notifications/preferences', { categories: { promotions: 'immediately' } })).statusCode).toBe(200);
    t.smtp.clear();
    expect((await answer(nathalie, aliceQuestion, 'Un comité de pilotage **trimestriel**, présidé par un élu.')).statusCode).toBe(200);
    const [n] = await notified(alice, 'cohort_sponsor_answer');
    expect(n).toMatchObject({ sentence: 'Nathalie Petit a répondu à votre question dans la promotion « Mission SPASER 2027 ».' });
    await t.drainJobs();
    const mails = t.smtp.to(alice.user.email).filter((m) => m.text.includes('a répondu à votre question'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('trimestriel');
    // A corrected answer does not notify again.
    expect((await answer(facilitator, aliceQuestion, 'Un comité de pilotage trimestriel, présidé par le maire adjoint.')).statusCode).toBe(200);
    expect(await kindCount('cohort_sponsor_answer', alice.user.id)).toBe(1);
  });

  it('is read by every member: newest first, and for sponsors the questions waiting first; outsiders read nothing', async () => {
    const bobs = await ask(bob, { body: 'Quels indicateurs suivez-vous chaque année ?', themes: ['indicateurs'] });
    expect(bobs.statusCode).toBe(201);
    t.clock.advance(60_000);
    const carls = (await ask(carl, { body: 'Par où commencer le diagnostic ?' })).json().id;
    t.clock.advance(60_000);
    await answer(paul, bobs.json().id, 'La part des marchés avec une clause sociale.');
    const forCarl = (await page(carl)).json().questions;
    expect(forCarl.map((q: { id: string }) => q.id)).toEqual([carls, bobs.json().id, aliceQuestion]);
    expect(forCarl[2]).toMatchObject({
      body: 'Comment avez-vous associé les élus à la **gouvernance** ?',
      themes: ['gouvernance'],
      askedBy: { firstName: 'Alice', lastName: 'Acheteuse' },
      mine: false,
      answeredBy: { firstName: 'Farid', lastName: 'Animateur' },
      answerHtml: expect.stringContaining('maire adjoint'),
    });
    expect(forCarl[0]).toMatchObject({ mine: true, answerHtml: null, answeredBy: null });
    // Sponsors: Carl's question (unanswered) first, then the others, newest first.
    expect((await page(nathalie)).json().questions.map((q: { id: string }) => q.id)).toEqual([carls, bobs.json().id, aliceQuestion]);
    expect((await page(outsider)).statusCode).toBe(403);
    expect(JSON.stringify((await t.agent().get(`/api/cohorts/${cohortId}`)).json())).not.toContain('diagnostic');
  });

  it('limits a participant to 5 questions waiting for an answer (French message), and lets them ask again once one is answered', async () => {
    const ids: string[] = [];
    for (let i = 1; i <= 4; i++) {
      const res = await ask(carl, { body: `Question ${i}` });
      expect(res.statusCode).toBe(201);
      ids.push(res.json().id);
    }
    const sixth = await ask(carl, { body: 'Une sixième ?' });
    expect(sixth.statusCode).toBe(409);
    expect(sixth.json()).toMatchObject({ error: 'SPONSOR_QUESTIONS_LIMIT', message: expect.stringMatching(/^Vous avez déjà 5 questions sans réponse/) });
    expect((await page(carl)).json().myUnanswered).toBe(5);
    // Others are not held back by Carl's questions.
    expect((await ask(bob, { body: 'Et les clauses environnementales ?' })).statusCode).toBe(201);
    await answer(nathalie, ids[0]!, 'Oui.');
    expect((await ask(carl, { body: 'Une sixième, maintenant ?' })).statusCode).toBe(201);
  });

  it('stops showing a sponsor the questions once they leave the cohort', async () => {
    expect((await notified(paul, 'cohort_sponsor_question')).length).toBeGreaterThan(0);
    expect((await facilitator.agent.delete(`/api/cohorts/${cohortId}/members/${paul.user.id}`)).statusCode).toBe(200);
    expect(await notified(paul, 'cohort_sponsor_question')).toEqual([]);
    expect((await page(paul)).statusCode).toBe(403);
  });
});

describe('sponsors and the surveys', () => {
  it('a sponsor cannot read individual answers nor export them, and is pointed to the results summary', async () => {
    const survey = await facilitator.agent.post(`/api/cohorts/${cohortId}/surveys`, {
      phase: 'start', title: 'Questionnaire de début', opensAt: '2027-02-01T09:00', closesAt: '2027-02-20T18:00',
      questions: [{ kind: 'text', label: 'Vos attentes ?' }],
    });
    expect(survey.statusCode).toBe(201);
    const surveyId = survey.json().id;
    const detail = (await alice.agent.get(`/api/cohorts/surveys/${surveyId}`)).json();
    expect((await alice.agent.post(`/api/cohorts/surveys/${surveyId}/responses`, { answers: { [detail.questions[0].id]: { text: 'Des exemples concrets.' } } })).statusCode).toBe(201);
    for (const url of [`/api/cohorts/surveys/${surveyId}/responses`, `/api/cohorts/surveys/${surveyId}/export.csv`]) {
      const res = await nathalie.agent.get(url);
      expect([403, 404]).toContain(res.statusCode);
      expect(res.body).not.toContain('Des exemples concrets.');
    }
    expect((await facilitator.agent.get(`/api/cohorts/surveys/${surveyId}/responses`)).statusCode).toBe(200);
    expect((await page(nathalie)).json().can.seeOutcome).toBe(true);
    expect((await nathalie.agent.get(`/api/cohorts/${cohortId}/outcome`)).statusCode).toBe(200);
  });
});

describe('personal data', () => {
  it('exports a sponsor’s profile and answers; erasing a participant keeps their questions as « membre supprimé », erasing a sponsor removes the profile', async () => {
    const exported = JSON.stringify((await nathalie.agent.get('/api/me/export')).json());
    expect(exported).toContain('Adopté en **2024**');
    expect(exported).toContain('Oui.');
    expect(JSON.stringify((await alice.agent.get('/api/me/export')).json())).toContain('Comment avez-vous associé les élus');
    expect((await alice.agent.post('/api/me/delete', { password: alice.user.password, confirm: true })).statusCode).toBe(200);
    const q = (await page(bob)).json().questions.find((x: { body: string }) => x.body.startsWith('Comment avez-vous'));
    expect(q).toMatchObject({ askedBy: null, answerHtml: expect.stringContaining('maire adjoint') });
    expect((await nathalie.agent.post('/api/me/delete', { password: nathalie.user.password, confirm: true })).statusCode).toBe(200);
    expect(await t.db.select().from(cohortSponsorProfiles).where(eq(cohortSponsorProfiles.cohortId, cohortId))).toEqual([]);
    const answered = await t.db.select().from(cohortSponsorQuestions).where(eq(cohortSponsorQuestions.id, q.id));
    expect(answered[0]!.answer).toContain('maire adjoint');
  });
});

import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers/context.js';
import { surveyAnswers, surveyResponses } from '../cohorts.tables.js';

/**
 * Evaluations end to end through HTTP, with the platform clock and a real SMTP receiver. Every
 * expected figure below is worked out by hand from the answers written in this file.
 */
let t: TestContext;
type Who = Awaited<ReturnType<TestContext['loggedIn']>>;
let staff: Who;
let sponsor: Who;
let outsider: Who;
const p = [] as Who[];
let cohortId: string;
let otherCohortQuestion: string;
const ids = {} as { start: string; end: string; sq: string[]; eq: string[] };

const Q_ABLE = 'Vous sentez-vous capable de déployer un SPASER ?';
const Q_PUBLISH = 'Prévoyez-vous de publier un SPASER dans les six mois ?';
const startSurvey = {
  phase: 'start',
  title: 'Questionnaire de décollage',
  intro: 'Cinq minutes.',
  opensAt: '2027-01-11T09:00',
  closesAt: '2027-01-18T18:00',
  questions: [
    { kind: 'scale', label: Q_ABLE },
    { kind: 'single', label: Q_PUBLISH, options: ['Oui', 'Non', 'Je ne sais pas'] },
    { kind: 'multiple', label: 'Quels thèmes vous intéressent ?', options: ['Gouvernance', 'Indicateurs', 'Parties prenantes'] },
    { kind: 'text', label: 'Qu’attendez-vous de la promotion ?', required: false },
  ],
};
const endSurvey = {
  phase: 'end',
  title: "Questionnaire d'atterrissage",
  opensAt: '2027-04-01T09:00',
  closesAt: '2027-04-15T18:00',
  questions: [
    { kind: 'scale', label: Q_ABLE },
    { kind: 'single', label: Q_PUBLISH, options: ['Oui', 'Non', 'Je ne sais pas'] },
    { kind: 'text', label: 'Ce que vous avez appris', required: false },
  ],
};
const nResponses = async () => (await t.db.select({ n: count() }).from(surveyResponses))[0]!.n;
/** Moves the platform clock; sessions expire meanwhile, so everyone logs in again. */
async function setClock(iso: string) {
  t.clock.set(new Date(iso));
  for (const who of [staff, sponsor, outsider, ...p]) {
    const res = await who.agent.post('/api/auth/login', { email: who.user.email, password: who.user.password });
    if (res.statusCode !== 200) throw new Error(res.body);
  }
}
const answer = (who: Who, surveyId: string, answers: Record<string, unknown>) => who.agent.post(`/api/cohorts/surveys/${surveyId}/responses`, { answers });

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2027-01-11T07:00:00Z'));
  const org = await t.createOrganisation({ name: 'Ville de Rennes' });
  staff = await t.loggedIn({ role: 'facilitator' });
  sponsor = await t.loggedIn({ verifiedIn: [org.id], lastName: 'Parrain' });
  outsider = await t.loggedIn({ verifiedIn: [org.id], lastName: 'Dehors' });
  for (const [first, last] of [['Ann', 'Alpha'], ['Bob', 'Bravo'], ['Cléo', 'Charlie'], ['Dan', 'Delta']] as const)
    p.push(await t.loggedIn({ verifiedIn: [org.id], firstName: first, lastName: last }));
  cohortId = (await staff.agent.post('/api/cohorts', { name: 'Promo évaluée', edition: 1, startsOn: '2027-01-11', endsOn: '2027-04-15', capacity: 30, sponsorIds: [sponsor.user.id] })).json().id;
  for (const who of p) await staff.agent.put(`/api/cohorts/${cohortId}/members/${who.user.id}`, { role: 'participant', organisationId: org.id });
  const other = (await staff.agent.post('/api/cohorts', { name: 'Autre promo', edition: 9, startsOn: '2027-01-11', endsOn: '2027-04-15', capacity: 30 })).json().id;
  const otherSurvey = (await staff.agent.post(`/api/cohorts/${other}/surveys`, startSurvey)).json().id;
  otherCohortQuestion = (await staff.agent.get(`/api/cohorts/surveys/${otherSurvey}`)).json().questions[0].id;
});
afterAll(() => t?.close());

describe('questionnaire builder', () => {
  it('refuses bad questionnaires in French, per field', async () => {
    const res = await staff.agent.post(`/api/cohorts/${cohortId}/surveys`, {
      ...startSurvey,
      title: '',
      questions: [{ kind: 'single', label: 'Une seule option ?', options: ['Oui'] }, { kind: 'sondage', label: '' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toMatchObject({
      title: 'Saisissez le titre du questionnaire.',
      'questions.0.options': 'Proposez au moins deux choix.',
      'questions.1.kind': 'Choisissez le type de question.',
      'questions.1.label': 'Saisissez la question.',
    });
    const backwards = await staff.agent.post(`/api/cohorts/${cohortId}/surveys`, { ...startSurvey, closesAt: '2027-01-10T09:00' });
    expect(backwards.json().fields).toEqual({ closesAt: "La clôture doit suivre l'ouverture." });
    expect((await p[0]!.agent.post(`/api/cohorts/${cohortId}/surveys`, startSurvey)).json().error).toBe('COHORT_MANAGE_FORBIDDEN');
    expect((await staff.agent.get(`/api/cohorts/${cohortId}/surveys`)).json().items).toEqual([]);
  });

  it('creates the start questionnaire once', async () => {
    const res = await staff.agent.post(`/api/cohorts/${cohortId}/surveys`, startSurvey);
    expect(res.statusCode).toBe(201);
    ids.start = res.json().id;
    expect((await staff.agent.post(`/api/cohorts/${cohortId}/surveys`, startSurvey)).json().error).toBe('SURVEY_PHASE_TAKEN');
    const s = (await p[0]!.agent.get(`/api/cohorts/surveys/${ids.start}`)).json();
    expect(s).toMatchObject({ state: 'a_venir', opensAtParis: '2027-01-11T09:00', respondents: null, can: { answer: false, edit: false, seeResults: false } });
    ids.sq = s.questions.map((q: { id: string }) => q.id);
    expect(s.questions.map((q: { kind: string }) => q.kind)).toEqual(['scale', 'single', 'multiple', 'text']);
  });
});

describe('answering', () => {
  it('before opening: refused, nothing written', async () => {
    const res = await answer(p[0]!, ids.start, { [ids.sq[0]!]: { scale: 2 } });
    expect(res.json()).toMatchObject({ error: 'SURVEY_NOT_OPEN', message: "Ce questionnaire n'est pas encore ouvert." });
    expect(await nResponses()).toBe(0);
  });

  it('at opening, every participant is invited by e-mail (not the sponsor, not outsiders)', async () => {
    await setClock('2027-01-11T08:01:00Z');
    await t.drainJobs();
    const invited = t.smtp.received.filter((m) => m.subject === 'Questionnaire à remplir — Promo évaluée');
    expect(invited.map((m) => m.to).sort()).toEqual(p.map((w) => w.user.email).sort());
    expect(invited[0]!.text).toContain(`http://entraide.test/promotions/${cohortId}/questionnaires/${ids.start}`);
    expect(invited[0]!.text).toContain('18/01/2027 à 18 h 00');
  });

  it('refuses bad answers per question and outsiders; records one response per participant', async () => {
    await setClock('2027-01-12T09:00:00Z');
    const [q1, q2, q3, q4] = ids.sq as [string, string, string, string];
    const bad = await answer(p[0]!, ids.start, { [q1]: { scale: 6 }, [q2]: { choices: [0, 1] }, '00000000-0000-4000-8000-000000000000': { text: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual({
      [`answers.${q1}`]: 'Choisissez une valeur de 1 à 5.',
      [`answers.${q2}`]: 'Une seule réponse est possible.',
      [`answers.${q3}`]: 'Répondez à cette question.',
      'answers.00000000-0000-4000-8000-000000000000': "Cette question n'appartient pas au questionnaire.",
    });
    expect((await answer(p[0]!, ids.start, { [q1]: { scale: 2 }, [q2]: { choices: [7] }, [q3]: { choices: [0] } })).json().fields).toEqual({ [`answers.${q2}`]: 'Choisissez parmi les réponses proposées.' });
    expect((await answer(sponsor, ids.start, { [q1]: { scale: 5 } })).json().error).toBe('SURVEY_PARTICIPANTS_ONLY');
    expect((await answer(outsider, ids.start, { [q1]: { scale: 5 } })).statusCode).toBe(404);
    expect((await outsider.agent.get(`/api/cohorts/surveys/${ids.start}`)).statusCode).toBe(404);
    expect(await nResponses()).toBe(0);

    expect((await answer(p[0]!, ids.start, { [q1]: { scale: 2 }, [q2]: { choices: [0] }, [q3]: { choices: [1, 0] }, [q4]: { text: 'Être accompagnée' } })).statusCode).toBe(201);
    expect((await answer(p[1]!, ids.start, { [q1]: { scale: 3 }, [q2]: { choices: [1] }, [q3]: { choices: [1] } })).statusCode).toBe(201);
    expect((await answer(p[2]!, ids.start, { [q1]: { scale: 1 }, [q2]: { choices: [2] }, [q3]: { choices: [0, 1, 2] }, [q4]: { text: '  ' } })).statusCode).toBe(201);
    const twice = await answer(p[0]!, ids.start, { [q1]: { scale: 5 }, [q2]: { choices: [1] }, [q3]: { choices: [2] } });
    expect(twice.json()).toMatchObject({ error: 'SURVEY_ALREADY_ANSWERED', message: 'Vous avez déjà répondu à ce questionnaire : une seule réponse par personne.' });
    expect(await nResponses()).toBe(3);
    // 3 + 3 + 3 stored answers (the blank text of Cléo is no answer) + Ann's text = 10.
    expect((await t.db.select({ n: count() }).from(surveyAnswers))[0]!.n).toBe(10);

    // Each sees their own response only.
    const bob = (await p[1]!.agent.get(`/api/cohorts/surveys/${ids.start}`)).json();
    expect(bob.myResponse.answers.find((a: { questionId: string }) => a.questionId === q1).scale).toBe(3);
    expect(JSON.stringify(bob)).not.toContain('Être accompagnée');
    expect(bob.can.answer).toBe(false);
    expect((await p[3]!.agent.get(`/api/cohorts/surveys/${ids.start}`)).json().can.answer).toBe(true);
  });

  it('reminds the non-respondent only, 48 hours before closing', async () => {
    t.smtp.clear();
    await setClock('2027-01-16T16:59:00Z');
    await t.drainJobs();
    expect(t.smtp.received).toEqual([]);
    await setClock('2027-01-16T17:01:00Z');
    await t.drainJobs();
    expect(t.smtp.received.map((m) => [m.to, m.subject])).toEqual([[p[3]!.user.email, 'Rappel : questionnaire à remplir avant le 18/01/2027 à 18 h 00']]);
  });

  it('after closing: refused, nothing written', async () => {
    await setClock('2027-01-18T17:00:00Z');
    const late = await answer(p[3]!, ids.start, { [ids.sq[0]!]: { scale: 4 }, [ids.sq[1]!]: { choices: [0] }, [ids.sq[2]!]: { choices: [0] } });
    expect(late.json()).toMatchObject({ error: 'SURVEY_CLOSED', message: 'Ce questionnaire est clos : les réponses ne sont plus acceptées.' });
    expect(await nResponses()).toBe(3);
    expect((await staff.agent.put(`/api/cohorts/surveys/${ids.start}`, startSurvey)).json().error).toBe('SURVEY_ANSWERED_LOCKED');
  });
});

describe('results', () => {
  it('per question, with the response rate (worked out by hand)', async () => {
    const r = (await staff.agent.get(`/api/cohorts/surveys/${ids.start}/results`)).json();
    // 3 of the 4 participants answered.
    expect(r).toMatchObject({ invited: 4, respondents: 3, responseRate: 0.75 });
    const [scale, single, multiple, text] = r.questions;
    // Scale answers 2, 3, 1: one each of 1, 2, 3; mean 6 / 3 = 2.
    expect(scale.result).toEqual({ answered: 3, mean: 2, options: [1, 1, 1, 0, 0].map((count, i) => ({ label: String(i + 1), count, share: count / 3 })) });
    expect(single.result.options.map((o: { label: string; count: number }) => [o.label, o.count])).toEqual([['Oui', 1], ['Non', 1], ['Je ne sais pas', 1]]);
    // Gouvernance: Ann, Cléo; Indicateurs: all three; Parties prenantes: Cléo.
    expect(multiple.result.options.map((o: { count: number; share: number }) => [o.count, o.share])).toEqual([[2, 2 / 3], [3, 1], [1, 1 / 3]]);
    expect(text.result.answered).toBe(1);
    expect(text.texts).toEqual(['Être accompagnée']);
    expect(scale.before).toBeNull();
  });

  it('compares before and after, and computes the headline figures from the mapped questions', async () => {
    ids.end = (await staff.agent.post(`/api/cohorts/${cohortId}/surveys`, endSurvey)).json().id;
    ids.eq = (await staff.agent.get(`/api/cohorts/surveys/${ids.end}`)).json().questions.map((q: { id: string }) => q.id);
    await setClock('2027-04-02T08:00:00Z');
    const [e1, e2] = ids.eq as [string, string];
    for (const [who, scale, choice] of [[0, 5, 0], [1, 4, 0], [2, 3, 1], [3, 4, 2]] as const)
      expect((await answer(p[who]!, ids.end, { [e1]: { scale }, [e2]: { choices: [choice] } })).statusCode).toBe(201);

    // Nothing mapped yet: no figure.
    const none = (await staff.agent.get(`/api/cohorts/${cohortId}/headlines`)).json().items;
    expect(none.map((h: { mapped: boolean; share: number | null }) => [h.mapped, h.share])).toEqual([[false, null], [false, null]]);

    // Bad mappings change nothing.
    const put = (key: string, body: unknown) => staff.agent.put(`/api/cohorts/${cohortId}/headlines/${key}`, body);
    expect((await put('more_able', { questionId: ids.eq[2], yesValues: [1] })).json().fields.questionId).toMatch(/^Une question à texte libre/);
    expect((await put('more_able', { questionId: e1, yesValues: [6] })).json().fields).toEqual({ yesValues: 'Cochez des réponses proposées par la question.' });
    expect((await put('more_able', { questionId: otherCohortQuestion, yesValues: [4] })).json().fields).toEqual({ questionId: "Choisissez une question d'un questionnaire de cette promotion." });
    expect((await p[0]!.agent.put(`/api/cohorts/${cohortId}/headlines/more_able`, { questionId: e1, yesValues: [4, 5] })).statusCode).toBe(403);

    expect((await put('more_able', { questionId: e1, yesValues: [4, 5] })).statusCode).toBe(200);
    expect((await put('publish_within_6_months', { questionId: e2, yesValues: [0] })).statusCode).toBe(200);

    const r = (await staff.agent.get(`/api/cohorts/surveys/${ids.end}/results`)).json();
    // 5, 4, 4 are « 4 or 5 » out of 5, 4, 3, 4: 3 of 4; « Oui » twice out of 4 answers.
    expect(r.headlines.map((h: { key: string; yes: number; of: number; share: number }) => [h.key, h.yes, h.of, h.share])).toEqual([
      ['more_able', 3, 4, 0.75],
      ['publish_within_6_months', 2, 4, 0.5],
    ]);
    expect(r.headlines[0].label).toBe('se sentent plus capables de déployer un SPASER');
    // Before: 1, 2, 3 (mean 2); after: 3, 4, 4, 5 (mean 4).
    expect(r.questions[0].before.options.map((o: { count: number }) => o.count)).toEqual([1, 1, 1, 0, 0]);
    expect(r.questions[0].before.mean).toBe(2);
    expect(r.questions[0].result.options.map((o: { count: number }) => o.count)).toEqual([0, 0, 1, 2, 1]);
    expect(r.questions[0].result.mean).toBe(4);
    expect(r.questions[1].before.options.map((o: { count: number }) => o.count)).toEqual([1, 1, 1]);
    expect(r.questions[2].before).toBeNull();
    expect(r).toMatchObject({ invited: 4, respondents: 4, responseRate: 1 });
  });

  it('individual answers and the CSV are for facilitators only', async () => {
    for (const who of [p[0]!, sponsor, outsider]) {
      expect((await who.agent.get(`/api/cohorts/surveys/${ids.start}/results`)).statusCode).toBe(404);
      expect((await who.agent.get(`/api/cohorts/surveys/${ids.start}/responses`)).statusCode).toBe(404);
      expect((await who.agent.get(`/api/cohorts/surveys/${ids.start}/export.csv`)).statusCode).toBe(404);
      expect((await who.agent.get(`/api/cohorts/${cohortId}/headlines`)).statusCode).toBe(403);
    }
    expect((await outsider.agent.get(`/api/cohorts/${cohortId}/surveys`)).statusCode).toBe(403);
    expect((await t.agent().get(`/api/cohorts/surveys/${ids.start}/export.csv`)).statusCode).toBe(401);

    const list = (await staff.agent.get(`/api/cohorts/surveys/${ids.start}/responses`)).json();
    expect(list.items.map((i: { lastName: string }) => i.lastName)).toEqual(['Alpha', 'Bravo', 'Charlie']);
    const csv = await staff.agent.get(`/api/cohorts/surveys/${ids.start}/export.csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="reponses-questionnaire-debut.csv"');
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toBe(`\uFEFFNom;Prénom;Organisation;Date de réponse (heure de Paris);${Q_ABLE};${Q_PUBLISH};Quels thèmes vous intéressent ?;Qu’attendez-vous de la promotion ?`);
    // Ann answered on 12 January at 09:00 UTC, 10:00 in Paris.
    expect(lines[1]).toBe('Alpha;Ann;Ville de Rennes;2027-01-12 10:00;2;Oui;Gouvernance | Indicateurs;Être accompagnée');
    expect(lines[3]).toBe('Charlie;Cléo;Ville de Rennes;2027-01-12 10:00;1;Je ne sais pas;Gouvernance | Indicateurs | Parties prenantes;');
    expect(lines).toHaveLength(5);
  });
});

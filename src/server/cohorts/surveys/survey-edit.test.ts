import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers/context.js';

/**
 * Editing a questionnaire: everything until the first answer, wording fixes only after (ADR 0012).
 * Every refusal is checked to change nothing.
 */
let t: TestContext;
type Who = Awaited<ReturnType<TestContext['loggedIn']>>;
let staff: Who;
let cohortFacilitator: Who;
let sponsor: Who;
let participant: Who;
let outsider: Who;
let cohortId: string;
let surveyId: string;

const body = {
  phase: 'start',
  title: 'Questionnaire de début',
  intro: '',
  opensAt: '2027-01-11T09:00',
  closesAt: '2027-01-18T18:00',
  questions: [
    { kind: 'scale', label: 'Vous sentez-vous capable de déployer un SPASER ?' },
    { kind: 'single', label: 'Publierez-vous un SPASER dans les six mois ?', options: ['Oui', 'Non'] },
    { kind: 'text', label: 'Un commentaire ?', required: false },
  ],
};
type Question = { id: string; kind: string; label: string; options: string[]; required: boolean };
const read = async () => (await staff.agent.get(`/api/cohorts/surveys/${surveyId}`)).json() as Promise<{ title: string; intro: string; opensAtParis: string; closesAtParis: string; questions: Question[]; can: Record<string, boolean> }>;
/** The body the edit page sends: the stored questions with their ids. */
const current = async () => {
  const s = await read();
  return { phase: 'start', title: s.title, intro: s.intro, opensAt: s.opensAtParis, closesAt: s.closesAtParis, questions: s.questions.map(({ id, kind, label, options, required }) => ({ id, kind, label, options, required })) };
};
const put = (who: Who, b: unknown) => who.agent.put(`/api/cohorts/surveys/${surveyId}`, b);

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2027-01-05T08:00:00Z'));
  const org = await t.createOrganisation({ name: 'Ville de Brest' });
  staff = await t.loggedIn({ role: 'facilitator' });
  cohortFacilitator = await t.loggedIn({ verifiedIn: [org.id], lastName: 'Animatrice' });
  sponsor = await t.loggedIn({ verifiedIn: [org.id], lastName: 'Parrain' });
  participant = await t.loggedIn({ verifiedIn: [org.id], lastName: 'Participante' });
  outsider = await t.loggedIn({ verifiedIn: [org.id], lastName: 'Dehors' });
  cohortId = (
    await staff.agent.post('/api/cohorts', { name: 'Promo questionnaire', edition: 1, startsOn: '2027-01-11', endsOn: '2027-04-15', capacity: 30, sponsorIds: [sponsor.user.id], facilitatorIds: [cohortFacilitator.user.id] })
  ).json().id;
  await staff.agent.put(`/api/cohorts/${cohortId}/members/${participant.user.id}`, { role: 'participant', organisationId: org.id });
  surveyId = (await staff.agent.post(`/api/cohorts/${cohortId}/surveys`, body)).json().id;
});
afterAll(() => t?.close());

describe('editing a questionnaire nobody answered', () => {
  it('answers each access outcome: 401, 404 for members, sponsors and outsiders (nothing learnt), 200 for managers', async () => {
    const before = await read();
    const b = await current();
    expect((await t.agent().put(`/api/cohorts/surveys/${surveyId}`, b)).statusCode).toBe(401);
    for (const who of [participant, sponsor, outsider]) {
      const res = await put(who, { ...b, title: 'Piraté' });
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toBe('SURVEY_NOT_FOUND');
    }
    expect((await staff.agent.put('/api/cohorts/surveys/00000000-0000-4000-8000-000000000000', b)).statusCode).toBe(404);
    expect(await read()).toEqual(before);
    expect(before.can).toMatchObject({ edit: true, editStructure: true });
    expect((await participant.agent.get(`/api/cohorts/surveys/${surveyId}`)).json().can).toMatchObject({ edit: false, editStructure: false });
    expect((await put(cohortFacilitator, { ...b, title: 'Questionnaire de décollage' })).statusCode).toBe(200);
    expect((await read()).title).toBe('Questionnaire de décollage');
  });

  it('refuses bad input per field and changes nothing', async () => {
    const before = await read();
    const b = await current();
    const bad = await put(staff, { ...b, title: '', closesAt: '2027-01-18', questions: [{ ...b.questions[0], kind: 'sondage' }, { ...b.questions[1], options: ['Oui'] }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual({
      title: 'Saisissez le titre du questionnaire.',
      closesAt: 'Saisissez la date de clôture au format AAAA-MM-JJTHH:MM (heure de Paris).',
      'questions.0.kind': 'Choisissez le type de question.',
      'questions.1.options': 'Proposez au moins deux choix.',
    });
    expect((await put(staff, { ...b, phase: 'end' })).json().fields).toEqual({ phase: "On ne change pas l'étape d'un questionnaire : créez l'autre." });
    const foreign = await put(staff, { ...b, questions: [{ ...b.questions[0], id: '00000000-0000-4000-8000-000000000002' }] });
    expect(foreign.json().fields).toEqual({ 'questions.0.label': "Cette question n'appartient pas au questionnaire." });
    const twice = await put(staff, { ...b, questions: [b.questions[0], b.questions[0]] });
    expect(twice.json().fields).toEqual({ 'questions.1.label': "Cette question n'appartient pas au questionnaire." });
    expect(await read()).toEqual(before);
  });

  it('adds, removes, reorders and changes kinds; kept questions keep their id and headline mapping', async () => {
    const b = await current();
    const [scale, single, text] = b.questions as [Question, Question, Question];
    // Both headline figures mapped: one to the scale (kept as is), one to the single choice (its choices change).
    expect((await staff.agent.put(`/api/cohorts/${cohortId}/headlines/more_able`, { questionId: scale.id, yesValues: [4, 5] })).statusCode).toBe(200);
    expect((await staff.agent.put(`/api/cohorts/${cohortId}/headlines/publish_within_6_months`, { questionId: single.id, yesValues: [0] })).statusCode).toBe(200);
    const res = await put(staff, {
      ...b,
      opensAt: '2027-01-12T09:00',
      questions: [
        { ...single, options: ['Oui', 'Non', 'Je ne sais pas'] },
        { ...scale, label: 'Vous sentez-vous prêt à déployer un SPASER ?' },
        { kind: 'multiple', label: 'Quels thèmes ?', options: ['Gouvernance', 'Indicateurs'] },
        { ...text, kind: 'single', options: ['A', 'B'] },
      ],
    });
    expect(res.statusCode).toBe(200);
    const after = await read();
    expect(after.opensAtParis).toBe('2027-01-12T09:00');
    expect(after.questions.map((q) => [q.kind, q.label, q.options])).toEqual([
      ['single', 'Publierez-vous un SPASER dans les six mois ?', ['Oui', 'Non', 'Je ne sais pas']],
      ['scale', 'Vous sentez-vous prêt à déployer un SPASER ?', []],
      ['multiple', 'Quels thèmes ?', ['Gouvernance', 'Indicateurs']],
      ['single', 'Un commentaire ?', ['A', 'B']],
    ]);
    expect(after.questions.slice(0, 2).map((q) => q.id)).toEqual([single.id, scale.id]);
    expect(after.questions[3]!.id).toBe(text.id);
    const headlines = (await staff.agent.get(`/api/cohorts/${cohortId}/headlines`)).json().items as { key: string; questionId: string | null }[];
    expect(headlines.map((h) => [h.key, h.questionId])).toEqual([['more_able', scale.id], ['publish_within_6_months', null]]);
    // Removing a question.
    const removed = await put(staff, { ...(await current()), questions: (await current()).questions.slice(0, 3) });
    expect(removed.statusCode).toBe(200);
    expect((await read()).questions.map((q) => q.label)).toEqual(['Publierez-vous un SPASER dans les six mois ?', 'Vous sentez-vous prêt à déployer un SPASER ?', 'Quels thèmes ?']);
  });
});

describe('editing an answered questionnaire', () => {
  it('refuses structural changes per field once someone answered, and changes nothing', async () => {
    t.clock.set(new Date('2027-01-12T09:00:00Z'));
    await participant.agent.post('/api/auth/login', { email: participant.user.email, password: participant.user.password });
    await staff.agent.post('/api/auth/login', { email: staff.user.email, password: staff.user.password });
    const s = await read();
    const [single, scale, multiple] = s.questions as [Question, Question, Question];
    const answered = await participant.agent.post(`/api/cohorts/surveys/${surveyId}/responses`, { answers: { [single.id]: { choices: [0] }, [scale.id]: { scale: 4 }, [multiple.id]: { choices: [0, 1] } } });
    expect(answered.statusCode).toBe(201);
    expect((await read()).can).toMatchObject({ edit: true, editStructure: false });

    const before = await read();
    const b = await current();
    const locked = (r: { json: () => { error: string; fields: Record<string, string> } }) => {
      expect(r.json().error).toBe('SURVEY_ANSWERED_LOCKED');
      return r.json().fields;
    };
    expect(locked(await put(staff, { ...b, questions: [b.questions[1], b.questions[0], b.questions[2]] }))).toEqual({
      questions: 'Des participants ont déjà répondu : on ne peut plus ajouter, retirer ni déplacer de question.',
    });
    expect(locked(await put(staff, { ...b, questions: b.questions.slice(0, 2) }))).toEqual({
      questions: 'Des participants ont déjà répondu : on ne peut plus ajouter, retirer ni déplacer de question.',
    });
    expect(locked(await put(staff, { ...b, questions: [...b.questions, { kind: 'text', label: 'Nouvelle ?' }] }))).toEqual({
      questions: 'Des participants ont déjà répondu : on ne peut plus ajouter, retirer ni déplacer de question.',
    });
    const q = b.questions as Question[];
    expect(
      locked(
        await put(staff, {
          ...b,
          opensAt: '2027-01-11T09:00',
          closesAt: '2027-01-25T18:00',
          questions: [{ ...q[0], options: ['Oui', 'Non'] }, { ...q[1], kind: 'single', options: ['Oui', 'Non'] }, { ...q[2], required: false }],
        }),
      ),
    ).toEqual({
      opensAt: "Des participants ont déjà répondu : la date d'ouverture ne change plus.",
      closesAt: 'Des participants ont déjà répondu : la date de clôture ne change plus.',
      'questions.0.options': 'Des participants ont déjà répondu : gardez le même nombre de choix, dans le même ordre (leur formulation peut être corrigée).',
      'questions.1.kind': 'Des participants ont déjà répondu : le type de la question ne change plus.',
      'questions.2.required': 'Des participants ont déjà répondu : le caractère obligatoire de la question ne change plus.',
    });
    expect(await read()).toEqual(before);
  });

  it('accepts wording fixes; the answers stay and the results show the new wording', async () => {
    const b = await current();
    const q = b.questions as Question[];
    const res = await put(staff, {
      ...b,
      title: 'Questionnaire de décollage (début)',
      intro: 'Cinq minutes, pas plus.',
      questions: [{ ...q[0], label: 'Publierez-vous votre SPASER dans les six mois ?', options: ['Oui', 'Non', 'Je ne sais pas encore'] }, q[1], { ...q[2], options: ['Gouvernance', 'Indicateurs de suivi'] }],
    });
    expect(res.statusCode).toBe(200);
    const results = (await staff.agent.get(`/api/cohorts/surveys/${surveyId}/results`)).json();
    expect(results.survey.title).toBe('Questionnaire de décollage (début)');
    expect(results.respondents).toBe(1);
    expect(results.questions[0].label).toBe('Publierez-vous votre SPASER dans les six mois ?');
    expect(results.questions[0].result.options.map((o: { label: string; count: number }) => [o.label, o.count])).toEqual([['Oui', 1], ['Non', 0], ['Je ne sais pas encore', 0]]);
    expect(results.questions[2].result.options.map((o: { label: string; count: number }) => [o.label, o.count])).toEqual([['Gouvernance', 1], ['Indicateurs de suivi', 1]]);
    expect((await participant.agent.get(`/api/cohorts/surveys/${surveyId}`)).json().myResponse.answers).toHaveLength(3);
  });
});

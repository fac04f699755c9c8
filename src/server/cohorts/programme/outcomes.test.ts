import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers/context.js';

/**
 * The observed outcome of an edition (issue 23, item 7), on a constructed edition: the cohort runs from
 * 5 January to 31 March 2026, so its six-month window ends on 30 September 2026. Every expected figure
 * is worked out by hand from the dates written here:
 *
 * | organisation        | participants | adopted on  | category                       | days from 5 Jan |
 * | Ville d'Avant       | Alice        | 2025-06-01  | before the start               | —               |
 * | Métropole Bonne     | Ann, Bob     | 2026-03-15  | within six months              | 26+28+15 = 69   |
 * | Commune Charnière   | Cléo         | 2026-09-30  | within six months (last day)   | 26+28+31+30+31+30+31+31+30 = 268 |
 * | Département Tardif  | Dan          | 2026-10-01  | later                          | 269             |
 * | Syndicat Encore     | Eve          | —           | not yet                        | —               |
 *
 * Observed: 2 of the 4 organisations that came without a SPASER in force (50 %); median 168.5 days.
 * Intended: 4 answered « Prévoyez-vous de publier… » at the end, 3 said « Oui » (75 %).
 */
let t: TestContext;
type Who = Awaited<ReturnType<TestContext['loggedIn']>>;
let staff: Who;
let sponsor: Who;
let outsider: Who;
const people = {} as Record<'alice' | 'ann' | 'bob' | 'cleo' | 'dan' | 'eve', Who>;
const orgs = {} as Record<'avant' | 'bonne' | 'charniere' | 'tardif' | 'encore', string>;
let cohortId: string;
let endSurvey: string;

async function setClock(iso: string) {
  t.clock.set(new Date(iso));
  for (const who of [staff, sponsor, outsider, ...Object.values(people)]) {
    const res = await who.agent.post('/api/auth/login', { email: who.user.email, password: who.user.password });
    if (res.statusCode !== 200) throw new Error(res.body);
  }
}
const outcome = (who: Who) => who.agent.get(`/api/cohorts/${cohortId}/outcome`);
const followup = { phase: 'followup', title: 'Six mois après', closesAt: '2026-10-15T18:00', questions: [{ kind: 'single', label: 'Votre SPASER est-il adopté ?', options: ['Oui', 'Non'] }] };

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2025-12-01T09:00:00Z'));
  orgs.avant = (await t.createOrganisation({ name: "Ville d'Avant" })).id;
  orgs.bonne = (await t.createOrganisation({ name: 'Métropole Bonne', kind: 'epci' })).id;
  orgs.charniere = (await t.createOrganisation({ name: 'Commune Charnière' })).id;
  orgs.tardif = (await t.createOrganisation({ name: 'Département Tardif', kind: 'departement' })).id;
  orgs.encore = (await t.createOrganisation({ name: 'Syndicat Encore' })).id;
  staff = await t.loggedIn({ role: 'facilitator' });
  sponsor = await t.loggedIn({ verifiedIn: [orgs.avant], firstName: 'Paula', lastName: 'Parrain' });
  outsider = await t.loggedIn({ verifiedIn: [orgs.encore], firstName: 'Otto', lastName: 'Dehors' });
  const who = [
    ['alice', 'Alice', 'Avant', orgs.avant],
    ['ann', 'Ann', 'Bonne', orgs.bonne],
    ['bob', 'Bob', 'Bonne', orgs.bonne],
    ['cleo', 'Cléo', 'Charnière', orgs.charniere],
    ['dan', 'Dan', 'Tardif', orgs.tardif],
    ['eve', 'Eve', 'Encore', orgs.encore],
  ] as const;
  for (const [key, firstName, lastName, org] of who) people[key] = await t.loggedIn({ verifiedIn: [org], firstName, lastName });
  cohortId = (await staff.agent.post('/api/cohorts', { name: 'Mission SPASER 2026', edition: 4, startsOn: '2026-01-05', endsOn: '2026-03-31', capacity: 30, sponsorIds: [sponsor.user.id] })).json().id;
  for (const [key, , , org] of who) {
    const res = await staff.agent.put(`/api/cohorts/${cohortId}/members/${people[key].user.id}`, { role: 'participant', organisationId: org });
    if (res.statusCode !== 200) throw new Error(res.body);
  }
  const created = await staff.agent.post(`/api/cohorts/${cohortId}/surveys`, {
    phase: 'end',
    title: "Questionnaire d'atterrissage",
    opensAt: '2026-03-25T09:00',
    closesAt: '2026-03-31T18:00',
    questions: [{ kind: 'single', label: 'Prévoyez-vous de publier un SPASER dans les six mois ?', options: ['Oui', 'Non', 'Je ne sais pas'] }],
  });
  endSurvey = created.json().id;
  const question = (await staff.agent.get(`/api/cohorts/surveys/${endSurvey}`)).json().questions[0].id;
  expect((await staff.agent.put(`/api/cohorts/${cohortId}/headlines/publish_within_6_months`, { questionId: question, yesValues: [0] })).statusCode).toBe(200);
  await setClock('2026-03-26T10:00:00Z');
  for (const [key, choice] of [['ann', 0], ['cleo', 0], ['dan', 0], ['eve', 1]] as const) {
    const res = await people[key].agent.post(`/api/cohorts/surveys/${endSurvey}/responses`, { answers: { [question]: { choices: [choice] } } });
    if (res.statusCode >= 300) throw new Error(res.body);
  }
});
afterAll(() => t?.close());

describe('the observed outcome of an edition', () => {
  it('before anything is adopted, and while the window is open, says so: provisional, 0 of 5', async () => {
    const o = (await outcome(staff)).json();
    expect(o).toMatchObject({
      windowEndsOn: '2026-09-30',
      windowClosed: false,
      organisations: 5,
      counts: { before_start: 0, within_six_months: 0, later: 0, not_yet: 5 },
      observed: { adopted: 0, of: 5, share: 0 },
      intended: { yes: 3, of: 4, share: 0.75 },
      medianDaysToAdoption: null,
      followup: null,
    });
    expect(o.rows.map((r: { organisationName: string }) => r.organisationName)).toEqual(['Commune Charnière', 'Département Tardif', "Métropole Bonne", 'Syndicat Encore', "Ville d'Avant"]);
  });

  it('the follow-up questionnaire opens after the end (a French message gives the six-month date), once per cohort', async () => {
    const early = await staff.agent.post(`/api/cohorts/${cohortId}/surveys`, { ...followup, opensAt: '2026-03-31T09:00' });
    expect(early.statusCode).toBe(400);
    expect(early.json().fields).toEqual({ opensAt: "Le questionnaire de suivi s'ouvre après la fin de la promotion (31 mars 2026) ; six mois après, c'est le 30 septembre 2026." });
    expect((await staff.agent.get(`/api/cohorts/${cohortId}/surveys`)).json().items).toHaveLength(1);
    const res = await staff.agent.post(`/api/cohorts/${cohortId}/surveys`, { ...followup, opensAt: '2026-09-30T09:00' });
    expect(res.statusCode).toBe(201);
    const again = await staff.agent.post(`/api/cohorts/${cohortId}/surveys`, { ...followup, opensAt: '2026-10-01T09:00' });
    expect(again.json()).toMatchObject({ error: 'SURVEY_PHASE_TAKEN', fields: { phase: 'Cette promotion a déjà ce questionnaire : modifiez-le.' } });
  });

  it('the follow-up invitation reaches each participant once, even when the jobs run twice', async () => {
    await setClock('2026-09-30T07:05:00Z');
    t.smtp.received.length = 0;
    await t.drainJobs();
    await t.drainJobs();
    const invited = t.smtp.received.filter((m) => m.subject === 'Questionnaire à remplir — Mission SPASER 2026').map((m) => m.to).sort();
    expect(invited).toEqual(Object.values(people).map((w) => w.user.email).sort());
  });

  it('counts adoptions by date against the start and six months after the end, by hand', async () => {
    await setClock('2026-12-01T09:00:00Z');
    const declare = async (who: Who, org: string, adoptedOn: string) => {
      const res = await who.agent.post(`/api/organisations/${org}/spaser-declaration`, { url: `https://exemple.fr/spaser-${adoptedOn}.pdf`, adoptedOn });
      if (res.statusCode !== 200) throw new Error(res.body);
    };
    await declare(people.alice, orgs.avant, '2025-06-01');
    await declare(people.bob, orgs.bonne, '2026-03-15');
    await declare(people.cleo, orgs.charniere, '2026-09-30');
    await declare(people.dan, orgs.tardif, '2026-10-01');
    const o = (await outcome(staff)).json();
    expect(o).toMatchObject({
      windowClosed: true,
      organisations: 5,
      counts: { before_start: 1, within_six_months: 2, later: 1, not_yet: 1 },
      observed: { adopted: 2, of: 4, share: 0.5 },
      intended: { yes: 3, of: 4, share: 0.75 },
      medianDaysToAdoption: 168.5,
      followup: { title: 'Six mois après', answers: 0 },
      detailed: true,
    });
    const rows = Object.fromEntries(o.rows.map((r: { organisationName: string }) => [r.organisationName, r]));
    expect(rows['Métropole Bonne']).toMatchObject({ participants: ['Ann Bonne', 'Bob Bonne'], status: 'adopted', source: 'declaration', adoptedOn: '2026-03-15', category: 'within_six_months', daysFromStart: 69 });
    expect(rows['Commune Charnière']).toMatchObject({ category: 'within_six_months', daysFromStart: 268 });
    expect(rows['Département Tardif']).toMatchObject({ category: 'later', daysFromStart: 269 });
    expect(rows["Ville d'Avant"]).toMatchObject({ category: 'before_start', daysFromStart: null });
    expect(rows['Syndicat Encore']).toMatchObject({ status: 'unknown', category: 'not_yet', adoptedOn: null });
  });

  it('exports the table as CSV for facilitators', async () => {
    const res = await staff.agent.get(`/api/cohorts/${cohortId}/outcome.csv`);
    expect(res.headers['content-disposition']).toBe('attachment; filename="resultats-edition-4.csv"');
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe("Organisation;Participants;Statut du SPASER;Source;Date d'adoption;Résultat;Jours depuis le début");
    expect(lines).toContain('Métropole Bonne;Ann Bonne, Bob Bonne;Adopté;Schéma adopté hors de la plateforme (déclaration);2026-03-15;Adopté dans les six mois;69');
    expect(lines).toHaveLength(6);
  });

  it('sponsors see the figures without the organisations; participants, outsiders and visitors nothing', async () => {
    const s = await outcome(sponsor);
    expect(s.statusCode).toBe(200);
    expect(s.json()).toMatchObject({ detailed: false, rows: [], observed: { adopted: 2, of: 4 } });
    expect((await sponsor.agent.get(`/api/cohorts/${cohortId}/outcome.csv`)).statusCode).toBe(404);
    for (const who of [people.ann, outsider]) {
      expect((await outcome(who)).json()).toMatchObject({ error: 'COHORT_NOT_FOUND' });
      expect((await who.agent.get(`/api/cohorts/${cohortId}/outcome.csv`)).statusCode).toBe(404);
    }
    expect((await t.agent().get(`/api/cohorts/${cohortId}/outcome`)).statusCode).toBe(401);
  });
});

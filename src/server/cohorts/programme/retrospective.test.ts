import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers/context.js';

/** The atterrissage (issue 23, item 5): retrospectives, the edition's lessons, their page and library resource. */
let t: TestContext;
type Who = Awaited<ReturnType<TestContext['loggedIn']>>;
let staff: Who;
let sponsor: Who;
let ann: Who;
let bob: Who;
let outsider: Who;
let cohortId: string;

const retro = { worked: 'Les ateliers entre pairs.', change: 'Plus de temps sur les indicateurs.', lessons: 'Commencer par la gouvernance.' };
const write = (who: Who, body: unknown) => who.agent.put(`/api/cohorts/${cohortId}/atterrissage/retrospective`, body);

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2027-01-04T09:00:00Z'));
  const org = await t.createOrganisation({ name: 'Ville de Quimper' });
  staff = await t.loggedIn({ role: 'facilitator' });
  sponsor = await t.loggedIn({ verifiedIn: [org.id], firstName: 'Paul', lastName: 'Parrain' });
  ann = await t.loggedIn({ verifiedIn: [org.id], firstName: 'Ann', lastName: 'Alpha' });
  bob = await t.loggedIn({ verifiedIn: [org.id], firstName: 'Bob', lastName: 'Bravo' });
  outsider = await t.loggedIn({ verifiedIn: [org.id], firstName: 'Otto', lastName: 'Dehors' });
  cohortId = (await staff.agent.post('/api/cohorts', { name: 'Promo Atterrissage', edition: 5, startsOn: '2027-01-11', endsOn: '2027-04-15', capacity: 30, sponsorIds: [sponsor.user.id] })).json().id;
  for (const who of [ann, bob]) await staff.agent.put(`/api/cohorts/${cohortId}/members/${who.user.id}`, { role: 'participant', organisationId: org.id });
});
afterAll(() => t?.close());

describe('retrospectives', () => {
  it('open once the cohort has started; before, a French refusal and nothing written', async () => {
    const early = await write(ann, retro);
    expect(early.json()).toMatchObject({ error: 'RETROSPECTIVE_NOT_YET', message: "Le retour d'expérience s'ouvre quand la promotion a commencé." });
    expect((await staff.agent.patch(`/api/cohorts/${cohortId}`, { status: 'en_cours' })).statusCode).toBe(200);
    expect((await ann.agent.get(`/api/cohorts/${cohortId}/atterrissage`)).json()).toMatchObject({ can: { write: true, manage: false }, mine: null, retrospectives: null });
  });

  it('refuses empty or too long answers per field; only participants write; outsiders read nothing', async () => {
    const bad = await write(ann, { worked: '', change: 'x'.repeat(3001), lessons: '  ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual({
      worked: 'Répondez à « Ce qui a bien fonctionné ».',
      change: 'Votre réponse à « Ce que vous changeriez » tient en 3\u202f000 caractères.',
      lessons: 'Répondez à « Ce que vous retenez pour votre SPASER ».',
    });
    expect((await write(sponsor, retro)).json().error).toBe('RETROSPECTIVE_PARTICIPANTS_ONLY');
    expect((await write(outsider, retro)).statusCode).toBe(403);
    expect((await outsider.agent.get(`/api/cohorts/${cohortId}/atterrissage`)).statusCode).toBe(403);
    expect((await staff.agent.get(`/api/cohorts/${cohortId}/atterrissage`)).json().retrospectives).toEqual([]);
  });

  it('each participant sees their own; facilitators see everyone’s, by name', async () => {
    expect((await write(ann, retro)).statusCode).toBe(200);
    expect((await write(bob, { ...retro, worked: 'Le co-développement.' })).statusCode).toBe(200);
    expect((await write(ann, { ...retro, lessons: 'Associer les élus tôt.' })).statusCode).toBe(200);
    const mine = (await ann.agent.get(`/api/cohorts/${cohortId}/atterrissage`)).json();
    expect(mine.mine).toMatchObject({ ...retro, lessons: 'Associer les élus tôt.' });
    expect(mine.retrospectives).toBeNull();
    const all = (await staff.agent.get(`/api/cohorts/${cohortId}/atterrissage`)).json().retrospectives;
    expect(all.map((r: { name: string; worked: string; lessons: string }) => [r.name, r.worked, r.lessons])).toEqual([
      ['Ann Alpha', 'Les ateliers entre pairs.', 'Associer les élus tôt.'],
      ['Bob Bravo', 'Le co-développement.', 'Commencer par la gouvernance.'],
    ]);
  });
});

describe("the edition's lessons", () => {
  const summary = "## Ce que la promotion a appris\n\nCommencer par la **gouvernance**. <script>alert(1)</script>";
  const details = 'Ann et Bob proposent un atelier indicateurs de plus.';

  it('are a draft for members until published; visitors see nothing; publishing needs a summary', async () => {
    expect((await ann.agent.put(`/api/cohorts/${cohortId}/lessons`, { publicSummary: summary, privateDetails: details })).json().error).toBe('COHORT_MANAGE_FORBIDDEN');
    const empty = await staff.agent.post(`/api/cohorts/${cohortId}/lessons/publish`);
    expect(empty.json()).toMatchObject({ error: 'LESSONS_EMPTY', fields: { publicSummary: "Écrivez la synthèse publique avant de publier : c'est elle que tout le monde lira." } });
    expect((await staff.agent.put(`/api/cohorts/${cohortId}/lessons`, { publicSummary: summary, privateDetails: details })).statusCode).toBe(200);
    expect((await t.agent().get(`/api/cohorts/${cohortId}/lessons`)).json()).toMatchObject({ error: 'LESSONS_NOT_PUBLISHED' });
    expect((await outsider.agent.get(`/api/cohorts/${cohortId}/lessons`)).statusCode).toBe(404);
    const draft = (await ann.agent.get(`/api/cohorts/${cohortId}/lessons`)).json();
    expect(draft).toMatchObject({ published: false, retrospectives: 2, resourceId: null });
    expect(draft.detailsHtml).toContain('Ann et Bob proposent');
  });

  it('published: a public page (summary only, rendered safely) and a public library resource saying the same', async () => {
    const res = await staff.agent.post(`/api/cohorts/${cohortId}/lessons/publish`);
    expect(res.statusCode).toBe(200);
    const resourceId = res.json().resourceId;
    const page = (await t.agent().get(`/api/cohorts/${cohortId}/lessons`)).json();
    expect(page).toMatchObject({ published: true, resourceId, detailsHtml: null });
    expect(page.summaryHtml).toContain('<strong>gouvernance</strong>');
    expect(page.summaryHtml).not.toContain('<script>');
    const resource = (await t.agent().get(`/api/library/resources/${resourceId}`)).json();
    expect(resource).toMatchObject({ kind: 'summary_sheet', title: "Enseignements de l'édition 5 — Promo Atterrissage" });
    expect(resource.bodyHtml).toContain('<strong>gouvernance</strong>');
    expect((await bob.agent.get(`/api/cohorts/${cohortId}/lessons`)).json().detailsHtml).toContain('Ann et Bob proposent');
  });

  it('a later save updates the page and the resource; publishing again makes no second resource', async () => {
    const first = (await t.agent().get(`/api/cohorts/${cohortId}/lessons`)).json().resourceId;
    expect((await staff.agent.put(`/api/cohorts/${cohortId}/lessons`, { publicSummary: 'Associer les **élus** dès le début.', privateDetails: details })).statusCode).toBe(200);
    expect((await t.agent().get(`/api/library/resources/${first}`)).json().bodyHtml).toContain('<strong>élus</strong>');
    expect((await staff.agent.post(`/api/cohorts/${cohortId}/lessons/publish`)).json().resourceId).toBe(first);
    expect((await t.agent().get(`/api/cohorts/${cohortId}/lessons`)).json().summaryHtml).toContain('<strong>élus</strong>');
  });
});

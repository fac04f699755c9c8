import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers/context.js';
import { cohortApplications, cohortMembers } from '../cohorts.tables.js';

let t: TestContext;
type Who = Awaited<ReturnType<TestContext['loggedIn']>>;
let staff: Who;
let orgA: string;
let orgB: string;
let cohortId: string;
let spaceId: string;

const form = (organisationId: string) => ({
  organisationId,
  jobRole: 'Responsable de la commande publique',
  spaserStage: 'reflexion',
  expectations: 'Rédiger notre SPASER avec des pairs.',
  availability: 'Les jeudis après-midi.',
});
const nApplications = async () => (await t.db.select({ n: count() }).from(cohortApplications))[0]!.n;

beforeAll(async () => {
  t = await createTestContext();
  orgA = (await t.createOrganisation({ name: 'Ville de Tours' })).id;
  orgB = (await t.createOrganisation({ name: 'Département du Gard', kind: 'departement' })).id;
  staff = await t.loggedIn({ role: 'facilitator', firstName: 'Fanny', lastName: 'Animatrice' });
  const res = await staff.agent.post('/api/cohorts', { name: 'Édition test', edition: 1, startsOn: '2027-01-10', endsOn: '2027-04-10', capacity: 2 });
  cohortId = res.json().id;
  spaceId = (await staff.agent.get(`/api/cohorts/${cohortId}`)).json().members.spaceId;
});
afterAll(() => t?.close());

describe('applying', () => {
  it('refuses bad input per field in French, and writes nothing', async () => {
    const a = await t.loggedIn({ verifiedIn: [orgA] });
    const res = await a.agent.post(`/api/cohorts/${cohortId}/applications`, { organisationId: '', jobRole: '  ', spaserStage: 'fini', expectations: 'x'.repeat(3001) });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual({
      organisationId: 'Choisissez votre organisation.',
      jobRole: 'Indiquez votre fonction.',
      spaserStage: 'Choisissez où en est le SPASER de votre organisation.',
      expectations: 'Ce texte ne peut dépasser 3 000 caractères.',
      availability: 'Indiquez vos disponibilités.',
    });
    // An organisation the applicant is not a verified member of.
    const other = await a.agent.post(`/api/cohorts/${cohortId}/applications`, form(orgB));
    expect(other.statusCode).toBe(400);
    expect(other.json()).toMatchObject({ error: 'APPLICATION_ORGANISATION', fields: { organisationId: 'Choisissez une organisation dont vous êtes membre vérifié.' } });
    // A member whose membership is still pending cannot apply at all.
    const pending = await t.loggedIn({ pendingIn: [orgA] });
    expect((await pending.agent.post(`/api/cohorts/${cohortId}/applications`, form(orgA))).statusCode).toBe(403);
    expect((await t.agent().post(`/api/cohorts/${cohortId}/applications`, form(orgA))).statusCode).toBe(401);
    expect(await nApplications()).toBe(0);
  });

  it('records one application; a second one is refused and changes nothing', async () => {
    const a = await t.loggedIn({ verifiedIn: [orgA] });
    const first = await a.agent.post(`/api/cohorts/${cohortId}/applications`, form(orgA));
    expect(first.statusCode).toBe(201);
    const again = await a.agent.post(`/api/cohorts/${cohortId}/applications`, { ...form(orgA), jobRole: 'Autre fonction' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('Vous avez déjà candidaté à cette promotion : votre candidature est en cours d’examen ou a reçu une réponse.');
    const rows = await t.db.select().from(cohortApplications).where(eq(cohortApplications.id, first.json().id));
    expect(rows.map((r) => [r.jobRole, r.status])).toEqual([['Responsable de la commande publique', 'pending']]);
    expect((await a.agent.get(`/api/cohorts/${cohortId}`)).json().myApplication).toMatchObject({ status: 'pending' });
  });
});

describe('reviewing', () => {
  it('only managers list and decide; the applicant learns the decision by e-mail and joins the private space', async () => {
    const applicant = await t.loggedIn({ verifiedIn: [orgA], firstName: 'Awa', lastName: 'Candidate' });
    const appId = (await applicant.agent.post(`/api/cohorts/${cohortId}/applications`, form(orgA))).json().id;
    const outsider = await t.loggedIn({ verifiedIn: [orgB] });
    expect((await outsider.agent.get(`/api/cohorts/${cohortId}/applications`)).statusCode).toBe(403);
    const sneaky = await outsider.agent.post(`/api/cohorts/applications/${appId}/decision`, { decision: 'accepted', message: 'Bienvenue' });
    expect(sneaky.statusCode).toBe(404);

    const list = (await staff.agent.get(`/api/cohorts/${cohortId}/applications`)).json();
    expect(list.counts).toEqual({ pending: 2, accepted: 0, refused: 0, waitlisted: 0 });
    const item = list.items.find((i: { id: string }) => i.id === appId);
    expect(item).toMatchObject({ applicant: { firstName: 'Awa', lastName: 'Candidate' }, organisation: { name: 'Ville de Tours' }, spaserStage: 'reflexion', status: 'pending' });

    const bad = await staff.agent.post(`/api/cohorts/applications/${appId}/decision`, { decision: 'peut-être', message: '' });
    expect(bad.json().fields).toEqual({ decision: 'Choisissez une décision : accepter, refuser ou mettre en liste d’attente.', message: 'Indiquez le message envoyé au candidat.' });

    expect((await applicant.agent.get(`/api/help/spaces/${spaceId}`)).statusCode).toBe(404);
    expect((await staff.agent.post(`/api/cohorts/applications/${appId}/decision`, { decision: 'waitlisted', message: 'Nous revenons vers vous.' })).statusCode).toBe(200);
    expect((await staff.agent.post(`/api/cohorts/applications/${appId}/decision`, { decision: 'waitlisted', message: 'Encore' })).json().error).toBe('APPLICATION_DECIDED');
    expect((await staff.agent.post(`/api/cohorts/applications/${appId}/decision`, { decision: 'accepted', message: 'Une place s’est libérée, bienvenue !' })).statusCode).toBe(200);
    expect((await staff.agent.post(`/api/cohorts/applications/${appId}/decision`, { decision: 'refused', message: 'Non' })).json().error).toBe('APPLICATION_DECIDED');
    await t.drainJobs();

    const mails = t.smtp.to(applicant.user.email);
    expect(mails.map((m) => m.subject).sort()).toEqual(['Votre candidature est acceptée — Édition test', "Votre candidature est sur liste d'attente — Édition test"]);
    const accepted = mails.find((m) => m.subject.startsWith('Votre candidature est acceptée'))!;
    expect(accepted.text).toContain('Une place s’est libérée, bienvenue !');
    expect(accepted.text).toContain(`http://entraide.test/promotions/${cohortId}`);

    const page = (await applicant.agent.get(`/api/cohorts/${cohortId}`)).json();
    expect(page).toMatchObject({ myRole: 'participant', acceptedCount: 1, myApplication: { status: 'accepted' } });
    expect(page.members.list.find((m: { lastName: string }) => m.lastName === 'Candidate')).toMatchObject({ role: 'participant', organisationName: 'Ville de Tours' });
    expect((await applicant.agent.get(`/api/help/spaces/${spaceId}`)).statusCode).toBe(200);
  });

  it('refuses with a message; a full cohort refuses acceptances and new applications, a closed one new applications', async () => {
    const list = (await staff.agent.get(`/api/cohorts/${cohortId}/applications`)).json();
    const first = list.items.find((i: { status: string }) => i.status === 'pending');
    expect((await staff.agent.post(`/api/cohorts/applications/${first.id}/decision`, { decision: 'refused', message: 'Profil déjà représenté.' })).statusCode).toBe(200);
    await t.drainJobs();
    expect(t.smtp.to(first.applicant.email).map((m) => m.subject)).toEqual(['Votre candidature — Édition test']);

    // Fill the last place, then one more applicant is refused by the capacity.
    const b = await t.loggedIn({ verifiedIn: [orgB] });
    const bId = (await b.agent.post(`/api/cohorts/${cohortId}/applications`, form(orgB))).json().id;
    const c = await t.loggedIn({ verifiedIn: [orgB] });
    const cId = (await c.agent.post(`/api/cohorts/${cohortId}/applications`, form(orgB))).json().id;
    expect((await staff.agent.post(`/api/cohorts/applications/${bId}/decision`, { decision: 'accepted', message: 'Bienvenue' })).statusCode).toBe(200);
    const over = await staff.agent.post(`/api/cohorts/applications/${cId}/decision`, { decision: 'accepted', message: 'Bienvenue' });
    expect(over.json()).toMatchObject({ error: 'COHORT_FULL', message: 'Cette promotion est complète : toutes les places sont attribuées.' });
    expect((await t.db.select().from(cohortApplications).where(eq(cohortApplications.id, cId)))[0]!.status).toBe('pending');
    expect((await t.db.select({ n: count() }).from(cohortMembers).where(eq(cohortMembers.cohortId, cohortId)))[0]!.n).toBe(2);

    const before = await nApplications();
    const d = await t.loggedIn({ verifiedIn: [orgA] });
    expect((await d.agent.post(`/api/cohorts/${cohortId}/applications`, form(orgA))).json().error).toBe('COHORT_FULL');
    await staff.agent.patch(`/api/cohorts/${cohortId}`, { capacity: 30, status: 'en_cours' });
    const closed = await d.agent.post(`/api/cohorts/${cohortId}/applications`, form(orgA));
    expect(closed.json()).toMatchObject({ error: 'COHORT_CLOSED', message: 'Les candidatures à cette promotion sont closes.' });
    expect(await nApplications()).toBe(before);
  });
});

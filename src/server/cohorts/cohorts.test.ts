import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { cohortRole, isCohortMember, listCohortMembers } from './cohorts.service.js';

let t: TestContext;
type A = Awaited<ReturnType<TestContext['loggedIn']>>['agent'];
let facilitator: A;
let cohortFacilitator: Awaited<ReturnType<TestContext['loggedIn']>>;
let sponsor: Awaited<ReturnType<TestContext['loggedIn']>>;
let buyer: Awaited<ReturnType<TestContext['loggedIn']>>;
let orgId: string;

const base = { name: 'Mission SPASER', edition: 3, startsOn: '2027-01-15', endsOn: '2027-04-15', capacity: 2, description: 'Trois mois pour adopter son SPASER.' };

beforeAll(async () => {
  t = await createTestContext();
  const org = await t.createOrganisation({ name: 'Nantes Métropole', kind: 'epci' });
  orgId = org.id;
  facilitator = (await t.loggedIn({ role: 'facilitator' })).agent;
  cohortFacilitator = await t.loggedIn({ verifiedIn: [org.id], firstName: 'Fanny', lastName: 'Animatrice' });
  sponsor = await t.loggedIn({ verifiedIn: [org.id], firstName: 'Paul', lastName: 'Parrain' });
  buyer = await t.loggedIn({ verifiedIn: [org.id], firstName: 'Bea', lastName: 'Acheteuse' });
});
afterAll(() => t?.close());

describe('cohorts core', () => {
  let id: string;

  it('refuses bad input with French messages per field and creates nothing', async () => {
    const res = await facilitator.post('/api/cohorts', { ...base, name: '', startsOn: '2027-02-30', capacity: 0 });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toMatchObject({
      name: 'Saisissez le nom de la promotion.',
      startsOn: "La date de début n'existe pas.",
      capacity: 'La capacité est d’au moins 1 participant.',
    });
    const backwards = await facilitator.post('/api/cohorts', { ...base, endsOn: '2027-01-01' });
    expect(backwards.json()).toMatchObject({ error: 'COHORT_DATES', fields: { endsOn: 'La date de fin doit suivre la date de début.' } });
    expect((await buyer.agent.post('/api/cohorts', base)).statusCode).toBe(403);
    expect((await t.agent().get('/api/cohorts')).json().items).toEqual([]);
  });

  it('creates a cohort with its private space; sponsors and facilitators join both', async () => {
    const res = await facilitator.post('/api/cohorts', { ...base, sponsorIds: [sponsor.user.id], facilitatorIds: [cohortFacilitator.user.id] });
    expect(res.statusCode).toBe(201);
    id = res.json().id;
    expect(await cohortRole(t.db, id, sponsor.user.id)).toBe('sponsor');
    expect(await cohortRole(t.db, id, cohortFacilitator.user.id)).toBe('facilitator');
    expect(await cohortRole(t.db, id, buyer.user.id)).toBeNull();
    expect(await isCohortMember(t.db, id, buyer.user.id)).toBe(false);
    expect(await isCohortMember(t.db, id, sponsor.user.id)).toBe(true);
    const members = await listCohortMembers(t.db, id);
    expect(members.map((m) => [m.lastName, m.role])).toEqual([['Animatrice', 'facilitator'], ['Parrain', 'sponsor']]);

    const page = (await sponsor.agent.get(`/api/cohorts/${id}`)).json();
    expect(page).toMatchObject({ name: 'Mission SPASER', edition: 3, status: 'candidatures_ouvertes', acceptedCount: 0, myRole: 'sponsor', can: { apply: false, manage: false, seeMembersPart: true } });
    const spaceId = page.members.spaceId;
    const space = (await sponsor.agent.get(`/api/help/spaces/${spaceId}`)).json();
    expect(space).toMatchObject({ kind: 'private', name: 'Promotion Mission SPASER' });
    expect(space.members.map((m: { lastName: string }) => m.lastName)).toEqual(['Animatrice', 'Parrain']);
    // Outsiders: the public part only, and no private space.
    const outside = (await buyer.agent.get(`/api/cohorts/${id}`)).json();
    expect(outside).toMatchObject({ myRole: null, members: null, can: { apply: true, manage: false, seeMembersPart: false } });
    expect(outside.sponsors.map((s: { lastName: string }) => s.lastName)).toEqual(['Parrain']);
    expect((await buyer.agent.get(`/api/help/spaces/${spaceId}`)).statusCode).toBe(404);
    const anonymous = (await t.agent().get(`/api/cohorts/${id}`)).json();
    expect(anonymous).toMatchObject({ members: null, sponsors: [], facilitators: [] });
  });

  it('lets the cohort facilitator manage members; capacity counts participants', async () => {
    const fac = cohortFacilitator.agent;
    expect((await sponsor.agent.put(`/api/cohorts/${id}/members/${buyer.user.id}`, { role: 'participant' })).json().error).toBe('COHORT_MANAGE_FORBIDDEN');
    expect((await fac.put(`/api/cohorts/${id}/members/${buyer.user.id}`, { role: 'participant', organisationId: orgId })).statusCode).toBe(200);
    expect(await cohortRole(t.db, id, buyer.user.id)).toBe('participant');
    const spaceId = (await buyer.agent.get(`/api/cohorts/${id}`)).json().members.spaceId;
    expect((await buyer.agent.get(`/api/help/spaces/${spaceId}`)).statusCode).toBe(200);
    const other = await t.createMember({ verifiedIn: [orgId] });
    expect((await fac.put(`/api/cohorts/${id}/members/${other.id}`, { role: 'participant' })).statusCode).toBe(200);
    const third = await t.createMember({ verifiedIn: [orgId] });
    const full = await fac.put(`/api/cohorts/${id}/members/${third.id}`, { role: 'participant' });
    expect(full.json()).toMatchObject({ error: 'COHORT_FULL', message: 'Cette promotion est complète : toutes les places sont attribuées.' });
    expect(await isCohortMember(t.db, id, third.id)).toBe(false);
    expect((await fac.patch(`/api/cohorts/${id}`, { capacity: 1 })).json().error).toBe('COHORT_CAPACITY_BELOW_ACCEPTED');

    // Removal: out of the cohort and of its space.
    expect((await fac.delete(`/api/cohorts/${id}/members/${buyer.user.id}`)).statusCode).toBe(200);
    expect(await isCohortMember(t.db, id, buyer.user.id)).toBe(false);
    expect((await buyer.agent.get(`/api/help/spaces/${spaceId}`)).statusCode).toBe(404);
    expect((await fac.delete(`/api/cohorts/${id}/members/${buyer.user.id}`)).json().error).toBe('COHORT_NOT_A_MEMBER');
  });

  it('changes status; the list orders open, running, finished', async () => {
    const second = (await facilitator.post('/api/cohorts', { ...base, name: 'Promo ouverte', edition: 4 })).json().id;
    expect((await facilitator.patch(`/api/cohorts/${id}`, { status: 'en_cours' })).statusCode).toBe(200);
    const list = (await t.agent().get('/api/cohorts')).json().items;
    expect(list.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([[second, 'candidatures_ouvertes'], [id, 'en_cours']]);
    expect((await t.agent().get('/api/cohorts/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('editing a cohort', () => {
  let id: string;
  let spaceId: string;
  let staffUser: Awaited<ReturnType<TestContext['loggedIn']>>;
  let newSponsor: Awaited<ReturnType<TestContext['loggedIn']>>;
  const detail = async () => (await staffUser.agent.get(`/api/cohorts/${id}`)).json();
  /** What an edit may change, to compare before and after a refusal. */
  const snapshot = async () => {
    const d = await detail();
    return {
      fields: [d.name, d.edition, d.startsOn, d.endsOn, d.capacity, d.description, d.status],
      members: d.members.list.map((m: { lastName: string; role: string }) => `${m.lastName}:${m.role}`),
    };
  };

  beforeAll(async () => {
    staffUser = await t.loggedIn({ role: 'facilitator', lastName: 'Staff' });
    newSponsor = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Marie', lastName: 'Marraine' });
    id = (
      await staffUser.agent.post('/api/cohorts', {
        ...base,
        name: 'Promo à modifier',
        description: 'Un **programme** de trois mois.',
        sponsorIds: [sponsor.user.id],
        facilitatorIds: [cohortFacilitator.user.id],
      })
    ).json().id;
    spaceId = (await detail()).members.spaceId;
  });

  it('tells who may create and where a cohort may go next; renders the description as Markdown', async () => {
    expect((await staffUser.agent.get('/api/cohorts')).json().can).toEqual({ create: true });
    expect((await cohortFacilitator.agent.get('/api/cohorts')).json().can).toEqual({ create: false });
    expect((await t.agent().get('/api/cohorts')).json().can).toEqual({ create: false });
    const d = await detail();
    expect(d.descriptionHtml).toBe('<p>Un <strong>programme</strong> de trois mois.</p>\n');
    expect(d.nextStatuses).toEqual(['en_cours']);
    expect((await cohortFacilitator.agent.get(`/api/cohorts/${id}`)).json().nextStatuses).toEqual(['en_cours']);
    expect((await sponsor.agent.get(`/api/cohorts/${id}`)).json().nextStatuses).toEqual([]);
  });

  it('answers each access outcome: 401, 403 for members and outsiders, 404 for an unknown cohort', async () => {
    const before = await snapshot();
    expect((await t.agent().patch(`/api/cohorts/${id}`, { name: 'Anonyme' })).statusCode).toBe(401);
    for (const who of [buyer, sponsor]) {
      const res = await who.agent.patch(`/api/cohorts/${id}`, { name: 'Pas à moi' });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: 'COHORT_MANAGE_FORBIDDEN', message: "Seule l'équipe d'animation de la promotion peut faire cela." });
    }
    expect((await staffUser.agent.patch('/api/cohorts/00000000-0000-4000-8000-000000000000', { name: 'X' })).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses bad input per field in French and changes nothing', async () => {
    const before = await snapshot();
    const bad = await staffUser.agent.patch(`/api/cohorts/${id}`, { name: ' ', edition: 0, startsOn: '2027-13-01', capacity: 501, status: 'annulee', description: 'x'.repeat(5001) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual({
      name: 'Saisissez le nom de la promotion.',
      edition: "Le numéro d'édition commence à 1.",
      startsOn: "La date de début n'existe pas.",
      capacity: 'La capacité ne peut dépasser 500 participants.',
      status: 'Choisissez un statut de la liste.',
      description: 'La description ne peut dépasser 5 000 caractères.',
    });
    const dates = await staffUser.agent.patch(`/api/cohorts/${id}`, { name: 'Renommée', endsOn: '2027-01-01' });
    expect(dates.statusCode).toBe(400);
    expect(dates.json()).toMatchObject({ error: 'COHORT_DATES', fields: { endsOn: 'La date de fin doit suivre la date de début.' } });
    const jump = await staffUser.agent.patch(`/api/cohorts/${id}`, { status: 'terminee', capacity: 40 });
    expect(jump.statusCode).toBe(409);
    expect(jump.json()).toMatchObject({ error: 'COHORT_STATUS_TRANSITION', fields: { status: 'Depuis « Candidatures ouvertes », la promotion peut passer à « En cours » seulement.' } });
    const ghost = await staffUser.agent.patch(`/api/cohorts/${id}`, { sponsorIds: ['00000000-0000-4000-8000-000000000001'] });
    expect(ghost.json()).toMatchObject({ error: 'COHORT_MEMBER_ACCOUNT', fields: { sponsorIds: "Un des comptes choisis n'existe pas ou est désactivé." } });
    // A cohort facilitator (not staff) cannot drop themselves from the team.
    const self = await cohortFacilitator.agent.patch(`/api/cohorts/${id}`, { name: 'Sans moi', facilitatorIds: [] });
    expect(self.json()).toMatchObject({ error: 'COHORT_SELF_REMOVAL', fields: { facilitatorIds: "Vous ne pouvez pas vous retirer vous-même de l'animation : demandez-le à l'équipe du programme." } });
    expect(await snapshot()).toEqual(before);
  });

  it('lets the cohort facilitator edit fields and replace the sponsors: the old one leaves the space, the new one joins', async () => {
    const res = await cohortFacilitator.agent.patch(`/api/cohorts/${id}`, {
      name: 'Promo modifiée',
      edition: 5,
      startsOn: '2027-02-01',
      endsOn: '2027-05-31',
      capacity: 25,
      description: 'Nouvelle description.',
      sponsorIds: [newSponsor.user.id],
      facilitatorIds: [cohortFacilitator.user.id],
    });
    expect(res.statusCode).toBe(200);
    expect(await snapshot()).toEqual({
      fields: ['Promo modifiée', 5, '2027-02-01', '2027-05-31', 25, 'Nouvelle description.', 'candidatures_ouvertes'],
      members: ['Animatrice:facilitator', 'Marraine:sponsor'],
    });
    expect((await newSponsor.agent.get(`/api/help/spaces/${spaceId}`)).statusCode).toBe(200);
    expect((await sponsor.agent.get(`/api/help/spaces/${spaceId}`)).statusCode).toBe(404);
    expect(await cohortRole(t.db, id, sponsor.user.id)).toBeNull();
  });

  it('moves the status along the legal path only; a finished cohort stays finished', async () => {
    const patch = (status: string) => staffUser.agent.patch(`/api/cohorts/${id}`, { status });
    expect((await patch('en_cours')).statusCode).toBe(200);
    // Only the status moved: the description and the team are kept.
    expect(await snapshot()).toEqual({
      fields: ['Promo modifiée', 5, '2027-02-01', '2027-05-31', 25, 'Nouvelle description.', 'en_cours'],
      members: ['Animatrice:facilitator', 'Marraine:sponsor'],
    });
    expect((await detail()).nextStatuses).toEqual(['terminee', 'candidatures_ouvertes']);
    expect((await patch('candidatures_ouvertes')).statusCode).toBe(200);
    expect((await patch('en_cours')).statusCode).toBe(200);
    expect((await patch('terminee')).statusCode).toBe(200);
    const back = await patch('en_cours');
    expect(back.statusCode).toBe(409);
    expect(back.json().fields).toEqual({ status: 'Une promotion « Terminée » ne change plus de statut.' });
    expect((await detail()).status).toBe('terminee');
    expect((await detail()).nextStatuses).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { cohortMembers, cohorts } from '../cohorts/cohorts.tables.js';
import { COMMUNITY_SPACE_ID } from '../helpspace/helpspace.tables.js';

// Issue 20, item 3: a member's profile, for verified members, only for members who chose to be visible.
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

type Agent = Awaited<ReturnType<TestContext['loggedIn']>>['agent'];

async function usefulAnswer(asker: Agent, helper: Agent, theme: string, title: string) {
  const q = await asker.post('/api/help/questions', { spaceId: COMMUNITY_SPACE_ID, title, body: 'Quelles pratiques recommandez-vous ?', theme, tags: [] });
  expect(q.statusCode, q.body).toBe(201);
  const a = await helper.post(`/api/help/questions/${q.json().id}/answers`, { body: 'Voici ce que nous avons fait chez nous.' });
  expect(a.statusCode, a.body).toBe(201);
  expect((await asker.put(`/api/help/answers/${a.json().id}/useful`)).statusCode).toBe(200);
}

describe('member profile', () => {
  it('shows organisation, SPASER status, themes, useful answers per theme and cohorts, never an e-mail', async () => {
    const org = await t.createOrganisation({ name: 'Commune de Profilville', kind: 'commune', regionCode: '53' });
    const peer = await t.loggedIn({
      verifiedIn: [org.id],
      firstName: 'Gaëlle',
      lastName: 'Profil-Visible',
      jobTitle: 'Responsable achats durables',
      regionCode: '53',
      themes: ['indicateurs', 'clauses_sociales'],
      availableToHelp: true,
      email: 'gaelle.profil@profilville.test',
    });
    const asker = await t.loggedIn({ verifiedIn: [org.id] });
    // Four useful answers: two on questions about indicators, one about social clauses, one of theme « autre »; and an answer not marked useful, which does not count.
    await usefulAnswer(asker.agent, peer.agent, 'indicateurs', 'Quels indicateurs suivre pour un SPASER ?');
    await usefulAnswer(asker.agent, peer.agent, 'indicateurs', 'Comment mesurer la part de marchés responsables ?');
    await usefulAnswer(asker.agent, peer.agent, 'clauses_sociales', 'Une clause d’insertion dans un marché de voirie ?');
    await usefulAnswer(asker.agent, peer.agent, 'autre', 'Par où commencer notre schéma ?');
    const q = await asker.agent.post('/api/help/questions', { spaceId: COMMUNITY_SPACE_ID, title: 'Une question restée sans réponse utile', body: 'Merci.', theme: 'indicateurs', tags: [] });
    expect((await peer.agent.post(`/api/help/questions/${q.json().id}/answers`, { body: 'Une piste.' })).statusCode).toBe(201);

    expect((await peer.agent.post(`/api/organisations/${org.id}/spaser-declaration`, { url: 'https://profilville.example/spaser.pdf', adoptedOn: '2024-06-20' })).statusCode).toBe(200);

    const now = new Date();
    const [cohort] = await t.db
      .insert(cohorts)
      .values({ name: 'Mission SPASER Profil', edition: 3, startsOn: '2025-01-15', endsOn: '2025-04-15', capacity: 30, createdAt: now, updatedAt: now })
      .returning();
    await t.db.insert(cohortMembers).values({ cohortId: cohort!.id, userId: peer.user.id, role: 'sponsor', organisationId: org.id, calendarToken: 'profil-test-token', createdAt: now });

    const viewer = await t.loggedIn({ verifiedIn: [(await t.createOrganisation({ name: 'Autre acheteur' })).id] });
    const res = await viewer.agent.get(`/api/members/${peer.user.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      id: peer.user.id,
      firstName: 'Gaëlle',
      lastName: 'Profil-Visible',
      jobTitle: 'Responsable achats durables',
      regionCode: '53',
      themes: ['indicateurs', 'clauses_sociales'],
      availableToHelp: true,
      self: false,
      visible: true,
      organisations: [{ id: org.id, name: 'Commune de Profilville', spaserStatus: 'adopted', spaserAdoptedOn: '2024-06-20' }],
      usefulAnswers: {
        total: 4,
        byTheme: [
          { theme: 'indicateurs', count: 2 },
          { theme: 'autre', count: 1 },
          { theme: 'clauses_sociales', count: 1 },
        ],
      },
      cohorts: [{ id: cohort!.id, name: 'Mission SPASER Profil', edition: 3, role: 'sponsor', startsOn: '2025-01-15' }],
    });
    expect(res.body).not.toContain('@');
    // The directory's total and the profile's agree: one definition of a useful answer.
    const listed = (await viewer.agent.get('/api/members?q=profil-visible')).json();
    expect(listed.items[0].usefulAnswersCount).toBe(4);
  });

  it('refuses visitors, unverified members, and hides hidden, unverified and disabled members alike', async () => {
    const org = await t.createOrganisation({ name: 'Département Discret' });
    const hidden = await t.createMember({ verifiedIn: [org.id], lastName: 'Profil-Masque', directoryVisibility: 'hidden' });
    const pending = await t.createMember({ pendingIn: [org.id], lastName: 'Profil-Attente' });
    const visible = await t.createMember({ verifiedIn: [org.id], lastName: 'Profil-Ouvert' });
    const viewer = await t.loggedIn({ verifiedIn: [org.id] });

    expect((await t.agent().get(`/api/members/${visible.id}`)).statusCode).toBe(401);
    const unverified = await t.loggedIn({ pendingIn: [org.id] });
    expect((await unverified.agent.get(`/api/members/${visible.id}`)).json().error).toBe('NOT_VERIFIED_MEMBER');
    expect((await viewer.agent.get(`/api/members/${visible.id}`)).statusCode).toBe(200);

    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const id of [hidden.id, pending.id, unknown]) {
      const res = await viewer.agent.get(`/api/members/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({
        error: 'MEMBER_PROFILE_UNAVAILABLE',
        message: "Ce profil n'est pas consultable : il n'existe pas, ou son titulaire ne l'affiche pas dans l'annuaire des membres.",
      });
    }
    expect((await viewer.agent.get('/api/members/pas-un-identifiant')).statusCode).toBe(400);

    // A disabled account disappears from profiles as from the directory.
    const admin = await t.loggedIn({ role: 'admin' });
    expect((await admin.agent.patch(`/api/admin/users/${visible.id}`, { disabled: true })).statusCode).toBe(200);
    expect((await viewer.agent.get(`/api/members/${visible.id}`)).statusCode).toBe(404);
  });

  it('a member sees their own profile even when hidden from the directory, and is told so', async () => {
    const org = await t.createOrganisation({ name: 'Région Réservée' });
    const me = await t.loggedIn({ verifiedIn: [org.id], lastName: 'Profil-Moi', directoryVisibility: 'hidden' });
    const res = await me.agent.get(`/api/members/${me.user.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ self: true, visible: false, lastName: 'Profil-Moi', usefulAnswers: { total: 0, byTheme: [] }, cohorts: [] });
  });
});

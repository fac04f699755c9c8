import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { multipart } from '../../../tests/helpers/documents.js';
import { eq } from 'drizzle-orm';
import { users } from '../accounts/accounts.tables.js';
import { COMMUNITY_SPACE_ID } from '../helpspace/helpspace.tables.js';
import { unsubscribeToken } from './notifications.service.js';

/**
 * Issue 16: every category of news follows the member's rhythm for that category, on the real SMTP
 * receiver; transactional e-mails go whatever the rhythm; bad input changes nothing.
 */

let t: TestContext;
let orgId: string;
beforeAll(async () => {
  t = await createTestContext();
  // Wednesday 2 December 2026, 10:00 in Paris (UTC+1).
  t.clock.set(new Date('2026-12-02T09:00:00Z'));
  orgId = (await t.createOrganisation({ name: 'Ville de Nantes', kind: 'commune' })).id;
});
afterAll(() => t?.close());
// Each test starts on Wednesday 2 December 2026 at 10:00 in Paris; the dates below are worked out from it.
beforeEach(() => t.clock.set(new Date('2026-12-02T09:00:00Z')));

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const categories = ['entraide', 'agenda', 'bibliotheque', 'promotions', 'codeveloppement', 'spaser', 'spaser_review', 'mises_en_relation'] as const;
type Category = (typeof categories)[number];
const frequencies = ['immediately', 'daily', 'weekly', 'never'] as const;
type Member = Awaited<ReturnType<TestContext['loggedIn']>>;

const labels: Record<Category, string> = {
  entraide: 'Espace d’entraide',
  agenda: 'Agenda',
  bibliotheque: 'Bibliothèque',
  promotions: 'Promotions',
  codeveloppement: 'Codéveloppement',
  spaser: 'SPASER',
  spaser_review: 'Relecture des SPASER',
  mises_en_relation: 'Mises en relation',
};

/** A member who wants `frequency` for `category` and nothing from the other categories. */
async function recipientFor(category: Category, frequency: (typeof frequencies)[number], n: number) {
  const m = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Rose', lastName: `Destinataire${n}` });
  const res = await m.agent.put('/api/notifications/preferences', { emailFrequency: 'never', categories: { [category]: frequency } });
  expect(res.statusCode, res.body).toBe(200);
  return m;
}

let seq = 0;
/**
 * The people around the recipient — the facilitator who publishes, the member who answers, the
 * co-development peers — are built once per file, at first use: no case checks what they receive.
 * Built per case they were most of the file's time: each of them, with the default daily rhythm
 * everywhere, joined the audience of every later broadcast and got a digest at every clock move.
 * The recipient of each case stays its own, so every case checks only its own e-mails.
 */
let cast: Promise<{ staff: Member; answerer: Member; peers: { p: Member; org: string }[] }> | null = null;
const castOf = () =>
  (cast ??= (async () => {
    // The clock is back at the same Wednesday morning before every case, so these sessions stay valid.
    const staff = await t.loggedIn({ role: 'facilitator', firstName: 'Fanny', lastName: 'Animatrice' });
    const answerer = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Paul', lastName: 'Répondant' });
    // A co-development group counts 5 to 8 participants, each from another organisation.
    const peers: { p: Member; org: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const org = (await t.createOrganisation({ name: `Organisation paire ${i}` })).id;
      peers.push({ p: await t.loggedIn({ verifiedIn: [org], firstName: 'Claire', lastName: `Pair${i}` }), org });
    }
    return { staff, answerer, peers };
  })());
let staff: Member;
/** One piece of news of the category reaching `m`; returns the sentence the member should read. */
async function news(category: Category, m: Member): Promise<{ sentence: string; path: string }> {
  seq += 1;
  const { staff: facilitator, answerer, peers } = await castOf();
  staff = facilitator;
  switch (category) {
    case 'entraide': {
      const title = `Question suivie numéro ${seq}`;
      const q = await m.agent.post('/api/help/questions', { spaceId: COMMUNITY_SPACE_ID, title, body: 'Détails.', theme: 'autre', tags: [] });
      expect(q.statusCode, q.body).toBe(201);
      t.clock.advance(MINUTE);
      expect((await answerer.agent.post(`/api/help/questions/${q.json().id}/answers`, { body: 'Voici mon expérience.' })).statusCode).toBe(201);
      await t.drainJobs();
      return { sentence: `Paul Répondant a répondu à la question « ${title} ».`, path: `/entraide/questions/${q.json().id}` };
    }
    case 'agenda': {
      const title = `Webinaire numéro ${seq}`;
      // Thursday 17 December 2026, 10:00 in Paris.
      const res = await staff.agent.post('/api/events', {
        kind: 'webinar', title, description: 'Présentation.', speakers: [], startsAt: '2026-12-17T10:00', endsAt: '2026-12-17T11:00',
        onlineUrl: 'https://visio.example.fr/w', place: '', capacity: 100, visibility: 'public',
      });
      expect(res.statusCode, res.body).toBe(201);
      await t.drainJobs();
      return { sentence: `Nouveau webinaire : « ${title} », le jeudi 17 décembre à 10:00 (heure de Paris).`, path: `/agenda/${res.json().id}` };
    }
    case 'bibliotheque': {
      const title = `Guide numéro ${seq}`;
      const body = multipart({ kind: 'guide', title, summary: 'Pour commencer.', themes: ['economie_circulaire'], segments: [] });
      const res = await staff.agent.request('POST', '/api/library/resources', body.payload, { headers: body.headers });
      expect(res.statusCode, res.body).toBe(201);
      await t.drainJobs();
      return { sentence: `Nouvelle ressource dans la bibliothèque : « ${title} ».`, path: `/bibliotheque/ressources/${res.json().id}` };
    }
    case 'promotions': {
      const name = `Promotion numéro ${seq}`;
      const res = await staff.agent.post('/api/cohorts', { name, edition: seq, startsOn: '2027-01-04', endsOn: '2027-04-02', capacity: 30 });
      expect(res.statusCode, res.body).toBe(201);
      await t.drainJobs();
      return { sentence: `Nouvelle promotion « ${name} » : les candidatures sont ouvertes.`, path: `/promotions/${res.json().id}` };
    }
    case 'codeveloppement': {
      const cohort = await staff.agent.post('/api/cohorts', { name: `Promotion du groupe ${seq}`, edition: seq, startsOn: '2027-01-04', endsOn: '2027-04-02', capacity: 30 });
      expect(cohort.statusCode, cohort.body).toBe(201);
      const cohortId = cohort.json().id as string;
      const peer = peers[0]!.p;
      for (const { p, org } of [{ p: m, org: orgId }, ...peers]) expect((await staff.agent.put(`/api/cohorts/${cohortId}/members/${p.user.id}`, { role: 'participant', organisationId: org })).statusCode).toBe(200);
      const groups = await staff.agent.put(`/api/codev/cohorts/${cohortId}/groups`, { groups: [{ name: 'Groupe Loire', memberIds: [m.user.id, ...peers.map((x) => x.p.user.id)] }] });
      expect(groups.statusCode, groups.body).toBe(200);
      const groupId = ((await staff.agent.get(`/api/codev/cohorts/${cohortId}`)).json().groups as { id: string }[])[0]!.id;
      // Applications and memberships above are not news: only the session is.
      await t.drainJobs();
      const title = `Séance numéro ${seq}`;
      const s = await staff.agent.post(`/api/codev/groups/${groupId}/sessions`, {
        title, caseOwnerId: peer.user.id, startsAt: '2027-01-14T14:00', endsAt: '2027-01-14T15:30', place: 'Salle 2', reviewRequired: false,
      });
      expect(s.statusCode, s.body).toBe(201);
      await t.drainJobs();
      return { sentence: `Nouvelle séance de codéveloppement dans le groupe « Groupe Loire » : « ${title} », le jeudi 14 janvier à 14:00 (heure de Paris).`, path: `/codeveloppement/seances/${s.json().id}` };
    }
    case 'spaser': {
      // Another buyer invites the member's organisation into its joint schéma.
      const lead = (await t.createOrganisation({ name: `Intercommunalité ${seq}`, kind: 'epci' })).id;
      const editor = await t.loggedIn({ verifiedIn: [lead], firstName: 'Léo', lastName: 'Porteur' });
      const title = `Schéma commun numéro ${seq}`;
      const s = await editor.agent.post('/api/spasers', { organisationId: lead, title, periodStart: 2027, periodEnd: 2029 });
      expect(s.statusCode, s.body).toBe(201);
      expect((await editor.agent.post(`/api/spasers/${s.json().id}/buyers`, { organisationId: orgId })).statusCode).toBe(201);
      await t.drainJobs();
      return { sentence: `Léo Porteur (Intercommunalité ${seq}) invite Ville de Nantes à rejoindre le schéma commun « ${title} ».`, path: `/spaser/${s.json().id}` };
    }
    case 'spaser_review': {
      // An editor of the member's organisation invites the member to review its schéma (issue 19, item 3).
      const editor = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Léa', lastName: 'Rédactrice' });
      const title = `Schéma à relire numéro ${seq}`;
      const s = await editor.agent.post('/api/spasers', { organisationId: orgId, title, periodStart: 2027, periodEnd: 2029 });
      expect(s.statusCode, s.body).toBe(201);
      expect((await editor.agent.post(`/api/spasers/${s.json().id}/reviewers`, { userId: m.user.id })).statusCode).toBe(201);
      await t.drainJobs();
      return { sentence: `Léa Rédactrice vous invite à relire et commenter le SPASER « ${title} » (Ville de Nantes).`, path: `/spaser/${s.json().id}` };
    }
    case 'mises_en_relation': {
      // Another buyer asks the member, who chose « disponible pour aider », for a contact (issue 20, item 5).
      await t.db.update(users).set({ availableToHelp: true }).where(eq(users.id, m.user.id));
      const asker = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Hugo', lastName: 'Demandeur' });
      const r = await asker.agent.post('/api/introductions', { recipientId: m.user.id, message: `Bonjour, pourriez-vous me parler de votre SPASER ? (demande ${seq})` });
      expect(r.statusCode, r.body).toBe(201);
      await t.drainJobs();
      return { sentence: 'Hugo Demandeur vous demande une mise en relation.', path: `/mises-en-relation/${r.json().id}` };
    }
  }
}

/** Transactional e-mails of the test (registration confirmations, reminders…) are not news: keep notification e-mails only. */
const newsMails = (email: string) => t.smtp.to(email).filter((m) => m.text.includes('préférences de notification'));

describe('one test per category and rhythm, on the real SMTP receiver', () => {
  let n = 0;
  for (const category of categories)
    for (const frequency of frequencies)
      it(`${category} · ${frequency}`, async () => {
        n += 1;
        const m = await recipientFor(category, frequency, n);
        const { sentence, path } = await news(category, m);
        const mine = (await m.agent.get(`/api/notifications?category=${category}`)).json();
        expect(mine.items.map((i: { sentence: string; path: string; category: string }) => [i.category, i.sentence, i.path])).toEqual([[category, sentence, path]]);

        if (frequency === 'immediately') {
          const mails = newsMails(m.user.email);
          expect(mails.map((x) => x.subject)).toEqual([sentence.length > 120 ? `${sentence.slice(0, 119)}…` : sentence]);
          expect(mails[0]!.text).toContain(`Du nouveau — ${labels[category]}`);
          expect(mails[0]!.text).toContain(`Voir : http://entraide.test${path}`);
          // The one-click header stops this category only.
          const oneClick = (mails[0]!.headers.get('list') as { unsubscribe: { url: string } }).unsubscribe.url;
          expect(decodeURIComponent(oneClick.split('token=')[1]!).split('.')[1]).toBe(category);
          t.clock.advance(8 * DAY);
          await t.drainJobs();
          expect(newsMails(m.user.email)).toHaveLength(1);
          return;
        }
        if (frequency === 'never') {
          t.clock.advance(8 * DAY);
          await t.drainJobs();
          expect(newsMails(m.user.email)).toEqual([]);
          expect(mine.categories.find((c: { id: string }) => c.id === category)).toMatchObject({ total: 1, unread: 1 });
          return;
        }
        expect(newsMails(m.user.email)).toEqual([]);
        // Daily: the next 07:00 in Paris; weekly: the next Monday at 07:00 — at most 8 days away.
        t.clock.advance(frequency === 'daily' ? DAY + MINUTE : 8 * DAY);
        await t.drainJobs();
        const mails = newsMails(m.user.email);
        expect(mails.map((x) => x.subject)).toEqual([`Entraide : 1 nouveauté ${frequency === 'daily' ? 'de la journée' : 'de la semaine'}`]);
        expect(mails[0]!.text).toContain(`${labels[category]} (1)\n\n• ${sentence} http://entraide.test${path}`);
        expect(mails[0]!.text).toContain(`Ne plus recevoir « ${labels[category]} » : http://entraide.test/notifications/desabonnement?jeton=`);
      });
});

describe('a digest gathers every category of its rhythm', () => {
  it('two categories in daily, one immediately: one digest with two sections, one single e-mail', async () => {
    const m = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Rose', lastName: 'Plusieurs' });
    expect((await m.agent.put('/api/notifications/preferences', { emailFrequency: 'never', categories: { agenda: 'daily', bibliotheque: 'daily', promotions: 'immediately' } })).statusCode).toBe(200);
    const webinar = await news('agenda', m);
    const resource = await news('bibliotheque', m);
    const cohort = await news('promotions', m);
    expect(newsMails(m.user.email).map((x) => x.subject)).toEqual([cohort.sentence]);
    // The centre's filters count per category.
    const list = (await m.agent.get('/api/notifications')).json();
    expect(list.categories.map((c: { id: string; label: string; total: number }) => [c.id, c.label, c.total])).toEqual([
      ['entraide', 'Espace d’entraide', 0],
      ['agenda', 'Agenda', 1],
      ['bibliotheque', 'Bibliothèque', 1],
      ['promotions', 'Promotions', 1],
      ['codeveloppement', 'Codéveloppement', 0],
      ['spaser', 'SPASER', 0],
      ['spaser_review', 'Relecture des SPASER', 0],
      ['mises_en_relation', 'Mises en relation', 0],
    ]);
    t.clock.advance(DAY + MINUTE);
    await t.drainJobs();
    const mails = newsMails(m.user.email);
    expect(mails.map((x) => x.subject)).toEqual([cohort.sentence, 'Entraide : 2 nouveautés de la journée']);
    expect(mails[1]!.text).toContain(`Agenda (1)\n\n• ${webinar.sentence}`);
    expect(mails[1]!.text).toContain(`Bibliothèque (1)\n\n• ${resource.sentence}`);
  });

  it('a resource deleted before the digest is neither listed nor e-mailed (rights checked when sent)', async () => {
    const m = await recipientFor('bibliotheque', 'daily', 900);
    const { path } = await news('bibliotheque', m);
    expect((await m.agent.get('/api/notifications/unread-count')).json().unreadCount).toBe(1);
    expect((await staff.agent.delete(`/api/library/resources/${path.split('/').pop()}`)).statusCode).toBe(200);
    expect((await m.agent.get('/api/notifications/unread-count')).json().unreadCount).toBe(0);
    t.clock.advance(DAY + MINUTE);
    await t.drainJobs();
    expect(newsMails(m.user.email)).toEqual([]);
  });
});

describe('transactional e-mails always go', () => {
  it('with « jamais » everywhere, the registration confirmation of a webinar still arrives, and no news', async () => {
    const m = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Rose', lastName: 'Jamais' });
    expect((await m.agent.put('/api/notifications/preferences', { emailFrequency: 'never' })).json().categories.map((c: { emailFrequency: string }) => c.emailFrequency)).toEqual(['never', 'never', 'never', 'never', 'never', 'never', 'never', 'never']);
    const { path } = await news('agenda', m);
    const eventId = path.split('/').pop()!;
    const reg = await m.agent.put(`/api/events/${eventId}/registration`, {});
    expect(reg.statusCode, reg.body).toBe(201);
    await t.drainJobs();
    t.clock.advance(8 * DAY);
    await t.drainJobs();
    expect(newsMails(m.user.email)).toEqual([]);
    const all = t.smtp.to(m.user.email).map((x) => x.subject);
    expect(all.some((s) => s.startsWith('Inscription confirmée'))).toBe(true);
  });
});

describe('bad input: refused in French, nothing changed', () => {
  async function prefsOf(m: Member) {
    const p = (await m.agent.get('/api/notifications/preferences')).json();
    return [p.emailFrequency, ...p.categories.map((c: { emailFrequency: string }) => c.emailFrequency)];
  }

  it('a forged, altered or expired unsubscribe link', async () => {
    const m = await t.loggedIn({ verifiedIn: [orgId] });
    const secret = t.deps.config.sessionSecret;
    const good = unsubscribeToken(secret, m.user.id, 'agenda', t.clock.now());
    const [id, , expires, mac] = good.split('.');
    const post = (token: string) =>
      t.app.inject({ method: 'POST', url: `/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    const cases = [
      // Forged signature.
      [`${id}.agenda.${expires}.${'A'.repeat(43)}`, 'UNSUBSCRIBE_LINK_INVALID'],
      // Another category, or everything, with the signature of the agenda link.
      [`${id}.bibliotheque.${expires}.${mac}`, 'UNSUBSCRIBE_LINK_INVALID'],
      [`${id}.all.${expires}.${mac}`, 'UNSUBSCRIBE_LINK_INVALID'],
      // A later expiry with the old signature.
      [`${id}.agenda.${(parseInt(expires!, 36) + 365).toString(36)}.${mac}`, 'UNSUBSCRIBE_LINK_INVALID'],
      // Signed 91 days ago: expired after 90.
      [unsubscribeToken(secret, m.user.id, 'agenda', new Date(t.clock.now().getTime() - 91 * DAY)), 'UNSUBSCRIBE_LINK_EXPIRED'],
      // A category that does not exist, even signed.
      [unsubscribeToken(secret, m.user.id, 'inconnue', t.clock.now()), 'UNSUBSCRIBE_LINK_INVALID'],
    ] as const;
    for (const [token, error] of cases) {
      for (const res of [await post(token), await t.agent().get(`/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`)]) {
        expect(res.statusCode, token).toBe(400);
        expect(res.json().error).toBe(error);
      }
    }
    expect((await post(unsubscribeToken(secret, m.user.id, 'agenda', new Date(t.clock.now().getTime() - 91 * DAY)))).json().message).toBe(
      "Ce lien de désabonnement a expiré : rien n'a été modifié. Utilisez le lien d'un e-mail plus récent, ou changez vos préférences depuis « Mes notifications ».",
    );
    expect((await post(`${id}.agenda.${expires}.${'A'.repeat(43)}`)).json().message).toBe(
      "Ce lien de désabonnement n'est pas valide : rien n'a été modifié. Changez vos préférences depuis « Mes notifications ».",
    );
    expect(await prefsOf(m)).toEqual(['daily', 'daily', 'daily', 'daily', 'daily', 'daily', 'daily', 'daily', 'daily']);
    // The genuine link works.
    expect((await post(good)).statusCode).toBe(200);
    expect(await prefsOf(m)).toEqual(['daily', 'daily', 'never', 'daily', 'daily', 'daily', 'daily', 'daily', 'daily']);
  });

  it("changing another member's preferences: no member id is taken, an extra field is refused", async () => {
    const mallory = await t.loggedIn({ verifiedIn: [orgId] });
    const victim = await t.loggedIn({ verifiedIn: [orgId] });
    expect((await victim.agent.put('/api/notifications/preferences', { categories: { agenda: 'immediately' } })).statusCode).toBe(200);
    const res = await mallory.agent.put('/api/notifications/preferences', { userId: victim.user.id, emailFrequency: 'never' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('VALIDATION');
    expect(JSON.stringify(res.json())).toContain('Seules vos propres préférences peuvent être modifiées');
    expect(await prefsOf(victim)).toEqual(['daily', 'daily', 'immediately', 'daily', 'daily', 'daily', 'daily', 'daily', 'daily']);
    expect(await prefsOf(mallory)).toEqual(['daily', 'daily', 'daily', 'daily', 'daily', 'daily', 'daily', 'daily', 'daily']);
    // Without a session, nothing at all.
    expect((await t.agent().put('/api/notifications/preferences', { emailFrequency: 'never' })).statusCode).toBe(401);
  });

  it('a category that does not exist', async () => {
    const m = await t.loggedIn({ verifiedIn: [orgId] });
    const res = await m.agent.put('/api/notifications/preferences', { categories: { agenda: 'weekly', astrologie: 'never' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'NOTIFICATION_CATEGORY_UNKNOWN',
      message: "Cette catégorie de notifications n'existe pas. Choisissez parmi les catégories proposées dans « Préférences d'e-mail ».",
    });
    // Not even the valid part was written.
    expect(await prefsOf(m)).toEqual(['daily', 'daily', 'daily', 'daily', 'daily', 'daily', 'daily', 'daily', 'daily']);
    const list = await m.agent.get('/api/notifications?category=astrologie');
    expect(list.statusCode).toBe(400);
    expect(list.json().error).toBe('NOTIFICATION_CATEGORY_UNKNOWN');
  });
});

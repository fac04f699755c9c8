import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TERMS_VERSION } from '../../src/server/accounts/accounts.contract.js';
import { accountTokens, sessions, users } from '../../src/server/accounts/accounts.tables.js';
import { COMMUNITY_SPACE_ID } from '../../src/server/helpspace/helpspace.tables.js';
import { notifications } from '../../src/server/notifications/notifications.tables.js';
import { unsubscribeToken } from '../../src/server/notifications/notifications.service.js';
import { rows } from '../../src/server/platform/db.js';
import { PASSWORD, createTestContext, type TestContext } from '../helpers/context.js';

/**
 * Issue 12, item 7: a member downloads everything the platform holds about them, then deletes their
 * account. Every expected value below is worked out by hand from what this file does, at the instants
 * it sets on the platform clock (timestamps are compared to the minute: a request runs a few
 * milliseconds after the instant set).
 */
let t: TestContext;
type Who = Awaited<ReturnType<TestContext['loggedIn']>>;
let aline: Who;
let bruno: Who;
let carla: Who;
let dan: Who;
let staff: Who;
let orgId: string;
const ids = {} as { q1: string; a1: string; q2: string; b2: string; webinar: string };
let feedUrl: string;
let resetToken: string;

const at = (hhmm: string) => t.clock.set(new Date(`2026-03-02T${hhmm}:00.000Z`));
/** Every ISO timestamp of a JSON value cut to the minute (`2026-03-02T09:07`). */
const toMinute = (v: unknown): unknown =>
  typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(v)
    ? v.slice(0, 16)
    : Array.isArray(v)
      ? v.map(toMinute)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toMinute(x)]))
        : v;

const Q1_TITLE = "Quel seuil d'heures pour une clause d'insertion ?";
const A1_BODY = 'Nous réservons 5 % des heures travaillées.';
const Q2_TITLE = 'Comment suivre les heures d’insertion réalisées ?';
const Q2_BODY = 'Nous cherchons un **tableur** simple.';

beforeAll(async () => {
  t = await createTestContext();
  at('09:00');
  orgId = (await t.createOrganisation({ name: 'Commune de Testville' })).id;
  aline = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Aline', lastName: 'Export', email: 'aline.export@acheteur.test' });
  bruno = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Bruno', lastName: 'Voisin' });
  carla = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Carla', lastName: 'Votante' });
  dan = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Dan', lastName: 'Attente' });
  staff = await t.loggedIn({ role: 'facilitator', firstName: 'Fanny', lastName: 'Animatrice' });

  at('09:01');
  ids.q1 = (await bruno.agent.post('/api/help/questions', { spaceId: COMMUNITY_SPACE_ID, title: Q1_TITLE, body: 'Pour un marché de voirie.', theme: 'clauses_sociales', tags: [] })).json().id;
  at('09:02');
  ids.a1 = (await aline.agent.post(`/api/help/questions/${ids.q1}/answers`, { body: A1_BODY })).json().id;
  at('09:03');
  ids.q2 = (await aline.agent.post('/api/help/questions', { spaceId: COMMUNITY_SPACE_ID, title: Q2_TITLE, body: Q2_BODY, theme: 'indicateurs', tags: ['Insertion'] })).json().id;
  at('09:04');
  expect((await aline.agent.put(`/api/help/posts/${ids.q1}/vote`)).json()).toEqual({ score: 1, voted: true });
  at('09:05');
  expect((await carla.agent.put(`/api/help/posts/${ids.a1}/vote`)).json()).toEqual({ score: 1, voted: true });
  expect((await bruno.agent.put(`/api/help/posts/${ids.q2}/vote`)).json()).toEqual({ score: 1, voted: true });
  ids.b2 = (await bruno.agent.post(`/api/help/questions/${ids.q2}/answers`, { body: `Merci @[Aline Export](user:${aline.user.id}), voici notre tableur.` })).json().id;
  at('09:06');
  // The notification fan-out: Aline is mentioned (and follows her question), Bruno follows his.
  await t.drainJobs();

  at('09:20');
  const profile = await aline.agent.put('/api/me/profile', {
    firstName: 'Aline',
    lastName: 'Export',
    jobTitle: 'Acheteuse publique',
    regionCode: '84',
    themes: ['indicateurs', 'gouvernance'],
    availableToHelp: true,
    directoryVisibility: 'members',
  });
  expect(profile.statusCode).toBe(200);
  at('09:21');
  const webinar = await staff.agent.post('/api/events', {
    kind: 'webinar',
    title: 'Webinaire des données personnelles',
    description: '',
    speakers: [],
    startsAt: '2026-03-20T10:00',
    endsAt: '2026-03-20T11:30',
    onlineUrl: 'https://visio.example.fr/donnees',
    place: '',
    capacity: 1,
    visibility: 'public',
  });
  expect(webinar.statusCode, webinar.body).toBe(201);
  ids.webinar = webinar.json().id;
  at('09:22');
  expect((await aline.agent.put(`/api/events/${ids.webinar}/registration`)).json().status).toBe('registered');
  feedUrl = new URL((await aline.agent.get('/api/events/mine')).json().feedUrl).pathname;
  at('09:23');
  expect((await dan.agent.put(`/api/events/${ids.webinar}/registration`)).json().status).toBe('waitlisted');
});
afterAll(() => t?.close());

describe('download my data (issue 12, item 7)', () => {
  it('item 7: the export holds the profile, session, membership, posts, votes, follows, notification and registration, worked out by hand', async () => {
    at('09:30');
    const res = await aline.agent.get('/api/me/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="entraide-mes-donnees-2026-03-02.json"');
    expect(res.headers['cache-control']).toBe('no-store');
    const space = "Espace d'entraide";
    expect(toMinute(res.json())).toEqual({
      format: 'entraide-donnees-personnelles/1',
      exportedAt: '2026-03-02T09:30',
      userId: aline.user.id,
      accounts: {
        profile: {
          email: 'aline.export@acheteur.test',
          firstName: 'Aline',
          lastName: 'Export',
          jobTitle: 'Acheteuse publique',
          regionCode: '84',
          themes: ['indicateurs', 'gouvernance'],
          availableToHelp: true,
          directoryVisibility: 'members',
          role: 'member',
          emailVerifiedAt: '2026-03-02T09:00',
          termsAcceptedAt: '2026-03-02T09:00',
          termsVersion: TERMS_VERSION,
          // Visits are recorded at most every 5 minutes: 09:00 (login), 09:20 (profile), 09:30 (this export).
          lastSeenAt: '2026-03-02T09:30',
          createdAt: '2026-03-02T09:00',
          updatedAt: '2026-03-02T09:20',
        },
        // One session, without « remember me »: it ends 12 hours after the last visit.
        sessions: [{ createdAt: '2026-03-02T09:00', lastSeenAt: '2026-03-02T09:30', expiresAt: '2026-03-02T21:30', remember: false, ip: '127.0.0.1', userAgent: 'lightMyRequest' }],
        emailLinks: [],
        // Never signed in with ProConnect.
        proconnect: null,
      },
      organisations: {
        memberships: [
          { organisationId: orgId, organisationName: 'Commune de Testville', status: 'verified', message: '', siret: null, decidedVia: 'facilitator', decidedAt: '2026-03-02T09:00', createdAt: '2026-03-02T09:00' },
        ],
        decisionsTaken: [],
        domainsDeclared: [],
      },
      helpspace: {
        privateSpaces: [],
        posts: [
          // Carla's vote counts on the answer.
          { id: ids.a1, kind: 'answer', space, questionId: ids.q1, questionTitle: Q1_TITLE, title: null, theme: null, tags: [], body: A1_BODY, score: 1, useful: false, hidden: false, deleted: false, createdAt: '2026-03-02T09:02', editedAt: null },
          // Bruno's vote counts on the question; the tag is normalised to lower case.
          { id: ids.q2, kind: 'question', space, questionId: ids.q2, questionTitle: null, title: Q2_TITLE, theme: 'indicateurs', tags: ['insertion'], body: Q2_BODY, score: 1, useful: false, hidden: false, deleted: false, createdAt: '2026-03-02T09:03', editedAt: null },
        ],
        previousVersions: [],
        votes: [{ postId: ids.q1, postKind: 'question', questionTitle: Q1_TITLE, createdAt: '2026-03-02T09:04' }],
        usefulAnswersMarked: [],
        reports: [],
        // Askers follow their own question.
        follows: [{ targetKind: 'question', targetId: ids.q2, createdAt: '2026-03-02T09:03' }],
        moderationActions: [],
      },
      notifications: {
        settings: null,
        // Bruno's answer mentions Aline on her own question: the mention wins over « new answer ».
        notifications: [{ kind: 'mention', category: 'entraide', targetKind: 'help_post', targetId: ids.b2, createdAt: '2026-03-02T09:06', readAt: null, emailedAt: null }],
      },
      events: {
        // 10:00 and 11:30 in Paris (UTC+1 in early March).
        registrations: [
          { eventId: ids.webinar, title: 'Webinaire des données personnelles', kind: 'webinar', startsAt: '2026-03-20T09:00', endsAt: '2026-03-20T10:30', status: 'registered', askedAt: '2026-03-02T09:22', registeredAt: '2026-03-02T09:22', cancelledAt: null },
        ],
        personalCalendar: { createdAt: '2026-03-02T09:22' },
        attendeeListsExported: [],
        eventsCreated: [],
      },
      cohorts: { roles: [], applications: [], attendance: [], surveyResponses: [], cohortsCreated: [] },
      actors: { actorCorrectionsProposed: [], actorEdits: [] },
      codev: { groups: [], sessions: [], notes: [], summariesSent: [] },
      // Issue 23: announcements written, décollage cards and follow-up messages, retrospectives, sponsor pages and questions.
      'cohort-announcements': { announcementsWritten: [] },
      'cohort-participants': { cohortCards: [], cohortMessagesReceived: [], cohortMessagesSent: [] },
      'cohort-retrospectives': { retrospectives: [] },
      'cohort-sponsors': { answersAsSponsor: [], questionsToSponsors: [], sponsorProfiles: [] },
      introductions: { introductionsSent: [], introductionsReceived: [] },
      learning: { courses: [], lessonsCompleted: [], quizAttempts: [], attestations: [], courseRevisionsPublished: [] },
      library: { resourcesProposed: [], groups: [], resourceEdits: [], collectionsCreated: [] },
      observatory: { spaserDeclarations: [] },
      procurement: { decpUploads: [] },
      spaser: { spaserBilansPublished: [], spaserEditor: [], spaserEvidenceFiles: [], spaserPublished: [], spaserReviewComments: [], spaserReviewer: [], spaserWithdrawn: [] },
    });
  });

  it('item 7: needs an account; holds nothing about other people', async () => {
    expect((await t.agent().get('/api/me/export')).statusCode).toBe(401);
    const body = (await bruno.agent.get('/api/me/export')).body;
    expect(body).not.toContain('aline.export@acheteur.test');
    expect(body).not.toContain('Carla');
  });
});

describe('delete my account (issue 12, item 7)', () => {
  it('item 7: refuses without the password or the confirmation, in French, and changes nothing', async () => {
    at('09:40');
    // A reset link asked for before the deletion: it must die with the account.
    expect((await t.agent().post('/api/auth/password-reset/request', { email: 'aline.export@acheteur.test' })).statusCode).toBe(200);
    await t.drainJobs();
    const mail = t.smtp.received.find((m) => m.to === 'aline.export@acheteur.test' && /Réinitialisation/.test(m.subject))!;
    resetToken = mail.text.match(/jeton=([\w-]+)/)![1]!;

    const missing = await aline.agent.post('/api/me/delete', {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fields).toEqual({
      password: 'Saisissez votre mot de passe.',
      confirm: 'Cochez la case pour confirmer la suppression définitive de votre compte.',
    });
    const wrong = await aline.agent.post('/api/me/delete', { password: 'pas le bon mot de passe', confirm: true });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ error: 'WRONG_PASSWORD', fields: { password: 'Le mot de passe est incorrect.' } });
    expect((await aline.agent.get('/api/me')).json().email).toBe('aline.export@acheteur.test');
  });

  it('item 7: the last administrator cannot delete their account', async () => {
    const admin = await t.loggedIn({ role: 'admin' });
    const res = await admin.agent.post('/api/me/delete', { password: PASSWORD, confirm: true });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('LAST_ADMIN');
    expect((await admin.agent.get('/api/me')).statusCode).toBe(200);
  });

  it('item 7: deletes the account: signed out everywhere, cannot log in, links dead, personal rows gone', async () => {
    at('09:45');
    // A mistyped password earlier: its failure counters carry the address, they go too.
    expect((await t.agent().post('/api/auth/login', { email: 'aline.export@acheteur.test', password: 'mauvais mot de passe' })).statusCode).toBe(401);
    expect((await rows<{ key: string }>(t.db, sql`SELECT key FROM login_throttle WHERE key LIKE '%aline.export%'`)).length).toBe(2);
    // A facilitator's alert about an unanswered question suggested her and Bruno as helpers (frozen names).
    await t.db.insert(notifications).values({
      userId: staff.user.id,
      kind: 'unanswered',
      category: 'entraide',
      targetKind: 'help_post',
      targetId: ids.q1,
      actorId: bruno.user.id,
      data: { suggested: [{ id: aline.user.id, displayName: 'Aline Export', usefulAnswersCount: 1 }, { id: bruno.user.id, displayName: 'Bruno Voisin', usefulAnswersCount: 0 }] },
      createdAt: t.clock.now(),
    });
    const second = t.agent();
    expect((await second.post('/api/auth/login', { email: 'aline.export@acheteur.test', password: PASSWORD, remember: true })).statusCode).toBe(200);
    const res = await aline.agent.post('/api/me/delete', { password: PASSWORD, confirm: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().message).toBe('Votre compte est supprimé. Vos contributions restent visibles sous « Membre supprimé ».');
    // Both sessions are over.
    expect((await aline.agent.get('/api/me')).statusCode).toBe(401);
    expect((await second.get('/api/me')).statusCode).toBe(401);
    // The reset link, the calendar address and the unsubscribe link no longer work.
    const reset = await t.agent().post('/api/auth/password-reset/confirm', { token: resetToken, password: 'un nouveau mot de passe solide' });
    expect(reset.json().error).toBe('TOKEN_INVALID');
    expect((await t.agent().get(feedUrl)).statusCode).toBe(404);
    const unsubscribe = await t.agent().get(`/api/notifications/unsubscribe?token=${encodeURIComponent(unsubscribeToken(t.deps.config.sessionSecret, aline.user.id, 'all', t.clock.now()))}`);
    expect(unsubscribe.json().error).toBe('UNSUBSCRIBE_LINK_INVALID');

    // The account row keeps only what an author needs: the « Membre supprimé » name.
    const [row] = await t.db.select().from(users).where(eq(users.id, aline.user.id));
    expect(row).toMatchObject({
      email: `compte-supprime-${aline.user.id}@entraide.invalid`,
      firstName: 'Membre',
      lastName: 'supprimé',
      jobTitle: '',
      regionCode: null,
      themes: [],
      availableToHelp: false,
      directoryVisibility: 'hidden',
      role: 'member',
      emailVerifiedAt: null,
      lastSeenAt: null,
      passwordHash: '!',
    });
    expect(row!.deletedAt).not.toBeNull();
    expect(row!.disabledAt).not.toBeNull();
    const left = await rows<{ t: string; n: number }>(
      t.db,
      sql`SELECT 'sessions' AS t, count(*)::int AS n FROM sessions WHERE user_id = ${aline.user.id}
          UNION ALL SELECT 'account_tokens', count(*)::int FROM account_tokens WHERE user_id = ${aline.user.id}
          UNION ALL SELECT 'memberships', count(*)::int FROM memberships WHERE user_id = ${aline.user.id}
          UNION ALL SELECT 'help_votes', count(*)::int FROM help_votes WHERE user_id = ${aline.user.id}
          UNION ALL SELECT 'help_follows', count(*)::int FROM help_follows WHERE user_id = ${aline.user.id}
          UNION ALL SELECT 'notifications', count(*)::int FROM notifications WHERE user_id = ${aline.user.id}
          UNION ALL SELECT 'notifications as actor', count(*)::int FROM notifications WHERE actor_id = ${aline.user.id}
          UNION ALL SELECT 'event_registrations', count(*)::int FROM event_registrations WHERE user_id = ${aline.user.id}
          UNION ALL SELECT 'event_feed_tokens', count(*)::int FROM event_feed_tokens WHERE user_id = ${aline.user.id}
          UNION ALL SELECT 'queued jobs', count(*)::int FROM jobs WHERE status = 'queued' AND payload->>'userId' = ${aline.user.id}
          UNION ALL SELECT 'login_throttle', count(*)::int FROM login_throttle WHERE key LIKE '%aline.export%'`,
    );
    expect(Object.fromEntries(left.map((r) => [r.t, Number(r.n)]))).toEqual({
      sessions: 0,
      account_tokens: 0,
      memberships: 0,
      help_votes: 0,
      help_follows: 0,
      notifications: 0,
      'notifications as actor': 0,
      event_registrations: 0,
      event_feed_tokens: 0,
      'queued jobs': 0,
      login_throttle: 0,
    });
    const [alert] = await t.db.select().from(notifications).where(eq(notifications.userId, staff.user.id));
    expect(alert!.data).toEqual({ suggested: [{ id: bruno.user.id, displayName: 'Bruno Voisin', usefulAnswersCount: 0 }] });
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, aline.user.id))).toEqual([]);
    expect(await t.db.select().from(accountTokens).where(eq(accountTokens.userId, aline.user.id))).toEqual([]);
    // Logging in with the old address and password: an unknown account.
    const login = await t.agent().post('/api/auth/login', { email: 'aline.export@acheteur.test', password: PASSWORD });
    expect(login.statusCode).toBe(401);
    expect(login.json().error).toBe('BAD_CREDENTIALS');
  });

  it('item 7: posts stay under « Membre supprimé », votes and scores follow, mentions lose the name', async () => {
    const q1 = (await carla.agent.get(`/api/help/questions/${ids.q1}`)).json();
    // Aline's vote on Bruno's question is gone: 1 → 0. Carla's vote on Aline's answer stays: 1.
    expect(q1.score).toBe(0);
    expect(q1.answers.map((a: { id: string; author: unknown; score: number; body: string }) => ({ id: a.id, author: a.author, score: a.score, body: a.body }))).toEqual([
      // A deleted member's name leads to no profile.
      { id: ids.a1, author: { id: aline.user.id, displayName: 'Membre supprimé', organisationName: null, profile: false }, score: 1, body: A1_BODY },
    ]);
    const q2 = (await carla.agent.get(`/api/help/questions/${ids.q2}`)).json();
    expect(q2).toMatchObject({ title: Q2_TITLE, score: 1, author: { displayName: 'Membre supprimé', organisationName: null, profile: false } });
    expect(q2.answers[0].body).toBe(`Merci @[Membre supprimé](user:${aline.user.id}), voici notre tableur.`);
    expect(q2.answers[0].bodyHtml).toContain('@Membre supprimé');
    expect(JSON.stringify(q2)).not.toContain('Aline');
    // The anonymous reader of the community space still reads the thread.
    expect((await t.agent().get(`/api/help/questions/${ids.q2}`)).json().answers).toHaveLength(1);
  });

  it('item 7: the place she held goes to the first person waiting, with the e-mail', async () => {
    t.smtp.clear();
    await t.drainJobs();
    expect((await dan.agent.get(`/api/events/${ids.webinar}`)).json().my.status).toBe('registered');
    expect(t.smtp.received.filter((m) => m.to === dan.user.email).map((m) => m.subject)).toEqual(["Une place s'est libérée : Webinaire des données personnelles"]);
    // Nothing was sent to the deleted account.
    expect(t.smtp.received.filter((m) => m.to.includes('aline') || m.to.includes('entraide.invalid'))).toEqual([]);
  });

  it('item 7: pages that showed her name follow: organisation members, directory, administration', async () => {
    const org = (await bruno.agent.get(`/api/organisations/${orgId}`)).json();
    expect(org.members.map((m: { firstName: string }) => m.firstName).sort()).toEqual(['Bruno', 'Carla', 'Dan']);
    // The public page counts the members without her.
    expect((await t.agent().get(`/api/organisations/${orgId}`)).json().membersCount).toBe(3);
    const dir = (await bruno.agent.get('/api/members?q=Aline')).json();
    expect(dir.total).toBe(0);
    const admin = await t.loggedIn({ role: 'admin' });
    expect((await admin.agent.get('/api/admin/users?q=supprim')).json().total).toBe(0);
    expect((await admin.agent.patch(`/api/admin/users/${aline.user.id}`, { disabled: false })).statusCode).toBe(404);
  });

  it('item 7: the address is free again for a new account', async () => {
    const res = await t.agent().post('/api/auth/signup', { email: 'aline.export@acheteur.test', password: 'un autre mot de passe solide', firstName: 'Aline', lastName: 'Export', acceptTerms: true });
    expect(res.statusCode).toBe(201);
  });
});

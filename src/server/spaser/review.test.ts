import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../platform/db.js';
import { createTestContext, PASSWORD, type TestContext } from '../../../tests/helpers/context.js';

/**
 * Issue 19, item 3, through HTTP: an editor invites a colleague of a buyer or a facilitator to review
 * the schéma; editors and invited reviewers comment section by section, reply and resolve; everyone
 * else (a reader, a facilitator not invited, a revoked reviewer) is refused in French and nothing
 * changes. News follow each recipient's rhythm for « Relecture des SPASER »; comments never reach the
 * published schéma's page, files or API.
 */
let t: TestContext;
type Member = Awaited<ReturnType<TestContext['loggedIn']>>;
let org: string;
let editor: Member;
let coEditor: Member;
let colleague: Member;
let farid: Member;
let nadia: Member;
let outsider: Member;
let spaserId: string;
let otherSpaserId: string;
let threadId: string;
const TITLE = 'SPASER du Val Relecture 2027-2029';

const sentences = async (m: Member) => ((await m.agent.get('/api/notifications')).json().items as { sentence: string; path: string }[]).map((i) => [i.sentence, i.path]);
const commentCount = async () => (await rows<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM spaser_review_comments`))[0]!.n;

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2027-03-01T09:00:00Z'));
  org = (await t.createOrganisation({ name: 'Communauté du Val Relecture', kind: 'epci' })).id;
  const elsewhere = (await t.createOrganisation({ name: 'Ailleurs-sur-Test', kind: 'commune' })).id;
  editor = await t.loggedIn({ verifiedIn: [org], firstName: 'Léa', lastName: 'Rédactrice', email: 'lea@val.example' });
  coEditor = await t.loggedIn({ verifiedIn: [org], firstName: 'Hugo', lastName: 'Corédacteur', email: 'hugo@val.example' });
  colleague = await t.loggedIn({ verifiedIn: [org], firstName: 'Chloé', lastName: 'Collègue' });
  farid = await t.loggedIn({ role: 'facilitator', firstName: 'Farid', lastName: 'Animateur', email: 'farid@entraide.example' });
  nadia = await t.loggedIn({ role: 'facilitator', firstName: 'Nadia', lastName: 'Animatrice' });
  outsider = await t.loggedIn({ verifiedIn: [elsewhere], firstName: 'Omar', lastName: 'Extérieur' });
  // Léa wants review news at once by e-mail; Hugo never by e-mail (the centre still shows it); Farid at once.
  expect((await editor.agent.put('/api/notifications/preferences', { emailFrequency: 'never', categories: { spaser_review: 'immediately' } })).statusCode).toBe(200);
  expect((await coEditor.agent.put('/api/notifications/preferences', { emailFrequency: 'never', categories: { spaser_review: 'never' } })).statusCode).toBe(200);
  expect((await farid.agent.put('/api/notifications/preferences', { emailFrequency: 'never', categories: { spaser_review: 'immediately' } })).statusCode).toBe(200);
  const created = await editor.agent.post('/api/spasers', { organisationId: org, title: TITLE, periodStart: 2027, periodEnd: 2029 });
  expect(created.statusCode, created.body).toBe(201);
  spaserId = created.json().id;
  expect((await editor.agent.post(`/api/spasers/${spaserId}/editors`, { userId: coEditor.user.id })).statusCode).toBe(201);
  const other = await outsider.agent.post('/api/spasers', { organisationId: elsewhere, title: 'SPASER d’Ailleurs', periodStart: 2027, periodEnd: 2029 });
  otherSpaserId = other.json().id;
  await t.drainJobs();
});
afterAll(() => t?.close());

describe('inviting reviewers', () => {
  it('offers the editors the colleagues of the buyers and the facilitators; nobody else invites', async () => {
    const state = (await editor.agent.get(`/api/spasers/${spaserId}/review`)).json();
    expect([state.canInvite, state.canComment, state.reviewing]).toEqual([true, true, false]);
    // Sorted by last name: Animateur, Animatrice, Collègue — never the editors, never Omar (another organisation).
    expect(state.candidates.map((c: { name: string }) => c.name)).toEqual(['Farid Animateur', 'Nadia Animatrice', 'Chloé Collègue']);
    expect(state.candidates[0].detail).toBe('Animation de la plateforme');
    expect(state.candidates[2].detail).toBe('Communauté du Val Relecture');
    // A reader who is not an editor sees no review at all, and cannot invite.
    expect((await colleague.agent.get(`/api/spasers/${spaserId}/review`)).json()).toEqual({ canInvite: false, canComment: false, reviewing: false, reviewers: [], candidates: [], threads: [] });
    const notEditor = await colleague.agent.post(`/api/spasers/${spaserId}/reviewers`, { userId: farid.user.id });
    expect([notEditor.statusCode, notEditor.json().message]).toEqual([403, 'Seuls les rédacteurs de ce SPASER le modifient : demandez à un rédacteur de vous ajouter.']);
    const stranger = await editor.agent.post(`/api/spasers/${spaserId}/reviewers`, { userId: outsider.user.id });
    expect([stranger.statusCode, stranger.json().fields]).toEqual([400, { userId: 'Choisissez un collègue d’un acheteur du schéma ou un animateur de la plateforme : cette personne ne peut pas être invitée.' }]);
    const already = await editor.agent.post(`/api/spasers/${spaserId}/reviewers`, { userId: coEditor.user.id });
    expect([already.statusCode, already.json().fields]).toEqual([400, { userId: 'Cette personne rédige déjà ce SPASER : elle le commente sans invitation.' }]);
    expect((await editor.agent.post(`/api/spasers/${spaserId}/reviewers`, { userId: 'pas-un-identifiant' })).json().fields).toEqual({ userId: 'Choisissez une personne à inviter.' });
    expect((await rows(t.db, sql`SELECT 1 FROM spaser_reviewers`)).length).toBe(0);
  });

  it('invites Farid: he is told, reads the schéma read-only, and finds it among his reviews', async () => {
    t.smtp.clear();
    const res = await editor.agent.post(`/api/spasers/${spaserId}/reviewers`, { userId: farid.user.id });
    expect(res.statusCode, res.body).toBe(201);
    expect((await editor.agent.post(`/api/spasers/${spaserId}/reviewers`, { userId: farid.user.id })).statusCode).toBe(409);
    await t.drainJobs();
    expect(await sentences(farid)).toEqual([[`Léa Rédactrice vous invite à relire et commenter le SPASER « ${TITLE} » (Communauté du Val Relecture).`, `/spaser/${spaserId}`]]);
    expect(t.smtp.received.map((m) => m.to)).toEqual(['farid@entraide.example']);
    const detail = (await farid.agent.get(`/api/spasers/${spaserId}`)).json();
    expect([detail.title, detail.canEdit]).toEqual([TITLE, false]);
    const state = (await farid.agent.get(`/api/spasers/${spaserId}/review`)).json();
    expect([state.canInvite, state.canComment, state.reviewing, state.candidates]).toEqual([false, true, true, []]);
    expect(state.reviewers.map((r: { name: string }) => r.name)).toEqual(['Farid Animateur']);
    // The clock runs from the time set: dates are compared to the minute.
    const items = (await farid.agent.get('/api/spaser-reviews')).json().items;
    expect(items.map((i: { invitedAt: string }) => ({ ...i, invitedAt: i.invitedAt.slice(0, 16) }))).toEqual([
      { id: spaserId, title: TITLE, lead: 'Communauté du Val Relecture', openThreads: 0, invitedAt: '2027-03-01T09:00' },
    ]);
  });
});

describe('threads', () => {
  it('refuses a comment from anyone not invited, in French, and saves nothing', async () => {
    const body = { section: 'axes', body: 'Je passais par là.' };
    const notInvited = await nadia.agent.post(`/api/spasers/${spaserId}/review/threads`, body);
    expect([notInvited.statusCode, notInvited.json().message]).toEqual([
      403,
      'Seuls les rédacteurs de ce SPASER et les personnes invitées à le relire peuvent le commenter : demandez à un rédacteur de vous inviter.',
    ]);
    expect((await colleague.agent.post(`/api/spasers/${spaserId}/review/threads`, body)).statusCode).toBe(403);
    // Omar does not even see that the schéma exists; Farid, invited here, is not invited on Omar's.
    expect((await outsider.agent.post(`/api/spasers/${spaserId}/review/threads`, body)).statusCode).toBe(404);
    expect((await farid.agent.post(`/api/spasers/${otherSpaserId}/review/threads`, body)).statusCode).toBe(403);
    expect((await farid.agent.get(`/api/spasers/${otherSpaserId}/review`)).json().threads).toEqual([]);
    expect((await t.agent().post(`/api/spasers/${spaserId}/review/threads`, body)).statusCode).toBe(401);
    expect(await commentCount()).toBe(0);
  });

  it('refuses an empty, too long or misplaced comment with a French message per field', async () => {
    const empty = await farid.agent.post(`/api/spasers/${spaserId}/review/threads`, { section: 'axes', body: '   ' });
    expect([empty.statusCode, empty.json().fields]).toEqual([400, { body: 'Écrivez votre commentaire.' }]);
    const long = await farid.agent.post(`/api/spasers/${spaserId}/review/threads`, { section: 'axes', body: 'x'.repeat(4001) });
    expect(long.json().fields).toEqual({ body: 'Un commentaire tient en 4\u202f000 caractères au plus : raccourcissez-le ou partagez-le en deux.' });
    const unknown = await farid.agent.post(`/api/spasers/${spaserId}/review/threads`, { section: 'annexes', body: 'Où est la partie ?' });
    expect(unknown.json().fields).toEqual({ section: 'Choisissez une partie du schéma.' });
    expect(await commentCount()).toBe(0);
  });

  it('a facilitator comments: the editors are told, each by their rhythm, with the text read when sent', async () => {
    t.smtp.clear();
    const res = await farid.agent.post(`/api/spasers/${spaserId}/review/threads`, { section: 'axes', body: '  L’axe 2 manque d’un objectif chiffré.  ' });
    expect(res.statusCode, res.body).toBe(201);
    threadId = res.json().id;
    await t.drainJobs();
    const expected = [`Farid Animateur a commenté la partie « Axes, objectifs et actions » du SPASER « ${TITLE} ».`, `/spaser/${spaserId}#partie-axes`];
    expect((await sentences(editor))[0]).toEqual(expected);
    expect((await sentences(coEditor))[0]).toEqual(expected);
    expect((await sentences(farid)).map((s) => s[0])).not.toContain(expected[0]);
    // Léa at once (with the comment quoted), Hugo never by e-mail.
    expect(t.smtp.received.map((m) => m.to)).toEqual(['lea@val.example']);
    expect(t.smtp.received[0]!.text).toContain(expected[0]);
    expect(t.smtp.received[0]!.text).toContain('L’axe 2 manque d’un objectif chiffré.');
    const state = (await editor.agent.get(`/api/spasers/${spaserId}/review`)).json();
    expect(state.threads[0].comments[0].createdAt.slice(0, 16)).toBe('2027-03-01T09:00');
    state.threads[0].comments[0].createdAt = 'vérifiée';
    expect(state.threads).toEqual([
      {
        id: threadId,
        section: 'axes',
        comments: [{ id: threadId, authorName: 'Farid Animateur', body: 'L’axe 2 manque d’un objectif chiffré.', createdAt: 'vérifiée', mine: false }],
        resolvedAt: null,
        resolvedByName: null,
        canResolve: true,
      },
    ]);
    expect((await farid.agent.get('/api/spaser-reviews')).json().items[0].openThreads).toBe(1);
  });

  it('the editor replies (the thread is told) and resolves (its author is told); only editors or the author resolve', async () => {
    t.clock.set(new Date('2027-03-01T11:00:00Z'));
    t.smtp.clear();
    const reply = await editor.agent.post(`/api/spasers/${spaserId}/review/threads/${threadId}/replies`, { body: 'Ajouté : 30 % de marchés avec un critère environnemental.' });
    expect(reply.statusCode, reply.body).toBe(201);
    await t.drainJobs();
    const replied = [`Léa Rédactrice a répondu à une discussion de la partie « Axes, objectifs et actions » du SPASER « ${TITLE} ».`, `/spaser/${spaserId}#partie-axes`];
    expect((await sentences(farid))[0]).toEqual(replied);
    expect((await sentences(coEditor))[0]).toEqual(replied);
    expect(t.smtp.received.map((m) => m.to)).toEqual(['farid@entraide.example']);

    // A second reviewer, Chloé, may comment but not resolve Farid's thread.
    expect((await editor.agent.post(`/api/spasers/${spaserId}/reviewers`, { userId: colleague.user.id })).statusCode).toBe(201);
    const notHers = await colleague.agent.put(`/api/spasers/${spaserId}/review/threads/${threadId}/status`, { resolved: true });
    expect([notHers.statusCode, notHers.json().message]).toEqual([403, 'Seuls les rédacteurs du SPASER et la personne qui a ouvert la discussion la marquent comme résolue ou la rouvrent.']);
    expect((await editor.agent.put(`/api/spasers/${spaserId}/review/threads/${threadId}/status`, { resolved: 'oui' })).json().fields).toEqual({ resolved: 'Indiquez si la discussion est résolue.' });
    expect((await editor.agent.put(`/api/spasers/${spaserId}/review/threads/${crypto.randomUUID()}/status`, { resolved: true })).statusCode).toBe(404);

    const resolved = await editor.agent.put(`/api/spasers/${spaserId}/review/threads/${threadId}/status`, { resolved: true });
    expect(resolved.statusCode, resolved.body).toBe(200);
    await t.drainJobs();
    expect((await sentences(farid))[0]).toEqual([`Léa Rédactrice a marqué comme résolue votre discussion de la partie « Axes, objectifs et actions » du SPASER « ${TITLE} ».`, `/spaser/${spaserId}#partie-axes`]);
    const thread = (await farid.agent.get(`/api/spasers/${spaserId}/review`)).json().threads[0];
    expect([thread.resolvedAt.slice(0, 16), thread.resolvedByName, thread.canResolve, thread.comments.length]).toEqual(['2027-03-01T11:00', 'Léa Rédactrice', true, 2]);
    expect((await farid.agent.get('/api/spaser-reviews')).json().items[0].openThreads).toBe(0);
    // Its author reopens it.
    expect((await farid.agent.put(`/api/spasers/${spaserId}/review/threads/${threadId}/status`, { resolved: false })).statusCode).toBe(200);
    expect((await editor.agent.get(`/api/spasers/${spaserId}/review`)).json().threads[0].resolvedAt).toBe(null);
  });

  it('a revoked reviewer no longer reads, comments nor sees the news; their comments stay', async () => {
    const revoked = await editor.agent.delete(`/api/spasers/${spaserId}/reviewers/${farid.user.id}`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect((await editor.agent.delete(`/api/spasers/${spaserId}/reviewers/${farid.user.id}`)).statusCode).toBe(404);
    const before = await commentCount();
    const refused = await farid.agent.post(`/api/spasers/${spaserId}/review/threads/${threadId}/replies`, { body: 'Encore une remarque.' });
    expect([refused.statusCode, refused.json().error]).toEqual([403, 'SPASER_REVIEW_NOT_INVITED']);
    expect(await commentCount()).toBe(before);
    expect(await sentences(farid)).toEqual([]);
    expect((await farid.agent.get('/api/spaser-reviews')).json().items).toEqual([]);
    expect((await editor.agent.get(`/api/spasers/${spaserId}/review`)).json().threads[0].comments[0].authorName).toBe('Farid Animateur');
  });
});

describe('privacy', () => {
  it('comments never reach the published schéma: page, public API, files, directory', async () => {
    const marker = 'Remarque interne jamais publiée';
    const opened = await editor.agent.post(`/api/spasers/${spaserId}/review/threads`, { section: 'preamble', body: marker });
    expect(opened.statusCode).toBe(201);
    const save = async (section: string, body: unknown) => {
      const version = (await editor.agent.get(`/api/spasers/${spaserId}`)).json().sections[section].version;
      expect((await editor.agent.put(`/api/spasers/${spaserId}/sections/${section}`, { version, body })).statusCode).toBe(200);
    };
    await save('preamble', 'Nos achats au service de l’emploi local.');
    expect((await editor.agent.post(`/api/spasers/${spaserId}/adoption`, { adoptedOn: '2027-02-20', reference: 'Délibération n° 2027-12' })).statusCode).toBe(200);
    const published = await editor.agent.post(`/api/spasers/${spaserId}/publication`);
    expect(published.statusCode, published.body).toBe(201);
    const path = published.json().path as string;
    const ref = path.split('/')[2]!.split('-')[0]!;
    const anonymous = t.agent();
    for (const url of [path, `/api/public/schemas/${ref}`, `${path}/document.csv`, '/schemas', '/api/public/schemas']) {
      const res = await anonymous.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(marker);
      expect(res.body, url).not.toContain('objectif chiffré');
    }
    expect((await anonymous.get(path)).body).toContain('Nos achats au service de l’emploi local.');
    expect((await anonymous.get(`/api/spasers/${spaserId}/review`)).statusCode).toBe(401);
  });

  it('the data export holds the comments one wrote; erasure keeps the threads without the author', async () => {
    const mine = (await farid.agent.get('/api/me/export')).json().spaser;
    const minute = <T extends Record<string, unknown>>(list: T[], key: keyof T) => list.map((x) => ({ ...x, [key]: String(x[key]).slice(0, 16) }));
    expect(minute(mine.spaserReviewComments, 'writtenAt')).toEqual([{ spaser: TITLE, section: 'axes', reply: false, text: 'L’axe 2 manque d’un objectif chiffré.', writtenAt: '2027-03-01T09:00' }]);
    expect(minute((await colleague.agent.get('/api/me/export')).json().spaser.spaserReviewer, 'invitedAt')).toEqual([{ spaser: TITLE, invitedAt: '2027-03-01T11:00' }]);
    // Farid erases his account: his comment stays in the thread, unsigned.
    const erased = await farid.agent.post('/api/me/delete', { password: PASSWORD, confirm: true });
    expect(erased.statusCode, erased.body).toBe(200);
    const thread = (await editor.agent.get(`/api/spasers/${spaserId}/review`)).json().threads.find((x: { id: string }) => x.id === threadId);
    expect(thread.comments.map((c: { authorName: string | null; body: string }) => [c.authorName, c.body])).toEqual([
      [null, 'L’axe 2 manque d’un objectif chiffré.'],
      ['Léa Rédactrice', 'Ajouté : 30 % de marchés avec un critère environnemental.'],
    ]);
  });
});

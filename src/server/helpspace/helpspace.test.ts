import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../accounts/accounts.tables.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { COMMUNITY_SPACE_ID } from './helpspace.tables.js';

let t: TestContext;
let orgId: string;
beforeAll(async () => {
  t = await createTestContext();
  orgId = (await t.createOrganisation({ name: 'Ville de Villeurbanne', kind: 'commune' })).id;
});
afterAll(() => t?.close());

const MINUTE = 60_000;
type A = Awaited<ReturnType<TestContext['loggedIn']>>['agent'];

async function ask(agent: A, over: Record<string, unknown> = {}) {
  const res = await agent.post('/api/help/questions', {
    spaceId: COMMUNITY_SPACE_ID,
    title: 'Comment rédiger une clause sociale dans un marché de nettoyage ?',
    body: 'Nous renouvelons notre marché de **nettoyage** des locaux.',
    theme: 'clauses_sociales',
    tags: ['Insertion', 'nettoyage'],
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('ask, answer, mark useful', () => {
  it('notifies the answerer in-app and by e-mail and shows the question as solved', async () => {
    const asker = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Inès', lastName: 'Demandeuse' });
    const helper = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Hugo', lastName: 'Aidant', email: 'hugo.aidant@acheteur.test' });
    expect((await helper.agent.put('/api/notifications/preferences', { emailFrequency: 'immediately' })).statusCode).toBe(200);

    const questionId = await ask(asker.agent);
    const answer = await helper.agent.post(`/api/help/questions/${questionId}/answers`, { body: 'Nous avons réservé 5 % des heures à l’insertion.' });
    expect(answer.statusCode).toBe(201);
    expect(answer.json()).toMatchObject({ notice: null, noticeMessage: null });
    const answerId = answer.json().id;
    await t.drainJobs();

    // The asker follows their own question: one in-app notification about the answer.
    const askerNotes = (await asker.agent.get('/api/notifications')).json();
    expect(askerNotes.unreadCount).toBe(1);
    expect(askerNotes.items[0]).toMatchObject({ kind: 'answer', questionId, postId: answerId, sentence: 'Hugo Aidant a répondu à la question « Comment rédiger une clause sociale dans un marché de nettoyage ? ».' });

    expect((await asker.agent.put(`/api/help/answers/${answerId}/useful`)).statusCode).toBe(200);
    await t.drainJobs();

    const helperNotes = (await helper.agent.get('/api/notifications')).json();
    expect(helperNotes.items.map((n: { kind: string }) => n.kind)).toEqual(['useful']);
    expect(helperNotes.items[0].sentence).toBe('Inès Demandeuse a jugé votre réponse utile dans la question « Comment rédiger une clause sociale dans un marché de nettoyage ? ».');
    const mails = t.smtp.to('hugo.aidant@acheteur.test');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`${helperNotes.items[0].sentence.slice(0, 119)}…`);
    expect(mails[0]!.text).toContain(`http://entraide.test/entraide/questions/${questionId}`);
    const list = mails[0]!.headers.get('list') as { unsubscribe: { url: string }; 'unsubscribe-post': unknown };
    expect(list.unsubscribe.url).toMatch(/^http:\/\/entraide\.test\/api\/notifications\/unsubscribe\?token=/);
    expect(JSON.stringify(list['unsubscribe-post'])).toContain('List-Unsubscribe=One-Click');

    const page = (await t.agent().get(`/api/help/questions/${questionId}`)).json();
    expect(page).toMatchObject({ solved: true, answersCount: 1, tags: ['insertion', 'nettoyage'], author: null });
    expect(page.bodyHtml).toBe('<p>Nous renouvelons notre marché de <strong>nettoyage</strong> des locaux.</p>\n');
    expect(page.answers[0]).toMatchObject({ id: answerId, useful: true });
    const solvedList = (await asker.agent.get('/api/help/questions?solved=true&theme=clauses_sociales')).json();
    expect(solvedList.items.map((q: { id: string }) => q.id)).toContain(questionId);
    const unsolvedList = (await asker.agent.get('/api/help/questions?solved=false&theme=clauses_sociales')).json();
    expect(unsolvedList.items.map((q: { id: string }) => q.id)).not.toContain(questionId);

    // Answering a solved question works, with a notice.
    const late = await (await t.loggedIn({ verifiedIn: [orgId] })).agent.post(`/api/help/questions/${questionId}/answers`, { body: 'Pensez aussi au facilitateur de clauses.' });
    expect(late.json()).toMatchObject({ notice: 'ALREADY_SOLVED' });
    expect(late.json().noticeMessage).toContain('déjà une réponse jugée utile');

    // Recognition: on the profile and in the directory.
    expect((await helper.agent.get('/api/me')).json().usefulAnswersCount).toBe(1);
    const dir = (await asker.agent.get('/api/members?q=aidant')).json();
    expect(dir.items[0]).toMatchObject({ lastName: 'Aidant', usefulAnswersCount: 1 });
  });
});

describe('bad input changes nothing', () => {
  it('refuses empty or long titles and bodies, unknown and too many tags, per field in French', async () => {
    const { agent } = await t.loggedIn({ verifiedIn: [orgId] });
    const base = { spaceId: COMMUNITY_SPACE_ID, title: 'Une question assez longue', body: 'Texte', theme: 'travaux', tags: [] };
    const post = (over: Record<string, unknown>) => agent.post('/api/help/questions', { ...base, ...over });
    let res = await post({ title: '  ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.title).toBe('Saisissez le titre de la question.');
    res = await post({ title: 'x'.repeat(151) });
    expect(res.json().fields.title).toBe('Le titre ne peut dépasser 150 caractères.');
    res = await post({ body: '' });
    expect(res.json().fields.body).toBe('Saisissez le détail de votre question.');
    res = await post({ body: 'x'.repeat(20_001) });
    expect(res.json().fields.body).toBe('Le texte ne peut dépasser 20000 caractères.');
    res = await post({ tags: ['marché', 'clause<script>'] });
    expect(res.json().fields.tags).toBe('Étiquette inconnue : « clause<script> » (lettres, chiffres et tirets seulement).');
    res = await post({ tags: ['a', 'b', 'c', 'd', 'e', 'f'] });
    expect(res.json().fields.tags).toBe('5 étiquettes au plus.');
    res = await post({ tags: ['x'.repeat(31)] });
    expect(res.json().fields.tags).toBe(`L'étiquette « ${'x'.repeat(31)} » dépasse 30 caractères.`);
    res = await post({ theme: 'astronomie' });
    expect(res.json().fields.theme).toBe('Choisissez un thème de la liste.');
    const list = (await agent.get('/api/help/questions?theme=travaux')).json();
    expect(list.total).toBe(0);
  });

  it('refuses voting twice, one’s own post, marking useful on someone else’s question, editing another member’s post', async () => {
    const a = await t.loggedIn({ verifiedIn: [orgId] });
    const b = await t.loggedIn({ verifiedIn: [orgId] });
    const questionId = await ask(a.agent, { title: 'Quel seuil pour un SPASER intercommunal ?', theme: 'gouvernance', tags: [] });
    const answerId = (await b.agent.post(`/api/help/questions/${questionId}/answers`, { body: 'Le seuil est de 50 M€ HT.' })).json().id;

    expect((await b.agent.put(`/api/help/posts/${questionId}/vote`)).json()).toEqual({ score: 1, voted: true });
    const twice = await b.agent.put(`/api/help/posts/${questionId}/vote`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ error: 'ALREADY_VOTED', message: 'Vous avez déjà voté pour ce message.' });
    expect((await a.agent.put(`/api/help/posts/${questionId}/vote`)).json().error).toBe('OWN_POST_VOTE');

    const notMine = await b.agent.put(`/api/help/answers/${answerId}/useful`);
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().error).toBe('NOT_YOUR_QUESTION');

    const edit = await b.agent.patch(`/api/help/posts/${questionId}`, { title: 'Titre remplacé par un autre', body: 'Piraté' });
    expect(edit.statusCode).toBe(403);
    expect(edit.json()).toMatchObject({ error: 'NOT_YOUR_POST', message: 'Vous ne pouvez modifier ou supprimer que vos propres messages.' });
    expect((await b.agent.delete(`/api/help/posts/${questionId}`)).statusCode).toBe(403);

    const page = (await a.agent.get(`/api/help/questions/${questionId}`)).json();
    expect(page).toMatchObject({ title: 'Quel seuil pour un SPASER intercommunal ?', score: 1, solved: false });
    expect(page.answers[0].useful).toBe(false);
    expect(page.can).toMatchObject({ edit: true, delete: true, vote: false });
    expect(page.answers[0].can).toMatchObject({ markUseful: true, edit: false, vote: true });

    // Removing a vote, then removing it again.
    expect((await b.agent.delete(`/api/help/posts/${questionId}/vote`)).json()).toEqual({ score: 0, voted: false });
    expect((await b.agent.delete(`/api/help/posts/${questionId}/vote`)).json().error).toBe('NOT_VOTED');
  });

  it('refuses posting to members without a verified organisation', async () => {
    const { agent } = await t.loggedIn({ pendingIn: [orgId] });
    const res = await agent.post('/api/help/questions', { spaceId: COMMUNITY_SPACE_ID, title: 'Une question assez longue', body: 'x', theme: 'travaux' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('NOT_VERIFIED_MEMBER');
  });
});

describe('edits, comments, mentions, follows', () => {
  it('keeps each previous version and notifies mentioned members and theme followers', async () => {
    const a = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Aline', lastName: 'Autrice' });
    const mentioned = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Malo', lastName: 'Mentionné' });
    const follower = await t.loggedIn({ verifiedIn: [orgId] });
    expect((await follower.agent.put('/api/help/follows/theme/energie')).statusCode).toBe(200);
    expect((await follower.agent.put('/api/help/follows/theme/inconnu')).json().error).toBe('UNKNOWN_FOLLOW_TARGET');

    const questionId = await ask(a.agent, { title: 'Achat d’électricité verte : quels critères ?', body: 'Première version', theme: 'energie', tags: ['électricité'] });
    t.clock.advance(MINUTE);
    const edit = await a.agent.patch(`/api/help/posts/${questionId}`, { title: 'Achat d’électricité verte : quels critères retenir ?', body: `Deuxième version, avis de @[Malo Mentionné](user:${mentioned.user.id}) ?`, tags: ['énergie'] });
    expect(edit.statusCode).toBe(200);
    const revs = (await a.agent.get(`/api/help/posts/${questionId}/revisions`)).json();
    expect(revs.items).toEqual([expect.objectContaining({ title: 'Achat d’électricité verte : quels critères ?', body: 'Première version', tags: ['électricité'] })]);
    const page = (await a.agent.get(`/api/help/questions/${questionId}`)).json();
    expect(page.bodyHtml).toBe(`<p>Deuxième version, avis de <span class="mention" data-user-id="${mentioned.user.id}">@Malo Mentionné</span> ?</p>\n`);
    expect(page.editedAt).not.toBeNull();

    const comment = await follower.agent.post(`/api/help/posts/${questionId}/comments`, { body: 'Voir le guide de l’ADEME.' });
    expect(comment.statusCode).toBe(201);
    await t.drainJobs();

    expect((await follower.agent.get('/api/notifications')).json().items.map((n: { kind: string }) => n.kind)).toEqual(['new_question']);
    expect((await mentioned.agent.get('/api/notifications')).json().items.map((n: { kind: string }) => n.kind)).toEqual(['mention']);
    const authorNotes = (await a.agent.get('/api/notifications')).json();
    expect(authorNotes.items.map((n: { kind: string }) => n.kind)).toEqual(['comment']);

    // Mark read, one then all.
    const one = authorNotes.items[0].id;
    expect((await a.agent.post(`/api/notifications/${one}/read`)).statusCode).toBe(200);
    expect((await a.agent.get('/api/notifications/unread-count')).json()).toEqual({ unreadCount: 0 });
    expect((await follower.agent.post(`/api/notifications/${one}/read`)).json().error).toBe('NOTIFICATION_NOT_FOUND');
    await mentioned.agent.post('/api/notifications/read-all');
    expect((await mentioned.agent.get('/api/notifications/unread-count')).json()).toEqual({ unreadCount: 0 });
  });
});

describe('similar questions and rate limit', () => {
  it('suggests similar questions while the title is typed', async () => {
    const { agent } = await t.loggedIn({ verifiedIn: [orgId] });
    const id = await ask(agent, { title: 'Intégrer du commerce équitable dans la restauration scolaire', theme: 'commerce_equitable', tags: [] });
    const res = (await t.agent().get(`/api/help/questions/similar?title=${encodeURIComponent('restaurations scolaires équitables')}`)).json();
    expect(res.items[0]).toMatchObject({ id, solved: false });
    expect((await t.agent().get('/api/help/questions/similar?title=zz')).json()).toEqual({ items: [] });
  });

  it('limits accounts younger than 7 days to 5 posts an hour, counted in the database', async () => {
    const young = await t.loggedIn({ verifiedIn: [orgId] });
    for (let i = 1; i <= 5; i++) await ask(young.agent, { title: `Question numéro ${i} du nouveau membre`, tags: [] });
    const sixth = await young.agent.post('/api/help/questions', { spaceId: COMMUNITY_SPACE_ID, title: 'Question numéro 6 du nouveau membre', body: 'x', theme: 'travaux' });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error).toBe('POSTING_RATE_LIMITED');
    t.clock.advance(61 * MINUTE);
    await ask(young.agent, { title: 'Question numéro 6 du nouveau membre', tags: [] });

    // An account of 8 days is not limited.
    const seasoned = await t.createMember({ verifiedIn: [orgId] });
    t.clock.advance(8 * 24 * 60 * MINUTE);
    const agent = t.agent();
    await agent.post('/api/auth/login', { email: seasoned.email, password: seasoned.password });
    for (let i = 1; i <= 6; i++) await ask(agent, { title: `Question ${i} du membre ancien`, tags: [] });
  });
});

describe('moderation', () => {
  it('reports, queue, hide and restore, lock, move, delete with a trace, own delete', async () => {
    const author = await t.loggedIn({ verifiedIn: [orgId] });
    const reporter = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Rémi', lastName: 'Rapporteur' });
    const facilitator = await t.loggedIn({ role: 'facilitator' });
    const questionId = await ask(author.agent, { title: 'Question à modérer sur les travaux', theme: 'travaux', tags: [] });

    expect((await reporter.agent.post(`/api/help/posts/${questionId}/reports`, { reason: '' })).json().fields.reason).toBe('Indiquez la raison du signalement.');
    expect((await reporter.agent.post(`/api/help/posts/${questionId}/reports`, { reason: 'Publicité' })).statusCode).toBe(201);
    expect((await reporter.agent.post(`/api/help/posts/${questionId}/reports`, { reason: 'Publicité' })).json().error).toBe('ALREADY_REPORTED');
    const second = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Sarah', lastName: 'Signale' });
    t.clock.advance(60_000);
    expect((await second.agent.post(`/api/help/posts/${questionId}/reports`, { reason: 'Hors sujet' })).statusCode).toBe(201);
    // One line per post: each reason with its reporter, and how many members reported it.
    const queue = (await facilitator.agent.get('/api/help/moderation/reports')).json();
    expect(queue.items).toEqual([
      expect.objectContaining({
        postId: questionId,
        postKind: 'question',
        reportersCount: 2,
        reports: [
          expect.objectContaining({ reason: 'Publicité', reporter: expect.objectContaining({ displayName: 'Rémi Rapporteur' }) }),
          expect.objectContaining({ reason: 'Hors sujet', reporter: expect.objectContaining({ displayName: 'Sarah Signale' }) }),
        ],
      }),
    ]);

    const mod = (body: object) => facilitator.agent.post(`/api/help/moderation/posts/${questionId}`, body);
    expect((await mod({ action: 'hide', reason: 'Publicité' })).statusCode).toBe(200);
    // Acting on the post closes both of its reports.
    expect((await facilitator.agent.get('/api/help/moderation/reports')).json().items).toEqual([]);
    expect((await t.agent().get(`/api/help/questions/${questionId}`)).statusCode).toBe(404);
    expect((await reporter.agent.get(`/api/help/questions/${questionId}`)).statusCode).toBe(404);
    expect((await facilitator.agent.get(`/api/help/questions/${questionId}`)).json().hidden).toBe(true);
    expect((await mod({ action: 'restore' })).statusCode).toBe(200);
    expect((await reporter.agent.get(`/api/help/questions/${questionId}`)).statusCode).toBe(200);

    expect((await mod({ action: 'lock' })).statusCode).toBe(200);
    const locked = await reporter.agent.post(`/api/help/questions/${questionId}/answers`, { body: 'Une réponse' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error).toBe('QUESTION_LOCKED');
    expect((await mod({ action: 'move' })).json().error).toBe('MOVE_NEEDS_THEME');
    expect((await mod({ action: 'move', theme: 'numerique' })).statusCode).toBe(200);
    expect((await t.agent().get(`/api/help/questions/${questionId}`)).json()).toMatchObject({ theme: 'numerique', locked: true });
    expect((await mod({ action: 'delete', reason: 'Doublon' })).statusCode).toBe(200);
    expect((await facilitator.agent.get(`/api/help/questions/${questionId}`)).statusCode).toBe(404);
    const log = (await facilitator.agent.get('/api/help/moderation/log')).json();
    expect(log.items.filter((l: { postId: string }) => l.postId === questionId).map((l: { action: string }) => l.action)).toEqual(['delete', 'move', 'lock', 'restore', 'hide']);

    // A member deletes their own answer; the trace stays in the log.
    const q2 = await ask(author.agent, { title: 'Autre question sur les travaux', theme: 'travaux', tags: [] });
    const answerId = (await reporter.agent.post(`/api/help/questions/${q2}/answers`, { body: 'Je me suis trompé' })).json().id;
    expect((await reporter.agent.delete(`/api/help/posts/${answerId}`)).statusCode).toBe(200);
    expect((await author.agent.get(`/api/help/questions/${q2}`)).json().answersCount).toBe(0);
    expect((await facilitator.agent.get('/api/help/moderation/log')).json().items[0]).toMatchObject({ postId: answerId, action: 'delete_by_author' });
  });
});

describe('unanswered questions', () => {
  it('alerts facilitators after 48 hours with the members who answered most usefully on the theme', async () => {
    const expert = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Elsa', lastName: 'Experte' });
    const asker = await t.loggedIn({ verifiedIn: [orgId] });
    const facilitator = await t.loggedIn({ role: 'facilitator', email: 'animatrice.alerte@entraide.test' });
    await facilitator.agent.put('/api/notifications/preferences', { emailFrequency: 'immediately' });
    // Elsa's two useful answers on the theme "indicateurs".
    for (const n of [1, 2]) {
      const q = await ask(asker.agent, { title: `Quels indicateurs de suivi, cas ${n} ?`, theme: 'indicateurs', tags: [] });
      const a = (await expert.agent.post(`/api/help/questions/${q}/answers`, { body: 'Part des marchés avec clause.' })).json().id;
      await asker.agent.put(`/api/help/answers/${a}/useful`);
    }
    const waiting = await ask(asker.agent, { title: 'Comment suivre les indicateurs du SPASER chaque année ?', theme: 'indicateurs', tags: [] });
    await t.drainJobs();
    t.clock.advance(47 * 60 * MINUTE);
    await t.drainJobs();
    const agent = t.agent();
    await agent.post('/api/auth/login', { email: 'animatrice.alerte@entraide.test', password: facilitator.user.password });
    const mine = async () => (await agent.get('/api/notifications')).json().items.filter((n: { kind: string; questionId: string }) => n.kind === 'unanswered' && n.questionId === waiting);
    expect(await mine()).toEqual([]);
    t.clock.advance(2 * 60 * MINUTE);
    await t.drainJobs();
    const alerts = await mine();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      questionId: waiting,
      sentence: 'La question « Comment suivre les indicateurs du SPASER chaque année ? » attend une réponse depuis 48 heures.',
      suggestedHelpers: [{ id: expert.user.id, displayName: 'Elsa Experte', usefulAnswersCount: 2 }],
    });
    // Once only.
    t.clock.advance(2 * 60 * MINUTE);
    await t.drainJobs();
    expect(await mine()).toHaveLength(1);
    // The facilitator chose immediate e-mails: the alert names the members to ask.
    const alertMails = t.smtp.to('animatrice.alerte@entraide.test').filter((m) => m.text.includes('Comment suivre les indicateurs'));
    expect(alertMails).toHaveLength(1);
    expect(alertMails[0]!.text).toContain('La question « Comment suivre les indicateurs du SPASER chaque année ? » attend une réponse depuis 48 heures. Membres à solliciter sur ce thème : Elsa Experte (2 réponses utiles).');
  });
});

describe('private space management and several useful answers', () => {
  it('refuses unknown accounts and the community space, changing nothing', async () => {
    const facilitator = await t.loggedIn({ role: 'facilitator' });
    const unknown = '00000000-0000-4000-8000-000000000001';
    const before = (await facilitator.agent.get('/api/help/spaces')).json().items.length;
    const bad = await facilitator.agent.post('/api/help/spaces', { name: 'Groupe de travail', memberIds: [unknown] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'NOT_A_MEMBER_ACCOUNT', fields: { memberIds: "Un des comptes choisis n'existe pas ou est désactivé." } });
    expect((await facilitator.agent.get('/api/help/spaces')).json().items.length).toBe(before);
    expect((await facilitator.agent.post('/api/help/spaces', { name: '' })).json().fields.name).toBe("Saisissez le nom de l'espace.");
    const space = (await facilitator.agent.post('/api/help/spaces', { name: 'Groupe de travail' })).json().id;
    expect((await facilitator.agent.put(`/api/help/spaces/${space}/members/${unknown}`)).json().error).toBe('NOT_A_MEMBER_ACCOUNT');
    const someone = await t.createMember({ verifiedIn: [orgId] });
    expect((await facilitator.agent.put(`/api/help/spaces/${COMMUNITY_SPACE_ID}/members/${someone.id}`)).json().error).toBe('SPACE_NOT_PRIVATE');
    expect((await facilitator.agent.put(`/api/help/spaces/${space}/members/${someone.id}`)).statusCode).toBe(200);
    expect((await facilitator.agent.put(`/api/help/spaces/${space}/members/${someone.id}`)).statusCode).toBe(200);
    expect((await facilitator.agent.get(`/api/help/spaces/${space}`)).json().members.map((m: { id: string }) => m.id)).toEqual([someone.id]);
    expect((await facilitator.agent.get(`/api/help/spaces/${space}`)).json().can).toEqual({ post: true, manageMembers: true });
  });

  it('lets the author mark several answers useful and unmark one; names are shown to verified members only', async () => {
    const asker = await t.loggedIn({ verifiedIn: [orgId], firstName: 'Nina', lastName: 'Plusieurs' });
    const b = await t.loggedIn({ verifiedIn: [orgId] });
    const c = await t.loggedIn({ verifiedIn: [orgId] });
    const q = await ask(asker.agent, { title: 'Plusieurs réponses utiles possibles ?', theme: 'autre', tags: [] });
    const a1 = (await b.agent.post(`/api/help/questions/${q}/answers`, { body: 'Première' })).json().id;
    const a2 = (await c.agent.post(`/api/help/questions/${q}/answers`, { body: 'Seconde' })).json().id;
    await asker.agent.put(`/api/help/answers/${a1}/useful`);
    await asker.agent.put(`/api/help/answers/${a2}/useful`);
    let page = (await b.agent.get(`/api/help/questions/${q}`)).json();
    expect(page.answers.map((a: { useful: boolean }) => a.useful)).toEqual([true, true]);
    expect(page.author).toEqual({ id: asker.user.id, displayName: 'Nina Plusieurs', organisationName: 'Ville de Villeurbanne', profile: true });
    // A name links to the profile only when it is open to members: not for one hidden from the directory.
    await t.db.update(users).set({ directoryVisibility: 'hidden' }).where(eq(users.id, c.user.id));
    const hidden = (await b.agent.get(`/api/help/questions/${q}`)).json().answers.find((a: { id: string }) => a.id === a2);
    expect(hidden.author).toMatchObject({ id: c.user.id, profile: false });
    expect((await asker.agent.delete(`/api/help/answers/${a1}/useful`)).statusCode).toBe(200);
    page = (await b.agent.get(`/api/help/questions/${q}`)).json();
    expect(page.answers.map((a: { id: string; useful: boolean }) => [a.id, a.useful])).toEqual([[a2, true], [a1, false]]);
    expect(page.solved).toBe(true);
    expect((await asker.agent.put(`/api/help/answers/${q}/useful`)).json().error).toBe('NOT_AN_ANSWER');
  });
});

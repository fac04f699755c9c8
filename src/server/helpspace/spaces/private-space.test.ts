import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, PASSWORD, type TestContext } from '../../../../tests/helpers/context.js';

/**
 * A private space's content never reaches an outsider: every read path is walked for each
 * persona (visitor, unverified account, verified outsider, former member) against a member and a
 * facilitator who do see it.
 */
let t: TestContext;
type A = Awaited<ReturnType<TestContext['loggedIn']>>['agent'];
const p = {} as Record<'anonymous' | 'unverified' | 'outsider' | 'member' | 'facilitator' | 'former', A>;
const ids = {} as { space: string; question: string; answer: string; comment: string; memberId: string; formerId: string; outsiderId: string; outsiderEmail: string; formerEmail: string; memberEmail: string };
const SECRET = 'quinoa';

beforeAll(async () => {
  t = await createTestContext();
  const org = await t.createOrganisation();
  const other = await t.createOrganisation();
  p.anonymous = t.agent();
  p.unverified = (await t.loggedIn({ pendingIn: [org.id] })).agent;
  const outsider = await t.loggedIn({ verifiedIn: [other.id], firstName: 'Oscar', lastName: 'Dehors' });
  p.outsider = outsider.agent;
  ids.outsiderId = outsider.user.id;
  ids.outsiderEmail = outsider.user.email;
  const member = await t.loggedIn({ verifiedIn: [org.id] });
  p.member = member.agent;
  ids.memberId = member.user.id;
  ids.memberEmail = member.user.email;
  const former = await t.loggedIn({ verifiedIn: [org.id] });
  p.former = former.agent;
  ids.formerId = former.user.id;
  ids.formerEmail = former.user.email;
  p.facilitator = (await t.loggedIn({ role: 'facilitator' })).agent;

  // Everyone outside follows the theme; the outsider chooses e-mails immediately, the former member daily.
  for (const a of [p.outsider, p.unverified, p.former]) expect((await a.put('/api/help/follows/theme/alimentation')).statusCode).toBe(200);
  await p.outsider.put('/api/notifications/preferences', { emailFrequency: 'immediately' });
  await p.former.put('/api/notifications/preferences', { emailFrequency: 'daily' });

  // Facilitators create the space and manage its member list.
  expect((await p.member.post('/api/help/spaces', { name: 'Promotion 2027' })).statusCode).toBe(403);
  const created = await p.facilitator.post('/api/help/spaces', { name: 'Promotion 2027', description: 'Cohorte de printemps', memberIds: [member.user.id] });
  expect(created.statusCode).toBe(201);
  ids.space = created.json().id;
  expect((await p.facilitator.put(`/api/help/spaces/${ids.space}/members/${former.user.id}`)).statusCode).toBe(200);
  await p.former.put(`/api/help/follows/space/${ids.space}`);

  const q = await p.member.post('/api/help/questions', {
    spaceId: ids.space,
    title: `Menus au ${SECRET} dans la cohorte`,
    body: `Question confidentielle sur le ${SECRET}, avis de @[Oscar Dehors](user:${outsider.user.id}) ?`,
    theme: 'alimentation',
    tags: ['cohorte'],
  });
  expect(q.statusCode).toBe(201);
  ids.question = q.json().id;
  ids.answer = (await p.former.post(`/api/help/questions/${ids.question}/answers`, { body: `Le ${SECRET} bio fonctionne.` })).json().id;
  ids.comment = (await p.member.post(`/api/help/posts/${ids.answer}/comments`, { body: 'Merci !' })).json().id;
  await p.member.put(`/api/help/answers/${ids.answer}/useful`);
  await t.drainJobs();
  // The former member leaves the cohort after being notified in-app.
  // new_question (follows the space), comment on the answer, useful.
  expect((await p.former.get('/api/notifications/unread-count')).json().unreadCount).toBe(3);
  expect((await p.facilitator.delete(`/api/help/spaces/${ids.space}/members/${former.user.id}`)).statusCode).toBe(200);
});
afterAll(() => t?.close());

const outsiders = ['anonymous', 'unverified', 'outsider', 'former'] as const;
const insiders = ['member', 'facilitator'] as const;

describe('private space: outsiders see nothing, insiders see it', () => {
  it('space list and counts', async () => {
    for (const who of outsiders) {
      const list = (await p[who].get('/api/help/spaces')).json();
      expect(list.items.map((s: { id: string }) => s.id), who).not.toContain(ids.space);
      expect(list.items.reduce((n: number, s: { questionsCount: number }) => n + s.questionsCount, 0), who).toBe(0);
      const themes = (await p[who].get('/api/help/themes')).json();
      expect(themes.items.find((th: { key: string }) => th.key === 'alimentation').questionsCount, who).toBe(0);
    }
    for (const who of insiders) {
      const list = (await p[who].get('/api/help/spaces')).json();
      expect(list.items.find((s: { id: string }) => s.id === ids.space), who).toMatchObject({ kind: 'private', name: 'Promotion 2027', questionsCount: 1 });
      expect((await p[who].get('/api/help/themes')).json().items.find((th: { key: string }) => th.key === 'alimentation').questionsCount).toBe(1);
    }
  });

  it('space page, question lists, question page, revisions', async () => {
    for (const who of outsiders) {
      expect((await p[who].get(`/api/help/spaces/${ids.space}`)).statusCode, who).toBe(404);
      expect((await p[who].get(`/api/help/questions?spaceId=${ids.space}`)).statusCode, who).toBe(404);
      expect((await p[who].get('/api/help/questions')).json().items.map((q: { id: string }) => q.id), who).not.toContain(ids.question);
      expect((await p[who].get('/api/help/questions?tag=cohorte')).json().total, who).toBe(0);
      for (const id of [ids.question]) expect((await p[who].get(`/api/help/questions/${id}`)).statusCode, who).toBe(404);
      for (const id of [ids.question, ids.answer, ids.comment]) expect((await p[who].get(`/api/help/posts/${id}/revisions`)).statusCode, who).toBe(404);
    }
    const page = (await p.member.get(`/api/help/questions/${ids.question}`)).json();
    expect(page).toMatchObject({ id: ids.question, solved: true, space: { id: ids.space, kind: 'private' } });
    expect(page.answers[0].comments).toHaveLength(1);
    const detail = (await p.facilitator.get(`/api/help/spaces/${ids.space}`)).json();
    expect(detail.members.map((m: { id: string }) => m.id)).toEqual([ids.memberId]);
    expect((await p.facilitator.get(`/api/help/questions?spaceId=${ids.space}`)).json().total).toBe(1);
  });

  it('search and similar-title suggestions', async () => {
    for (const who of outsiders) {
      expect((await p[who].get(`/api/help/search?q=${SECRET}`)).json().total, who).toBe(0);
      expect((await p[who].get(`/api/help/search?q=${SECRET}&spaceId=${ids.space}`)).statusCode, who).toBe(404);
      expect((await p[who].get(`/api/help/questions/similar?title=${SECRET}`)).json().items, who).toEqual([]);
    }
    for (const who of insiders) {
      expect((await p[who].get(`/api/help/search?q=${SECRET}`)).json().items.map((i: { id: string }) => i.id), who).toEqual([ids.question]);
      expect((await p[who].get(`/api/help/questions/similar?title=${SECRET}`)).json().items.map((i: { id: string }) => i.id), who).toEqual([ids.question]);
    }
  });

  it('write paths answer as if it did not exist', async () => {
    for (const who of ['outsider', 'former'] as const) {
      const res = await p[who].post(`/api/help/questions/${ids.question}/answers`, { body: 'Intrusion' });
      expect(res.statusCode, who).toBe(404);
      expect(res.json().error).toBe('QUESTION_NOT_FOUND');
      const post = await p[who].post('/api/help/questions', { spaceId: ids.space, title: 'Je poste chez les autres', body: 'x', theme: 'autre' });
      expect(post.json(), who).toMatchObject({ error: 'SPACE_NOT_FOUND', message: "Cet espace n'existe pas, ou vous n'y avez pas accès." });
      expect((await p[who].put(`/api/help/posts/${ids.answer}/vote`)).statusCode, who).toBe(404);
      expect((await p[who].post(`/api/help/posts/${ids.answer}/reports`, { reason: 'x' })).statusCode, who).toBe(404);
      expect((await p[who].post(`/api/help/posts/${ids.question}/comments`, { body: 'x' })).statusCode, who).toBe(404);
      expect((await p[who].put(`/api/help/follows/question/${ids.question}`)).statusCode, who).toBe(404);
      expect((await p[who].put(`/api/help/follows/space/${ids.space}`)).statusCode, who).toBe(404);
    }
    expect((await p.member.get(`/api/help/questions/${ids.question}`)).json().answersCount).toBe(1);
  });

  it('notifications, unread counts and e-mails (immediate and digest)', async () => {
    // The outsider follows the theme and was mentioned, yet got nothing; the former member's
    // earlier notifications are gone from the list and the count.
    for (const who of outsiders.filter((w) => w !== 'anonymous')) {
      expect((await p[who].get('/api/notifications')).json(), who).toMatchObject({ items: [], unreadCount: 0, total: 0 });
      expect((await p[who].get('/api/notifications/unread-count')).json(), who).toEqual({ unreadCount: 0 });
    }
    expect((await p.anonymous.get('/api/notifications')).statusCode).toBe(401);
    // Digest time: nothing for the former member (its daily digest finds nothing readable).
    t.clock.advance(25 * 3600_000);
    await t.drainJobs();
    expect(t.smtp.to(ids.outsiderEmail)).toEqual([]);
    expect(t.smtp.to(ids.formerEmail)).toEqual([]);
    // Only the member receives the private content (its daily digest about the answer).
    const leaking = t.smtp.received.filter((m) => JSON.stringify(m).includes(SECRET));
    expect(leaking.map((m) => m.to)).toEqual([ids.memberEmail]);
  });

  it('exports, directory counts and the API description', async () => {
    // Sessions expired while the clock moved: log in again.
    const fresh = async (who: 'outsider' | 'member') => {
      const a = t.agent();
      await a.post('/api/auth/login', { email: who === 'outsider' ? ids.outsiderEmail : ids.memberEmail, password: PASSWORD });
      return a;
    };
    const outsider = await fresh('outsider');
    expect((await outsider.get(`/api/help/spaces/${ids.space}/export.csv`)).statusCode).toBe(404);
    const member = await fresh('member');
    const csv = await member.get(`/api/help/spaces/${ids.space}/export.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body.split('\r\n')[1]).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2};Menus au ${SECRET} dans la cohorte;alimentation;cohorte;1;0;oui$`));
    // A useful answer in a private space does not count in the directory.
    const dir = (await outsider.get('/api/members')).json();
    expect(dir.items.every((m: { usefulAnswersCount: number }) => m.usefulAnswersCount === 0)).toBe(true);
    expect((await t.agent().get('/api/openapi.json')).body).not.toContain(SECRET);
  });
});

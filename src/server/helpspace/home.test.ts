import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { COMMUNITY_SPACE_ID } from './helpspace.tables.js';

/**
 * Issue 13, item 3: the help-space home lists questions as a forum's home does — latest, unanswered,
 * most useful, and « vos questions suivies » for a signed-in member — with the question list's
 * visibility rule. Fixture (one hour between posts, so the order by date is known):
 *
 *   q0  Anne,  community, answered by Chloé
 *   q1  Anne,  community, answered by Bruno
 *   q2  Bruno, community, « utile » votes from Anne and Chloé (2)
 *   q3  Anne,  community, « utile » vote from Bruno (1)
 *   q4  Bruno, private space P (Bruno is its only member)
 *   q5  Chloé, community
 *
 * Askers follow their own questions; Anne also follows q2. Lists hold 5 questions at most.
 */
let t: TestContext;
type Agent = Awaited<ReturnType<TestContext['loggedIn']>>['agent'];
let anne: Agent;
let bruno: Agent;
let brunoId: string;
let chloe: Agent;
let facilitator: Agent;
let spaceP: string;
const q: string[] = [];

const hour = () => t.clock.advance(61 * 60_000);
async function ask(agent: Agent, spaceId: string, n: number) {
  const res = await agent.post('/api/help/questions', { spaceId, title: `Question numéro ${n} sur le SPASER`, body: 'Votre avis ?', theme: 'autre', tags: [] });
  expect(res.statusCode, res.body).toBe(201);
  q[n] = res.json().id;
  hour();
}

beforeAll(async () => {
  t = await createTestContext();
  const org = await t.createOrganisation({ kind: 'commune' });
  anne = (await t.loggedIn({ verifiedIn: [org.id], firstName: 'Anne' })).agent;
  const b = await t.loggedIn({ verifiedIn: [org.id], firstName: 'Bruno' });
  bruno = b.agent;
  brunoId = b.user.id;
  chloe = (await t.loggedIn({ verifiedIn: [org.id], firstName: 'Chloé' })).agent;
  facilitator = (await t.loggedIn({ role: 'facilitator' })).agent;
  const created = await facilitator.post('/api/help/spaces', { name: 'Groupe de travail P', description: '' });
  expect(created.statusCode, created.body).toBe(201);
  spaceP = created.json().id;
  expect((await facilitator.put(`/api/help/spaces/${spaceP}/members/${brunoId}`)).statusCode).toBe(200);

  await ask(anne, COMMUNITY_SPACE_ID, 0);
  expect((await chloe.post(`/api/help/questions/${q[0]}/answers`, { body: 'Voici notre expérience.' })).statusCode).toBe(201);
  await ask(anne, COMMUNITY_SPACE_ID, 1);
  expect((await bruno.post(`/api/help/questions/${q[1]}/answers`, { body: 'Voici la nôtre.' })).statusCode).toBe(201);
  await ask(bruno, COMMUNITY_SPACE_ID, 2);
  await ask(anne, COMMUNITY_SPACE_ID, 3);
  await ask(bruno, spaceP, 4);
  await ask(chloe, COMMUNITY_SPACE_ID, 5);
  for (const [agent, n] of [[anne, 2], [chloe, 2], [bruno, 3]] as const) expect((await agent.put(`/api/help/posts/${q[n]}/vote`)).statusCode).toBe(200);
  expect((await anne.put(`/api/help/follows/question/${q[2]}`)).statusCode).toBe(200);
});
afterAll(() => t?.close());

type Home = Record<'latest' | 'unanswered' | 'useful', { id: string }[]> & { followed: { id: string }[] | null };
const names = (list: { id: string }[]) => list.map((x) => `q${q.indexOf(x.id)}`);
async function homeOf(agent: Agent) {
  const res = await agent.get('/api/help/home');
  expect(res.statusCode).toBe(200);
  const h = res.json() as Home;
  return { latest: names(h.latest), unanswered: names(h.unanswered), useful: names(h.useful), followed: h.followed && names(h.followed) };
}

describe('item 3: the help-space home lists questions as a forum does', () => {
  it('item 3: a visitor gets the community questions: latest, unanswered, most useful, and no followed list', async () => {
    expect(await homeOf(t.agent())).toEqual({
      latest: ['q5', 'q3', 'q2', 'q1', 'q0'],
      unanswered: ['q5', 'q3', 'q2'],
      useful: ['q2', 'q3'],
      followed: null,
    });
  });

  it('item 3: a member of the private space sees its question too (five at most per list) and the questions they follow', async () => {
    expect(await homeOf(bruno)).toEqual({
      latest: ['q5', 'q4', 'q3', 'q2', 'q1'],
      unanswered: ['q5', 'q4', 'q3', 'q2'],
      useful: ['q2', 'q3'],
      followed: ['q4', 'q2'],
    });
    expect((await homeOf(anne)).followed).toEqual(['q3', 'q2', 'q1', 'q0']);
  });

  it('item 3: a followed question the member may no longer read leaves their list', async () => {
    expect((await facilitator.delete(`/api/help/spaces/${spaceP}/members/${brunoId}`)).statusCode).toBe(200);
    expect(await homeOf(bruno)).toEqual({
      latest: ['q5', 'q3', 'q2', 'q1', 'q0'],
      unanswered: ['q5', 'q3', 'q2'],
      useful: ['q2', 'q3'],
      followed: ['q2'],
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers/context.js';
import { COMMUNITY_SPACE_ID } from '../helpspace.tables.js';

let t: TestContext;
type A = Awaited<ReturnType<TestContext['loggedIn']>>['agent'];
let commune: A;
let hopital: A;
const ids: Record<string, string> = {};

async function ask(agent: A, key: string, title: string, body: string, theme = 'autre') {
  const res = await agent.post('/api/help/questions', { spaceId: COMMUNITY_SPACE_ID, title, body, theme, tags: [] });
  expect(res.statusCode, res.body).toBe(201);
  ids[key] = res.json().id;
  return ids[key]!;
}
const search = async (agent: A, qs: string) => (await agent.get(`/api/help/search?${qs}`)).json();

beforeAll(async () => {
  t = await createTestContext();
  const org = await t.createOrganisation({ kind: 'commune' });
  const chu = await t.createOrganisation({ kind: 'hopital' });
  commune = (await t.loggedIn({ verifiedIn: [org.id] })).agent;
  hopital = (await t.loggedIn({ verifiedIn: [chu.id] })).agent;
  await ask(commune, 'title', 'Un achat responsable pour les fournitures', 'Comment démarrer ?', 'gouvernance');
  await ask(hopital, 'body', 'Démarrer avec le SPASER à l’hôpital', 'Nous visons un achat responsable des dispositifs médicaux.', 'gouvernance');
  await ask(commune, 'accents', 'Clauses écologiques & collectivités', 'Quelles clauses pour les collectivités rurales (seuil < 40 000 €) ?', 'clauses_environnementales');
  await ask(hopital, 'other', 'Sourcing des repas en circuits courts', 'Restauration collective hospitalière.', 'alimentation');
  const answered = await ask(commune, 'viaAnswer', 'Question sans le mot cherché', 'Rien ici.', 'numerique');
  await hopital.post(`/api/help/questions/${answered}/answers`, { body: 'Un achat responsable de numérique passe par le reconditionnement.' });
});
afterAll(() => t?.close());

describe('French full-text search', () => {
  it('stems: « achats responsables » finds « achat responsable », title matches first', async () => {
    const res = await search(t.agent(), 'q=achats%20responsables');
    expect(res.items.map((i: { id: string }) => i.id)).toEqual([ids.title, ids.body, ids.viaAnswer]);
    expect(res.total).toBe(3);
    expect(res.items[0].excerptHtml).toContain('<mark>achat</mark> <mark>responsable</mark>');
    expect(res.items[0].rank).toBeGreaterThan(res.items[1].rank);
  });

  it('ignores accents and escapes the excerpt', async () => {
    const res = await search(t.agent(), 'q=collectivites%20ecologiques');
    expect(res.items.map((i: { id: string }) => i.id)).toEqual([ids.accents]);
    expect(res.items[0].excerptHtml).toContain('Clauses <mark>écologiques</mark> &amp; <mark>collectivités</mark> — Quelles clauses pour les <mark>collectivités</mark>');
    expect(res.items[0].excerptHtml.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('filters by theme, solved, space and kind of organisation of the author; paginates', async () => {
    expect((await search(t.agent(), 'q=achat%20responsable&theme=gouvernance')).total).toBe(2);
    expect((await search(t.agent(), 'q=achat%20responsable&organisationKind=hopital')).items.map((i: { id: string }) => i.id)).toEqual([ids.body]);
    expect((await search(t.agent(), `q=achat%20responsable&spaceId=${COMMUNITY_SPACE_ID}&solved=false`)).total).toBe(3);
    expect((await search(t.agent(), 'q=achat%20responsable&solved=true')).total).toBe(0);
    const bad = await t.agent().get('/api/help/search?q=');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.q).toBe('Saisissez des mots à chercher.');
    expect((await t.agent().get('/api/help/search?q=x&organisationKind=planete')).json().fields.organisationKind).toBe("Type d'organisation inconnu.");

    // 21 questions matching « tri » → 20 on page 1, 1 on page 2.
    for (let i = 0; i < 21; i++) {
      const agent = i % 2 ? commune : hopital;
      if (i % 5 === 4) t.clock.advance(61 * 60_000);
      await ask(agent, `tri${i}`, `Tri des biodéchets, cas numéro ${i}`, 'Tri à la source.', 'economie_circulaire');
    }
    const p1 = await search(t.agent(), 'q=biodechets&page=1');
    const p2 = await search(t.agent(), 'q=biodechets&page=2');
    expect([p1.total, p1.items.length, p2.items.length, p1.pageSize]).toEqual([21, 20, 1, 20]);
  });
});

describe('Question list order', () => {
  it('sorts by votes and keeps only unanswered questions on request', async () => {
    await commune.put(`/api/help/posts/${ids.other}/vote`);
    const byVotes = (await (await t.agent().get('/api/help/questions?sort=votes')).json()).items;
    expect(byVotes[0].id).toBe(ids.other);
    const unanswered = (await (await t.agent().get('/api/help/questions?sort=unanswered&theme=numerique')).json());
    expect(unanswered.total).toBe(0);
    const all = (await (await t.agent().get('/api/help/questions?theme=numerique')).json());
    expect(all.total).toBe(1);
    expect((await t.agent().get('/api/help/questions?sort=hasard')).statusCode).toBe(400);
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers/context.js';
import { COMMUNITY_SPACE_ID } from '../helpspace.tables.js';
import { refreshQuestionsSql } from '../posts/question-stats.js';
import { SEARCH_CANDIDATES } from './search.service.js';
import { rows } from '../../platform/db.js';
import { RECENT_WALK } from '../../platform/search.js';

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

describe('denormalised answer count, solved state, score and thread text follow every write', () => {
  it('answer, useful, vote, hide, restore and delete: lists, filters and search agree with the question page', async () => {
    const facilitator = (await t.loggedIn({ role: 'facilitator' })).agent;
    const q = await ask(commune, 'stats', 'Sobriété des serveurs informatiques', 'Par où commencer ?', 'numerique');
    const row = async () => (await (await t.agent().get('/api/help/questions?theme=numerique')).json()).items.find((i: { id: string }) => i.id === q);
    const unanswered = async () => (await (await t.agent().get('/api/help/questions?sort=unanswered&theme=numerique')).json()).items.map((i: { id: string }) => i.id);
    const found = async (words: string) => (await search(t.agent(), `q=${encodeURIComponent(words)}`)).items.map((i: { id: string }) => i.id);
    expect(await row()).toMatchObject({ answersCount: 0, solved: false, score: 0 });
    expect(await unanswered()).toEqual([q]);

    const a = (await hopital.post(`/api/help/questions/${q}/answers`, { body: 'Mutualisez les baies de stockage avec le département.' })).json().id;
    expect(await row()).toMatchObject({ answersCount: 1, solved: false });
    expect(await unanswered()).toEqual([]);
    // Found through its answer's words (stemmed), which are in no title or question body.
    expect(await found('baie stockage')).toEqual([q]);

    expect((await commune.put(`/api/help/answers/${a}/useful`)).statusCode).toBe(200);
    expect((await hopital.put(`/api/help/posts/${q}/vote`)).statusCode).toBe(200);
    expect(await row()).toMatchObject({ answersCount: 1, solved: true, score: 1 });
    expect((await search(t.agent(), 'q=baies&solved=true')).items.map((i: { id: string }) => i.id)).toEqual([q]);

    // Hidden by moderation: not counted, no longer solving, and its text no longer finds the question.
    expect((await facilitator.post(`/api/help/moderation/posts/${a}`, { action: 'hide', reason: 'Vérification' })).statusCode).toBe(200);
    expect(await row()).toMatchObject({ answersCount: 0, solved: false });
    expect(await unanswered()).toEqual([q]);
    expect(await found('baies')).toEqual([]);
    expect((await search(facilitator, 'q=baies')).items).toEqual([]);
    expect((await facilitator.post(`/api/help/moderation/posts/${a}`, { action: 'restore', reason: '' })).statusCode).toBe(200);
    expect(await row()).toMatchObject({ answersCount: 1, solved: true });
    expect(await found('baies')).toEqual([q]);

    // The author deletes it: gone everywhere; the vote stays on the question.
    expect((await hopital.delete(`/api/help/posts/${a}`)).statusCode).toBe(200);
    expect(await row()).toMatchObject({ answersCount: 0, solved: false, score: 1 });
    expect(await found('baies')).toEqual([]);
    expect((await hopital.delete(`/api/help/posts/${q}/vote`)).statusCode).toBe(200);
    expect(await row()).toMatchObject({ score: 0 });

    // An edited title is searched at once.
    expect((await commune.patch(`/api/help/posts/${q}`, { title: 'Sobriété des centres de données', body: 'Par où commencer ?', tags: [] })).statusCode).toBe(200);
    expect(await found('centre de données')).toEqual([q]);
    expect(await found('serveurs')).toEqual([]);
  });
});

describe('search at scale: ranked candidates, a capped total', () => {
  it('ranks the most recent matches only, says there are more, and pages through them', async () => {
    const n = SEARCH_CANDIDATES;
    expect(n).toBe(200);
    // 1,005 questions matching « géothermie », the rows written in one statement (a fixture, as the
    // benchmark does), then their thread vectors computed by the app's own statement.
    const [{ author }] = (await rows<{ author: string }>(t.db, sql`SELECT id AS author FROM users WHERE role = 'member' LIMIT 1`)) as [{ author: string }];
    await t.db.execute(sql`INSERT INTO help_posts (id, kind, space_id, question_id, author_id, title, theme, body, created_at)
      SELECT md5('geo' || g)::uuid, 'question', ${COMMUNITY_SPACE_ID}, md5('geo' || g)::uuid, ${author},
        'Géothermie, cas ' || g, 'energie', 'Forage sur nappe.', now() - (2000 - g) * interval '1 minute'
      FROM generate_series(1, 1005) g`);
    await t.db.execute(refreshQuestionsSql(sql`q0.title LIKE 'Géothermie, cas %'`));
    const p1 = await search(t.agent(), 'q=geothermie');
    expect([p1.total, p1.totalCapped, p1.items.length]).toEqual([200, true, 20]);
    expect((await search(t.agent(), 'q=geothermie&page=10')).items).toHaveLength(20);
    expect((await search(t.agent(), 'q=geothermie&page=11')).items).toEqual([]);
    // The candidates are the 200 most recent: cases 806 to 1005.
    const seen = new Set<string>();
    for (let page = 1; page <= 10; page++) for (const i of (await search(t.agent(), `q=geothermie&page=${page}`)).items) seen.add(i.title);
    expect(seen.size).toBe(200);
    expect(['Géothermie, cas 1', 'Géothermie, cas 805'].filter((x) => seen.has(x))).toEqual([]);
    expect(['Géothermie, cas 806', 'Géothermie, cas 1005'].filter((x) => seen.has(x))).toHaveLength(2);
    // A filter applies before the cap: the oldest, in another theme, is found.
    await t.db.execute(sql`UPDATE help_posts SET theme = 'travaux' WHERE title = 'Géothermie, cas 1'`);
    expect((await search(t.agent(), 'q=geothermie&theme=travaux')).items.map((i: { title: string }) => i.title)).toEqual(['Géothermie, cas 1']);
    // Not capped below the cap.
    expect((await search(t.agent(), 'q=biodechets')).totalCapped).toBe(false);
    // The list counts ten pages (200 questions) beyond the page shown: « plus de 200 » on page 1;
    // from page 41 on (800 skipped + 200 ahead), the 1,004 questions of the theme are all counted.
    const list = async (page: number) => (await t.agent().get(`/api/help/questions?theme=energie&page=${page}`)).json();
    expect(await list(1)).toMatchObject({ total: 200, totalCapped: true });
    expect(await list(41)).toMatchObject({ total: 1000, totalCapped: true });
    expect(await list(42)).toMatchObject({ total: 1004, totalCapped: false });
    expect((await list(51)).items).toHaveLength(4);
    // Rarer words: the search walks the RECENT_WALK (1,000) most recent questions first and, finding
    // fewer than 201 matches there, takes every match from the full-text index instead. With 1,000
    // newer questions that do not match, the candidates are still the same 200 (cases 806 to 1005).
    expect(RECENT_WALK).toBe(1000);
    await t.db.execute(sql`INSERT INTO help_posts (id, kind, space_id, question_id, author_id, title, theme, body, created_at)
      SELECT md5('sob' || g)::uuid, 'question', ${COMMUNITY_SPACE_ID}, md5('sob' || g)::uuid, ${author},
        'Sobriété numérique, cas ' || g, 'numerique', 'Parc informatique.', now() - (1000 - g) * interval '1 second'
      FROM generate_series(1, 1000) g`);
    await t.db.execute(refreshQuestionsSql(sql`q0.title LIKE 'Sobriété numérique, cas %'`));
    const after = new Set<string>();
    for (let page = 1; page <= 10; page++) for (const i of (await search(t.agent(), `q=geothermie&page=${page}`)).items) after.add(i.title);
    expect([...after].sort()).toEqual([...seen].sort());
    expect(await search(t.agent(), 'q=geothermie')).toMatchObject({ total: 200, totalCapped: true });
    expect(await search(t.agent(), 'q=sobriete')).toMatchObject({ total: 200, totalCapped: true });
  });
});

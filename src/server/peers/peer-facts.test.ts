import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { writeDecpFile, type Rec } from '../../../tests/helpers/decp.js';
import { users } from '../accounts/accounts.tables.js';
import { COMMUNITY_SPACE_ID } from '../helpspace/helpspace.tables.js';
import { spaserDeclarations } from '../observatory/observatory.tables.js';
import { memberships } from '../organisations/organisations.tables.js';
import { rows } from '../platform/db.js';
import { importDecpFiles } from '../procurement/import/import.service.js';
import { applyPendingPeerFacts } from './peer-facts.js';
import { rankMembers, suggestPeers } from './peers.service.js';

/*
 * The facts table (ADR 0014, « the facts table ») follows every kind of write that changes a ranking, in
 * the write's transaction: each step below makes one write and checks the suggestions change exactly as
 * worked out by hand, then that the facts table holds nothing the next reader would still have to apply.
 *
 * The viewer V works for the Commune d'Arzon (Bretagne, Morbihan, SIREN 210000001): 2024 marchés 5 × 2 M€
 * (band « 5 à 20 M€ »), environmental 1/5 = 20 %, social 1/5 = 20 %, no SPASER.
 *  P, Commune de Baden (Morbihan, 220000002): 2024 marchés 5 × 2 M€ (similar), 1/5 and 1/5 → similar 30 +
 *     same département 20 = 50.
 *  R, Commune de Rennes-Sud (Ille-et-Vilaine, no SIREN) → same kind 10 + same région 12 = 22.
 *  Q asks the questions, from the Syndicat des eaux du Var: nothing in common with V.
 */
const siret = (siren: string) => `${siren}00011`;
const marches = (prefix: string, siren: string, date: string, env: number, social: number): Rec[] =>
  [0, 1, 2, 3, 4].map((i) => ({
    id: `${prefix}${i}`,
    siret: siret(siren),
    date,
    amount: 2_000_000,
    env: i < env ? ['Clause environnementale'] : ['Pas de considération environnementale'],
    social: i < social ? ['Clause sociale'] : ['Pas de considération sociale'],
  }));

let t: TestContext;
type Agent = Awaited<ReturnType<TestContext['loggedIn']>>['agent'];
let viewer: Agent;
let asker: Agent;
let r: Agent;
const id: Record<string, string> = {};
const org: Record<string, string> = {};

type Item = { id: string; score: number; reasons: { feature: string; points: number }[] };
const scores = async (theme?: string) => {
  const res = await viewer.get(`/api/peers/suggestions${theme ? `?theme=${theme}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return Object.fromEntries((res.json().items as Item[]).map((i) => [i.id, i.score]));
};
const features = async (who: string) => {
  const item = ((await viewer.get('/api/peers/suggestions')).json().items as Item[]).find((i) => i.id === id[who]);
  return item ? Object.fromEntries(item.reasons.map((x) => [x.feature, x.points])) : null;
};
const nothingPending = async () => expect(await rows(t.db, sql`SELECT 1 FROM peer_facts_pending`)).toHaveLength(0);

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
  org.A = (await t.createOrganisation({ name: "Commune d'Arzon", kind: 'commune', siren: '210000001', regionCode: '53', departementCode: '56' })).id;
  org.B = (await t.createOrganisation({ name: 'Commune de Baden', kind: 'commune', siren: '220000002', regionCode: '53', departementCode: '56' })).id;
  org.C = (await t.createOrganisation({ name: 'Commune de Rennes-Sud', kind: 'commune', siren: null, regionCode: '53', departementCode: '35' })).id;
  org.S = (await t.createOrganisation({ name: 'Syndicat des eaux du Var', kind: 'syndicat', siren: null, regionCode: '93', departementCode: '83' })).id;
  const report = await importDecpFiles(t.deps, [writeDecpFile([...marches('V', '210000001', '2024-03-01', 1, 1), ...marches('P', '220000002', '2024-03-01', 1, 1)])]);
  expect(report).toMatchObject({ imported: 10, rejected: 0 });
  const v = await t.loggedIn({ verifiedIn: [org.A], firstName: 'Véronique', lastName: 'Viewer' });
  viewer = v.agent;
  id.V = v.user.id;
  id.P = (await t.createMember({ verifiedIn: [org.B], firstName: 'Paul', lastName: 'Pair' })).id;
  const rr = await t.loggedIn({ verifiedIn: [org.C], firstName: 'Rozenn', lastName: 'Région' });
  r = rr.agent;
  id.R = rr.user.id;
  const q = await t.loggedIn({ verifiedIn: [org.S], firstName: 'Quentin', lastName: 'Questions' });
  asker = q.agent;
  id.Q = q.user.id;
  // Accounts of less than 7 days post at most 5 messages an hour; nobody counts as recently active.
  await t.db.update(users).set({ createdAt: new Date('2026-01-05T09:00:00Z') });
  await t.db.update(users).set({ lastSeenAt: null });
});
afterAll(() => t?.close());

describe('the facts table of peer matching follows the writes', () => {
  it('starts from the ranking worked out by hand', async () => {
    expect(await scores()).toEqual({ [id.P!]: 50, [id.R!]: 22 });
    expect(await features('P')).toEqual({ similar: 30, sameDepartement: 20 });
    await nothingPending();
  });

  it('a new useful answer counts at once, with and without the theme asked for', async () => {
    const question = await asker.post('/api/help/questions', { spaceId: COMMUNITY_SPACE_ID, title: 'Quels indicateurs suivre ?', body: 'Pour un premier SPASER.', theme: 'indicateurs', tags: [] });
    expect(question.statusCode, question.body).toBe(201);
    const answer = await r.post(`/api/help/questions/${question.json().id}/answers`, { body: 'La part de marchés avec une clause.' });
    expect(answer.statusCode, answer.body).toBe(201);
    // Answered but not yet useful: nothing changes.
    await t.db.update(users).set({ lastSeenAt: null });
    expect(await scores()).toEqual({ [id.P!]: 50, [id.R!]: 22 });
    expect((await asker.put(`/api/help/answers/${answer.json().id}/useful`)).statusCode).toBe(200);
    await t.db.update(users).set({ lastSeenAt: null });
    // R: same kind 10 + région 12 + one useful answer 2 = 24; asking for « indicateurs »: 10 + 12 + 20 = 42.
    expect(await scores()).toEqual({ [id.P!]: 50, [id.R!]: 24 });
    expect(await scores('indicateurs')).toEqual({ [id.P!]: 50, [id.R!]: 42 });
    // The question moved to another theme: its useful answer no longer counts for « indicateurs ».
    await t.db.execute(sql`UPDATE help_posts SET theme = 'clauses_sociales' WHERE id = ${question.json().id}`);
    expect(await scores('indicateurs')).toEqual({ [id.P!]: 50, [id.R!]: 22 });
    expect(await scores('clauses_sociales')).toEqual({ [id.P!]: 50, [id.R!]: 42 });
    await nothingPending();
  });

  it('a SPASER adopted puts its members ahead', async () => {
    await t.db.insert(spaserDeclarations).values({ organisationId: org.C!, url: 'https://rennes-sud.example/spaser.pdf', adoptedOn: '2026-02-01', declaredAt: t.clock.now() });
    // R: 24 + SPASER in force 25 = 49.
    expect(await scores()).toEqual({ [id.P!]: 50, [id.R!]: 49 });
    // Adopted by the viewer's own organisation too: no one is ahead of V any more.
    await t.db.insert(spaserDeclarations).values({ organisationId: org.A!, url: 'https://arzon.example/spaser.pdf', adoptedOn: '2025-11-01', declaredAt: t.clock.now() });
    expect(await scores()).toEqual({ [id.P!]: 50, [id.R!]: 24 });
    await t.db.delete(spaserDeclarations).where(eq(spaserDeclarations.organisationId, org.A!));
    expect(await scores()).toEqual({ [id.P!]: 50, [id.R!]: 49 });
  });

  it('a DECP import that changes the shares changes the DECP strengths', async () => {
    // Baden's 2025 marchés: 5 of 5 environmental (100 % against V's 20 %), 1 of 5 social (no gap).
    const report = await importDecpFiles(t.deps, [writeDecpFile(marches('P25-', '220000002', '2025-02-01', 5, 1), 'decp-2025.json')]);
    expect(report).toMatchObject({ imported: 5, rejected: 0 });
    // The import rebuilt the facts it touched itself, before anyone asked: Baden's latest share (2025) is 5/5.
    await nothingPending();
    expect(await rows(t.db, sql`SELECT share_year, environmental_share, social_share FROM peer_facts WHERE user_id = ${id.P!}`)).toEqual([
      { share_year: 2025, environmental_share: 1, social_share: 0.2 },
    ]);
    // P: similar 30 (V's band year is still 2024, where Baden is in the same band) + département 20 + environmental 15 = 65.
    expect(await scores()).toEqual({ [id.P!]: 65, [id.R!]: 49 });
    expect(await features('P')).toEqual({ similar: 30, sameDepartement: 20, environmental: 15 });
  });

  it('a profile hidden, then shown again, leaves and comes back; availability counts at once', async () => {
    const profile = { firstName: 'Rozenn', lastName: 'Région', jobTitle: 'Acheteuse', regionCode: '53', themes: [], availableToHelp: false };
    const hidden = await r.put('/api/me/profile', { ...profile, directoryVisibility: 'hidden' });
    expect(hidden.statusCode, hidden.body).toBe(200);
    expect(await scores()).toEqual({ [id.P!]: 65 });
    const shown = await r.put('/api/me/profile', { ...profile, availableToHelp: true, directoryVisibility: 'members' });
    expect(shown.statusCode, shown.body).toBe(200);
    await t.db.update(users).set({ lastSeenAt: null });
    // R: 49 + available 10 = 59.
    expect(await scores()).toEqual({ [id.P!]: 65, [id.R!]: 59 });
  });

  it('a membership removed, an account disabled: never suggested again', async () => {
    await t.db.delete(memberships).where(eq(memberships.userId, id.R!));
    expect(await scores()).toEqual({ [id.P!]: 65 });
    await t.db.update(users).set({ disabledAt: t.clock.now() }).where(eq(users.id, id.P!));
    expect(await scores()).toEqual({});
    expect(await rows(t.db, sql`SELECT user_id FROM peer_facts WHERE user_id IN (${id.P!}, ${id.R!})`)).toHaveLength(0);
    await t.db.update(users).set({ disabledAt: null }).where(eq(users.id, id.P!));
    expect(await scores()).toEqual({ [id.P!]: 65 });
  });

  it('pending notes are applied once, and a reader who finds none reads nothing more', async () => {
    await t.db.execute(sql`UPDATE users SET available_to_help = true WHERE id = ${id.P!}`);
    expect(await rows(t.db, sql`SELECT user_id FROM peer_facts_pending`)).toEqual([{ user_id: id.P }]);
    expect(await applyPendingPeerFacts(t.db)).toBe(1);
    expect(await applyPendingPeerFacts(t.db)).toBe(0);
    // An update that changes none of the matched columns notes nothing (recent visits are read live).
    await t.db.execute(sql`UPDATE users SET last_seen_at = now() WHERE id = ${id.P!}`);
    await nothingPending();
  });
});

/*
 * The suggestions read only the first rows of each segment of the facts table; the directory sorted by
 * relevance scores every row. On a community where many members tie or nearly tie across every segment,
 * both give the same first members, in the same order, with the same scores: the reading stops only where
 * no unread row could have been kept.
 */
describe('reading the facts by segment gives the ranking of every member', () => {
  it('suggestions equal the first members of the full ranking, for any viewer, with or without a theme', async () => {
    const places: [string, string][] = [['53', '56'], ['53', '29'], ['52', '44'], ['93', '83']];
    const kinds = ['commune', 'epci', 'syndicat'] as const;
    const viewers: string[] = [];
    for (let i = 0; i < 12; i++) {
      const [regionCode, departementCode] = places[i % places.length]!;
      const o = (await t.createOrganisation({ name: `Organisation ${i}`, kind: kinds[i % kinds.length], siren: null, regionCode, departementCode })).id;
      if (i % 4 === 0) await t.db.insert(spaserDeclarations).values({ organisationId: o, url: `https://o${i}.example/spaser.pdf`, adoptedOn: '2025-01-01', declaredAt: t.clock.now() });
      for (let k = 0; k < 6; k++) {
        const m = await t.createMember({ verifiedIn: [o], firstName: `Membre${k}`, lastName: `Org${i}`, availableToHelp: (i + k) % 3 === 0, themes: (i + k) % 4 === 0 ? ['indicateurs'] : [] });
        if (k === 0) viewers.push(m.id);
      }
    }
    for (const v of viewers.slice(0, 6)) {
      for (const theme of [undefined, 'indicateurs'] as const) {
        const suggested = await suggestPeers(t.deps, v, { theme, limit: 5 });
        expect(suggested.ok).toBe(true);
        const items = suggested.ok ? suggested.value.items : [];
        const full = await rankMembers(t.deps, v, { theme, where: sql`true`, limit: 5, offset: 0 });
        const expected = full!.items.filter((_, i) => i < items.length);
        expect(items.map((i) => [i.id, i.explanation])).toEqual(expected.map((i) => [i.id, i.explanation]));
        expect(items).toHaveLength(5);
      }
    }
  });
});

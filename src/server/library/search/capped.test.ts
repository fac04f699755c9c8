import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers/context.js';
import { SEARCH_CANDIDATES } from '../../platform/search.js';
import { createResource } from '../resources/resources.service.js';

/**
 * Search beyond SEARCH_CANDIDATES (200) matches: the candidates are the 200 most recent matches the
 * reader may see (filters and visibility applied before the cap), the facets count them only, and
 * the answer says so (`totalCapped`). 205 public resources hold the word « plafond », published on
 * consecutive days (n° 1 the oldest): n° 1–5 are clauses, the others templates; 3 more, reserved to
 * verified members and the most recent of all, hold it too.
 */
let t: TestContext;
const N = 205;
const idOf: string[] = [];
const day = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestContext();
  expect(SEARCH_CANDIDATES).toBe(200);
  for (let i = 1; i <= N; i++) {
    const r = await createResource(t.deps, { kind: i <= 5 ? 'clause' : 'template', title: `Plafond de dépenses n° ${i}`, themes: ['numerique'], publishedOn: day(i) }, [], { createdBy: null });
    if (!r.ok) throw new Error(JSON.stringify(r));
    idOf[i] = r.value.id;
  }
  for (let i = 1; i <= 3; i++) {
    const r = await createResource(t.deps, { kind: 'guide', title: `Plafond réservé n° ${i}`, visibility: 'verified', publishedOn: day(N + i) }, [], { createdBy: null });
    if (!r.ok) throw new Error(JSON.stringify(r));
  }
  await t.db.execute(sql`ANALYZE library_resources`);
});
afterAll(() => t?.close());

const get = async (query: string) => (await t.agent().get(`/api/library/resources?${query}`)).json();

describe('search over more matches than the candidates', () => {
  it('ranks the 200 most recent matches the reader may see, says there are more, and counts facets over them', async () => {
    const r = await get('q=plafond');
    expect([r.total, r.totalCapped, r.items.length]).toEqual([200, true, 20]);
    // Equal ranks: newest first; the reserved ones are not among an anonymous reader's candidates.
    expect(r.items[0].id).toBe(idOf[N]);
    expect(r.items[19].id).toBe(idOf[N - 19]);
    // Candidates are n° 6–205: all templates; the five clauses (the oldest) are beyond the cap.
    expect(r.facets.kind).toEqual([{ value: 'template', count: 200 }]);
    expect(r.facets.theme).toEqual([{ value: 'numerique', count: 200 }]);
    expect(r.facets.year.reduce((n: number, f: { count: number }) => n + f.count, 0)).toBe(200);
    const last = await get('q=plafond&page=10');
    expect(last.items.map((i: { id: string }) => i.id)).toEqual(idOf.slice(6, 26).reverse());
    expect((await get('q=plafond&page=11')).items).toEqual([]);
  });

  it('applies filters before the cap, so an old resource is reached by a filter; small sets stay exact', async () => {
    const clauses = await get('q=plafond&kind=clause');
    expect([clauses.total, clauses.totalCapped]).toEqual([5, false]);
    expect(clauses.items.map((i: { id: string }) => i.id)).toEqual(idOf.slice(1, 6).reverse());
    expect(clauses.facets.kind).toEqual([{ value: 'clause', count: 5 }]);
    const year = await get(`q=plafond&year=2020`);
    // All 205 public ones were published in 2020 (2 January to 24 July).
    expect([year.total, year.totalCapped]).toEqual([200, true]);
  });

  it('lists without a query over the same capped set, newest first', async () => {
    const r = await get('');
    expect([r.total, r.totalCapped, r.items[0].id]).toEqual([200, true, idOf[N]]);
    const member = (await t.loggedIn({ verifiedIn: [(await t.createOrganisation()).id] })).agent;
    const seen = (await member.get('/api/library/resources?q=plafond')).json();
    expect(seen.facets.kind).toEqual([{ value: 'template', count: 197 }, { value: 'guide', count: 3 }]);
  });
});

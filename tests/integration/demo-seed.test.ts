import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/server/platform/db.js';
import { seedRegistry } from '../../src/server/organisations/registry.js';
import { seedDemo } from '../../src/server/seed/demo.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

// The demo community once per installation, with help space content written through the services.
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  await seedRegistry(t.db, t.clock.now());
  expect(await seedDemo(t.deps)).not.toBeNull();
  await t.drainJobs();
  // The registry (36 000 rows) and the demo procurement data: slow on a loaded machine.
}, 300_000);
afterAll(() => t?.close());

describe('demo help space content', () => {
  it('is readable and searchable, with one solved question', async () => {
    const list = (await t.agent().get('/api/help/questions')).json();
    expect(list.total).toBe(3);
    expect(list.items.filter((q: { solved: boolean }) => q.solved)).toHaveLength(1);
    const found = (await t.agent().get(`/api/help/search?q=${encodeURIComponent("heures d'insertion")}`)).json();
    expect(found.items[0].title).toBe("Comment calibrer les heures d'insertion dans un marché de travaux ?");
    const similar = (await t.agent().get(`/api/help/questions/similar?title=${encodeURIComponent('Quels indicateurs suivre ?')}`)).json();
    expect(similar.items[0].title).toBe('Quels indicateurs de suivi retenir pour un premier SPASER ?');
  });

  it('notified the asker of the answers and the author of the useful answer', async () => {
    const kinds = await rows<{ email: string; kind: string }>(
      t.db,
      sql`SELECT u.email, n.kind FROM notifications n JOIN users u ON u.id = n.user_id ORDER BY u.email, n.kind`,
    );
    expect(kinds).toEqual(
      expect.arrayContaining([
        { email: 'claire.martin@lyon.example', kind: 'answer' },
        { email: 'nathalie.petit@bordeaux.example', kind: 'useful' },
        { email: 'sophie.durand@nantes.example', kind: 'answer' },
      ]),
    );
  });

  it('has two upcoming public webinars, one of them full, and a past one', async () => {
    const upcoming = (await t.agent().get('/api/events?when=upcoming')).json();
    expect(upcoming.items.map((e: { title: string; placesLeft: number | null }) => [e.title, e.placesLeft])).toEqual([
      ['Démarrer son SPASER en six mois', 100],
      ['Clauses sociales : calibrer les heures d’insertion', 0],
    ]);
    expect((await t.agent().get('/api/events?when=past')).json().items.map((e: { title: string }) => e.title)).toEqual(['Les DECP au service du suivi de son SPASER']);
  });

  it('has library resources, one collection, and a PDF whose text is searchable', async () => {
    const visitor = (await t.agent().get('/api/library/resources')).json();
    // Five resources, one of them for verified members only.
    expect(visitor.total).toBe(4);
    const collections = (await t.agent().get('/api/library/collections')).json();
    expect(collections.items.map((c: { title: string }) => c.title)).toEqual(['Démarrer son SPASER']);
    expect(collections.items[0].resourcesCount).toBe(3);
    // « délibérante » only appears inside the generated PDF.
    const found = (await t.agent().get('/api/library/resources?q=deliberante')).json();
    expect(found.items.map((r: { title: string }) => r.title)).toEqual(['Démarrer son SPASER en cinq étapes']);
  });

  it('is not seeded twice', async () => {
    expect(await seedDemo(t.deps)).toBeNull();
    expect((await t.agent().get('/api/help/questions')).json().total).toBe(3);
  });
});

describe('demo cohorts', () => {
  it('one open to applications, one running with its sessions, answers and mapped headline figures', async () => {
    const list = (await t.agent().get('/api/cohorts')).json().items;
    expect(list.map((c: { name: string; status: string; acceptedCount: number }) => [c.name, c.status, c.acceptedCount])).toEqual([
      ['Mission SPASER — édition 3', 'candidatures_ouvertes', 0],
      ['Mission SPASER — édition 2', 'en_cours', 3],
    ]);
    const counts = await rows<{ sessions: number; responses: number; headlines: number; pending: number }>(
      t.db,
      sql`SELECT (SELECT count(*)::int FROM events WHERE owner_kind = 'cohort') AS sessions,
                 (SELECT count(*)::int FROM survey_responses) AS responses,
                 (SELECT count(*)::int FROM survey_headlines) AS headlines,
                 (SELECT count(*)::int FROM cohort_applications WHERE status = 'pending') AS pending`,
    );
    expect(counts).toEqual([{ sessions: 5, responses: 3, headlines: 2, pending: 1 }]);
  });
});

describe('demo procurement data', () => {
  it('gives the demo cities figures on their page and in the observatory', async () => {
    const [lyon] = await rows<{ id: string }>(t.db, sql`SELECT id FROM organisations WHERE territory_id = 'commune:69123' AND kind = 'commune'`);
    const body = (await t.agent().get(`/api/organisations/${lyon!.id}/decp-indicators`)).json();
    expect(body.rows.map((r: { kind: string; year: number }) => [r.kind, r.year])).toEqual([['marche', 2022], ['marche', 2023], ['marche', 2024], ['marche', 2025]]);
    const national = (await t.agent().get('/api/observatory/national')).json();
    expect(national.rows).toHaveLength(4);
    const regions = (await t.agent().get('/api/observatory/territories?level=region')).json();
    expect(regions.unattributed).toBe(0);
    expect(regions.rows.some((r: { code: string; name: string }) => r.code === '84' && r.name === 'Auvergne-Rhône-Alpes')).toBe(true);
  });
});

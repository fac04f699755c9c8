import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedRegistry } from '../../src/server/organisations/registry.js';
import { rows } from '../../src/server/platform/db.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

// The one test that loads the whole registry. Expected counts were worked out from the package's
// JSON files (@etalab/decoupage-administratif 6.0.0): 34 746 metropolitan + 129 overseas
// "commune-actuelle" rows carry a SIREN (34 875), of which Paris (75056) is seeded as the Ville
// de Paris council; 1 255 EPCI, of which the Métropole de Lyon (MET69) is seeded as a council;
// 101 départements and 18 régions outside the collectivités d'outre-mer (zone "com").
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  await seedRegistry(t.db, t.clock.now());
});
afterAll(() => t?.close());

const countOf = async (q: ReturnType<typeof sql>) => Number((await rows<{ n: string }>(t.db, q))[0]!.n);

describe('registry after seeding', () => {
  it('holds every commune and EPCI with its SIREN', async () => {
    expect(await countOf(sql`SELECT count(*) AS n FROM organisations WHERE kind = 'commune'`)).toBe(34_874);
    expect(await countOf(sql`SELECT count(*) AS n FROM organisations WHERE kind = 'epci'`)).toBe(1_254);
    expect(await countOf(sql`SELECT count(*) AS n FROM organisations WHERE kind IN ('commune', 'epci') AND siren IS NULL`)).toBe(0);
    expect(await countOf(sql`SELECT count(*) AS n FROM organisations WHERE siren IN ('217500016', '200046977')`)).toBe(2);
  });

  it('keeps 101 départements and 18 régions as territories', async () => {
    expect(await countOf(sql`SELECT count(*) AS n FROM territories WHERE kind = 'departement'`)).toBe(101);
    expect(await countOf(sql`SELECT count(*) AS n FROM territories WHERE kind = 'region'`)).toBe(18);
    expect(await countOf(sql`SELECT count(*) AS n FROM territories WHERE kind = 'commune'`)).toBe(34_875);
  });

  it('seeds nothing more the second time', async () => {
    const before = await countOf(sql`SELECT count(*) AS n FROM organisations`);
    expect(await seedRegistry(t.db, t.clock.now())).toEqual({ territories: 0, organisations: 0 });
    expect(await countOf(sql`SELECT count(*) AS n FROM organisations`)).toBe(before);
  });

  it('finds by SIREN and by a name typed without accents, the largest first', async () => {
    const bySiren = (await t.agent().get('/api/organisations?q=214202186')).json();
    expect(bySiren.items[0]).toMatchObject({ name: 'Saint-Étienne', kind: 'commune' });
    const byName = (await t.agent().get('/api/organisations?q=saint%20etienne')).json();
    expect(byName.items[0].name).toBe('Saint-Étienne');
    // Exact name first, then names starting with it, larger population first.
    const evry = (await t.agent().get('/api/organisations?q=evry')).json();
    expect(evry.items.slice(0, 3).map((i: { name: string }) => i.name)).toEqual(['Évry', 'Évry-Courcouronnes', 'Évry-Grégy-sur-Yerre']);
  });
});

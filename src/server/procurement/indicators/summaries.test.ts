import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers/context.js';
import { decpEstimate, decpImport } from '../../../cli/decp.js';
import { rows } from '../../platform/db.js';
import { backfillSummaries } from './summaries.js';

const d = (name: string) => path.resolve('tests/fixtures/decp/defects', name);

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({}, { restartable: true });
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
  await decpImport(t.deps, [d('amounts.json'), d('list-shapes.json'), d('impossible-dates.json'), d('hybrid.json'), d('duplicates.json'), d('profile-years.json')], { json: true });
});
afterAll(() => t?.close());

// Sums of floats depend on the order rows are added in: compared to the cent, as the estimate shows them.
const snapshot = async () => ({
  buyerYears: await rows(t.db, sql`SELECT *, round(amount_total::numeric, 2)::text AS amount_total FROM decp_buyer_years ORDER BY buyer_siret, kind, year NULLS LAST`),
  sirenYears: await rows(
    t.db,
    sql`SELECT *, round(notified_amount::numeric, 2)::text AS notified_amount, round(annualised_amount::numeric, 2)::text AS annualised_amount
        FROM decp_siren_years ORDER BY buyer_siren, year`,
  ),
});
const estimate = async (siren: string, year: number) => JSON.parse((await decpEstimate(t.deps, { buyer: siren, year: String(year), json: true })).stdout);

describe('summary tables of a database imported before they existed (backfill at start)', () => {
  it('a start finds both tables empty next to kept contracts and rebuilds them as the import would have', async () => {
    const before = await snapshot();
    // The same files as procurement.test.ts, whose comments work these figures out by hand.
    expect(before.sirenYears.length).toBeGreaterThan(0);
    const estimates = [await estimate('216901231', 2024), await estimate('213300551', 2025)];
    expect(estimates[0]).toMatchObject({ notified: { amount: 1090000, contracts: 10, excluded: 4 }, annualised: { amount: 954833.33, contracts: 12, excluded: 4 } });
    expect(estimates[1]).toMatchObject({ notified: { amount: 1200000, contracts: 1, excluded: 0 }, annualised: { amount: 131000, contracts: 2, excluded: 1 } });

    // A database imported before decp_buyer_years (migration 0010) and decp_siren_years existed.
    await t.db.execute(sql`TRUNCATE decp_buyer_years, decp_siren_years`);
    expect((await estimate('216901231', 2024)).notified).toEqual({ amount: 0, contracts: 0, excluded: 0 });
    await t.restart();
    expect(await snapshot()).toEqual(before);
    expect([await estimate('216901231', 2024), await estimate('213300551', 2025)]).toEqual(estimates);
  });

  it('only the profile table missing (a database of migration 0011) is rebuilt too; once done, nothing more', async () => {
    const before = await snapshot();
    await t.db.execute(sql`TRUNCATE decp_siren_years`);
    expect(await backfillSummaries(t.deps)).toBe(true);
    expect(await snapshot()).toEqual(before);
    // Idempotent: a second start changes nothing and does not rebuild.
    expect(await backfillSummaries(t.deps)).toBe(false);
    await t.restart();
    expect(await snapshot()).toEqual(before);
  });

  it('an empty database, or one with no marché, has nothing to rebuild', async () => {
    await t.db.execute(sql`TRUNCATE decp_contracts, decp_buyer_years, decp_siren_years`);
    expect(await backfillSummaries(t.deps)).toBe(false);
  });
});

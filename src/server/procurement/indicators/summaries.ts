/**
 * The summary tables every reader uses instead of scanning decp_contracts (ADR 0015):
 * decp_buyer_years (indicator counts per SIRET, kind and year) and decp_siren_years (the yearly
 * purchases profile of a SIREN: both estimators of reference §10.3). Both are recomputed from the
 * kept contracts, per SIREN, in the transaction that makes an import visible, and rebuilt at start
 * for a database whose contracts were imported before a table existed.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../platform/context.js';
import { rows, type Db, type Tx } from '../../platform/db.js';

/**
 * The last year a profile row is kept for. A marché "runs" in every year its duration covers; an
 * absurd duration (999 999 months) would otherwise give thousands of rows. Estimates asked for a
 * later year see no marché running in it.
 */
export const PROFILE_LAST_YEAR = 2100;

/** Recomputes both summary tables for the SIRENs `sirens` (a subquery or a list) selects. */
export async function refreshSummaries(tx: Tx | Db, sirens: SQL) {
  await tx.execute(sql`DELETE FROM decp_buyer_years WHERE buyer_siren IN (${sirens})`);
  await tx.execute(sql`
    INSERT INTO decp_buyer_years (buyer_siret, buyer_siren, kind, year, contracts, social_positive, social_negative, social_unknown,
      environmental_positive, environmental_negative, environmental_unknown, amount_total, amount_excluded,
      amount_social_positive, amount_social_negative, amount_environmental_positive, amount_environmental_negative)
    SELECT c.buyer_siret, c.buyer_siren, c.kind, c.year, count(*),
      count(*) FILTER (WHERE c.social = 'positive'), count(*) FILTER (WHERE c.social = 'negative'), count(*) FILTER (WHERE c.social = 'unknown'),
      count(*) FILTER (WHERE c.environmental = 'positive'), count(*) FILTER (WHERE c.environmental = 'negative'),
      count(*) FILTER (WHERE c.environmental = 'unknown'),
      coalesce(sum(c.amount_current) FILTER (WHERE NOT c.amount_excluded), 0), count(*) FILTER (WHERE c.amount_excluded),
      coalesce(sum(c.amount_current) FILTER (WHERE NOT c.amount_excluded AND c.social = 'positive'), 0),
      coalesce(sum(c.amount_current) FILTER (WHERE NOT c.amount_excluded AND c.social = 'negative'), 0),
      coalesce(sum(c.amount_current) FILTER (WHERE NOT c.amount_excluded AND c.environmental = 'positive'), 0),
      coalesce(sum(c.amount_current) FILTER (WHERE NOT c.amount_excluded AND c.environmental = 'negative'), 0)
    FROM decp_contracts c WHERE c.buyer_siren IN (${sirens})
    GROUP BY c.buyer_siret, c.buyer_siren, c.kind, c.year`);
  await tx.execute(sql`DELETE FROM decp_siren_years WHERE buyer_siren IN (${sirens})`);
  // Months are counted from year 0 (m0 = 12 × year + month − 1); a marché of d months runs from m0 to
  // m0 + d − 1 and counts d = 1 when its duration is missing or zero. Its notification year is the
  // first of the years it runs in, so both estimators come out of one row per (marché, year run in).
  await tx.execute(sql`
    INSERT INTO decp_siren_years (buyer_siren, year, notified_amount, notified_contracts, notified_excluded,
      annualised_amount, annualised_contracts, annualised_excluded, missing_duration)
    WITH m AS (
      SELECT buyer_siren, year, amount_current, amount_excluded, duration_months,
        (substr(notification_date, 1, 4)::int * 12 + substr(notification_date, 6, 2)::int - 1) AS m0,
        greatest(coalesce(duration_months, 1), 1) AS d
      FROM decp_contracts WHERE kind = 'marche' AND notification_date IS NOT NULL AND buyer_siren IN (${sirens})
    ),
    r AS (
      SELECT m.*, g.y, least(m.m0 + m.d::bigint - 1, g.y * 12 + 11) - greatest(m.m0, g.y * 12) + 1 AS overlap
      FROM m CROSS JOIN LATERAL generate_series(m.m0 / 12, least((m.m0 + m.d::bigint - 1) / 12, ${PROFILE_LAST_YEAR})::int) AS g(y)
    )
    SELECT buyer_siren, y,
      coalesce(sum(amount_current) FILTER (WHERE year = y AND NOT amount_excluded), 0),
      count(*) FILTER (WHERE year = y AND NOT amount_excluded), count(*) FILTER (WHERE year = y AND amount_excluded),
      coalesce(sum(amount_current / d * overlap) FILTER (WHERE NOT amount_excluded), 0),
      count(*) FILTER (WHERE NOT amount_excluded), count(*) FILTER (WHERE amount_excluded),
      count(*) FILTER (WHERE duration_months IS NULL OR duration_months < 1)
    FROM r GROUP BY buyer_siren, y`);
}

/** Whether kept contracts exist that a summary table does not describe (imported before it existed). */
async function summariesMissing(db: Db | Tx): Promise<boolean> {
  const [r] = await rows<{ missing: boolean }>(
    db,
    sql`SELECT EXISTS (SELECT 1 FROM decp_contracts)
        AND (NOT EXISTS (SELECT 1 FROM decp_buyer_years)
          OR (EXISTS (SELECT 1 FROM decp_contracts WHERE kind = 'marche' AND notification_date IS NOT NULL)
            AND NOT EXISTS (SELECT 1 FROM decp_siren_years))) AS missing`,
  );
  return Boolean(r?.missing);
}

// Any constant shared by every process of the platform: one backfill at a time.
const BACKFILL_LOCK = 720_015;

/**
 * Run at every start (createDeps), after the migrations: a cheap check, and when contracts were
 * imported before a summary table existed, both tables rebuilt for every SIREN in one transaction
 * (all or nothing: an interrupted rebuild is redone at the next start). Returns whether it rebuilt.
 */
export async function backfillSummaries(deps: Pick<Deps, 'db' | 'log'>): Promise<boolean> {
  if (!(await summariesMissing(deps.db))) return false;
  const started = performance.now();
  const done = await deps.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${BACKFILL_LOCK})`);
    // Another process may have rebuilt them while this one waited for the lock.
    if (!(await summariesMissing(tx))) return false;
    await refreshSummaries(tx, sql`SELECT DISTINCT buyer_siren FROM decp_contracts`);
    return true;
  });
  if (done) deps.log.info({ ms: Math.round(performance.now() - started) }, 'DECP summary tables rebuilt from the kept contracts');
  return done;
}

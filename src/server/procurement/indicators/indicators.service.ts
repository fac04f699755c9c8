/**
 * Indicators over the kept DECP contracts: per buyer (SIRET or SIREN) or any group of buyers
 * (département, région, kind of organisation, the nation), per year, marchés and concessions apart.
 * Definitions: ../shared/reference/decp.md §10.2; amounts flagged at import are left out of sums.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../platform/context.js';
import { rows } from '../../platform/db.js';
import type { OrganisationKind } from '../../organisations/organisations.tables.js';

export type Scope =
  | { siret: string }
  | { siren: string }
  | { departement: string }
  | { region: string }
  | { organisationKind: OrganisationKind }
  | { nation: true };

export type Split = { positive: number; negative: number; unknown: number };
/** Amounts (euros HT, amounts left out excluded) of the contracts with / without a consideration. */
export type AmountSplit = { positive: number; negative: number };
export type IndicatorRow = {
  kind: 'marche' | 'concession';
  year: number | null;
  contracts: number;
  social: Split;
  environmental: Split;
  amount: { total: number; excluded: number; social: AmountSplit; environmental: AmountSplit };
};
export type Shares = { ofAll: number | null; ofInformed: number | null; completeness: number | null };
/**
 * The same row with the derived rates (PNAD view over all contracts, and over informed ones), in
 * number of contracts and in value (« nombre de contrats ou valeur », L2111-3).
 */
export type IndicatorRowWithShares = IndicatorRow & {
  shares: {
    social: Shares;
    environmental: Shares;
    value: { social: Shares; environmental: Shares };
  };
};

/** The WHERE clause of a scope; groups other than SIRET/SIREN join the organisations registry by SIREN. */
function scopeWhere(scope: Scope): SQL {
  if ('siret' in scope) return sql`c.buyer_siret = ${scope.siret}`;
  if ('siren' in scope) return sql`c.buyer_siren = ${scope.siren}`;
  if ('departement' in scope) return sql`c.buyer_siren IN (SELECT siren FROM organisations WHERE departement_code = ${scope.departement} AND siren IS NOT NULL)`;
  if ('region' in scope) return sql`c.buyer_siren IN (SELECT siren FROM organisations WHERE region_code = ${scope.region} AND siren IS NOT NULL)`;
  if ('organisationKind' in scope) return sql`c.buyer_siren IN (SELECT siren FROM organisations WHERE kind = ${scope.organisationKind} AND siren IS NOT NULL)`;
  return sql`true`;
}

const cents = (v: number | string | null) => Math.round(Number(v ?? 0) * 100) / 100;
const share = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null);

/** Shares of `positive` over `all` and over the informed part (`positive + negative`). */
function shares(positive: number, negative: number, all: number): Shares {
  const informed = positive + negative;
  return { ofAll: share(positive, all), ofInformed: share(positive, informed), completeness: share(informed, all) };
}

function withShares(r: IndicatorRow): IndicatorRowWithShares {
  const inNumber = (x: Split) => shares(x.positive, x.negative, r.contracts);
  const inValue = (x: AmountSplit) => shares(x.positive, x.negative, r.amount.total);
  return {
    ...r,
    shares: {
      social: inNumber(r.social),
      environmental: inNumber(r.environmental),
      value: { social: inValue(r.amount.social), environmental: inValue(r.amount.environmental) },
    },
  };
}

/**
 * Rows per kind (marchés first) and year (ascending, undated last) for a scope, from the per-buyer
 * counts kept by the import (decp_buyer_years): a few rows per buyer, whatever its number of contracts.
 */
export async function indicators(deps: Deps, scope: Scope, opts: { year?: number } = {}): Promise<IndicatorRowWithShares[]> {
  const yearCond = opts.year === undefined ? sql`true` : sql`c.year = ${opts.year}`;
  const res = await rows<{
    kind: 'marche' | 'concession';
    year: number | null;
    contracts: number;
    sp: number; sn: number; su: number; ep: number; en: number; eu: number;
    total: number | string | null;
    excluded: number;
    asp: number | string; asn: number | string; aep: number | string; aen: number | string;
  }>(
    deps.db,
    sql`SELECT c.kind, c.year, sum(c.contracts)::int AS contracts,
          sum(c.social_positive)::int AS sp, sum(c.social_negative)::int AS sn, sum(c.social_unknown)::int AS su,
          sum(c.environmental_positive)::int AS ep, sum(c.environmental_negative)::int AS en, sum(c.environmental_unknown)::int AS eu,
          coalesce(sum(c.amount_total), 0)::float8 AS total, sum(c.amount_excluded)::int AS excluded,
          coalesce(sum(c.amount_social_positive), 0)::float8 AS asp, coalesce(sum(c.amount_social_negative), 0)::float8 AS asn,
          coalesce(sum(c.amount_environmental_positive), 0)::float8 AS aep, coalesce(sum(c.amount_environmental_negative), 0)::float8 AS aen
        FROM decp_buyer_years c WHERE ${scopeWhere(scope)} AND ${yearCond}
        GROUP BY c.kind, c.year
        ORDER BY (c.kind <> 'marche'), c.year ASC NULLS LAST`,
  );
  return res.map((r) =>
    withShares({
      kind: r.kind,
      year: r.year === null ? null : Number(r.year),
      contracts: Number(r.contracts),
      social: { positive: Number(r.sp), negative: Number(r.sn), unknown: Number(r.su) },
      environmental: { positive: Number(r.ep), negative: Number(r.en), unknown: Number(r.eu) },
      amount: {
        total: cents(r.total),
        excluded: Number(r.excluded),
        social: { positive: cents(r.asp), negative: cents(r.asn) },
        environmental: { positive: cents(r.aep), negative: cents(r.aen) },
      },
    }),
  );
}

export type BreakdownKey = 'cpvDivision' | 'purchaseType' | 'procedure';
const breakdownColumn: Record<BreakdownKey, SQL> = {
  cpvDivision: sql`c.cpv_division`,
  purchaseType: sql`c.purchase_type`,
  procedure: sql`c.procedure`,
};

export type BreakdownRow = { key: string | null; contracts: number; socialPositive: number; environmentalPositive: number; amount: number; excluded: number };

/** Contracts of one kind and year split by CPV division, type (travaux/fournitures/services) or procedure. */
export async function breakdown(deps: Deps, scope: Scope, opts: { by: BreakdownKey; kind: 'marche' | 'concession'; year?: number | null }): Promise<BreakdownRow[]> {
  const col = breakdownColumn[opts.by];
  const yearCond = opts.year === undefined ? sql`true` : opts.year === null ? sql`c.year IS NULL` : sql`c.year = ${opts.year}`;
  const res = await rows<{ key: string | null; contracts: number; sp: number; ep: number; amount: number; excluded: number }>(
    deps.db,
    sql`SELECT ${col} AS key, count(*)::int AS contracts,
          count(*) FILTER (WHERE c.social = 'positive')::int AS sp, count(*) FILTER (WHERE c.environmental = 'positive')::int AS ep,
          coalesce(sum(c.amount_current) FILTER (WHERE NOT c.amount_excluded), 0)::float8 AS amount,
          count(*) FILTER (WHERE c.amount_excluded)::int AS excluded
        FROM decp_contracts c WHERE ${scopeWhere(scope)} AND c.kind = ${opts.kind} AND ${yearCond}
        GROUP BY 1 ORDER BY count(*) DESC, 1 ASC NULLS LAST`,
  );
  return res.map((r) => ({
    key: r.key,
    contracts: Number(r.contracts),
    socialPositive: Number(r.sp),
    environmentalPositive: Number(r.ep),
    amount: Math.round(Number(r.amount) * 100) / 100,
    excluded: Number(r.excluded),
  }));
}

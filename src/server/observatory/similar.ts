/**
 * "Similar organisations": the one definition of the platform (ADR 0014). Every module that compares
 * a buyer with its peers (organisation page, observatory, matching) uses this file and nothing else.
 *
 * Two organisations are similar in a year when they are of the same kind (commune, EPCI,
 * département…) and their yearly purchases estimate for that year falls in the same size band.
 * The estimate is the "notified in the year" estimator of reference §10.3: the sum of the current
 * amounts of the marchés notified that year, amounts flagged at import left out. An organisation
 * without a SIREN, or without any marché notified that year, has no peer group that year.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { OrganisationKind } from '../organisations/organisations.tables.js';
import type { Deps } from '../platform/context.js';
import { rows } from '../platform/db.js';

/** Lower bounds of the size bands, € HT per year; the SPASER threshold (50 M€) is a bound. */
export const SIZE_BAND_BOUNDS = [0, 1_000_000, 5_000_000, 20_000_000, 50_000_000, 150_000_000, 500_000_000] as const;

// One formatter for every label: building one costs about 0.1 ms, and a page of peer suggestions says ten bands.
const frNumber = new Intl.NumberFormat('fr-FR');
const meur = (n: number) => `${frNumber.format(n / 1_000_000)} M€`;

/** French label of a band, e.g. « de 5 M€ à 20 M€ ». */
export function sizeBandLabel(band: number): string {
  const lo = SIZE_BAND_BOUNDS[band]!;
  const hi = SIZE_BAND_BOUNDS[band + 1];
  if (band === 0) return `moins de ${meur(hi!)}`;
  return hi === undefined ? `${meur(lo)} et plus` : `de ${meur(lo)} à ${meur(hi)}`;
}

/** Pure: the band index of a yearly purchases amount (a bound belongs to the band above it). */
export function sizeBand(amount: number): number {
  let band = 0;
  SIZE_BAND_BOUNDS.forEach((lo, i) => {
    if (amount >= lo) band = i;
  });
  return band;
}

/** The same band computed by the database (same bounds, same rule). */
export function sizeBandSql(amount: SQL): SQL {
  const cases = SIZE_BAND_BOUNDS.map((lo, i) => ({ lo, i }))
    .slice(1)
    .reverse()
    .map(({ lo, i }) => sql`WHEN ${amount} >= ${lo} THEN ${i}`);
  return sql`(CASE ${sql.join(cases, sql` `)} ELSE 0 END)`;
}

export type Profile = { kind: OrganisationKind; yearlyPurchases: number };

/** Pure: whether two organisations are similar (same kind, same size band). */
export function isSimilar(a: Profile, b: Profile): boolean {
  return a.kind === b.kind && sizeBand(a.yearlyPurchases) === sizeBand(b.yearlyPurchases);
}

/** French sentence shown wherever peers are compared. */
export const similarDefinition =
  "Organisations similaires : même type d'organisation et montant des marchés notifiés dans l'année (DECP) dans la même tranche (moins de 1 M€, 1 à 5 M€, 5 à 20 M€, 20 à 50 M€, 50 à 150 M€, 150 à 500 M€, 500 M€ et plus).";

/**
 * SQL of the banded profiles: one row per (SIREN, year) with marchés notified that year, joined to the
 * organisations registry for its kind. `years` and `kind` narrow it to what the caller needs. It reads
 * the yearly profiles kept by the import (decp_siren_years, ADR 0015), one row per SIREN and year.
 */
export function bandedProfilesSql(filter: { kind: OrganisationKind; years: SQL }): SQL {
  return sql`SELECT p.buyer_siren AS siren, p.year, o.kind, o.id AS organisation_id, ${sizeBandSql(sql`p.notified_amount`)} AS band
    FROM decp_siren_years p JOIN organisations o ON o.siren = p.buyer_siren AND o.kind = ${filter.kind}
    WHERE p.year IN (${filter.years}) AND p.notified_contracts + p.notified_excluded > 0`;
}

/** SQL of the SIRENs similar to a profile of a given kind, band and year (the organisation itself included). */
export function similarSirensSql(input: { kind: OrganisationKind; year: number; band: number }): SQL {
  return sql`SELECT siren FROM (${bandedProfilesSql({ kind: input.kind, years: sql`${input.year}` })}) b WHERE b.band = ${input.band}`;
}

/**
 * SQL true when the SIREN `siren` (a column) is similar to a profile of a given kind, band and year: the
 * same rule as `similarSirensSql`, asked of one row (peer matching scores a few candidates, not a year's
 * every profile).
 */
export function isSimilarSirenSql(siren: SQL, input: { kind: OrganisationKind; year: number; band: number }): SQL {
  return sql`EXISTS (SELECT 1 FROM (${similarSirensSql(input)}) s WHERE s.siren = ${siren})`;
}

/**
 * SQL of the latest banded profile of each SIREN among those `sirens` selects, whatever its kind: what
 * `latestBand` gives for one SIREN (same rows, same band rule), one row per SIREN (siren, year, band).
 */
export function latestBandsSql(sirens: SQL): SQL {
  return sql`SELECT DISTINCT ON (p.buyer_siren) p.buyer_siren AS siren, p.year, ${sizeBandSql(sql`p.notified_amount`)} AS band
    FROM decp_siren_years p WHERE p.buyer_siren IN (${sirens}) AND p.notified_contracts + p.notified_excluded > 0
    ORDER BY p.buyer_siren, p.year DESC`;
}

/** The latest year in which a SIREN notified marchés, and its band that year (null: none, no peer group). */
export async function latestBand(deps: Deps, input: { siren: string; kind: OrganisationKind }): Promise<{ year: number; band: number } | null> {
  const [r] = await rows<{ year: number; band: number }>(
    deps.db,
    sql`SELECT year, band FROM (${bandedProfilesSql({ kind: input.kind, years: sql`SELECT year FROM decp_siren_years WHERE buyer_siren = ${input.siren}` })}) p
      WHERE p.siren = ${input.siren} ORDER BY year DESC LIMIT 1`,
  );
  return r ? { year: Number(r.year), band: Number(r.band) } : null;
}

/** The peers of a SIREN in a year: the SIRENs of the similar organisations, itself excluded. */
export async function peerGroup(deps: Deps, input: { siren: string; kind: OrganisationKind; year: number }): Promise<{ band: number | null; sirens: string[] }> {
  const [me] = await rows<{ band: number }>(deps.db, sql`SELECT band FROM (${bandedProfilesSql({ kind: input.kind, years: sql`${input.year}` })}) p WHERE p.siren = ${input.siren}`);
  if (!me) return { band: null, sirens: [] };
  const band = Number(me.band);
  const similar = await rows<{ siren: string }>(
    deps.db,
    sql`SELECT siren FROM (${similarSirensSql({ kind: input.kind, year: input.year, band })}) s WHERE s.siren <> ${input.siren} ORDER BY siren`,
  );
  return { band, sirens: similar.map((r) => r.siren) };
}

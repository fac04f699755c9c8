/**
 * Yearly purchases of a SIREN estimated from its DECP marchés (reference §10.3), against the
 * SPASER threshold in force that year: a status with its reasons, never a verdict.
 */
import { sql } from 'drizzle-orm';
import type { Deps } from '../../platform/context.js';
import { rows } from '../../platform/db.js';
import { thresholdAt } from '../../organisations/obligation.js';

export type EstimatorResult = { amount: number; contracts: number; excluded: number };
export type Estimate = {
  siren: string;
  year: number;
  threshold: number;
  notified: EstimatorResult;
  annualised: EstimatorResult;
  /** Marchés without a valid notification date (counted in no year), and without a duration. */
  undated: number;
  missingDuration: number;
  status: 'likely_above' | 'likely_below' | 'uncertain';
  reasons: string[];
};

/** Both estimators must clear the threshold by this margin for a "likely" status. */
export const ABOVE_MARGIN = 1.25;
export const BELOW_MARGIN = 0.5;
/** Above this share of amounts left out, no "likely below". */
export const MAX_EXCLUDED_SHARE = 0.1;

// One formatter for every reason (the list computes the status of every SIREN).
const eurFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const eur = (n: number) => `${eurFormat.format(n)} € HT`;

/** Pure: the status and its French reasons from the two estimators. */
export function estimateStatus(input: { threshold: number; notified: EstimatorResult; annualised: EstimatorResult; undated: number; missingDuration: number }): Pick<Estimate, 'status' | 'reasons'> {
  const { threshold, notified, annualised } = input;
  const reasons: string[] = [];
  const hi = Math.max(notified.amount, annualised.amount);
  const lo = Math.min(notified.amount, annualised.amount);
  const counted = notified.contracts + annualised.contracts;
  const excluded = notified.excluded + annualised.excluded;
  let status: Estimate['status'] = 'uncertain';
  reasons.push(`Seuil en vigueur cette année : ${eur(threshold)} d'achats annuels.`);
  reasons.push(`Marchés notifiés dans l'année : ${eur(notified.amount)} (${notified.contracts} marché(s)) ; montant étalé sur la durée d'exécution : ${eur(annualised.amount)} (${annualised.contracts} marché(s)).`);
  if (counted + excluded === 0) {
    reasons.push("Aucun marché de cet acheteur n'a été importé pour cette année : les données DECP ne permettent pas de conclure.");
  } else if (lo > threshold * ABOVE_MARGIN) {
    status = 'likely_above';
    reasons.push(`Les deux estimations dépassent le seuil de plus de ${Math.round((ABOVE_MARGIN - 1) * 100)} %.`);
  } else if (hi < threshold * BELOW_MARGIN && excluded <= MAX_EXCLUDED_SHARE * (counted + excluded)) {
    status = 'likely_below';
    reasons.push(`Les deux estimations restent sous ${Math.round(BELOW_MARGIN * 100)} % du seuil.`);
    reasons.push('Les DECP ne couvrent que les marchés de 40 000 € HT et plus, et pas tous les profils d\'acheteur : les achats réels sont plus élevés.');
  } else {
    if (lo <= threshold && hi > threshold) reasons.push("Les deux estimations sont de part et d'autre du seuil.");
    else if (hi >= threshold * BELOW_MARGIN && lo <= threshold * ABOVE_MARGIN) reasons.push('Les estimations sont trop proches du seuil pour conclure.');
    if (excluded > MAX_EXCLUDED_SHARE * (counted + excluded))
      reasons.push(`Trop de montants écartés (manquants, symboliques ou aberrants) : ${excluded} sur ${counted + excluded}.`);
  }
  if (excluded > 0 && !reasons.some((r) => r.startsWith('Trop de montants'))) reasons.push(`${excluded} montant(s) manquant(s), symbolique(s) ou aberrant(s) écarté(s) des sommes.`);
  if (input.undated > 0) reasons.push(`${input.undated} marché(s) sans date de notification valide ne sont comptés dans aucune année.`);
  if (input.missingDuration > 0) reasons.push(`${input.missingDuration} marché(s) sans durée : leur montant est compté en entier le mois de notification.`);
  return { status, reasons };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Both estimators for every SIREN that has marchés (or only the given one), from the yearly profiles
 * kept by the import (decp_siren_years, ADR 0015): one row per SIREN, whatever its number of
 * contracts. The observatory's list of buyers and the per-buyer estimate share this one computation.
 */
export async function estimateMany(deps: Deps, year: number, opts: { siren?: string } = {}): Promise<Estimate[]> {
  const threshold = thresholdAt(`${year}-01-01`);
  const only = opts.siren === undefined ? sql`true` : sql`buyer_siren = ${opts.siren}`;
  const res = await rows<Record<string, number | string | null>>(
    deps.db,
    sql`SELECT s.siren, p.notified_amount AS n_amount, p.notified_contracts AS n_contracts, p.notified_excluded AS n_excluded,
          p.annualised_amount AS a_amount, p.annualised_contracts AS a_contracts, p.annualised_excluded AS a_excluded,
          p.missing_duration, s.undated
        FROM (
          SELECT buyer_siren AS siren, coalesce(sum(contracts) FILTER (WHERE year IS NULL), 0)::int AS undated
          FROM decp_buyer_years WHERE kind = 'marche' AND ${only} GROUP BY buyer_siren
        ) s LEFT JOIN decp_siren_years p ON p.buyer_siren = s.siren AND p.year = ${year}
        ORDER BY s.siren`,
  );
  return res.map((r) => {
    const num = (k: string) => Number(r[k] ?? 0);
    const notified = { amount: round2(num('n_amount')), contracts: num('n_contracts'), excluded: num('n_excluded') };
    const annualised = { amount: round2(num('a_amount')), contracts: num('a_contracts'), excluded: num('a_excluded') };
    const siren = String(r.siren);
    const undated = num('undated');
    const missingDuration = num('missing_duration');
    return { siren, year, threshold, notified, annualised, undated, missingDuration, ...estimateStatus({ threshold, notified, annualised, undated, missingDuration }) };
  });
}

/** The calendar years the imported marchés cover (the observatory's years, the verdict's default year). */
export async function decpYears(deps: Deps): Promise<number[]> {
  const res = await rows<{ year: number }>(deps.db, sql`SELECT DISTINCT year FROM decp_buyer_years WHERE kind = 'marche' AND year IS NOT NULL ORDER BY year`);
  return res.map((r) => Number(r.year));
}

/** Both estimators over the SIREN's kept marchés (concessions excluded: their value is no purchase). */
export async function estimatePurchases(deps: Deps, siren: string, year: number): Promise<Estimate> {
  const [found] = await estimateMany(deps, year, { siren });
  if (found) return found;
  const none = { amount: 0, contracts: 0, excluded: 0 };
  const threshold = thresholdAt(`${year}-01-01`);
  return { siren, year, threshold, notified: none, annualised: none, undated: 0, missingDuration: 0, ...estimateStatus({ threshold, notified: none, annualised: none, undated: 0, missingDuration: 0 }) };
}

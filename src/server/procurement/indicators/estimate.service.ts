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
  status: 'likely_above' | 'likely_below' | 'uncertain';
  reasons: string[];
};

/** Both estimators must clear the threshold by this margin for a "likely" status. */
export const ABOVE_MARGIN = 1.25;
export const BELOW_MARGIN = 0.5;
/** Above this share of amounts left out, no "likely below". */
export const MAX_EXCLUDED_SHARE = 0.1;

const eur = (n: number) => `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }).format(n)} € HT`;

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
 * Both estimators for every SIREN that has marchés (or only the given one), in one set-based query:
 * the observatory's list of buyers and the per-buyer estimate share this one computation.
 */
export async function estimateMany(deps: Deps, year: number, opts: { siren?: string } = {}): Promise<Estimate[]> {
  const threshold = thresholdAt(`${year}-01-01`);
  const y0 = year * 12;
  const only = opts.siren === undefined ? sql`true` : sql`buyer_siren = ${opts.siren}`;
  const res = await rows<Record<string, number | string | null>>(
    deps.db,
    sql`WITH m AS (
          SELECT buyer_siren, amount_current, amount_excluded, year, duration_months,
            (substr(notification_date, 1, 4)::int * 12 + substr(notification_date, 6, 2)::int - 1) AS m0,
            greatest(coalesce(duration_months, 1), 1) AS d
          FROM decp_contracts WHERE kind = 'marche' AND ${only}
        ),
        o AS (
          SELECT *, CASE WHEN m0 IS NULL THEN 0 ELSE greatest(0, least(m0 + d - 1, ${y0 + 11}) - greatest(m0, ${y0}) + 1) END AS overlap FROM m
        )
        SELECT buyer_siren AS siren,
          coalesce(sum(amount_current) FILTER (WHERE year = ${year} AND NOT amount_excluded), 0)::float8 AS n_amount,
          count(*) FILTER (WHERE year = ${year} AND NOT amount_excluded)::int AS n_contracts,
          count(*) FILTER (WHERE year = ${year} AND amount_excluded)::int AS n_excluded,
          coalesce(sum(amount_current / d * overlap) FILTER (WHERE overlap > 0 AND NOT amount_excluded), 0)::float8 AS a_amount,
          count(*) FILTER (WHERE overlap > 0 AND NOT amount_excluded)::int AS a_contracts,
          count(*) FILTER (WHERE overlap > 0 AND amount_excluded)::int AS a_excluded,
          count(*) FILTER (WHERE year IS NULL)::int AS undated,
          count(*) FILTER (WHERE overlap > 0 AND (duration_months IS NULL OR duration_months < 1))::int AS missing_duration
        FROM o GROUP BY buyer_siren ORDER BY buyer_siren`,
  );
  return res.map((r) => {
    const num = (k: string) => Number(r[k] ?? 0);
    const notified = { amount: round2(num('n_amount')), contracts: num('n_contracts'), excluded: num('n_excluded') };
    const annualised = { amount: round2(num('a_amount')), contracts: num('a_contracts'), excluded: num('a_excluded') };
    const siren = String(r.siren);
    return { siren, year, threshold, notified, annualised, ...estimateStatus({ threshold, notified, annualised, undated: num('undated'), missingDuration: num('missing_duration') }) };
  });
}

/** Both estimators over the SIREN's kept marchés (concessions excluded: their value is no purchase). */
export async function estimatePurchases(deps: Deps, siren: string, year: number): Promise<Estimate> {
  const [found] = await estimateMany(deps, year, { siren });
  if (found) return found;
  const none = { amount: 0, contracts: 0, excluded: 0 };
  const threshold = thresholdAt(`${year}-01-01`);
  return { siren, year, threshold, notified: none, annualised: none, ...estimateStatus({ threshold, notified: none, annualised: none, undated: 0, missingDuration: 0 }) };
}

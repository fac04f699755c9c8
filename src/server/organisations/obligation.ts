import type { OrganisationKind } from './organisations.tables.js';

/**
 * Whether the SPASER obligation (art. L2111-3 and D2111-3 CCP) applies to a buyer at a date.
 * Sources: ../shared/reference/domain.md §1 — threshold 100 M€ HT until 31 Dec 2022 (décret
 * 2015-90), 50 M€ HT from 1 Jan 2023 (décret 2022-767); until 24 Oct 2023 only collectivités
 * territoriales, their groupements and buyers whose status is set by law; from 25 Oct 2023
 * (loi Industrie verte) every buyer under the Code, the State and hospitals included.
 * The amount must be strictly above the threshold ("supérieur à").
 */
export type ObligationInput = { kind: OrganisationKind; declaredYearlyPurchases: number | null };

export type Obligation = {
  date: string;
  threshold: number;
  /** Whether buyers of this kind were concerned by the article at that date. */
  kindConcerned: boolean;
  status: 'applies' | 'does_not_apply' | 'unknown';
  reasons: string[];
};

export const LAW_START = '2015-02-01';
const THRESHOLD_CHANGE = '2023-01-01';
const SCOPE_CHANGE = '2023-10-25';

/** Kinds concerned before the loi Industrie verte: collectivités, groupements, statut fixé par la loi. */
const concernedBefore2023Scope: ReadonlySet<OrganisationKind> = new Set([
  'commune',
  'epci',
  'departement',
  'region',
  'collectivite_statut_particulier',
  'syndicat',
  'statut_legal',
]);

const eur = (n: number) => `${new Intl.NumberFormat('fr-FR').format(n / 1_000_000)} M€ HT`;

export function thresholdAt(date: string): number {
  return date < THRESHOLD_CHANGE ? 100_000_000 : 50_000_000;
}

/** Pure: the rule in force at `date` (YYYY-MM-DD) applied to the buyer's kind and declared amount. */
export function spaserObligation(input: ObligationInput, date: string): Obligation {
  const threshold = thresholdAt(date);
  const reasons: string[] = [];
  if (date < LAW_START) {
    return { date, threshold, kindConcerned: false, status: 'does_not_apply', reasons: ["L'obligation de schéma n'était pas encore en vigueur à cette date."] };
  }
  const kindConcerned = date >= SCOPE_CHANGE || concernedBefore2023Scope.has(input.kind);
  if (!kindConcerned) {
    reasons.push(
      "Avant le 25 octobre 2023, l'obligation ne visait que les collectivités territoriales, leurs groupements et les acheteurs dont le statut est fixé par la loi ; la loi Industrie verte l'a étendue à tous les acheteurs, dont l'État et les hôpitaux.",
    );
    return { date, threshold, kindConcerned, status: 'does_not_apply', reasons };
  }
  reasons.push(
    date >= SCOPE_CHANGE
      ? 'Depuis le 25 octobre 2023, tout acheteur soumis au Code de la commande publique est concerné au-delà du seuil.'
      : 'Les collectivités territoriales, leurs groupements et les acheteurs dont le statut est fixé par la loi sont concernés au-delà du seuil.',
  );
  reasons.push(
    date >= THRESHOLD_CHANGE
      ? `Seuil en vigueur : ${eur(threshold)} d'achats annuels (depuis le 1er janvier 2023).`
      : `Seuil en vigueur : ${eur(threshold)} d'achats annuels (avant le 1er janvier 2023).`,
  );
  if (input.declaredYearlyPurchases === null || input.declaredYearlyPurchases === undefined) {
    reasons.push("Le montant annuel des achats n'a pas été déclaré : impossible de conclure.");
    return { date, threshold, kindConcerned, status: 'unknown', reasons };
  }
  const above = input.declaredYearlyPurchases > threshold;
  reasons.push(
    above
      ? `Montant déclaré (${eur(input.declaredYearlyPurchases)}) supérieur au seuil : le schéma est obligatoire.`
      : `Montant déclaré (${eur(input.declaredYearlyPurchases)}) inférieur ou égal au seuil : le schéma n'est pas obligatoire (il reste possible, y compris en schéma commun).`,
  );
  return { date, threshold, kindConcerned, status: above ? 'applies' : 'does_not_apply', reasons };
}

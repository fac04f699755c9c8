import { estimateStatus, type EstimatorResult } from '../procurement/indicators/estimate.service.js';
import type { VerdictStatus } from './organisations.contract.js';
import type { OrganisationKind } from './organisations.tables.js';

/**
 * The one verdict on the SPASER obligation (art. L2111-3 and D2111-3 CCP) that every page shares:
 * the organisation page, « Mon organisation », the observatory's list of buyers, its export and the API
 * (issue 15, item 4). Sources: ../shared/reference/domain.md §1 — threshold 100 M€ HT until 31 Dec 2022
 * (décret 2015-90), 50 M€ HT from 1 Jan 2023 (décret 2022-767); until 24 Oct 2023 only collectivités
 * territoriales, their groupements and buyers whose status is set by law; from 25 Oct 2023 (loi
 * Industrie verte) every buyer under the Code, the State and hospitals included. The amount must be
 * strictly above the threshold (« supérieur à »), and it is a calendar year's purchases that count
 * (D2111-3: by default the last complete calendar year).
 *
 * Inputs, in order of authority: the yearly purchases a verified member declared (dated, authoritative),
 * else the two DECP estimators (notified in the year, annualised over the execution) with their margins,
 * else nothing — « inconnu », and the verdict says how to make it certain.
 */

/** The DECP figures of the judged year, as the estimators give them (ADR 0015). */
export type DecpFigures = { notified: EstimatorResult; annualised: EstimatorResult; undated: number; missingDuration: number };

export type VerdictInput = {
  /** null for a SIREN seen in procurement data but absent from the registry. */
  kind: OrganisationKind | null;
  /** The date whose rule applies (YYYY-MM-DD). */
  date: string;
  /** The calendar year whose purchases are judged. */
  year: number;
  declared: { amount: number; year: number | null } | null;
  decp: DecpFigures | null;
  /** The day the legal unit ceased activity (SIRENE, ADR 0021), when it did. */
  ceasedOn?: string | null;
};

export type Verdict = {
  date: string;
  year: number;
  threshold: number;
  kindConcerned: boolean;
  status: VerdictStatus;
  /** What decided: the rule alone (kind or date), a declaration, the DECP estimate, or nothing. */
  source: 'rule' | 'declaration' | 'decp' | 'none';
  declared: { amount: number; year: number | null } | null;
  decp: { notified: number; annualised: number; contracts: number } | null;
  reasons: string[];
};

/**
 * The kind the verdict reads: unknown (null) for a buyer known only from procurement data whose legal
 * category no SIRENE import has given yet (its stored kind 'autre' is a placeholder, ADR 0021).
 */
export function verdictKind(o: { kind: OrganisationKind; source: string; legalCategory: string | null }): OrganisationKind | null {
  return o.source === 'decp' && o.legalCategory === null ? null : o.kind;
}

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

const whole = new Intl.NumberFormat('fr-FR');
const oneDecimal = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** « 50 M€ HT » for thresholds; « 81,2 M€ » for amounts, so that close figures stay apart. */
const thresholdText = (n: number) => `${whole.format(n / 1_000_000)} M€ HT`;
const amountText = (n: number) => `${oneDecimal.format(n / 1_000_000)} M€`;

export function thresholdAt(date: string): number {
  return date < THRESHOLD_CHANGE ? 100_000_000 : 50_000_000;
}

/**
 * The date and the year a verdict judges, from what the person asked (either may be missing) and the
 * years the imported DECP cover. Without a year, the last complete calendar year before the date that
 * the data covers (else simply the year before); without a date, today — or, for a past year, the last
 * day of the year after it, when that year was the last complete one. The observatory and the
 * organisation page both come here, so they judge the same period.
 */
export function verdictPeriod(asked: { date?: string; year?: number }, today: string, dataYears: readonly number[]): { date: string; year: number } {
  if (asked.year !== undefined) {
    const endOfNext = `${asked.year + 1}-12-31`;
    return { year: asked.year, date: asked.date ?? (endOfNext < today ? endOfNext : today) };
  }
  const date = asked.date ?? today;
  const lastComplete = Number(date.slice(0, 4)) - 1;
  const covered = dataYears.filter((y) => y <= lastComplete);
  return { date, year: covered.length ? Math.max(...covered) : lastComplete };
}

const fromEstimate = { likely_above: 'likely_concerned', likely_below: 'likely_not_concerned', uncertain: 'uncertain' } as const;

/** Pure: the verdict, its source and its French reasons. */
export function spaserVerdict(input: VerdictInput): Verdict {
  const { date, year } = input;
  const threshold = thresholdAt(date);
  const contracts = input.decp ? input.decp.notified.contracts + input.decp.annualised.contracts : 0;
  const decp = input.decp && contracts + input.decp.notified.excluded + input.decp.annualised.excluded > 0
    ? { notified: input.decp.notified.amount, annualised: input.decp.annualised.amount, contracts: input.decp.notified.contracts }
    : null;
  const base = { date, year, threshold, declared: input.declared, decp };
  if (date < LAW_START) {
    return { ...base, kindConcerned: false, status: 'not_concerned', source: 'rule', reasons: ["L'obligation de schéma (article L2111-3 du Code de la commande publique) n'était pas encore en vigueur à cette date."] };
  }
  const reasons: string[] = [];
  if (input.ceasedOn && input.ceasedOn <= date) {
    const [y, m, d] = input.ceasedOn.split('-');
    reasons.push(`Cette unité a cessé son activité le ${d}/${m}/${y} d'après le répertoire SIRENE de l'INSEE : l'obligation ne la vise plus à cette date.`);
    return { ...base, kindConcerned: false, status: 'not_concerned', source: 'rule', reasons };
  }
  if (input.kind === null && date < SCOPE_CHANGE) {
    reasons.push("Cet acheteur n'est connu que par les données de la commande publique : son type, qui décidait de l'obligation avant le 25 octobre 2023, est inconnu.");
    return { ...base, kindConcerned: false, status: 'uncertain', source: 'none', reasons };
  }
  const kindConcerned = date >= SCOPE_CHANGE || concernedBefore2023Scope.has(input.kind!);
  if (!kindConcerned) {
    reasons.push(
      "Avant le 25 octobre 2023, l'obligation ne visait que les collectivités territoriales, leurs groupements et les acheteurs dont le statut est fixé par la loi ; la loi Industrie verte l'a étendue à tous les acheteurs, dont l'État et les hôpitaux (article L2111-3).",
    );
    return { ...base, kindConcerned, status: 'not_concerned', source: 'rule', reasons };
  }
  reasons.push(
    date >= SCOPE_CHANGE
      ? 'Depuis le 25 octobre 2023, tout acheteur soumis au Code de la commande publique est concerné au-delà du seuil (article L2111-3).'
      : 'Les collectivités territoriales, leurs groupements et les acheteurs dont le statut est fixé par la loi sont concernés au-delà du seuil (article L2111-3).',
  );
  reasons.push(
    `Seuil en vigueur : ${thresholdText(threshold)} d'achats par an (article D2111-3, ${date >= THRESHOLD_CHANGE ? 'depuis le 1er janvier 2023' : 'avant le 1er janvier 2023'}) ; année d'achats jugée : ${year}.`,
  );

  if (input.declared) {
    const { amount, year: declaredYear } = input.declared;
    const above = amount > threshold;
    reasons.push(
      `Montant annuel des achats déclaré par un membre vérifié : ${amountText(amount)} HT${declaredYear ? ` (année ${declaredYear})` : ''}, ${above ? 'supérieur au seuil : le schéma est obligatoire.' : "inférieur ou égal au seuil : le schéma n'est pas obligatoire (il reste possible, y compris en schéma commun)."}`,
    );
    if (declaredYear !== null && declaredYear !== year) reasons.push(`Le montant déclaré porte sur ${declaredYear}, pas sur ${year} : le déclarer à nouveau pour ${year} rendrait la réponse exacte.`);
    if (decp) reasons.push(`Pour comparaison, les données essentielles donnent ${amountText(decp.notified)} de marchés notifiés en ${year} ; ${amountText(decp.annualised)} annualisés.`);
    return { ...base, kindConcerned, status: above ? 'concerned' : 'not_concerned', source: 'declaration', reasons };
  }

  if (!decp) {
    reasons.push(`Aucun montant déclaré et aucun marché dans les données essentielles pour ${year} : le montant des achats est inconnu.`);
    reasons.push("Pour une réponse certaine, un membre vérifié de l'organisation déclare le montant annuel de ses achats.");
    return { ...base, kindConcerned, status: 'uncertain', source: 'none', reasons };
  }
  const estimate = estimateStatus({ threshold, notified: input.decp!.notified, annualised: input.decp!.annualised, undated: input.decp!.undated, missingDuration: input.decp!.missingDuration });
  reasons.push(`${amountText(decp.notified)} de marchés notifiés en ${year} d'après les données essentielles ; ${amountText(decp.annualised)} annualisés.`);
  // The estimator's own reasons, but its threshold line and figures are already said above.
  reasons.push(...estimate.reasons.slice(2));
  reasons.push("C'est une estimation : pour une réponse certaine, un membre vérifié de l'organisation déclare le montant annuel de ses achats.");
  return { ...base, kindConcerned, status: fromEstimate[estimate.status], source: 'decp', reasons };
}

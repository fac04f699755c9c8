import { lawUnits, type ObjectiveTag, type SpaserContent } from './spaser.content.js';

/**
 * The legal check of a SPASER against article L2111-3 of the Code de la commande publique as it is
 * written (issue 17, item 5; decision record 0024). Every rule lives here, with the date from which it
 * applies and its source (../shared/reference/domain.md §1.1–1.2, copied into the ADR); a date the
 * reference does not establish is marked unverified, and the check says so. The check reads only the
 * structured content (categories editors tag objectives, actions and indicators with), never keywords in
 * free text; it informs and never blocks saving.
 */

export type CheckStatus = 'met' | 'missing' | 'not_applicable';
/** Where the editor fills what is missing: the builder's section anchors. */
export type CheckSection = 'axes' | 'indicators' | 'governance' | 'publication';

export type CheckContext = {
  /** The date whose law applies (YYYY-MM-DD): today, or the adoption date of an adopted SPASER. */
  at: string;
  /** The organisations of the schéma: one, or several for a joint schéma. */
  buyers: { id: string; name: string }[];
};

export type CheckItem = {
  id: RuleId;
  status: CheckStatus;
  title: string;
  basis: string;
  explanation: string;
  /** What is missing, in French, when the status is « missing »; why, when « not_applicable ». */
  detail: string | null;
  section: CheckSection;
  appliesFrom: string;
  /** Set when the reference does not establish the date: the check says so. */
  unverified: string | null;
};

export type CheckResult = { at: string; items: CheckItem[]; met: number; applicable: number };

type Outcome = { met: true } | { met: false; missing: string };
type Rule = {
  id: RuleId;
  title: string;
  basis: string;
  explanation: string;
  section: CheckSection;
  appliesFrom: string;
  unverified: string | null;
  /** Null when the rule does not concern this schéma (for example a single buyer). */
  applies?: (ctx: CheckContext) => string | null;
  check: (content: SpaserContent, ctx: CheckContext) => Outcome;
};

export const ruleIds = [
  'social_objectives',
  'ecological_objectives',
  'circular_economy',
  'implementation_and_monitoring',
  'precise_indicators',
  'indicators_every_two_years',
  'target_objectives',
  'online_publication',
  'joint_indicators_per_buyer',
] as const;
export type RuleId = (typeof ruleIds)[number];

const LAW_2014 = '2014-07-31'; // loi n° 2014-856 (ESS), art. 13
const LAW_2015 = '2015-08-17'; // loi n° 2015-992 (LTECV), art. 76
const CODE_2019 = '2019-04-01'; // Code de la commande publique, art. L2111-3
const LAW_2021 = '2021-08-22'; // loi n° 2021-1104 « Climat et Résilience », art. 35
const LAW_2023 = '2023-10-25'; // loi n° 2023-973 « Industrie verte », art. 29 (in force 25 Oct 2023)

const ok: Outcome = { met: true };
const missing = (text: string): Outcome => ({ met: false, missing: text });

const objectives = (c: SpaserContent) => c.axes.flatMap((a) => a.objectives);
const tagged = (c: SpaserContent, tag: ObjectiveTag) =>
  objectives(c).some((o) => o.tags.includes(tag) || o.actions.some((a) => a.tags.includes(tag)));
const withTarget = (c: SpaserContent, categories: string[]) =>
  c.indicators.some((i) => categories.includes(i.category) && i.perBuyer.some((b) => b.targets.length > 0));

const RULES: Rule[] = [
  {
    id: 'social_objectives',
    title: 'Des objectifs sociaux',
    basis: 'Art. L2111-3, al. 2 CCP (loi n° 2014-856 du 31 juillet 2014, art. 13)',
    explanation:
      "Le schéma détermine des objectifs d'achat comportant des éléments à caractère social visant à concourir à l'intégration sociale et professionnelle de travailleurs handicapés ou défavorisés.",
    section: 'axes',
    appliesFrom: LAW_2014,
    unverified: null,
    check: (c) => (tagged(c, 'social_insertion') ? ok : missing("Aucun objectif ni aucune action n'est rattaché à l'insertion de travailleurs handicapés ou défavorisés.")),
  },
  {
    id: 'ecological_objectives',
    title: 'Des objectifs écologiques',
    basis: 'Art. L2111-3, al. 2 CCP (loi n° 2015-992 du 17 août 2015, art. 76)',
    explanation: "Le schéma détermine des objectifs d'achat comportant des éléments à caractère écologique.",
    section: 'axes',
    appliesFrom: LAW_2015,
    unverified: null,
    check: (c) => (tagged(c, 'ecological') ? ok : missing("Aucun objectif ni aucune action n'est rattaché à la dimension écologique.")),
  },
  {
    id: 'circular_economy',
    title: "La promotion de l'économie circulaire",
    basis: 'Art. L2111-3, al. 2 CCP',
    explanation: "Le schéma contribue également à la promotion d'une économie circulaire.",
    section: 'axes',
    appliesFrom: CODE_2019,
    unverified: "La date à laquelle cette phrase est entrée dans le texte n'est pas établie par nos sources : la règle est appliquée depuis la codification (1er avril 2019).",
    check: (c) =>
      tagged(c, 'circular_economy') || c.indicators.some((i) => i.category === 'circular_economy')
        ? ok
        : missing("Aucun objectif, aucune action ni aucun indicateur n'est rattaché à l'économie circulaire."),
  },
  {
    id: 'implementation_and_monitoring',
    title: 'Les modalités de mise en œuvre et de suivi annuel',
    basis: 'Art. L2111-3, al. 2 CCP',
    explanation: "Le schéma détermine les modalités de mise en œuvre et de suivi annuel de ses objectifs : des actions pour chaque objectif, un dispositif de suivi revu au moins une fois par an.",
    section: 'governance',
    appliesFrom: CODE_2019,
    unverified: "La date à laquelle ces modalités sont entrées dans le texte n'est pas établie par nos sources : la règle est appliquée depuis la codification (1er avril 2019).",
    check: (c) => {
      const gaps: string[] = [];
      const all = objectives(c);
      if (all.length === 0) gaps.push('aucun objectif');
      const bare = all.filter((o) => o.actions.length === 0);
      if (bare.length) gaps.push(`${bare.length === 1 ? "un objectif n'a" : `${bare.length} objectifs n'ont`} aucune action (${bare.map((o) => `« ${o.title} »`).join(', ')})`);
      if (!c.governance.monitoring.trim()) gaps.push('les modalités de suivi ne sont pas décrites');
      if (c.governance.reviewCadenceMonths === null) gaps.push("la fréquence de revue n'est pas indiquée");
      else if (c.governance.reviewCadenceMonths > 12) gaps.push(`le suivi est revu tous les ${c.governance.reviewCadenceMonths} mois, moins d'une fois par an`);
      return gaps.length ? missing(`${capitalise(gaps.join(' ; '))}.`) : ok;
    },
  },
  {
    id: 'precise_indicators',
    title: 'Des indicateurs précis, en nombre de contrats ou en valeur',
    basis: 'Art. L2111-3 CCP (loi n° 2021-1104 du 22 août 2021, art. 35)',
    explanation:
      "Le schéma comporte des indicateurs précis, exprimés en nombre de contrats ou en valeur, sur les taux réels d'achats relevant des catégories de l'achat socialement et écologiquement responsable.",
    section: 'indicators',
    appliesFrom: LAW_2021,
    unverified: "La date d'entrée en vigueur de ce paragraphe n'est pas établie par nos sources : la règle est appliquée depuis la date de la loi.",
    check: (c) => {
      const precise = c.indicators.filter((i) => lawUnits.includes(i.unit) && i.definition.trim() !== '' && i.perBuyer.some((b) => b.baseline !== null));
      if (precise.length) return ok;
      if (!c.indicators.some((i) => lawUnits.includes(i.unit))) return missing("Aucun indicateur n'est exprimé en nombre de contrats ou en valeur (part des contrats, part en valeur, nombre de contrats, euros).");
      return missing("Les indicateurs en nombre de contrats ou en valeur n'ont pas de définition ou pas de valeur de référence.");
    },
  },
  {
    id: 'indicators_every_two_years',
    title: 'Des indicateurs publiés au moins tous les deux ans',
    basis: 'Art. L2111-3 CCP (loi n° 2021-1104 du 22 août 2021, art. 35)',
    explanation: 'Les indicateurs sont publiés tous les deux ans.',
    section: 'publication',
    appliesFrom: LAW_2021,
    unverified: "La date d'entrée en vigueur de ce paragraphe n'est pas établie par nos sources : la règle est appliquée depuis la date de la loi.",
    check: (c) => {
      const every = c.publication.indicatorsEveryMonths;
      if (every === null) return missing("La fréquence de publication des indicateurs n'est pas indiquée.");
      return every <= 24 ? ok : missing(`Les indicateurs sont publiés tous les ${every} mois : il faut au moins tous les deux ans (24 mois).`);
    },
  },
  {
    id: 'target_objectives',
    title: 'Des objectifs cibles, dont les achats auprès des ESUS et des entreprises employant des personnes défavorisées',
    basis: 'Art. L2111-3 CCP (loi n° 2021-1104 du 22 août 2021, art. 35) ; ESUS : art. L3332-17-1 du code du travail',
    explanation:
      "Le schéma précise les objectifs cibles à atteindre, notamment pour les achats auprès des entreprises solidaires d'utilité sociale agréées et des entreprises employant des personnes défavorisées ou appartenant à des groupes vulnérables.",
    section: 'indicators',
    appliesFrom: LAW_2021,
    unverified: "La date d'entrée en vigueur de ce paragraphe n'est pas établie par nos sources : la règle est appliquée depuis la date de la loi.",
    check: (c) => {
      const gaps: string[] = [];
      if (!withTarget(c, ['esus'])) gaps.push("aucun indicateur « achats auprès des ESUS » n'a de cible");
      if (!withTarget(c, ['insertion', 'reserved_contracts'])) gaps.push("aucun indicateur d'insertion ou de marchés réservés (entreprises employant des personnes défavorisées) n'a de cible");
      return gaps.length ? missing(`${capitalise(gaps.join(' ; '))}.`) : ok;
    },
  },
  {
    id: 'online_publication',
    title: 'La publication en ligne',
    basis: 'Art. L2111-3 CCP (loi n° 2021-1104 du 22 août 2021, art. 35)',
    explanation: "Le schéma est rendu public, notamment par une mise en ligne sur le site internet de l'acheteur lorsqu'il existe.",
    section: 'publication',
    appliesFrom: LAW_2021,
    unverified: "La date d'entrée en vigueur de ce paragraphe n'est pas établie par nos sources : la règle est appliquée depuis la date de la loi.",
    check: (c) => (c.publication.url ? ok : missing("L'adresse de publication du schéma sur le site de l'acheteur n'est pas indiquée.")),
  },
  {
    id: 'joint_indicators_per_buyer',
    title: 'Un schéma commun : des indicateurs pour chaque acheteur',
    basis: 'Art. L2111-3 CCP (loi n° 2023-973 du 23 octobre 2023, art. 29)',
    explanation: 'Lorsque le schéma est élaboré conjointement par plusieurs acheteurs, les indicateurs sont établis pour chaque acheteur public.',
    section: 'indicators',
    appliesFrom: LAW_2023,
    unverified: null,
    applies: (ctx) => (ctx.buyers.length < 2 ? 'Le schéma concerne un seul acheteur.' : null),
    check: (c, ctx) => {
      if (c.indicators.length === 0) return missing("Aucun indicateur n'est encore établi.");
      const gaps = ctx.buyers
        .map((b) => {
          const without = c.indicators.filter((i) => !i.perBuyer.some((p) => p.organisationId === b.id && (p.baseline !== null || p.targets.length > 0)));
          return without.length ? `${b.name} : ${without.map((i) => `« ${i.name} »`).join(', ')}` : null;
        })
        .filter((g): g is string => g !== null);
      return gaps.length ? missing(`Indicateurs sans référence ni cible pour ${gaps.join(' ; ')}.`) : ok;
    },
  },
];

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const frenchDate = (iso: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

/** Pure: the checklist of a SPASER's content at a date, a score and what is missing, with where to fill it. */
export function checkSpaser(content: SpaserContent, ctx: CheckContext): CheckResult {
  const items = RULES.map((rule): CheckItem => {
    const base = { id: rule.id, title: rule.title, basis: rule.basis, explanation: rule.explanation, section: rule.section, appliesFrom: rule.appliesFrom, unverified: rule.unverified };
    if (ctx.at < rule.appliesFrom) return { ...base, status: 'not_applicable', detail: `Cette exigence s'applique depuis le ${frenchDate(rule.appliesFrom)}.` };
    const notConcerned = rule.applies?.(ctx) ?? null;
    if (notConcerned) return { ...base, status: 'not_applicable', detail: notConcerned };
    const outcome = rule.check(content, ctx);
    return outcome.met ? { ...base, status: 'met', detail: null } : { ...base, status: 'missing', detail: outcome.missing };
  });
  const applicable = items.filter((i) => i.status !== 'not_applicable');
  return { at: ctx.at, items, met: applicable.filter((i) => i.status === 'met').length, applicable: applicable.length };
}

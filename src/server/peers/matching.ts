// Peer matching (issue 20, item 4): the features, their points and the French words for each.
// The ranking (SQL, peers.service.ts) and the explanation (here) read the same table of features:
// a reason is shown exactly when its feature scored. Server-only (it reads similar.ts); the web app
// reads the feature list from features.ts.
import { regionNames, themes, type Theme } from '../../shared/fields.js';
import { organisationKindLabels } from '../organisations/organisations.contract.js';
import { isInForce, spaserStatusKeys, spaserStatusLabels, type SpaserStatusKey } from '../spaser/spaser-status.contract.js';
import { sizeBandLabel } from '../observatory/similar.js';
import { featureKeys, type FeatureKey } from './features.js';

export { featureKeys, type FeatureKey };

/**
 * Points of each feature. A pair scores the sum of the features that hold for it; « similar » and
 * « same kind » exclude each other, as do « same département » and « same région », and « SPASER in
 * force » and « SPASER ahead ». Why these numbers: being like me (similar, nearby) and having done
 * what I must do (SPASER in force) weigh most; from three useful answers on a theme I ask for, that
 * theme outweighs any one of them; DECP strengths and availability break ties between comparable peers.
 */
export const WEIGHTS = {
  similar: 30,
  sameKind: 10,
  sameDepartement: 20,
  sameRegion: 12,
  spaserInForce: 25,
  spaserAhead: 10,
  themeAnswer: 20,
  themeAnswerCap: 5,
  themeDeclared: 15,
  usefulAnswer: 2,
  usefulAnswerCap: 5,
  environmental: 15,
  social: 15,
  available: 10,
  active: 5,
} as const;

/** A DECP share counts as a strength when it exceeds mine by this many points… */
export const SHARE_GAP_POINTS = 20;
/** …over the latest year with at least this many marchés notified (fewer make a share meaningless). */
export const MIN_CONTRACTS_FOR_SHARE = 5;
/** « Actif récemment »: an authenticated visit within this many days. */
export const ACTIVE_WITHIN_DAYS = 60;

/** The rank from which a SPASER is in force. */
export const IN_FORCE_STAGE = 3;
/** Ranks before a SPASER is in force; none, unknown or anything else: 0. */
const BEFORE_IN_FORCE: Partial<Record<SpaserStatusKey, number>> = { in_preparation: 1, in_consultation: 2 };
/**
 * How far along a SPASER is: an organisation is « ahead » of mine when its rank is higher. Every status
 * in force (the one rule, `isInForce`: adopted, published, in force while revised) has IN_FORCE_STAGE.
 */
export const SPASER_STAGE = Object.fromEntries(
  spaserStatusKeys.map((k) => [k, isInForce(k) ? IN_FORCE_STAGE : (BEFORE_IN_FORCE[k] ?? 0)]),
) as Record<SpaserStatusKey, number>;

/** What the ranking knew about a pair when a feature scored: the words are built from these only. */
export type PairFacts = {
  kind: string;
  year: number | null;
  band: number | null;
  departementName: string | null;
  regionCode: string | null;
  spaserStatus: SpaserStatusKey;
  spaserAdoptedOn: string | null;
  theme: Theme | null;
  themeAnswers: number;
  usefulAnswers: number;
  shareYear: number | null;
  environmentalShare: number | null;
  socialShare: number | null;
  mine: { shareYear: number | null; environmentalShare: number | null; socialShare: number | null };
};

export type Reason = { feature: FeatureKey; points: number; text: string };

const pct = (share: number) => `${Math.round(share * 100)} %`;
const answers = (n: number) => `${n} réponse${n > 1 ? 's' : ''} utile${n > 1 ? 's' : ''}`;
const kindLabel = (kind: string) => organisationKindLabels[kind as keyof typeof organisationKindLabels] ?? kind;

function shareText(what: 'environnementale' | 'sociale', theirs: number, mine: number, facts: PairFacts): string {
  const myYear = facts.mine.shareYear !== facts.shareYear ? ` en ${facts.mine.shareYear}` : '';
  return `${pct(theirs)} de marchés avec une considération ${what} en ${facts.shareYear}, contre ${pct(mine)} chez vous${myYear}`;
}

/** The French words of one feature that scored, from the facts of the pair. */
export function reasonText(feature: FeatureKey, f: PairFacts): string {
  switch (feature) {
    case 'similar':
      return `organisation similaire (${kindLabel(f.kind)}, ${sizeBandLabel(f.band!)} de marchés notifiés en ${f.year})`;
    case 'sameKind':
      return `même type d'organisation (${kindLabel(f.kind)})`;
    case 'sameDepartement':
      return `même département (${f.departementName ?? '?'})`;
    case 'sameRegion':
      return `même région (${regionNames[f.regionCode ?? ''] ?? f.regionCode})`;
    case 'spaserInForce': {
      const year = f.spaserAdoptedOn?.slice(0, 4);
      if (f.spaserStatus === 'published') return `SPASER publié${year ? ` (adopté en ${year})` : ''}`;
      if (f.spaserStatus === 'in_revision') return `SPASER adopté${year ? ` en ${year}` : ''}, en cours de révision`;
      return `SPASER adopté${year ? ` en ${year}` : ''}`;
    }
    case 'spaserAhead':
      return `SPASER ${spaserStatusLabels[f.spaserStatus].toLowerCase()}, plus avancé que le vôtre`;
    case 'themeAnswers':
      return `${answers(f.themeAnswers)} sur « ${themes[f.theme!]} »`;
    case 'themeDeclared':
      return `expertise déclarée : « ${themes[f.theme!]} »`;
    case 'usefulAnswers':
      return `${answers(f.usefulAnswers)} dans l'espace d'entraide`;
    case 'environmental':
      return shareText('environnementale', f.environmentalShare!, f.mine.environmentalShare!, f);
    case 'social':
      return shareText('sociale', f.socialShare!, f.mine.socialShare!, f);
    case 'available':
      return 'disponible pour aider';
    case 'active':
      return `actif sur la plateforme ces ${ACTIVE_WITHIN_DAYS} derniers jours`;
  }
}

/** The reasons of a pair, strongest first, from the points the ranking gave each feature. */
export function reasonsOf(points: Record<FeatureKey, number>, facts: PairFacts): Reason[] {
  return featureKeys
    .filter((k) => points[k] > 0)
    .map((k) => ({ feature: k, points: points[k], text: reasonText(k, facts) }))
    .sort((a, b) => b.points - a.points || featureKeys.indexOf(a.feature) - featureKeys.indexOf(b.feature));
}

/** One French sentence: « Même région (Bretagne), SPASER publié (adopté en 2024) et disponible pour aider. » */
export function explanation(reasons: Reason[]): string {
  if (reasons.length === 0) return '';
  const texts = reasons.map((r) => r.text);
  const last = texts.pop()!;
  const sentence = texts.length ? `${texts.join(', ')} et ${last}` : last;
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

// --- Sponsors of a cohort (issue 20, item 6) --------------------------------------------------------
// A candidate is scored against each organisation of the cohort as a peer would be, and the cohort's
// score is the sum: the sponsor who would be suggested to most of its buyers, most strongly, comes
// first. Each reason says for how many of the cohort's organisations its feature scored.

/** Features that depend on the candidate alone (the same words whichever organisation they are scored for). */
const CANDIDATE_FEATURES: ReadonlySet<FeatureKey> = new Set(['spaserInForce', 'themeAnswers', 'themeDeclared', 'usefulAnswers', 'available', 'active']);

/** « l'organisation participante », « une des 3 organisations participantes », « les 3 organisations participantes ». */
function ofTheCohort(n: number, of: number): string {
  if (of === 1) return "l'organisation participante";
  if (n === of) return `les ${of} organisations participantes`;
  return `${n === 1 ? 'une' : n} des ${of} organisations participantes`;
}

/** The words of a feature that scored for `n` of the cohort's `of` organisations (facts: one pair where it did). */
function cohortReasonText(feature: FeatureKey, f: PairFacts, n: number, of: number): string {
  if (CANDIDATE_FEATURES.has(feature)) return reasonText(feature, f);
  const whom = ofTheCohort(n, of);
  switch (feature) {
    case 'similar':
      return `organisation similaire à ${whom}`;
    case 'sameKind':
      return `même type d'organisation (${kindLabel(f.kind)}) que ${whom}`;
    case 'sameDepartement':
      return `même département (${f.departementName ?? '?'}) que ${whom}`;
    case 'sameRegion':
      return `même région (${regionNames[f.regionCode ?? ''] ?? f.regionCode}) que ${whom}`;
    case 'spaserAhead':
      return `SPASER ${spaserStatusLabels[f.spaserStatus].toLowerCase()}, plus avancé que chez ${whom}`;
    case 'environmental':
      return `${pct(f.environmentalShare!)} de marchés avec une considération environnementale en ${f.shareYear}, au moins ${SHARE_GAP_POINTS} points de plus que ${whom}`;
    case 'social':
      return `${pct(f.socialShare!)} de marchés avec une considération sociale en ${f.shareYear}, au moins ${SHARE_GAP_POINTS} points de plus que ${whom}`;
    default:
      return reasonText(feature, f);
  }
}

/**
 * The reasons of a candidate for a whole cohort, from the points they scored against each of its `of`
 * organisations (one entry per organisation they were ranked for): a feature's points are summed, and
 * its words say for how many organisations it held. The score is the sum of the reasons' points.
 */
export function cohortReasonsOf(pairs: { points: Record<FeatureKey, number>; facts: PairFacts }[], of: number): Reason[] {
  return featureKeys
    .map((k) => {
      const scoring = pairs.filter((p) => p.points[k] > 0);
      if (scoring.length === 0) return null;
      const points = scoring.reduce((sum, p) => sum + p.points[k], 0);
      return { feature: k, points, text: cohortReasonText(k, scoring[0]!.facts, scoring.length, of) };
    })
    .filter((r): r is Reason => r !== null)
    .sort((a, b) => b.points - a.points || featureKeys.indexOf(a.feature) - featureKeys.indexOf(b.feature));
}

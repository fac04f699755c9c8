/**
 * Generator of realistic national-scale DECP 2024 files (JSON, XML or the tabular CSV), for tests
 * and benchmarks. Streaming (one record in memory at a time, whatever the size) and deterministic
 * for a seed: every record is built from its own index and the seed, so a duplicate re-builds the
 * record it copies instead of remembering it.
 *
 * Counts are exact functions of the parameters (no sampling), so that tests can work them out:
 * - `contracts` primary records, indices 0…N−1; index i is a concession when i % 100 === 37
 *   (JSON and XML; the tabular CSV has marchés only, as the real national file);
 * - after primary i (of either kind), a duplicate is written when ⌊(i+1)·d⌋ > ⌊i·d⌋ (d = the
 *   duplicates share): floor(N·d) duplicates, each a clean earlier record of the same kind, written
 *   again as is or republished with one more modification;
 * - defects: with a share s and K selected defect kinds, primary i is defective when
 *   ⌊(i+1)·K·s⌋ > ⌊i·K·s⌋; the m-th defective record (m from 0) gets kind m mod K. A record has at
 *   most one defect, duplicates copy clean records only. See DEFECTS for each kind's effect.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import zlib from 'node:zlib';
import { addDays } from '../../../shared/paris-time.js';

export type GenFormat = 'json' | 'xml' | 'csv';

/** Every defect kind (reference §7.1) and what it does to the import, per record. */
export const DEFECTS = {
  'not-object': 'the record is a bare string or number → rejected NOT_AN_OBJECT (CSV: empty ids → NO_BUYER_ID)',
  'no-id': 'no id → rejected NO_ID',
  'no-buyer': 'no acheteur / autoriteConcedante → rejected NO_BUYER_ID',
  'shared-id': 'a different contract (other objet) reusing the identity of an earlier clean record → merged, conflict',
  'siret-invalid': 'buyer SIRET failing the Luhn key → SIRET_INVALID (a new buyer)',
  'id-spaces': 'id and titulaire SIRET padded with spaces → nothing (same identity)',
  'amount-placeholder': 'amount 0 or 1 €, no modification → AMOUNT_PLACEHOLDER',
  'amount-huge': 'amount 1.0E17, no modification → AMOUNT_HUGE',
  'amount-missing': 'no amount, no modification → AMOUNT_MISSING',
  'amount-string': 'amount as a string ("1 234 567,50") → nothing',
  'date-timezone': 'dates with a time-zone suffix → nothing',
  'date-impossible': 'notification year 0222, 5021 or 2921 → DATE_INVALID, undated',
  'date-english': 'notification date "September, 16 2024 00:00:00" → DATE_INVALID, undated',
  'date-missing': 'no notification date → DATE_MISSING, undated',
  'pub-before-notif': 'publication 10 days before notification → PUB_BEFORE_NOTIF',
  'nan-token': 'bare NaN token (JSON) / "NaN" text (XML, CSV) in offresRecues → nothing',
  'nc-values': '"NC" and "nan" in ccag and offresRecues → nothing',
  booleans: 'booleans as "oui"/"non" → nothing',
  'flattened-keys': '"acheteur.id" instead of acheteur: {id} → nothing',
  'nested-titulaires': 'titulaires wrapped in nested arrays (JSON) → nothing',
  'single-values': 'considerations as a bare value in their wrapper → nothing',
  'garbage-wrapper': 'an extra garbage titulaire {"titulaire": "typeIdentifiant"} → nothing',
  'blank-elements': 'white-space-only values (attributionAvance, tauxAvance) → nothing',
  hybrid: '2019 keys (uid, acheteur.nom) added to a 2024 record → HYBRID_FORMAT',
  'legacy-record': 'a whole 2019-format record → LEGACY_FORMAT, considerations unknown (CSV: MISSING_CONSIDERATIONS)',
  'control-chars': 'control characters in objet → nothing',
  'legacy-procedure': 'a DECP 1.4 procedure label, or a lost apostrophe → nothing',
  'enum-case': 'upper-cased enumerations (procedure, considerations) → nothing',
  mojibake: 'replacement characters in objet → nothing',
  'missing-considerations': 'no considerations fields → MISSING_CONSIDERATIONS, both unknown',
  'contradictory-considerations': '"Clause sociale" next to "Pas de considération sociale" → CONTRADICTORY_CONSIDERATIONS, social positive',
} as const;
export type DefectKind = keyof typeof DEFECTS;
export const DEFECT_KINDS = Object.keys(DEFECTS) as DefectKind[];

export type GenerateOptions = {
  contracts: number;
  format?: GenFormat;
  /** Share of the primary records given each defect kind (0 = a clean file). */
  defects?: number;
  /** Restrict the defects to these kinds (default: all). */
  defectKinds?: DefectKind[];
  /** Extra duplicate records, as a share of `contracts`. */
  duplicates?: number;
  seed?: number;
  /** Notification year of the contracts. */
  year?: number;
};

export type GenerateSummary = {
  records: number;
  primary: number;
  concessions: number;
  duplicates: number;
  defects: Partial<Record<DefectKind, number>>;
  buyers: number;
  bytes: number;
};

// ---------------------------------------------------------------------------------------------
// Deterministic randomness: one small PRNG per record, seeded from (seed, stream, index).

function mix(a: number, b: number): number {
  let h = (a ^ Math.imul(b, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export type Rng = () => number;
/** mulberry32: uniform in [0, 1). */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rngFor = (seed: number, stream: number, index: number) => rng(mix(mix(seed, stream), index));
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
/** A weighted choice: [[value, weight], …]. */
function weighted<T>(r: Rng, table: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of table) total += w;
  let x = r() * total;
  for (const [v, w] of table) if ((x -= w) < 0) return v;
  return table[table.length - 1]![0];
}
function normal(r: Rng): number {
  const u = Math.max(r(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

// ---------------------------------------------------------------------------------------------
// Identifiers.

/** The Luhn check digit that makes `body` + digit valid. */
export function luhnDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let n = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return (10 - (sum % 10)) % 10;
}
/** A SIREN starting with `prefix` (Luhn-valid) and one of its establishments' SIRET (Luhn-valid). */
function siret(r: Rng, prefix: string): string {
  let body = prefix;
  while (body.length < 8) body += String(int(r, 0, 9));
  const siren = body + luhnDigit(body);
  const nic = `${siren}${String(int(r, 1, 9)).padStart(4, '0')}`;
  return nic + luhnDigit(nic);
}
/** Makes a valid SIRET invalid: the last digit moved by 1…9. */
const breakSiret = (s: string, r: Rng) => s.slice(0, 13) + String((Number(s[13]) + int(r, 1, 9)) % 10);

// ---------------------------------------------------------------------------------------------
// Buyers: few large, many small (Zipf, exponent 1.1), kinds by rank.

const BUYER_KINDS: readonly { upTo: number; prefix: readonly string[]; name: string }[] = [
  { upTo: 0.004, prefix: ['11', '12', '13', '17', '18'], name: 'Ministère' },
  { upTo: 0.006, prefix: ['23'], name: 'Région' },
  { upTo: 0.02, prefix: ['22'], name: 'Département' },
  { upTo: 0.07, prefix: ['26'], name: 'Centre hospitalier' },
  { upTo: 0.2, prefix: ['24', '25'], name: 'Communauté de communes' },
  { upTo: 0.27, prefix: ['27', '28', '19', '38', '77'], name: 'Office public' },
  { upTo: 1, prefix: ['21'], name: 'Commune' },
];

type Buyer = { siret: string; name: string };

class Buyers {
  readonly list: Buyer[] = [];
  private readonly cumulative: Float64Array;
  constructor(seed: number, contracts: number) {
    // About 57 contracts per buyer nationally (1.54 M / 26 773, reference §8), at most 30 000 buyers.
    const n = Math.max(5, Math.min(30_000, Math.round(contracts / 57)));
    this.cumulative = new Float64Array(n);
    let acc = 0;
    const seen = new Set<string>();
    for (let b = 0; b < n; b++) {
      const r = rngFor(seed, 1, b);
      const kind = BUYER_KINDS.find((k) => b / n < k.upTo) ?? BUYER_KINDS[BUYER_KINDS.length - 1]!;
      let s = siret(r, pick(r, kind.prefix));
      while (seen.has(s)) s = siret(r, pick(r, kind.prefix));
      seen.add(s);
      this.list.push({ siret: s, name: `${kind.name} ${b + 1}` });
      acc += 1 / Math.pow(b + 1, 1.1);
      this.cumulative[b] = acc;
    }
  }
  pick(r: Rng): Buyer {
    const x = r() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.list[lo]!;
  }
}

// ---------------------------------------------------------------------------------------------
// One contract.

const CPV: readonly (readonly [string, number, 'travaux' | 'fournitures' | 'services', string])[] = [
  ['45210000', 8, 'travaux', 'Travaux de construction de bâtiments'],
  ['45233140', 7, 'travaux', 'Travaux de voirie'],
  ['45261000', 4, 'travaux', 'Travaux de charpente et de couverture'],
  ['45331000', 4, 'travaux', "Travaux d'installation de chauffage et de ventilation"],
  ['45442100', 3, 'travaux', 'Travaux de peinture'],
  ['45453000', 5, 'travaux', 'Travaux de remise en état et de remise à neuf'],
  ['45232400', 4, 'travaux', "Travaux d'égouts"],
  ['15000000', 5, 'fournitures', 'Denrées alimentaires pour la restauration collective'],
  ['09134200', 3, 'fournitures', 'Carburant diesel'],
  ['30192000', 3, 'fournitures', 'Fournitures de bureau'],
  ['33600000', 4, 'fournitures', 'Produits pharmaceutiques'],
  ['34110000', 2, 'fournitures', 'Véhicules particuliers'],
  ['39130000', 2, 'fournitures', 'Mobilier de bureau'],
  ['48000000', 2, 'fournitures', 'Logiciels et systèmes d’information'],
  ['09310000', 4, 'fournitures', "Fourniture d'électricité"],
  ['90910000', 6, 'services', 'Services de nettoyage des locaux'],
  ['90511000', 4, 'services', 'Collecte des ordures ménagères'],
  ['71000000', 7, 'services', "Missions de maîtrise d'œuvre"],
  ['79341000', 2, 'services', 'Services de publicité et de communication'],
  ['72000000', 4, 'services', 'Services informatiques'],
  ['55523100', 4, 'services', 'Services de restauration scolaire'],
  ['60130000', 3, 'services', 'Transport scolaire'],
  ['79710000', 2, 'services', 'Services de sécurité et de gardiennage'],
  ['66510000', 2, 'services', "Services d'assurance"],
  ['77310000', 3, 'services', "Entretien d'espaces verts"],
  ['80500000', 2, 'services', 'Formation professionnelle'],
];
const CPV_TABLE = CPV.map((c) => [c, c[1]] as const);
const PROCEDURES = [
  ['Procédure adaptée', 55],
  ["Appel d'offres ouvert", 30],
  ['Procédure avec négociation', 7],
  ['Marché passé sans publicité ni mise en concurrence préalable', 6],
  ["Appel d'offres restreint", 1.5],
  ['Dialogue compétitif', 0.5],
] as const;
const CONCESSION_PROCEDURES = ['Procédure négociée ouverte', 'Procédure non négociée ouverte', 'Procédure négociée restreinte', 'Procédure non négociée restreinte'] as const;
const CONCESSION_NATURES = ['Concession de travaux', 'Concession de service', 'Concession de service public', 'Délégation de service public'] as const;
const CCAG = { travaux: 'Travaux', fournitures: 'Fournitures courantes et services', services: 'Fournitures courantes et services' } as const;
// Assumed shares (no published national figure for 2024; PNAD targets are 30 % social, 100 % environmental).
const SOCIAL = [
  [['Pas de considération sociale'], 84],
  [['Clause sociale'], 10],
  [['Critère social'], 3],
  [['Clause sociale', 'Critère social'], 1.5],
  [['Marché réservé'], 1.5],
] as const;
const ENVIRONMENTAL = [
  [['Pas de considération environnementale'], 70],
  [['Clause environnementale'], 17],
  [['Critère environnemental'], 9],
  [['Clause environnementale', 'Critère environnemental'], 4],
] as const;
const MODIFICATIONS = [
  [0, 85],
  [1, 10],
  [2, 4],
  [3, 1],
] as const;

type Obj = Record<string, unknown>;
/** JSON cannot carry NaN: this placeholder string is written as a bare NaN token. */
const NAN = '\u0000NaN\u0000';

const pad = (n: number) => String(n).padStart(2, '0');

type Built = { record: Obj; kind: 'marche' | 'concession' };

/** The clean record of primary index i (extraMods > 0: republished with more modifications). */
function buildRecord(seed: number, buyers: Buyers, i: number, year: number, extraMods: number, concession: boolean): Built {
  const r = rngFor(seed, 2, i);
  const buyer = buyers.pick(r);
  const cpv = weighted(r, CPV_TABLE);
  const [code, , type, label] = cpv;
  const month = int(r, 1, 12);
  const notification = `${year}-${pad(month)}-${pad(int(r, 1, 28))}`;
  const publication = addDays(notification, int(r, 0, 60));
  // Log-normal amounts (median ≈ 150 k€), never under the 40 k€ DECP floor.
  const base = type === 'travaux' ? 12.2 : 11.8;
  const amount = Math.round(Math.min(5e8, Math.max(40_000, Math.exp(base + 1.25 * normal(r)))) * 100) / 100;
  // Durations keep amount / months ≥ 1 000 € (the coherence rules of reference §7.4 never fire).
  const maxMonths = Math.max(1, Math.floor(amount / 1000));
  let months = Math.min(maxMonths, type === 'travaux' ? int(r, 2, 24) : pick(r, [12, 12, 24, 36, 48, 6, 3]));
  const nMods = weighted(r, MODIFICATIONS) + extraMods;
  const initialMonths = months;
  // Concessions: a value 5 to 40 times the drawn amount, under the 10 bn€ AMOUNT_HUGE bound.
  const scale = concession ? int(r, 5, 40) : 1;
  const value = (x: number) => Math.round(Math.min(5e9, x * scale) * 100) / 100;
  const id = `${year}${concession ? 'C' : 'M'}${String(i).padStart(9, '0')}`;
  const social = [...weighted(r, SOCIAL as unknown as [string[], number][])];
  const environmental = [...weighted(r, ENVIRONMENTAL as unknown as [string[], number][])];
  // Modifications draw from their own stream: a republication with one more keeps every other field.
  const rm = rngFor(seed, 5, i);
  const mods: Obj[] = [];
  let current = amount;
  for (let m = 1; m <= nMods; m++) {
    current = Math.round(current * (1 + 0.02 + rm() * 0.15) * 100) / 100;
    if (rm() < 0.4) months = Math.min(Math.max(1, Math.floor(current / 1000)), months + int(rm, 1, 6));
    const date = addDays(notification, 30 * m + int(rm, 0, 20));
    const published = addDays(date, int(rm, 0, 15));
    mods.push({
      modification: concession
        ? { id: m, dateSignatureModification: date, datePublicationDonneesModification: published, dureeMois: months, valeurGlobale: value(current) }
        : { id: m, dateNotificationModification: date, datePublicationDonneesModification: published, dureeMois: months, montant: current, titulaires: [] },
    });
  }
  const nTit = r() < 0.85 ? 1 : int(r, 2, 3);
  const titulaires = Array.from({ length: nTit }, () => ({ [concession ? 'concessionnaire' : 'titulaire']: { typeIdentifiant: 'SIRET', id: siret(r, String(int(r, 30, 99))) } }));
  if (concession) {
    const record: Obj = {
      id,
      autoriteConcedante: { id: buyer.siret },
      nature: pick(r, CONCESSION_NATURES),
      objet: `Concession — ${label.toLowerCase()} (${buyer.name})`,
      procedure: pick(r, CONCESSION_PROCEDURES),
      dureeMois: int(r, 36, 240),
      dateSignature: notification,
      datePublicationDonnees: publication,
      dateDebutExecution: addDays(notification, int(r, 15, 90)),
      valeurGlobale: value(amount),
      montantSubventionPublique: r() < 0.3 ? Math.round(amount * 0.2) : 0,
      concessionnaires: titulaires,
      donneesExecution: [],
      considerationsSociales: { considerationSociale: social.map((s) => (s === 'Marché réservé' ? 'Concession réservée' : s)) },
      considerationsEnvironnementales: { considerationEnvironnementale: environmental },
      modifications: mods,
    };
    return { record, kind: 'concession' };
  }
  const accordCadre = r() < 0.2;
  const record: Obj = {
    id,
    acheteur: { id: buyer.siret },
    nature: 'Marché',
    objet: `${label} — lot ${int(r, 1, 8)} (${buyer.name})`,
    codeCPV: code,
    techniques: { technique: [accordCadre ? 'Accord-cadre' : 'Sans objet'] },
    modalitesExecution: { modaliteExecution: [accordCadre ? 'Bons de commande' : 'Sans objet'] },
    marcheInnovant: r() < 0.02,
    ccag: type === 'travaux' ? CCAG.travaux : r() < 0.15 ? 'Prestations intellectuelles' : CCAG[type],
    offresRecues: int(r, 1, 12),
    attributionAvance: r() < 0.3,
    tauxAvance: r() < 0.3 ? 0.05 : 0,
    typeGroupementOperateurs: nTit > 1 ? pick(r, ['Conjoint', 'Solidaire']) : 'Pas de groupement',
    sousTraitanceDeclaree: r() < 0.1,
    procedure: weighted(r, PROCEDURES),
    lieuExecution: { code: String(int(r, 1, 95)).padStart(2, '0'), typeCode: 'Code département' },
    dureeMois: initialMonths,
    dateNotification: notification,
    datePublicationDonnees: publication,
    montant: amount,
    typesPrix: { typePrix: [pick(r, ['Définitif ferme', 'Définitif révisable', 'Définitif actualisable'])] },
    formePrix: pick(r, ['Forfaitaire', 'Unitaire', 'Mixte']),
    titulaires,
    considerationsSociales: { considerationSociale: social },
    considerationsEnvironnementales: { considerationEnvironnementale: environmental },
    modificationsActesSousTraitance: [],
    modifications: mods,
  };
  return { record, kind: 'marche' };
}

// ---------------------------------------------------------------------------------------------
// Defects, applied to a clean record (in place, or replacing it).

function applyDefect(kind: DefectKind, b: Built, r: Rng): unknown {
  const rec = b.record;
  const c = b.kind === 'concession';
  const buyerKey = c ? 'autoriteConcedante' : 'acheteur';
  const amountKey = c ? 'valeurGlobale' : 'montant';
  const dateKey = c ? 'dateSignature' : 'dateNotification';
  const titKey = c ? 'concessionnaires' : 'titulaires';
  const titChild = c ? 'concessionnaire' : 'titulaire';
  const buyerId = (rec[buyerKey] as Obj).id as string;
  switch (kind) {
    case 'not-object':
      return r() < 0.5 ? `enregistrement illisible ${rec.id as string}` : 404;
    case 'no-id':
      delete rec.id;
      break;
    case 'no-buyer':
      delete rec[buyerKey];
      break;
    case 'shared-id':
      break; // handled by the writer (it needs an earlier record's identity)
    case 'siret-invalid':
      (rec[buyerKey] as Obj).id = breakSiret(buyerId, r);
      break;
    case 'id-spaces': {
      const id = rec.id as string;
      rec.id = ` ${id.slice(0, 4)} ${id.slice(4)} `;
      const t = (rec[titKey] as Obj[])[0]![titChild] as Obj;
      t.id = ` ${(t.id as string).slice(0, 9)} ${(t.id as string).slice(9)}`;
      break;
    }
    case 'amount-placeholder':
      rec.modifications = [];
      rec[amountKey] = pick(r, [0, 1, 1.0]);
      break;
    case 'amount-huge':
      rec.modifications = [];
      rec[amountKey] = 1.0e17;
      break;
    case 'amount-missing':
      rec.modifications = [];
      delete rec[amountKey];
      break;
    case 'amount-string':
      rec[amountKey] = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, useGrouping: true })
        .format(rec[amountKey] as number)
        .replace(/\u202f/g, ' ');
      break;
    case 'date-timezone':
      rec[dateKey] = `${rec[dateKey] as string}${pick(r, ['+01:00', 'T00:00:00+02:00', 'Z'])}`;
      rec.datePublicationDonnees = `${rec.datePublicationDonnees as string}+01:00`;
      break;
    case 'date-impossible':
      rec[dateKey] = `${pick(r, ['0222', '5021', '2921'])}${(rec[dateKey] as string).slice(4)}`;
      break;
    case 'date-english': {
      const d = new Date(`${rec[dateKey] as string}T00:00:00Z`);
      rec[dateKey] = `${d.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' })}, ${d.getUTCDate()} ${d.getUTCFullYear()} 00:00:00`;
      break;
    }
    case 'date-missing':
      delete rec[dateKey];
      break;
    case 'pub-before-notif':
      rec.datePublicationDonnees = addDays(rec[dateKey] as string, -10);
      break;
    case 'nan-token':
      rec.offresRecues = NAN;
      break;
    case 'nc-values':
      rec.ccag = 'NC';
      rec.offresRecues = 'nan';
      break;
    case 'booleans':
      rec.marcheInnovant = 'non';
      rec.attributionAvance = 'oui';
      rec.sousTraitanceDeclaree = 'non';
      break;
    case 'flattened-keys':
      delete rec[buyerKey];
      rec[`${buyerKey}.id`] = buyerId;
      break;
    case 'nested-titulaires':
      rec[titKey] = [[rec[titKey]]];
      break;
    case 'single-values': {
      const s = rec.considerationsSociales as { considerationSociale: string[] };
      const e = rec.considerationsEnvironnementales as { considerationEnvironnementale: string[] };
      rec.considerationsSociales = { considerationSociale: s.considerationSociale[0] };
      rec.considerationsEnvironnementales = { considerationEnvironnementale: e.considerationEnvironnementale[0] };
      break;
    }
    case 'garbage-wrapper':
      (rec[titKey] as unknown[]).push({ [titChild]: 'typeIdentifiant' });
      break;
    case 'blank-elements':
      rec.attributionAvance = ' ';
      rec.tauxAvance = '  ';
      break;
    case 'hybrid':
      rec.uid = `${buyerId}${rec.id as string}`;
      (rec[buyerKey] as Obj).nom = 'Acheteur (nom 2019)';
      break;
    case 'legacy-record': {
      const mods = (rec.modifications as { modification: Obj }[]).map(({ modification: m }) => ({
        objetModification: 'Avenant',
        [c ? 'dateSignatureModification' : 'dateNotificationModification']: m[c ? 'dateSignatureModification' : 'dateNotificationModification'],
        datePublicationDonneesModification: m.datePublicationDonneesModification,
        dureeMois: m.dureeMois,
        [amountKey]: m[amountKey],
      }));
      const legacy: Obj = {
        id: rec.id,
        uid: `${buyerId}${rec.id as string}`,
        _type: c ? 'Contrat de concession' : 'Marché',
        [buyerKey]: { id: buyerId, nom: 'Acheteur (format 2019)' },
        nature: c ? rec.nature : 'Marché',
        objet: rec.objet,
        ...(c ? {} : { codeCPV: rec.codeCPV }),
        procedure: rec.procedure,
        ...(c ? {} : { lieuExecution: { code: '69123', typeCode: 'Code commune', nom: 'Lyon' } }),
        dureeMois: rec.dureeMois,
        [dateKey]: rec[dateKey],
        datePublicationDonnees: rec.datePublicationDonnees,
        [amountKey]: rec[amountKey],
        ...(c ? {} : { formePrix: 'Ferme' }),
        [titKey]: (rec[titKey] as Obj[]).map((t) => ({ ...(t[titChild] as Obj), denominationSociale: 'Entreprise' })),
        modifications: mods,
      };
      return legacy;
    }
    case 'control-chars':
      rec.objet = `${rec.objet as string}\u0007\u000b fin`;
      break;
    case 'legacy-procedure':
      if (!c) rec.procedure = pick(r, ['Procédure négociée avec mise en concurrence préalable', 'Appel d offres ouvert', 'Marché négocié sans publicité ni mise en concurrence préalable']);
      break;
    case 'enum-case': {
      rec.procedure = (rec.procedure as string).toUpperCase();
      const s = rec.considerationsSociales as { considerationSociale: string[] };
      s.considerationSociale = s.considerationSociale.map((v) => v.toUpperCase());
      break;
    }
    case 'mojibake':
      rec.objet = (rec.objet as string).replace(/[éèàô]/g, '\ufffd');
      break;
    case 'missing-considerations':
      delete rec.considerationsSociales;
      delete rec.considerationsEnvironnementales;
      break;
    case 'contradictory-considerations':
      rec.considerationsSociales = { considerationSociale: ['Clause sociale', 'Pas de considération sociale'] };
      break;
  }
  return rec;
}

// ---------------------------------------------------------------------------------------------
// Serialisers.

const JSON_NAN = JSON.stringify(NAN);
const toJson = (v: unknown) => {
  const s = JSON.stringify(v);
  return s.includes(JSON_NAN) ? s.split(JSON_NAN).join('NaN') : s;
};

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
function xmlScalar(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v === NAN) return 'NaN';
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  return xmlEscape(String(v));
}
/** A record object → XML children: arrays of scalars repeat their element, arrays of objects nest their items. */
function xmlChildren(o: Obj): string {
  let out = '';
  for (const [k, v] of Object.entries(o)) {
    if (Array.isArray(v)) {
      if (v.some((x) => typeof x !== 'object' || x === null)) {
        for (const x of v) out += `<${k}>${xmlScalar(x)}</${k}>`;
      } else {
        const flat = (v as unknown[]).flat(3) as Obj[];
        out += flat.length ? `<${k}>${flat.map(xmlChildren).join('')}</${k}>` : `<${k}/>`;
      }
    } else if (typeof v === 'object' && v !== null) out += `<${k}>${xmlChildren(v as Obj)}</${k}>`;
    else out += `<${k}>${xmlScalar(v)}</${k}>`;
  }
  return out;
}

const CSV_COLUMNS = [
  'uid', 'id', 'nature', 'acheteur_id', 'acheteur_nom', 'titulaire_id', 'titulaire_typeIdentifiant', 'objet', 'montant', 'codeCPV',
  'procedure', 'techniques', 'dureeMois', 'dateNotification', 'datePublicationDonnees', 'considerationsSociales', 'considerationsEnvironnementales',
  'ccag', 'offresRecues', 'marcheInnovant', 'modification_id', 'donneesActuelles',
] as const;
const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : v === NAN ? 'NaN' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
/** The tabular row (decp-processing): current version, lists joined, "Pas de considération…" → "Sans objet". */
function csvRow(v: unknown): string {
  if (typeof v !== 'object' || v === null) return CSV_COLUMNS.map(() => '').join(',');
  const rec = v as Obj;
  const buyer = (rec.acheteur as Obj | undefined)?.id ?? rec['acheteur.id'];
  const list = (x: unknown, child: string): string[] => {
    if (x === null || x === undefined) return [];
    if (Array.isArray(x)) return x.flatMap((y) => list(y, child));
    if (typeof x === 'object') return child in (x as Obj) ? list((x as Obj)[child], child) : [];
    return [String(x)];
  };
  const joined = (x: unknown, child: string) => list(x, child).map((s) => (/^pas de consid/i.test(s) ? 'Sans objet' : s)).join(', ');
  const modObjs = (Array.isArray(rec.modifications) ? (rec.modifications as Obj[]) : []).map((m) => (m.modification as Obj | undefined) ?? m);
  const last = modObjs[modObjs.length - 1];
  const titulaires = (JSON.parse(JSON.stringify(rec.titulaires ?? [])) as unknown[]).flat(3) as Obj[];
  const t = titulaires.map((x) => (typeof x.titulaire === 'object' ? (x.titulaire as Obj) : x)).find((x) => typeof x.id === 'string');
  const row: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    uid: rec.uid ?? (buyer && rec.id ? `${buyer as string}${rec.id as string}` : ''),
    id: rec.id,
    nature: rec.nature,
    acheteur_id: buyer,
    acheteur_nom: (rec.acheteur as Obj | undefined)?.nom,
    titulaire_id: t?.id,
    titulaire_typeIdentifiant: t?.typeIdentifiant,
    objet: rec.objet,
    montant: last?.montant ?? rec.montant,
    codeCPV: rec.codeCPV,
    procedure: rec.procedure,
    techniques: joined(rec.techniques, 'technique'),
    dureeMois: last?.dureeMois ?? rec.dureeMois,
    dateNotification: rec.dateNotification,
    datePublicationDonnees: rec.datePublicationDonnees,
    considerationsSociales: joined(rec.considerationsSociales, 'considerationSociale'),
    considerationsEnvironnementales: joined(rec.considerationsEnvironnementales, 'considerationEnvironnementale'),
    ccag: rec.ccag,
    offresRecues: rec.offresRecues,
    marcheInnovant: typeof rec.marcheInnovant === 'boolean' ? (rec.marcheInnovant ? 'oui' : 'non') : rec.marcheInnovant,
    modification_id: modObjs.length,
    donneesActuelles: 'oui',
  };
  return CSV_COLUMNS.map((k) => csvCell(row[k])).join(',');
}

// ---------------------------------------------------------------------------------------------
// The writer.

/** Bresenham: whether index i is one of the ⌊N·share⌋ selected (share given in millionths). */
const hit = (i: number, perMillion: number) => Math.floor(((i + 1) * perMillion) / 1e6) > Math.floor((i * perMillion) / 1e6);

/** Writes the file; resolves with what was written (for the command's message). */
export async function generateDecp(out: string, opts: GenerateOptions): Promise<GenerateSummary> {
  const n = Math.max(0, Math.floor(opts.contracts));
  const format = opts.format ?? 'json';
  const seed = opts.seed ?? 1;
  const year = opts.year ?? 2024;
  const kinds = opts.defectKinds?.length ? opts.defectKinds : DEFECT_KINDS;
  const defectRate = Math.round((opts.defects ?? 0) * 1e6) * kinds.length;
  if (defectRate > 1e6) throw new Error(`--defects : au plus ${(1 / kinds.length).toFixed(4)} par défaut (un défaut au plus par enregistrement).`);
  const dupRate = Math.round((opts.duplicates ?? 0.05) * 1e6);
  const buyers = new Buyers(seed, n);
  const summary: GenerateSummary = { records: 0, primary: n, concessions: 0, duplicates: 0, defects: {}, buyers: buyers.list.length, bytes: 0 };

  const file = fs.createWriteStream(out, { highWaterMark: 1 << 20 });
  const gzip = out.endsWith('.gz') ? zlib.createGzip({ level: 1 }) : null;
  gzip?.pipe(file);
  const sink: NodeJS.WritableStream = gzip ?? file;
  let buffer = '';
  const write = async (s: string) => {
    buffer += s;
    if (buffer.length < 1 << 16) return;
    summary.bytes += Buffer.byteLength(buffer);
    const ok = sink.write(buffer);
    buffer = '';
    if (!ok) await once(sink, 'drain');
  };

  const isConcession = (i: number) => format !== 'csv' && i % 100 === 37;
  const defectOf = (i: number): DefectKind | null => (defectRate > 0 && hit(i, defectRate) ? kinds[Math.floor((i * defectRate) / 1e6) % kinds.length]! : null);
  /** The clean earlier record of the same kind a duplicate (or a shared id) copies. */
  const cleanBefore = (i: number, r: Rng): number | null => {
    const start = Math.floor(r() * (i + 1));
    const ok = (j: number) => isConcession(j) === isConcession(i) && defectOf(j) === null;
    for (let j = start; j >= 0 && start - j < 5000; j--) if (ok(j)) return j;
    for (let j = start + 1; j <= i && j - start < 5000; j++) if (ok(j)) return j;
    return null;
  };

  const serialise = (v: unknown, concession: boolean) => {
    if (format === 'json') return toJson(v);
    if (format === 'csv') return csvRow(v);
    const tag = concession ? 'contrat-concession' : 'marche';
    return `<${tag}>${typeof v === 'object' && v !== null ? xmlChildren(v as Obj) : xmlScalar(v)}</${tag}>`;
  };

  /** Writes the records of one kind: primaries, and the duplicates scheduled after them. */
  const writeKind = async (concessions: boolean, first: { value: boolean }) => {
    for (let i = 0; i < n; i++) {
      if (isConcession(i) === concessions) {
        const built = buildRecord(seed, buyers, i, year, 0, concessions);
        const defect = defectOf(i);
        let value: unknown = built.record;
        if (defect) {
          const r = rngFor(seed, 3, i);
          summary.defects[defect] = (summary.defects[defect] ?? 0) + 1;
          if (defect === 'shared-id') {
            const j = cleanBefore(i, r);
            if (j !== null) {
              const target = buildRecord(seed, buyers, j, year, 0, concessions);
              const key = concessions ? 'autoriteConcedante' : 'acheteur';
              built.record.id = target.record.id;
              built.record[key] = target.record[key];
              built.record.objet = `${built.record.objet as string} (autre lot)`;
            }
          } else value = applyDefect(defect, built, r);
        }
        if (concessions) summary.concessions++;
        await write(`${first.value ? '' : format === 'json' ? ',\n' : '\n'}${serialise(value, concessions)}`);
        first.value = false;
        summary.records++;
      }
      if (hit(i, dupRate) && isConcession(i) === concessions) {
        const r = rngFor(seed, 4, i);
        const j = cleanBefore(i, r);
        if (j !== null) {
          const dup = buildRecord(seed, buyers, j, year, r() < 0.5 ? 1 : 0, concessions);
          await write(`${format === 'json' ? ',\n' : '\n'}${serialise(dup.record, concessions)}`);
          summary.duplicates++;
          summary.records++;
        }
      }
    }
  };

  if (format === 'json') {
    // A BOM, as many real files have, when defects are asked for.
    await write(`${defectRate > 0 ? '\uFEFF' : ''}{"marches":{"marche":[\n`);
    await writeKind(false, { value: true });
    await write('\n],"contrat-concession":[\n');
    await writeKind(true, { value: true });
    await write('\n]}}\n');
  } else if (format === 'xml') {
    await write(`${defectRate > 0 ? '\uFEFF' : ''}<?xml version="1.0" encoding="UTF-8"?>\n<marches>\n`);
    await writeKind(false, { value: true });
    await write('\n');
    await writeKind(true, { value: true });
    await write('\n</marches>\n');
  } else {
    await write(`${CSV_COLUMNS.join(',')}\n`);
    await writeKind(false, { value: true });
    await write('\n');
  }
  summary.bytes += Buffer.byteLength(buffer);
  sink.end(buffer);
  await once(file, 'close');
  return summary;
}

/**
 * One DECP record (2019, 2024, hybrid or a tabular row, already parsed into plain values) → the
 * normalised contract row, its quality flags, or the reason it is rejected. Pure, no I/O.
 * Rules: ADR 0008 and ../shared/reference/decp.md §10.
 */
export type DecpFormat = '2019' | '2024' | 'hybrid' | 'tabular';
export type Consideration = 'positive' | 'negative' | 'unknown';
export type Kind = 'marche' | 'concession';

export type NormalisedContract = {
  kind: Kind;
  buyerSiret: string;
  contractId: string;
  buyerSiren: string;
  /** acheteur.nom (2019 format, national tabular file), when the record gives it. */
  buyerName: string | null;
  format: DecpFormat;
  year: number | null;
  notificationDate: string | null;
  notificationKey: string | null;
  publicationDate: string | null;
  modifications: number;
  objet: string | null;
  nature: string | null;
  procedure: string | null;
  cpv: string | null;
  cpvDivision: string | null;
  purchaseType: 'travaux' | 'fournitures' | 'services' | null;
  durationMonths: number | null;
  amountInitial: number | null;
  amountCurrent: number | null;
  amountExcluded: boolean;
  social: Consideration;
  environmental: Consideration;
  socialValues: string[];
  environmentalValues: string[];
  flags: string[];
};

export type RejectReason = 'NOT_AN_OBJECT' | 'NO_BUYER_ID' | 'NO_ID';
export const rejectMessages: Record<RejectReason, string> = {
  NOT_AN_OBJECT: "L'enregistrement n'est pas un objet.",
  NO_BUYER_ID: "L'enregistrement n'a pas d'identifiant d'acheteur (acheteur.id ou autoriteConcedante.id).",
  NO_ID: "L'enregistrement n'a pas d'identifiant (id).",
};

export type Normalised = { ok: true; contract: NormalisedContract } | { ok: false; reason: RejectReason };

/** Where the record came from: the container may say its kind and the file its syntax. */
export type RecordHint = { kind?: Kind; source: 'json' | 'xml' | 'tabular' };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** NaN, "NaN", "nan", "NC", "" and white space only are no value (reference §7.1.5). */
export function clean(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === '' || /^(nan|nc|null|undefined|none)$/i.test(t)) return null;
    return t;
  }
  return v;
}

export function text(v: unknown): string | null {
  const c = clean(v);
  if (c === null || c === undefined) return null;
  if (typeof c === 'string') return c;
  if (typeof c === 'number' || typeof c === 'boolean') return String(c);
  return null;
}

/** A number given as a number or a string ("30000.00", "1 234,50", "1.0E17"). */
export function toNumber(v: unknown): number | null {
  const c = clean(v);
  if (typeof c === 'number') return c;
  if (typeof c !== 'string') return null;
  let s = c.replace(/[\s\u00a0\u202f]/g, '');
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    s = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (lastComma >= 0) {
    s = s.replace(',', '.');
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** Identifiers are compared after removing white space. */
export function ident(v: unknown): string | null {
  const t = text(v);
  if (t === null) return null;
  const s = t.replace(/[\s\u00a0\u202f]/g, '');
  return s === '' ? null : s;
}

/**
 * A list given as a bare value, an array, nested arrays or a wrapper object ({"titulaire": …},
 * {"considerationSociale": […]}) → a flat array of items.
 */
export function listOf(v: unknown, child: string): unknown[] {
  const out: unknown[] = [];
  // Into one array, not one per level joined by flatMap (this runs several times per record).
  collectList(v, child, out);
  return out;
}
function collectList(v: unknown, child: string, out: unknown[]) {
  if (v === null || v === undefined) return;
  if (Array.isArray(v)) {
    for (const x of v) collectList(x, child, out);
    return;
  }
  if (isObj(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === child) collectList(v[child], child, out);
    else if (keys.length !== 0) out.push(v);
    return;
  }
  const c = clean(v);
  if (c !== null) out.push(c);
}

/** Trim, case-fold and accent-fold; apostrophes made straight (enumerated values). */
export function fold(s: string): string {
  let f = foldCache.get(s);
  if (f === undefined) {
    f = foldUncached(s);
    // Enumerated values repeat: a bounded cache saves the Unicode normalisation (bulk imports).
    if (foldCache.size >= 10_000) foldCache.clear();
    foldCache.set(s, f);
  }
  return f;
}
const foldCache = new Map<string, string>();
function foldUncached(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Sets nested keys from flattened ones ("acheteur.id" → acheteur: {id}), without overwriting. */
export function unflatten(rec: Obj): Obj {
  let flat = false;
  for (const k in rec) if (k.includes('.')) flat = true;
  if (!flat) return rec;
  const out: Obj = {};
  for (const [k, v] of Object.entries(rec)) if (!k.includes('.')) out[k] = v;
  for (const [k, v] of Object.entries(rec)) {
    if (!k.includes('.')) continue;
    const parts = k.split('.');
    let cur = out;
    let okPath = true;
    for (const p of parts.slice(0, -1)) {
      if (cur[p] === undefined || cur[p] === null) cur[p] = {};
      if (!isObj(cur[p])) {
        okPath = false;
        break;
      }
      cur = cur[p] as Obj;
    }
    const last = parts[parts.length - 1]!;
    if (okPath && (cur[last] === undefined || cur[last] === null)) cur[last] = v;
  }
  return out;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** YYYY-MM-DD when the first 10 characters are a real calendar date (any year). */
export function calendarDate(v: unknown): string | null {
  const t = text(v);
  if (!t) return null;
  const head = t.slice(0, 10);
  const m = DATE_RE.exec(head);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  // The calendar checked by arithmetic, not by a Date per value (bulk imports). As with the Date.UTC
  // round trip it replaces: years 0–99 are refused (Date.UTC reads them as 1900–1999).
  if (y < 100 || mo < 1 || mo > 12 || d < 1) return null;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (mo === 2 ? (leap ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31) ? head : null;
}

/** The contract year rule: a valid date between 2000 and the current year. */
export function usableDate(v: unknown, currentYear: number): string | null {
  return withinContractYears(calendarDate(v), currentYear);
}
function withinContractYears(d: string | null, currentYear: number): string | null {
  if (!d) return null;
  const y = Number(d.slice(0, 4));
  return y >= 2000 && y <= currentYear ? d : null;
}

/** SIRET: 14 digits and the Luhn key (La Poste, SIREN 356000000: digit sum divisible by 5). */
export function validSiret(s: string): boolean {
  if (!/^\d{14}$/.test(s)) return false;
  if (s.startsWith('356000000')) return [...s].reduce((a, c) => a + Number(c), 0) % 5 === 0;
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let n = Number(s[13 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

const SOCIAL_POSITIVE = new Set(['clause sociale', 'critere social', 'marche reserve', 'concession reservee']);
const SOCIAL_NEGATIVE = new Set(['pas de consideration sociale']);
const ENV_POSITIVE = new Set(['clause environnementale', 'critere environnemental']);
const ENV_NEGATIVE = new Set(['pas de consideration environnementale']);
// The tabular file rewrites "Pas de considération …" to "Sans objet" (reference §7.2).
const withSansObjet = (s: Set<string>) => new Set([...s, 'sans objet']);

/** positive when any value is positive; negative when the only values are "Pas de…"; unknown otherwise. */
export function considerationStatus(values: string[], positive: Set<string>, negative: Set<string>): Consideration {
  const folded = values.map(fold).filter((x) => x !== '');
  if (folded.some((v) => positive.has(v))) return 'positive';
  if (folded.length > 0 && folded.every((v) => negative.has(v))) return 'negative';
  return 'unknown';
}

const PROCEDURES: Record<string, string> = {};
for (const [canonical, variants] of Object.entries({
  'Procédure adaptée': [],
  "Appel d'offres ouvert": ["appel d offres ouvert", 'appel doffres ouvert'],
  "Appel d'offres restreint": ["appel d offres restreint", 'appel doffres restreint'],
  'Procédure avec négociation': ['procedure concurrentielle avec negociation', 'procedure negociee avec mise en concurrence prealable'],
  'Marché passé sans publicité ni mise en concurrence préalable': [
    'marche negocie sans publicite ni mise en concurrence prealable',
    'marche public negocie sans publicite ni mise en concurrence prealable',
  ],
  'Dialogue compétitif': [],
  'Procédure négociée ouverte': [],
  'Procédure non négociée ouverte': [],
  'Procédure négociée restreinte': [],
  'Procédure non négociée restreinte': [],
})) {
  PROCEDURES[fold(canonical)] = canonical;
  for (const v of variants) PROCEDURES[v] = canonical;
}

/** The 1.5 / 2024 procedure label, 1.4 variants mapped; an unknown value is kept trimmed. */
export function canonicalProcedure(v: unknown): string | null {
  const t = text(v);
  if (!t) return null;
  return PROCEDURES[fold(t)] ?? t;
}

export function cpvParts(v: unknown): { cpv: string | null; division: string | null; type: NormalisedContract['purchaseType'] } {
  const t = text(v);
  if (!t) return { cpv: null, division: null, type: null };
  const digits = t.split('-')[0]!.replace(/\D/g, '');
  if (digits.length < 2) return { cpv: null, division: null, type: null };
  const cpv = digits.padEnd(8, '0').slice(0, 8);
  const division = cpv.slice(0, 2);
  const d = Number(division);
  const type = d === 45 ? 'travaux' : (d >= 1 && d <= 44) || d === 48 ? 'fournitures' : d >= 50 && d <= 98 ? 'services' : null;
  return { cpv, division, type };
}

/** 2024-only keys, and 2019-only traces, to tell the format of one record. */
const KEYS_2024 = ['considerationsSociales', 'considerationsEnvironnementales', 'techniques', 'modalitesExecution', 'typesPrix', 'ccag', 'offresRecues', 'marcheInnovant', 'typeGroupementOperateurs', 'sousTraitanceDeclaree', 'idAccordCadre'];

function detectFormat(rec: Obj, titulaires: unknown, modifications: unknown[], hint: RecordHint): DecpFormat {
  if (hint.source === 'tabular') return 'tabular';
  let has2024 = KEYS_2024.some((k) => k in rec);
  const rawTit = Array.isArray(titulaires) ? titulaires : [];
  if (rawTit.some((t) => isObj(t) && ('titulaire' in t || 'concessionnaire' in t))) has2024 = true;
  const buyer = isObj(rec.acheteur) ? rec.acheteur : isObj(rec.autoriteConcedante) ? rec.autoriteConcedante : {};
  let has2019 = 'uid' in rec || 'nom' in buyer || (isObj(rec.lieuExecution) && 'nom' in rec.lieuExecution);
  if (rawTit.some((t) => isObj(t) && 'denominationSociale' in t)) has2019 = true;
  if (modifications.some((m) => isObj(m) && 'objetModification' in m)) has2019 = true;
  if (has2024 && has2019) return 'hybrid';
  if (has2024) return '2024';
  if (has2019) return '2019';
  return hint.source === 'xml' ? '2024' : '2019';
}

const AMOUNT_HUGE = 10_000_000_000;

/** Normalises one record; `currentYear` bounds the valid years (the platform clock's year). */
export function normaliseRecord(input: unknown, hint: RecordHint, currentYear: number): Normalised {
  if (!isObj(input)) return { ok: false, reason: 'NOT_AN_OBJECT' };
  const rec = unflatten(input);
  const type = text(rec._type);
  let kind: Kind;
  if (hint.kind) kind = hint.kind;
  else if (type && fold(type).includes('concession')) kind = 'concession';
  else if (type && fold(type).startsWith('march')) kind = 'marche';
  else kind = isObj(rec.autoriteConcedante) && !isObj(rec.acheteur) ? 'concession' : 'marche';
  const buyer = kind === 'concession' ? rec.autoriteConcedante : rec.acheteur;
  const buyerSiret = isObj(buyer) ? ident(buyer.id) : ident(buyer);
  if (!buyerSiret) return { ok: false, reason: 'NO_BUYER_ID' };
  const contractId = ident(rec.id);
  if (!contractId) return { ok: false, reason: 'NO_ID' };

  const flags = new Set<string>();
  const modsRaw = listOf(rec.modifications, 'modification').filter(isObj);
  const titKey = kind === 'concession' ? 'concessionnaires' : 'titulaires';
  const format = detectFormat(rec, rec[titKey], modsRaw, hint);
  if (format === '2019') flags.add('LEGACY_FORMAT');
  if (format === 'hybrid') flags.add('HYBRID_FORMAT');

  // Modifications in order (id, then date); their values are new totals.
  const dateKey = kind === 'concession' ? 'dateSignatureModification' : 'dateNotificationModification';
  const mods = modsRaw
    .map((m, i) => ({ m, i, id: toNumber(m.id) ?? Number.POSITIVE_INFINITY, date: calendarDate(m[dateKey]) ?? '' }))
    .sort((a, b) => a.id - b.id || a.date.localeCompare(b.date) || a.i - b.i);
  const amountKey = kind === 'concession' ? 'valeurGlobale' : 'montant';
  const amountInitial = toNumber(rec[amountKey]);
  let amountCurrent = amountInitial;
  let duration = toNumber(rec.dureeMois);
  for (const { m } of mods) {
    const a = toNumber(m[amountKey]);
    if (a !== null) amountCurrent = a;
    const d = toNumber(m.dureeMois);
    if (d !== null) duration = d;
  }
  const durationMonths = duration === null ? null : Math.max(0, Math.round(duration));
  const tabularMods = hint.source === 'tabular' ? toNumber(rec.modification_id) : null;
  const modifications = tabularMods !== null ? Math.max(0, Math.trunc(tabularMods)) : mods.length;

  let amountExcluded = false;
  if (amountCurrent === null) (flags.add('AMOUNT_MISSING'), (amountExcluded = true));
  else if (amountCurrent <= 1) (flags.add('AMOUNT_PLACEHOLDER'), (amountExcluded = true));
  else if (amountCurrent >= AMOUNT_HUGE) (flags.add('AMOUNT_HUGE'), (amountExcluded = true));

  const notifRaw = kind === 'concession' ? rec.dateSignature : rec.dateNotification;
  const notifCalendar = calendarDate(notifRaw);
  const notificationDate = withinContractYears(notifCalendar, currentYear);
  const notifText = text(notifRaw);
  if (notifText === null) flags.add('DATE_MISSING');
  else if (!notificationDate) flags.add('DATE_INVALID');
  const publicationDate = calendarDate(rec.datePublicationDonnees);
  if (notificationDate && publicationDate && publicationDate < notificationDate) flags.add('PUB_BEFORE_NOTIF');

  if (!validSiret(buyerSiret)) flags.add('SIRET_INVALID');

  const splitTab = (vals: unknown[]) => (hint.source === 'tabular' ? vals.flatMap((v) => String(v).split(',')) : vals);
  const socialValues = splitTab(listOf(rec.considerationsSociales, 'considerationSociale')).map(text).filter((x): x is string => !!x);
  const environmentalValues = splitTab(listOf(rec.considerationsEnvironnementales, 'considerationEnvironnementale'))
    .map(text)
    .filter((x): x is string => !!x);
  // The 2019 format has no such field: never negative.
  const socialNeg = format === 'tabular' ? withSansObjet(SOCIAL_NEGATIVE) : SOCIAL_NEGATIVE;
  const envNeg = format === 'tabular' ? withSansObjet(ENV_NEGATIVE) : ENV_NEGATIVE;
  const social = format === '2019' ? 'unknown' : considerationStatus(socialValues, SOCIAL_POSITIVE, socialNeg);
  const environmental = format === '2019' ? 'unknown' : considerationStatus(environmentalValues, ENV_POSITIVE, envNeg);
  if (format !== '2019' && (socialValues.length === 0 || environmentalValues.length === 0)) flags.add('MISSING_CONSIDERATIONS');
  const contradictory = (vals: string[], pos: Set<string>, neg: Set<string>) => vals.some((v) => pos.has(fold(v))) && vals.some((v) => neg.has(fold(v)));
  if (contradictory(socialValues, SOCIAL_POSITIVE, socialNeg) || contradictory(environmentalValues, ENV_POSITIVE, envNeg))
    flags.add('CONTRADICTORY_CONSIDERATIONS');

  if (kind === 'marche' && amountInitial !== null && amountInitial > 1 && amountInitial < 40_000) flags.add('BELOW_40K');
  if (kind === 'marche' && amountCurrent !== null && !amountExcluded && durationMonths !== null && durationMonths >= 1) {
    const m = amountCurrent;
    const d = durationMonths;
    if (m / d < 100 || (m / d < 1000 && m < 200_000) || ([360, 365, 366].includes(d) && m < 10_000_000) || (d > 120 && m < 2_000_000))
      flags.add('AMOUNT_DURATION_INCOHERENT');
  }

  const cpv = cpvParts(rec.codeCPV);
  return {
    ok: true,
    contract: {
      kind,
      buyerSiret,
      contractId,
      buyerSiren: buyerSiret.slice(0, 9),
      buyerName: isObj(buyer) ? (text(buyer.nom)?.replace(/\s+/g, ' ').slice(0, 300) ?? null) : null,
      format,
      year: notificationDate ? Number(notificationDate.slice(0, 4)) : null,
      notificationDate,
      notificationKey: notifCalendar ?? notifText,
      publicationDate,
      modifications,
      objet: text(rec.objet),
      nature: text(rec.nature),
      procedure: canonicalProcedure(rec.procedure),
      cpv: cpv.cpv,
      cpvDivision: cpv.division,
      purchaseType: cpv.type,
      durationMonths,
      amountInitial,
      amountCurrent,
      amountExcluded,
      social,
      environmental,
      socialValues,
      environmentalValues,
      flags: [...flags].sort(),
    },
  };
}

/** A tabular (decp-processing CSV) row → a record object the normaliser understands. */
export function tabularRecord(row: Record<string, string>): Obj {
  const rec: Obj = { ...row };
  // acheteur_id, lieuExecution_code… → acheteur.id, lieuExecution.code
  for (const [k, v] of Object.entries(row)) {
    const m = /^(acheteur|titulaire|lieuExecution)_(.+)$/.exec(k);
    if (m) rec[`${m[1]}.${m[2]}`] = v;
  }
  return rec;
}

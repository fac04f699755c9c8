/**
 * A generated « Stock des unités légales » in the published column layout, deterministic (same
 * arguments, same bytes), for the SIRENE import benchmark (bench/sirene.ts) — FICTITIOUS UNITS.
 *
 *   npx tsx bench/sirene-generate.ts --lines 2000000 --out /tmp/StockUniteLegale_bench.csv [--seed 1]
 *
 * Shape, chosen to look like the real stock without claiming its exact figures: about 60 % sole
 * traders (catégorie 1000, with first and last names), then SAS, SARL, SCI, associations and other
 * private forms; 0.4 % of lines in the buyer catégories of ADR 0021 (communes, EPCI, syndicats,
 * hospitals, State services, établissements publics, HLM, SEM…); about 40 % of units ceased; some
 * names with commas or quotes (quoted as CSV requires). SIRENs are sequential from 100 000 000 with
 * a valid Luhn key: unique, in order.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { BUYER_CATEGORIES } from '../src/server/organisations/sirene/categories.js';
import { UNITS_HEADER } from '../src/server/organisations/sirene/read.js';
import { luhnDigit, rng as mulberry32 } from '../src/server/procurement/import/generate.js';

/** The 9-digit SIREN whose first 8 digits are `base`, with its Luhn key. */
export function sirenWithKey(base: number): string {
  const s8 = String(base).padStart(8, '0');
  return s8 + luhnDigit(s8);
}

const PRIVATE: [string, number][] = [
  ['1000', 0.6], ['5710', 0.1], ['5499', 0.1], ['6540', 0.08], ['9220', 0.06], ['5599', 0.01], ['5498', 0.02], ['6599', 0.01], ['9210', 0.006],
];
const BUYERS = Object.keys(BUYER_CATEGORIES);
const WORDS = ['MAISON', 'ATELIER', 'SOCIETE', 'GROUPE', 'COMPAGNIE', 'BOULANGERIE', 'TRANSPORTS', 'CONSEIL', 'SERVICES', 'BATIMENT', 'JARDINS', 'NUMERIQUE', 'ENERGIE', 'SANTE', 'HABITAT', 'FICTIF', 'DU CENTRE', 'DE L OUEST', 'DES ALPES', 'DU NORD'];
const FIRST = ['CAMILLE', 'DOMINIQUE', 'CLAUDE', 'ALEX', 'SACHA', 'LOUISON', 'MORGAN', 'ANDREA'];
const LAST = ['MARTIN-FICTIF', 'BERNARD-TEST', 'DUBOIS-ESSAI', 'THOMAS-FICTIF', 'ROBERT-TEST', 'PETIT-ESSAI'];
const PUBLIC_NAMES = ['COMMUNE DE', 'SYNDICAT INTERCOMMUNAL DE', 'CENTRE HOSPITALIER DE', 'CENTRE COMMUNAL D ACTION SOCIALE DE', 'COLLEGE FICTIF DE', 'OFFICE PUBLIC DE L HABITAT DE', 'DIRECTION DEPARTEMENTALE DE'];

const csvField = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export type SireneGenSummary = { lines: number; buyers: number; ceased: number; bytes: number };

/** Writes `lines` units to `out` (streamed: memory stays flat whatever the size). */
export async function generateSireneStock(out: string, opts: { lines: number; seed?: number }): Promise<SireneGenSummary> {
  const rnd = mulberry32(opts.seed ?? 1);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
  const stream = fs.createWriteStream(out, { highWaterMark: 1 << 20 });
  const col = new Map(UNITS_HEADER.map((h, i) => [h, i]));
  let chunk = `${UNITS_HEADER.join(',')}\n`;
  let bytes = 0;
  let buyers = 0;
  let ceased = 0;
  for (let i = 0; i < opts.lines; i++) {
    const f: string[] = new Array(UNITS_HEADER.length).fill('');
    const siren = sirenWithKey(10_000_000 + i);
    const r = rnd();
    let category: string;
    if (r < 0.004) {
      category = pick(BUYERS);
      buyers++;
    } else {
      let acc = 0.004;
      category = PRIVATE[PRIVATE.length - 1]![0];
      for (const [c, w] of PRIVATE) {
        acc += w * 0.996;
        if (r < acc) {
          category = c;
          break;
        }
      }
    }
    const isCeased = rnd() < 0.4;
    if (isCeased) ceased++;
    const year = 1950 + Math.floor(rnd() * 75);
    f[col.get('siren')!] = siren;
    f[col.get('statutDiffusionUniteLegale')!] = category === '1000' && rnd() < 0.1 ? 'P' : 'O';
    f[col.get('dateCreationUniteLegale')!] = `${year}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`;
    f[col.get('trancheEffectifsUniteLegale')!] = rnd() < 0.7 ? 'NN' : pick(['00', '01', '02', '03', '11', '12', '21']);
    f[col.get('dateDernierTraitementUniteLegale')!] = '2026-10-01T03:00:00';
    f[col.get('nombrePeriodesUniteLegale')!] = String(1 + Math.floor(rnd() * 5));
    f[col.get('categorieEntreprise')!] = rnd() < 0.5 ? 'PME' : '';
    f[col.get('anneeCategorieEntreprise')!] = f[col.get('categorieEntreprise')!] ? '2023' : '';
    f[col.get('dateDebut')!] = `${Math.max(year, 2008)}-01-01`;
    f[col.get('etatAdministratifUniteLegale')!] = isCeased ? 'C' : 'A';
    if (category === '1000') {
      f[col.get('sexeUniteLegale')!] = pick(['M', 'F']);
      f[col.get('prenom1UniteLegale')!] = pick(FIRST);
      f[col.get('prenomUsuelUniteLegale')!] = f[col.get('prenom1UniteLegale')!]!;
      f[col.get('nomUniteLegale')!] = pick(LAST);
    } else if (BUYER_CATEGORIES[category]) {
      f[col.get('denominationUniteLegale')!] = `${pick(PUBLIC_NAMES)} ${pick(WORDS)} ${i}`;
      if (rnd() < 0.3) f[col.get('sigleUniteLegale')!] = pick(['CCAS', 'SIVU', 'CH', 'OPH', 'SDIS', 'DDT']);
    } else {
      const name = `${pick(WORDS)} ${pick(WORDS)}${rnd() < 0.02 ? ', "LES ESSAIS"' : ''} ${i}`;
      f[col.get('denominationUniteLegale')!] = name;
      if (rnd() < 0.05) f[col.get('sigleUniteLegale')!] = name.slice(0, 4);
    }
    f[col.get('categorieJuridiqueUniteLegale')!] = category;
    const ape = pick(['84.11Z', '62.01Z', '47.11B', '68.20A', '86.10Z', '94.99Z', '43.21A']);
    f[col.get('activitePrincipaleUniteLegale')!] = ape;
    f[col.get('nomenclatureActivitePrincipaleUniteLegale')!] = 'NAFRev2';
    f[col.get('nicSiegeUniteLegale')!] = String(10 + Math.floor(rnd() * 90)).padStart(4, '0') + String(Math.floor(rnd() * 10));
    f[col.get('caractereEmployeurUniteLegale')!] = rnd() < 0.3 ? 'O' : 'N';
    f[col.get('activitePrincipaleNAF25UniteLegale')!] = ape;
    chunk += `${f.map(csvField).join(',')}\n`;
    if (chunk.length > 1 << 20) {
      bytes += Buffer.byteLength(chunk);
      if (!stream.write(chunk)) await once(stream, 'drain');
      chunk = '';
    }
  }
  bytes += Buffer.byteLength(chunk);
  stream.end(chunk);
  await once(stream, 'finish');
  return { lines: opts.lines, buyers, ceased, bytes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { lines: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } } });
  const lines = Number(values.lines);
  if (!Number.isInteger(lines) || lines < 1 || !values.out) {
    process.stderr.write('Utilisation : npx tsx bench/sirene-generate.ts --lines N --out FICHIER [--seed S]\n');
    process.exit(2);
  }
  const t = performance.now();
  const s = await generateSireneStock(values.out, { lines, seed: values.seed ? Number(values.seed) : 1 });
  process.stdout.write(`${JSON.stringify({ ...s, seconds: Math.round((performance.now() - t) / 100) / 10 })}\n`);
}

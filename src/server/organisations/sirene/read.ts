/**
 * Streaming readers of INSEE's SIRENE stocks (« Stock des unités légales », « Stock des
 * établissements »): a CSV file, or a zip holding one, read record by record with bounded memory.
 * Every failure of the input is a SireneFileError with a French message (ADR 0021).
 */
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import yauzl from 'yauzl';

export class SireneFileError extends Error {}

/** The published header of StockUniteLegale_utf8.csv (INSEE, stock of legal units), in its order. */
export const UNITS_HEADER = [
  'siren', 'statutDiffusionUniteLegale', 'unitePurgeeUniteLegale', 'dateCreationUniteLegale', 'sigleUniteLegale',
  'sexeUniteLegale', 'prenom1UniteLegale', 'prenom2UniteLegale', 'prenom3UniteLegale', 'prenom4UniteLegale',
  'prenomUsuelUniteLegale', 'pseudonymeUniteLegale', 'identifiantAssociationUniteLegale', 'trancheEffectifsUniteLegale',
  'anneeEffectifsUniteLegale', 'dateDernierTraitementUniteLegale', 'nombrePeriodesUniteLegale', 'categorieEntreprise',
  'anneeCategorieEntreprise', 'dateDebut', 'etatAdministratifUniteLegale', 'nomUniteLegale', 'nomUsageUniteLegale',
  'denominationUniteLegale', 'denominationUsuelle1UniteLegale', 'denominationUsuelle2UniteLegale',
  'denominationUsuelle3UniteLegale', 'categorieJuridiqueUniteLegale', 'activitePrincipaleUniteLegale',
  'nomenclatureActivitePrincipaleUniteLegale', 'nicSiegeUniteLegale', 'economieSocialeSolidaireUniteLegale',
  'societeMissionUniteLegale', 'caractereEmployeurUniteLegale', 'activitePrincipaleNAF25UniteLegale',
] as const;
/** Columns added to the published layouts over time: a stock without them is still accepted. */
const OPTIONAL_COLUMNS = new Set(['activitePrincipaleNAF25UniteLegale', 'activitePrincipaleNAF25Etablissement']);

/** The published header of StockEtablissement_utf8.csv (INSEE, stock of establishments), in its order. */
export const ESTABLISHMENTS_HEADER = [
  'siren', 'nic', 'siret', 'statutDiffusionEtablissement', 'dateCreationEtablissement', 'trancheEffectifsEtablissement',
  'anneeEffectifsEtablissement', 'activitePrincipaleRegistreMetiersEtablissement', 'dateDernierTraitementEtablissement',
  'etablissementSiege', 'nombrePeriodesEtablissement', 'complementAdresseEtablissement', 'numeroVoieEtablissement',
  'indiceRepetitionEtablissement', 'dernierNumeroVoieEtablissement', 'indiceRepetitionDernierNumeroVoieEtablissement',
  'typeVoieEtablissement', 'libelleVoieEtablissement', 'codePostalEtablissement', 'libelleCommuneEtablissement',
  'libelleCommuneEtrangerEtablissement', 'distributionSpecialeEtablissement', 'codeCommuneEtablissement',
  'codeCedexEtablissement', 'libelleCedexEtablissement', 'codePaysEtrangerEtablissement', 'libellePaysEtrangerEtablissement',
  'identifiantAdresseEtablissement', 'coordonneeLambertAbscisseEtablissement', 'coordonneeLambertOrdonneeEtablissement',
  'complementAdresse2Etablissement', 'numeroVoie2Etablissement', 'indiceRepetition2Etablissement', 'typeVoie2Etablissement',
  'libelleVoie2Etablissement', 'codePostal2Etablissement', 'libelleCommune2Etablissement',
  'libelleCommuneEtranger2Etablissement', 'distributionSpeciale2Etablissement', 'codeCommune2Etablissement',
  'codeCedex2Etablissement', 'libelleCedex2Etablissement', 'codePaysEtranger2Etablissement',
  'libellePaysEtranger2Etablissement', 'dateDebut', 'etatAdministratifEtablissement', 'enseigne1Etablissement',
  'enseigne2Etablissement', 'enseigne3Etablissement', 'denominationUsuelleEtablissement', 'activitePrincipaleEtablissement',
  'nomenclatureActivitePrincipaleEtablissement', 'caractereEmployeurEtablissement', 'activitePrincipaleNAF25Etablissement',
] as const;

/** Columns the importer reads; a header must have them and those of its layout the stock publishes. */
const ESTABLISHMENTS_REQUIRED = ['siren', 'nic', 'siret', 'etablissementSiege', 'codePostalEtablissement', 'codeCommuneEtablissement'];

/** Longest line accepted (a real one is under 1 kB): a larger one is not a SIRENE stock. */
const MAX_RECORD_BYTES = 64 * 1024;

type Source = { stream: Readable; total: number };

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function firstBytes(file: string): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SireneFileError(code === 'ENOENT' ? `Fichier introuvable : ${file}` : `Lecture impossible de ${file} (${code ?? (e as Error).message}).`);
  }
  try {
    const buf = Buffer.alloc(4);
    const n = fs.readSync(fd, buf, 0, 4, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

const zipError = (e: Error) => new SireneFileError(`Archive zip illisible ou tronquée (${e.message}) : téléchargez de nouveau le fichier.`);

/** The one .csv entry of a zip, streamed and checked against its declared size (truncation). */
async function openZip(file: string): Promise<Source> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (err, z) => (err ? reject(zipError(err)) : resolve(z!))),
  );
  const entries: yauzl.Entry[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (e: yauzl.Entry) => {
        if (/\.csv$/i.test(e.fileName)) entries.push(e);
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', (e: Error) => reject(zipError(e)));
      zip.readEntry();
    });
    if (entries.length !== 1) {
      throw new SireneFileError(
        entries.length ? `L'archive contient ${entries.length} fichiers CSV : elle doit n'en contenir qu'un (le stock publié par l'INSEE).` : "L'archive ne contient aucun fichier CSV.",
      );
    }
    const entry = entries[0]!;
    const stream = await new Promise<Readable>((resolve, reject) => zip.openReadStream(entry, (err, s) => (err ? reject(zipError(err)) : resolve(s!))));
    stream.on('close', () => zip.close());
    return { stream, total: entry.uncompressedSize };
  } catch (e) {
    zip.close();
    throw e;
  }
}

async function openSource(file: string): Promise<Source> {
  const head = firstBytes(file);
  if (head.length === 4 && head.equals(ZIP_MAGIC)) return openZip(file);
  return { stream: fs.createReadStream(file, { highWaterMark: 1 << 20 }), total: fs.statSync(file).size };
}

export type StockRecord = { line: number; fields: string[] };

/**
 * The records of a stock, in batches, after its header was checked against the published layout.
 * `col` maps a column name to its index in the file. A record whose field count differs from the
 * header's is given as it is: the caller counts it as a bad line.
 */
export async function* readStock(
  file: string,
  layout: 'units' | 'establishments',
  onHeader: (col: (name: string) => number) => void,
  onBytes?: (done: number, total: number) => void,
): AsyncGenerator<StockRecord[]> {
  const { stream, total } = await openSource(file);
  let bytes = 0;
  stream.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    onBytes?.(bytes, total);
  });
  const parser = stream.pipe(
    parseCsv({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_BYTES, info: false }),
  );
  // A truncated zip or a read error stops the parser with a French message.
  stream.on('error', (e) => parser.destroy(new SireneFileError(`Fichier illisible ou tronqué (${e.message}) : téléchargez de nouveau le stock.`)));
  let header: string[] | null = null;
  let line = 1;
  let batch: StockRecord[] = [];
  try {
    for await (const rec of parser as AsyncIterable<string[]>) {
      if (!header) {
        header = rec.map((h) => h.trim());
        checkHeader(header, layout);
        const index = new Map(header.map((h, i) => [h, i]));
        onHeader((name) => index.get(name) ?? -1);
        continue;
      }
      line++;
      batch.push({ line, fields: rec });
      if (batch.length >= 1000) {
        yield batch;
        batch = [];
      }
    }
  } catch (e) {
    if (e instanceof SireneFileError) throw e;
    const msg = (e as Error).message ?? String(e);
    throw new SireneFileError(`Fichier CSV illisible près de la ligne ${line + 1} (${msg}).`);
  }
  if (!header) throw new SireneFileError("Le fichier est vide : ce n'est pas un stock SIRENE.");
  if (batch.length) yield batch;
}

function checkHeader(header: string[], layout: 'units' | 'establishments') {
  const published: readonly string[] = layout === 'units' ? UNITS_HEADER : ESTABLISHMENTS_HEADER;
  const name = layout === 'units' ? "« Stock des unités légales » (StockUniteLegale_utf8.csv)" : '« Stock des établissements » (StockEtablissement_utf8.csv)';
  const required = layout === 'units' ? published.filter((c) => !OPTIONAL_COLUMNS.has(c)) : ESTABLISHMENTS_REQUIRED;
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) {
    const shown = missing.slice(0, 5).join(', ') + (missing.length > 5 ? ` et ${missing.length - 5} autre(s)` : '');
    throw new SireneFileError(`Ce fichier n'a pas la disposition des colonnes du ${name} publié par l'INSEE : colonne(s) absente(s) ${shown}.`);
  }
  if (new Set(header).size !== header.length) throw new SireneFileError(`Ce fichier a des colonnes en double : ce n'est pas le ${name} publié par l'INSEE.`);
}

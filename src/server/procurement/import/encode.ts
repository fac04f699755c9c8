/**
 * A DECP file → batches of staged records, each batch the COPY lines of its kept records (in one
 * buffer) plus its rejections and flag counts. Pure reading, normalising and encoding, no database:
 * the importer runs it in its own thread for small files and in a worker thread for large ones
 * (stage.worker.ts), where it overlaps the database's work on the batches already sent.
 */
import { normaliseRecord, rejectMessages, type NormalisedContract } from './normalise.js';
import { readDecpBatches } from './readers.js';

/** Kept records per COPY statement (and rejections per insert). */
export const BATCH_SIZE = 1000;

/** Staging columns and their types, in the order of the COPY lines a batch is sent as. */
export const STAGING_COLUMNS: [string, string, keyof NormalisedContract][] = [
  ['kind', 'text', 'kind'], ['buyer_siret', 'text', 'buyerSiret'], ['contract_id', 'text', 'contractId'], ['buyer_siren', 'text', 'buyerSiren'], ['buyer_name', 'text', 'buyerName'],
  ['format', 'text', 'format'], ['year', 'int', 'year'], ['notification_date', 'text', 'notificationDate'], ['notification_key', 'text', 'notificationKey'],
  ['publication_date', 'text', 'publicationDate'], ['modifications', 'int', 'modifications'], ['objet', 'text', 'objet'], ['nature', 'text', 'nature'],
  ['procedure', 'text', 'procedure'], ['cpv', 'text', 'cpv'], ['cpv_division', 'text', 'cpvDivision'], ['purchase_type', 'text', 'purchaseType'],
  ['duration_months', 'int', 'durationMonths'], ['amount_initial', 'float8', 'amountInitial'], ['amount_current', 'float8', 'amountCurrent'],
  ['amount_excluded', 'boolean', 'amountExcluded'], ['social', 'text', 'social'], ['environmental', 'text', 'environmental'],
  ['social_values', 'text[]', 'socialValues'], ['environmental_values', 'text[]', 'environmentalValues'], ['flags', 'text[]', 'flags'],
];

const SPECIAL = /[\\\n\r\t]/;
/** A value in COPY's text format: \N for null, backslash escapes for the four special characters. */
const copyText = (s: string) => (SPECIAL.test(s) ? s.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t')) : s);
const ARRAY_SPECIAL = /[\\"]/;
/** A text[] as an array literal, every element quoted (its quotes and backslashes escaped). */
function arrayLiteral(a: string[]): string {
  let out = '{';
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    out += `${i ? ',' : ''}"${ARRAY_SPECIAL.test(x) ? x.replace(/[\\"]/g, (c) => `\\${c}`) : x}"`;
  }
  return `${out}}`;
}

/** One staged record as a line of COPY's text format. */
export function stagingRow(importId: string, seq: number, sourceFile: string, c: NormalisedContract): string {
  // The columns written out rather than looped over STAGING_COLUMNS with a type switch per value:
  // this runs for every record of a national file (a test checks the order against STAGING_COLUMNS).
  const t = (v: string | null) => (v === null ? '\\N' : copyText(v));
  const n = (v: number | null) => (v === null ? '\\N' : String(v));
  const a = (v: string[]) => copyText(arrayLiteral(v));
  return `${importId}\t${seq}\t${copyText(sourceFile)}\t${c.kind}\t${t(c.buyerSiret)}\t${t(c.contractId)}\t${t(c.buyerSiren)}\t${t(c.buyerName)}\t${c.format}\t${n(c.year)}\t${t(c.notificationDate)}\t${t(c.notificationKey)}\t${t(c.publicationDate)}\t${c.modifications}\t${t(c.objet)}\t${t(c.nature)}\t${t(c.procedure)}\t${t(c.cpv)}\t${t(c.cpvDivision)}\t${t(c.purchaseType)}\t${n(c.durationMonths)}\t${n(c.amountInitial)}\t${n(c.amountCurrent)}\t${c.amountExcluded ? 't' : 'f'}\t${c.social}\t${c.environmental}\t${a(c.socialValues)}\t${a(c.environmentalValues)}\t${a(c.flags)}\n`;
}

/**
 * A batch of staged records: their COPY lines encoded into one buffer as each record is normalised.
 * A batch waiting for its statement is bytes outside the JavaScript heap, not strings the garbage
 * collector would copy into its old generation and then sweep (it was 16 % of the import's CPU);
 * its ArrayBuffer is moved, not copied, from the worker thread to the importer's.
 */
export class CopyBatch {
  rows = 0;
  private buf: Buffer<ArrayBuffer> = Buffer.allocUnsafeSlow(1 << 20);
  private len = 0;

  add(line: string) {
    // At most 3 bytes of UTF-8 per UTF-16 code unit.
    const room = line.length * 3;
    if (this.len + room > this.buf.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.len + room));
      this.buf.copy(bigger, 0, 0, this.len);
      this.buf = bigger;
    }
    this.len += this.buf.write(line, this.len);
    this.rows++;
  }

  bytes(): Buffer<ArrayBuffer> {
    return this.buf.subarray(0, this.len);
  }
}

export type Rejection = { position: number; reason: string };

/** One batch: COPY lines of its kept records, its rejections, and the counts up to its end. */
export type EncodedBatch = {
  copy: Buffer<ArrayBuffer>;
  rows: number;
  rejections: Rejection[];
  /** Flags of this batch's kept records. */
  flags: Record<string, number>;
  /** Records read and kept since the start of the file, up to this batch's last. */
  read: number;
  kept: number;
  /** Bytes of the raw file read since the previous batch. */
  bytes: number;
};

export type EncodeParams = { file: string; importId: string; sourceFile: string; currentYear: number };

/**
 * Every record of the file, normalised and encoded, in batches of BATCH_SIZE kept records (or of
 * BATCH_SIZE rejections); each record's seq is its position in reading order. Throws the reader's
 * DecpFileError when the file cannot be read.
 */
export async function* encodeBatches({ file, importId, sourceFile, currentYear }: EncodeParams): AsyncGenerator<EncodedBatch> {
  let read = 0;
  let kept = 0;
  let bytes = 0;
  let copy = new CopyBatch();
  let rejections: Rejection[] = [];
  let flags: Record<string, number> = {};
  const take = (): EncodedBatch => {
    const b = { copy: copy.bytes(), rows: copy.rows, rejections, flags, read, kept, bytes };
    copy = new CopyBatch();
    rejections = [];
    flags = {};
    bytes = 0;
    return b;
  };
  for await (const recs of readDecpBatches(file, (n) => (bytes += n)))
    for (const rec of recs) {
      read++;
      const r = normaliseRecord(rec.value, rec.hint, currentYear);
      if (!r.ok) rejections.push({ position: rec.position, reason: `${r.reason} : ${rejectMessages[r.reason]}` });
      else {
        kept++;
        for (const f of r.contract.flags) flags[f] = (flags[f] ?? 0) + 1;
        copy.add(stagingRow(importId, read, sourceFile, r.contract));
      }
      if (copy.rows >= BATCH_SIZE || rejections.length >= BATCH_SIZE) yield take();
    }
  yield take();
}

/**
 * Streaming readers: a DECP file (JSON 2019/2024, XML, tabular CSV, each optionally gzipped) →
 * its records one at a time. Only the record being read is held in memory, whatever the file size.
 * A file that cannot be read at all throws DecpFileError (French message); a record that is
 * merely unusable is yielded and rejected later by the normaliser.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
// The three streaming parsers (stream-json, saxes, csv-parse) are loaded by the reader that uses
// them, on the first import of that syntax: the server does not pay for them at start (issue 14, goal 4).
import type { Kind, RecordHint } from './normalise.js';
import { tabularRecord } from './normalise.js';
import { splitJsonRecords } from './split.js';

export class DecpFileError extends Error {}

export type RawRecord = { value: unknown; position: number; hint: RecordHint };
export type SyntaxKind = 'json' | 'xml' | 'tabular';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The file's text, chunk by chunk (gunzipped when it starts with the gzip magic). */
async function* textChunks(file: string, onBytes?: (n: number) => void): AsyncGenerator<string> {
  let gz = false;
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const n = fs.readSync(fd, head, 0, 2, 0);
    gz = n === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    fs.closeSync(fd);
  }
  const raw = fs.createReadStream(file, { highWaterMark: 64 * 1024 });
  if (onBytes) raw.on('data', (c) => onBytes((c as Buffer).length));
  const source: AsyncIterable<Buffer> = gz ? raw.pipe(zlib.createGunzip()) : raw;
  // Invalid UTF-8 (mojibake) is kept as replacement characters, never a failure.
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  try {
    for await (const chunk of source) {
      const s = decoder.decode(chunk, { stream: true });
      if (s) yield s;
    }
  } catch (e) {
    raw.destroy();
    throw new DecpFileError(gz ? `Archive gzip illisible ou tronquée (${(e as Error).message}).` : `Lecture impossible : ${(e as Error).message}`);
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** Drops a leading BOM and detects the syntax from the first meaningful character. */
async function sniff(chunks: AsyncGenerator<string>): Promise<{ syntax: SyntaxKind; chunks: AsyncGenerator<string>; delimiter?: string }> {
  const seen: string[] = [];
  let first = '';
  let head = '';
  for (;;) {
    const r = await chunks.next();
    if (r.done) break;
    seen.push(r.value);
    head += r.value;
    const m = /[^\s\uFEFF]/.exec(head);
    if (m && head.length > 4096) break;
    if (m && (m[0] === '{' || m[0] === '[' || m[0] === '<')) break;
  }
  const m = /[^\s\uFEFF]/.exec(head);
  if (!m) throw new DecpFileError('Le fichier est vide.');
  first = m[0];
  async function* replay() {
    yield* seen;
    yield* chunks;
  }
  if (first === '{' || first === '[') return { syntax: 'json', chunks: replay() };
  if (first === '<') return { syntax: 'xml', chunks: replay() };
  const firstLine = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  // The separator is the one of the header line (values may hold the other one).
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  if (/(^|[,;"])acheteur_id([,;"]|$)/.test(firstLine)) return { syntax: 'tabular', chunks: replay(), delimiter };
  throw new DecpFileError("Ce fichier n'est pas un fichier DECP (ni JSON, ni XML, ni le format tabulaire).");
}

/**
 * Makes DECP JSON parseable: bare NaN / Infinity tokens become null, BOMs outside strings and
 * control characters (invalid in JSON strings) are dropped or turned into spaces.
 */
export class JsonSanitizer {
  private inString = false;
  private escape = false;
  // A bare word (true, NaN…) cut by the end of the previous chunk.
  private pending = '';

  private static isWordChar(code: number) {
    return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 45;
  }

  private static word(w: string): string {
    return /^-?(NaN|nan|Infinity|inf)$/.test(w) ? 'null' : w;
  }

  /** Copies untouched slices and rewrites only what must change (fast on large files). */
  push(chunk: string): string {
    const parts: string[] = [];
    const n = chunk.length;
    let start = 0;
    let i = 0;
    if (this.pending) {
      while (i < n && JsonSanitizer.isWordChar(chunk.charCodeAt(i))) i++;
      if (i === n) {
        this.pending += chunk;
        return '';
      }
      parts.push(JsonSanitizer.word(this.pending + chunk.slice(0, i)));
      this.pending = '';
      start = i;
    }
    for (; i < n; i++) {
      const code = chunk.charCodeAt(i);
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (code === 92) this.escape = true;
        else if (code === 34) this.inString = false;
        else if (code < 0x20) {
          parts.push(chunk.slice(start, i), ' ');
          start = i + 1;
        }
        continue;
      }
      if (code === 34) {
        this.inString = true;
        continue;
      }
      if (JsonSanitizer.isWordChar(code)) {
        const wordStart = i;
        while (i < n && JsonSanitizer.isWordChar(chunk.charCodeAt(i))) i++;
        if (i === n) {
          parts.push(chunk.slice(start, wordStart));
          this.pending = chunk.slice(wordStart);
          start = n;
          break;
        }
        const w = chunk.slice(wordStart, i);
        const r = JsonSanitizer.word(w);
        if (r !== w) {
          parts.push(chunk.slice(start, wordStart), r);
          start = i;
        }
        i--;
        continue;
      }
      if (code === 0xfeff || (code < 0x20 && code !== 10 && code !== 13 && code !== 9)) {
        parts.push(chunk.slice(start, i), code === 0xfeff ? '' : ' ');
        start = i + 1;
      }
    }
    if (start < n) parts.push(chunk.slice(start));
    return parts.join('');
  }

  end(): string {
    const w = this.pending;
    this.pending = '';
    return w ? JsonSanitizer.word(w) : '';
  }
}

async function* sanitized(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  const s = new JsonSanitizer();
  for await (const c of chunks) {
    const out = s.push(c);
    if (out) yield out;
  }
  const tail = s.end();
  if (tail) yield tail;
}

type Role = 'plain' | 'recordList' | 'marches' | 'root';
type Frame = { type: 'obj' | 'arr'; value: Obj | unknown[]; key: string | null; role: Role; hint?: Kind };

const kindOfKey = (k: string | null): Kind | undefined => (k === 'marche' ? 'marche' : k === 'contrat-concession' ? 'concession' : undefined);
const looksLikeRecord = (o: Obj) => 'id' in o || 'acheteur' in o || 'autoriteConcedante' in o || 'acheteur.id' in o;

/** JSON: {"marches": [...]} (2019), {"marches": {"marche": [...], "contrat-concession": [...]}} (2024), a bare array or a bare record. */
async function* jsonRecords(chunks: AsyncIterable<string>): AsyncGenerator<RawRecord> {
  // The synchronous core of stream-json: text in, tokens out, no stream overhead per token.
  const { jsonParser } = await import('stream-json/core/parser.js');
  const parse = jsonParser({ streamValues: false }) as unknown as (x: unknown) => unknown;
  const NONE = Symbol.for('object-stream.none');
  const tokensOf = (r: unknown): { name: string; value?: string }[] =>
    r && typeof r === 'object' && Array.isArray((r as { values?: unknown }).values) ? (r as { values: { name: string; value?: string }[] }).values : [];

  const stack: Frame[] = [];
  let rootDone = false;
  let root: unknown = undefined;
  let sawMarches = false;
  let position = 0;
  const out: RawRecord[] = [];

  const roleForChild = (parent: Frame | undefined, key: string | null, isArray: boolean): { role: Role; hint?: Kind } => {
    if (!parent) return { role: isArray ? 'recordList' : 'root' };
    if (parent.role === 'recordList') return { role: isArray ? 'recordList' : 'plain', hint: parent.hint };
    if (parent.role === 'root' && key === 'marches') {
      sawMarches = true;
      return { role: isArray ? 'recordList' : 'marches' };
    }
    if (parent.role === 'marches' && kindOfKey(key)) return { role: isArray ? 'recordList' : 'plain', hint: kindOfKey(key) };
    return { role: 'plain' };
  };

  // A completed value: a record when its parent is a record list (or a bare marches.marche object).
  const complete = (value: unknown) => {
    const parent = stack[stack.length - 1];
    if (!parent) {
      root = value;
      rootDone = true;
      return;
    }
    if (parent.role === 'recordList') {
      out.push({ value, position: ++position, hint: { kind: parent.hint, source: 'json' } });
      return;
    }
    if (parent.type === 'obj') {
      const key = parent.key!;
      if (parent.role === 'marches' && kindOfKey(key)) {
        if (value !== null && !Array.isArray(value)) out.push({ value, position: ++position, hint: { kind: kindOfKey(key), source: 'json' } });
        return;
      }
      if (parent.role === 'root' && key === 'marches') return;
      (parent.value as Obj)[key] = value;
    } else (parent.value as unknown[]).push(value);
  };

  const open = (type: 'obj' | 'arr') => {
    const parent = stack[stack.length - 1];
    const { role, hint } = roleForChild(parent, parent?.type === 'obj' ? parent.key : null, type === 'arr');
    // A nested list inside a record list stays a list of records (titulaires are not here).
    stack.push({ type, value: type === 'obj' ? {} : [], key: null, role, hint });
  };

  const handle = (t: { name: string; value?: string }) => {
      switch (t.name) {
        case 'startObject':
          open('obj');
          break;
        case 'startArray':
          open('arr');
          break;
        case 'endObject':
        case 'endArray': {
          const f = stack.pop()!;
          // Record lists and the marches wrapper are never kept once their records are out.
          complete(f.role === 'recordList' || f.role === 'marches' ? null : f.value);
          break;
        }
        case 'keyValue':
          (stack[stack.length - 1] as Frame).key = t.value ?? '';
          break;
        case 'stringValue':
          complete(t.value ?? '');
          break;
        case 'numberValue': {
          const n = Number(t.value);
          complete(Number.isFinite(n) ? n : t.value);
          break;
        }
        case 'nullValue':
          complete(null);
          break;
        case 'trueValue':
          complete(true);
          break;
        case 'falseValue':
          complete(false);
          break;
        default:
          break;
      }
  };

  try {
    for await (const chunk of sanitized(chunks)) {
      for (const t of tokensOf(parse(chunk))) handle(t);
      while (out.length) yield out.shift()!;
    }
    for (const t of tokensOf(parse(NONE))) handle(t);
    while (out.length) yield out.shift()!;
  } catch (e) {
    if (e instanceof DecpFileError) throw e;
    throw new DecpFileError(`JSON invalide ou tronqué : ${(e as Error).message}`);
  }
  if (!rootDone) throw new DecpFileError('JSON tronqué : le document se termine avant sa fin.');
  if (sawMarches) return;
  if (isObj(root) && looksLikeRecord(root)) {
    yield { value: root, position: ++position, hint: { source: 'json' } };
    return;
  }
  if (Array.isArray(root)) return;
  throw new DecpFileError("Ce JSON n'est pas un fichier DECP : il n'a pas de clé « marches ».");
}

type XmlFrame = { name: string; children: Obj; text: string; hasChild: boolean };

const xmlValue = (f: XmlFrame): unknown => {
  if (f.hasChild) return f.children;
  const t = f.text.trim();
  return t === '' ? null : t;
};

/** XML: <marches> with <marche> / <contrat-concession> children, or one bare record as the root. */
async function* xmlRecords(chunks: AsyncIterable<string>): AsyncGenerator<RawRecord> {
  const { SaxesParser } = await import('saxes');
  const parser = new SaxesParser({ xmlns: false });
  const out: RawRecord[] = [];
  let position = 0;
  let depth = 0;
  let rootName: string | null = null;
  // Frames of the record being built (empty outside a record).
  const frames: XmlFrame[] = [];
  let recordDepth = -1;
  let recordKind: Kind | undefined;

  parser.on('opentag', (tag) => {
    depth++;
    const name = tag.name;
    if (depth === 1) {
      rootName = name;
      if (name !== 'marches' && !kindOfKey(name)) throw new DecpFileError(`Ce XML n'est pas un fichier DECP (racine <${name}>).`);
      if (kindOfKey(name)) {
        recordDepth = 1;
        recordKind = kindOfKey(name);
      }
    } else if (depth === 2 && rootName === 'marches' && kindOfKey(name)) {
      recordDepth = 2;
      recordKind = kindOfKey(name);
    }
    if (recordDepth > 0 && depth >= recordDepth) {
      const parent = frames[frames.length - 1];
      if (parent) parent.hasChild = true;
      frames.push({ name, children: {}, text: '', hasChild: false });
    }
  });
  const onText = (t: string) => {
    const f = frames[frames.length - 1];
    if (f) f.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    if (recordDepth > 0 && depth >= recordDepth) {
      const f = frames.pop()!;
      const value = xmlValue(f);
      const parent = frames[frames.length - 1];
      if (parent) {
        const prev = parent.children[f.name];
        if (prev === undefined) parent.children[f.name] = value;
        else if (Array.isArray(prev)) prev.push(value);
        else parent.children[f.name] = [prev, value];
      } else {
        out.push({ value: isObj(value) ? value : {}, position: ++position, hint: { kind: recordKind, source: 'xml' } });
        recordDepth = -1;
      }
    }
    depth--;
  });

  try {
    for await (const chunk of chunks) {
      // Control characters make XML invalid: dropped (reference §7.1.6).
      parser.write(chunk.replace(/^\uFEFF/, '').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, ''));
      while (out.length) yield out.shift()!;
    }
    parser.close();
  } catch (e) {
    if (e instanceof DecpFileError) throw e;
    throw new DecpFileError(`XML invalide ou tronqué : ${(e as Error).message}`);
  }
  while (out.length) yield out.shift()!;
  if (rootName === null) throw new DecpFileError("Ce XML n'a pas d'élément racine.");
}

/** The national tabular CSV (decp-processing): one row per contract × titulaire × version. */
async function* tabularRecords(chunks: AsyncIterable<string>, delimiter: string): AsyncGenerator<RawRecord> {
  const { parse: parseCsv } = await import('csv-parse');
  const parser = parseCsv({ columns: true, bom: true, delimiter, relax_column_count: true, skip_empty_lines: true });
  const input = Readable.from(chunks);
  input.on('error', (e) => parser.emit('error', e));
  input.pipe(parser);
  let position = 0;
  try {
    for await (const row of parser as AsyncIterable<Record<string, string>>) {
      if (position === 0 && !('acheteur_id' in row && 'id' in row)) throw new DecpFileError('Ce CSV n\'est pas le format tabulaire DECP (colonnes « id » et « acheteur_id » attendues).');
      yield { value: tabularRecord(row), position: ++position, hint: { source: 'tabular' } };
    }
  } catch (e) {
    if (e instanceof DecpFileError) throw e;
    throw new DecpFileError(`CSV invalide ou tronqué : ${(e as Error).message}`);
  }
}

/** Every record of a DECP file, in file order; `onBytes` reports progress on the raw file. */
export async function* readDecpFile(file: string, onBytes?: (n: number) => void): AsyncGenerator<RawRecord> {
  for await (const batch of readDecpBatches(file, onBytes)) yield* batch;
}

/** The same records in batches (the importer's way: one promise per batch, not per record). */
export async function* readDecpBatches(file: string, onBytes?: (n: number) => void): AsyncGenerator<RawRecord[]> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new DecpFileError('Fichier introuvable ou illisible.');
  }
  if (!stat.isFile()) throw new DecpFileError("Ce chemin n'est pas un fichier.");
  if (stat.size === 0) throw new DecpFileError('Le fichier est vide.');
  if (startsAsJsonObject(file)) yield* fastThenStreaming(file, onBytes);
  else for await (const r of streamingRecords(file, onBytes)) yield [r];
}

/** Plain (not gzipped) JSON whose first meaningful byte opens an object: the fast path's case. */
function startsAsJsonObject(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    let i = n >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    while (i < n && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
    return i < n && head[i] === 0x7b;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The byte splitter + JSON.parse (split.ts); on anything it does not handle, the streaming reader
 * reads the file again and goes on after the records already given (same records, same positions,
 * same error message). Progress counts each byte once.
 */
async function* fastThenStreaming(file: string, onBytes?: (n: number) => void): AsyncGenerator<RawRecord[]> {
  let given = 0;
  let reported = 0;
  try {
    for await (const batch of splitJsonRecords(file, (n) => {
      reported += n;
      onBytes?.(n);
    })) {
      given += batch.length;
      yield batch;
    }
    return;
  } catch {
    // Unusual shape or invalid JSON: the streaming reader decides, from the start.
  }
  let seen = 0;
  let skip = given;
  for await (const r of streamingRecords(file, (n) => {
    seen += n;
    if (seen > reported) {
      onBytes?.(seen - reported);
      reported = seen;
    }
  })) {
    if (skip > 0) {
      skip--;
      continue;
    }
    yield [r];
  }
}

/** The streaming reader (every syntax, gzip): stream-json, saxes or csv-parse. */
export async function* streamingRecords(file: string, onBytes?: (n: number) => void): AsyncGenerator<RawRecord> {
  const { syntax, chunks, delimiter } = await sniff(textChunks(file, onBytes));
  if (syntax === 'json') yield* jsonRecords(chunks);
  else if (syntax === 'xml') yield* xmlRecords(chunks);
  else yield* tabularRecords(chunks, delimiter ?? ',');
}

/**
 * JSON fast path of the DECP reader (issue 14): the file is read with fs.read into one reusable
 * buffer, a byte-level scanner aware of strings and escapes finds each record's bytes, and each
 * record is parsed by JSON.parse alone. The JsonSanitizer (NaN tokens, control characters, BOMs)
 * runs only on a record JSON.parse refuses — it changes nothing JSON.parse would accept, so the
 * records are the same as the streaming reader's.
 *
 * Only the usual envelopes are handled here: {"marches": [...]} and {"marches": {"marche": [...],
 * "contrat-concession": [...]}} (a bare string or number in a list is a record too). Anything else (a bare array, a bare
 * record, a nested list, a record still invalid after sanitising, a truncated file, any byte
 * the envelope does not expect) throws Unusual; the caller then reads the file again with the
 * streaming reader and goes on from the record it had reached, so that records, positions and
 * the file's error message are exactly the streaming reader's.
 */
import fs from 'node:fs';
import type { Kind } from './normalise.js';
import { JsonSanitizer, type RawRecord } from './readers.js';

export class Unusual extends Error {}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Index just after the string starting at `i` (a quote), or -1 when it goes past `len`.
 * Searches quotes natively and counts the backslashes before each one.
 */
export function stringEnd(buf: Buffer, i: number, len: number): number {
  let j = i + 1;
  for (;;) {
    const q = buf.indexOf(QUOTE, j);
    if (q < 0 || q >= len) return -1;
    let k = q - 1;
    while (buf[k] === BACKSLASH) k--;
    if ((q - 1 - k) % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** Index just after the object or array starting at `i`, or -1 when it goes past `len`. */
export function compositeEnd(buf: Buffer, i: number, len: number): number {
  let depth = 0;
  for (; i < len; i++) {
    const c = buf[i]!;
    if (c === QUOTE) {
      const e = stringEnd(buf, i, len);
      if (e < 0) return -1;
      i = e - 1;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (--depth === 0) return i + 1;
    }
  }
  return -1;
}

/** JSON.parse, then the sanitiser only when JSON.parse refuses the text. */
export function parseRecordText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const s = new JsonSanitizer();
    const clean = s.push(text) + s.end();
    try {
      return JSON.parse(clean);
    } catch {
      throw new Unusual('record invalid after sanitising');
    }
  }
}

/** The file's bytes in one buffer reused (and grown only for a record longer than it). */
class Bytes {
  buf: Buffer;
  len = 0;
  pos = 0;
  eof = false;
  constructor(
    private fd: number,
    size: number,
    private onBytes?: (n: number) => void,
  ) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** Reads more, keeping the bytes from `keep` on (indices shift by `keep`); false at the end. */
  more(keep: number): Promise<boolean> {
    if (this.eof) return Promise.resolve(false);
    if (keep > 0) {
      this.buf.copy(this.buf, 0, keep, this.len);
      this.len -= keep;
      this.pos -= keep;
    } else if (this.len === this.buf.length) {
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.len);
      this.buf = bigger;
    }
    return new Promise((resolve, reject) => {
      fs.read(this.fd, this.buf, this.len, this.buf.length - this.len, null, (err, n) => {
        if (err) return reject(new Unusual(err.message));
        if (n === 0) this.eof = true;
        this.len += n;
        if (n) this.onBytes?.(n);
        resolve(n > 0);
      });
    });
  }

  /** peek() without waiting: -2 when more bytes must be read first. */
  peekNow(): number {
    while (this.pos < this.len && isWs(this.buf[this.pos]!)) this.pos++;
    if (this.pos < this.len) return this.buf[this.pos]!;
    return this.eof ? -1 : -2;
  }

  /** value() without waiting, for an object or a string: null when its end is not read yet. */
  valueNow(c: number): string | null {
    const start = this.pos;
    const end = c === QUOTE ? stringEnd(this.buf, start, this.len) : c === 0x7b ? compositeEnd(this.buf, start, this.len) : -1;
    if (end < 0) return null;
    this.pos = end;
    return this.buf.toString('utf8', start, end);
  }

  /** The next byte that is not white space (not consumed), or -1 at the end. */
  async peek(): Promise<number> {
    for (;;) {
      while (this.pos < this.len && isWs(this.buf[this.pos]!)) this.pos++;
      if (this.pos < this.len) return this.buf[this.pos]!;
      if (!(await this.more(this.pos))) return -1;
    }
  }

  async expect(c: number) {
    if ((await this.peek()) !== c) throw new Unusual(`expected ${String.fromCharCode(c)}`);
    this.pos++;
  }

  /** The bytes of the value at pos (string, object, array or a bare word), consumed. */
  async value(): Promise<string> {
    const c = await this.peek();
    for (;;) {
      const start = this.pos;
      let end: number;
      if (c === QUOTE) end = stringEnd(this.buf, start, this.len);
      else if (c === 0x7b || c === 0x5b) end = compositeEnd(this.buf, start, this.len);
      else {
        end = start;
        while (end < this.len && !isWs(this.buf[end]!) && this.buf[end] !== 0x2c && this.buf[end] !== 0x7d && this.buf[end] !== 0x5d) end++;
        if (end === this.len && !this.eof) end = -1;
        if (end === start) throw new Unusual('no value');
      }
      if (end >= 0) {
        this.pos = end;
        return this.buf.toString('utf8', start, end);
      }
      if (!(await this.more(start))) throw new Unusual('truncated');
    }
  }
}

const kindOfKey = (k: string): Kind | undefined => (k === 'marche' ? 'marche' : k === 'contrat-concession' ? 'concession' : undefined);

/** Records of a DECP JSON file with the usual envelope; throws Unusual for anything else. */
export async function* splitJsonRecords(file: string, onBytes?: (n: number) => void, bufferSize = 1 << 20): AsyncGenerator<RawRecord[]> {
  const fd = fs.openSync(file, 'r');
  const b = new Bytes(fd, bufferSize, onBytes);
  let position = 0;
  let sawMarches = false;
  // Records go out in batches: one promise per batch, not per record, through the generators.
  let out: RawRecord[] = [];
  try {
    await b.more(0);
    // A UTF-8 BOM at the very start.
    if (b.len >= 3 && b.buf[0] === 0xef && b.buf[1] === 0xbb && b.buf[2] === 0xbf) b.pos = 3;

    /** A value outside the records, checked as the streaming reader would. */
    const skip = async () => {
      parseRecordText(await b.value());
    };
    async function* list(kind: Kind | undefined): AsyncGenerator<RawRecord[]> {
      await b.expect(0x5b);
      if ((await b.peek()) === 0x5d) {
        b.pos++;
        return;
      }
      for (;;) {
        let c = b.peekNow();
        if (c === -2) c = await b.peek();
        // A nested list is left to the streaming reader; a bare string or number is a record (rejected later).
        if (c === 0x5b) throw new Unusual('nested list');
        const text = b.valueNow(c) ?? (await b.value());
        out.push({ value: parseRecordText(text), position: ++position, hint: { kind, source: 'json' } });
        if (out.length >= 256) {
          yield out;
          out = [];
        }
        c = b.peekNow();
        if (c === -2) c = await b.peek();
        b.pos++;
        if (c === 0x5d) return;
        if (c !== 0x2c) throw new Unusual('comma expected');
      }
    }

    // Root object: only "marches" matters once it is seen; other members are checked and dropped.
    await b.expect(0x7b);
    if ((await b.peek()) === 0x7d) throw new Unusual('empty root');
    for (;;) {
      if ((await b.peek()) !== QUOTE) throw new Unusual('key expected');
      const key = JSON.parse(await b.value()) as string;
      await b.expect(0x3a);
      if (key === 'marches') {
        const c = await b.peek();
        if (c === 0x5b) {
          sawMarches = true;
          yield* list(undefined);
        } else if (c === 0x7b) {
          sawMarches = true;
          // {"marche": [...], "contrat-concession": [...]}: records are gathered per member.
          await b.expect(0x7b);
          if ((await b.peek()) === 0x7d) b.pos++;
          else
            for (;;) {
              if ((await b.peek()) !== QUOTE) throw new Unusual('key expected');
              const k = JSON.parse(await b.value()) as string;
              await b.expect(0x3a);
              const kind = kindOfKey(k);
              const v = await b.peek();
              if (kind && v === 0x5b) yield* list(kind);
              else if (kind && v === 0x7b) out.push({ value: parseRecordText(await b.value()), position: ++position, hint: { kind, source: 'json' } });
              else if (kind && (await b.value()) !== 'null') throw new Unusual('unusual record list');
              else if (!kind) await skip();
              const e = await b.peek();
              b.pos++;
              if (e === 0x7d) break;
              if (e !== 0x2c) throw new Unusual('comma expected');
            }
        } else throw new Unusual('unusual marches');
      } else await skip();
      const c = await b.peek();
      b.pos++;
      if (c === 0x7d) break;
      if (c !== 0x2c) throw new Unusual('comma expected');
    }
    if ((await b.peek()) !== -1) throw new Unusual('bytes after the document');
    if (!sawMarches) throw new Unusual('no marches');
    if (out.length) yield out;
  } finally {
    fs.closeSync(fd);
  }
}

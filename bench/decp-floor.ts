/**
 * The fair floor of the DECP import (issue 14): the least any importer must do to read a DECP JSON
 * file — fs.readSync into one reusable buffer, a byte-level scanner aware of strings and escapes
 * that cuts out every object found directly inside an array (a record), and JSON.parse of each.
 * Nothing is normalised, nothing stored. Self-contained on purpose (no code of the importer).
 *
 *   node --import tsx bench/decp-floor.ts FILE   → one JSON line: { records, seconds, hwm }
 */
import fs from 'node:fs';

export function floor(file: string): { records: number; seconds: number } {
  const t = performance.now();
  const fd = fs.openSync(file, 'r');
  let buf = Buffer.allocUnsafe(1 << 20);
  let len = 0;
  let records = 0;
  // Containers open outside the current record: 0x7b object, 0x5b array.
  const stack: number[] = [];
  // A string cut by the end of the buffer: scanning resumes at its opening quote.
  let recordStart = -1; // index in buf of the record being cut, -1 outside one
  let depth = 0; // inside the record
  let i = 0;
  for (;;) {
    // Keep the record being cut (or nothing) and read more after it.
    const keep = recordStart >= 0 ? recordStart : i;
    if (keep > 0) {
      buf.copy(buf, 0, keep, len);
      len -= keep;
      i -= keep;
      if (recordStart >= 0) recordStart = 0;
    } else if (len === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, len);
      buf = bigger;
    }
    const n = fs.readSync(fd, buf, len, buf.length - len, null);
    if (n === 0) break;
    len += n;
    for (; i < len; i++) {
      const c = buf[i]!;
      if (c === 0x22) {
        // The closing quote: the next one not preceded by an odd number of backslashes.
        let q = i;
        for (;;) {
          q = buf.indexOf(0x22, q + 1);
          if (q < 0 || q >= len) break;
          let k = q - 1;
          while (buf[k] === 0x5c) k--;
          if ((q - 1 - k) % 2 === 0) break;
        }
        if (q < 0 || q >= len) break; // read more, then scan this string again
        i = q;
        continue;
      }
      if (recordStart >= 0) {
        if (c === 0x7b || c === 0x5b) depth++;
        else if (c === 0x7d || c === 0x5d) {
          if (--depth === 0) {
            JSON.parse(buf.toString('utf8', recordStart, i + 1));
            records++;
            recordStart = -1;
          }
        }
      } else if (c === 0x7b && stack[stack.length - 1] === 0x5b) {
        recordStart = i;
        depth = 1;
      } else if (c === 0x7b || c === 0x5b) stack.push(c);
      else if (c === 0x7d || c === 0x5d) stack.pop();
    }
  }
  fs.closeSync(fd);
  return { records, seconds: (performance.now() - t) / 1000 };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  const r = floor(process.argv[2]!);
  const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  process.stdout.write(`${JSON.stringify({ ...r, hwm: m ? Number(m[1]) * 1024 : 0 })}\n`);
}

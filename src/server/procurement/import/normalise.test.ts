import { Readable } from 'node:stream';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { calendarDate, canonicalProcedure, considerationStatus, cpvParts, listOf, normaliseRecord, toNumber, usableDate, validSiret } from './normalise.js';
import { JsonSanitizer, readDecpFile } from './readers.js';

describe('normalise (pure)', () => {
  it('calendar dates checked by arithmetic: the same answers as the Date.UTC round trip they replace', () => {
    const byDate = (v: string) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.slice(0, 10));
      if (!m) return null;
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const dt = new Date(Date.UTC(y, mo - 1, d));
      return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d ? v.slice(0, 10) : null;
    };
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    let checked = 0;
    for (const y of [0, 1, 50, 99, 100, 101, 1600, 1700, 1899, 1900, 1999, 2000, 2001, 2004, 2023, 2024, 2100, 2400, 9999])
      for (let mo = 0; mo <= 13; mo++)
        for (let d = 0; d <= 32; d++) {
          const v = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
          expect(calendarDate(v), v).toBe(byDate(v));
          expect(calendarDate(`${v}T10:00:00+02:00`), v).toBe(byDate(v));
          checked++;
        }
    expect(checked).toBeGreaterThan(8000);
  });

  it('lists flattened into one array: the same items as the recursive flatMap they replace', () => {
    const byFlatMap = (v: unknown, child: string): unknown[] => {
      if (v === null || v === undefined) return [];
      if (Array.isArray(v)) return v.flatMap((x) => byFlatMap(x, child));
      if (typeof v === 'object') {
        const keys = Object.keys(v);
        if (keys.length === 1 && keys[0] === child) return byFlatMap((v as Record<string, unknown>)[child], child);
        if (keys.length === 0) return [];
        return [v];
      }
      const c = typeof v === 'string' ? (v.trim() === '' || /^(nan|nc|null|undefined|none)$/i.test(v.trim()) ? null : v.trim()) : typeof v === 'number' && !Number.isFinite(v) ? null : v;
      return c === null ? [] : [c];
    };
    const shapes: unknown[] = [
      null, undefined, 'Clause sociale', ' NC ', '', 12, Number.NaN, true, {}, { x: 1 }, { c: 'a' }, { c: ['a', { c: 'b' }, [[' c ', null]]] },
      [[['a'], []], { c: { c: ['d', 'nan'] } }, { c: 'e', d: 1 }], [{}, [{}], 'f'],
    ];
    for (const v of shapes) expect(listOf(v, 'c'), JSON.stringify(v)).toEqual(byFlatMap(v, 'c'));
  });

  it('numbers given as strings', () => {
    expect(toNumber('30000.00')).toBe(30000);
    expect(toNumber('1 234,50')).toBe(1234.5);
    expect(toNumber('1.234,50')).toBe(1234.5);
    expect(toNumber('1.0E17')).toBe(1e17);
    expect(toNumber('NC')).toBeNull();
    expect(toNumber('abc')).toBeNull();
  });

  it('lists in every shape', () => {
    expect(listOf('Clause sociale', 'considerationSociale')).toEqual(['Clause sociale']);
    expect(listOf({ considerationSociale: ['a', ['b']] }, 'considerationSociale')).toEqual(['a', 'b']);
    expect(listOf([[{ titulaire: { id: 'x' } }]], 'titulaire')).toEqual([{ id: 'x' }]);
    expect(listOf(null, 'x')).toEqual([]);
  });

  it('dates', () => {
    expect(calendarDate('2018-12-17+01:00')).toBe('2018-12-17');
    expect(calendarDate('2023-02-29')).toBeNull();
    expect(usableDate('1999-12-31', 2026)).toBeNull();
    expect(usableDate('2027-01-01', 2026)).toBeNull();
    expect(usableDate('2026-12-31', 2026)).toBe('2026-12-31');
  });

  it('considerations, procedures, CPV, SIRET', () => {
    const pos = new Set(['clause sociale']);
    const neg = new Set(['pas de consideration sociale']);
    expect(considerationStatus(['  CLAUSE SOCIALE '], pos, neg)).toBe('positive');
    expect(considerationStatus(['Pas de considération sociale'], pos, neg)).toBe('negative');
    expect(considerationStatus(['Pas de considération sociale', 'autre'], pos, neg)).toBe('unknown');
    expect(considerationStatus([], pos, neg)).toBe('unknown');
    expect(canonicalProcedure('appel d’offres OUVERT')).toBe("Appel d'offres ouvert");
    expect(canonicalProcedure('Marché négocié sans publicité ni mise en concurrence préalable')).toBe('Marché passé sans publicité ni mise en concurrence préalable');
    expect(cpvParts('45111100-9')).toEqual({ cpv: '45111100', division: '45', type: 'travaux' });
    expect(cpvParts('48')).toEqual({ cpv: '48000000', division: '48', type: 'fournitures' });
    expect(validSiret('21690123100011')).toBe(true);
    expect(validSiret('12345678901234')).toBe(false);
  });

  it('rejects only non-objects and records without buyer id or id', () => {
    expect(normaliseRecord(3, { source: 'json' }, 2026)).toEqual({ ok: false, reason: 'NOT_AN_OBJECT' });
    expect(normaliseRecord({ id: 'x', acheteur: { id: ' ' } }, { source: 'json' }, 2026)).toEqual({ ok: false, reason: 'NO_BUYER_ID' });
    expect(normaliseRecord({ acheteur: { id: '1' }, id: 'NC' }, { source: 'json' }, 2026)).toEqual({ ok: false, reason: 'NO_ID' });
    // A concession's buyer is autoriteConcedante.
    expect(normaliseRecord({ id: 'x', acheteur: { id: '1' } }, { source: 'json', kind: 'concession' }, 2026)).toEqual({ ok: false, reason: 'NO_BUYER_ID' });
    expect(normaliseRecord({ id: 'x', acheteur: { id: '1' } }, { source: 'json' }, 2026).ok).toBe(true);
  });

  it('the JSON sanitiser handles tokens split across chunks and leaves strings alone', () => {
    const s = new JsonSanitizer();
    const out = s.push('{"a": Na') + s.push('N, "b": "NaN", "c": -Infin') + s.push('ity, "d": 1e5}') + s.end();
    expect(JSON.parse(out)).toEqual({ a: null, b: 'NaN', c: null, d: 100000 });
  });
});

describe('memory stays bounded whatever the file size', () => {
  it('streams a 60 MB file holding one record list with the memory of a small one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'decp-big-'));
    const file = path.join(dir, 'big.json');
    const record = (i: number) =>
      JSON.stringify({ id: `ID${i}`, acheteur: { id: '21690123100011' }, objet: 'x'.repeat(400), montant: 50000, dureeMois: 12, dateNotification: '2024-01-01' });
    const n = 120_000;
    await new Promise<void>((resolve, reject) => {
      const out = fs.createWriteStream(file);
      out.on('error', reject);
      out.on('finish', resolve);
      Readable.from(
        (function* () {
          yield '{"marches": {"marche": [';
          for (let i = 0; i < n; i++) yield (i ? ',' : '') + record(i);
          yield ']}}';
        })(),
      ).pipe(out);
    });
    expect(fs.statSync(file).size).toBeGreaterThan(55_000_000);
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let count = 0;
    let peak = 0;
    for await (const r of readDecpFile(file)) {
      count++;
      if (count % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      expect(r.position).toBe(count);
    }
    expect(count).toBe(n);
    // Holding the file (or its records) would need hundreds of MB; streaming stays far below.
    expect(peak).toBeLessThan(64_000_000);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});

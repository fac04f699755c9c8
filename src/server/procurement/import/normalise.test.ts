import { Readable } from 'node:stream';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { calendarDate, canonicalProcedure, considerationStatus, cpvParts, listOf, normaliseRecord, toNumber, usableDate, validSiret } from './normalise.js';
import { JsonSanitizer, readDecpFile } from './readers.js';

describe('normalise (pure)', () => {
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

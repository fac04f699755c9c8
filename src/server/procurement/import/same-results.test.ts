/**
 * Issue 14, goal 1: the faster import (byte splitter + JSON.parse per record, COPY into staging)
 * gives the same records, counts and kept contracts as before, on every JSON fixture and on the
 * generator's defect files. Expected values come from an independent simple reader written here
 * (the whole file cleaned with two regular expressions, then one JSON.parse), the unchanged
 * normaliser, and the merge rule of ADR 0008 done in plain JavaScript — not from the importer.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers/context.js';
import { rows } from '../../platform/db.js';
import { indicators } from '../indicators/indicators.service.js';
import { generateDecp } from './generate.js';
import { importDecpFile } from './import.service.js';
import { normaliseRecord, type Kind, type NormalisedContract } from './normalise.js';
import { readDecpFile, streamingRecords } from './readers.js';
import { splitJsonRecords } from './split.js';

const FIX = path.resolve('tests/fixtures/decp');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-decp-same-'));
const NOT_READABLE = new Set(['blank.json', 'empty.json', 'not-decp.json', 'truncated.json']);
const jsonFixtures = [
  ...fs.readdirSync(FIX).filter((f) => f.endsWith('.json')).map((f) => path.join(FIX, f)),
  ...fs.readdirSync(path.join(FIX, 'defects')).filter((f) => f.endsWith('.json') && !NOT_READABLE.has(f)).map((f) => path.join(FIX, 'defects', f)),
];

let t: TestContext;
let generated: string[];
beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
  // Every defect kind (3 of each), duplicates; and a clean file with the default duplicates.
  generated = [path.join(dir, 'defects.json'), path.join(dir, 'clean.json')];
  await generateDecp(generated[0]!, { contracts: 300, duplicates: 0.1, defects: 0.01, seed: 11 });
  await generateDecp(generated[1]!, { contracts: 2500, seed: 474 });
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await t.db.execute(sql`TRUNCATE decp_contracts, decp_buyer_years, decp_siren_years, decp_staging, decp_imports, decp_rejections`);
});

/** The independent reader: control characters → spaces, bare NaN/Infinity → null, one JSON.parse. */
function simpleRecords(file: string): { value: unknown; kind?: Kind }[] {
  const text = fs
    .readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .replace(/[\u0000-\u001f]/g, ' ')
    .replace(/(?<=[:,[]\s*)-?(NaN|nan|Infinity|inf)(?=\s*[,\]}])/g, 'null');
  const doc = JSON.parse(text) as unknown;
  const list = (v: unknown, kind?: Kind): { value: unknown; kind?: Kind }[] =>
    Array.isArray(v) ? v.flatMap((x) => (Array.isArray(x) ? [...list(x, kind), { value: null, kind }] : [{ value: x, kind }])) : v === null || v === undefined ? [] : [{ value: v, kind }];
  if (Array.isArray(doc)) return list(doc);
  const m = (doc as { marches?: unknown }).marches;
  if (m === undefined) return [{ value: doc }];
  if (Array.isArray(m)) return list(m);
  const o = m as Record<string, unknown>;
  return [...list(o.marche, 'marche'), ...list(o['contrat-concession'], 'concession')];
}

type Row = { kind: string; buyer_siret: string; contract_id: string; objet: string | null; year: number | null; modifications: number; publication_date: string | null; amount_current: number | null; social: string; environmental: string; flags: string[]; conflict: boolean; amount_excluded: boolean };

/** What decp_contracts must hold after importing `file` into an empty database (ADR 0008's rule). */
function expected(file: string) {
  const recs = simpleRecords(file);
  let rejected = 0;
  const groups = new Map<string, { c: NormalisedContract; seq: number }[]>();
  recs.forEach((r, i) => {
    const n = normaliseRecord(r.value, { kind: r.kind, source: 'json' }, 2026);
    if (!n.ok) return void rejected++;
    const key = `${n.contract.kind}|${n.contract.buyerSiret}|${n.contract.contractId}`;
    groups.set(key, [...(groups.get(key) ?? []), { c: n.contract, seq: i }]);
  });
  const kept: Row[] = [];
  for (const g of groups.values()) {
    const w = [...g].sort((a, b) => b.c.modifications - a.c.modifications || (b.c.publicationDate ?? '').localeCompare(a.c.publicationDate ?? '') || (a.c.publicationDate === null ? 1 : 0) - (b.c.publicationDate === null ? 1 : 0) || b.seq - a.seq)[0]!.c;
    const conflict = new Set(g.map((x) => x.c.objet ?? '')).size > 1 || new Set(g.map((x) => x.c.notificationKey ?? '')).size > 1;
    kept.push({ kind: w.kind, buyer_siret: w.buyerSiret, contract_id: w.contractId, objet: w.objet, year: w.year, modifications: w.modifications, publication_date: w.publicationDate, amount_current: w.amountCurrent, social: w.social, environmental: w.environmental, flags: w.flags, conflict, amount_excluded: w.amountExcluded });
  }
  const sort = (a: Row, b: Row) => `${a.kind}|${a.buyer_siret}|${a.contract_id}`.localeCompare(`${b.kind}|${b.buyer_siret}|${b.contract_id}`);
  return { read: recs.length, rejected, kept: kept.sort(sort), sort };
}

async function all<T>(gen: AsyncIterable<T>) {
  const out: T[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

describe('issue 14: same results from the faster import', () => {
  it('item 1: the byte splitter gives the streaming reader\'s records and positions, whatever the buffer size', async () => {
    for (const file of [...jsonFixtures, ...generated]) {
      const before = await all(streamingRecords(file));
      expect(await all(readDecpFile(file)), file).toEqual(before);
      // Tiny buffers: records, strings and escapes cut by every possible boundary.
      for (const size of file === generated[1] ? [1000] : [7, 64, 1000]) {
        let records: unknown[];
        try {
          records = (await all(splitJsonRecords(file, undefined, size))).flat();
        } catch {
          continue; // a shape left to the streaming reader (checked just above through readDecpFile)
        }
        expect(records, `${file} (${size} bytes)`).toEqual(before);
      }
    }
    // The generator's files never need the streaming reader: the fast path reads them alone.
    for (const file of generated) expect((await all(splitJsonRecords(file, undefined, 64))).flat().length).toBe(simpleRecords(file).length);
  });

  it('item 1: every JSON fixture and the generator\'s files import the same counts, contracts and indicators as worked out independently', async () => {
    for (const file of [...jsonFixtures, ...generated]) {
      await t.db.execute(sql`TRUNCATE decp_contracts, decp_buyer_years, decp_siren_years, decp_staging, decp_imports, decp_rejections`);
      const want = expected(file);
      const report = await importDecpFile(t.deps, file);
      expect({ read: report.read, rejected: report.rejected, imported: report.imported, merged: report.merged }, file).toEqual({
        read: want.read,
        rejected: want.rejected,
        imported: want.kept.length,
        merged: want.read - want.rejected - want.kept.length,
      });
      const got = await rows<Row>(
        t.db,
        sql`SELECT kind, buyer_siret, contract_id, objet, year, modifications, publication_date, amount_current, social, environmental, flags, conflict, amount_excluded FROM decp_contracts`,
      );
      expect(got.sort(want.sort), file).toEqual(want.kept);
      // National indicators (from the per-buyer summaries the merge refreshes), from the expected rows.
      const byKey = new Map<string, { contracts: number; social: Record<string, number>; environmental: Record<string, number>; total: number; excluded: number }>();
      for (const r of want.kept) {
        const k = `${r.kind}|${r.year}`;
        const e = byKey.get(k) ?? { contracts: 0, social: { positive: 0, negative: 0, unknown: 0 }, environmental: { positive: 0, negative: 0, unknown: 0 }, total: 0, excluded: 0 };
        e.contracts++;
        e.social[r.social]!++;
        e.environmental[r.environmental]!++;
        if (r.amount_excluded) e.excluded++;
        else e.total += r.amount_current ?? 0;
        byKey.set(k, e);
      }
      const nat = await indicators(t.deps, { nation: true });
      expect(nat.length, file).toBe(byKey.size);
      for (const row of nat) {
        const e = byKey.get(`${row.kind}|${row.year}`)!;
        expect({ contracts: row.contracts, social: row.social, environmental: row.environmental, excluded: row.amount.excluded }, file).toEqual({
          contracts: e.contracts,
          social: e.social,
          environmental: e.environmental,
          excluded: e.excluded,
        });
        expect(Math.abs(row.amount.total - e.total), file).toBeLessThanOrEqual(0.01 + e.total * 1e-12);
      }
    }
  });
});

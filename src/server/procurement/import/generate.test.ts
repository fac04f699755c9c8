import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers/context.js';
import { decpGenerate, decpImport } from '../../../cli/decp.js';
import { rows } from '../../platform/db.js';
import { validSiret } from './normalise.js';
import { DEFECT_KINDS, generateDecp } from './generate.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-decp-gen-'));
const out = (name: string) => path.join(dir, name);
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await t.db.execute(sql`TRUNCATE decp_contracts, decp_buyer_years, decp_siren_years, decp_staging, decp_imports, decp_rejections`);
});
const importJson = async (file: string) => JSON.parse((await decpImport(t.deps, [file], { json: true })).stdout);
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('decp generate: realistic DECP 2024 files whose counts follow from the parameters', () => {
  it('a clean file: N contracts, 1 % concessions, floor(N·d) duplicates, nothing rejected or flagged', async () => {
    // N = 1000, d = 0.05. Concessions: i % 100 = 37 → i = 37, 137, …, 937: 10.
    // Duplicates after i when ⌊(i+1)·0.05⌋ > ⌊i·0.05⌋ → i = 19, 39, …, 999: 50, all after marchés
    // (i ≡ 19 mod 20 is never ≡ 37 mod 100). So read = 1050, 1000 identities, 50 merged.
    const r = await decpGenerate({ contracts: '1000', out: out('clean.json'), duplicates: '0.05', seed: '7', json: true });
    expect(JSON.parse(r.stdout)).toMatchObject({ records: 1050, primary: 1000, concessions: 10, duplicates: 50, defects: {} });
    const report = await importJson(out('clean.json'));
    expect(report).toMatchObject({ read: 1050, imported: 1000, merged: 50, rejected: 0, undated: 0, flags: {}, errors: [] });
    const [kinds] = await rows<{ marches: number; concessions: number; dated2024: number; conflicts: number; invalid: number }>(
      t.db,
      sql`SELECT count(*) FILTER (WHERE kind = 'marche')::int AS marches, count(*) FILTER (WHERE kind = 'concession')::int AS concessions,
            count(*) FILTER (WHERE year = 2024)::int AS dated2024, count(*) FILTER (WHERE conflict)::int AS conflicts,
            count(*) FILTER (WHERE format <> '2024')::int AS invalid
          FROM decp_contracts`,
    );
    // Duplicates are the same contract (as is, or republished with one more modification): no conflict.
    expect(kinds).toEqual({ marches: 990, concessions: 10, dated2024: 1000, conflicts: 0, invalid: 0 });
    // Buyers: valid SIRETs, few large and many small (1000 / 57 ≈ 18 buyers, Zipf).
    const buyers = await rows<{ buyer_siret: string; n: number }>(t.db, sql`SELECT buyer_siret, count(*)::int AS n FROM decp_contracts GROUP BY 1 ORDER BY 2 DESC`);
    expect(buyers.every((b) => validSiret(b.buyer_siret))).toBe(true);
    expect(buyers[0]!.n).toBeGreaterThan(5 * buyers[buyers.length - 1]!.n);
    // Both considerations occur both ways (the 2024 format always informs them).
    const [c] = await rows<{ sp: number; sn: number; ep: number; en: number; unknown: number }>(
      t.db,
      sql`SELECT count(*) FILTER (WHERE social = 'positive')::int AS sp, count(*) FILTER (WHERE social = 'negative')::int AS sn,
            count(*) FILTER (WHERE environmental = 'positive')::int AS ep, count(*) FILTER (WHERE environmental = 'negative')::int AS en,
            count(*) FILTER (WHERE social = 'unknown' OR environmental = 'unknown')::int AS unknown FROM decp_contracts`,
    );
    expect(c!.sp).toBeGreaterThan(0);
    expect(c!.sn).toBeGreaterThan(c!.sp);
    expect(c!.ep).toBeGreaterThan(c!.sp);
    expect(c!.en).toBeGreaterThan(0);
    expect(c!.unknown).toBe(0);
  });

  it('is deterministic for a seed, and another seed gives another file', async () => {
    await generateDecp(out('a.json'), { contracts: 200, seed: 3, defects: 0.01 });
    await generateDecp(out('b.json'), { contracts: 200, seed: 3, defects: 0.01 });
    await generateDecp(out('c.json'), { contracts: 200, seed: 4, defects: 0.01 });
    expect(sha(out('a.json'))).toBe(sha(out('b.json')));
    expect(sha(out('a.json'))).not.toBe(sha(out('c.json')));
  });

  // N = 300, d = 0.1, s = 0.01 for each of the 31 defect kinds. Defective primaries: ⌊(i+1)·0.31⌋ > ⌊i·0.31⌋,
  // 93 of them, kind m mod 31 for the m-th: 3 of each. Concessions 37, 137, 237 are not defective
  // (38·0.31 = 11.78 and 37·0.31 = 11.47 share their floor; likewise 42.78/42.47 and 73.78/73.47).
  // Duplicates: i = 9, 19, …, 299 → 30, copies of clean records.
  // read = 300 + 30 = 330; rejected = not-object + no-id + no-buyer = 9;
  // imported = 300 − 9 − 3 shared-id (they reuse an earlier identity) = 288; merged = 30 + 3 = 33;
  // undated = date-impossible + date-english + date-missing = 9.
  const expectedFlags = {
    AMOUNT_HUGE: 3,
    AMOUNT_MISSING: 3,
    AMOUNT_PLACEHOLDER: 3,
    CONTRADICTORY_CONSIDERATIONS: 3,
    DATE_INVALID: 6, // date-impossible + date-english
    DATE_MISSING: 3,
    HYBRID_FORMAT: 3,
    LEGACY_FORMAT: 3,
    MISSING_CONSIDERATIONS: 3,
    PUB_BEFORE_NOTIF: 3,
    SIRET_INVALID: 3,
  };
  for (const format of ['json', 'xml'] as const) {
    it(`every defect of reference §7 at a known share (${format}): the import reports what the parameters predict`, async () => {
      const file = out(`defects.${format}`);
      const summary = await generateDecp(file, { contracts: 300, duplicates: 0.1, defects: 0.01, format, seed: 11 });
      expect(DEFECT_KINDS).toHaveLength(31);
      expect(summary.defects).toEqual(Object.fromEntries(DEFECT_KINDS.map((k) => [k, 3])));
      expect(summary).toMatchObject({ records: 330, concessions: 3, duplicates: 30 });
      const report = await importJson(file);
      expect(report).toEqual({ read: 330, imported: 288, merged: 33, rejected: 9, undated: 9, flags: expectedFlags, errors: [], seconds: expect.any(Number) });
      const [r] = await rows<{ n: number; conflicts: number }>(
        t.db,
        sql`SELECT (SELECT count(*)::int FROM decp_rejections) AS n, (SELECT count(*)::int FROM decp_contracts WHERE conflict) AS conflicts`,
      );
      expect(r!.n).toBe(9);
      // Each shared-id record disagrees on objet with the record whose identity it takes (two may pick the same one).
      expect(r!.conflicts).toBeGreaterThan(0);
      expect(r!.conflicts).toBeLessThanOrEqual(3);
      // A second import of the same file changes nothing.
      const again = await importJson(file);
      expect(again).toMatchObject({ read: 330, imported: 0, merged: 321, rejected: 9 });
    });
  }

  it('the tabular CSV: marchés only, one row per contract; gzip output imports the same', async () => {
    // N = 200, d = 0.05 → duplicates after i = 19, 39, …, 199: 10; no concessions in the tabular file.
    const summary = await generateDecp(out('tab.csv.gz'), { contracts: 200, duplicates: 0.05, format: 'csv', seed: 5 });
    expect(summary).toMatchObject({ records: 210, concessions: 0, duplicates: 10 });
    expect(fs.readFileSync(out('tab.csv.gz')).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const report = await importJson(out('tab.csv.gz'));
    expect(report).toMatchObject({ read: 210, imported: 200, merged: 10, rejected: 0, undated: 0, flags: {} });
  });

  it('bad arguments are explained in French and write nothing', async () => {
    await expect(decpGenerate({ contracts: '0', out: out('x.json'), json: false })).rejects.toThrow('--contracts : indiquez un nombre entier de contrats');
    await expect(decpGenerate({ contracts: '10', out: out('x.json'), format: 'yaml', json: false })).rejects.toThrow('--format : json, xml ou csv.');
    await expect(decpGenerate({ contracts: '10', out: out('x.json'), defects: '0.5', json: false })).rejects.toThrow('--defects : au plus');
    await expect(decpGenerate({ contracts: '10', out: out('x.json'), defectKinds: 'bom,nan-token', json: false })).rejects.toThrow('--defect-kinds : défaut inconnu (bom)');
    expect(fs.existsSync(out('x.json'))).toBe(false);
  });
});

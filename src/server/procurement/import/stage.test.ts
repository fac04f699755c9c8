/**
 * Issue 14, goal 1: large files are parsed in a worker thread (stage.ts). The worker gives the very
 * batches of the importer's own thread, on every syntax (JSON, XML, CSV, gzip) and on the generator's
 * defect file; its failures are the same French file errors; an import through it stays all-or-nothing.
 * The COPY line, written out column by column for speed, is checked against the column list.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers/context.js';
import { rows } from '../../platform/db.js';
import { STAGING_COLUMNS, stagingRow, type EncodedBatch } from './encode.js';
import { generateDecp } from './generate.js';
import { importDecpFile, importDecpFiles } from './import.service.js';
import { normaliseRecord } from './normalise.js';
import { DecpFileError, readDecpFile } from './readers.js';
import { stagedBatches } from './stage.js';

const FIX = path.resolve('tests/fixtures/decp');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-decp-stage-'));
const params = (file: string) => ({ file, importId: '00000000-0000-4000-8000-000000000001', sourceFile: path.basename(file), currentYear: 2026 });

let t: TestContext;
let defects: string;
let gz: string;
beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
  defects = path.join(dir, 'defects.json');
  await generateDecp(defects, { contracts: 1500, duplicates: 0.1, defects: 0.01, seed: 11 });
  gz = path.join(dir, 'defects.json.gz');
  fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(defects)));
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function all(gen: AsyncIterable<EncodedBatch>) {
  const out: (Omit<EncodedBatch, 'copy'> & { copy: string })[] = [];
  for await (const b of gen) out.push({ ...b, copy: b.copy.toString('utf8') });
  return out;
}

/** The COPY line as it was written before: a loop over the columns and their types. */
function referenceRow(importId: string, seq: number, sourceFile: string, c: Parameters<typeof stagingRow>[3]): string {
  const copyText = (s: string) => s.replace(/[\\\n\r\t]/g, (x) => (x === '\\' ? '\\\\' : x === '\n' ? '\\n' : x === '\r' ? '\\r' : '\\t'));
  const value = (v: unknown, type: string) =>
    v === null || v === undefined
      ? '\\N'
      : type === 'text[]'
        ? copyText(`{${(v as string[]).map((x) => `"${x.replace(/[\\"]/g, (y) => `\\${y}`)}"`).join(',')}}`)
        : type === 'boolean'
          ? v ? 't' : 'f'
          : copyText(String(v));
  return `${[importId, String(seq), copyText(sourceFile), ...STAGING_COLUMNS.map(([, type, key]) => value(c[key], type))].join('\t')}\n`;
}

describe('issue 14: parsing in a worker thread', () => {
  it('the COPY line is the column list\'s, value by value, on every record of the defect file', async () => {
    let n = 0;
    for await (const rec of readDecpFile(defects)) {
      const r = normaliseRecord(rec.value, rec.hint, 2026);
      if (!r.ok) continue;
      // Special characters in the values and the file name: backslash, tab, new line, quotes.
      const c = n % 50 === 0 ? { ...r.contract, objet: `a\\b\tc\nd\re "f"`, socialValues: ['x"y', 'z\\w'] } : r.contract;
      expect(stagingRow('id', ++n, 'dé\tcp.json', c)).toBe(referenceRow('id', n, 'dé\tcp.json', c));
    }
    expect(n).toBeGreaterThan(1500);
  });

  it('the worker gives the same batches as this thread: JSON with defects, gzip, XML, CSV', async () => {
    for (const file of [defects, gz, path.join(FIX, '139bercy_format-commande-publique__paquet.xml'), path.join(FIX, 'ColinMaudry_decp-table-schema__exemple-valide.csv'), path.join(FIX, 'defects', 'tabular-semicolon.csv')]) {
      const here = await all(stagedBatches(params(file), false));
      expect(here.length, file).toBeGreaterThan(0);
      expect(await all(stagedBatches(params(file), true)), file).toEqual(here);
    }
  });

  it('a file the worker cannot read fails with the same French message', async () => {
    for (const [name, message] of [
      ['truncated.json', 'JSON invalide ou tronqué'],
      ['not-decp.xml', "n'est pas un fichier DECP"],
      ['empty.json', 'Le fichier est vide.'],
    ] as const) {
      const file = path.join(FIX, 'defects', name);
      const failure = await all(stagedBatches(params(file), true)).catch((e: unknown) => e);
      expect(failure, name).toBeInstanceOf(DecpFileError);
      expect((failure as Error).message, name).toContain(message);
    }
    // Through the import: listed among the errors, nothing kept, no staging row left.
    await t.db.execute(sql`TRUNCATE decp_contracts, decp_buyer_years, decp_siren_years, decp_staging, decp_imports, decp_rejections`);
    const report = await importDecpFiles(t.deps, [path.join(FIX, 'defects', 'truncated.json')], { inWorker: true });
    expect(report.errors).toEqual([{ file: path.join(FIX, 'defects', 'truncated.json'), message: expect.stringContaining('JSON invalide ou tronqué') }]);
    expect(await rows(t.db, sql`SELECT 1 FROM decp_staging UNION ALL SELECT 1 FROM decp_contracts`)).toEqual([]);
  });

  it('an import through the worker: same report and contracts as in this thread; a failure after a batch keeps nothing', async () => {
    const reset = () => t.db.execute(sql`TRUNCATE decp_contracts, decp_buyer_years, decp_siren_years, decp_staging, decp_imports, decp_rejections`);
    const contracts = () => rows(t.db, sql`SELECT kind, buyer_siret, contract_id, objet, year, modifications, amount_current, flags, conflict FROM decp_contracts ORDER BY 1, 2, 3`);
    const rejections = () => rows(t.db, sql`SELECT position, reason FROM decp_rejections ORDER BY position`);
    await reset();
    const here = await importDecpFile(t.deps, defects, { inWorker: false });
    const [hereContracts, hereRejections] = [await contracts(), await rejections()];
    await reset();
    const progress: number[] = [];
    const there = await importDecpFile(t.deps, defects, { inWorker: true, onProgress: (_f, done) => progress.push(done) });
    const { importId: _a, ...a } = here;
    const { importId: _b, ...b } = there;
    expect(b).toEqual(a);
    expect(a.rejected).toBeGreaterThan(0);
    expect(await contracts()).toEqual(hereContracts);
    expect(await rejections()).toEqual(hereRejections);
    expect(progress.at(-1)).toBe(fs.statSync(defects).size);

    await reset();
    await expect(
      importDecpFile(t.deps, defects, {
        inWorker: true,
        afterBatch: () => {
          throw new Error('panne simulée');
        },
      }),
    ).rejects.toThrow('panne simulée');
    expect(await rows(t.db, sql`SELECT 1 FROM decp_staging UNION ALL SELECT 1 FROM decp_contracts`)).toEqual([]);
    expect(await rows(t.db, sql`SELECT status FROM decp_imports`)).toEqual([{ status: 'failed' }]);
  });

  it('a first import builds the kept contracts\' indexes and primary key again, as they were', async () => {
    const indexes = () =>
      rows<{ indexname: string; indexdef: string; contype: string | null }>(t.db, sql`SELECT i.indexname, i.indexdef, c.contype FROM pg_indexes i LEFT JOIN pg_constraint c ON c.conname = i.indexname WHERE i.tablename = 'decp_contracts' ORDER BY 1`);
    await t.db.execute(sql`TRUNCATE decp_contracts, decp_buyer_years, decp_siren_years, decp_staging, decp_imports, decp_rejections`);
    const before = await indexes();
    expect(before.filter((i) => i.contype === 'p')).toHaveLength(1);
    expect(before.length).toBeGreaterThanOrEqual(3);
    const file = path.join(FIX, 'ColinMaudry_decp-json__data.gouv.fr_pes.json');
    expect(await importDecpFile(t.deps, file)).toMatchObject({ imported: 1140 });
    expect(await indexes()).toEqual(before);
    // A second import of the same file (contracts kept: indexes in place, the primary key decides the conflicts).
    expect(await importDecpFile(t.deps, file)).toMatchObject({ imported: 0, merged: 1148 });
    expect(await indexes()).toEqual(before);
  });
});

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDataDir } from '../../src/server/platform/lock.js';

const run = promisify(execFile);
// Vitest sets BASE_URL='/' (Vite's base) in process.env: the child gets a clean one.
const childEnv = (extra: Record<string, string>) => {
  const { BASE_URL: _b, ...rest } = process.env;
  return { ...rest, ...extra };
};
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-decp-cli-'));
const env = childEnv({ DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'silent' });
const cli = (args: string[]) =>
  run('npx', ['tsx', 'src/cli/main.ts', ...args], { env }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('entraide decp (real command line, PGlite folder)', () => {
  it('imports with --json: the stable report on standard output; exit 2 when a file cannot be read', async () => {
    const ok = await cli(['decp', 'import', '--json', 'tests/fixtures/decp/defects/duplicates.json']);
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.stdout);
    // duplicates.json: 8 records, 4 identities (see the fixture README); no flag on these records.
    expect(report).toEqual({ read: 8, imported: 4, merged: 4, rejected: 0, undated: 0, flags: {}, errors: [], seconds: expect.any(Number) });
    expect(Object.keys(report)).toEqual(['read', 'imported', 'merged', 'rejected', 'undated', 'flags', 'errors', 'seconds']);

    const bad = await cli(['decp', 'import', '--json', 'tests/fixtures/decp/defects/truncated.json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({ read: 0, imported: 0, errors: [{ file: 'tests/fixtures/decp/defects/truncated.json' }] });

    const ind = await cli(['decp', 'indicators', '--buyer', '21690123100029', '--json']);
    expect(JSON.parse(ind.stdout)).toEqual({
      buyer: '21690123100029',
      rows: [
        {
          kind: 'marche',
          year: 2024,
          contracts: 1,
          social: { positive: 1, negative: 0, unknown: 0 },
          environmental: { positive: 0, negative: 1, unknown: 0 },
          amount: { total: 70000, excluded: 0 },
        },
      ],
    });
    const est = await cli(['decp', 'estimate', '--buyer', '216901231', '--year', '2024', '--json']);
    expect(JSON.parse(est.stdout)).toMatchObject({ siren: '216901231', year: 2024, threshold: 50000000, notified: { contracts: 4 }, status: 'likely_below' });
  }, 120_000);

  it('refuses in French, and changes nothing, while another process holds the data folder', async () => {
    const before = fs.readdirSync(path.join(dir, 'pgdata')).length;
    const release = lockDataDir(dir);
    try {
      const r = await cli(['decp', 'import', '--json', 'tests/fixtures/decp/defects/bom.json']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('est déjà ouvert par un autre processus Entraide');
      expect(r.stdout).toBe('');
    } finally {
      release();
    }
    expect(fs.readdirSync(path.join(dir, 'pgdata')).length).toBe(before);
    // Nothing was imported: the buyer of bom.json is still without BOM1.
    const ind = await cli(['decp', 'indicators', '--buyer', '21690123100011', '--json']);
    expect(JSON.parse(ind.stdout).rows[0].contracts).toBe(3);
  }, 120_000);

  it('a usage error is explained in French with the usage text', async () => {
    const r = await cli(['decp', 'indicators', '--buyer', '12']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--buyer : indiquez un SIRET (14 chiffres) ou un SIREN (9 chiffres).');
    expect(r.stderr).toContain('decp import FICHIER...');
  }, 60_000);
});

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { cliArgs } from '../helpers/children.js';

const run = promisify(execFile);
const { BASE_URL: _b, ...rest } = process.env;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-registry-cli-'));
const env = { ...rest, DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'silent', SEED_DEMO: 'false' };
const cli = (args: string[]) =>
  // This run's build of the command line, with plain node (tests/helpers/children.ts).
  run(process.execPath, cliArgs(...args), { env }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('entraide registry import-sirene (real command line, PGlite folder)', () => {
  it('a usage error is explained in French before opening the database', async () => {
    const r = await cli(['registry', 'import-sirene']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Indiquez un fichier : le stock des unités légales');
    expect(r.stderr).toContain('registry import-sirene FICHIER [--etablissements FICHIER] [--json]');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('imports the fixture stock into an empty registry and reports in French; a refused file exits 2', async () => {
    // An empty registry (no seed outside the server start): the 22 buyer units are all created; the
    // three councils have no row to complete.
    const r = await cli(['registry', 'import-sirene', 'tests/fixtures/sirene/StockUniteLegale_utf8.zip', '--etablissements', 'tests/fixtures/sirene/StockEtablissement_utf8.csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Unités légales lues : 29 ; retenues comme acheteurs : 22 (dont 1 cessée(s), gardée(s) et marquée(s))');
    expect(r.stdout).toContain('Organisations créées : 22 ; mises à jour : 0 ; inchangées : 0 ; SIREN complétés : 0');
    expect(r.stdout).toContain('  Établissement de santé : 3');
    expect(r.stdout).toContain('  ligne 11 : SIREN invalide (999000000)');
    const refused = await cli(['registry', 'import-sirene', 'tests/fixtures/sirene/StockEtablissement_utf8.csv']);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toMatch(/^Import refusé \(rien n'a été modifié\) : Ce fichier n'a pas la disposition des colonnes/);
  }, 240_000);
});

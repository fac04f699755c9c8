import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { lockDataDir } from '../../src/server/platform/lock.js';
import { cliArgs } from '../helpers/children.js';
import { templateForChild } from '../helpers/context.js';

const run = promisify(execFile);
// Vitest sets BASE_URL='/' (Vite's base) in process.env: the child gets a clean one.
const childEnv = (extra: Record<string, string>) => {
  const { BASE_URL: _b, ...rest } = process.env;
  return { ...rest, ...extra };
};
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-decp-cli-'));
const env = childEnv({ DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'silent' });
const cli = (args: string[]) =>
  // This run's build of the command line, with plain node (tests/helpers/children.ts).
  run(process.execPath, cliArgs(...args), { env }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
// Under `npm test`, the folder starts as a copy of the run's migrated template, as the base-URL servers
// do: migrating an empty folder first cost the child about 7 s of CPU more, and is no part of what this
// file tests (registry-cli.test.ts still runs the command line on an empty folder). Under test:pg there
// is no PGlite template: the folder starts empty and the first command migrates it.
beforeAll(async () => {
  if (!inject('pgTemplate')) await templateForChild(dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('entraide decp (real command line, PGlite folder)', () => {
  // One real import through the command line (slow under load); the rest is tested in-process.
  it('imports with --json: the stable report on standard output; exit 2 when a file cannot be read', async () => {
    const r = await cli(['decp', 'import', '--json', 'tests/fixtures/decp/defects/duplicates.json', 'tests/fixtures/decp/defects/truncated.json']);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout);
    // duplicates.json: 8 records, 4 identities (see the fixture README), no flag; truncated.json: nothing kept.
    expect(report).toEqual({
      read: 8,
      imported: 4,
      merged: 4,
      rejected: 0,
      undated: 0,
      flags: {},
      errors: [{ file: 'tests/fixtures/decp/defects/truncated.json', message: expect.stringContaining('JSON invalide ou tronqué') }],
      seconds: expect.any(Number),
    });
    expect(Object.keys(report)).toEqual(['read', 'imported', 'merged', 'rejected', 'undated', 'flags', 'errors', 'seconds']);
  }, 240_000);

  it('refuses in French, and changes nothing, while another process holds the data folder', async () => {
    const listing = () => JSON.stringify(fs.readdirSync(dir, { recursive: true }).sort());
    const before = listing();
    const release = lockDataDir(dir);
    try {
      const r = await cli(['decp', 'import', '--json', 'tests/fixtures/decp/defects/bom.json']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('est déjà ouvert par un autre processus Entraide');
      expect(r.stdout).toBe('');
    } finally {
      release();
    }
    expect(listing()).toBe(before);
  }, 120_000);

  it('a usage error is explained in French with the usage text, before opening the database', async () => {
    const r = await cli(['decp', 'indicators', '--buyer', '12']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--buyer : indiquez un SIRET (14 chiffres) ou un SIREN (9 chiffres).');
    expect(r.stderr).toContain('decp import FICHIER...');
  }, 120_000);
});

/**
 * SIRENE import of a generated stock (issue 15, item 1; ADR 0021):
 *
 *   npx tsx bench/sirene.ts [--lines 2000000] [--targets pglite,postgres]
 *
 * A fictitious « Stock des unités légales » of N lines (bench/sirene-generate.ts, deterministic, kept
 * in the temporary folder for the next run) is imported by the real command line
 * (`node --import tsx src/cli/main.ts registry import-sirene FILE --json`) on PGlite (a fresh data
 * folder) and on PostgreSQL (a scratch database), each in a CHILD process whose peak RSS (VmHWM of
 * /proc/<pid>/status, sampled every 100 ms) is its own.
 *
 * Baseline, in the same run and on the same bytes: reading and parsing the CSV alone (the importer's
 * own reader, `readStock`: csv-parse and the header check, storing nothing), in a child too. The fixed
 * cost of an import (opening and migrating the database) is the import of a 1 000-line stock.
 * Not part of `npm run bench` (it would rewrite the figures of every benchmark): the figures are
 * copied by hand into docs/performance.md, section « SIRENE import ».
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { readStock } from '../src/server/organisations/sirene/read.js';
import { generateSireneStock } from './sirene-generate.js';
import { postgresVersion, scratchDatabase } from './lib.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MB = 1024 * 1024;

const vmHwm = (pid: number): number => {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
};

function child(args: string[], env: Record<string, string>): Promise<{ out: string; seconds: number; hwm: number }> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const p = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env: { ...base, LOG_LEVEL: 'silent', SEED_DEMO: 'false', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let hwm = 0;
    const timer = setInterval(() => (hwm = Math.max(hwm, vmHwm(p.pid!))), 100);
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('exit', (code) => {
      clearInterval(timer);
      const seconds = (performance.now() - t) / 1000;
      if (code === 0) resolve({ out, seconds, hwm });
      else reject(new Error(`${args.join(' ')} exited with ${code}:\n${err.slice(-3000)}${out.slice(-1000)}`));
    });
  });
}

async function stock(lines: number): Promise<string> {
  const file = path.join(os.tmpdir(), `entraide-bench-sirene-${lines}-s1.csv`);
  const done = `${file}.done`;
  if (fs.existsSync(done) && fs.existsSync(file) && fs.statSync(file).size === Number(fs.readFileSync(done, 'utf8'))) return file;
  const t = performance.now();
  const s = await generateSireneStock(file, { lines, seed: 1 });
  fs.writeFileSync(done, String(fs.statSync(file).size));
  console.error(`generated ${lines} lines (${(s.bytes / MB).toFixed(0)} MB, ${s.buyers} buyer units) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return file;
}

/** The child of the baseline: the importer's reader over the whole file, nothing stored. */
async function parseOnly(file: string) {
  let n = 0;
  for await (const batch of readStock(file, 'units', () => {})) n += batch.length;
  process.stdout.write(JSON.stringify({ read: n }));
}

async function main() {
  const { values } = parseArgs({ options: { lines: { type: 'string' }, targets: { type: 'string' }, 'parse-only': { type: 'string' } } });
  if (values['parse-only']) return parseOnly(values['parse-only']);
  const lines = Number(values.lines ?? 2_000_000);
  const targets = (values.targets ?? 'pglite,postgres').split(',');
  const file = await stock(lines);
  const small = await stock(1000);
  const size = fs.statSync(file).size;
  const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
  const rows: string[] = [];
  const line = (what: string, r: { seconds: number; hwm: number }, extra = '') =>
    rows.push(`| ${what} | ${r.seconds.toFixed(1)} s | ${Math.round(lines / r.seconds).toLocaleString('en-US')} lines/s | ${(size / MB / r.seconds).toFixed(1)} MB/s | ${(r.hwm / MB).toFixed(0)} MB | ${extra} |`);

  console.error(`load before: ${load()}`);
  const parsed = await child(['bench/sirene.ts', '--parse-only', file], {});
  line('baseline: read + parse the CSV alone (readStock)', parsed, `${JSON.parse(parsed.out).read} lines`);
  for (const target of targets) {
    let env: Record<string, string>;
    let drop = async () => {};
    if (target === 'postgres') {
      try {
        const db = await scratchDatabase('sirene');
        env = { DATABASE_URL: db.url };
        drop = db.drop;
      } catch (e) {
        console.error(`PostgreSQL skipped: ${(e as Error).message}`);
        continue;
      }
    } else {
      env = { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-bench-sirene-')) };
    }
    try {
      const fixed = await child(['src/cli/main.ts', 'registry', 'import-sirene', small, '--json'], env);
      rows.push(`| ${target}: import of a 1 000-line stock (fixed cost: open, migrate) | ${fixed.seconds.toFixed(1)} s | | | ${(fixed.hwm / MB).toFixed(0)} MB | |`);
      const r = await child(['src/cli/main.ts', 'registry', 'import-sirene', file, '--json'], env);
      const rep = JSON.parse(r.out);
      line(`${target}: registry import-sirene`, r, `${rep.kept} kept, ${rep.created} created, importer's own time ${rep.seconds} s`);
      const again = await child(['src/cli/main.ts', 'registry', 'import-sirene', file, '--json'], env);
      const rep2 = JSON.parse(again.out);
      line(`${target}: the same import again (nothing changes)`, again, `${rep2.unchanged} unchanged, ${rep2.updated} updated`);
    } finally {
      await drop();
      if (env!.DATA_DIR) fs.rmSync(env!.DATA_DIR, { recursive: true, force: true });
    }
  }
  console.error(`load after: ${load()}`);
  const pg = targets.includes('postgres') ? await postgresVersion().catch(() => '?') : '';
  process.stdout.write(
    [
      `SIRENE import, ${lines.toLocaleString('en-US')} lines (${(size / MB).toFixed(0)} MB), ${new Date().toISOString().slice(0, 16)}Z, ${os.cpus().length} cores, Node ${process.version}${pg ? `, PostgreSQL ${pg}` : ''}`,
      '',
      '| measure | time | throughput | bytes | peak RSS | notes |',
      '|---|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n'),
  );
}

await main();

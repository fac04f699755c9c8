/**
 * (e) DECP import at national scale: a generated DECP 2024 file of 1,500,000 contracts (5,000 with
 * --smoke), 5 % duplicates, 0.1 % of each defect kind; imported by the real command line
 * (`node --import tsx src/cli/main.ts decp import --json FILE`) on PostgreSQL and on PGlite, each
 * import in a CHILD process whose peak RSS (VmHWM of /proc/<pid>/status, sampled every 100 ms) is
 * its own.
 *
 * Baseline, in the same run and on the same bytes: the fair floor (bench/decp-floor.ts, a byte-level
 * record splitter aware of strings and escapes, then JSON.parse per record, storing nothing). The
 * importer's own reader and the streaming reader it replaced (issue 14) are separate lines.
 * Memory bound: the same import of a file 4 times smaller, on PostgreSQL; both peaks should match.
 * On PGlite, the RSS is reported above the idle database's own (a child that only opens it).
 * Then p50/p95 of one buyer's indicators (200 buyers drawn at random, one in four by SIREN) and of
 * the national indicators (20 times), in a child on the imported database; then the observatory's
 * likely-subject list (20 times) and the organisation page's indicators with peers (50 buyers, each
 * imported SIREN added to the registry with a kind), in another child.
 *
 * Generated files are kept in the temporary folder (same parameters ⇒ same bytes, the generator is
 * deterministic) so that a second run does not regenerate them; DECP_BENCH_CONTRACTS overrides the size
 * and DECP_BENCH_TARGETS=postgres (or pglite) runs one database only.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDecp } from '../src/server/procurement/import/generate.js';
import { postgresVersion, scratchDatabase, type BenchOptions, type Result } from './lib.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MB = 1024 * 1024;

type ChildRun = { out: string; seconds: number; hwm: number };

const vmHwm = (pid: number): number => {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0; // already gone
  }
};

/** Runs `node --import tsx ARGS` (no npx/tsx wrapper: the pid is the Node process itself). */
function child(args: string[], env: Record<string, string>): Promise<ChildRun> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.BASE_URL;
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const p = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env: { ...base, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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

async function generated(contracts: number, log: BenchOptions['log']): Promise<string> {
  const file = path.join(os.tmpdir(), `entraide-bench-decp-${contracts}-s2024-d0.001.json`);
  const done = `${file}.done`;
  if (fs.existsSync(done) && fs.existsSync(file) && fs.statSync(file).size === Number(fs.readFileSync(done, 'utf8'))) {
    log(`  reusing ${file}`);
    return file;
  }
  const t = performance.now();
  const s = await generateDecp(file, { contracts, defects: 0.001, duplicates: 0.05, seed: 2024 });
  fs.writeFileSync(done, String(fs.statSync(file).size));
  log(`  generated ${s.records.toLocaleString('en-US')} records (${(s.bytes / MB).toFixed(0)} MB, ${s.buyers} buyers) in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  return file;
}

type Import = { report: { read: number; imported: number; seconds: number }; run: ChildRun };

async function importInto(file: string, env: Record<string, string>): Promise<Import> {
  const run = await child(['src/cli/main.ts', 'decp', 'import', '--json', file], env);
  return { report: JSON.parse(run.out), run };
}

type Query = { buyers: number; contracts: number; one: { p50: number; p95: number }; national: { p50: number; p95: number } };
const query = async (env: Record<string, string>) => JSON.parse((await child(['bench/fixtures/decp-child.ts', 'query', '200'], env)).out) as Query;
type Observatory = { organisations: number; listed: number; list: { p50: number; p95: number }; page: { p50: number; p95: number } };
const observatory = async (env: Record<string, string>) => JSON.parse((await child(['bench/fixtures/decp-child.ts', 'observatory', '50'], env)).out) as Observatory;

export async function benchDecp(opts: BenchOptions): Promise<Result[]> {
  const n = opts.smoke ? 5000 : Number(process.env.DECP_BENCH_CONTRACTS || 1_500_000);
  const results: Result[] = [];
  const file = await generated(n, opts.log);
  const small = await generated(Math.round(n / 4), opts.log);
  const size = `${(n / 1e6).toLocaleString('en-US')} M contracts`;

  // The baseline is the fair floor (bench/decp-floor.ts: byte splitter + JSON.parse per record);
  // the project's reader and the streaming reader it replaced are measured as separate lines.
  const floorRun = await child(['bench/decp-floor.ts', file], {});
  const floorOut = JSON.parse(floorRun.out) as { records: number; seconds: number };
  const floorRate = floorOut.records / floorOut.seconds;
  opts.log(`  fair floor: ${floorOut.records} records in ${floorOut.seconds.toFixed(1)} s (${Math.round(floorRate)} records/s), peak RSS ${(floorRun.hwm / MB).toFixed(0)} MB, load ${os.loadavg()[0]!.toFixed(1)}`);
  const baselineRate = { label: 'fair floor (split + JSON.parse)', value: floorRate };
  const baselineTime = { label: 'fair floor (split + JSON.parse)', value: floorOut.seconds };
  const baselineRss = { label: 'fair floor (split + JSON.parse)', value: floorRun.hwm / MB };
  results.push({ bench: 'decp read', measure: `fair floor, ${size}`, value: floorRate, unit: 'records/s', note: `${floorOut.seconds.toFixed(1)} s, peak RSS ${(floorRun.hwm / MB).toFixed(0)} MB` });
  for (const [mode, label] of [
    ['parse', "the importer's reader"],
    ['encode', "the importer's reader, normaliser and COPY lines (no database)"],
    ['encode-worker', 'the same in the worker thread the import uses for large files'],
    ['parse-streaming', 'the streaming reader (before issue 14)'],
  ] as const) {
    const run = await child(['bench/fixtures/decp-child.ts', mode, file], {});
    const parsed = JSON.parse(run.out) as { records: number; seconds: number };
    opts.log(`  ${label}: ${parsed.records} records in ${parsed.seconds.toFixed(1)} s, peak RSS ${(run.hwm / MB).toFixed(0)} MB, load ${os.loadavg()[0]!.toFixed(1)}`);
    results.push({ bench: 'decp read', measure: `${label}, ${size}`, value: parsed.records / parsed.seconds, unit: 'records/s', baseline: baselineRate, note: `${parsed.seconds.toFixed(1)} s, peak RSS ${(run.hwm / MB).toFixed(0)} MB` });
  }

  const targets = (process.env.DECP_BENCH_TARGETS || 'postgres,pglite').split(',');
  const imports: { label: string; env: () => Promise<{ env: Record<string, string>; dispose: () => Promise<void> }> }[] = [];
  if (!targets.includes('postgres')) opts.log('  PostgreSQL not asked for (DECP_BENCH_TARGETS)');
  else if (await postgresVersion()) {
    imports.push({
      label: 'PostgreSQL',
      env: async () => {
        const db = await scratchDatabase('decp');
        return { env: { DATABASE_URL: db.url }, dispose: db.drop };
      },
    });
  } else opts.log('  PostgreSQL not reachable: skipped');
  if (targets.includes('pglite')) imports.push({
    label: 'PGlite',
    env: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-bench-decp-'));
      return { env: { DATA_DIR: dir, DATABASE_URL: '' }, dispose: async () => fs.rmSync(dir, { recursive: true, force: true }) };
    },
  });

  for (const target of imports) {
    const bench = `decp import (${target.label})`;
    // The memory bound first: the same import of a file 4 times smaller, in a database of its own.
    let smallRun: Import | null = null;
    if (target.label === 'PostgreSQL') {
      const s = await target.env();
      try {
        smallRun = await importInto(small, s.env);
        opts.log(`  ${target.label}, ¼ file: ${smallRun.report.read} records in ${smallRun.run.seconds.toFixed(1)} s, peak RSS ${(smallRun.run.hwm / MB).toFixed(0)} MB`);
      } finally {
        await s.dispose();
      }
    }
    const t = await target.env();
    try {
      // PGlite: a first opening creates and migrates the folder; the second one is the idle database.
      if (target.label === 'PGlite') await child(['bench/fixtures/decp-child.ts', 'idle'], t.env);
      const idle = target.label === 'PGlite' ? await child(['bench/fixtures/decp-child.ts', 'idle'], t.env) : null;
      const idleRss = idle ? (JSON.parse(idle.out) as { rss: number }).rss : 0;
      const imp = await importInto(file, t.env);
      const rate = imp.report.read / imp.report.seconds;
      opts.log(`  ${target.label}: ${imp.report.read} records in ${imp.report.seconds.toFixed(1)} s (process ${imp.run.seconds.toFixed(1)} s), peak RSS ${(imp.run.hwm / MB).toFixed(0)} MB${idle ? `, idle database ${(idleRss / MB).toFixed(0)} MB` : ''}`);
      results.push(
        { bench, measure: `throughput, ${size}`, value: rate, unit: 'records/s', baseline: baselineRate },
        { bench, measure: 'import time (command, whole file)', value: imp.report.seconds, unit: 's', baseline: baselineTime, note: `target ≤ ${target.label === 'PostgreSQL' ? 3 : 5} × the floor; load ${os.loadavg()[0]!.toFixed(1)}` },
      );
      if (idle) {
        results.push(
          { bench, measure: 'peak RSS of the importing process', value: imp.run.hwm / MB, unit: 'MB', baseline: baselineRss },
          { bench, measure: 'peak RSS above the idle opened database', value: (imp.run.hwm - idleRss) / MB, unit: 'MB', baseline: baselineRss, note: `idle ${(idleRss / MB).toFixed(0)} MB` },
        );
      } else {
        results.push({ bench, measure: 'peak RSS of the importing process', value: imp.run.hwm / MB, unit: 'MB', baseline: baselineRss, note: 'target < 250 MB' });
      }
      if (smallRun) {
        results.push({
          bench,
          measure: 'peak RSS, whole file vs ¼ file',
          value: imp.run.hwm / MB,
          unit: 'MB',
          baseline: { label: '¼ of the file', value: smallRun.run.hwm / MB },
          note: 'same memory whatever the size',
        });
      }
      const q = await query(t.env);
      opts.log(`  ${target.label}: ${q.contracts} contracts, ${q.buyers} buyers; one buyer p50 ${q.one.p50.toFixed(1)} ms p95 ${q.one.p95.toFixed(1)} ms; national p50 ${q.national.p50.toFixed(1)} ms p95 ${q.national.p95.toFixed(1)} ms`);
      results.push(
        { bench, measure: "one buyer's indicators, p95 (200 random buyers)", value: q.one.p95, unit: 'ms', note: `p50 ${q.one.p50.toFixed(1)} ms, target < 50 ms` },
        { bench, measure: 'national indicators, p95 (20 runs)', value: q.national.p95, unit: 'ms', note: `p50 ${q.national.p50.toFixed(1)} ms` },
      );
      const o = await observatory(t.env);
      opts.log(`  ${target.label}: likely-subject list p50 ${o.list.p50.toFixed(1)} ms p95 ${o.list.p95.toFixed(1)} ms (${o.listed} listed); organisation page with peers p50 ${o.page.p50.toFixed(1)} ms p95 ${o.page.p95.toFixed(1)} ms`);
      results.push(
        { bench, measure: 'likely-subject list, p95 (20 runs, no cache)', value: o.list.p95, unit: 'ms', note: `p50 ${o.list.p50.toFixed(1)} ms` },
        { bench, measure: "organisation page's indicators with peers, p95 (50 random buyers)", value: o.page.p95, unit: 'ms', note: `p50 ${o.page.p50.toFixed(1)} ms` },
      );
    } finally {
      await t.dispose();
    }
  }
  return results;
}

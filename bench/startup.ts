/**
 * (b) Time from spawn to ready of the production build, `node scripts/start.mjs` (what `npm start`
 * runs: the build's freshness check, then dist/server/start.js in the same process), on a new data
 * folder (first start: migrations, full registry seed, demo seed), then N restarts on that existing
 * folder, each timed until GET /readyz answers 200, and stopped with SIGTERM. The same restarts from
 * the sources through tsx (`npx tsx src/server/main.ts`, how `npm start` ran before issue 14) are
 * interleaved with them, for the before/after in the same run.
 *
 * Baseline, in the same run: `node bench/fixtures/bare-server.mjs`, a bare Fastify answering
 * /readyz, spawned and stopped the same way (what Node + Fastify cost by themselves).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, median, ms, postgresVersion, scratchDatabase, type BenchOptions, type Result } from './lib.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

type Started = { child: ChildProcess; readyMs: number; output: () => string };

async function startAndWait(command: string[], env: Record<string, string>, timeoutMs: number): Promise<Started> {
  const script = command.join(' ');
  const port = await freePort();
  const baseEnv = { ...process.env };
  delete baseEnv.DATABASE_URL; // PGlite in DATA_DIR, whatever the caller's environment.
  const t = performance.now();
  // Own process group, so SIGTERM reaches npx, tsx and the server together.
  const child = spawn(command[0]!, command.slice(1), {
    cwd: root,
    env: { ...baseEnv, ...env, PORT: String(port), HOST: '127.0.0.1', BASE_URL: `http://127.0.0.1:${port}` },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  let exited = false;
  child.on('exit', () => (exited = true));
  const url = `http://127.0.0.1:${port}/readyz`;
  for (;;) {
    if (exited) throw new Error(`${script} exited before being ready:\n${out.slice(-3000)}`);
    if (ms(t) > timeoutMs) {
      await stop(child);
      throw new Error(`${script} not ready after ${timeoutMs} ms:\n${out.slice(-3000)}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return { child, readyMs: ms(t), output: () => out };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** SIGTERM to the process group; resolves when every process of the group is gone. */
async function stop(child: ChildProcess): Promise<number> {
  const t = performance.now();
  const pgid = child.pid!;
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    return 0;
  }
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return ms(t); // ESRCH: the whole group has exited
    }
    if (Date.now() > deadline) {
      process.kill(-pgid, 'SIGKILL');
      throw new Error('the server did not stop within 20 s of SIGTERM');
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function benchStartup(opts: BenchOptions): Promise<Result[]> {
  const restarts = opts.smoke ? 2 : 7;
  // The build `npm start` would use, made now if missing or stale (not timed).
  const { build } = (await import(path.join(root, 'scripts', 'build.mjs'))) as { build: (which?: string[], o?: { onlyStale: boolean }) => Promise<string[]> };
  const built = await build(['server', 'web'], { onlyStale: true });
  if (built.length) opts.log(`  built first: ${built.join(', ')}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-bench-start-'));
  const appEnv = { DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development' };
  const app = [process.execPath, 'scripts/start.mjs'];
  const tsxApp = ['npx', 'tsx', '--import', './scripts/web-assets-hook.mjs', 'src/server/main.ts'];
  const bare = [process.execPath, 'bench/fixtures/bare-server.mjs'];
  try {
    // Warm the filesystem cache and tsx's transform cache for both, so the first measured spawn is not an outlier.
    const warm = await startAndWait(bare, {}, 60_000);
    await stop(warm.child);

    const first = await startAndWait(app, { ...appEnv, SEED_DEMO: 'true', DEMO_PASSWORD: 'benchmark-demo-password' }, 600_000);
    if (!/Contenu de démonstration créé/.test(first.output())) opts.log('  warning: the first start did not print the demo accounts');
    const firstStop = await stop(first.child);
    opts.log(`  first start (new folder, registry + demo seed): ${first.readyMs.toFixed(0)} ms, stop ${firstStop.toFixed(0)} ms`);

    const appTimes: number[] = [];
    const appStops: number[] = [];
    const tsxTimes: number[] = [];
    const bareTimes: number[] = [];
    const bareStops: number[] = [];
    // Interleaved, so a load change on the machine hits both sides alike.
    for (let i = 0; i < restarts; i++) {
      const a = await startAndWait(app, { ...appEnv, SEED_DEMO: 'false' }, 120_000);
      appTimes.push(a.readyMs);
      appStops.push(await stop(a.child));
      const b = await startAndWait(bare, {}, 60_000);
      bareTimes.push(b.readyMs);
      bareStops.push(await stop(b.child));
      const s = await startAndWait(tsxApp, { ...appEnv, SEED_DEMO: 'false' }, 120_000);
      tsxTimes.push(s.readyMs);
      await stop(s.child);
      opts.log(`  restart ${i + 1}/${restarts}: app ${a.readyMs.toFixed(0)} ms, bare Fastify ${b.readyMs.toFixed(0)} ms, app from the sources through tsx ${s.readyMs.toFixed(0)} ms`);
    }
    const bench = 'Start to ready (node scripts/start.mjs, built, PGlite folder)';
    const bareLabel = 'node + bare Fastify';
    const onPostgres = await startOnPostgres(opts, app, bare, restarts);
    return [
      ...onPostgres,
      { bench, measure: 'first start on a new folder (migrations, registry and demo seed)', value: first.readyMs, unit: 'ms', baseline: { label: bareLabel, value: median(bareTimes) } },
      { bench, measure: `restart on the existing folder, median of ${restarts}`, value: median(appTimes), unit: 'ms', baseline: { label: bareLabel, value: median(bareTimes) }, note: `min ${Math.min(...appTimes).toFixed(0)}, max ${Math.max(...appTimes).toFixed(0)}` },
      { bench, measure: `restart from the sources, npx tsx src/server/main.ts (before issue 14), median of ${restarts}`, value: median(tsxTimes), unit: 'ms', baseline: { label: bareLabel, value: median(bareTimes) }, note: `min ${Math.min(...tsxTimes).toFixed(0)}, max ${Math.max(...tsxTimes).toFixed(0)}` },
      { bench, measure: `SIGTERM to exit, median of ${restarts}`, value: median(appStops), unit: 'ms', baseline: { label: bareLabel, value: median(bareStops) } },
    ];
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The same restarts on PostgreSQL (issue 14 goal 4: ready < 1 s there), when a server answers at
 * BENCH_DATABASE_URL: a new database, a first start (migrations, registry, demo), then restarts
 * interleaved with the bare Fastify baseline.
 */
async function startOnPostgres(opts: BenchOptions, app: string[], bare: string[], restarts: number): Promise<Result[]> {
  if (!(await postgresVersion())) {
    opts.log('  PostgreSQL not reachable: restarts on PostgreSQL skipped');
    return [];
  }
  const database = await scratchDatabase('start');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-bench-start-pg-'));
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development', DATABASE_URL: database.url };
  try {
    const first = await startAndWait(app, { ...env, SEED_DEMO: 'true', DEMO_PASSWORD: 'benchmark-demo-password' }, 600_000);
    await stop(first.child);
    opts.log(`  PostgreSQL, first start (new database, registry + demo seed): ${first.readyMs.toFixed(0)} ms`);
    const appTimes: number[] = [];
    const bareTimes: number[] = [];
    for (let i = 0; i < restarts; i++) {
      const a = await startAndWait(app, { ...env, SEED_DEMO: 'false' }, 120_000);
      appTimes.push(a.readyMs);
      await stop(a.child);
      const b = await startAndWait(bare, {}, 60_000);
      bareTimes.push(b.readyMs);
      await stop(b.child);
      opts.log(`  PostgreSQL restart ${i + 1}/${restarts}: app ${a.readyMs.toFixed(0)} ms, bare Fastify ${b.readyMs.toFixed(0)} ms`);
    }
    const bench = 'Start to ready (node scripts/start.mjs, built, PostgreSQL)';
    const baseline = { label: 'node + bare Fastify', value: median(bareTimes) };
    return [
      { bench, measure: 'first start on a new database (migrations, registry and demo seed)', value: first.readyMs, unit: 'ms', baseline },
      { bench, measure: `restart on the existing database, median of ${restarts}`, value: median(appTimes), unit: 'ms', baseline, note: `min ${Math.min(...appTimes).toFixed(0)}, max ${Math.max(...appTimes).toFixed(0)}` },
    ];
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await database.drop();
  }
}

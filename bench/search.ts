/**
 * (c) Throughput and latency of GET /api/organisations?q=… on the seeded registry: the whole app
 * (createDeps + buildApp, as tests/helpers/context.ts does) listening on a port, over an
 * in-memory PGlite and over a fresh PostgreSQL database.
 *
 * Baseline, in the same run and with the same load generator: on PostgreSQL a bare Fastify route that
 * replays the app's own SQL for each query and answers the app's bytes (bench/sql-baseline.ts, issue
 * 14 goal 2); on PGlite a bare Fastify route answering the app's answer to the first query.
 * Load: bench/load-worker.mjs in a worker thread, 10 keep-alive connections, fixed duration.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { seedRegistry } from '../src/server/organisations/registry.js';
import { openPglite, openPostgres, type Database } from '../src/server/platform/db.js';
import { createDeps, createLogger } from '../src/server/platform/runtime.js';
import { compare, rowsOf } from './helpspace.js';
import { median, percentile, postgresVersion, scratchDatabase, type BenchOptions, type Result } from './lib.js';

const CONCURRENCY = 10;

type LoadStats = { rps: number; p50: number; p95: number; p99: number; completed: number; errors: number; statuses: Record<string, number>; bytesPerResponse: number };

/** Runs the load generator against 127.0.0.1:port for `durationMs` after `warmupMs`. */
export function runLoad(port: number, paths: string[], durationMs: number, warmupMs: number): Promise<LoadStats> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), {
      workerData: { port, paths, concurrency: CONCURRENCY, durationMs, warmupMs },
    });
    worker.once('error', reject);
    worker.once('message', (m: { latencies: number[]; statuses: Record<string, number>; bytes: number; completed: number; elapsedMs: number }) => {
      void worker.terminate();
      const errors = Object.entries(m.statuses).filter(([s]) => s !== '200').reduce((n, [, c]) => n + c, 0);
      resolve({
        rps: m.completed / (m.elapsedMs / 1000),
        p50: median(m.latencies),
        p95: percentile(m.latencies, 95),
        p99: percentile(m.latencies, 99),
        completed: m.completed,
        errors,
        statuses: m.statuses,
        bytesPerResponse: m.completed ? m.bytes / m.completed : 0,
      });
    });
  });
}

/** Search terms as people type them: no accents, abbreviations, a typo, SIRENs, a SIRET, postcodes. */
function queryMix(): string[] {
  const require = createRequire(import.meta.url);
  const communes = require('@etalab/decoupage-administratif/data/communes.json') as { code: string; siren?: string; type: string }[];
  const epci = require('@etalab/decoupage-administratif/data/epci.json') as { code: string; membres: { code: string }[] }[];
  // Taken from the départements of the test fixture (69, 2A, 971), so the smoke run finds them too.
  const sirenOf = (code: string) => communes.find((c) => c.code === code && c.type === 'commune-actuelle')?.siren;
  const lyon = sirenOf('69123');
  const ajaccio = sirenOf('2A004');
  const epciLyon = epci.find((e) => e.membres.some((m) => m.code === '69264'))?.code;
  const terms = [
    'saint etienne',
    'evry',
    lyon,
    'villeurbanne',
    '69001',
    'chateauneuf',
    'pointe a pitre',
    ajaccio,
    'montpelier', // typo: trigram tolerance
    '20000',
    'st priest',
    epciLyon,
    'ile de france',
    `${lyon}00013`, // a SIRET
    'metropole de lyon',
    '97110',
    'communaute de communes',
    '2169', // a SIREN being typed
    'bastia',
    'ste foy les lyon',
  ];
  return terms.filter((t): t is string => !!t).map((t) => `/api/organisations?q=${encodeURIComponent(t)}`);
}

/** The app over `database`, seeded, listening on a free port. */
async function startApp(database: Database, fixture: boolean, dataDir: string) {
  const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SESSION_SECRET: 'benchmark-secret-benchmark-secret!!', BASE_URL: 'http://127.0.0.1' });
  const deps = await createDeps(config, createLogger(config), database);
  const seeded = await seedRegistry(deps.db, deps.clock.now(), { fixture });
  const app = await buildApp(deps, { serveWeb: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  return {
    port,
    seeded,
    app,
    async close() {
      await app.close();
      deps.mailer.close();
      await database.close();
    },
  };
}

async function measureOn(label: string, open: () => Promise<{ database: Database; dispose: () => Promise<void>; url?: string }>, opts: BenchOptions, paths: string[]): Promise<Result[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-bench-search-'));
  const { database, dispose, url } = await open();
  let server: Awaited<ReturnType<typeof startApp>> | undefined;
  try {
    server = await startApp(database, opts.smoke, dataDir);
    opts.log(`  ${label}: ${server.seeded.organisations} organisations seeded`);
    // Every query answers 200 before it is measured; on PostgreSQL the baseline replays the app's own
    // SQL for each query and answers its bytes (bench/sql-baseline.ts), else it answers constant JSON.
    const stats = await compare(server.port, paths, opts, url ? { app: server.app, databaseUrl: url } : undefined);
    opts.log(`  ${label}: app ${stats.app.rps.toFixed(0)} req/s p50 ${stats.app.p50.toFixed(1)} ms p95 ${stats.app.p95.toFixed(1)} ms; bare ${stats.bare.rps.toFixed(0)} req/s p50 ${stats.bare.p50.toFixed(2)} ms`);
    return rowsOf(`Search GET /api/organisations?q=, ${label}`, stats);
  } finally {
    if (server) await server.close();
    else await database.close().catch(() => {});
    await dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchSearch(opts: BenchOptions): Promise<Result[]> {
  const paths = queryMix();
  opts.log(`  ${paths.length} queries, ${CONCURRENCY} connections, ${opts.smoke ? 1 : 5} s after a warm-up`);
  const results = await measureOn('PGlite (memory)', async () => ({ database: await openPglite({}), dispose: async () => {} }), opts, paths);
  const version = await postgresVersion();
  if (version) {
    results.push(
      ...(await measureOn(`PostgreSQL ${version.split(' ')[0]}`, async () => {
        const scratch = await scratchDatabase('search');
        return { database: await openPostgres(scratch.url, 10), dispose: () => scratch.drop(), url: scratch.url };
      }, opts, paths)),
    );
  } else opts.log('  PostgreSQL unreachable: skipped');
  return results;
}

/**
 * The plans of the help space's reads (issue 14 goal 2): for each path of the search and list
 * mixes (bench/helpspace.ts), the statements the application sends for it (recorded from pg during
 * one `inject`) run again under EXPLAIN (ANALYZE, BUFFERS) on the same connection, in the same
 * order; SET LOCAL and transactions are replayed as they are, so each plan is the one the request
 * gets. Prints each statement's plan and execution time, and the total per request.
 *
 *   BENCH_HELPSPACE_PG_URL=postgres://…/db npx tsx bench/helpspace-explain.ts [--plans] [--runs=N]
 *
 * The database is one filled by bench/helpspace.ts (BENCH_HELPSPACE_PG_URL, kept between runs).
 * Each path is explained --runs times (default 3, warm cache) and the best total execution is
 * reported, with the planning times apart. The statements run unnamed here, so each is planned for
 * its parameters (a custom plan); the application sends them as named prepared statements
 * (platform/db.ts rowsPrepared), whose plan PostgreSQL may keep.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openPostgres } from '../src/server/platform/db.js';
import { createDeps, createLogger } from '../src/server/platform/runtime.js';
import { recording } from './cluster-load-bare.js';
import { listMix, searchMix } from './helpspace.js';

const url = process.env.BENCH_HELPSPACE_PG_URL;
if (!url) throw new Error('BENCH_HELPSPACE_PG_URL: a database filled by bench/helpspace.ts');
const showPlans = process.argv.includes('--plans');
const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-explain-'));
const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SESSION_SECRET: 'benchmark-secret-benchmark-secret!!', BASE_URL: 'http://127.0.0.1' });
const deps = await createDeps(config, createLogger(config), await openPostgres(url, 2));
const app = await buildApp(deps, { serveWeb: false });
const client = new pg.Client({ connectionString: url, options: '-c jit=off' });
await client.connect();
const paths = [...searchMix(), ...listMix(1000)].filter((p) => !only || p.includes(only));
try {
  for (const p of paths) {
    const statements = await recording(async () => {
      const res = await app.inject({ method: 'GET', url: p });
      if (res.statusCode !== 200) throw new Error(`${p}: ${res.statusCode}`);
    });
    let best = Infinity;
    let bestPlans: string[] = [];
    let bestTimes: number[] = [];
    let bestPlanning: number[] = [];
    let bestBuffers: number[] = [];
    for (let run = 0; run < runs; run++) {
      const plans: string[] = [];
      const times: number[] = [];
      const planning: number[] = [];
      const buffers: number[] = [];
      for (const st of statements) {
        if (!/^\s*(select|with)\b/i.test(st.text)) {
          await client.query({ text: st.text, values: st.values });
          continue;
        }
        const res = await client.query({ text: `EXPLAIN (ANALYZE, BUFFERS) ${st.text}`, values: st.values });
        const plan = res.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
        plans.push(plan);
        times.push(Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN));
        planning.push(Number(/Planning Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN));
        // The top node's buffers (its children's included): what the execution read, whatever the load.
        const b = /Buffers: shared((?: \w+=\d+)+)/.exec(plan)?.[1] ?? '';
        buffers.push([...b.matchAll(/(\w+)=(\d+)/g)].reduce((n, m) => n + Number(m[2]), 0));
      }
      const total = times.reduce((a, b) => a + b, 0);
      if (total < best) [best, bestPlans, bestTimes, bestPlanning, bestBuffers] = [total, plans, times, planning, buffers];
    }
    const label = decodeURIComponent(p.replace(/^.*\?/, '').replace(/&?spaceId=[^&]+/, ''));
    console.log(`${label}: ${statements.length} statements, execution ${bestTimes.map((t) => t.toFixed(2)).join(' + ')} = ${best.toFixed(2)} ms (best of ${runs}; ${bestBuffers.reduce((a, b) => a + b, 0)} buffers; planning ${bestPlanning.map((t) => t.toFixed(2)).join(' + ')} ms, which a prepared statement's kept plan skips)`);
    if (showPlans) for (const plan of bestPlans) console.log(`${plan}\n`);
  }
} finally {
  await client.end();
  await app.close();
  deps.mailer.close();
  await deps.database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

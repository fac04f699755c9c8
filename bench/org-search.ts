/**
 * (h) Organisation search at the size of the whole registry of public buyers (issue 15): 120,000
 * organisations — the seeded communes, EPCI, départements and régions, then generated public
 * establishments, syndicats and hospitals named after real communes (as the SIRENE import adds them) —
 * searched one request at a time over HTTP, through the whole application, on PGlite and PostgreSQL.
 *
 * Baseline, same run, same database, same HTTP client: a bare Fastify route answering a lookup by SIREN
 * through the unique index (`SELECT … FROM organisations WHERE siren = $1`), the fastest honest way to
 * find one buyer. The ratio says what the ranked search costs beyond it.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { seedRegistry } from '../src/server/organisations/registry.js';
import { mergeSearchIndexes } from '../src/server/organisations/search-indexes.js';
import { openPglite, openPostgres, rows, type Database } from '../src/server/platform/db.js';
import { createDeps, createLogger } from '../src/server/platform/runtime.js';
import { median, percentile, postgresVersion, scratchDatabase, type BenchOptions, type Result } from './lib.js';

const TARGET = 120_000;
const SMOKE_TARGET = 3_000;

/** What people type (issue 15, item 3): names, abbreviations, acronyms, SIREN and SIRET, postcodes, a typo. */
const QUERIES = [
  'chu st etienne',
  'centre hospitalier lyon',
  'saint etienne',
  'ccas villeurbanne',
  'syndicat des eaux bastia',
  'metropole de lyon',
  'montpelier',
  'ste foy les lyon',
  'communaute de communes',
  '69001',
  'ajaccio',
  'ch bourg en bresse',
];

/** Adds generated buyers named after real communes until the registry holds `target` organisations. */
export async function padRegistry(database: Database, target: number): Promise<number> {
  const db = database.db;
  const [{ n }] = (await rows<{ n: string }>(db, sql`SELECT count(*) AS n FROM organisations`)) as [{ n: string }];
  const missing = target - Number(n);
  if (missing <= 0) return Number(n);
  // Deterministic: communes in name order crossed with the kinds of buyer the SIRENE import brings;
  // SIRENs from 800000000 up (no real SIREN of a public body starts with 8).
  await db.execute(sql`
    INSERT INTO organisations (siren, name, kind, population, departement_code, region_code, postcodes, source, created_at, updated_at)
    SELECT lpad((800000000 + row_number() OVER (ORDER BY g.rank, c.name, c.id))::text, 9, '0'),
           g.prefix || ' ' || c.name, g.kind, NULL, c.departement_code, c.region_code, c.postcodes, 'bench', now(), now()
    FROM (SELECT id, name, departement_code, region_code, postcodes, population FROM organisations WHERE kind = 'commune') c
    CROSS JOIN (VALUES
      (3, 'Centre communal d''action sociale de', 'etablissement_public', 0),
      (4, 'Syndicat intercommunal des eaux de', 'syndicat', 0),
      (5, 'Caisse des écoles de', 'etablissement_public', 0),
      (1, 'Centre hospitalier de', 'hopital', 10000),
      (2, 'Office public de l''habitat de', 'bailleur_social', 20000)
    ) AS g(rank, prefix, kind, min_population)
    WHERE coalesce(c.population, 0) >= g.min_population
    ORDER BY g.rank, c.name, c.id
    LIMIT ${missing}`);
  await mergeSearchIndexes(db);
  await db.execute(sql`ANALYZE organisations`);
  const [{ n: after }] = (await rows<{ n: string }>(db, sql`SELECT count(*) AS n FROM organisations`)) as [{ n: string }];
  return Number(after);
}

async function timeGet(port: number, p: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}${p}`);
  const text = await res.text();
  const elapsed = performance.now() - t;
  if (res.status !== 200) throw new Error(`${p} answered ${res.status}: ${text.slice(0, 300)}`);
  return elapsed;
}

async function measureOn(label: string, open: () => Promise<{ database: Database; dispose: () => Promise<void> }>, opts: BenchOptions): Promise<Result[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-bench-orgsearch-'));
  const { database, dispose } = await open();
  const closers: (() => Promise<unknown>)[] = [];
  try {
    const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SESSION_SECRET: 'benchmark-secret-benchmark-secret!!', BASE_URL: 'http://127.0.0.1' });
    const deps = await createDeps(config, createLogger(config), database);
    closers.push(async () => deps.mailer.close());
    await seedRegistry(deps.db, deps.clock.now(), { fixture: opts.smoke });
    const total = await padRegistry(database, opts.smoke ? SMOKE_TARGET : TARGET);
    opts.log(`  ${label}: ${total} organisations`);

    const app = await buildApp(deps, { serveWeb: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    closers.unshift(() => app.close());
    const appPort = (app.server.address() as AddressInfo).port;

    const bare = Fastify({ logger: false });
    bare.get<{ Params: { siren: string } }>('/siren/:siren', async (req) => {
      const found = await rows(deps.db, sql`SELECT id, name, siren, kind, population, departement_code, region_code, postcodes, (SELECT s.status FROM organisation_spaser_status s WHERE s.organisation_id = organisations.id) AS spaser_status
        FROM organisations WHERE siren = ${req.params.siren}`);
      return { items: found };
    });
    await bare.listen({ port: 0, host: '127.0.0.1' });
    closers.unshift(() => bare.close());
    const barePort = (bare.server.address() as AddressInfo).port;

    const sirens = (await rows<{ siren: string }>(deps.db, sql`SELECT siren FROM organisations WHERE siren IS NOT NULL ORDER BY siren LIMIT 50`)).map((r) => r.siren);
    const searchPaths = QUERIES.map((q) => `/api/organisations?q=${encodeURIComponent(q)}`);
    const sirenPaths = sirens.map((s) => `/api/organisations?q=${s}`);
    const barePaths = sirens.map((s) => `/siren/${s}`);

    // Results first (what each query finds first), then one warm-up round, then the measured rounds.
    const firsts: string[] = [];
    for (const q of QUERIES) {
      const res = (await (await fetch(`http://127.0.0.1:${appPort}/api/organisations?q=${encodeURIComponent(q)}`)).json()) as { total: number; items: { name: string }[] };
      firsts.push(`${q} → ${res.total} (${res.items[0]?.name ?? '—'})`);
    }
    opts.log(`  ${firsts.join('; ')}`);
    for (const p of [...searchPaths, ...barePaths.slice(0, 5)]) await timeGet(p.startsWith('/siren') ? barePort : appPort, p);

    const rounds = opts.smoke ? 2 : 10;
    const searchTimes: number[] = [];
    const sirenTimes: number[] = [];
    const bareTimes: number[] = [];
    for (let r = 0; r < rounds; r++) {
      // Interleaved so that a load spike on the machine hits both sides alike.
      for (let i = 0; i < searchPaths.length; i++) {
        searchTimes.push(await timeGet(appPort, searchPaths[i]!));
        const k = (r * searchPaths.length + i) % barePaths.length;
        bareTimes.push(await timeGet(barePort, barePaths[k]!));
        sirenTimes.push(await timeGet(appPort, sirenPaths[k]!));
      }
    }
    const baseline = (v: number) => ({ label: 'bare Fastify, SELECT by SIREN (unique index)', value: v });
    const bench = `Organisation search, ${total.toLocaleString('en')} organisations, ${label}`;
    opts.log(`  ${label}: search p50 ${median(searchTimes).toFixed(1)} ms p95 ${percentile(searchTimes, 95).toFixed(1)} ms; SIREN in the search ${percentile(sirenTimes, 95).toFixed(1)} ms; bare p95 ${percentile(bareTimes, 95).toFixed(2)} ms`);
    return [
      { bench, measure: `names, abbreviations, postcode (${searchTimes.length} requests, one at a time): p50`, value: median(searchTimes), unit: 'ms', baseline: baseline(median(bareTimes)) },
      { bench, measure: 'names, abbreviations, postcode: p95', value: percentile(searchTimes, 95), unit: 'ms', baseline: baseline(percentile(bareTimes, 95)) },
      { bench, measure: 'names, abbreviations, postcode: max', value: Math.max(...searchTimes), unit: 'ms' },
      { bench, measure: `SIREN typed in the search box (${sirenTimes.length} requests): p95`, value: percentile(sirenTimes, 95), unit: 'ms', baseline: baseline(percentile(bareTimes, 95)) },
    ];
  } finally {
    for (const close of closers) await close().catch(() => {});
    await database.close().catch(() => {});
    await dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchOrgSearch(opts: BenchOptions): Promise<Result[]> {
  const results = await measureOn('PGlite (memory)', async () => ({ database: await openPglite({}), dispose: async () => {} }), opts);
  const version = await postgresVersion();
  if (version) {
    results.push(
      ...(await measureOn(`PostgreSQL ${version.split(' ')[0]}`, async () => {
        const scratch = await scratchDatabase('orgsearch');
        return { database: await openPostgres(scratch.url, 10), dispose: () => scratch.drop() };
      }, opts)),
    );
  } else opts.log('  PostgreSQL unreachable: skipped');
  return results;
}

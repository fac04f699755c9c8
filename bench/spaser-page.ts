/**
 * (i) The public page of a published SPASER (issue 18, « Must show »): GET /schemas/<ref>-<slug>,
 * rendered on the server and kept in memory for 5 s (publication.routes.tsx), through the whole
 * application listening on a port, over an in-memory PGlite and over a fresh PostgreSQL database.
 *
 * The schéma is written as its editors would, through the HTTP API (a verified member logs in,
 * creates it, saves its sections, records the adoption, publishes): 5 axes, 15 objectives, 30
 * actions, 6 indicators with baselines, targets and yearly values — larger than the demo's Rennes
 * one (2 axes, 4 objectives, 3 indicators), which the demo never publishes anyway.
 *
 * Baseline, same run, same load generator (bench/load-worker.mjs in a worker thread, 10 keep-alive
 * connections): a bare Fastify 5 route answering the very bytes of the page (fetched from the app
 * first, compared byte for byte) from one Buffer, with the same content-type, cache-control and
 * ETag headers. The goal of issue 18: the page at ≥ 25 % of the baseline's requests per second.
 *
 * Three measures of the page: the cache hit (the normal case: every visitor within 5 s of the
 * first); the cache miss over HTTP (1,000 publications cycled so that none is in the cache when asked
 * again: database read, document check, render, ETag on every request); and the render alone
 * (renderPage + ETag, one call at a time, no HTTP), beside the database read alone.
 *
 * React chooses its production or development build from process.env.NODE_ENV when first loaded;
 * a production server runs with NODE_ENV=production, so the measures run in a child process with it
 * (both databases), then once more in this process with the development build (PGlite) for comparison.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import Fastify from 'fastify';
import { eq } from 'drizzle-orm';
import { TERMS_VERSION } from '../src/server/accounts/accounts.contract.js';
import { users } from '../src/server/accounts/accounts.tables.js';
import { hashPassword } from '../src/server/accounts/passwords.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { memberships, organisations } from '../src/server/organisations/organisations.tables.js';
import { openPglite, openPostgres, type Database } from '../src/server/platform/db.js';
import { projectRoot } from '../src/server/platform/paths.js';
import { createDeps, createLogger } from '../src/server/platform/runtime.js';
import { renderPage } from '../src/server/platform/ssr.js';
import * as publication from '../src/server/spaser/publication.service.js';
import { spaserPublications, spasers } from '../src/server/spaser/spaser.tables.js';
import { PublishedSpaserView, publishedSpaserKey } from '../src/web/spaser/PublishedSpaserView.js';
import { spaserLabels } from '../src/web/spaser/labels.js';
import { platformLabels } from '../src/web/platform/labels.js';
import { median, percentile, postgresVersion, scratchDatabase, type BenchOptions, type Result, httpClient } from './lib.js';

const CONCURRENCY = 10;
/** Publications cycled for the cache misses: more than twice the 500 pages the route keeps. */
const MISS_PAGES = 1_000;
const PASSWORD = 'benchmark-password-1234';

type LoadStats = { rps: number; p50: number; p99: number; completed: number; elapsedMs: number; latencies: number[]; errors: number; statuses: Record<string, number>; bytesPerResponse: number };

/** bench/load-worker.mjs against 127.0.0.1:port; `step` spreads the connections over the paths. */
function runLoad(port: number, paths: string[], durationMs: number, warmupMs: number, step = 1): Promise<LoadStats> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: { port, paths, concurrency: CONCURRENCY, durationMs, warmupMs, step } });
    worker.once('error', reject);
    worker.once('message', (m: { latencies: number[]; statuses: Record<string, number>; bytes: number; completed: number; elapsedMs: number }) => {
      void worker.terminate();
      const errors = Object.entries(m.statuses).filter(([s]) => s !== '200').reduce((n, [, c]) => n + c, 0);
      resolve({
        rps: m.completed / (m.elapsedMs / 1000),
        p50: median(m.latencies),
        p99: percentile(m.latencies, 99),
        completed: m.completed,
        elapsedMs: m.elapsedMs,
        latencies: m.latencies,
        errors,
        statuses: m.statuses,
        bytesPerResponse: m.completed ? m.bytes / m.completed : 0,
      });
    });
  });
}


/** The schéma's sections: 5 axes × 3 objectives × 2 actions, 6 indicators with figures for 2023–2026. */
function sections(orgId: string) {
  const axes = [
    ['Achats inclusifs', ['Réserver 5 % des marchés aux structures employant des travailleurs handicapés ou défavorisés', "Porter les heures d'insertion à 90 000 par an", "Acheter auprès d'entreprises solidaires d'utilité sociale"]],
    ['Achats bas carbone', ['Un critère environnemental pondéré à 15 % au moins au-delà de 40 000 € HT', 'Réduire de 20 % les émissions des flottes de véhicules', 'Des bâtiments rénovés avec des matériaux biosourcés']],
    ['Économie circulaire', ['Respecter les parts d’achats issus du réemploi fixées par la loi AGEC', 'Mobilier et informatique de réemploi', 'Moins de plastique à usage unique dans les services']],
    ['Alimentation durable', ['50 % de produits durables dont 30 % biologiques en restauration scolaire', 'Allotir pour les producteurs du bassin rennais', 'Café, thé et cacao issus du commerce équitable']],
    ['Accès des PME et dialogue avec les entreprises', ['Une rencontre acheteurs – entreprises par trimestre', 'Avances et délais de paiement raccourcis pour les PME', 'Un portail unique des consultations de la Ville']],
  ] as const;
  const owners = ['Direction de la commande publique', 'Direction des bâtiments', 'Direction de la restauration', 'Direction des espaces verts', 'Mission développement durable'];
  const statuses = ['done', 'in_progress', 'planned'] as const;
  const tagsOf = [['social_insertion', 'disadvantaged_employers'], ['ecological'], ['circular_economy'], ['fair_trade', 'ecological'], ['sme_access']] as const;
  const axesBody = axes.map(([title, objectives], a) => ({
    id: `axe-${a + 1}`,
    title,
    objectives: objectives.map((o, i) => ({
      id: `obj-${a + 1}-${i + 1}`,
      title: o,
      tags: [...tagsOf[a]!],
      actions: [1, 2].map((k) => ({
        id: `act-${a + 1}-${i + 1}-${k}`,
        title: `${k === 1 ? 'Repérer chaque année les marchés concernés' : 'Former les acheteurs et suivre les résultats'} (objectif ${a + 1}.${i + 1})`,
        owner: owners[(a + i + k) % owners.length],
        deadline: `202${5 + ((i + k) % 3)}-12-31`,
        status: statuses[(a + i + k) % statuses.length],
        tags: [tagsOf[a]![0]],
        families: k === 1 ? ['Travaux', 'Services'] : [],
      })),
    })),
  }));
  const indicator = (n: number, name: string, category: string, unit: string, objectiveId: string, base: number, target: number, v24: number, v25: number) => ({
    id: `ind-${n}`,
    name,
    category,
    unit,
    definition: `Calculé chaque année par la direction de la commande publique (indicateur ${n}).`,
    objectiveId,
    perBuyer: [{
      organisationId: orgId,
      baseline: { year: 2023, value: base, source: 'Bilan 2023' },
      targets: [{ year: 2025, value: Math.round((base + target) / 2) }, { year: 2027, value: target }],
      values: [{ year: 2024, value: v24, source: 'Bilan 2024' }, { year: 2025, value: v25, source: 'DECP' }],
    }],
  });
  return {
    preamble: "La Ville fait de ses 210 M€ d'achats annuels un outil de sa politique sociale et de son plan climat, avec des engagements chiffrés et un bilan public chaque année.",
    diagnostic: { text: "Un premier schéma (2019-2023) a installé les clauses sociales ; il n'avait pas d'indicateurs environnementaux suivis. Les achats alimentaires et les travaux sont les premiers leviers.", maturity: 4 },
    axes: axesBody,
    indicators: [
      indicator(1, 'Part des marchés réservés', 'reserved_contracts', 'pct_contracts', 'obj-1-1', 2, 5, 3, 4),
      indicator(2, "Heures d'insertion réalisées", 'insertion', 'hours', 'obj-1-2', 61_000, 90_000, 70_500, 78_200),
      indicator(3, "Achats auprès d'entreprises solidaires d'utilité sociale", 'esus', 'euros', 'obj-1-3', 650_000, 1_200_000, 780_000, 910_000),
      indicator(4, 'Part des marchés notifiés avec une considération environnementale', 'environmental_consideration', 'pct_contracts', 'obj-2-1', 38, 70, 47, 55),
      indicator(5, 'Part des achats issus du réemploi (AGEC)', 'circular_economy', 'pct_value', 'obj-3-1', 8, 20, 11, 14),
      indicator(6, 'Part des marchés attribués à des PME', 'sme_access', 'pct_contracts', 'obj-5-1', 52, 60, 54, 57),
    ],
    governance: { steeringCommittee: 'Adjoint aux finances et à la commande publique, directions acheteuses', reviewCadenceMonths: 12, monitoring: 'Tableau de bord semestriel des indicateurs.', reportingLine: 'Bilan annuel au conseil municipal, publié en ligne.' },
    stakeholders: [
      { who: 'Entreprises adaptées et ESAT du bassin rennais', how: 'Atelier de sourçage' },
      { who: 'Chambre régionale de l’économie sociale et solidaire', how: 'Rencontre annuelle' },
    ],
    publication: { url: 'https://www.rennes.example/commande-publique/spaser-2024-2027', indicatorsEveryMonths: 12 },
  };
}

/** A verified member of a new organisation (rows, as tests/helpers/context.ts writes them), logged in over HTTP. */
async function editorOver(deps: Awaited<ReturnType<typeof createDeps>>, port: number) {
  const now = deps.clock.now();
  const [org] = await deps.db
    .insert(organisations)
    .values({ name: 'Ville de Rennes', kind: 'commune', siren: '213502388', population: 227_830, regionCode: '53', departementCode: '35', postcodes: ['35000', '35200', '35700'], source: 'bench', createdAt: now, updatedAt: now })
    .returning();
  const [user] = await deps.db
    .insert(users)
    .values({ email: 'yann.le-goff@rennes.example', passwordHash: await hashPassword(PASSWORD), firstName: 'Yann', lastName: 'Le Goff', role: 'member', emailVerifiedAt: now, directoryVisibility: 'members', themes: [], availableToHelp: false, termsAcceptedAt: now, termsVersion: TERMS_VERSION, createdAt: now, updatedAt: now })
    .returning();
  await deps.db.insert(memberships).values({ userId: user!.id, organisationId: org!.id, status: 'verified', decidedVia: 'facilitator', decidedAt: now, createdAt: now });
  const agent = httpClient(port);
  await agent.must('GET', '/api/session', undefined, 200);
  await agent.must('POST', '/api/auth/login', { email: user!.email, password: PASSWORD }, 200);
  return { org: org!, user: user!, agent };
}

/** Writes, adopts and publishes the schéma through the HTTP API; returns its public path. */
async function publishOver(agent: ReturnType<typeof httpClient>, orgId: string): Promise<string> {
  const created = await agent.must('POST', '/api/spasers', { organisationId: orgId, title: 'SPASER de la Ville de Rennes 2024-2027', periodStart: 2024, periodEnd: 2027 }, 201);
  const id = created.id as string;
  for (const [section, body] of Object.entries(sections(orgId))) await agent.must('PUT', `/api/spasers/${id}/sections/${section}`, { version: 0, body }, 200);
  await agent.must('POST', `/api/spasers/${id}/adoption`, { adoptedOn: '2024-03-25', reference: 'Délibération n° 2024-0112 du conseil municipal du 25 mars 2024' }, 200);
  const published = await agent.must('POST', `/api/spasers/${id}/publication`, {}, 201);
  return published.path as string;
}

/**
 * `count` more published schémas with the same document at their own address (rows copied in SQL:
 * the route reads nothing else), so that cycling through them asks the route for pages it no longer keeps.
 */
async function clonePublications(deps: Awaited<ReturnType<typeof createDeps>>, pathOfFirst: string, count: number): Promise<string[]> {
  const ref = publication.refOf(pathOfFirst.split('/')[2]!)!;
  const [source] = await deps.db.select().from(spasers).where(eq(spasers.publicRef, ref));
  const [pub] = await deps.db.select().from(spaserPublications).where(eq(spaserPublications.spaserId, source!.id));
  const doc = pub!.document as { publication: { slug: string; path: string } };
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const refs = new Set<string>();
  // Deterministic references, all different from the first one's (which holds at least one digit or letter outside 'z2').
  for (let i = 0; refs.size < count; i++) {
    let n = i;
    let r = '';
    for (let k = 0; k < 8; k++) {
      r += alphabet[n % alphabet.length];
      n = Math.floor(n / alphabet.length);
    }
    if (r !== ref) refs.add(r);
  }
  const paths: string[] = [];
  const list = [...refs];
  for (let start = 0; start < list.length; start += 200) {
    const chunk = list.slice(start, start + 200);
    const rowsIn = await deps.db
      .insert(spasers)
      .values(chunk.map((r) => ({ ...source!, id: undefined, publicRef: r })))
      .returning({ id: spasers.id, publicRef: spasers.publicRef });
    await deps.db.insert(spaserPublications).values(
      rowsIn.map((row) => {
        const p = publication.publicPath(row.publicRef!, doc.publication.slug);
        paths.push(p);
        return { ...pub!, id: undefined, spaserId: row.id, document: { ...doc, publication: { ...doc.publication, path: p } } };
      }),
    );
  }
  return paths;
}

const ms = (t: number) => performance.now() - t;

async function measureOn(label: string, open: () => Promise<{ database: Database; dispose: () => Promise<void> }>, opts: BenchOptions): Promise<Result[]> {
  const durationMs = opts.smoke ? 1000 : 5000;
  const warmupMs = opts.smoke ? 200 : 1000;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-bench-spaserpage-'));
  const { database, dispose } = await open();
  const closers: (() => Promise<unknown>)[] = [];
  try {
    const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SESSION_SECRET: 'benchmark-secret-benchmark-secret!!', BASE_URL: 'http://127.0.0.1' });
    const deps = await createDeps(config, createLogger(config), database);
    closers.push(async () => deps.mailer.close());
    const app = await buildApp(deps, { serveWeb: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    closers.unshift(() => app.close());
    const appPort = (app.server.address() as AddressInfo).port;

    const { org, agent } = await editorOver(deps, appPort);
    const pagePath = await publishOver(agent, org.id);

    // The page as a visitor gets it: its bytes and headers are the baseline's.
    const first = await fetch(`http://127.0.0.1:${appPort}${pagePath}`);
    const html = Buffer.from(await first.arrayBuffer());
    if (first.status !== 200) throw new Error(`${pagePath} answered ${first.status}: ${html.toString().slice(0, 300)}`);
    const contentType = first.headers.get('content-type')!;
    const etag = first.headers.get('etag')!;
    const cacheControl = first.headers.get('cache-control')!;
    const text = html.toString('utf8');
    const count = (re: RegExp) => (text.match(re) ?? []).length;
    opts.log(`  ${label}: ${pagePath}, ${html.length.toLocaleString('en')} bytes of HTML (${count(/Axe \d/g)} axes, ${content(text)}), ${contentType}`);

    const missPaths = await clonePublications(deps, pagePath, MISS_PAGES);

    const bare = Fastify({ logger: false });
    bare.get(pagePath, (_req, reply) => {
      reply.header('content-type', contentType).header('cache-control', cacheControl).header('etag', etag).send(html);
    });
    await bare.listen({ port: 0, host: '127.0.0.1' });
    closers.unshift(() => bare.close());
    const barePort = (bare.server.address() as AddressInfo).port;
    const fromBare = Buffer.from(await (await fetch(`http://127.0.0.1:${barePort}${pagePath}`)).arrayBuffer());
    if (!fromBare.equals(html)) throw new Error('the bare route does not answer the same bytes as the page');
    const again = Buffer.from(await (await fetch(`http://127.0.0.1:${appPort}${pagePath}`)).arrayBuffer());
    if (!again.equals(html)) throw new Error('the page changed between two requests');
    const missFirst = await fetch(`http://127.0.0.1:${appPort}${missPaths[0]}`);
    if (missFirst.status !== 200) throw new Error(`${missPaths[0]} answered ${missFirst.status}`);
    await missFirst.arrayBuffer();

    // Short rounds, alternated, so that the load of the machine's other users (it varies from one
    // second to the next) falls on both sides alike; the figures pool every round.
    const rounds = opts.smoke ? 1 : 5;
    const roundMs = opts.smoke ? 1000 : 2500;
    const bareRuns: LoadStats[] = [];
    const hitRuns: LoadStats[] = [];
    for (let r = 0; r < rounds; r++) {
      const warm = r === 0 ? warmupMs : 500;
      bareRuns.push(await runLoad(barePort, [pagePath], roundMs, warm));
      hitRuns.push(await runLoad(appPort, [pagePath], roundMs, warm));
      opts.log(`  ${label}, round ${r + 1}: bare ${bareRuns[r]!.rps.toFixed(0)} req/s p50 ${bareRuns[r]!.p50.toFixed(2)} ms p99 ${bareRuns[r]!.p99.toFixed(2)} ms; page (cache hit) ${hitRuns[r]!.rps.toFixed(0)} req/s p50 ${hitRuns[r]!.p50.toFixed(2)} ms p99 ${hitRuns[r]!.p99.toFixed(2)} ms; ratio ${(hitRuns[r]!.rps / bareRuns[r]!.rps * 100).toFixed(0)} %`);
    }
    // Each connection its own tenth of the 1,000 addresses: an address comes back after ~1,000 other
    // misses, when the route (500 pages at most, oldest dropped first) no longer keeps it.
    const miss = await runLoad(appPort, missPaths, durationMs, warmupMs, CONCURRENCY);
    opts.log(`  ${label}: page (cache miss) ${miss.rps.toFixed(0)} req/s p50 ${miss.p50.toFixed(2)} ms p99 ${miss.p99.toFixed(2)} ms (${miss.completed} requests over ${missPaths.length} addresses)`);

    // The two halves of a miss, one call at a time in this process: the database read (and the
    // document's check), then the render and its ETag, exactly as the route makes them.
    const ref = publication.refOf(pagePath.split('/')[2]!)!;
    const iterations = opts.smoke ? 20 : 200;
    const readTimes: number[] = [];
    const renderTimes: number[] = [];
    const shell = fs.readFileSync(path.join(projectRoot, 'index.html'), 'utf8');
    const P = spaserLabels.published;
    let rendered = '';
    for (let i = 0; i < iterations + 20; i++) {
      let t = performance.now();
      const found = await publication.publicSpaser(deps, ref);
      const readMs = ms(t);
      if (found.state !== 'published') throw new Error(`publicSpaser: ${found.state}`);
      const doc = found.document;
      t = performance.now();
      rendered = await renderPage(
        shell,
        doc.publication!.path,
        { title: doc.title, description: P.description(doc.title, doc.buyers.map((b) => b.name).join(', ')), canonical: `${config.baseUrl}${doc.publication!.path}`, type: 'article', siteName: platformLabels.siteName },
        PublishedSpaserView,
        { doc },
        { key: publishedSpaserKey(ref), value: { document: doc, version: found.version } },
      );
      createHash('sha256').update(Buffer.from(rendered, 'utf8')).digest('base64url');
      const renderMs = ms(t);
      if (i >= 20) {
        readTimes.push(readMs);
        renderTimes.push(renderMs);
      }
    }
    // The same page the route serves: the measured render is the route's.
    if (rendered !== text) throw new Error('the render measured here differs from the page the route serves');
    opts.log(`  ${label}: one call at a time, database read + check p50 ${median(readTimes).toFixed(2)} ms p99 ${percentile(readTimes, 99).toFixed(2)} ms; render + ETag p50 ${median(renderTimes).toFixed(2)} ms p99 ${percentile(renderTimes, 99).toFixed(2)} ms`);

    const sum = (list: LoadStats[]) => {
      const completed = list.reduce((n, s) => n + s.completed, 0);
      const latencies = list.flatMap((s) => s.latencies);
      return {
        rps: completed / (list.reduce((n, s) => n + s.elapsedMs, 0) / 1000),
        p50: median(latencies),
        p99: percentile(latencies, 99),
        completed,
        errors: list.reduce((n, s) => n + s.errors, 0),
        statuses: list.map((s) => s.statuses),
      };
    };
    const b = sum(bareRuns);
    const h = sum(hitRuns);
    const ratios = hitRuns.map((run, r) => run.rps / bareRuns[r]!.rps);
    const spread = `rounds from ${(Math.min(...ratios) * 100).toFixed(0)} % to ${(Math.max(...ratios) * 100).toFixed(0)} % of the bare route`;
    opts.log(`  ${label}: pooled, page ${h.rps.toFixed(0)} req/s, bare ${b.rps.toFixed(0)} req/s, ratio ${(h.rps / b.rps * 100).toFixed(0)} % (${spread})`);
    const baseline = (value: number) => ({ label: 'bare Fastify, the same HTML bytes', value });
    const bench = `Public SPASER page GET /schemas/<ref>-<slug>, ${label}`;
    const errNote = (s: { errors: number; statuses: unknown }) => (s.errors ? `${s.errors} non-200 answers: ${JSON.stringify(s.statuses)}` : undefined);
    return [
      { bench, measure: `cache hit: requests per second (${h.completed} requests, ${html.length.toLocaleString('en')} bytes each, ${rounds} rounds of ${roundMs / 1000} s alternated with the baseline)`, value: h.rps, unit: 'req/s', baseline: baseline(b.rps), note: errNote(h) ?? spread },
      { bench, measure: 'cache hit: latency p50', value: h.p50, unit: 'ms', baseline: baseline(b.p50) },
      { bench, measure: 'cache hit: latency p99', value: h.p99, unit: 'ms', baseline: baseline(b.p99) },
      { bench, measure: `cache miss, render on every request: requests per second (${miss.completed} requests over ${missPaths.length} addresses)`, value: miss.rps, unit: 'req/s', baseline: baseline(b.rps), note: errNote(miss) },
      { bench, measure: 'cache miss: latency p50', value: miss.p50, unit: 'ms', baseline: baseline(b.p50) },
      { bench, measure: 'cache miss: latency p99', value: miss.p99, unit: 'ms', baseline: baseline(b.p99) },
      { bench, measure: `render + ETag alone, one call at a time (${iterations} calls): p50`, value: median(renderTimes), unit: 'ms', note: `p99 ${percentile(renderTimes, 99).toFixed(2)} ms` },
      { bench, measure: `database read + document check alone (${iterations} calls): p50`, value: median(readTimes), unit: 'ms', note: `p99 ${percentile(readTimes, 99).toFixed(2)} ms` },
    ];
  } finally {
    for (const close of closers) await close().catch(() => {});
    await database.close().catch(() => {});
    await dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** What the page shows, counted in its text: objectives and indicators. */
function content(html: string): string {
  const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  const objectives = (text.match(/ \d\.\d /g) ?? []).length;
  return `${objectives} numbered objectives, ${html.length ? (html.match(/<table/g) ?? []).length : 0} tables`;
}

const CHILD_ENV = 'ENTRAIDE_BENCH_SPASERPAGE_CHILD';
const RESULTS_MARK = '@@spaserpage-results ';

/** Both databases in this process, with whichever React build this process loaded. */
async function measureAll(opts: BenchOptions, build: string): Promise<Result[]> {
  const results = await measureOn(`PGlite (memory), ${build}`, async () => ({ database: await openPglite({}), dispose: async () => {} }), opts);
  const version = await postgresVersion();
  if (version) {
    results.push(
      ...(await measureOn(`PostgreSQL ${version.split(' ')[0]}, ${build}`, async () => {
        const scratch = await scratchDatabase('spaserpage');
        return { database: await openPostgres(scratch.url, 10), dispose: () => scratch.drop() };
      }, opts)),
    );
  } else opts.log('  PostgreSQL unreachable: skipped');
  return results;
}

/**
 * The same measures in a child process whose NODE_ENV is `production`: React picks its production
 * build from process.env.NODE_ENV when first loaded, which this process did long ago (every benchmark
 * imports the app). A production server runs with NODE_ENV=production (config.ts), so its figures are these.
 */
function inProductionChild(opts: BenchOptions): Promise<Result[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
      env: { ...process.env, NODE_ENV: 'production', [CHILD_ENV]: opts.smoke ? 'smoke' : 'full' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let results: Result[] | null = null;
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith(RESULTS_MARK)) results = JSON.parse(line.slice(RESULTS_MARK.length)) as Result[];
      else opts.log(line);
    });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 && results ? resolve(results) : reject(new Error(`the production child ended with code ${code}`))));
  });
}

export async function benchSpaserPage(opts: BenchOptions): Promise<Result[]> {
  opts.log(`  ${CONCURRENCY} connections; page and bare route in ${opts.smoke ? '1 round of 1 s' : '5 alternated rounds of 2.5 s'} each; cache misses ${opts.smoke ? 1 : 5} s over ${MISS_PAGES} publications`);
  // As a production server runs (NODE_ENV=production): the figures to read.
  const results = await inProductionChild(opts);
  // As `npm run dev` and the tests run, React's development build (checks, warnings): for comparison, PGlite only.
  if (process.env.NODE_ENV !== 'production') {
    results.push(...(await measureOn('PGlite (memory), React development build', async () => ({ database: await openPglite({}), dispose: async () => {} }), opts)));
  }
  return results;
}

if (process.env[CHILD_ENV]) {
  const smoke = process.env[CHILD_ENV] === 'smoke';
  const results = await measureAll({ smoke, log: (msg) => process.stdout.write(`${msg}\n`) }, 'React production build');
  process.stdout.write(`${RESULTS_MARK}${JSON.stringify(results)}\n`);
  // Handles left by libraries (PGlite, pg pools already ended) must not keep the process alive.
  process.exit(0);
}

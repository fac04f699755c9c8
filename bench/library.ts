/**
 * (e) The resource library: French full-text search with facets (GET /api/library/resources?q=…)
 * over 50,000 resources (1,000 with --smoke), against a bare Fastify route in the same run; and the
 * upload then text extraction of a 10 MB PDF (2 MB with --smoke).
 *
 * Data: generated with set-based SQL straight into library_resources after the migrations, so the
 * generated `search` tsvector and its GIN index are filled as when the app inserts; a third of the
 * resources carry ~1,500 characters of "extracted file text"; 80 % are public, 15 % for verified
 * members, 5 % for a named group; then ANALYZE. Requests are anonymous (public route, so every
 * query applies the visibility rule), with the load generator of bench/search.ts. Since the capped
 * scan (docs/decisions/0010), a query with more than 200 matches reports a total of 200 (`totalCapped`).
 *
 * Upload: POST /api/library/resources over real HTTP (multipart, streamed to the temporary folder,
 * type sniffed, stored, committed), three times; baseline: a bare Fastify route with
 * @fastify/multipart that streams the same file to disk. Extraction: the durable job run by the
 * queue (read from the store, pdfjs-dist, capped text, tsvector update); baseline: pdfjs-dist's
 * text extraction alone on the same bytes.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import PDFDocument from 'pdfkit';
import { users } from '../src/server/accounts/accounts.tables.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { pdfText } from '../src/server/platform/extraction/extractors.mjs';
import { createSession, newCsrfToken, sessionIdOf } from '../src/server/platform/auth.js';
import { openPglite, openPostgres, rows, type Database, type Db } from '../src/server/platform/db.js';
import { createDeps, createLogger } from '../src/server/platform/runtime.js';
import { themeKeys } from '../src/shared/fields.js';
import { compare, rowsOf } from './helpspace.js';
import { median, postgresVersion, scratchDatabase, timed, type BenchOptions, type Result } from './lib.js';

const sizes = (smoke: boolean) => (smoke ? { resources: 1_000, pdfMb: 2 } : { resources: 50_000, pdfMb: 10 });

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (values: readonly string[]) => sql.raw(`ARRAY[${values.map(lit).join(', ')}]::text[]`);
const h = (expr: string, salt: number) => sql.raw(`abs(hashint4((${expr}) * 7 + ${salt})::bigint)`);
const pick = (values: readonly string[], n: ReturnType<typeof h>) => sql`(${arr(values)})[1 + ${n} % ${sql.raw(String(values.length))}]`;

const kinds = ['guide', 'template', 'spaser_example', 'clause', 'indicator_toolbox', 'recording', 'testimony', 'summary_sheet'];
const segments = ['03', '09', '15', '18', '30', '33', '34', '39', '44', '45', '48', '50', '55', '60', '71', '72', '79', '80', '85', '90'];
const subjects = [
  'les achats responsables', "la clause d'insertion", 'les indicateurs de suivi du SPASER', 'la restauration collective',
  'les critères environnementaux', 'le bilan carbone des marchés', 'le réemploi du mobilier de bureau', 'les matériaux biosourcés',
  'la déconstruction sélective', 'le commerce équitable', 'le sourcing des fournisseurs locaux', 'le numérique responsable',
  "la performance énergétique des bâtiments", 'les marchés réservés', 'le coût global', 'la délibération du conseil',
];
const titles = ['Guide pratique sur', 'Modèle de clause pour', 'Retour d’expérience sur', 'Boîte à outils pour', 'Fiche récapitulative sur', 'Webinaire sur'];
const sentences = [
  'Nous avons intégré une clause d’insertion avec un objectif de 5 % des heures travaillées.',
  'Le facilitateur de clauses de notre territoire suit les heures chaque trimestre.',
  'Un critère de 15 % sur la performance environnementale a bien fonctionné chez nous.',
  'Les indicateurs sont publiés dans le rapport annuel du schéma.',
  'Le sourcing en amont a fait venir trois structures d’insertion nouvelles.',
  'La part de produits biologiques est passée de 12 % à 28 % en deux ans.',
  'L’allotissement géographique a permis à des PME locales de répondre.',
  'Le bilan carbone a été confié à un bureau d’études.',
  'Nous suivons le coût global plutôt que le seul prix d’achat.',
  'La délibération fixe des objectifs annuels et un comité de suivi.',
];

/** Fills library_resources in chunks; returns the time it took. */
async function generate(db: Db, n: number, log: (m: string) => void): Promise<number> {
  const t0 = performance.now();
  await db.execute(sql`INSERT INTO library_groups (id, name, created_at) VALUES ('00000000-0000-4000-8000-0000000000b1', 'Promotion de test', now())`);
  const chunk = 10_000;
  for (let from = 1; from <= n; from += chunk) {
    const to = Math.min(n, from + chunk - 1);
    const body = sql`${pick(sentences, h('g', 5))} || ' ' || ${pick(sentences, h('g', 6))} || E'\n\n' || ${pick(sentences, h('g', 7))}`;
    const filesText = sql`CASE WHEN g % 3 = 0 THEN repeat(${pick(sentences, h('g', 8))} || ' ' || ${pick(sentences, h('g', 9))} || ' ', 10) ELSE '' END`;
    await db.execute(sql`INSERT INTO library_resources (kind, status, title, summary, body, themes, segments, visibility, group_id, published_at, files_text, created_at, updated_at)
      SELECT ${pick(kinds, h('g', 1))}, 'published',
        ${pick(titles, h('g', 2))} || ' ' || ${pick(subjects, h('g', 3))} || ' (' || g || ')',
        ${pick(sentences, h('g', 4))},
        ${body},
        ARRAY[${pick(themeKeys, h('g', 10))}, ${pick(themeKeys, h('g', 11))}],
        ARRAY[${pick(segments, h('g', 12))}],
        CASE WHEN g % 20 = 0 THEN 'group' WHEN g % 20 < 4 THEN 'verified' ELSE 'public' END,
        CASE WHEN g % 20 = 0 THEN '00000000-0000-4000-8000-0000000000b1'::uuid END,
        now() - (g % 1800) * interval '1 day',
        ${filesText}, now(), now()
      FROM generate_series(${sql.raw(String(from))}, ${sql.raw(String(to))}) g`);
    log(`    resources ${to.toLocaleString('en-US')} / ${n.toLocaleString('en-US')}`);
  }
  await db.execute(sql`ANALYZE`);
  return performance.now() - t0;
}

const enc = encodeURIComponent;
/** Searches as readers type them, some with a facet filter or page 2; every answer carries the four facets. */
function searchMix(): string[] {
  const q: [string, string?][] = [
    ['achats responsables'],
    ["clause d'insertion"],
    ['indicateurs'],
    ['réemploi mobilier', 'kind=guide'],
    ['bilan carbone', 'theme=clauses_environnementales'],
    ['restauration collective', 'segment=55'],
    ['commerce equitable'],
    ['achats responsables', 'page=2'],
    ['heures insertion', 'year=2025'],
    ['délibération'],
  ];
  return q.map(([text, f]) => `/api/library/resources?q=${enc(text)}${f ? `&${f}` : ''}`);
}

/** A PDF of about `mb` MB: 40 pages of French text, then an embedded file of incompressible bytes. */
async function bigPdf(mb: number): Promise<Buffer> {
  const doc = new PDFDocument({ info: { Title: 'Document de mesure' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  for (let p = 0; p < 40; p++) {
    if (p) doc.addPage();
    doc.fontSize(11).text(Array.from({ length: 25 }, (_, i) => sentences[(p + i) % sentences.length]).join(' '));
  }
  const payload = Buffer.alloc(mb * 1024 * 1024);
  for (let i = 0; i < payload.length; i += 4) payload.writeUInt32LE((Math.imul(i, 2654435761) ^ (i >>> 7)) >>> 0, i);
  doc.file(payload, { name: 'annexe.bin', type: 'application/octet-stream' });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** POSTs the PDF as a multipart form to `url`, returning the time until the answer. */
async function upload(url: string, pdf: Buffer, headers: Record<string, string> = {}): Promise<number> {
  const form = new FormData();
  form.append('data', JSON.stringify({ kind: 'guide', title: 'Document de mesure' }));
  form.append('files', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'mesure.pdf');
  const [res, t] = await timed(() => fetch(url, { method: 'POST', body: form, headers }));
  const text = await res.text();
  if (res.status !== 201 && res.status !== 200) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return t;
}

async function uploadBench(deps: Awaited<ReturnType<typeof createDeps>>, port: number, n: ReturnType<typeof sizes>, opts: BenchOptions): Promise<Result[]> {
  const pdf = await bigPdf(n.pdfMb);
  const sizeMb = (pdf.length / 2 ** 20).toFixed(1);
  opts.log(`  upload: a ${sizeMb} MB PDF, 3 times`);
  const now = deps.clock.now();
  const [u] = await deps.db
    .insert(users)
    .values({ email: 'animation@bench.invalid', passwordHash: 'not-a-hash', firstName: 'Anne', lastName: 'Animatrice', role: 'facilitator', emailVerifiedAt: now, termsAcceptedAt: now, termsVersion: 'bench', createdAt: now, updatedAt: now })
    .returning();
  const session = await createSession(deps.db, deps.clock, { userId: u!.id, remember: false });
  const csrf = newCsrfToken(deps.config.sessionSecret, sessionIdOf(session.token));
  const headers = { cookie: `entraide_session=${session.token}; entraide_csrf=${csrf}`, 'x-csrf-token': csrf };

  // Baseline: a bare Fastify with @fastify/multipart streaming the file to disk.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-bench-bare-upload-'));
  const bare = Fastify({ logger: false });
  await bare.register(multipart, { limits: { fileSize: 64 * 2 ** 20 } });
  let k = 0;
  bare.post('/upload', async (req) => {
    for await (const part of req.parts()) if (part.type === 'file') await pipeline(part.file, fs.createWriteStream(path.join(dir, String(k++))));
    return { ok: true };
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const barePort = (bare.server.address() as AddressInfo).port;
  const bareTimes: number[] = [];
  const appTimes: number[] = [];
  const extractTimes: number[] = [];
  const rawTimes: number[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      bareTimes.push(await upload(`http://127.0.0.1:${barePort}/upload`, pdf));
      appTimes.push(await upload(`http://127.0.0.1:${port}/api/library/resources`, pdf, headers));
      const [, te] = await timed(() => deps.jobs.drain());
      extractTimes.push(te);
      const [, tr] = await timed(() => pdfText(new Uint8Array(pdf), 200_000));
      rawTimes.push(tr);
    }
  } finally {
    await bare.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const [check] = await rows<{ status: string; chars: number }>(deps.db, sql`SELECT extraction_status AS status, length(extracted_text)::int AS chars FROM library_files ORDER BY created_at DESC LIMIT 1`);
  opts.log(`  upload: app ${appTimes.map((t) => t.toFixed(0)).join(' / ')} ms, bare ${bareTimes.map((t) => t.toFixed(0)).join(' / ')} ms; extraction ${extractTimes.map((t) => t.toFixed(0)).join(' / ')} ms (${check?.status}, ${check?.chars} characters), pdfjs alone ${rawTimes.map((t) => t.toFixed(0)).join(' / ')} ms`);
  return [
    { bench: `Library upload of a ${sizeMb} MB PDF (POST /api/library/resources, multipart over HTTP)`, measure: 'time to 201, median of 3', value: median(appTimes), unit: 'ms', baseline: { label: 'bare Fastify + @fastify/multipart streaming to disk', value: median(bareTimes) } },
    { bench: `Library text extraction of that PDF (durable job)`, measure: 'job run, median of 3', value: median(extractTimes), unit: 'ms', baseline: { label: 'pdfjs-dist text extraction alone, same bytes', value: median(rawTimes) }, note: `${check?.status}, ${check?.chars?.toLocaleString('en-US')} characters indexed` },
  ];
}

async function measureOn(label: string, open: () => Promise<{ database: Database; dispose: () => Promise<void> }>, opts: BenchOptions, withUpload: boolean): Promise<Result[]> {
  const n = sizes(opts.smoke);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-bench-library-'));
  const { database, dispose } = await open();
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let deps: Awaited<ReturnType<typeof createDeps>> | undefined;
  try {
    const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SESSION_SECRET: 'benchmark-secret-benchmark-secret!!', BASE_URL: 'http://127.0.0.1', LIBRARY_MAX_FILE_MB: '64' });
    deps = await createDeps(config, createLogger(config), database);
    opts.log(`  ${label}: generating ${n.resources.toLocaleString('en-US')} resources`);
    const genMs = await generate(deps.db, n.resources, opts.log);
    const [size] = await rows<{ size: string }>(deps.db, sql`SELECT pg_size_pretty(pg_total_relation_size('library_resources')) AS size`);
    opts.log(`  ${label}: generated in ${(genMs / 1000).toFixed(1)} s, table ${size?.size}`);
    app = await buildApp(deps, { serveWeb: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    opts.log(`  ${label}: search with facets, ${searchMix().length} queries`);
    const stats = await compare(port, searchMix(), opts);
    opts.log(`  ${label}: search ${stats.app.rps.toFixed(1)} req/s p50 ${stats.app.p50.toFixed(0)} ms p95 ${stats.app.p95.toFixed(0)} ms; bare ${stats.bare.rps.toFixed(0)} req/s`);
    return [
      { bench: `Library data, ${label}`, measure: `generate ${n.resources.toLocaleString('en-US')} resources (set-based INSERT, then ANALYZE)`, value: genMs, unit: 'ms' },
      ...rowsOf(`Library search with facets GET /api/library/resources?q=, ${n.resources.toLocaleString('en-US')} resources, ${label}`, stats),
      ...(withUpload ? await uploadBench(deps, port, n, opts) : []),
    ];
  } finally {
    if (app) await app.close();
    deps?.mailer.close();
    await database.close().catch(() => {});
    await dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchLibrary(opts: BenchOptions): Promise<Result[]> {
  opts.log(`  10 connections, ${opts.smoke ? 1 : 5} s after a warm-up; anonymous requests (public route)`);
  const results = await measureOn('PGlite (memory)', async () => ({ database: await openPglite({}), dispose: async () => {} }), opts, true);
  const version = await postgresVersion();
  if (version) {
    results.push(
      ...(await measureOn(`PostgreSQL ${version.split(' ')[0]}`, async () => {
        const scratch = await scratchDatabase('library');
        return { database: await openPostgres(scratch.url, 10), dispose: () => scratch.drop() };
      }, opts, false)),
    );
  } else opts.log('  PostgreSQL unreachable: skipped');
  return results;
}

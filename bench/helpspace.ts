/**
 * (d) The help space under load: French full-text search (GET /api/help/search) and the community
 * space's question list (GET /api/help/questions), on 100,000 questions and 500,000 answers
 * (1,000 / 5,000 with --smoke), over an in-memory PGlite and over a fresh PostgreSQL database.
 *
 * Data: generated with set-based SQL (generate_series, a small French vocabulary) straight into the
 * real tables after the migrations, so that the generated `search` tsvector and every index are
 * filled exactly as when the app inserts; then ANALYZE. A few hundred members with a verified
 * membership in a few dozen organisations write everything, in the community space; themes are
 * spread, a fifth of the questions have no answer, and about one answer in seven is marked useful.
 *
 * Requests are anonymous: both routes are public (docs/decisions/0007-help-space-visibility.md),
 * and the load generator (bench/load-worker.mjs, shared with bench/search.ts) sends no cookie.
 * Anonymous readers get `author: null`, but the SQL still computes the author subquery.
 *
 * Baseline, in the same run and with the same load generator: a bare Fastify route answering a
 * constant JSON body, the app's own answer to the first request of the mix.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { COMMUNITY_SPACE_ID, postVectorSql } from '../src/server/helpspace/helpspace.tables.js';
import { answerStatsLateral, threadSearchSql } from '../src/server/helpspace/posts/question-stats.js';
import { openPglite, openPostgres, rows, type Database, type Db } from '../src/server/platform/db.js';
import { createDeps, createLogger } from '../src/server/platform/runtime.js';
import { themeKeys } from '../src/shared/fields.js';
import { median, postgresVersion, scratchDatabase, timed, type BenchOptions, type Result } from './lib.js';
import { runLoad } from './search.js';
import { captureReads, startSqlBare } from './sql-baseline.js';
import type { App } from '../src/server/platform/types.js';

const CONCURRENCY = 10;
type LoadStats = Awaited<ReturnType<typeof runLoad>>;

/** Sizes of the generated help space. */
export function sizes(smoke: boolean) {
  return smoke
    ? { questions: 1_000, answers: 5_000, members: 50, organisations: 10 }
    : { questions: 100_000, answers: 500_000, members: 400, organisations: 40 };
}

// ---------------------------------------------------------------------------------------------
// Vocabulary. Titles are "<opening> <subject> <context> ?"; each subject carries its theme, so that
// a theme filter and the words searched overlap as they would in real questions.
// ---------------------------------------------------------------------------------------------

const subjects: [string, string][] = [
  ['les achats responsables', 'gouvernance'],
  ["la clause d'insertion", 'clauses_sociales'],
  ["les heures d'insertion", 'clauses_sociales'],
  ['les indicateurs de suivi du SPASER', 'indicateurs'],
  ['le schéma de promotion des achats socialement et écologiquement responsables', 'gouvernance'],
  ['la restauration collective', 'alimentation'],
  ['les produits biologiques et durables en cantine', 'alimentation'],
  ['les critères environnementaux', 'clauses_environnementales'],
  ['le bilan carbone des marchés', 'clauses_environnementales'],
  ['le réemploi du mobilier de bureau', 'economie_circulaire'],
  ['les matériaux biosourcés', 'travaux'],
  ['la déconstruction sélective', 'travaux'],
  ['le commerce équitable', 'commerce_equitable'],
  ['le sourcing des fournisseurs locaux', 'parties_prenantes'],
  ["les structures d'insertion par l'activité économique", 'parties_prenantes'],
  ['le numérique responsable', 'numerique'],
  ['le reconditionnement des ordinateurs', 'numerique'],
  ["la performance énergétique des bâtiments", 'energie'],
  ["l'achat d'électricité verte", 'energie'],
  ["l'allotissement", 'autre'],
  ['les marchés réservés', 'clauses_sociales'],
  ['le coût global', 'clauses_environnementales'],
  ['la délibération du conseil', 'gouvernance'],
  ['le rapport annuel', 'indicateurs'],
];
const openings = [
  'Comment mesurer',
  'Comment rédiger',
  'Comment suivre',
  'Quelle méthode pour',
  "Retour d'expérience sur",
  'Qui a déjà mis en place',
  'Quels indicateurs pour',
  'Comment valoriser',
  'Faut-il imposer',
  'Comment convaincre les élus sur',
];
const contexts = [
  'dans un marché de travaux',
  'pour une petite commune',
  'en groupement de commandes',
  'dans un accord-cadre à bons de commande',
  'pour la restauration scolaire',
  "avec un facilitateur de clauses",
  'dans une intercommunalité',
  'pour un marché de nettoyage',
  'dans un marché de fournitures',
  'avant le renouvellement du marché',
  'dans un département rural',
  'pour un bailleur social',
];
const questionSentences = [
  'Nous préparons le renouvellement de notre SPASER et cherchons des exemples concrets.',
  "Nos acheteurs manquent de temps pour suivre les heures d'insertion réalisées par les titulaires.",
  'Le service juridique craint un risque de contentieux sur ce critère.',
  'Quels indicateurs utilisez-vous pour le rapport annuel présenté au conseil ?',
  'Nous avons peu de réponses des entreprises locales aux consultations.',
  'La direction des finances demande une estimation du surcoût.',
  "L'objectif de la délibération est de porter la part d'achats responsables à 30 %.",
  "Comment avez-vous associé les structures d'insertion au sourcing ?",
  'Avez-vous des clauses types à partager ?',
  'Le marché actuel arrive à échéance dans six mois.',
  'Les élus souhaitent un bilan chiffré de la démarche.',
  'Nous hésitons entre une condition d’exécution et un critère d’attribution.',
  "La clause d'insertion a été peu appliquée sur le précédent marché.",
  'Nous voulons mesurer les émissions de gaz à effet de serre de nos achats.',
  'Le réemploi est encore marginal dans nos marchés de mobilier.',
];
const answerSentences = [
  'Nous avons intégré une clause d’insertion avec un objectif de 5 % des heures travaillées.',
  'Le facilitateur de clauses de notre territoire suit les heures chaque trimestre.',
  'Un critère de 15 % sur la performance environnementale a bien fonctionné chez nous.',
  'Nous publions les indicateurs dans le rapport annuel du SPASER.',
  'Le sourcing en amont a fait venir trois structures d’insertion nouvelles.',
  'Attention à bien justifier le lien avec l’objet du marché.',
  'Nous suivons le coût global plutôt que le seul prix d’achat.',
  'La part de produits biologiques est passée de 12 % à 28 % en deux ans.',
  'Un marché réservé aux entreprises adaptées a été attribué sans difficulté.',
  'Je vous envoie notre grille d’analyse des offres en message privé.',
  'Les achats responsables représentent désormais 40 % de nos marchés notifiés.',
  'Le bilan carbone a été confié à un bureau d’études, pour environ 20 000 euros.',
  'L’allotissement géographique a permis à des PME locales de répondre.',
  'Nous avons commencé par un marché de fournitures de bureau reconditionnées.',
  'Notre délibération fixe des objectifs annuels et un comité de suivi.',
  'Le commerce équitable concerne surtout le café et le thé dans nos achats.',
];
const tags = ['spaser', 'insertion', 'rse', 'cantine', 'carbone', 'reemploi', 'sourcing', 'juridique', 'pme', 'rapport-annuel'];
const firstNames = ['Camille', 'Léa', 'Hugo', 'Nadia', 'Julien', 'Sophie', 'Karim', 'Élodie', 'Thomas', 'Inès', 'Marc', 'Claire', 'Yann', 'Aurélie', 'Paul', 'Fatou'];
const lastNames = ['Martin', 'Bernard', 'Dubois', 'Moreau', 'Lefèvre', 'Garnier', 'Roux', 'Fontaine', 'Chevalier', 'Perrin', 'Morel', 'Girard', 'Benali', 'Diallo'];
const orgKinds = ['commune', 'epci', 'departement', 'region', 'hopital', 'bailleur_social'];

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** A static text[] literal (our own vocabulary only), for picking with arr[1 + n % len]. */
const arr = (values: string[]) => sql.raw(`ARRAY[${values.map(lit).join(', ')}]::text[]`);
/** A deterministic pseudo-random non-negative integer from an integer expression and a salt. */
const h = (expr: string, salt: number) => sql.raw(`abs(hashint4((${expr}) * 7 + ${salt})::bigint)`);
/** Element n (0-based, any non-negative integer expression) of a text[] of `len` elements. */
const pick = (values: string[], n: ReturnType<typeof h>) => sql`(${arr(values)})[1 + ${n} % ${sql.raw(String(values.length))}]`;
/** Deterministic ids, so that answers can point at their question without a join. */
const qid = (expr: string) => sql.raw(`md5('q' || (${expr}))::uuid`);
const uid = (expr: string) => sql.raw(`md5('u' || (${expr}))::uuid`);
const community = sql.raw(`${lit(COMMUNITY_SPACE_ID)}::uuid`);
const oid = (expr: string) => sql.raw(`md5('o' || (${expr}))::uuid`);

/**
 * Fills the help space: organisations, members (verified memberships), questions, answers; in
 * chunks so that progress shows and no statement holds the whole set. Returns the timings.
 */
export async function generateHelpspace(db: Db, n: ReturnType<typeof sizes>, log: (m: string) => void) {
  const exec = (q: ReturnType<typeof sql>) => db.execute(q);
  const t0 = performance.now();
  await exec(sql`INSERT INTO organisations (id, name, kind, source, created_at, updated_at)
    SELECT ${oid('g')}, 'Organisation de test ' || g, ${pick(orgKinds, h('g', 1))}, 'bench', now(), now()
    FROM generate_series(1, ${sql.raw(String(n.organisations))}) g`);
  await exec(sql`INSERT INTO users (id, email, password_hash, email_verified_at, first_name, last_name, terms_accepted_at, terms_version, created_at, updated_at)
    SELECT ${uid('g')}, 'membre' || g || '@bench.invalid', 'not-a-hash', now(), ${pick(firstNames, h('g', 2))}, ${pick(lastNames, h('g', 3))},
      now(), 'bench', now() - interval '4 years', now()
    FROM generate_series(1, ${sql.raw(String(n.members))}) g`);
  await exec(sql`INSERT INTO memberships (user_id, organisation_id, status, decided_via, decided_at, created_at)
    SELECT ${uid('g')}, ${oid(`1 + g % ${n.organisations}`)}, 'verified', 'facilitator', now(), now() - interval '4 years'
    FROM generate_series(1, ${sql.raw(String(n.members))}) g`);

  // Question g is created at base + g × step (newest last), so answers can compute its date too.
  const span = 3 * 365 * 24 * 3600; // seconds, questions spread over three years
  const step = Math.floor(span / n.questions);
  const base = sql.raw(`(now() - interval '${span + 7 * 24 * 3600} seconds')`);
  const qCreated = (expr: string) => sql`${base} + (${sql.raw(expr)}) * interval '${sql.raw(String(step))} seconds'`;
  const chunk = 25_000;

  // Answers first (question_id is a plain column), so that each question is inserted with its
  // denormalised columns (answer count, solved, thread vector) computed from its answers by the
  // app's own rule (posts/question-stats.ts), in the same INSERT: no second write of every question.
  // Answer j belongs to a pseudo-random question, never one whose number is a multiple of 5 (those
  // stay unanswered); one answer in seven is marked useful by the question's author.
  const ta = performance.now();
  const qOf = `(1 + abs(hashint4(j)::bigint) % ${n.questions})::int`;
  const answered = `(${qOf} - CASE WHEN ${qOf} % 5 = 0 THEN 1 ELSE 0 END)`;
  for (let from = 1; from <= n.answers; from += chunk) {
    const to = Math.min(n.answers, from + chunk - 1);
    await exec(sql`INSERT INTO help_posts (kind, space_id, question_id, author_id, body, created_at, useful_at, useful_by)
      SELECT 'answer', ${community}, ${qid('qn')}, ${uid(`1 + (qn + 1 + j % 17) % ${n.members}`)},
        ${pick(answerSentences, h('j', 21))} || ' ' || ${pick(answerSentences, h('j', 22))} || ' ' || ${pick(answerSentences, h('j', 23))},
        ${qCreated('qn')} + (1 + j % 240) * interval '1 hour',
        CASE WHEN j % 7 = 0 THEN ${qCreated('qn')} + interval '12 days' END,
        CASE WHEN j % 7 = 0 THEN ${uid(`1 + qn % ${n.members}`)} END
      FROM (SELECT j, ${sql.raw(answered)} AS qn FROM generate_series(${sql.raw(String(from))}, ${sql.raw(String(to))}) j) s`);
    log(`    answers ${to.toLocaleString('en-US')} / ${n.answers.toLocaleString('en-US')}`);
  }
  const answersMs = performance.now() - ta;

  const tq = performance.now();
  for (let from = 1; from <= n.questions; from += chunk) {
    const to = Math.min(n.questions, from + chunk - 1);
    const subject = sql`${h('g', 10)} % ${sql.raw(String(subjects.length))}`;
    await exec(sql`INSERT INTO help_posts (id, kind, space_id, question_id, author_id, title, theme, tags, body, created_at, answer_count, solved_at, thread_search)
      SELECT x.id, 'question', ${community}, x.id, x.author_id, x.title, x.theme, x.tags, x.body, x.created_at,
        coalesce(s.n, 0), s.solved_at, ${threadSearchSql(postVectorSql(sql`x.title`, sql`x.body`))}
      FROM (SELECT ${qid('g')} AS id, ${uid(`1 + g % ${n.members}`)} AS author_id,
          ${pick(openings, h('g', 11))} || ' ' || (${arr(subjects.map((s) => s[0]))})[1 + ${subject}] || ' ' || ${pick(contexts, h('g', 12))} || ' ?' AS title,
          (${arr(subjects.map((s) => s[1]))})[1 + ${subject}] AS theme,
          ARRAY[${pick(tags, h('g', 13))}, ${pick(tags, h('g', 14))}] AS tags,
          ${pick(questionSentences, h('g', 15))} || ' ' || ${pick(questionSentences, h('g', 16))} || E'\n\n' || ${pick(questionSentences, h('g', 17))} AS body,
          ${qCreated('g')} AS created_at
        FROM generate_series(${sql.raw(String(from))}, ${sql.raw(String(to))}) g) x
      LEFT JOIN ${answerStatsLateral(sql`x.id`)} ON true`);
    log(`    questions ${to.toLocaleString('en-US')} / ${n.questions.toLocaleString('en-US')}`);
  }
  const questionsMs = performance.now() - tq;
  const [, analyzeMs] = await timed(() => exec(sql`VACUUM ANALYZE`));
  return { totalMs: performance.now() - t0, questionsMs, answersMs, analyzeMs };
}

const space = `spaceId=${COMMUNITY_SPACE_ID}`;
const enc = encodeURIComponent;

/** Searches as members type them, some with filters (theme, solved, kind of organisation, page 2). */
export function searchMix(): string[] {
  const queries: [string, string?][] = [
    ['achats responsables'],
    ["clause d'insertion"],
    ['indicateurs'],
    ["heures d'insertion", 'solved=true'],
    ['bilan carbone', 'theme=clauses_environnementales'],
    ['réemploi mobilier'],
    ['commerce equitable'],
    ['restauration collective', 'theme=alimentation'],
    ['achats responsables', 'page=2'],
    ['indicateurs rapport annuel', 'organisationKind=commune'],
    ['marchés réservés'],
    ['allotissement PME', 'solved=false'],
  ];
  return queries.map(([q, f]) => `/api/help/search?q=${enc(q)}&${space}${f ? `&${f}` : ''}`);
}

/** The community space's list: recent and unanswered, first page and a deep one. */
export function listMix(deepPage: number): string[] {
  return [
    `/api/help/questions?${space}&sort=recent&page=1`,
    `/api/help/questions?${space}&sort=unanswered&page=1`,
    `/api/help/questions?${space}&sort=recent&page=${deepPage}`,
    `/api/help/questions?${space}&sort=unanswered&page=${deepPage}`,
  ];
}

export async function startBare(body: string) {
  const bare = Fastify({ logger: false });
  bare.get('/*', async (_req, reply) => reply.type('application/json; charset=utf-8').send(body));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  return { port: (bare.server.address() as AddressInfo).port, close: () => bare.close() };
}

/**
 * fetch, retried: after a long load phase, fetch may reuse a keep-alive socket the server has just
 * closed (Node's keepAliveTimeout) and fail with "other side closed".
 */
async function getOnce(url: string): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url);
    } catch (e) {
      if (attempt >= 3) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/**
 * Checks every path answers 200 (logging its total), then loads the bare baseline, then the app.
 * With `sql` (PostgreSQL), the baseline is a bare route replaying the application's own SQL for
 * each path and answering its bytes (bench/sql-baseline.ts, issue 14 goal 2); else a bare route
 * answering the first path's body without any SQL.
 */
export async function compare(
  port: number,
  paths: string[],
  opts: BenchOptions,
  sqlBase?: { app: App; databaseUrl: string },
): Promise<{ app: LoadStats; bare: LoadStats; alone: number[]; baseline: string }> {
  const durationMs = opts.smoke ? 1000 : 5000;
  const warmupMs = opts.smoke ? 200 : 1000;
  const sample: string[] = [];
  let first = '';
  const alone: number[] = [];
  for (const p of paths) {
    const [res, t] = await timed(() => getOnce(`http://127.0.0.1:${port}${p}`));
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${p} answered ${res.status}: ${text.slice(0, 300)}`);
    first ||= text;
    alone.push(t);
    const body = JSON.parse(text) as { total: number; items: unknown[] };
    sample.push(`${decodeURIComponent(p.replace(/^.*\?/, '').replace(`${space}&`, '').replace(`&${space}`, ''))} → ${body.total} (${body.items.length} shown, ${t.toFixed(0)} ms alone)`);
  }
  opts.log(`    ${sample.join('\n    ')}`);
  const captured = sqlBase ? await captureReads(sqlBase.app, paths) : null;
  if (captured) opts.log(`    statements per request: ${paths.map((p) => captured.get(p)?.statements.length).join(', ')}`);
  const bare = captured ? await startSqlBare(sqlBase!.databaseUrl, captured) : await startBare(first);
  let bareStats: LoadStats;
  try {
    bareStats = await runLoad(bare.port, paths, durationMs, warmupMs);
  } finally {
    await bare.close();
  }
  const appStats = await runLoad(port, paths, durationMs, warmupMs);
  return { app: appStats, bare: bareStats, alone, baseline: captured ? 'bare Fastify + pg, same SQL, same bytes' : 'bare Fastify, constant JSON' };
}

export function rowsOf(bench: string, s: { app: LoadStats; bare: LoadStats; alone: number[]; baseline: string }): Result[] {
  const { app, bare, alone, baseline: label } = s;
  const errNote = app.errors
    ? `${app.errors} non-200 answers: ${JSON.stringify(app.statuses)}`
    : app.completed === 0
      ? 'none completed within the window: at 10 connections each request waits longer than the measured seconds'
      : undefined;
  return [
    {
      bench,
      measure: `one request at a time, median of the ${alone.length} requests of the mix (max ${Math.round(Math.max(...alone)).toLocaleString('en-US')} ms)`,
      value: median(alone),
      unit: 'ms',
    },
    { bench, measure: `requests per second (${app.completed} requests)`, value: app.rps, unit: 'req/s', baseline: { label, value: bare.rps }, note: errNote },
    { bench, measure: 'latency p50', value: app.p50, unit: 'ms', baseline: { label, value: bare.p50 } },
    { bench, measure: 'latency p95', value: app.p95, unit: 'ms', baseline: { label, value: bare.p95 } },
    { bench, measure: 'latency p99', value: app.p99, unit: 'ms', baseline: { label, value: bare.p99 } },
  ];
}

async function measureOn(
  label: string,
  open: () => Promise<{ database: Database; dispose: () => Promise<void>; url?: string }>,
  opts: BenchOptions,
  reused?: string,
): Promise<Result[]> {
  const n = sizes(opts.smoke);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-bench-helpspace-'));
  const { database, dispose, url } = await open();
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let deps: Awaited<ReturnType<typeof createDeps>> | undefined;
  try {
    const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SESSION_SECRET: 'benchmark-secret-benchmark-secret!!', BASE_URL: 'http://127.0.0.1' });
    deps = await createDeps(config, createLogger(config), database);
    // A kept database (BENCH_HELPSPACE_PG_URL) is filled on its first run only.
    const filled = reused ? (await rows<{ n: number }>(deps.db, sql`SELECT count(*)::int AS n FROM help_posts`))[0]!.n > 0 : false;
    const gen = filled
      ? null
      : (opts.log(`  ${label}: generating ${n.questions.toLocaleString('en-US')} questions and ${n.answers.toLocaleString('en-US')} answers`),
        await generateHelpspace(deps.db, n, opts.log));
    const [counts] = await rows<{ questions: number; answers: number; unanswered: number; solved: number; size: string }>(
      deps.db,
      sql`SELECT count(*) FILTER (WHERE kind = 'question')::int AS questions, count(*) FILTER (WHERE kind = 'answer')::int AS answers,
            count(*) FILTER (WHERE kind = 'question' AND NOT EXISTS (SELECT 1 FROM help_posts a WHERE a.question_id = q.id AND a.kind = 'answer'))::int AS unanswered,
            count(DISTINCT question_id) FILTER (WHERE useful_at IS NOT NULL)::int AS solved,
            pg_size_pretty(pg_total_relation_size('help_posts')) AS size
          FROM help_posts q`,
    );
    opts.log(
      gen
        ? `  ${label}: ${JSON.stringify(counts)}; generated in ${(gen.totalMs / 1000).toFixed(1)} s (questions ${(gen.questionsMs / 1000).toFixed(1)} s, answers ${(gen.answersMs / 1000).toFixed(1)} s, VACUUM ANALYZE ${(gen.analyzeMs / 1000).toFixed(1)} s)`
        : `  ${label}: ${JSON.stringify(counts)}; data generated beforehand in ${reused}`,
    );

    app = await buildApp(deps, { serveWeb: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;

    // The deepest page the API accepts (1000) when there are that many; else the last page.
    const deepPage = Math.min(1000, Math.max(2, Math.floor((counts?.unanswered ?? 40) / 20)));
    opts.log(`  ${label}: search, ${searchMix().length} queries (total results, and time of each request made alone)`);
    const sqlBase = url ? { app, databaseUrl: url } : undefined;
    const searchStats = await compare(port, searchMix(), opts, sqlBase);
    opts.log(`  ${label}: search ${searchStats.app.rps.toFixed(1)} req/s p50 ${searchStats.app.p50.toFixed(0)} ms p95 ${searchStats.app.p95.toFixed(0)} ms; bare ${searchStats.bare.rps.toFixed(0)} req/s`);
    opts.log(`  ${label}: list, pages 1 and ${deepPage}`);
    const listStats = await compare(port, listMix(deepPage), opts, sqlBase);
    opts.log(`  ${label}: list ${listStats.app.rps.toFixed(1)} req/s p50 ${listStats.app.p50.toFixed(0)} ms p95 ${listStats.app.p95.toFixed(0)} ms; bare ${listStats.bare.rps.toFixed(0)} req/s`);

    const sizeNote = `${n.questions.toLocaleString('en-US')} questions + ${n.answers.toLocaleString('en-US')} answers`;
    return [
      ...(gen ? [{ bench: `Help space data, ${label}`, measure: `generate ${sizeNote} (set-based INSERT … generate_series, answers then questions with their counts, then VACUUM ANALYZE)`, value: gen.totalMs, unit: 'ms' }] : []),
      ...rowsOf(`Help search GET /api/help/search?q=, ${label}`, searchStats),
      ...rowsOf(`Help question list GET /api/help/questions (pages 1 and ${deepPage}), ${label}`, listStats),
    ];
  } finally {
    if (app) await app.close();
    deps?.mailer.close();
    await database.close().catch(() => {});
    await dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchHelpspace(opts: BenchOptions): Promise<Result[]> {
  opts.log(`  themes: ${themeKeys.length}; ${CONCURRENCY} connections, ${opts.smoke ? 1 : 5} s after a warm-up; anonymous requests (public routes)`);
  // BENCH_HELPSPACE_ONLY=pglite or =postgres runs one of the two (e.g. in two processes).
  const only = process.env.BENCH_HELPSPACE_ONLY;
  // BENCH_HELPSPACE_PGLITE_DIR: a PGlite folder already filled by generateHelpspace (and migrated),
  // measured as it is — generating 600,000 posts in PGlite takes 6 to 30 minutes depending on load.
  const dir = process.env.BENCH_HELPSPACE_PGLITE_DIR;
  const results =
    only === 'postgres'
      ? []
      : dir
        ? await measureOn('PGlite (folder)', async () => ({ database: await openPglite({ dataDir: dir }), dispose: async () => {} }), opts, dir)
        : await measureOn('PGlite (memory)', async () => ({ database: await openPglite({}), dispose: async () => {} }), opts);
  const version = only === 'pglite' ? null : await postgresVersion();
  // BENCH_HELPSPACE_PG_URL: a PostgreSQL database kept between runs, filled by generateHelpspace on
  // the first (2 to 12 minutes depending on load), measured as it is afterwards; never dropped.
  const keptPg = process.env.BENCH_HELPSPACE_PG_URL;
  if (version && keptPg) {
    results.push(
      ...(await measureOn(`PostgreSQL ${version.split(' ')[0]} (kept database)`, async () => ({ database: await openPostgres(keptPg, 10), dispose: async () => {}, url: keptPg }), opts, keptPg)),
    );
  } else if (version) {
    results.push(
      ...(await measureOn(`PostgreSQL ${version.split(' ')[0]}`, async () => {
        const scratch = await scratchDatabase('helpspace');
        return { database: await openPostgres(scratch.url, 10), dispose: () => scratch.drop(), url: scratch.url };
      }, opts)),
    );
  } else opts.log('  PostgreSQL unreachable: skipped');
  return results;
}

/**
 * (j) Peer suggestions (issue 20, item 4): « who can help me » for one member among 10,000 members of
 * 2,000 organisations, on PGlite and PostgreSQL, one request at a time, through the service.
 *
 * The community is generated deterministically: 2,000 communes with a SIREN in the 13 metropolitan
 * régions, 5 visible, verified members each; three years of marchés per organisation (profiles and
 * indicator counts as the DECP import keeps them); a SPASER declared by one organisation in five;
 * 4,000 useful answers in the community space on the twelve themes.
 *
 * Baseline, same run, same database, same process: the bare query of the member's own profile (their
 * user row joined to their verified organisation by primary and foreign keys), the fastest honest
 * read about that member. The ratio says what ranking the whole community costs beyond it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/server/config.js';
import { COMMUNITY_SPACE_ID } from '../src/server/helpspace/helpspace.tables.js';
import { seedRegistry } from '../src/server/organisations/registry.js';
import { applyPendingPeerFacts } from '../src/server/peers/peer-facts.js';
import { suggestPeers } from '../src/server/peers/peers.service.js';
import { openPglite, openPostgres, rows, type Database } from '../src/server/platform/db.js';
import { createDeps, createLogger } from '../src/server/platform/runtime.js';
import { themeKeys } from '../src/shared/fields.js';
import { median, percentile, postgresVersion, scratchDatabase, type BenchOptions, type Result } from './lib.js';

const REGIONS: [string, string][] = [
  ['84', '69'], ['53', '29'], ['52', '44'], ['11', '75'], ['75', '33'], ['76', '31'], ['44', '67'],
  ['32', '59'], ['27', '21'], ['24', '45'], ['28', '76'], ['93', '13'], ['94', '2A'],
];

export async function seedCommunity(database: Database, orgCount: number, membersPerOrg: number) {
  const db = database.db;
  const regions = sql.join(REGIONS.map(([r, d], i) => sql`(${i}::int, ${r}::text, ${d}::text)`), sql`, `);
  await db.execute(sql`
    INSERT INTO organisations (siren, name, kind, region_code, departement_code, source, created_at, updated_at)
    SELECT lpad((900000000 + g)::text, 9, '0'), 'Commune générée ' || g, 'commune', r.region, r.dep, 'bench', now(), now()
    FROM generate_series(1, ${orgCount}) g JOIN (VALUES ${regions}) AS r(i, region, dep) ON r.i = g % ${REGIONS.length}`);
  // Yearly notified amounts spread over the bands (0.5 to ~60 M€), three years.
  await db.execute(sql`
    INSERT INTO decp_siren_years (buyer_siren, year, notified_amount, notified_contracts, notified_excluded, annualised_amount, annualised_contracts, annualised_excluded, missing_duration)
    SELECT o.siren, y, ((hashtext(o.siren || y) & 65535) * 900)::float8 + 500000, 10 + (hashtext(o.siren) & 31), 0, 0, 0, 0, 0
    FROM organisations o CROSS JOIN generate_series(2022, 2024) y WHERE o.source = 'bench'`);
  await db.execute(sql`
    INSERT INTO decp_buyer_years (buyer_siret, buyer_siren, kind, year, contracts, social_positive, social_negative, social_unknown,
      environmental_positive, environmental_negative, environmental_unknown, amount_total, amount_excluded)
    SELECT o.siren || '00011', o.siren, 'marche', y, 10 + (hashtext(o.siren) & 31), (hashtext(o.siren || 's' || y) & 7), 0, 0,
      (hashtext(o.siren || 'e' || y) & 7), 0, 0, 1000000, 0
    FROM organisations o CROSS JOIN generate_series(2022, 2024) y WHERE o.source = 'bench'`);
  await db.execute(sql`
    INSERT INTO users (email, password_hash, first_name, last_name, job_title, region_code, themes, available_to_help, directory_visibility,
      terms_accepted_at, terms_version, email_verified_at, last_seen_at, created_at, updated_at)
    SELECT 'membre' || o.n || '-' || k || '@bench.example', 'x', 'Membre', 'Généré ' || o.n || '-' || k, 'Acheteur', o.region_code,
      ARRAY[(${sql.raw(`ARRAY[${themeKeys.map((t) => `'${t}'`).join(',')}]`)})[1 + (o.n + k) % ${themeKeys.length}]],
      (o.n + k) % 3 = 0, 'members', now(), 'bench', now(), now() - ((o.n * k) % 120) * interval '1 day', now(), now()
    FROM (SELECT id, region_code, row_number() OVER (ORDER BY siren) AS n FROM organisations WHERE source = 'bench') o
    CROSS JOIN generate_series(1, ${membersPerOrg}) k`);
  await db.execute(sql`
    INSERT INTO memberships (user_id, organisation_id, status, decided_via, decided_at, created_at)
    SELECT u.id, o.id, 'verified', 'facilitator', now(), now()
    FROM users u JOIN (SELECT id, row_number() OVER (ORDER BY siren) AS n FROM organisations WHERE source = 'bench') o
      ON u.email LIKE 'membre' || o.n || '-%@bench.example'`);
  await db.execute(sql`
    INSERT INTO spaser_declarations (organisation_id, url, adopted_on, declared_at)
    SELECT id, 'https://example.org/spaser.pdf', DATE '2023-01-01' + (hashtext(siren) & 511), now()
    FROM organisations WHERE source = 'bench' AND hashtext(siren) % 5 = 0`);
  // 2,000 questions and two useful answers each, by members spread over the community.
  await db.execute(sql`
    WITH m AS (SELECT id, row_number() OVER (ORDER BY email) AS n FROM users WHERE email LIKE '%@bench.example'),
    q AS (
      INSERT INTO help_posts (kind, space_id, author_id, title, theme, body, created_at)
      SELECT 'question', ${COMMUNITY_SPACE_ID}, m.id, 'Question ' || g, (${sql.raw(`ARRAY[${themeKeys.map((t) => `'${t}'`).join(',')}]`)})[1 + g % ${themeKeys.length}], 'Texte', now()
      FROM generate_series(1, 2000) g JOIN m ON m.n = 1 + (g * 7) % (SELECT count(*) FROM m)
      RETURNING id, created_at
    )
    INSERT INTO help_posts (kind, space_id, question_id, parent_id, author_id, body, useful_at, created_at)
    SELECT 'answer', ${COMMUNITY_SPACE_ID}, q.id, q.id, m.id, 'Réponse', now(), now()
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM q) q CROSS JOIN generate_series(1, 2) a
    JOIN m ON m.n = 1 + (q.n * 13 + a * 101) % (SELECT count(*) FROM m)`);
  await db.execute(sql`UPDATE help_posts SET question_id = id WHERE kind = 'question' AND question_id IS NULL`);
  await db.execute(sql`ANALYZE`);
}

async function measureOn(label: string, open: () => Promise<{ database: Database; dispose: () => Promise<void> }>, opts: BenchOptions): Promise<Result[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-bench-peers-'));
  const { database, dispose } = await open();
  try {
    const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SESSION_SECRET: 'benchmark-secret-benchmark-secret!!', BASE_URL: 'http://127.0.0.1' });
    const deps = await createDeps(config, createLogger(config), database);
    try {
      await seedRegistry(deps.db, deps.clock.now(), { fixture: true });
      const orgs = opts.smoke ? 200 : 2_000;
      await seedCommunity(database, orgs, 5);
      const [{ n }] = (await rows<{ n: number }>(deps.db, sql`SELECT count(*)::int AS n FROM users WHERE email LIKE '%@bench.example'`)) as [{ n: number }];
      opts.log(`  ${label}: ${n} members, ${orgs} organisations`);
      // The seed's writes noted every member: the first reader would build the facts table; built here, timed.
      const t0 = performance.now();
      const built = await applyPendingPeerFacts(deps.db);
      const buildMs = performance.now() - t0;
      await deps.db.execute(sql`ANALYZE peer_facts`);
      await deps.db.execute(sql`ANALYZE peer_theme_facts`);
      opts.log(`  ${label}: facts of ${built} members built in ${buildMs.toFixed(0)} ms`);
      // The viewers: one member in fifty, across régions, bands and SPASER stages.
      const viewers = (await rows<{ id: string }>(deps.db, sql`SELECT id FROM users WHERE email LIKE '%-1@bench.example' ORDER BY email LIMIT 40`)).map((r) => r.id);
      const profile = (id: string) =>
        rows(deps.db, sql`SELECT u.id, u.first_name, u.last_name, u.job_title, u.region_code, u.themes, u.available_to_help, o.id AS org_id, o.name, o.kind, o.region_code AS org_region
          FROM users u JOIN memberships m ON m.user_id = u.id AND m.status = 'verified' JOIN organisations o ON o.id = m.organisation_id WHERE u.id = ${id}`);
      const suggest = async (id: string, theme?: (typeof themeKeys)[number]) => {
        const r = await suggestPeers(deps, id, { theme });
        if (!r.ok || r.value.items.length === 0) throw new Error(`no suggestions for ${id}`);
        return r.value;
      };
      const first = await suggest(viewers[0]!);
      opts.log(`  first suggestion: ${first.items[0]!.score} points — ${first.items[0]!.explanation}`);
      for (const id of viewers.slice(0, 5)) { await suggest(id); await profile(id); }

      const rounds = opts.smoke ? 1 : 5;
      const plain: number[] = [];
      const themed: number[] = [];
      const bare: number[] = [];
      for (let r = 0; r < rounds; r++) {
        for (const [i, id] of viewers.entries()) {
          // Interleaved so that a load spike on the machine hits all sides alike.
          let t = performance.now();
          await suggest(id);
          plain.push(performance.now() - t);
          t = performance.now();
          await suggest(id, themeKeys[i % themeKeys.length]);
          themed.push(performance.now() - t);
          t = performance.now();
          await profile(id);
          bare.push(performance.now() - t);
        }
      }
      // What keeping the facts costs the writes: each write alone (its trigger's note included), then the
      // rebuild of the facts it noted, as the next reader (or the writer) applies it.
      const writeThenApply = async (write: () => Promise<unknown>) => {
        let w = performance.now();
        await write();
        const writeMs = performance.now() - w;
        w = performance.now();
        await applyPendingPeerFacts(deps.db);
        return { writeMs, applyMs: performance.now() - w };
      };
      const answers = (await rows<{ id: string }>(deps.db, sql`SELECT id FROM help_posts WHERE kind = 'answer' ORDER BY id LIMIT 20`)).map((r) => r.id);
      const usefulWrites: { writeMs: number; applyMs: number }[] = [];
      for (const a of answers) {
        usefulWrites.push(await writeThenApply(() => deps.db.execute(sql`UPDATE help_posts SET useful_at = NULL WHERE id = ${a}`)));
        usefulWrites.push(await writeThenApply(() => deps.db.execute(sql`UPDATE help_posts SET useful_at = now() WHERE id = ${a}`)));
      }
      const noSpaser = (await rows<{ id: string }>(deps.db, sql`SELECT id FROM organisations WHERE source = 'bench' AND id NOT IN (SELECT organisation_id FROM spaser_declarations) ORDER BY siren LIMIT 20`)).map((r) => r.id);
      const spaserWrites: { writeMs: number; applyMs: number }[] = [];
      for (const o of noSpaser) {
        spaserWrites.push(await writeThenApply(() => deps.db.execute(sql`INSERT INTO spaser_declarations (organisation_id, url, adopted_on, declared_at) VALUES (${o}, 'https://example.org/s.pdf', DATE '2026-01-01', now())`)));
      }
      // A DECP re-import of every organisation's yearly counts (the import rewrites decp_buyer_years per SIREN).
      const decpWrites: { writeMs: number; applyMs: number }[] = [];
      for (let r = 0; r < (opts.smoke ? 1 : 3); r++) {
        decpWrites.push(await writeThenApply(() => deps.db.execute(sql`UPDATE decp_buyer_years SET contracts = contracts WHERE buyer_siren IN (SELECT siren FROM organisations WHERE source = 'bench')`)));
      }
      const med = (xs: { writeMs: number; applyMs: number }[], k: 'writeMs' | 'applyMs') => median(xs.map((x) => x[k]));
      opts.log(`  ${label}: useful answer write ${med(usefulWrites, 'writeMs').toFixed(2)} ms + facts ${med(usefulWrites, 'applyMs').toFixed(2)} ms; SPASER declared ${med(spaserWrites, 'writeMs').toFixed(2)} ms + facts ${med(spaserWrites, 'applyMs').toFixed(2)} ms; DECP counts of all ${med(decpWrites, 'writeMs').toFixed(0)} ms + facts ${med(decpWrites, 'applyMs').toFixed(0)} ms`);
      const writeBaseline = (v: number) => ({ label: 'the write alone (its trigger note included)', value: v });
      const baseline = (v: number) => ({ label: "bare query of the member's own profile", value: v });
      const bench = `Peer suggestions, ${n.toLocaleString('en')} members of ${orgs.toLocaleString('en')} organisations, ${label}`;
      opts.log(`  ${label}: suggestions p50 ${median(plain).toFixed(1)} ms p95 ${percentile(plain, 95).toFixed(1)} ms; with a theme p95 ${percentile(themed, 95).toFixed(1)} ms; bare p95 ${percentile(bare, 95).toFixed(2)} ms`);
      return [
        { bench, measure: `suggestions (${plain.length} requests, one at a time): p50`, value: median(plain), unit: 'ms', baseline: baseline(median(bare)) },
        { bench, measure: 'suggestions: p95', value: percentile(plain, 95), unit: 'ms', baseline: baseline(percentile(bare, 95)) },
        { bench, measure: `suggestions asking for a theme (${themed.length} requests): p95`, value: percentile(themed, 95), unit: 'ms', baseline: baseline(percentile(bare, 95)) },
        { bench, measure: `facts table built for ${built} members (first reader after the seed)`, value: buildMs, unit: 'ms' },
        { bench, measure: `facts rebuilt after an answer marked or unmarked useful, median of ${usefulWrites.length}`, value: med(usefulWrites, 'applyMs'), unit: 'ms', baseline: writeBaseline(med(usefulWrites, 'writeMs')) },
        { bench, measure: `facts rebuilt after a SPASER declared (5 members), median of ${spaserWrites.length}`, value: med(spaserWrites, 'applyMs'), unit: 'ms', baseline: writeBaseline(med(spaserWrites, 'writeMs')) },
        { bench, measure: `facts rebuilt after every organisation's DECP counts rewritten, median of ${decpWrites.length}`, value: med(decpWrites, 'applyMs'), unit: 'ms', baseline: writeBaseline(med(decpWrites, 'writeMs')) },
      ];
    } finally {
      deps.mailer.close();
    }
  } finally {
    await database.close().catch(() => {});
    await dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchPeers(opts: BenchOptions): Promise<Result[]> {
  const results = await measureOn('PGlite (memory)', async () => ({ database: await openPglite({}), dispose: async () => {} }), opts);
  const version = await postgresVersion();
  if (version) {
    results.push(
      ...(await measureOn(`PostgreSQL ${version.split(' ')[0]}`, async () => {
        const scratch = await scratchDatabase('peers');
        return { database: await openPostgres(scratch.url, 10), dispose: () => scratch.drop() };
      }, opts)),
    );
  } else opts.log('  PostgreSQL unreachable: skipped');
  return results;
}

/**
 * (k) Mixed load on the production build over PostgreSQL, one instance then two behind nginx
 * (issue 24, « Load »): 70 % reads (the help space's question list and question pages), 20 %
 * searches (the help space's full-text search), 10 % writes (a question asked by a signed-in member,
 * its title carrying a unique marker), every request by one of 20 signed-in members. The load is
 * open-loop (bench/cluster-load-worker.mjs in a worker thread): requests leave at a constant rate
 * and each latency counts from the moment it was due, so a server that falls behind shows it.
 *
 * For each set-up the rate is stepped up with short probes (15 s) until p99 reaches 300 ms or a
 * request fails, then the best rate is held for 60 s (full run; 5 s with --smoke); if that hold fails,
 * 15 % less is held again. After each run every acknowledged write is looked for in the database by
 * its marker. CPU per process group (node instances, nginx, PostgreSQL, the generator) is sampled
 * from /proc during the hold, with the load average.
 *
 * Baseline, same run, same generator, same nginx: a bare Fastify route (bench/cluster-load-bare.ts)
 * that runs, for each request, the very SQL statements the application ran for it (captured once
 * from an in-process app on the same database), on its own pg pool, answering the rows as JSON: the
 * fastest honest way to do the same database work over HTTP, without the platform's code.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import { TERMS_VERSION } from '../src/server/accounts/accounts.contract.js';
import { users } from '../src/server/accounts/accounts.tables.js';
import { hashPassword } from '../src/server/accounts/passwords.js';
import { COMMUNITY_SPACE_ID } from '../src/server/helpspace/helpspace.tables.js';
import { memberships, organisations } from '../src/server/organisations/organisations.tables.js';
import { openPostgres, rows, type Db } from '../src/server/platform/db.js';
import { freePort, NGINX, nginxConfig, startCluster } from '../tests/cluster/launch.js';
import { captureSql, startBare } from './cluster-load-bare.js';
import { percentile, postgresVersion, type BenchOptions, type Result, httpClient } from './lib.js';

export const MEMBERS = 20;
const PASSWORD = 'benchmark-password-1234';
export const MIX = { read: 0.7, search: 0.2, write: 0.1 };
const P99_LIMIT_MS = 300;
const SEARCH_TERMS = ['clause sociale', 'insertion', 'réemploi', 'alimentation durable', 'nettoyage', 'commerce équitable', 'bilan carbone', 'marché public', 'économie circulaire', 'numérique responsable'];

export type Session = { cookie: string; csrf: string };
export type Scenario = { sessions: Session[]; reads: string[]; searches: string[]; spaceId: string };
export type StepStats = {
  rate: number;
  durationMs: number;
  completed: number;
  errors: number;
  statuses: Record<string, number>;
  p50: number;
  p99: number;
  p99ByKind: Record<'read' | 'search' | 'write', number>;
  late: number;
  acknowledged: number;
  missing: number;
  ok: boolean;
};


/**
 * Members (accounts a year old, so the new-account posting limit does not apply), each signed in
 * through `port`; 300 questions asked through the API so that lists and searches find something;
 * the paths read and searched.
 */
export async function prepareScenario(port: number, databaseUrl: string, log: (s: string) => void): Promise<Scenario> {
  const database = await openPostgres(databaseUrl, 2);
  try {
    const db = database.db;
    const yearAgo = new Date(Date.now() - 365 * 24 * 3600_000);
    const [org] = await db
      .insert(organisations)
      .values({ name: `Ville de la mesure ${randomBytes(2).toString('hex')}`, kind: 'commune', regionCode: '53', departementCode: '35', source: 'bench', createdAt: yearAgo, updatedAt: yearAgo })
      .returning();
    const hash = await hashPassword(PASSWORD);
    const tag = randomBytes(3).toString('hex');
    const sessions: Session[] = [];
    const clients: ReturnType<typeof httpClient>[] = [];
    for (let i = 0; i < MEMBERS; i++) {
      const [u] = await db
        .insert(users)
        .values({ email: `charge-${tag}-${i}@acheteur.example`, passwordHash: hash, firstName: 'Membre', lastName: `Charge ${i}`, role: 'member', emailVerifiedAt: yearAgo, directoryVisibility: 'members', themes: [], availableToHelp: false, termsAcceptedAt: yearAgo, termsVersion: TERMS_VERSION, createdAt: yearAgo, updatedAt: yearAgo })
        .returning();
      await db.insert(memberships).values({ userId: u!.id, organisationId: org!.id, status: 'verified', decidedVia: 'facilitator', decidedAt: yearAgo, createdAt: yearAgo });
      const client = httpClient(port);
      await client.must('GET', '/api/session', undefined, 200);
      await client.must('POST', '/api/auth/login', { email: u!.email, password: PASSWORD }, 200);
      clients.push(client);
      sessions.push(client.session());
    }
    const ids: string[] = [];
    for (let i = 0; i < 300; i++) {
      const term = SEARCH_TERMS[i % SEARCH_TERMS.length]!;
      const created = await clients[i % MEMBERS]!.must('POST', '/api/help/questions', {
        spaceId: COMMUNITY_SPACE_ID,
        title: `Comment traiter la question ${i} sur ${term} ?`,
        body: `Nous préparons un marché et cherchons des retours sur ${term}. Détail numéro ${i}.`,
        theme: 'autre',
        tags: [],
      }, 201);
      ids.push(created.id as string);
    }
    log(`  ${MEMBERS} members signed in, ${ids.length} questions asked`);
    const reads = [...Array.from({ length: 5 }, (_, p) => `/api/help/questions?page=${p + 1}`), ...ids.slice(0, 45).map((id) => `/api/help/questions/${id}`)];
    const searches = SEARCH_TERMS.map((q) => `/api/help/search?q=${encodeURIComponent(q)}`);
    return { sessions, reads, searches, spaceId: COMMUNITY_SPACE_ID };
  } finally {
    await database.close();
  }
}

/** One run of the generator at `rate` requests per second for `durationMs`, writes checked in the database. */
export async function runStep(port: number, scenario: Scenario, db: Db, rate: number, durationMs: number, warmupMs = 2000): Promise<StepStats> {
  const markerPrefix = `m${randomBytes(4).toString('hex')}`;
  const worker = new Worker(fileURLToPath(new URL('./cluster-load-worker.mjs', import.meta.url)), {
    workerData: { port, rate, durationMs, warmupMs, mix: MIX, markerPrefix, ...scenario },
  });
  const out = await new Promise<{ recorded: Record<'read' | 'search' | 'write', number[]>; statuses: Record<string, number>; acknowledged: string[]; late: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  const all = [...out.recorded.read, ...out.recorded.search, ...out.recorded.write];
  const errors = Object.entries(out.statuses).filter(([s]) => !/^2/.test(s)).reduce((n, [, c]) => n + c, 0);
  const missing = await missingWrites(db, markerPrefix, out.acknowledged);
  const p99 = percentile(all, 99);
  return {
    rate,
    durationMs,
    completed: all.length,
    errors,
    statuses: out.statuses,
    p50: percentile(all, 50),
    p99,
    p99ByKind: { read: percentile(out.recorded.read, 99), search: percentile(out.recorded.search, 99), write: percentile(out.recorded.write, 99) },
    late: out.late,
    acknowledged: out.acknowledged.length,
    missing,
    ok: errors === 0 && p99 < P99_LIMIT_MS && missing === 0,
  };
}

/** How many acknowledged markers have no question in the database (must be 0). */
async function missingWrites(db: Db, prefix: string, acknowledged: string[]): Promise<number> {
  const found = await rows<{ title: string }>(db, sql`SELECT title FROM help_posts WHERE kind = 'question' AND title LIKE ${`Question de charge ${prefix}-%`}`);
  const titles = new Set(found.map((r) => r.title));
  return acknowledged.filter((m) => !titles.has(`Question de charge ${m}`)).length;
}

/**
 * The highest rate held: probes (`probeMs`) from `start`, ×1.4 while they pass, then the best one
 * held for `holdMs`; a failed hold is tried again once at 85 %. `during(hold)` samples CPU meanwhile.
 */
export async function findMaxRate(
  port: number,
  scenario: Scenario,
  db: Db,
  opts: { start: number; max: number; probeMs: number; holdMs: number; log: (s: string) => void; sample?: (ms: number) => Promise<CpuSample> },
): Promise<{ held: StepStats | null; probes: StepStats[]; cpu: CpuSample | null }> {
  const probes: StepStats[] = [];
  let best: number | null = null;
  let rate = opts.start;
  for (;;) {
    const s = await runStep(port, scenario, db, rate, opts.probeMs);
    probes.push(s);
    opts.log(`    probe ${rate} req/s: ${describe(s)}`);
    if (!s.ok) break;
    best = rate;
    if (rate >= opts.max) break;
    rate = Math.min(opts.max, Math.round(rate * 1.4));
  }
  if (best === null) return { held: null, probes, cpu: null };
  // Between the last probe that passed and the one that failed, one more probe halfway.
  const failed = probes.at(-1)!.ok ? null : probes.at(-1)!.rate;
  if (failed && failed - best > 10) {
    const mid = Math.round((best + failed) / 2);
    const s = await runStep(port, scenario, db, mid, opts.probeMs);
    probes.push(s);
    opts.log(`    probe ${mid} req/s: ${describe(s)}`);
    if (s.ok) best = mid;
  }
  for (const candidate of [best, Math.round(best * 0.85)]) {
    const sampling = opts.sample?.(opts.holdMs);
    const s = await runStep(port, scenario, db, candidate, opts.holdMs);
    const cpu = sampling ? await sampling : null;
    opts.log(`    hold ${candidate} req/s for ${opts.holdMs / 1000} s: ${describe(s)}${cpu ? `; CPU ${formatCpu(cpu)}` : ''}`);
    if (s.ok) return { held: s, probes, cpu };
  }
  return { held: null, probes, cpu: null };
}

export function describe(s: StepStats): string {
  const statuses = Object.entries(s.statuses).map(([k, v]) => `${k}×${v}`).join(' ');
  return `p50 ${s.p50.toFixed(0)} ms, p99 ${s.p99.toFixed(0)} ms (reads ${s.p99ByKind.read.toFixed(0)}, searches ${s.p99ByKind.search.toFixed(0)}, writes ${s.p99ByKind.write.toFixed(0)}), ${statuses}, writes acknowledged ${s.acknowledged}, missing ${s.missing}${s.late ? `, generator late ${s.late}×` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// CPU per process group, from /proc (no tool needed): node instances, nginx, PostgreSQL, others.

export type CpuSample = { seconds: number; groups: Record<string, number>; loadavg: number[] };

function cpuTicks(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}
function comm(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}
const allPids = () => fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);

/**
 * CPU used during `ms` by the given pids (by name) and by every postgres and nginx process of the
 * machine, in % of one core; `machine` is everything, from /proc/stat.
 */
export async function sampleCpu(ms: number, named: Record<string, number[]>): Promise<CpuSample> {
  const groupOf = (pid: number): string | null => {
    for (const [name, pids] of Object.entries(named)) if (pids.includes(pid)) return name;
    const c = comm(pid);
    if (c === 'postgres') return 'postgres';
    if (c === 'nginx') return 'nginx';
    return null;
  };
  const machineTicks = () => fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1, 9).map(Number);
  const before = new Map<number, number>();
  for (const pid of allPids()) if (groupOf(pid)) before.set(pid, cpuTicks(pid) ?? 0);
  const m0 = machineTicks();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, ms));
  const seconds = (performance.now() - t0) / 1000;
  const hz = 100;
  const groups: Record<string, number> = {};
  for (const pid of allPids()) {
    const g = groupOf(pid);
    if (!g) continue;
    const now = cpuTicks(pid);
    if (now === null) continue;
    groups[g] = (groups[g] ?? 0) + (now - (before.get(pid) ?? 0));
  }
  for (const g of Object.keys(groups)) groups[g] = Math.round((groups[g]! / hz / seconds) * 100);
  const m1 = machineTicks();
  const busy = (t: number[]) => t.reduce((a, b) => a + b, 0) - t[3]! - t[4]!;
  const total = m1.reduce((a, b) => a + b, 0) - m0.reduce((a, b) => a + b, 0);
  groups.machine = Math.round(((busy(m1) - busy(m0)) / total) * 100 * os.cpus().length);
  return { seconds, groups, loadavg: os.loadavg() };
}

export const formatCpu = (c: CpuSample) =>
  `${Object.entries(c.groups).map(([g, v]) => `${g} ${v} %`).join(', ')} (of ${os.cpus().length * 100} %); load average ${c.loadavg.map((l) => l.toFixed(2)).join(' / ')}`;

/** Rows of the results table for one set-up. */
export function resultRows(label: string, r: { held: StepStats | null }, baseline?: { label: string; held: StepStats | null }): Result[] {
  const bench = 'cluster load (70 % reads, 20 % searches, 10 % writes)';
  if (!r.held) return [{ bench, measure: `${label}: no rate held with p99 < ${P99_LIMIT_MS} ms`, value: NaN, unit: 'req/s' }];
  const base = baseline?.held ? { label: baseline.label, value: baseline.held.rate } : undefined;
  return [
    { bench, measure: `${label}: highest rate held ${r.held.durationMs / 1000} s, p99 < ${P99_LIMIT_MS} ms, no error`, value: r.held.rate, unit: 'req/s', baseline: base, note: `${r.held.acknowledged} writes acknowledged, ${r.held.missing} missing` },
    { bench, measure: `${label}: p99 at that rate`, value: r.held.p99, unit: 'ms', baseline: baseline?.held ? { label: baseline.label, value: baseline.held.p99 } : undefined },
  ];
}


// ---------------------------------------------------------------------------------------------
// The benchmark: one instance, two instances (tests/cluster/launch.ts), and the bare baseline
// behind an nginx of the same configuration.

/** nginx with the platform's configuration (deploy/nginx/entraide.conf) in front of `upstream`. */
async function startNginx(upstream: string): Promise<{ port: number; pid: number; stop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h24b-bench-nginx-'));
  const port = await freePort();
  fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig(dir, port, [upstream]));
  const nginx = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'nginx-error.log')], { stdio: 'ignore' });
  for (let i = 0; ; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(() => true, () => false);
    if (up) break;
    if (i > 100 || nginx.exitCode !== null) throw new Error('nginx did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    pid: nginx.pid!,
    async stop() {
      nginx.kill('SIGQUIT');
      await new Promise((r) => (nginx.exitCode !== null ? r(null) : nginx.once('exit', r)));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function benchClusterLoad(opts: BenchOptions): Promise<Result[]> {
  if (!(await postgresVersion())) {
    opts.log('  PostgreSQL not reachable: skipped');
    return [];
  }
  const plan = opts.smoke ? { start: 10, max: 20, probeMs: 2000, holdMs: 4000 } : { start: 20, max: 3000, probeMs: 15_000, holdMs: 60_000 };
  const results: Result[] = [];
  const found: Record<string, { held: StepStats | null; cpu: CpuSample | null }> = {};
  for (const instances of [1, 2] as const) {
    const label = instances === 1 ? 'one instance' : 'two instances';
    opts.log(`  ${label} behind nginx`);
    const cluster = await startCluster({ instances, env: { LOG_LEVEL: 'warn' } });
    try {
      const port = Number(new URL(cluster.baseUrl).port);
      const scenario = await prepareScenario(port, cluster.databaseUrl, opts.log);
      const check = await openPostgres(cluster.databaseUrl, 2);
      try {
        const sample = (ms: number) => sampleCpu(ms, { node: cluster.instances.map((i) => i.pid), generator: [process.pid] });
        found[label] = await findMaxRate(port, scenario, check.db, { ...plan, log: opts.log, sample });
        if (instances === 1) {
          // The baseline on the same database, scenario and nginx configuration, the app process stopped.
          opts.log('  baseline: the same SQL from a bare Fastify route behind nginx');
          const captured = await captureSql(cluster.databaseUrl, cluster.env.SESSION_SECRET!, scenario);
          await cluster.instances[0]!.kill('SIGTERM');
          const bare = await startBare(cluster.databaseUrl, captured);
          const nginx = await startNginx(`127.0.0.1:${bare.port}`);
          try {
            const bareSample = (ms: number) => sampleCpu(ms, { 'bare + generator': [process.pid] });
            found.baseline = await findMaxRate(nginx.port, scenario, check.db, { ...plan, log: opts.log, sample: bareSample });
          } finally {
            await nginx.stop();
            await bare.close();
          }
        }
      } finally {
        await check.close();
      }
    } finally {
      await cluster.stop();
    }
  }
  const baseline = { label: 'bare Fastify + pg, same SQL, same nginx', held: found.baseline?.held ?? null };
  results.push(...resultRows('one instance', found['one instance']!, baseline));
  results.push(...resultRows('two instances', found['two instances']!, baseline));
  for (const [label, f] of Object.entries(found)) if (f.cpu) opts.log(`  CPU while ${label} held its rate: ${formatCpu(f.cpu)}`);
  const one = found['one instance']?.held?.rate;
  const two = found['two instances']?.held?.rate;
  if (one && two) opts.log(`  two instances / one: × ${(two / one).toFixed(2)}`);
  return results;
}

import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv4 } from 'node:net';
import client from 'prom-client';
import { sql } from 'drizzle-orm';
import type { Deps } from './context.js';
import type { Database } from './db.js';
import { rows } from './db.js';
import type { App } from './types.js';

/**
 * GET /metrics in the Prometheus text format (docs/deployment.md « Supervision », ADR 0035).
 *
 * Labels are bounded on purpose: the route is the pattern the router matched (`/api/helpspace/
 * questions/:questionId`), never the raw address (ids, search words, e-mail addresses); the status is
 * its class (2xx…5xx); job kinds and states are names the code defines. Nothing personal is exposed.
 *
 * Database figures (queue depth, failures, imports) are read at scrape time with one query each,
 * never per request: a scrape every 15–30 s costs three small queries.
 */

/** Who may read /metrics: a bearer token, client addresses, or nobody (then the route answers 404). */
export type MetricsAccess = { token: string | null; allowFrom: string[] };

/** Route label of requests the router did not match (bounded: never the requested address). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Whether a scraper may read the metrics: the right bearer token, or a client address inside
 * METRICS_ALLOW_FROM (the address Fastify settled on, so TRUST_PROXY applies). Pure, unit-tested.
 */
export function monitoringAllowed(access: MetricsAccess, request: { authorization?: string; ip: string }): boolean {
  if (access.token && request.authorization) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(request.authorization);
    // Compared through fixed-length digests: no early exit that would time out the token's length.
    if (m && timingSafeEqual(digest(m[1]!), digest(access.token))) return true;
  }
  if (access.allowFrom.length && addressIn(request.ip, access.allowFrom)) return true;
  return false;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Whether an IPv4 or IPv6 address (IPv4-mapped IPv6 read as IPv4) is one of the addresses or CIDR ranges. */
export function addressIn(ip: string, ranges: string[]): boolean {
  const list = new BlockList();
  for (const r of ranges) {
    const [addr, bits] = r.split('/') as [string, string | undefined];
    const type = isIPv4(addr) ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(bits), type);
  }
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const address = mapped ? mapped[1]! : ip;
  try {
    return list.check(address, isIPv4(address) ? 'ipv4' : 'ipv6');
  } catch {
    return false;
  }
}

/** Seconds: from 5 ms (a cached read) to 10 s (a long export); p99 under 300 ms is the goal (docs/deployment.md). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2.5, 5, 10];

export type Metrics = { registry: client.Registry };

/**
 * Counts every response (route pattern, method, status class) and registers the collectors read at
 * scrape time. One registry per app: tests build several apps in one process.
 */
export function installMetrics(app: App, deps: Deps & { database?: Pick<Database, 'driver' | 'poolStats'> }): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status_class'] as const;
  const requests = new client.Counter({ name: 'entraide_http_requests_total', help: 'Réponses HTTP par route (motif déclaré), méthode et classe de statut', labelNames, registers: [registry] });
  const duration = new client.Histogram({
    name: 'entraide_http_request_duration_seconds',
    help: 'Durée des réponses HTTP par route (motif déclaré), méthode et classe de statut',
    labelNames,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    const labels = { method: req.method, route: req.routeOptions.url ?? UNMATCHED_ROUTE, status_class: `${Math.floor(reply.statusCode / 100)}xx` };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });

  new client.Gauge({
    name: 'entraide_jobs',
    help: 'Tâches de fond par sorte et état (queued, running, done, failed), lues dans la table jobs',
    labelNames: ['kind', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      const list = await rows<{ kind: string; status: string; n: number }>(deps.db, sql`SELECT kind, status, count(*)::int AS n FROM jobs GROUP BY kind, status`);
      for (const r of list) this.set({ kind: r.kind, state: r.status }, Number(r.n));
    },
  });
  new client.Gauge({
    name: 'entraide_jobs_retrying',
    help: 'Tâches en attente d’une nouvelle tentative après un échec (queued avec une erreur)',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      this.reset();
      const list = await rows<{ kind: string; n: number }>(deps.db, sql`SELECT kind, count(*)::int AS n FROM jobs WHERE status = 'queued' AND last_error IS NOT NULL GROUP BY kind`);
      for (const r of list) this.set({ kind: r.kind }, Number(r.n));
    },
  });
  new client.Gauge({
    name: 'entraide_jobs_oldest_due_seconds',
    help: 'Âge de la plus ancienne tâche due et pas encore prise (0 si aucune) : une file qui n’avance plus',
    registers: [registry],
    async collect() {
      const now = deps.clock.now();
      const [r] = await rows<{ oldest: string | Date | null }>(deps.db, sql`SELECT min(run_at) AS oldest FROM jobs WHERE status = 'queued' AND run_at <= ${now}`);
      this.set(r?.oldest ? Math.max(0, (now.getTime() - new Date(r.oldest).getTime()) / 1000) : 0);
    },
  });
  const importLabels = ['status'] as const;
  const imports = new client.Gauge({ name: 'entraide_decp_imports', help: 'Imports DECP (fichiers) par état : running, done, failed, interrupted', labelNames: importLabels, registers: [registry] });
  const uploadsRunning = new client.Gauge({ name: 'entraide_decp_uploads_running', help: 'Fichiers DECP déposés en cours d’import', registers: [registry] });
  const bytesRead = new client.Gauge({ name: 'entraide_decp_uploads_running_bytes_read', help: 'Octets lus des fichiers DECP en cours d’import', registers: [registry] });
  const bytesTotal = new client.Gauge({ name: 'entraide_decp_uploads_running_bytes_total', help: 'Taille des fichiers DECP en cours d’import', registers: [registry] });
  new client.Gauge({
    name: 'entraide_decp_uploads_running_records_staged',
    help: 'Enregistrements DECP lus des fichiers en cours d’import',
    registers: [registry],
    // One collector fills the four import gauges (two small queries at scrape time).
    async collect() {
      imports.reset();
      for (const r of await rows<{ status: string; n: number }>(deps.db, sql`SELECT status, count(*)::int AS n FROM decp_imports GROUP BY status`))
        imports.set({ status: r.status }, Number(r.n));
      const [u] = await rows<{ n: number; read: string | null; total: string | null; staged: string | null }>(
        deps.db,
        sql`SELECT count(*)::int AS n, sum(bytes_read) AS read, sum(size_bytes) AS total, sum(records_staged) AS staged FROM decp_uploads WHERE status = 'running'`,
      );
      uploadsRunning.set(Number(u?.n ?? 0));
      bytesRead.set(Number(u?.read ?? 0));
      bytesTotal.set(Number(u?.total ?? 0));
      this.set(Number(u?.staged ?? 0));
    },
  });

  const driver = deps.database?.driver ?? 'unknown';
  new client.Gauge({ name: 'entraide_database_info', help: 'Base utilisée : pglite (embarquée, une connexion) ou postgres', labelNames: ['driver'], registers: [registry] }).set({ driver }, 1);
  const poolStats = deps.database?.poolStats;
  if (poolStats) {
    // PostgreSQL only: PGlite is one in-process connection, with no pool to watch.
    new client.Gauge({
      name: 'entraide_db_pool_connections',
      help: 'Connexions du pool PostgreSQL de ce processus : total, idle (libres), waiting (requêtes en attente d’une connexion), max',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const s = poolStats();
        this.set({ state: 'total' }, s.total);
        this.set({ state: 'idle' }, s.idle);
        this.set({ state: 'waiting' }, s.waiting);
        this.set({ state: 'max' }, s.max);
      },
    });
  }
  return { registry };
}

/** Declares GET /metrics (access 'monitoring': METRICS_TOKEN or METRICS_ALLOW_FROM, checked in app.ts). */
export function metricsRoutes(app: App, metrics: Metrics) {
  app.get('/metrics', { config: { access: 'monitoring' }, schema: { hide: true } }, async (_req, reply) => {
    const body = await metrics.registry.metrics();
    return reply.header('content-type', metrics.registry.contentType).header('cache-control', 'no-store').send(body);
  });
}

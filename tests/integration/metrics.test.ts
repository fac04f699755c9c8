import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.js';
import { addressIn, monitoringAllowed } from '../../src/server/platform/metrics.js';
import { Agent, createTestContext, type TestContext } from '../helpers/context.js';

// Issue 25, item 3: GET /metrics (prom-client) — content and access. Expected figures are counted
// from the requests this file makes, never read back from the code that counts them.

const TOKEN = 'jeton-de-supervision-de-test-0123456789';
const SCRAPER_IP = '10.20.3.4';

type Sample = { name: string; labels: Record<string, string>; value: number };

/** The samples of a Prometheus text exposition (comments skipped). */
function parse(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!m) throw new Error(`unreadable line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, k, v] of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[k!] = v!;
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

/** The value of one series (0 when absent: a counter not yet incremented). */
function value(samples: Sample[], name: string, labels: Record<string, string>): number {
  const s = samples.find((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v));
  return s?.value ?? 0;
}

let t: TestContext;
let scraper: Agent;

async function scrape(): Promise<Sample[]> {
  const res = await scraper.request('GET', '/metrics', undefined, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.statusCode).toBe(200);
  return parse(res.body);
}

beforeAll(async () => {
  t = await createTestContext({ METRICS_TOKEN: TOKEN, METRICS_ALLOW_FROM: '10.20.0.0/16,fd00::/8' });
  scraper = new Agent({ inject: (o) => t.app.inject(o) }, '192.0.2.50');
});
afterAll(() => t?.close());

describe('item 3: /metrics access', () => {
  it('item 3: refuses without the token, with a wrong token, and to any session (even an admin), as if the route did not exist', async () => {
    const anonymous = await t.agent().get('/metrics');
    expect(anonymous.statusCode).toBe(404);
    expect(anonymous.json()).toEqual({ error: 'NOT_FOUND', message: "Cette page ou cette ressource n'existe pas." });
    const wrong = await t.agent().request('GET', '/metrics', undefined, { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.statusCode).toBe(404);
    const notBearer = await t.agent().request('GET', '/metrics', undefined, { headers: { authorization: TOKEN } });
    expect(notBearer.statusCode).toBe(404);
    const admin = (await t.loggedIn({ role: 'admin' })).agent;
    expect((await admin.get('/metrics')).statusCode).toBe(404);
  });

  it('item 3: serves the right token, and a client address inside METRICS_ALLOW_FROM without a token', async () => {
    const res = await t.agent().request('GET', '/metrics', undefined, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const fromNetwork = new Agent({ inject: (o) => t.app.inject(o) }, SCRAPER_IP);
    expect((await fromNetwork.get('/metrics')).statusCode).toBe(200);
    const outside = new Agent({ inject: (o) => t.app.inject(o) }, '10.21.0.1');
    expect((await outside.get('/metrics')).statusCode).toBe(404);
  });

  it('item 3: the decision itself: token, ranges (IPv4, IPv4-mapped IPv6, IPv6), nothing configured', () => {
    const access = { token: TOKEN, allowFrom: ['10.20.0.0/16', '192.0.2.7', 'fd00::/8'] };
    expect(monitoringAllowed(access, { authorization: `Bearer ${TOKEN}`, ip: '203.0.113.1' })).toBe(true);
    expect(monitoringAllowed(access, { authorization: `bearer ${TOKEN}`, ip: '203.0.113.1' })).toBe(true);
    expect(monitoringAllowed(access, { authorization: `Bearer ${TOKEN.slice(1)}`, ip: '203.0.113.1' })).toBe(false);
    expect(monitoringAllowed(access, { ip: '10.20.255.255' })).toBe(true);
    expect(monitoringAllowed(access, { ip: '::ffff:10.20.0.1' })).toBe(true);
    expect(monitoringAllowed(access, { ip: '192.0.2.7' })).toBe(true);
    expect(monitoringAllowed(access, { ip: '192.0.2.8' })).toBe(false);
    expect(monitoringAllowed(access, { ip: 'fd12::1' })).toBe(true);
    expect(monitoringAllowed(access, { ip: 'fe80::1' })).toBe(false);
    expect(monitoringAllowed({ token: null, allowFrom: [] }, { authorization: 'Bearer ', ip: '127.0.0.1' })).toBe(false);
    expect(addressIn('not an address', ['0.0.0.0/0'])).toBe(false);
  });

  it('item 3: the configuration refuses a short token and a malformed address list, in French', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'court' })).toThrow(ConfigError);
    expect(() => loadConfig({ METRICS_TOKEN: 'court' })).toThrow(/METRICS_TOKEN : 32 caractères au moins/);
    expect(() => loadConfig({ METRICS_ALLOW_FROM: '10.0.0.0/8,partout' })).toThrow(/METRICS_ALLOW_FROM\.1 : une liste d’adresses IP/);
    expect(loadConfig({ METRICS_ALLOW_FROM: '127.0.0.1, 10.0.0.0/8' }).metrics).toEqual({ token: null, allowFrom: ['127.0.0.1', '10.0.0.0/8'] });
    expect(loadConfig({}).metrics).toEqual({ token: null, allowFrom: [] });
  });
});

describe('item 3: /metrics content', () => {
  it('item 3: a request to a route adds exactly one to its counter and its histogram, under the route pattern and status class', async () => {
    const route = { method: 'GET', route: '/api/themes/:theme' };
    const before = await scrape();
    const agent = t.agent();
    // Two requests on the same pattern with different addresses: one series, counted twice.
    const a = await agent.get('/api/themes/theme-inconnu-1');
    const b = await agent.get('/api/themes/theme-inconnu-2');
    expect(a.statusCode).toBe(b.statusCode);
    const cls = `${Math.floor(a.statusCode / 100)}xx`;
    expect((await agent.get('/api/themes')).statusCode).toBe(200);
    const after = await scrape();
    const d = (name: string, labels: Record<string, string>) => value(after, name, labels) - value(before, name, labels);
    expect(d('entraide_http_requests_total', { ...route, status_class: cls })).toBe(2);
    expect(d('entraide_http_request_duration_seconds_count', { ...route, status_class: cls })).toBe(2);
    expect(d('entraide_http_request_duration_seconds_bucket', { ...route, status_class: cls, le: '+Inf' })).toBe(2);
    expect(d('entraide_http_request_duration_seconds_sum', { ...route, status_class: cls })).toBeGreaterThan(0);
    expect(d('entraide_http_requests_total', { method: 'GET', route: '/api/themes', status_class: '2xx' })).toBe(1);
    // The scrape before counts itself once it has answered; the one after is not counted yet.
    expect(d('entraide_http_requests_total', { method: 'GET', route: '/metrics', status_class: '2xx' })).toBe(1);
  });

  it('item 3: queued jobs show in the depth by kind and state, a job given up in the failures', async () => {
    t.deps.jobs.register('test.metrics-later', async () => {});
    t.deps.jobs.register('test.metrics-broken', async () => {
      throw new Error('panne voulue');
    });
    await t.deps.jobs.enqueue('test.metrics-later', {}, { delayMs: 3_600_000 });
    await t.deps.jobs.enqueue('test.metrics-later', {}, { delayMs: 3_600_000 });
    let s = await scrape();
    expect(value(s, 'entraide_jobs', { kind: 'test.metrics-later', state: 'queued' })).toBe(2);
    expect(value(s, 'entraide_jobs', { kind: 'test.metrics-broken', state: 'failed' })).toBe(0);
    await t.deps.jobs.enqueue('test.metrics-broken', {}, { maxAttempts: 2 });
    await t.drainJobs();
    s = await scrape();
    // First attempt failed: queued again, with its error, for a later attempt.
    expect(value(s, 'entraide_jobs_retrying', { kind: 'test.metrics-broken' })).toBe(1);
    t.clock.set(new Date(t.clock.now().getTime() + 10 * 60_000));
    await t.drainJobs();
    s = await scrape();
    expect(value(s, 'entraide_jobs', { kind: 'test.metrics-broken', state: 'failed' })).toBe(1);
    expect(value(s, 'entraide_jobs_retrying', { kind: 'test.metrics-broken' })).toBe(0);
    expect(value(s, 'entraide_jobs', { kind: 'test.metrics-later', state: 'queued' })).toBe(2);
  });

  it('item 3: DECP import progress, database kind and pool, and the process metrics are there', async () => {
    const s = await scrape();
    const names = new Set(s.map((x) => x.name));
    for (const n of ['entraide_decp_uploads_running', 'entraide_decp_uploads_running_bytes_read', 'entraide_decp_uploads_running_records_staged', 'process_cpu_user_seconds_total', 'nodejs_eventloop_lag_p99_seconds', 'process_resident_memory_bytes'])
      expect(names, n).toContain(n);
    expect(value(s, 'entraide_decp_uploads_running', {})).toBe(0);
    const driver = t.deps.config.databaseUrl !== undefined || process.env.DATABASE_URL ? 'postgres' : 'pglite';
    expect(value(s, 'entraide_database_info', { driver })).toBe(1);
    if (driver === 'postgres') {
      expect(value(s, 'entraide_db_pool_connections', { state: 'max' })).toBeGreaterThan(0);
      expect(value(s, 'entraide_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
      expect(s.some((x) => x.name === 'entraide_db_pool_connections' && x.labels.state === 'waiting')).toBe(true);
    } else {
      // PGlite: one in-process connection, no pool series at all (docs/deployment.md).
      expect(names).not.toContain('entraide_db_pool_connections');
    }
  });

  it('item 3: no personal data nor raw addresses in the labels: only declared route patterns', async () => {
    const { agent, user } = await t.loggedIn({ email: 'personne.privee@commune.test' });
    await agent.get('/api/session');
    await agent.get(`/api/members/${user.id}`);
    await agent.get('/api/adresse-inconnue/abc-123?q=personne.privee%40commune.test');
    const res = await t.agent().request('GET', '/metrics', undefined, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.body).not.toContain('personne.privee');
    expect(res.body).not.toContain(user.id);
    expect(res.body).not.toContain('abc-123');
    expect(res.body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    const declared = new Set(t.app.routeTable.map((r) => r.url));
    const routes = new Set(parse(res.body).filter((x) => x.labels.route).map((x) => x.labels.route!));
    expect(routes).toContain('unmatched');
    for (const r of routes) expect(r === 'unmatched' || declared.has(r) || ['/healthz', '/readyz'].includes(r), r).toBe(true);
  });
});

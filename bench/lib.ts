/** Helpers shared by the benchmarks: timing, statistics, ports, PostgreSQL scratch databases, results. */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';

export const PG_ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** One line of the results table; `ratio` is value / baseline (how many times the baseline). */
export type Result = {
  bench: string;
  measure: string;
  value: number;
  unit: string;
  baseline?: { label: string; value: number };
  note?: string;
};

export type BenchOptions = { smoke: boolean; log: (msg: string) => void };

export const ms = (start: number) => performance.now() - start;

export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const value = await fn();
  return [value, ms(t)];
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile of unsorted values. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The server version when PostgreSQL answers at PG_ADMIN_URL, else null (benchmarks then skip it). */
export async function postgresVersion(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const res = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return res.rows[0]!.v;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A fresh, empty PostgreSQL database for one benchmark; `drop()` removes it. */
export async function scratchDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  // BENCH_DB_PREFIX: a session sharing the PostgreSQL server names its scratch databases with its own prefix.
  const name = `${process.env.BENCH_DB_PREFIX ?? 'entraide_bench_'}${label}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}

/** Formats a value with its unit for the table (fr-FR digits would be nicer, but the doc is read as code). */
export function fmt(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '—';
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
}

export function ratio(r: Result): string {
  if (!r.baseline || !r.baseline.value || !Number.isFinite(r.value)) return '—';
  return `× ${(r.value / r.baseline.value).toFixed(2)}`;
}

/** The results as a Markdown table. */
export function markdownTable(results: Result[]): string {
  const lines = [
    '| Benchmark | Measure | Entraide | Baseline | Baseline value | Ratio |',
    '|---|---|---:|---|---:|---:|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.bench} | ${r.measure}${r.note ? ` (${r.note})` : ''} | ${fmt(r.value, r.unit)} | ${r.baseline?.label ?? '—'} | ${r.baseline ? fmt(r.baseline.value, r.unit) : '—'} | ${ratio(r)} |`,
    );
  }
  return lines.join('\n');
}

/** The results as an aligned plain-text table, for the terminal. */
export function textTable(results: Result[]): string {
  const rows = [
    ['benchmark', 'measure', 'entraide', 'baseline', 'baseline value', 'ratio'],
    ...results.map((r) => [r.bench, r.measure + (r.note ? ` (${r.note})` : ''), fmt(r.value, r.unit), r.baseline?.label ?? '—', r.baseline ? fmt(r.baseline.value, r.unit) : '—', ratio(r)]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => (i >= 2 && i !== 3 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

/** A browser over real HTTP: keeps cookies, sends the CSRF token (the `entraide_csrf` cookie's value) on state-changing requests. */
export function httpClient(port: number) {
  const cookies = new Map<string, string>();
  async function request(method: string, p: string, body?: unknown) {
    const headers: Record<string, string> = {};
    if (cookies.size) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET') headers['x-csrf-token'] = cookies.get('entraide_csrf') ?? '';
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`http://127.0.0.1:${port}${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      const value = pair!.slice(at + 1);
      if (value) cookies.set(pair!.slice(0, at), value);
      else cookies.delete(pair!.slice(0, at));
    }
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text) as any };
  }
  async function must(method: string, p: string, body: unknown, expected: number) {
    const res = await request(method, p, body);
    if (res.status !== expected) throw new Error(`${method} ${p} answered ${res.status}: ${res.text.slice(0, 300)}`);
    return res.json();
  }
  const session = (): { cookie: string; csrf: string } => ({ cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), csrf: cookies.get('entraide_csrf') ?? '' });
  return { request, must, session };
}

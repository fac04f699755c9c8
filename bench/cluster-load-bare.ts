/**
 * The baseline of bench/cluster-load.ts: the same database work without the platform's code.
 *
 * `captureSql` runs the application in this process on the bench's database and records, for each
 * path of the scenario and for one write, every SQL statement the pg driver sent (text, parameters,
 * and the rows it got back). `startBare` then serves those paths from a bare Fastify 5 server with
 * its own pg pool: each request replays its statements in order on one connection and answers the
 * last rows as JSON. A write replays the question's statements with its own marker; the ids the
 * application generated (uuid parameters seen neither in the request nor in an earlier answer) get
 * fresh ones, and ids the database returned are followed, so each replayed write is a new question.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openPostgres } from '../src/server/platform/db.js';
import { createDeps, createLogger } from '../src/server/platform/runtime.js';
import type { Scenario } from './cluster-load.js';

export type Statement = { text: string; values: unknown[]; rowMode?: string; name?: string; rows: unknown[] };
export type Captured = { reads: Map<string, Statement[]>; write: { statements: Statement[]; marker: string }; spaceId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Records the statements the app sends while `run` runs (pg's Client.query, promise or callback). */
export async function recording(run: () => Promise<void>): Promise<Statement[]> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const seen: Statement[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [config, second] = args;
    const text = typeof config === 'string' ? config : (config as { text?: string }).text;
    if (typeof text !== 'string') return original.apply(this, args);
    const values = Array.isArray(second) ? second : ((config as { values?: unknown[] }).values ?? []);
    const st: Statement = { text, values, rowMode: (config as { rowMode?: string }).rowMode, name: (config as { name?: string }).name, rows: [] };
    seen.push(st);
    const cbAt = args.findIndex((a) => typeof a === 'function');
    if (cbAt >= 0) {
      const cb = args[cbAt] as (err: unknown, res: { rows?: unknown[] }) => void;
      args[cbAt] = (err: unknown, res: { rows?: unknown[] }) => {
        st.rows = res?.rows ?? [];
        cb(err, res);
      };
      return original.apply(this, args);
    }
    const out = original.apply(this, args) as Promise<{ rows?: unknown[] }> | undefined;
    if (out && typeof (out as Promise<unknown>).then === 'function') return out.then((res) => ((st.rows = res?.rows ?? []), res));
    return out;
  };
  try {
    await run();
  } finally {
    proto.query = original;
  }
  return seen;
}

/** The statements of each scenario path and of one write, as the application runs them for `session`. */
export async function captureSql(databaseUrl: string, sessionSecret: string, scenario: Scenario): Promise<Captured> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'h24b-capture-'));
  const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: databaseUrl, SESSION_SECRET: sessionSecret, DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_DEMO: 'false', BASE_URL: 'http://127.0.0.1' });
  const deps = await createDeps(config, createLogger(config), await openPostgres(databaseUrl, 2));
  const app = await buildApp(deps, { serveWeb: false });
  await app.ready();
  const session = scenario.sessions[0]!;
  try {
    const reads = new Map<string, Statement[]>();
    for (const p of [...scenario.reads, ...scenario.searches]) {
      let status = 0;
      const statements = await recording(async () => {
        status = (await app.inject({ method: 'GET', url: p, headers: { cookie: session.cookie } })).statusCode;
      });
      if (status !== 200) throw new Error(`capture: GET ${p} answered ${status}`);
      reads.set(p, statements);
    }
    const marker = `capture-${randomUUID()}`;
    let status = 0;
    const statements = await recording(async () => {
      status = (await app.inject({ method: 'POST', url: '/api/help/questions', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf }, payload: writeBody(scenario.spaceId, marker) })).statusCode;
    });
    if (status !== 201) throw new Error(`capture: the write answered ${status}`);
    return { reads, write: { statements, marker }, spaceId: scenario.spaceId };
  } finally {
    await app.close();
    deps.mailer.close();
    await deps.database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The body of a write, as the load generator sends it (bench/cluster-load-worker.mjs). */
export const writeBody = (spaceId: string, marker: string) => ({
  spaceId,
  title: `Question de charge ${marker}`,
  body: `Message écrit par la mesure de charge, marqueur ${marker}.`,
  theme: 'autre',
  tags: [],
});

/** Replays `statements` on one connection; `rewrite` gives each parameter its value for this request. */
export async function replay(pool: pg.Pool, statements: Statement[], rewrite?: { marker: [string, string]; known: string[] }): Promise<unknown[]> {
  const client = await pool.connect();
  const ids = new Map<string, string>();
  // Ids the request names (the space): never replaced.
  const known = new Set<string>(rewrite?.known ?? []);
  const learn = (v: unknown) => {
    if (typeof v === 'string' && UUID.test(v)) known.add(v);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) learn(x);
  };
  let last: unknown[] = [];
  try {
    for (const st of statements) {
      const values = rewrite
        ? st.values.map((v) => {
            if (typeof v !== 'string') return v;
            if (UUID.test(v)) {
              if (ids.has(v)) return ids.get(v);
              // Generated by the application for this write: a fresh one, the same everywhere after.
              if (!known.has(v)) ids.set(v, randomUUID());
              return ids.get(v) ?? v;
            }
            return v.split(rewrite.marker[0]).join(rewrite.marker[1]);
          })
        : st.values;
      // A named statement (platform/db.ts rowsPrepared) is replayed under its name: prepared once per connection, as the app's.
      const res: pg.QueryResult = st.rowMode === 'array' ? await client.query({ text: st.text, values, rowMode: 'array', name: st.name }) : await client.query({ text: st.text, values, name: st.name });
      if (rewrite) {
        // Ids the database returned (defaults) replace the recorded ones in what follows.
        st.rows.forEach((row, i) => {
          const live = res.rows[i] as Record<string, unknown> | unknown[] | undefined;
          if (!live || !row || typeof row !== 'object') return;
          for (const [k, v] of Object.entries(row)) {
            const now = (live as Record<string, unknown>)[k];
            if (typeof v === 'string' && UUID.test(v) && typeof now === 'string' && now !== v) ids.set(v, now);
          }
          learn(row);
        });
      }
      last = res.rows;
    }
    return last;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/** The bare server on `port` (0: any): the scenario's paths and writes, replayed. */
export async function startBare(databaseUrl: string, captured: Captured, port = 0, poolSize = 10) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, options: '-c jit=off' });
  pool.on('error', () => {});
  const bare = Fastify({ logger: false });
  bare.get('/*', async (req, reply) => {
    const statements = captured.reads.get(req.url);
    if (!statements) return reply.code(404).send({ error: 'NOT_FOUND' });
    return reply.send({ rows: await replay(pool, statements) });
  });
  bare.post('/api/help/questions', async (req, reply) => {
    const title = String((req.body as { title?: string }).title ?? '');
    const marker = title.replace('Question de charge ', '');
    await replay(pool, captured.write.statements, { marker: [captured.write.marker, marker], known: [captured.spaceId] });
    return reply.code(201).send({ id: randomUUID() });
  });
  await bare.listen({ port, host: '127.0.0.1' });
  return {
    port: (bare.server.address() as AddressInfo).port,
    async close() {
      await bare.close();
      await pool.end();
    },
  };
}

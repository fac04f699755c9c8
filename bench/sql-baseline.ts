/**
 * The baseline that issue 14 goal 2 asks for: a bare Fastify route that runs **the same SQL through
 * pg** as the application did for the same path, and answers **the same bytes** (the application's
 * own answer, recorded once). What the ratio app ÷ baseline then judges is the framework, the
 * authorisation, the query building and the serialisation: the database's work is in both.
 *
 * `captureReads` asks the application (in this process, through `inject`) for each path once and
 * records every statement the pg driver sent (bench/cluster-load-bare.ts `recording`), with the
 * answer's body and type; `startSqlBare` serves those paths from its own pool of the same size,
 * replaying the statements in order on one connection (`replay`) before sending the recorded body.
 */
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import pg from 'pg';
import type { App } from '../src/server/platform/types.js';
import { recording, replay, type Statement } from './cluster-load-bare.js';

export type CapturedRead = { statements: Statement[]; body: string; type: string };

/** Each path's statements and answer, as the application runs them (anonymous unless `cookie`). */
export async function captureReads(app: App, paths: string[], cookie?: string): Promise<Map<string, CapturedRead>> {
  const out = new Map<string, CapturedRead>();
  for (const p of paths) {
    let res: Awaited<ReturnType<App['inject']>> | undefined;
    const statements = await recording(async () => {
      res = await app.inject({ method: 'GET', url: p, headers: cookie ? { cookie } : {} });
    });
    if (!res || res.statusCode !== 200) throw new Error(`capture: GET ${p} answered ${res?.statusCode}: ${res?.payload.slice(0, 200)}`);
    if (!statements.length) throw new Error(`capture: GET ${p} sent no SQL through pg (is the database PostgreSQL?)`);
    out.set(p, { statements, body: res.payload, type: String(res.headers['content-type'] ?? 'application/json; charset=utf-8') });
  }
  return out;
}

/** The bare server: each recorded path replays its statements, then sends the application's bytes. */
export async function startSqlBare(databaseUrl: string, captured: Map<string, CapturedRead>, poolSize = 10) {
  // The application's pool settings (platform/db.ts): same size, JIT off.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, options: '-c jit=off' });
  pool.on('error', () => {});
  const bare = Fastify({ logger: false });
  bare.get('/*', async (req, reply) => {
    const read = captured.get(req.url);
    if (!read) return reply.code(404).send({ error: 'NOT_FOUND' });
    await replay(pool, read.statements);
    return reply.type(read.type).send(read.body);
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  return {
    port: (bare.server.address() as AddressInfo).port,
    statements: (path: string) => captured.get(path)?.statements.length ?? 0,
    async close() {
      await bare.close();
      await pool.end();
    },
  };
}

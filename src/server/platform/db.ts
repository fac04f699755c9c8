import path from 'node:path';
import { createHash } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import { createBus, type Bus } from './bus.js';
import * as schema from '../schema.js';
import { lockDataDir } from './lock.js';
import { projectRoot } from './paths.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** What a service receives inside db.transaction(). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export const migrationsFolder = path.join(projectRoot, 'migrations');

export type Database = {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Runs the migrations not yet applied (safe with several processes on PostgreSQL). */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** The PGlite instance, when embedded (tests dump it as a template). */
  pglite?: PGlite;
  /**
   * Holds the session-level advisory lock `key` (a bigint as text) until close(), on a connection
   * of its own that nothing else uses: PostgreSQL releases it the moment this process dies
   * (platform/instance.ts).
   */
  holdLease(key: string): Promise<void>;
  /** PostgreSQL: the pool's connections now (GET /metrics); absent on PGlite, one in-process connection. */
  poolStats?(): { total: number; idle: number; waiting: number; max: number };
  /**
   * The live-update bus of this process: in-process on PGlite (one process per folder), over
   * LISTEN/NOTIFY on PostgreSQL so that every process on the database hears it (ADR 0034). Closed
   * with the database.
   */
  openBus(log?: FastifyBaseLogger): Promise<Bus>;
};

export const pgliteExtensions = { unaccent, pg_trgm };

/**
 * PGlite's buffer pool. With PostgreSQL's default, 128 MB, the WebAssembly server clears the whole
 * pool at every open, on the main thread: the hottest function of an open's CPU profile (1.2 s of 2.9 s
 * at load 8; 0.05 s with 2 MB), the largest single piece of a restart (docs/performance.md, start to
 * ready). 32 MB holds the registry's tables and search indexes of the demo (~30 MB on disk); pages
 * beyond it are read from the folder through the operating system's cache. PGlite serves one
 * connection on small platforms, the demo and the tests (ADR 0002); PostgreSQL keeps its own setting.
 */
export const PGLITE_SHARED_BUFFERS = '32MB';

/** Opens PGlite on an already-locked folder, in memory (no folder), or from a dumped data dir. */
export async function openPglite(opts: { dataDir?: string; loadDataDir?: Blob }): Promise<Database> {
  // Loaded here, on first use: a process on PostgreSQL never pays for PGlite (about 45 MB, issue 14).
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  const client = await PGlite.create({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    extensions: pgliteExtensions,
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    pglite: client,
    async migrate() {
      await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
    },
    async holdLease(key) {
      // One connection, one process per folder: the lock dies with the process (and the WASM server).
      await client.query('SELECT pg_advisory_lock($1::bigint)', [key]);
    },
    async openBus() {
      return createBus();
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

/** How a PostgreSQL pool behaves when the server cannot be reached (docs/reliability.md « Pannes »). */
export type PostgresOptions = {
  /**
   * Longest wait for a connection, new or free in the pool: past it the query fails ("timeout
   * exceeded when trying to connect", a 503 for the API) instead of waiting on a server that
   * swallows packets. Without it, pg waits as long as the operating system's TCP connect.
   */
  connectTimeoutMs?: number;
};

/** The default of DATABASE_CONNECT_TIMEOUT_MS (config.ts), for the pools tests and benches open. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 3000;
/** The lease's connection, lost, is taken again after this delay (then again while it fails). */
const LEASE_RETRY_MS = 1000;

export async function openPostgres(url: string, poolSize = 10, opts: PostgresOptions = {}): Promise<Database> {
  // Loaded here, on first use: a PGlite server never pays for the PostgreSQL driver at start.
  const [{ default: pgModule }, { drizzle: drizzleNodePg }, { migrate: migrateNodePg }] = await Promise.all([
    import('pg'),
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
  ]);
  const connectionTimeoutMillis = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  // TCP keepalive: a connection whose peer vanished without a reset (a cable, a firewall) is found
  // dead by the kernel's probes instead of never.
  const link = { connectionString: url, connectionTimeoutMillis, keepAlive: true, keepAliveInitialDelayMillis: 10_000 };
  // JIT off: the platform's queries are short and planned per request; PostgreSQL's JIT compiles a
  // query whose estimated cost crosses jit_above_cost, which CTEs with default row estimates easily do,
  // and its 100–150 ms of compilation then dwarf a 30 ms query (docs/performance.md, peer suggestions).
  const pool = new pgModule.Pool({ ...link, max: poolSize, options: '-c jit=off' });
  // An idle client losing its connection (server restart, terminated backend) must not crash the
  // process: the pool drops it and opens another on the next query.
  pool.on('error', () => {});
  // pg-pool listens for errors of idle clients only: a client checked out (inside a transaction,
  // between two of its queries) whose connection is reset would emit 'error' with no listener and
  // crash the process (seen in the cluster when PostgreSQL was cut under load). Its next query fails
  // instead ("not queryable", a 503), and the pool drops it when it is released.
  pool.on('connect', (client) => client.on('error', () => {}));
  // Numeric and bigint come back as strings by default; our amounts fit in a double.
  const db = drizzleNodePg(pool, { schema }) as unknown as Db;
  let lease: { client: pg.Client; closing: boolean } | null = null;
  let closed = false;
  const buses: { close(): Promise<void> }[] = [];
  /**
   * Connects the lease's own client and takes the lock; if the connection drops (the server
   * restarted, the network was cut), does it again every LEASE_RETRY_MS until it holds the lock.
   * Meanwhile other processes may take this one for dead (ADR 0017): they only look at start.
   */
  const connectLease = async (key: string): Promise<void> => {
    if (closed) return;
    const holder = { client: new pgModule.Client({ ...link, application_name: 'entraide-lease' }), closing: false };
    lease = holder;
    let retried = false;
    const retry = () => {
      // The lock went with the connection, but this process is alive: take it again.
      if (retried || holder.closing || lease !== holder) return;
      retried = true;
      holder.client.end().catch(() => {});
      setTimeout(() => connectLease(key).catch(() => {}), LEASE_RETRY_MS).unref();
    };
    // 'error' for a connection lost while idle; 'end' covers an end pg reports no error for.
    holder.client.on('error', retry);
    holder.client.on('end', retry);
    try {
      await holder.client.connect();
      await holder.client.query('SELECT pg_advisory_lock($1::bigint)', [key]);
    } catch (e) {
      retry();
      throw e;
    }
  };
  return {
    db,
    driver: 'postgres',
    holdLease: connectLease,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: poolSize }),
    async openBus(log) {
      const { createPgBus } = await import('./pgbus.js');
      const bus = createPgBus({ pg: pgModule, url, pool, log, connectTimeoutMs: connectionTimeoutMillis });
      buses.push(bus);
      await bus.start();
      return bus;
    },
    async migrate() {
      const client = await pool.connect();
      try {
        // One migrator at a time when several app processes start together.
        await client.query('SELECT pg_advisory_lock(727274)');
        await migrateNodePg(drizzleNodePg(client, { schema }), { migrationsFolder });
      } finally {
        await client.query('SELECT pg_advisory_unlock(727274)').catch(() => {});
        client.release();
      }
    },
    async close() {
      closed = true;
      // Before the pool: a bus sends its last events through it.
      await Promise.all(buses.splice(0).map((b) => b.close()));
      if (lease) {
        lease.closing = true;
        await lease.client.end().catch(() => {});
      }
      await pool.end();
    },
  };
}

/**
 * Opens the configured database: PostgreSQL when DATABASE_URL is set, otherwise PGlite in
 * DATA_DIR/pgdata behind the folder lock (a second process gets DataDirLockedError).
 */
export async function openDatabase(cfg: { dataDir: string; databaseUrl?: string; databaseConnectTimeoutMs?: number }): Promise<Database> {
  if (cfg.databaseUrl) return openPostgres(cfg.databaseUrl, 10, { connectTimeoutMs: cfg.databaseConnectTimeoutMs });
  const release = lockDataDir(cfg.dataDir);
  try {
    const database = await openPglite({ dataDir: path.join(cfg.dataDir, 'pgdata') });
    const close = database.close;
    database.close = async () => {
      try {
        await close();
      } finally {
        release();
      }
    };
    return database;
  } catch (e) {
    release();
    throw e;
  }
}

// Node socket errors and PostgreSQL SQLSTATEs that mean "no database to talk to" (server down or
// restarting, connections refused or cut, the database dropped), not a fault of the query.
const unavailableCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN',
  '08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '53300', '3D000',
]);
const unavailableMessages = /PGlite is clos(ed|ing)|Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end|Client has encountered a connection error|Connection is closed/i;

/**
 * Whether an error means the database cannot be reached (the API answers 503, not 500). Drizzle
 * wraps driver errors, so the whole `cause` chain is read.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 6; depth++, e = e.cause as typeof e) {
    if (typeof e.code === 'string' && unavailableCodes.has(e.code)) return true;
    if (typeof e.message === 'string' && unavailableMessages.test(e.message)) return true;
  }
  return false;
}

/** True when the database answers a trivial query. */
export async function ping(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

/** Rows of a raw query, whichever driver ran it. */
export async function rows<T>(db: Db | Tx, query: ReturnType<typeof sql>): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/**
 * Rows of a raw query sent as a named prepared statement (named after its text): on PostgreSQL each
 * pooled connection parses and plans it once, then PostgreSQL's plan cache decides between plans made
 * for the parameters and one kept generic plan (plan_cache_mode auto: the generic one only when its
 * estimated cost is no worse). For a statement of fixed shape run on every request whose planning is
 * a large share of its cost (the help space's search and list). PGlite runs it as rows() does.
 * Unlike rowsWithKeptPlan, parameters stay bound, so any type works and nothing is forced.
 */
export async function rowsPrepared<T>(db: Db | Tx, query: ReturnType<typeof sql>): Promise<T[]> {
  const { q, name } = namedStatement(db, query, 'named');
  const d = db as unknown as {
    session: { prepareQuery(q: { sql: string; params: unknown[] }, fields: undefined, name: string, arrayMode: boolean): { execute(): Promise<{ rows: T[] }> } };
  };
  return (await d.session.prepareQuery(q, undefined, name, false).execute()).rows;
}

/** A query's text and parameters as drizzle sends them, and a statement name made from its text. */
function namedStatement(db: Db | Tx, query: ReturnType<typeof sql>, prefix: 'named' | 'kept') {
  const d = db as unknown as { dialect: { sqlToQuery(q: ReturnType<typeof sql>): { sql: string; params: unknown[] } } };
  const q = d.dialect.sqlToQuery(query);
  return { q, name: `${prefix}_${createHash('sha1').update(q.sql).digest('hex').slice(0, 24)}` };
}

/** A parameter as an SQL literal: an E'' string (whatever standard_conforming_strings says) or NULL. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  const text = value instanceof Date ? value.toISOString() : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string' ? String(value) : null;
  if (text === null || text.includes('\0')) throw new Error(`unsupported parameter for a kept plan: ${typeof value}`);
  return `E'${text.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

type PgPoolLike = { connect(): Promise<pg.PoolClient> };
type PgliteLike = { exec(query: string): Promise<{ rows: unknown[] }[]> };
/** The statements already prepared on each connection (a pooled client, or the PGlite instance). */
const preparedOn = new WeakMap<object, Set<string>>();

/**
 * Rows of a raw query of fixed shape (its parameters aside) whose plan is made once per connection and
 * kept: a prepared statement (named after its text) executed with PostgreSQL's generic plan. For a
 * statement run on every request whose planning costs more than its execution (peer suggestions).
 * The generic plan is asked for that statement only (SET LOCAL, one implicit transaction with the
 * EXECUTE, in one round trip): every other query keeps its plans made for its parameters. Parameters
 * are sent as literals (EXECUTE takes no bound parameters); strings, numbers, booleans and dates only.
 */
export async function rowsWithKeptPlan<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const d = db as unknown as { $client: PgPoolLike | PgliteLike };
  const { q, name } = namedStatement(db, query, 'kept');
  const run = `SET LOCAL plan_cache_mode = force_generic_plan; EXECUTE ${name}${q.params.length ? `(${q.params.map(literal).join(', ')})` : ''}`;
  const onConnection = async (connection: object, exec: (text: string) => Promise<{ rows: unknown[] }[]>) => {
    const prepared = preparedOn.get(connection) ?? new Set<string>();
    preparedOn.set(connection, prepared);
    if (!prepared.has(name)) {
      await exec(`PREPARE ${name} AS ${q.sql}`);
      prepared.add(name);
    }
    const results = await exec(run);
    return results[results.length - 1]!.rows as T[];
  };
  const client = d.$client;
  if ('exec' in client) return onConnection(client, (text) => client.exec(text));
  const conn = await client.connect();
  let failed: unknown;
  try {
    // A simple query of several statements answers one result per statement.
    return await onConnection(conn, async (text) => {
      const r = (await conn.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
      return Array.isArray(r) ? r : [r];
    });
  } catch (e) {
    failed = e;
    throw e;
  } finally {
    conn.release(failed instanceof Error ? failed : undefined);
  }
}

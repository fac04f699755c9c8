import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { inject } from 'vitest';
import { TERMS_VERSION } from '../../src/server/accounts/accounts.contract.js';
import { users } from '../../src/server/accounts/accounts.tables.js';
import { hashPassword } from '../../src/server/accounts/passwords.js';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { memberships, organisations, type OrganisationKind } from '../../src/server/organisations/organisations.tables.js';
import { openPglite, openPostgres, type Database } from '../../src/server/platform/db.js';
import { createDeps, createLogger } from '../../src/server/platform/runtime.js';
import { withDatabase } from './global-setup.js';
import { resetToTemplate, takeSnapshot, type Snapshot, type Sql } from './shared-db.js';
import { startSmtpReceiver } from './smtp.js';

export type MemberInput = { email?: string; role?: 'member' | 'facilitator' | 'admin'; verifiedIn?: string[]; pendingIn?: string[]; emailVerified?: boolean; firstName?: string; lastName?: string; directoryVisibility?: 'members' | 'hidden'; regionCode?: string; themes?: string[]; availableToHelp?: boolean; jobTitle?: string };

export const PASSWORD = 'mot-de-passe-de-test-123';
let passwordHash: Promise<string> | null = null;

/** Where a test database lives, for another process to open it (PostgreSQL URL or PGlite folder). */
export type DatabaseLocation = { url: string } | { folder: string };

type Fresh = { database: Database; reopen: () => Promise<Database>; drop: () => Promise<void>; another: () => Promise<Database>; url?: string; location: DatabaseLocation | null };

/**
 * The worker's own database (ADR 0028): test files run one after the other in a worker process
 * (`isolate: false`), each starting on this database put back in the template's state, instead of
 * a new copy of the template per file. Module state: it lives as long as the worker.
 */
let shared:
  | { kind: 'pglite'; database: Database; sql: Sql; snap: Snapshot; held: boolean }
  | { kind: 'pg'; url: string; client: pg.Client; sql: Sql; snap: Snapshot; held: boolean; dead: boolean }
  | null = null;

/** How many times a context started on the worker's database, and how many after a reset. */
export const sharedDatabaseUses = { opened: 0, reset: 0 };

/** The worker's database and its template snapshot (tests/integration/worker-isolation.test.ts). */
export function workerDatabase(): { sql: Sql; snap: Snapshot; held: boolean } | null {
  return shared && { sql: shared.sql, snap: shared.snap, held: shared.held };
}

const pgliteSql = (database: Database): Sql => ({
  query: async (text, params) => (await database.pglite!.query(text, params)).rows as never,
  exec: async (text) => void (await database.pglite!.exec(text)),
});
const clientSql = (client: pg.Client): Sql => ({
  query: async (text, params) => (await client.query(text, params)).rows,
  exec: async (text) => void (await client.query(text)),
});

/** A new PostgreSQL database cloned from the run's template. */
async function cloneTemplate(): Promise<string> {
  const tpl = inject('pgTemplate');
  const url = inject('pgtUrl');
  const name = `entraide_t_${process.ppid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    // CREATE DATABASE … TEMPLATE needs the template without other connections: retry briefly.
    for (let i = 0; ; i++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${tpl}`);
        break;
      } catch (e) {
        if (i > 20) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    await admin.end();
  }
  return withDatabase(url, name);
}

async function dropDatabase(dbUrl: string) {
  const admin = new pg.Client({ connectionString: inject('pgtUrl') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${new URL(dbUrl).pathname.slice(1)} WITH (FORCE)`);
  await admin.end();
}

/**
 * The worker's database for a test file, reset to the template's state; null when a context of
 * this file still holds it (a second context at once gets a database of its own).
 */
async function sharedDatabase(): Promise<Fresh | null> {
  if (shared?.held) return null;
  if (inject('pgTemplate')) {
    if (shared?.kind === 'pg' && !shared.dead) {
      // Connections a previous file left open (and what they hold) end with it. (A file that dropped
      // the database marks it dead through the client's 'error' event, see below.)
      await shared.client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
      for (let i = 0; i < 100; i++) {
        const { rows } = await shared.client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await resetToTemplate(shared.sql, shared.snap);
      sharedDatabaseUses.reset++;
    } else {
      // First file of the worker, or a file dropped the database (tests/integration/errors.test.ts).
      const url = await cloneTemplate();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const s = { kind: 'pg' as const, url, client, sql: clientSql(client), snap: null as unknown as Snapshot, held: false, dead: false };
      client.on('error', () => (s.dead = true));
      client.on('end', () => (s.dead = true));
      s.snap = await takeSnapshot(s.sql);
      shared = s;
    }
    const s = shared;
    s.held = true;
    sharedDatabaseUses.opened++;
    const open = () => openPostgres(s.url, 5);
    let database = await open();
    return {
      database,
      url: s.url,
      location: { url: s.url },
      another: open,
      reopen: async () => (database = await open()),
      drop: async () => {
        await database.close();
        s.held = false;
      },
    };
  }
  if (shared?.kind === 'pglite' && !shared.database.pglite!.closed) {
    await resetToTemplate(shared.sql, shared.snap);
    sharedDatabaseUses.reset++;
  } else {
    // First file of the worker, or a file closed the database (tests/integration/errors.test.ts).
    const database = await openPglite({ loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]) });
    const sql = pgliteSql(database);
    shared = { kind: 'pglite', database, sql, snap: await takeSnapshot(sql), held: false };
  }
  const s = shared;
  s.held = true;
  sharedDatabaseUses.opened++;
  return {
    database: s.database,
    // PGlite is one process per folder: a second app in this process shares the same instance
    // (closing it is left to the first).
    another: async () => ({ ...s.database, close: async () => {} }),
    location: null,
    reopen: async () => {
      throw new Error('an in-memory database cannot be reopened: pass { restartable: true }');
    },
    // Kept open for the worker's next file.
    drop: async () => {
      s.held = false;
    },
  };
}

/**
 * A database of its own cloned from the migrated template of this run. `folder`: PGlite keeps it
 * in that folder (not in memory), so it can be closed and opened again (a process restart).
 */
async function freshDatabase(folder?: string): Promise<Fresh> {
  if (inject('pgTemplate')) {
    const url = await cloneTemplate();
    let database = await openPostgres(url, 5);
    return {
      database,
      url,
      location: { url },
      // Another process's pool on the same database (closed by its own close()).
      another: () => openPostgres(url, 5),
      reopen: async () => (database = await openPostgres(url, 5)),
      drop: async () => {
        await database.close();
        await dropDatabase(url);
      },
    };
  }
  const file = inject('pgliteTemplate');
  let database = await openPglite({ dataDir: folder, loadDataDir: new Blob([fs.readFileSync(file)]) });
  return {
    database,
    // PGlite is one process per folder: a second app in this process shares the same instance
    // (closing it is left to the first).
    another: async () => ({ ...database, close: async () => {} }),
    location: folder ? { folder } : null,
    reopen: async () => {
      if (!folder) throw new Error('an in-memory database cannot be reopened: pass { restartable: true }');
      return (database = await openPglite({ dataDir: folder }));
    },
    drop: () => database.close(),
  };
}

/**
 * A copy of this run's migrated template for a child process (a real server or command line) that
 * must start on an existing database: PGlite, written into `dataDir/pgdata` where the child opens
 * it; PostgreSQL, a database of its own whose address the child gets in DATABASE_URL. A fresh
 * folder would make every such child migrate and load the whole registry first (a minute or more
 * of CPU per start under load), which the tests of a first start cover elsewhere.
 */
export async function templateForChild(dataDir: string): Promise<{ env: { DATABASE_URL: string }; drop: () => Promise<void> }> {
  if (inject('pgTemplate')) {
    const url = await cloneTemplate();
    return { env: { DATABASE_URL: url }, drop: () => dropDatabase(url) };
  }
  const database = await openPglite({ dataDir: path.join(dataDir, 'pgdata'), loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]) });
  await database.close();
  return { env: { DATABASE_URL: '' }, drop: async () => {} };
}

/** Everything a test file needs: the app over a fresh database, a real SMTP receiver, factories. */
export async function createTestContext(env: Record<string, string> = {}, opts: { restartable?: boolean; logTo?: { write(s: string): unknown } } = {}) {
  const smtp = await startSmtpReceiver();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-test-'));
  // A restartable context closes and reopens its database: one of its own, in a folder.
  const { database, reopen, drop, another, url, location } = opts.restartable
    ? await freshDatabase(path.join(dataDir, 'pgdata'))
    : ((await sharedDatabase()) ?? (await freshDatabase()));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    SMTP_URL: smtp.url,
    LOG_LEVEL: 'silent',
    ALLOW_CLOCK_CONTROL: 'true',
    SESSION_SECRET: 'test-secret-test-secret-test-secret!',
    BASE_URL: 'http://entraide.test',
    ...env,
  });
  let deps = await createDeps(config, createLogger(config, opts.logTo), database);
  let app = await buildApp(deps, { serveWeb: false });
  await app.ready();

  // Agents reach the current app, so their sessions outlive a restart.
  const current: Injectable = { inject: (o) => ctx.app.inject(o) };
  const ctx = {
    app,
    deps,
    db: deps.db,
    clock: deps.clock,
    smtp,
    /**
     * Stops the platform clock at its current instant (set and advance still move it) until the
     * returned function is called, after which it runs on from there: a test that reads seconds
     * left gets the same answer however long a request takes on a loaded machine.
     */
    freezeClock() {
      const c = deps.clock;
      const running = { now: c.now, set: c.set, advance: c.advance };
      let at = c.now().getTime();
      Object.assign(c, {
        now: () => new Date(at),
        set: (d: Date) => (running.set(d), (at = d.getTime())),
        advance: (ms: number) => (running.advance(ms), (at += ms)),
      });
      return () => {
        running.set(new Date(at));
        Object.assign(c, running);
      };
    },
    /** Runs every due job (e-mails…), as the worker would. */
    drainJobs: () => deps.jobs.drain(),
    agent: () => new Agent(current),
    /**
     * Simulates a process restart (restartable contexts): closes the app, its jobs, mailer and
     * database, then opens new ones on the same database. The clock keeps its time. `between`
     * runs while no app runs here, with where the database lives (restartable contexts on PGlite).
     */
    async restart(between?: (location: DatabaseLocation) => Promise<void>) {
      const now = deps.clock.now();
      await app.close();
      await deps.jobs.stop();
      deps.mailer.close();
      await ctx.deps.database.close();
      // While no app runs here (e.g. another process opens the database, then dies).
      if (between) {
        if (!location) throw new Error('restart(between) needs a restartable context on PGlite');
        await between(location);
      }
      deps = await createDeps(config, createLogger(config, opts.logTo), await reopen());
      deps.clock.set(now);
      app = await buildApp(deps, { serveWeb: false });
      await app.ready();
      Object.assign(ctx, { app, deps, db: deps.db, clock: deps.clock });
    },
    /** PostgreSQL: the address of this test's database (for a child process); PGlite: undefined. */
    databaseUrl: url,
    /** Where the database lives (null for an in-memory PGlite), for another process or pool. */
    databaseLocation: location,
    /**
     * A second app process on the same database (its own pool, clock, queues and quota
     * limiters), set to the same time; close it with its close(). On PGlite both apps share one
     * connection, so at its start the second takes the first for dead (ADR 0017): create it before
     * the imports or streams it must not clean up.
     */
    async secondInstance() {
      const d = await createDeps(config, createLogger(config), await another());
      d.clock.set(deps.clock.now());
      const a = await buildApp(d, { serveWeb: false });
      await a.ready();
      const inject: Injectable = { inject: (o) => a.inject(o) };
      return {
        app: a,
        deps: d,
        /** An agent of this instance that carries the cookies of `from` (the same browser, another server). */
        agent: (from?: Agent) => {
          const ag = new Agent(inject, from?.ip);
          if (from) for (const [k, v] of from.cookies) ag.cookies.set(k, v);
          return ag;
        },
        async close() {
          await a.close();
          await d.jobs.stop();
          d.mailer.close();
          await d.database.close();
        },
      };
    },
    async close() {
      await app.close();
      // Nothing of this file may keep running on a database the next file starts on.
      await deps.jobs.stop();
      deps.mailer.close();
      await drop();
      await smtp.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    /** An organisation of its own (unique SIREN-less row), unless `siren` is given. */
    async createOrganisation(input: { name?: string; kind?: OrganisationKind; siren?: string | null; regionCode?: string; departementCode?: string; declaredYearlyPurchases?: number | null } = {}) {
      const now = deps.clock.now();
      const [o] = await deps.db
        .insert(organisations)
        .values({
          name: input.name ?? `Organisation de test ${randomBytes(3).toString('hex')}`,
          kind: input.kind ?? 'commune',
          siren: input.siren ?? null,
          regionCode: input.regionCode ?? '84',
          departementCode: input.departementCode ?? '69',
          declaredYearlyPurchases: input.declaredYearlyPurchases ?? null,
          source: 'test',
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      return o!;
    },
    /** A member with a verified e-mail; `verifiedIn` gives verified memberships, `pendingIn` pending ones. */
    async createMember(input: MemberInput = {}) {
      passwordHash ??= hashPassword(PASSWORD);
      const now = deps.clock.now();
      const email = input.email ?? `membre-${randomBytes(4).toString('hex')}@acheteur.test`;
      const [u] = await deps.db
        .insert(users)
        .values({
          email,
          passwordHash: await passwordHash,
          firstName: input.firstName ?? 'Camille',
          lastName: input.lastName ?? `Test ${randomBytes(2).toString('hex')}`,
          role: input.role ?? 'member',
          emailVerifiedAt: input.emailVerified === false ? null : now,
          directoryVisibility: input.directoryVisibility ?? 'members',
          regionCode: input.regionCode ?? null,
          themes: input.themes ?? [],
          jobTitle: input.jobTitle ?? '',
          availableToHelp: input.availableToHelp ?? false,
          termsAcceptedAt: now,
          termsVersion: TERMS_VERSION,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      for (const orgId of input.verifiedIn ?? [])
        await deps.db.insert(memberships).values({ userId: u!.id, organisationId: orgId, status: 'verified', decidedVia: 'facilitator', decidedAt: now, createdAt: now });
      for (const orgId of input.pendingIn ?? [])
        await deps.db.insert(memberships).values({ userId: u!.id, organisationId: orgId, status: 'pending', createdAt: now });
      return { ...u!, password: PASSWORD };
    },
    /** An agent logged in as a new member (see createMember). */
    async loggedIn(input: MemberInput = {}) {
      const user = await ctx.createMember(input);
      const agent = new Agent(current);
      const res = await agent.post('/api/auth/login', { email: user.email, password: PASSWORD });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
      return { user, agent };
    },
    async userByEmail(email: string) {
      const [u] = await deps.db.select().from(users).where(eq(users.email, email));
      return u;
    },
  };
  return ctx;
}
export type TestContext = Awaited<ReturnType<typeof createTestContext>>;

type Injectable = { inject: (opts: any) => Promise<any> };
type InjectResponse = { statusCode: number; body: string; headers: Record<string, string>; json: () => any; cookies: any[]; rawPayload: Buffer };

/** A browser-like HTTP client over Fastify's inject: keeps cookies, sends the CSRF header. */
export class Agent {
  cookies = new Map<string, string>();
  constructor(private app: Injectable, public ip = '127.0.0.1') {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: string, url: string, body?: unknown, opts: { csrf?: boolean; headers?: Record<string, string>; retried?: boolean } = {}): Promise<InjectResponse> {
    const stateChanging = !['GET', 'HEAD'].includes(method);
    if (stateChanging && opts.csrf !== false && !this.cookies.has('entraide_csrf')) await this.request('GET', '/api/session');
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (stateChanging && opts.csrf !== false) headers['x-csrf-token'] = this.cookies.get('entraide_csrf') ?? '';
    const res = await this.app.inject({ method, url, headers, remoteAddress: this.ip, ...(body === undefined ? {} : { payload: body as object }) });
    for (const c of res.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    // As the web client does (src/web/platform/api.ts): the CSRF token is bound to the session, so
    // after the session ended (expiry, logout elsewhere) a fresh token is fetched and the call retried once.
    if (stateChanging && opts.csrf !== false && !opts.retried && res.statusCode === 403 && /"error":"CSRF"/.test(res.body)) {
      await this.request('GET', '/api/session');
      return this.request(method, url, body, { ...opts, retried: true });
    }
    return res as InjectResponse;
  }
  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown, opts?: { csrf?: boolean }) {
    return this.request('POST', url, body ?? {}, opts);
  }
  put(url: string, body?: unknown) {
    return this.request('PUT', url, body ?? {});
  }
  patch(url: string, body?: unknown) {
    return this.request('PATCH', url, body ?? {});
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }
}

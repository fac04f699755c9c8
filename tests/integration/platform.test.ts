import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { createClock } from '../../src/server/platform/clock.js';
import { openPglite, PGLITE_SHARED_BUFFERS, rows } from '../../src/server/platform/db.js';
import { JobQueue } from '../../src/server/platform/jobs.js';
import { jobs } from '../../src/server/platform/jobs.tables.js';
import { lockDataDir } from '../../src/server/platform/lock.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { cliArgs, serverArgs } from '../helpers/children.js';

const run = promisify(execFile);
// Vitest sets BASE_URL='/' (Vite's base) in process.env: the child gets a clean one.
const childEnv = (extra: Record<string, string>) => {
  const { BASE_URL: _b, ...rest } = process.env;
  return { ...rest, ...extra };
};
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

describe('HTTP platform', () => {
  it('answers health and readiness', async () => {
    expect((await t.agent().get('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.agent().get('/readyz')).json()).toEqual({ status: 'ready' });
  });

  it('publishes the OpenAPI document generated from the contracts', async () => {
    const doc = (await t.agent().get('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/organisations/{organisationId}');
    expect(doc.paths['/api/auth/signup'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['email', 'password', 'firstName', 'lastName', 'acceptTerms']),
    );
    expect((await t.agent().get('/api/docs')).statusCode).toBeLessThan(400);
  });

  it('answers unknown API routes with a French JSON 404 and a request id', async () => {
    const res = await t.agent().get('/api/nexiste-pas');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'NOT_FOUND', message: "Cette page ou cette ressource n'existe pas." });
    expect(res.headers['x-request-id']).toMatch(/^[\w-]+$/);
  });

  it('never shows a stack trace: malformed JSON gets a French message', async () => {
    const agent = t.agent();
    await agent.get('/api/session');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', cookie: `entraide_csrf=${agent.cookies.get('entraide_csrf')}`, 'x-csrf-token': agent.cookies.get('entraide_csrf')! },
      payload: '{"email": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('La requête est mal formée.');
    expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});

describe('configuration and clock', () => {
  it('refuses to start in production without a secret, in French', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET : obligatoire en production/);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), ALLOW_CLOCK_CONTROL: 'true' }).allowClockControl).toBe(false);
  });

  it('refuses any clock move in production', () => {
    const clock = createClock({ controllable: false });
    expect(() => clock.advance(1000)).toThrow("Le déplacement de l'horloge est interdit en production.");
    expect(() => clock.set(new Date(0))).toThrow();
  });
});

describe('jobs', () => {
  it('retries with exponential backoff, then succeeds', async () => {
    const queue = new JobQueue(t.db, t.clock, t.deps.log);
    let calls = 0;
    queue.register('test.flaky', async () => {
      calls++;
      if (calls < 3) throw new Error(`échec ${calls}`);
    });
    await queue.enqueue('test.flaky', {});
    expect(await queue.drain()).toBe(1);
    const [afterOne] = await t.db.select().from(jobs).where(eq(jobs.kind, 'test.flaky'));
    expect(afterOne).toMatchObject({ status: 'queued', attempts: 1, lastError: 'échec 1' });
    // 15 s after the first failure, 30 s after the second (backoff doubles).
    expect(afterOne!.runAt.getTime() - t.clock.now().getTime()).toBeGreaterThan(14_000);
    expect(afterOne!.runAt.getTime() - t.clock.now().getTime()).toBeLessThanOrEqual(15_000);
    t.clock.advance(14_000);
    expect(await queue.drain()).toBe(0);
    t.clock.advance(1_000);
    expect(await queue.drain()).toBe(1);
    t.clock.advance(30_000);
    expect(await queue.drain()).toBe(1);
    const [done] = await t.db.select().from(jobs).where(eq(jobs.kind, 'test.flaky'));
    expect(done).toMatchObject({ status: 'done', attempts: 3 });
  });

  it('runs a delayed job only when due, and marks a job failed after its last attempt', async () => {
    const queue = new JobQueue(t.db, t.clock, t.deps.log);
    const seen: string[] = [];
    queue.register('test.later', async (p: { word: string }) => void seen.push(p.word));
    queue.register('test.broken', async () => {
      throw new Error('toujours en panne');
    });
    await queue.enqueue('test.later', { word: 'demain' }, { delayMs: 24 * 3600_000 });
    await queue.enqueue('test.broken', {}, { maxAttempts: 2 });
    await queue.drain();
    expect(seen).toEqual([]);
    t.clock.advance(24 * 3600_000);
    await queue.drain();
    expect(seen).toEqual(['demain']);
    const [broken] = await t.db.select().from(jobs).where(eq(jobs.kind, 'test.broken'));
    expect(broken).toMatchObject({ status: 'failed', attempts: 2, lastError: 'toujours en panne' });
  });

  it('takes over a job whose process died while running it (survives a restart)', async () => {
    const queue = new JobQueue(t.db, t.clock, t.deps.log);
    let runs = 0;
    queue.register('test.orphan', async () => void runs++);
    await queue.enqueue('test.orphan', {});
    // A process claimed it and died: running, lock held for 5 minutes.
    await t.db.update(jobs).set({ status: 'running', attempts: 1, lockedUntil: new Date(t.clock.now().getTime() + 5 * 60_000) }).where(eq(jobs.kind, 'test.orphan'));
    expect(await queue.drain()).toBe(0);
    t.clock.advance(5 * 60_000 + 1);
    expect(await queue.drain()).toBe(1);
    expect(runs).toBe(1);
  });

  it('runs each job once when several workers share the queue', async () => {
    const counts = new Map<number, number>();
    const make = () => {
      const q = new JobQueue(t.db, t.clock, t.deps.log);
      q.register('test.shared', async ({ n }: { n: number }) => {
        counts.set(n, (counts.get(n) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 2));
      });
      return q;
    };
    const [a, b, c] = [make(), make(), make()];
    for (let n = 0; n < 30; n++) await a.enqueue('test.shared', { n });
    await Promise.all([a.drain(), b.drain(), c.drain()]);
    expect(counts.size).toBe(30);
    expect([...counts.values()].every((v) => v === 1)).toBe(true);
    const [{ n }] = (await rows<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM jobs WHERE kind = 'test.shared' AND status = 'done'`)) as [{ n: number }];
    expect(n).toBe(30);
  });
});

describe('PGlite data folder lock', () => {
  it('refuses a second process on the same folder with a clear French message, and leaves the folder alone', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-lock-'));
    const release = lockDataDir(dir);
    try {
      const err = await run(process.execPath, serverArgs(), { env: childEnv({ DATA_DIR: dir, DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'silent' }) }).then(
        () => null,
        (e: { code: number; stderr: string }) => e,
      );
      expect(err?.code).toBe(1);
      expect(err?.stderr).toContain(`Le dossier de données ${dir} est déjà ouvert par un autre processus Entraide (pid ${process.pid})`);
      expect(fs.existsSync(path.join(dir, 'pgdata'))).toBe(false);
      // The command line refuses the same way.
      const cli = await run(process.execPath, cliArgs('db', 'reset'), { env: childEnv({ DATA_DIR: dir, DATABASE_URL: '' }) }).then(
        () => null,
        (e: { code: number; stderr: string }) => e,
      );
      expect(cli?.code).toBe(1);
      expect(cli?.stderr).toContain('est déjà ouvert par un autre processus Entraide');
    } finally {
      release();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes over the lock of a process that died', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-lock-'));
    // A pid that cannot be alive (above the kernel's maximum).
    fs.writeFileSync(path.join(dir, 'entraide.lock'), '99999999');
    const release = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, 'entraide.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, 'entraide.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('start to ready (issue 14, goal 4)', () => {
  it('opens PGlite with a 32 MB buffer pool, which the WebAssembly server clears at every open', async () => {
    expect(PGLITE_SHARED_BUFFERS).toBe('32MB');
    const database = await openPglite({});
    try {
      expect(await rows<{ shared_buffers: string }>(database.db, sql`SHOW shared_buffers`)).toEqual([{ shared_buffers: '32MB' }]);
    } finally {
      await database.close();
    }
  });

  it('loads the libraries of the first upload, e-mail, ProConnect sign-in and rendered page on first use, not at start', () => {
    // The modules the built server imports before main() runs: start.js and everything it imports
    // statically, through the chunks esbuild shares; dynamic import() is left for later.
    const dir = inject('serverBuild');
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const m of text.matchAll(/^(?:import|export)\s+(?:[\s\S]*?\s+from\s+)?["']([^"']+)["'];?$/gm)) {
        const spec = m[1]!;
        if (spec.startsWith('.')) visit(path.normalize(path.join(path.dirname(file), spec)));
        else packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
      for (const m of text.matchAll(/await import\("(\.[^"]+)"\)/g)) if (file === 'start.js') visit(path.normalize(path.join(path.dirname(file), m[1]!)));
    };
    visit('start.js');
    expect(packages).toContain('fastify');
    for (const later of ['react', 'react-dom', 'react-router', '@codegouvfr/react-dsfr', '@tanstack/react-query', 'nodemailer', 'file-type', 'yauzl', 'openid-client', 'pdfkit', 'fontkit', 'exceljs']) {
      expect(packages, later).not.toContain(later);
    }
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { openPostgres, type Database } from '../../src/server/platform/db.js';
import { platformSettings } from '../../src/server/platform/jobs.tables.js';
import { createDeps, createLogger } from '../../src/server/platform/runtime.js';
import { Agent, createTestContext, type TestContext } from '../helpers/context.js';

// Issue 11, item 6: outside production, SESSION_SECRET unset means a random secret made on the
// first start and kept in the database, shared by every instance on it; never a constant.
let t: TestContext;
beforeAll(async () => {
  // An empty variable counts as unset.
  t = await createTestContext({ SESSION_SECRET: '' });
});
afterAll(() => t?.close());

const stored = async () => (await t.db.select().from(platformSettings).where(eq(platformSettings.key, 'session_secret')))[0]?.value as { secret: string } | undefined;

/** Another app instance on the same database (its own pool on PostgreSQL). */
async function secondInstance(): Promise<{ database: Database; own: boolean }> {
  const url = t.databaseLocation && 'url' in t.databaseLocation ? t.databaseLocation.url : null;
  return url ? { database: await openPostgres(url, 2), own: true } : { database: t.deps.database, own: false };
}

describe('session secret', () => {
  it('item 6: no secret in the source: unset outside production means none until the database gives one', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).sessionSecret).toBeNull();
    expect(loadConfig({ NODE_ENV: 'test' }).sessionSecret).toBeNull();
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET : obligatoire en production/);
    // The constant that used to be the fallback is gone from the code.
    const root = path.resolve(import.meta.dirname, '../../src');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|tsx|mjs)$/.test(f));
    expect(files.filter((f) => fs.readFileSync(path.join(root, f), 'utf8').includes('dev-only-secret'))).toEqual([]);
  });

  it('item 6: the first start keeps a random secret in the database, and the app signs with it', async () => {
    const row = await stored();
    expect(row?.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(t.deps.config.sessionSecret).toBe(row!.secret);
  });

  it('item 6: two instances starting together on one database agree on one secret, and accept each other’s tokens', async () => {
    await t.db.delete(platformSettings).where(eq(platformSettings.key, 'session_secret'));
    const config = t.deps.config;
    const envConfig = { ...config, sessionSecret: null };
    const other = await secondInstance();
    const [a, b] = await Promise.all([createDeps(envConfig, createLogger(config), t.deps.database), createDeps(envConfig, createLogger(config), other.database)]);
    const appA = await buildApp(a, { serveWeb: false });
    const appB = await buildApp(b, { serveWeb: false });
    try {
      const row = await stored();
      expect(a.config.sessionSecret).toBe(row!.secret);
      expect(b.config.sessionSecret).toBe(row!.secret);
      // A new first start makes a new secret: it is random, not written anywhere in the code.
      expect(row!.secret).not.toBe(t.deps.config.sessionSecret);

      // A CSRF token issued by instance A is accepted by instance B (a load balancer may send the
      // next request to either): the login is refused for its password, not for the token.
      const agentA = new Agent(appA);
      await agentA.get('/api/session');
      const agentB = new Agent(appB);
      agentB.cookies = agentA.cookies;
      const login = await agentB.post('/api/auth/login', { email: 'personne@exemple.test', password: 'mauvais-mot-de-passe' });
      expect(login.statusCode).toBe(401);
      // The first context (older secret) refuses it.
      const agentT = t.agent();
      agentT.cookies = agentA.cookies;
      // (csrf: false: the agent would otherwise fetch a fresh token and retry, as the web client does.)
      const refused = await agentT.request('POST', '/api/auth/login', { email: 'personne@exemple.test', password: 'x' }, { csrf: false, headers: { 'x-csrf-token': agentA.cookies.get('entraide_csrf')! } });
      expect(refused.json().error).toBe('CSRF');
    } finally {
      await appA.close();
      await appB.close();
      a.mailer.close();
      b.mailer.close();
      if (other.own) await other.database.close();
    }
  });
});

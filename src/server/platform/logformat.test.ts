import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { loadConfig } from '../config.js';
import { logRequest, SLOW_REQUEST_MS } from './http.js';
import { formatLogLine } from './logformat.js';
import { createLogger } from './runtime.js';

// Issue 13, item 11: readable one-line logs in development (warnings, errors, slow requests), JSON
// lines in production, the level from the one config schema.

const sink = () => {
  const lines: string[] = [];
  return { lines, write: (s: string) => void lines.push(...s.split('\n').filter(Boolean)) };
};

describe('item 11: console logs', () => {
  it('item 11: a record becomes one readable line; an error keeps its stack, indented below', () => {
    const time = new Date(2026, 2, 5, 9, 7, 3).getTime();
    expect(formatLogLine(JSON.stringify({ level: 40, time, reqId: 'x1', msg: 'slow request', method: 'GET', route: '/api/events/:id', statusCode: 200, ms: 812 }))).toBe(
      '09:07:03  WARN   slow request  GET /api/events/:id  200  812 ms\n',
    );
    const err = { type: 'TypeError', message: 'boom', stack: 'TypeError: boom\n    at f (a.ts:1:2)\n    at g (b.ts:3:4)' };
    expect(formatLogLine(JSON.stringify({ level: 50, time, msg: 'unexpected error', err, jobId: 'j9' }))).toBe(
      '09:07:03  ERROR  unexpected error  jobId=j9  — TypeError: boom\n    at f (a.ts:1:2)\n    at g (b.ts:3:4)\n',
    );
    expect(formatLogLine('not json')).toBe('not json\n');
  });

  it('item 11: the level comes from LOG_LEVEL; unset, warn outside production and info in production', () => {
    expect(loadConfig({}).logLevel).toBe('warn');
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) }).logLevel).toBe('info');
    expect(loadConfig({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(() => loadConfig({ LOG_LEVEL: 'bavard' })).toThrow(/LOG_LEVEL/);
  });

  it('item 11: production writes JSON lines; development writes the same record as a readable line', () => {
    const prod = sink();
    createLogger({ env: 'production', logLevel: 'info' }, prod).warn({ jobId: 'j1' }, 'job failed');
    expect(JSON.parse(prod.lines[0]!)).toMatchObject({ level: 40, msg: 'job failed', jobId: 'j1' });
    const dev = sink();
    const log = createLogger({ env: 'development', logLevel: 'warn' }, dev);
    log.info('not shown at warn');
    log.warn({ jobId: 'j1' }, 'job failed');
    expect(dev.lines).toHaveLength(1);
    expect(dev.lines[0]).toMatch(/^\d\d:\d\d:\d\d {2}WARN {3}job failed {2}jobId=j1$/);
  });

  it('item 11: a request slower than 500 ms is a warning naming its route (never its query); others are info', () => {
    const seen: { level: string; fields: Record<string, unknown>; msg: string }[] = [];
    const log = { warn: (fields: Record<string, unknown>, msg: string) => seen.push({ level: 'warn', fields, msg }), info: (fields: Record<string, unknown>, msg: string) => seen.push({ level: 'info', fields, msg }) };
    const req = (url: string, route?: string) => ({ method: 'GET', url, routeOptions: { url: route }, log }) as never;
    logRequest(req('/api/calendar/personal/secret-token.ics', '/api/calendar/personal/:token.ics'), { elapsedTime: SLOW_REQUEST_MS + 1, statusCode: 200 } as never);
    logRequest(req('/notifications/desabonnement?jeton=secret'), { elapsedTime: SLOW_REQUEST_MS, statusCode: 200 } as never);
    expect(seen).toEqual([
      { level: 'warn', msg: 'slow request', fields: { method: 'GET', route: '/api/calendar/personal/:token.ics', statusCode: 200, ms: 501 } },
      { level: 'info', msg: 'request completed', fields: { method: 'GET', route: '/notifications/desabonnement', statusCode: 200, ms: 500 } },
    ]);
  });

  describe('through the app', () => {
    const out = sink();
    let t: TestContext;
    beforeAll(async () => {
      t = await createTestContext({ LOG_LEVEL: 'info' }, { logTo: out });
    });
    afterAll(() => t?.close());

    it('item 11: one readable line per request at info (Fastify wrote two JSON lines per request)', async () => {
      out.lines.length = 0;
      for (let i = 0; i < 3; i++) expect((await t.agent().get('/healthz')).statusCode).toBe(200);
      expect((await t.agent().get('/api/nexiste-pas?jeton=secret')).statusCode).toBe(404);
      expect(out.lines).toHaveLength(4);
      for (const line of out.lines.slice(0, 3)) expect(line).toMatch(/^\d\d:\d\d:\d\d {2}INFO {3}request completed {2}GET \/healthz {2}200 {2}\d+ ms$/);
      expect(out.lines[3]).toMatch(/^\d\d:\d\d:\d\d {2}INFO {3}request completed {2}GET \/api\/nexiste-pas {2}404 {2}\d+ ms$/);
    });
  });
});

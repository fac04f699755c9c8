import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../helpers/global-setup.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

// Issue 11, item 7: one error handler. Whatever the framework refuses gets its status, a French
// message and nothing of the request; an unreachable database is a 503 in French, not a 500.
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

type Res = { statusCode: number; body: string; headers: Record<string, string>; json: () => any };
/** The answer is the platform's French JSON and quotes nothing of what was sent. */
function expectFrench(res: Res, status: number, error: string, message: string, sent: string[]) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.json()).toEqual({ error, message });
  for (const s of sent) expect(res.body).not.toContain(s);
}

describe('framework errors', () => {
  it('item 7: a URL that cannot be decoded (FST_ERR_BAD_URL) gets a French 400 that does not quote it', async () => {
    const res = await t.agent().get('/api/library/resources/%E0%A4%A-piege');
    expectFrench(res, 400, 'BAD_REQUEST', 'La requête est mal formée.', ['%E0', 'piege', 'resources', 'FST_']);
    expect(res.headers['x-request-id']).toMatch(/^[\w-]+$/);
  });

  it('item 7: a path parameter over the length limit (FST_ERR_MAX_PARAM_LENGTH) gets a French 414', async () => {
    const res = await t.agent().get(`/api/library/resources/${'piege'.repeat(40)}`);
    expectFrench(res, 414, 'URI_TOO_LONG', "L'adresse demandée est trop longue.", ['piege', 'FST_']);
  });

  it('item 7: content types, empty and oversized bodies get their status and a French message', async () => {
    const agent = t.agent();
    const type = await agent.request('POST', '/api/auth/login', 'email=piege', { headers: { 'content-type': 'application/x-piege' } });
    expectFrench(type, 415, 'UNSUPPORTED_MEDIA_TYPE', "Ce type de contenu n'est pas accepté.", ['piege', 'FST_']);
    const empty = await agent.request('POST', '/api/auth/login', '', { headers: { 'content-type': 'application/json' } });
    expectFrench(empty, 400, 'BAD_REQUEST', 'La requête est mal formée.', ['FST_', 'JSON']);
    // The API accepts JSON bodies of 1 MB at most.
    const big = await agent.request('POST', '/api/auth/login', JSON.stringify({ email: 'piege'.repeat(250_000), password: 'x' }), { headers: { 'content-type': 'application/json' } });
    expectFrench(big, 413, 'PAYLOAD_TOO_LARGE', 'Le contenu envoyé est trop volumineux.', ['piege', 'FST_']);
  });

  it('item 7: a request the HTTP parser cannot read gets a French 400 on the socket', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = t.app.server.address() as net.AddressInfo;
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.write('GET /piege HTTP/1.1\r\nHost: piege\r\nBad Header Piege\r\n\r\n'));
        let data = '';
        socket.on('data', (c) => (data += c.toString('utf8')));
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
      expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
      expect(body).toEqual({ error: 'BAD_REQUEST', message: 'La requête est mal formée.' });
      expect(answer).not.toContain('piege');
    } finally {
      await t.app.server.close();
    }
  });
});

describe('database unreachable', () => {
  it('item 7: the API answers 503 in French when the database is gone, and the process keeps answering', async () => {
    const { agent } = await t.loggedIn();
    expect((await agent.get('/api/library/resources')).statusCode).toBe(200);
    // Stop the database under the app: close PGlite, or drop the PostgreSQL database (its
    // connections are terminated with it).
    const location = t.databaseLocation;
    if (location && 'url' in location) {
      const name = new URL(location.url).pathname.slice(1);
      const admin = new pg.Client({ connectionString: withDatabase(location.url, 'postgres') });
      await admin.connect();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    } else await t.deps.database.close();

    const message = 'Le service est momentanément indisponible : la base de données ne répond pas. Réessayez dans quelques instants.';
    // Signed in (the session is read from the database) and anonymous, reads and writes.
    for (const res of [await agent.get('/api/library/resources'), await t.agent().get('/api/library/resources'), await agent.post('/api/auth/logout')]) {
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ error: 'UNAVAILABLE', message });
      expect(res.headers['retry-after']).toBe('10');
    }
    expect((await t.agent().get('/healthz')).statusCode).toBe(200);
    const ready = await t.agent().get('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'unavailable', database: 'injoignable' });
  });
});

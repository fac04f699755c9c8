import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, PASSWORD, type Agent, type TestContext } from '../../../tests/helpers/context.js';
import { makePdf, multipart } from '../../../tests/helpers/documents.js';
import { codevFixture } from '../codev/codev.fixtures.js';
import { ONE_CLICK_UNSUBSCRIBE_PATH } from '../notifications/notifications.routes.js';
import { rows } from './db.js';
import { liveStreams } from './quotas.tables.js';

// Issue 12, item 5: quotas per account — uploads per hour and bytes per day on every upload route,
// live streams per session and per account — counted in the database, so shared by app instances.
let t: TestContext;
let pdf: Buffer;
beforeAll(async () => {
  t = await createTestContext();
  pdf = await makePdf(['Grille de notation pondérée']);
});
afterAll(() => t?.close());

type Second = Awaited<ReturnType<TestContext['secondInstance']>>;
const propose = (a: Agent, title: string, content = pdf) => {
  const body = multipart({ kind: 'template', title, visibility: 'verified' }, [{ fileName: 'grille.pdf', content }]);
  return a.request('POST', '/api/library/proposals', body.payload, { headers: body.headers });
};
const resourceCount = async () => (await rows<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM library_resources`))[0]!.n;
const verifiedMember = async () => (await t.loggedIn({ verifiedIn: [(await t.createOrganisation()).id] })).agent;

describe('item 5: uploads per hour', () => {
  it('item 5: the 25th upload in an hour gets 429 with a French message saying when it resets; another member is not held', async () => {
    // 12:00 in Paris (summer time): the hour's window ends at 13:00.
    const member = await verifiedMember();
    t.clock.set(new Date('2026-06-01T10:00:00Z'));
    for (let i = 1; i <= 24; i++) expect((await propose(member, `Proposition ${i}`)).statusCode).toBe(201);
    t.clock.set(new Date('2026-06-01T10:30:00Z'));
    const before = await resourceCount();
    const refused = await propose(member, 'Proposition 25');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({
      error: 'QUOTA_UPLOADS',
      message:
        "Vous avez déjà envoyé 24 fichiers ou formulaires avec fichiers dans l'heure, le maximum par compte. Vous pourrez en envoyer de nouveau à 13 h 00 (heure de Paris).",
    });
    // Half an hour, give or take the moments the first upload and this one took to be counted.
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(1795);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(1805);
    expect(await resourceCount()).toBe(before);
    // Per account: someone else still proposes.
    expect((await propose(await verifiedMember(), 'Autre membre')).statusCode).toBe(201);
    // At 13:00:01 in Paris, a new hour.
    t.clock.set(new Date('2026-06-01T11:00:01Z'));
    expect((await propose(member, 'Proposition 25, une heure après')).statusCode).toBe(201);
  });

  it('item 5: two app instances on the same database share the counters', async () => {
    t.clock.set(new Date('2026-06-05T08:00:00Z'));
    const second: Second = await t.secondInstance();
    try {
      const member = await verifiedMember();
      const elsewhere = second.agent(member);
      for (let i = 1; i <= 12; i++) {
        expect((await propose(member, `Ici ${i}`)).statusCode).toBe(201);
        expect((await propose(elsewhere, `Là-bas ${i}`)).statusCode).toBe(201);
      }
      expect((await propose(member, 'Ici 13')).json().error).toBe('QUOTA_UPLOADS');
      expect((await propose(elsewhere, 'Là-bas 13')).json().error).toBe('QUOTA_UPLOADS');
    } finally {
      await second.close();
    }
  });

  it('item 5: every upload route of the route table has the quotas, and no other route takes a multipart body', async () => {
    expect([...t.app.quotas.uploadRoutes].sort()).toEqual([
      'PATCH /api/library/resources/:resourceId',
      'POST /api/decp/uploads',
      'POST /api/library/proposals',
      'POST /api/library/resources',
      'POST /api/spasers/:spaserId/evidence',
    ]);
    const { agent: admin } = await t.loggedIn({ role: 'admin' });
    const body = multipart({ title: 'x' }, [{ fileName: 'a.pdf', content: pdf }]);
    const others = t.app.routeTable.filter(
      (r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && !t.app.quotas.uploadRoutes.includes(`${r.method} ${r.url}`) && r.url !== ONE_CLICK_UNSUBSCRIBE_PATH,
    );
    expect(others.length).toBeGreaterThan(50);
    for (const r of others) {
      const url = r.url.replace(/:\w+/g, '00000000-0000-4000-8000-000000000000');
      const res = await admin.request(r.method, url, body.payload, { headers: body.headers });
      expect([r.method, r.url, res.statusCode]).toEqual([r.method, r.url, 415]);
    }
  });
});

describe('item 5: bytes per day', () => {
  let small: TestContext;
  beforeAll(async () => {
    small = await createTestContext({ UPLOAD_MB_PER_DAY: '1' });
  });
  afterAll(() => small?.close());

  it('item 5: an upload that would go over the bytes of the day gets 429 with a French message saying when it resets, nothing kept', async () => {
    const { user, agent: member } = await small.loggedIn({ verifiedIn: [(await small.createOrganisation()).id] });
    small.clock.set(new Date('2026-06-01T10:00:00Z'));
    // 600 KiB after the PDF's end: a valid PDF that weighs.
    const heavy = Buffer.concat([pdf, Buffer.alloc(600 * 1024, 0x20)]);
    const send = (title: string, content: Buffer) => {
      const body = multipart({ kind: 'template', title, visibility: 'verified' }, [{ fileName: 'lourd.pdf', content }]);
      return { size: body.payload.length, res: member.request('POST', '/api/library/proposals', body.payload, { headers: body.headers }) };
    };
    const first = send('Premier envoi', heavy);
    expect((await first.res).statusCode).toBe(201);
    small.clock.set(new Date('2026-06-01T12:00:00Z'));
    const count = async () => (await rows<{ n: number }>(small.db, sql`SELECT count(*)::int AS n FROM library_resources`))[0]!.n;
    const before = await count();
    const second = await send('Deuxième envoi', heavy).res;
    expect(second.statusCode).toBe(429);
    // First send: the PDF, 614 400 bytes of padding and the multipart envelope, about 0.6 MiB.
    const used = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(first.size / 1024 / 1024);
    expect(used).toBe('0,6');
    expect(second.json()).toEqual({
      error: 'QUOTA_UPLOAD_BYTES',
      message: `Cet envoi dépasserait le volume de 1 Mo de fichiers par jour et par compte (${used} Mo déjà envoyés). Le compteur repart à zéro le 02/06 à 12 h 00 (heure de Paris).`,
    });
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(22 * 3600 - 5);
    expect(Number(second.headers['retry-after'])).toBeLessThanOrEqual(22 * 3600 + 5);
    expect(await count()).toBe(before);
    // A refused upload used nothing: a small one still fits in the day.
    expect((await send('Petit envoi', pdf).res).statusCode).toBe(201);
    // The next day (12:00 in Paris, 24 hours after the first send), the heavy one goes through.
    small.clock.set(new Date('2026-06-02T10:00:01Z'));
    // (A short session ends after 12 idle hours: log in again.)
    expect((await member.post('/api/auth/login', { email: user.email, password: PASSWORD })).statusCode).toBe(200);
    expect((await send('Le lendemain', heavy).res).statusCode).toBe(201);
  });
});

describe('item 5: live streams per session and per account (real HTTP, two instances)', () => {
  type Opened = { status: number; body: string; close: () => void };
  /** Opens a co-development stream and resolves at its first event (200) or at the end of a refusal. */
  function openStream(port: number, path: string, cookies: Map<string, string>): Promise<Opened> {
    return new Promise((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path, headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), accept: 'text/event-stream' } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        const done = () => resolve({ status: res.statusCode ?? 0, body, close: () => req.destroy() });
        res.on('data', (chunk: string) => {
          body += chunk;
          if (res.statusCode === 200 && body.includes('event: snapshot')) done();
        });
        res.on('end', done);
      });
      req.on('error', reject);
    });
  }

  it('item 5: the 5th stream of a session and the 9th of an account are refused in French, across instances', async () => {
    t.clock.set(new Date('2026-11-26T15:00:00Z'));
    const f = await codevFixture(t);
    const path = `/api/codev/sessions/${f.sessionId}/events`;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const portA = (t.app.server.address() as AddressInfo).port;
    const second = await t.secondInstance();
    const opened: Opened[] = [];
    try {
      await second.app.listen({ port: 0, host: '127.0.0.1' });
      const portB = (second.app.server.address() as AddressInfo).port;
      const login = async () => {
        const a = t.agent();
        expect((await a.post('/api/auth/login', { email: f.consultant.user.email, password: PASSWORD })).statusCode).toBe(200);
        return a.cookies;
      };
      const one = f.consultant.agent.cookies;
      for (let i = 0; i < 4; i++) {
        const s = await openStream(portA, path, one);
        expect(s.status).toBe(200);
        opened.push(s);
      }
      // The fifth stream of the session, on the other instance: refused.
      const fifth = await openStream(portB, path, one);
      expect(fifth.status).toBe(429);
      expect(JSON.parse(fifth.body)).toEqual({
        error: 'STREAMS_PER_SESSION',
        message: 'Trop de pages en direct sont ouvertes dans ce navigateur. Fermez les onglets en trop, puis rechargez cette page.',
      });
      // A second session of the same account, on instance B: four more (8 for the account).
      const two = await login();
      for (let i = 0; i < 4; i++) {
        const s = await openStream(portB, path, two);
        expect(s.status).toBe(200);
        opened.push(s);
      }
      // A third session: the account holds 8 streams, the most it may.
      const three = await login();
      const ninth = await openStream(portA, path, three);
      expect(ninth.status).toBe(429);
      expect(JSON.parse(ninth.body)).toEqual({
        error: 'STREAMS_PER_ACCOUNT',
        message: 'Trop de pages en direct sont ouvertes avec votre compte (sur cet appareil ou un autre). Fermez celles qui ne servent plus, puis rechargez cette page.',
      });
      // Another member is not held by this account's streams.
      expect((await openStream(portA, path, f.client.agent.cookies)).status).toBe(200);
      // Closing one stream frees its place (once the server has seen it close).
      opened.shift()!.close();
      const userStreams = async () => (await t.db.select().from(liveStreams).where(eq(liveStreams.userId, f.consultant.user.id))).length;
      await expect.poll(userStreams, { timeout: 10_000 }).toBe(7);
      const again = await openStream(portA, path, three);
      expect(again.status).toBe(200);
      opened.push(again);
    } finally {
      for (const s of opened) s.close();
      await second.close();
    }
  });
});

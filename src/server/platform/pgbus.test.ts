import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { codevFixture } from '../codev/codev.fixtures.js';
import type { BusEvent } from './bus.js';
import { chunkText, MAX_EVENT_BYTES, type PgBus } from './pgbus.js';

// The bus across processes (ADR 0034): two app instances on one PostgreSQL database, each with its
// own pool and LISTEN connection, as two processes behind a load balancer would be.

describe('chunkText', () => {
  it('cuts a message in pieces that join back to it, never between the halves of an emoji', () => {
    const text = `${'é'.repeat(5)}😀${'a'.repeat(3)}`; // 5 + 2 + 3 = 10 UTF-16 units
    const pieces = chunkText(text, 6);
    // A cut after 6 units would split the emoji (units 5 and 6): the first piece stops before it.
    expect(pieces).toEqual(['ééééé', '😀aaa']);
    expect(pieces.join('')).toBe(text);
    expect(chunkText('')).toEqual(['']);
  });
});

const onPostgres = Boolean(inject('pgTemplate'));

/** Waits until `pred` holds (an event travels through PostgreSQL: no fixed delay to guess). */
async function until(pred: () => boolean, what: string) {
  for (let i = 0; i < 1000; i++) {
    if (pred()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`still waiting for ${what}`);
}

describe.runIf(onPostgres)('PgBus: two instances on one PostgreSQL database', () => {
  let t: TestContext;
  let b: Awaited<ReturnType<TestContext['secondInstance']>>;
  let busA: PgBus;
  let busB: PgBus;
  beforeAll(async () => {
    t = await createTestContext();
    b = await t.secondInstance();
    busA = t.deps.bus as PgBus;
    busB = b.deps.bus as PgBus;
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('each instance listens on its own connection, under its own origin', () => {
    expect(busA.listening).toBe(true);
    expect(busB.listening).toBe(true);
    expect(busA.origin).not.toBe(busB.origin);
  });

  it('an event published on A reaches a subscriber on B once, and A’s own subscriber once', async () => {
    const onA: BusEvent[] = [];
    const onB: BusEvent[] = [];
    const offA = busA.subscribe('test:once', (e) => onA.push(e));
    const offB = busB.subscribe('test:once', (e) => onB.push(e));
    busA.publish('test:once', { type: 'first', n: 1 });
    // Local delivery is immediate, as with the in-process bus.
    expect(onA).toEqual([{ type: 'first', n: 1 }]);
    await until(() => onB.length === 1, 'the first event on B');
    // B answers; A hears the answer after its own NOTIFY came back (commit order), which it dropped.
    busB.publish('test:once', { type: 'second', n: 2 });
    await until(() => onA.length === 2, 'the second event on A');
    expect(onA).toEqual([
      { type: 'first', n: 1 },
      { type: 'second', n: 2 },
    ]);
    expect(onB).toEqual([
      { type: 'first', n: 1 },
      { type: 'second', n: 2 },
    ]);
    offA();
    offB();
  });

  it('only the subscribers of the topic hear it; an unsubscribed listener hears nothing more', async () => {
    const heard: string[] = [];
    const off1 = busB.subscribe('test:topic-1', (e) => heard.push(`1:${e.type}`));
    const off2 = busB.subscribe('test:topic-2', (e) => heard.push(`2:${e.type}`));
    busA.publish('test:topic-1', { type: 'a' });
    busA.publish('test:topic-2', { type: 'b' });
    await until(() => heard.length === 2, 'two events');
    off1();
    busA.publish('test:topic-1', { type: 'c' });
    busA.publish('test:topic-2', { type: 'd' });
    // Events of one process arrive in the order published: 'd' comes after 'c' would have.
    await until(() => heard.length === 3, 'the third event');
    expect(heard).toEqual(['1:a', '2:b', '2:d']);
    off2();
  });

  it('an event larger than a NOTIFY payload (8000 bytes) crosses in pieces, intact', async () => {
    const onB: BusEvent[] = [];
    const off = busB.subscribe('test:large', (e) => onB.push(e));
    // A 20 000-character note (the longest allowed) of accented letters and emoji: ~50 kB of JSON.
    const body = 'Éléments de réponse « commande publique » 😀 '.repeat(20_000 / 44).slice(0, 20_000);
    busA.publish('test:large', { type: 'note', note: { body } });
    await until(() => onB.length === 1, 'the large event');
    expect((onB[0]!.note as { body: string }).body).toBe(body);
    off();
  });

  it(`an event over ${MAX_EVENT_BYTES} bytes is refused across processes but still heard in its own`, async () => {
    const onA: BusEvent[] = [];
    const onB: BusEvent[] = [];
    const offA = busA.subscribe('test:huge', (e) => onA.push(e));
    const offB = busB.subscribe('test:huge', (e) => onB.push(e));
    busA.publish('test:huge', { type: 'huge', body: 'x'.repeat(MAX_EVENT_BYTES) });
    busA.publish('test:huge', { type: 'small' });
    await until(() => onB.length === 1, 'the small event');
    expect(onB.map((e) => e.type)).toEqual(['small']);
    expect(onA.map((e) => e.type)).toEqual(['huge', 'small']);
    offA();
    offB();
  });

  it('listens again by itself when its connection is cut', async () => {
    const onB: BusEvent[] = [];
    const off = busB.subscribe('test:reconnect', (e) => onB.push(e));
    // What a PostgreSQL restart or a network cut does to both instances' listening connections.
    await t.db.execute(sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'entraide-bus'`);
    await until(() => !busB.listening, 'B to notice');
    await until(() => busA.listening && busB.listening, 'both to listen again');
    busA.publish('test:reconnect', { type: 'after' });
    await until(() => onB.length === 1, 'the event after reconnection');
    expect(onB).toEqual([{ type: 'after' }]);
    off();
  });
});

describe.runIf(onPostgres)('live notes and access changes across instances', () => {
  let t: TestContext;
  let b: Awaited<ReturnType<TestContext['secondInstance']>>;
  let f: Awaited<ReturnType<typeof codevFixture>>;
  let portB: number;
  beforeAll(async () => {
    t = await createTestContext();
    t.clock.set(new Date('2026-11-26T15:00:00Z'));
    f = await codevFixture(t);
    expect((await f.staff.agent.post(`/api/codev/sessions/${f.sessionId}/steps`, { action: 'start' })).statusCode).toBe(200);
    b = await t.secondInstance();
    await b.app.listen({ port: 0, host: '127.0.0.1' });
    portB = (b.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  /** Opens the session's stream on instance B with these cookies and collects its events. */
  function streamOnB(cookies: Map<string, string>) {
    const events: { event: string; data: any }[] = [];
    let buffer = '';
    let ended = false;
    const req = http.get(
      { host: '127.0.0.1', port: portB, path: `/api/codev/sessions/${f.sessionId}/events`, headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let i: number;
          while ((i = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            const ev = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (ev && data) events.push({ event: ev, data: JSON.parse(data) });
          }
        });
        res.on('end', () => (ended = true));
      },
    );
    return { events, ended: () => ended, notes: () => events.filter((e) => e.event === 'note').map((e) => e.data.note.body as string), close: () => req.destroy() };
  }

  it('a note saved through A reaches a stream served by B, once; logout through A ends that stream', async () => {
    const member = f.members[1]!;
    const s = streamOnB(member.agent.cookies);
    await until(() => s.events.some((e) => e.event === 'snapshot'), 'the snapshot');
    // Written through instance A (the fixture's agents talk to A).
    const put = await f.client.agent.put(`/api/codev/sessions/${f.sessionId}/steps/1/notes/mine`, { body: 'Note écrite sur A', version: 0 });
    expect(put.statusCode, put.body).toBe(200);
    await until(() => s.notes().length === 1, 'the note on B');
    expect(s.notes()).toEqual(['Note écrite sur A']);
    // Logging out through A: B's stream hears it on the bus and ends at once (its heartbeat is 20 s away).
    expect((await member.agent.post('/api/auth/logout')).statusCode).toBe(200);
    await until(() => s.ended(), 'the end of the stream');
    expect(s.events.at(-1)).toEqual({ event: 'ended', data: { message: 'Votre session est terminée : reconnectez-vous pour suivre la séance.' } });
    expect(s.notes()).toEqual(['Note écrite sur A']);
  });
});

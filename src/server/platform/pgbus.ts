import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import { localSubscribers, type Bus, type BusEvent } from './bus.js';

/**
 * The bus over PostgreSQL LISTEN/NOTIFY, for several app processes on one database (ADR 0034).
 *
 * - One channel for the whole platform (`entraide_bus`), LISTENed once per process on a connection
 *   of its own, the topic inside the message: a subscription is then only a local map entry, active
 *   the moment subscribe() returns — a per-topic LISTEN would be a round trip during which an event
 *   published elsewhere is missed (the live-notes stream subscribes, then reads its snapshot).
 * - Local subscribers get the event at once, in publish(), as with the in-process bus; the NOTIFY
 *   coming back to this process (PostgreSQL sends it to every listener, the sender's too) is
 *   recognised by this process's origin id and dropped, so each subscriber hears each event once.
 * - A NOTIFY payload is limited to 8000 bytes; a co-development note may hold 20 000 characters.
 *   A larger message is cut in pieces sent in one statement (one transaction: PostgreSQL delivers
 *   them together, in order) and put together again by the listeners. Above MAX_EVENT_BYTES an event
 *   is refused (logged, delivered locally only): events are meant to be small.
 * - Notifications are sent one statement after the other (a chain), so events of one process reach
 *   the others in the order they were published.
 * - If the listening connection drops, it is opened again (1 s, then up to 10 s apart) and LISTENs
 *   again; events sent meanwhile are lost for this process: live streams send a snapshot on each
 *   reconnection and read access again on every heartbeat, which bounds what a gap costs.
 */
export const BUS_CHANNEL = 'entraide_bus';
/** Beyond this, an event is refused (logged): 20 000 characters of text as JSON fit comfortably. */
export const MAX_EVENT_BYTES = 256 * 1024;
/** Characters of the serialised event per notification: at most 3 bytes each in UTF-8 (4 per pair). */
const CHUNK_CHARS = 2400;

type PgModule = typeof pg;

export type PgBus = Bus & {
  /** LISTENs; resolves once this process hears the channel. */
  start(): Promise<void>;
  close(): Promise<void>;
  /** This process's id in the messages (tests). */
  readonly origin: string;
  /** Whether the listening connection is up (readiness, tests). */
  readonly listening: boolean;
};

/** Cuts the serialised event in pieces that never split a UTF-16 surrogate pair. */
export function chunkText(text: string, size = CHUNK_CHARS): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(i + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    out.push(text.slice(i, end));
    i = end;
  }
  return out.length ? out : [''];
}

/**
 * `connectTimeoutMs`: the longest wait for the listening connection (DATABASE_CONNECT_TIMEOUT_MS):
 * without it, a database whose network swallows packets would leave the bus waiting for good,
 * never listening again once the database is back (issue 24, faults).
 */
export function createPgBus(opts: { pg: PgModule; url: string; pool: pg.Pool; log?: FastifyBaseLogger; reconnectMs?: number; connectTimeoutMs?: number }): PgBus {
  const { pool, log } = opts;
  const origin = randomBytes(6).toString('hex');
  const { dispatch, subscribe } = localSubscribers();
  let client: pg.Client | null = null;
  let closed = false;
  let listening = false;
  let sequence = 0;
  let sending: Promise<unknown> = Promise.resolve();
  let retryDelay = opts.reconnectMs ?? 1000;
  // Pieces of messages of several parts, by "<origin>:<id>", until the last one arrives.
  const partial = new Map<string, string[]>();

  // Payload: "<origin> <id> <index> <count> <json piece>"; the JSON is [topic, event].
  const receive = (payload: string) => {
    const m = /^([0-9a-f]{12}) (\d+) (\d+) (\d+) ([\s\S]*)$/.exec(payload);
    if (!m) return;
    const [, from, id, index, count, piece] = m as unknown as [string, string, string, string, string, string];
    if (from === origin) return;
    let text = piece;
    if (count !== '1') {
      const key = `${from}:${id}`;
      const parts = partial.get(key) ?? [];
      if (Number(index) !== parts.length) {
        // A piece missing (the connection dropped in between): the message is lost, not garbled.
        partial.delete(key);
        return;
      }
      parts.push(piece);
      if (parts.length < Number(count)) {
        partial.set(key, parts);
        return;
      }
      partial.delete(key);
      text = parts.join('');
    }
    try {
      const [topic, event] = JSON.parse(text) as [string, BusEvent];
      dispatch(topic, event);
    } catch (err) {
      log?.warn({ err }, 'bus message unreadable');
    }
  };

  const connect = async (): Promise<void> => {
    if (closed) return;
    const c = new opts.pg.Client({ connectionString: opts.url, application_name: 'entraide-bus', connectionTimeoutMillis: opts.connectTimeoutMs, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    client = c;
    let retried = false;
    const retry = (err?: unknown) => {
      if (retried || closed || client !== c) return;
      retried = true;
      listening = false;
      partial.clear();
      log?.warn({ err, retryInMs: retryDelay }, 'bus connection lost: listening again shortly');
      c.end().catch(() => {});
      const delay = retryDelay;
      retryDelay = Math.min(retryDelay * 2, 10_000);
      setTimeout(() => {
        connect().catch(() => {});
      }, delay).unref();
    };
    c.on('error', retry);
    c.on('end', () => retry());
    c.on('notification', (n) => {
      if (n.channel === BUS_CHANNEL && n.payload !== undefined) receive(n.payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN "${BUS_CHANNEL}"`);
      listening = true;
      retryDelay = opts.reconnectMs ?? 1000;
    } catch (err) {
      retry(err);
      throw err;
    }
  };

  const notify = (topic: string, event: BusEvent) => {
    const text = JSON.stringify([topic, event]);
    const bytes = Buffer.byteLength(text);
    if (bytes > MAX_EVENT_BYTES) {
      log?.error({ topic, type: event.type, bytes }, 'bus event too large: delivered in this process only');
      return;
    }
    const id = ++sequence;
    const pieces = chunkText(text);
    const payloads = pieces.map((piece, i) => `${origin} ${id} ${i} ${pieces.length} ${piece}`);
    // One statement: the pieces of a message go in one transaction, delivered together and in order.
    const statement = `SELECT ${payloads.map((_, i) => `pg_notify($1, $${i + 2})`).join(', ')}`;
    sending = sending.then(() =>
      pool.query(statement, [BUS_CHANNEL, ...payloads]).catch((err: unknown) => {
        log?.warn({ err, topic, type: event.type }, 'bus event not sent to the other processes');
      }),
    );
  };

  return {
    origin,
    get listening() {
      return listening;
    },
    start: connect,
    publish(topic, event) {
      dispatch(topic, event);
      if (!closed) notify(topic, event);
    },
    subscribe,
    async close() {
      closed = true;
      listening = false;
      // What was published before closing still goes out (the pool is closed after the bus).
      await sending;
      const c = client;
      client = null;
      if (c) await c.end().catch(() => {});
    },
  };
}

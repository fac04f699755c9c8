import type { FastifyReply } from 'fastify';
import { sessionUser, type Auth, type AuthUser } from '../../platform/auth.js';
import { accessTopic, type BusEvent } from '../../platform/bus.js';
import type { Deps } from '../../platform/context.js';
import { sendFailure } from '../../platform/http.js';
import { openStreamSlot } from '../../platform/quotas.js';
import type { App } from '../../platform/types.js';
import { codevLabels as L } from '../codev.messages.js';
import { loadSessionFor, sessionTopic } from './load.js';
import { getSession } from './sessions.service.js';

const HEARTBEAT_MS = 20_000;

/**
 * Server-sent events of a session: on each (re)connection a `snapshot` (the whole session: state,
 * notes), then `note` and `state` events as they happen. Reconnecting (EventSource does it alone)
 * yields a fresh snapshot, so nothing said while a screen was offline is missed; event ids count
 * within one connection only, Last-Event-ID is therefore not needed. Open streams end when the app
 * closes, so a shutdown never waits for them.
 *
 * A stream lives no longer than its subscriber's access (issue 11, item 4): it listens on the bus to
 * the subscriber's access topic (logout, disablement, role change, removal from the group or the
 * cohort — announced by whichever process made the change) and then reads their session and rights
 * again, holding back every note meanwhile; if they are gone it sends `ended` with a French message
 * and closes. The heartbeat reads them again too, for what nobody announces (a session expiring).
 */
export function installSessionStream(app: App, deps: Deps) {
  // Each open stream and how to free its place: a closing app frees them before its database goes.
  const open = new Map<FastifyReply, () => Promise<void>>();
  app.addHook('preClose', async () => {
    const frees = [...open].map(([reply, free]) => {
      reply.raw.end();
      return free().catch(() => {});
    });
    open.clear();
    await Promise.all(frees);
  });

  return async function stream(auth: Auth & { user: AuthUser }, sessionId: string, reply: FastifyReply) {
    const first = await getSession(deps, auth.user, sessionId);
    if (!first.ok) return sendFailure(reply, first.error);
    // A place among the streams this session and this account may hold at once (platform/quotas.ts).
    const slot = await openStreamSlot(deps, reply.request.auth);
    if (!slot.ok) return sendFailure(reply, slot.error);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': reply.request.id,
    });
    let id = 0;
    const write = (type: string, data: unknown) => {
      if (!res.writableEnded) res.write(`id: ${++id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    res.write('retry: 2000\n\n');
    let freed: Promise<void> | null = null;
    const free = () => (freed ??= slot.value.close());
    open.set(reply, free);

    // While rights are being read again, updates wait here: none goes out before the answer. An
    // access change announced during a reading starts another one (it may have read too early).
    let checking = false;
    let again = false;
    let held: BusEvent[] = [];
    const deliver = (event: BusEvent) => {
      const { type, ...data } = event;
      write(type, data);
    };
    const end = (message: string) => {
      write('ended', { message });
      res.end();
    };
    const recheck = async () => {
      if (res.writableEnded) return;
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        do {
          again = false;
          const user = auth.sessionId ? await sessionUser(deps.db, deps.clock, auth.sessionId) : null;
          if (!user) return end(L.streamEnded.signedOut);
          const allowed = await loadSessionFor(deps.db, user, sessionId);
          if (!allowed.ok) return end(L.streamEnded.noAccess);
        } while (again);
        const pending = held;
        held = [];
        pending.forEach(deliver);
      } catch {
        // The database did not answer: better close than send unchecked; the client reconnects.
        res.end();
      } finally {
        checking = false;
      }
    };

    // Subscribe before the snapshot's data is final: an event in between is sent twice at worst, never lost.
    const unsubscribe = deps.bus.subscribe(sessionTopic(sessionId), (event) => {
      if (checking) held.push(event);
      else deliver(event);
    });
    const unsubscribeAccess = deps.bus.subscribe(accessTopic(auth.user.id), () => void recheck());
    const heartbeat = setInterval(() => {
      if (res.writableEnded) return;
      res.write(': ping\n\n');
      void recheck();
    }, HEARTBEAT_MS);
    heartbeat.unref();
    const cleanup = () => {
      clearInterval(heartbeat);
      unsubscribe();
      unsubscribeAccess();
      open.delete(reply);
      free().catch((err: unknown) => deps.log.warn({ err }, 'live stream place not freed'));
    };
    res.on('close', cleanup);
    // Its place is gone (logout, password change, expiry): the stream ends with it.
    slot.value.keepAlive(() => res.end());
    const snapshot = await getSession(deps, auth.user, sessionId);
    if (snapshot.ok) write('snapshot', snapshot.value);
    else res.end();
  };
}

import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { sendFailure } from '../../platform/http.js';
import type { App } from '../../platform/types.js';
import { sessionTopic } from './load.js';
import { getSession } from './sessions.service.js';

const HEARTBEAT_MS = 20_000;

/**
 * Server-sent events of a session: on each (re)connection a `snapshot` (the whole session: state,
 * notes), then `note` and `state` events as they happen. Reconnecting (EventSource does it alone)
 * yields a fresh snapshot, so nothing said while a screen was offline is missed; event ids count
 * within one connection only, Last-Event-ID is therefore not needed. Open streams end when the app
 * closes, so a shutdown never waits for them.
 */
export function installSessionStream(app: App, deps: Deps) {
  const open = new Set<FastifyReply>();
  app.addHook('preClose', async () => {
    for (const reply of open) reply.raw.end();
    open.clear();
  });

  return async function stream(user: AuthUser, sessionId: string, reply: FastifyReply) {
    const first = await getSession(deps, user, sessionId);
    if (!first.ok) return sendFailure(reply, first.error);
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
    open.add(reply);
    // Subscribe before the snapshot's data is final: an event in between is sent twice at worst, never lost.
    const unsubscribe = deps.bus.subscribe(sessionTopic(sessionId), (event) => {
      const { type, ...data } = event;
      write(type, data);
    });
    const heartbeat = setInterval(() => !res.writableEnded && res.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const cleanup = () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(reply);
    };
    res.on('close', cleanup);
    const snapshot = await getSession(deps, user, sessionId);
    if (snapshot.ok) write('snapshot', snapshot.value);
    else res.end();
  };
}

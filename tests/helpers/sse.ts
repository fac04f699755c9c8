import http from 'node:http';

export type SseEvent = { event: string; data: any };

/**
 * Opens a server-sent event stream over real HTTP (a live-notes stream) with these cookies and
 * collects its events; `until` waits for a condition, woken by each event (and at least every
 * second), for `timeoutMs` at most; `close` hangs up.
 */
export function openEventStream(url: string, cookies: Map<string, string>) {
  const events: SseEvent[] = [];
  let buffer = '';
  let ended = false;
  let status = 0;
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  const end = () => {
    ended = true;
    wake();
  };
  const u = new URL(url);
  const req = http.get(
    { host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), accept: 'text/event-stream' } },
    (res) => {
      status = res.statusCode ?? 0;
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
        wake();
      });
      res.on('end', end);
      res.on('error', end);
    },
  );
  req.on('error', end);
  return {
    events,
    status: () => status,
    ended: () => ended,
    /** The bodies of the notes received, in order. */
    notes: () => events.filter((e) => e.event === 'note').map((e) => e.data.note.body as string),
    async until(pred: (events: SseEvent[]) => boolean, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pred(events)) {
        if (Date.now() > deadline) throw new Error(`stream ${u.pathname}: condition not met (events: ${JSON.stringify(events.map((e) => e.event))})`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 1000).unref();
        });
      }
    },
    close: () => req.destroy(),
  };
}
export type EventStream = ReturnType<typeof openEventStream>;

// The load generator of bench/cluster-load.ts, in a worker thread so that it does not share the
// event loop of the process that samples CPU and checks the database. Plain JavaScript: worker
// threads do not get tsx's loader on Node 20.
//
// Open loop: requests leave at a constant rate whatever the answers (a closed loop would slow down
// with the server and hide its queueing), each one's latency counted from the moment it was due to
// leave. The mix: `mix.read` of the requests are reads, `mix.search` searches, the rest writes (a
// question in the help space whose title carries a unique marker). Requests are spread over the
// signed-in members' sessions. Requests due during the warm-up are sent but not recorded.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { port, rate, durationMs, warmupMs, sessions, reads, searches, mix, spaceId, markerPrefix, timeoutMs = 10_000 } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

function send(method, path, session, body) {
  return new Promise((resolve) => {
    const headers = { cookie: session.cookie, accept: 'application/json' };
    let payload;
    if (body !== undefined) {
      payload = Buffer.from(JSON.stringify(body));
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
      headers['x-csrf-token'] = session.csrf;
    }
    const req = http.request({ host: '127.0.0.1', port, path, agent, method, headers, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
    req.end(payload);
  });
}

const start = performance.now() + 20;
const measureFrom = start + warmupMs;
const end = measureFrom + durationMs;
const total = Math.round(((end - start) / 1000) * rate);
const recorded = { read: [], search: [], write: [] };
const statuses = {};
const acknowledged = [];
const failedWrites = [];
let sent = 0;
let late = 0;
const inFlight = new Set();

function fire(n) {
  const due = start + (n * 1000) / rate;
  // A fixed pattern over 20 slots: the proportions hold over any second of the run.
  const slot = n % 20;
  const kind = slot < mix.read * 20 ? 'read' : slot < (mix.read + mix.search) * 20 ? 'search' : 'write';
  const session = sessions[n % sessions.length];
  let p;
  let marker = null;
  if (kind === 'read') p = send('GET', reads[n % reads.length], session);
  else if (kind === 'search') p = send('GET', searches[n % searches.length], session);
  else {
    marker = `${markerPrefix}-${n}`;
    p = send('POST', '/api/help/questions', session, {
      spaceId,
      title: `Question de charge ${marker}`,
      body: `Message écrit par la mesure de charge, marqueur ${marker}.`,
      theme: 'autre',
      tags: [],
    });
  }
  const tracked = p.then((status) => {
    const done = performance.now();
    if (due >= measureFrom) {
      recorded[kind].push(done - due);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
    if (marker) (status >= 200 && status < 300 ? acknowledged : failedWrites).push(marker);
    inFlight.delete(tracked);
  });
  inFlight.add(tracked);
}

await new Promise((resolve) => {
  const tick = () => {
    const now = performance.now();
    const dueCount = Math.min(total, Math.floor(((now - start) * rate) / 1000) + 1);
    // More than 50 ms behind: the generator itself is short of CPU (counted, reported).
    if (dueCount - sent > Math.max(1, rate / 20)) late++;
    while (sent < dueCount) fire(sent++);
    if (sent >= total) return resolve();
    setTimeout(tick, 1);
  };
  setTimeout(tick, Math.max(0, start - performance.now()));
});
await Promise.all(inFlight);
agent.destroy();
parentPort.postMessage({ recorded, statuses, acknowledged, failedWrites, sent, late, elapsedMs: durationMs });

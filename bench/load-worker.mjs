// The load generator of bench/search.ts, in a worker thread so that it does not share the event
// loop of the server it measures. Plain JavaScript: worker threads do not get tsx's loader on Node 20.
//
// `concurrency` connections (keep-alive), each sending its next GET as soon as the previous answer
// is read, cycling through `paths`. Requests completed during the warm-up are not recorded.
// `step` (default 1): connection c asks for paths c, c + step, c + 2·step, …; with step = concurrency
// the connections never ask for the same path close together (bench/spaser-page.ts, cache misses).
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { port, paths, concurrency, durationMs, warmupMs, step = 1 } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function get(path) {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path, agent, method: 'GET' }, (res) => {
      let bytes = 0;
      res.on('data', (c) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', () => resolve({ status: 0, bytes }));
    });
    req.on('error', () => resolve({ status: 0, bytes: 0 }));
    req.end();
  });
}

const start = performance.now();
const measureFrom = start + warmupMs;
const end = measureFrom + durationMs;
const latencies = [];
const statuses = {};
let bytes = 0;
let completed = 0;

async function connection(offset) {
  let i = offset;
  while (performance.now() < end) {
    const path = paths[i % paths.length];
    i += step;
    const t = performance.now();
    const r = await get(path);
    const done = performance.now();
    if (t >= measureFrom && done <= end + 5000) {
      latencies.push(done - t);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      bytes += r.bytes;
      completed++;
    }
  }
}

await Promise.all(Array.from({ length: concurrency }, (_, i) => connection(i)));
const elapsedMs = performance.now() - measureFrom;
agent.destroy();
parentPort.postMessage({ latencies, statuses, bytes, completed, elapsedMs });

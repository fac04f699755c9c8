/**
 * (g) The server's answer time while a hostile file is being extracted (issue 11, item 1).
 *
 * A server on PGlite (memory) listens on a free port; a probe in a worker thread (its own event
 * loop) sends GET /healthz one after another and records each answer time, first with nothing else
 * running (the baseline), then during each extraction below, from its start to its end:
 *   - the 50 MB DOCX of issue 11 (60 kB on disk): refused from its zip directory, in the child;
 *   - a heavy DOCX within the zip limits (400,000 paragraphs, 16 MB of XML): mammoth in the child
 *     process until its 256 MB heap cap kills it (« illisible », memory);
 *   - a DOCX of 100,000 paragraphs, extracted in the child, then the same file extracted by mammoth
 *     inside the server's process, as the server did before issue 11 (for comparison only).
 * The extractions run through the library's durable job (file store, child process, database
 * update), except the in-process one, which calls mammoth directly.
 */
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { eq } from 'drizzle-orm';
import { users } from '../src/server/accounts/accounts.tables.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { libraryFiles } from '../src/server/library/library.tables.js';
import { createSession, newCsrfToken, sessionIdOf } from '../src/server/platform/auth.js';
import { openPglite } from '../src/server/platform/db.js';
import { docxText } from '../src/server/platform/extraction/extractors.mjs';
import { createDeps, createLogger } from '../src/server/platform/runtime.js';
import { makeHostileDocx, multipart } from '../tests/helpers/documents.js';
import { median, percentile, type BenchOptions, type Result } from './lib.js';

// The probe: plain JavaScript in a worker thread, so that a blocked server loop cannot hide
// itself by blocking the client too.
const probeSource = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let stop = false;
const times = [];
parentPort.on('message', (m) => {
  if (m === 'stop') stop = true;
});
const once = () => new Promise((resolve) => {
  const t = performance.now();
  const req = http.get({ host: '127.0.0.1', port: workerData.port, path: '/healthz', agent }, (res) => {
    res.resume();
    res.on('end', () => resolve(performance.now() - t));
  });
  req.on('error', () => resolve(NaN));
});
(async () => {
  while (!stop) {
    times.push(await once());
    await new Promise((r) => setTimeout(r, 5));
  }
  parentPort.postMessage(times);
})();
`;

type Stats = { n: number; p50: number; p95: number; max: number };
const stats = (times: number[]): Stats => ({ n: times.length, p50: median(times), p95: percentile(times, 95), max: Math.max(...times) });

export async function benchExtraction(opts: BenchOptions): Promise<Result[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-bench-extraction-'));
  const database = await openPglite({});
  const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SESSION_SECRET: 'benchmark-secret-benchmark-secret!!', BASE_URL: 'http://127.0.0.1' });
  const deps = await createDeps(config, createLogger(config), database);
  const app = await buildApp(deps, { serveWeb: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const now = deps.clock.now();
  const [u] = await deps.db
    .insert(users)
    .values({ email: 'animation@bench.invalid', passwordHash: 'not-a-hash', firstName: 'Anne', lastName: 'Animatrice', role: 'facilitator', emailVerifiedAt: now, termsAcceptedAt: now, termsVersion: 'bench', createdAt: now, updatedAt: now })
    .returning();
  const session = await createSession(deps.db, deps.clock, { userId: u!.id, remember: false });
  const csrf = newCsrfToken(deps.config.sessionSecret, sessionIdOf(session.token));

  /** Stores the file through the API (not measured); its extraction job is then due. */
  const upload = async (name: string, content: Buffer) => {
    const body = multipart({ kind: 'template', title: name }, [{ fileName: `${name}.docx`, content }]);
    const res = await app.inject({ method: 'POST', url: '/api/library/resources', payload: body.payload, headers: { ...body.headers, cookie: `entraide_session=${session.token}; entraide_csrf=${csrf}`, 'x-csrf-token': csrf } });
    if (res.statusCode !== 201) throw new Error(`upload ${name}: ${res.statusCode} ${res.body}`);
  };
  /** /healthz answer times from a fresh probe while `work` runs (at least 1 s), and how long it ran. */
  const during = async (work: () => Promise<unknown>): Promise<{ s: Stats; ms: number }> => {
    const probe = new Worker(probeSource, { eval: true, workerData: { port } });
    const times = new Promise<number[]>((resolve) => probe.once('message', resolve));
    const t = performance.now();
    await Promise.all([work(), new Promise((r) => setTimeout(r, 1000))]);
    const ms = performance.now() - t;
    probe.postMessage('stop');
    const measured = await times;
    await probe.terminate();
    return { s: stats(measured.filter((x) => Number.isFinite(x))), ms };
  };

  const results: Result[] = [];
  try {
    const idleMs = opts.smoke ? 1000 : 3000;
    opts.log(`  idle: /healthz for ${idleMs / 1000} s`);
    const idle = await during(() => new Promise((r) => setTimeout(r, idleMs)));
    const rows: { label: string; d: { s: Stats; ms: number }; note: string }[] = [];
    const files = [
      { name: 'bombe-50-mo', make: () => makeHostileDocx({ paragraphs: 1, runLength: 50 * 2 ** 20 }), label: 'the 50 MB DOCX of issue 11 (60 kB), in the child' },
      { name: 'lourd-400k', make: () => makeHostileDocx({ paragraphs: opts.smoke ? 100_000 : 400_000, runLength: 20 }), label: `a DOCX of ${opts.smoke ? '100,000' : '400,000'} paragraphs within the zip limits, in the child` },
      { name: 'moyen-100k', make: () => makeHostileDocx({ paragraphs: 100_000, runLength: 20 }), label: 'a DOCX of 100,000 paragraphs, in the child' },
    ];
    for (const f of files) {
      const content = await f.make();
      await upload(f.name, content);
      opts.log(`  ${f.label}: ${(content.length / 1024).toFixed(0)} kB`);
      const d = await during(() => deps.jobs.drain());
      const [file] = await deps.db.select({ status: libraryFiles.extractionStatus, problem: libraryFiles.extractionProblem }).from(libraryFiles).where(eq(libraryFiles.fileName, `${f.name}.docx`));
      rows.push({ label: f.label, d, note: `${file?.status}${file?.problem ? ` (${file.problem})` : ''}, extraction ${(d.ms / 1000).toFixed(1)} s` });
      opts.log(`    /healthz p50 ${d.s.p50.toFixed(1)} ms, p95 ${d.s.p95.toFixed(1)} ms, max ${d.s.max.toFixed(0)} ms over ${d.s.n} requests; ${rows.at(-1)!.note}`);
    }
    // Before issue 11: mammoth inside the server's process, same 100,000-paragraph file.
    const same = await makeHostileDocx({ paragraphs: 100_000, runLength: 20 });
    const inProcessLabel = 'the same 100,000-paragraph DOCX, mammoth inside the server process (before issue 11)';
    opts.log(`  ${inProcessLabel}`);
    const inProcess = await during(() => docxText(same));
    rows.push({ label: inProcessLabel, d: inProcess, note: `extraction ${(inProcess.ms / 1000).toFixed(1)} s` });
    opts.log(`    /healthz p50 ${inProcess.s.p50.toFixed(1)} ms, p95 ${inProcess.s.p95.toFixed(1)} ms, max ${inProcess.s.max.toFixed(0)} ms over ${inProcess.s.n} requests`);

    for (const r of rows) {
      for (const [measure, key] of [['p95', 'p95'], ['max', 'max']] as const) {
        results.push({
          bench: `GET /healthz during ${r.label}`,
          measure: `${measure} answer time (${r.d.s.n} requests)`,
          value: r.d.s[key],
          unit: 'ms',
          baseline: { label: 'idle server', value: idle.s[key] },
          note: r.note,
        });
      }
    }
    return results;
  } finally {
    await app.close();
    deps.mailer.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

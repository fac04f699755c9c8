/**
 * The time to render a SPASER's exports (issue 18, item 4), in this process, on its event loop:
 * `npx tsx bench/spaser-exports.ts [runs]`.
 *
 * For the joint schéma of the tests and for a large one (20 axes × 10 objectives × 5 actions,
 * 100 indicators × 3 buyers × 6 years): the first render of each format (libraries and fonts
 * loaded then), the median and maximum of the next runs, and the longest the event loop was held
 * during a render (the longest gap between two ticks of a 1 ms timer), which is what other
 * requests of the server would wait. Then the same renders through the server's path
 * (`renderSpaserFile`: the renderer's worker thread, documents/render.ts), against the in-process
 * render as baseline: what the thread costs in time, and what it spares the event loop.
 */
import os from 'node:os';
import { largeSpaser, jointSpaser } from '../src/server/spaser/documents/documents.fixtures.js';
import { renderSpaserExport, spaserExportFormats } from '../src/server/spaser/documents/index.js';
import { renderSpaserFile } from '../src/server/spaser/documents/render.js';
import { median } from './lib.js';

const runs = Number(process.argv[2] ?? 5);

/** Runs fn while a 1 ms timer ticks; resolves with fn's duration and the longest gap between ticks. */
async function measured(fn: () => Promise<unknown>): Promise<{ ms: number; blocked: number; size: number }> {
  let last = performance.now();
  let blocked = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    blocked = Math.max(blocked, now - last);
    last = now;
  }, 1);
  const start = performance.now();
  const out = (await fn()) as { body: Buffer };
  const ms = performance.now() - start;
  blocked = Math.max(blocked, performance.now() - last);
  clearInterval(timer);
  return { ms, blocked, size: out.body.length };
}

const documents = [
  ['fixture (2 axes, 2 indicators × 2 buyers)', jointSpaser()],
  ['large (20 × 10 × 5 actions, 100 indicators × 3 buyers × 6 years)', largeSpaser()],
] as const;

const rows: string[] = [];
const f = (n: number) => `${Math.round(n).toLocaleString('en')} ms`;
for (const [name, doc] of documents) {
  for (const format of spaserExportFormats) {
    for (const [mode, render] of [
      ['in-process', renderSpaserExport],
      ['worker thread', renderSpaserFile],
    ] as const) {
      const first = await measured(() => render(doc, format, { origin: 'https://entraide.example' }));
      const next: Array<{ ms: number; blocked: number }> = [];
      for (let i = 0; i < runs; i++) next.push(await measured(() => render(doc, format, { origin: 'https://entraide.example' })));
      rows.push(
        `| ${name} | ${format.toUpperCase()} | ${mode} | ${(first.size / 1024).toFixed(0)} kB | ${f(first.ms)} | ${f(median(next.map((r) => r.ms)))} | ${f(Math.max(...next.map((r) => r.ms)))} | ${f(Math.max(...next.map((r) => r.blocked)))} |`,
      );
      console.error(rows.at(-1));
    }
  }
}
console.log(`Node ${process.version}, ${os.cpus().length} CPU (${os.cpus()[0]?.model}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ${runs} runs after the first\n`);
console.log('| Document | Format | Where | Size | First render | Median of next | Max of next | Longest event-loop block |');
console.log('|---|---|---|---|---|---|---|---|');
console.log(rows.join('\n'));
process.exit(0);

import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../paths.js';
import { defaultExtractionLimits, type ExtractionLimits, type ExtractionOutcome } from './limits.js';

export { extractableKinds } from './extractors.mjs';
export { defaultExtractionLimits, extractionProblems, type ExtractionLimits, type ExtractionOutcome, type ExtractionProblem } from './limits.js';

// Next to this file in the sources; in the production build (scripts/build.mjs), bundled on its own
// as dist/server/extraction.child.mjs while this code sits in one of dist/server/chunks/.
const besideThis = path.join(path.dirname(fileURLToPath(import.meta.url)), 'extraction.child.mjs');
const childScript = fs.existsSync(besideThis) ? besideThis : path.join(projectRoot, 'dist', 'server', 'extraction.child.mjs');

/**
 * Extracts the text of a file in a child process of its own, so that nothing a file does can stop
 * the server: its heap is capped (`maxMemoryMb`), it is killed after `timeoutMs`, zip-based files are
 * checked from their central directory before anything inflates them, and the text is capped at
 * `maxChars`. The child gets no environment (no secret, no database address). Never throws: a file
 * that breaks a limit comes back as `{ ok: false, problem }`.
 */
export function extractText(kind: string, source: Readable, limits: ExtractionLimits = defaultExtractionLimits): Promise<ExtractionOutcome> {
  return new Promise((resolve) => {
    const child = fork(childScript, [kind, JSON.stringify(limits)], {
      // Plain node, whatever loader the parent runs under (tsx, vitest).
      execArgv: [`--max-old-space-size=${limits.maxMemoryMb}`],
      stdio: ['pipe', 'ignore', 'pipe', 'ipc'],
      env: { PATH: process.env.PATH ?? '' },
    });
    let outcome: ExtractionOutcome | null = null;
    let timedOut = false;
    let stderr = '';
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, limits.timeoutMs);
    child.stderr!.on('data', (chunk: Buffer) => {
      if (stderr.length < 8192) stderr += chunk.toString('utf8');
    });
    child.on('message', (message) => {
      outcome = message as ExtractionOutcome;
    });
    const finish = (fallback: () => ExtractionOutcome) => {
      clearTimeout(timer);
      resolve(outcome && !timedOut ? outcome : fallback());
    };
    child.on('error', (err) => finish(() => ({ ok: false, problem: 'crashed', detail: err.message, pid: child.pid })));
    child.on('exit', (code, signal) =>
      finish(() => {
        if (timedOut) return { ok: false, problem: 'timeout', pid: child.pid };
        if (/heap out of memory|heap limit/i.test(stderr)) return { ok: false, problem: 'memory', pid: child.pid };
        return { ok: false, problem: 'crashed', detail: `exit ${code ?? signal}: ${stderr.slice(-500)}`, pid: child.pid };
      }),
    );
    // The child may stop reading early (a limit hit, killed): its closed stdin is not our error.
    pipeline(source, child.stdin!).catch(() => {});
  });
}

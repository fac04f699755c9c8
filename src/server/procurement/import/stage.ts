/**
 * Where a DECP file is read, normalised and encoded: in this thread for a small file, in a worker
 * thread for a large one (from WORKER_MIN_BYTES), so that on PostgreSQL the server stores a batch
 * while the worker parses the next ones, and on PGlite (which runs in this thread) its work on one
 * batch overlaps the parsing of the next. Both give the same batches (encode.ts).
 */
import type { Worker } from 'node:worker_threads';
import { startWorkerThread } from '../../platform/workers/runner.js';
import { encodeBatches, type EncodedBatch, type EncodeParams } from './encode.js';
import { DecpFileError } from './readers.js';
import type { StageMessage, StageStart } from './stage.worker.js';

/** Below this size a thread costs more to start (its modules, tsx from the sources) than it saves. */
export const WORKER_MIN_BYTES = 8 * 1024 * 1024;
/** Batches the worker may send before the importer takes one (about 1 MB each). */
const AHEAD = 4;
/** The worker's heap cap: a record is small, but a JSON file that is not a DECP container is built whole. */
const WORKER_HEAP_MB = 512;

/** The file's batches, from a worker thread when `inWorker` (the thread ends with the generator). */
export function stagedBatches(params: EncodeParams, inWorker: boolean): AsyncGenerator<EncodedBatch> {
  return inWorker ? workerBatches(params) : encodeBatches(params);
}

type Event = StageMessage | { type: 'crash'; message: string };

async function* workerBatches(params: EncodeParams): AsyncGenerator<EncodedBatch> {
  const worker: Worker = startWorkerThread(
    { source: 'procurement/import/stage.worker.ts', name: 'decp-stage' },
    { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } },
  );
  const events: Event[] = [];
  let wake: (() => void) | null = null;
  const push = (e: Event) => {
    events.push(e);
    wake?.();
    wake = null;
  };
  worker.on('message', (m: StageMessage) => push(m));
  worker.on('error', (e: Error) => push({ type: 'crash', message: e.message }));
  worker.on('exit', (code: number) => push({ type: 'crash', message: `thread ended (${code})` }));
  worker.postMessage({ type: 'start', params, ahead: AHEAD } satisfies StageStart);
  try {
    for (;;) {
      if (!events.length) await new Promise<void>((r) => (wake = r));
      const e = events.shift()!;
      if (e.type === 'done') return;
      if (e.type === 'error') throw e.fileError ? new DecpFileError(e.message) : new Error(`DECP reader thread: ${e.message}`);
      if (e.type === 'crash') throw new Error(`DECP reader thread: ${e.message}`);
      yield { copy: Buffer.from(e.copy, 0, e.length), rows: e.rows, rejections: e.rejections, flags: e.flags, read: e.read, kept: e.kept, bytes: e.bytes };
      // Taken: the worker may encode one more.
      worker.postMessage({ type: 'credit' });
    }
  } finally {
    // Done, failed, or the importer stopped reading (a failed COPY): the thread ends with it.
    await worker.terminate();
  }
}

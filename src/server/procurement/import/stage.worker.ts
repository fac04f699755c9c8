// The worker thread that reads, normalises and encodes a large DECP file (stage.ts): the importer's
// thread sends the batches to the database meanwhile. At most `ahead` batches are sent before the
// importer takes one (a credit message per batch taken), so memory stays bounded whatever the file.
import { parentPort } from 'node:worker_threads';
import { encodeBatches, type EncodeParams } from './encode.js';
import { DecpFileError } from './readers.js';

export type StageStart = { type: 'start'; params: EncodeParams; ahead: number };
export type StageMessage =
  | { type: 'batch'; copy: ArrayBuffer; length: number; rows: number; rejections: { position: number; reason: string }[]; flags: Record<string, number>; read: number; kept: number; bytes: number }
  | { type: 'done' }
  // fileError: the reader's DecpFileError (its French message is the file's error); otherwise a bug.
  | { type: 'error'; fileError: boolean; message: string };

const port = parentPort!;
let credits = 0;
let wake: (() => void) | null = null;

port.on('message', (m: StageStart | { type: 'credit' }) => {
  if (m.type === 'credit') {
    credits++;
    wake?.();
    wake = null;
  } else void run(m);
});

async function run({ params, ahead }: StageStart) {
  credits = ahead;
  try {
    for await (const b of encodeBatches(params)) {
      while (credits === 0) await new Promise<void>((r) => (wake = r));
      credits--;
      // The batch's buffer is its own ArrayBuffer (CopyBatch): moved to the importer, not copied.
      const message: StageMessage = { type: 'batch', copy: b.copy.buffer, length: b.copy.length, rows: b.rows, rejections: b.rejections, flags: b.flags, read: b.read, kept: b.kept, bytes: b.bytes };
      port.postMessage(message, [b.copy.buffer]);
    }
    port.postMessage({ type: 'done' } satisfies StageMessage);
  } catch (e) {
    port.postMessage({ type: 'error', fileError: e instanceof DecpFileError, message: e instanceof Error ? e.message : String(e) } satisfies StageMessage);
  }
}

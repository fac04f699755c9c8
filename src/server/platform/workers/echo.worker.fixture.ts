// A worker for runner.test.ts: echoes, spins past any timeout, throws, or ends its thread, on request.
import { serveRequests } from './serve.js';

export type EchoRequest = { kind: 'echo'; text: string } | { kind: 'spin' } | { kind: 'throw' } | { kind: 'exit' } | { kind: 'bytes'; n: number };

serveRequests<EchoRequest, unknown>(async (r) => {
  if (r.kind === 'echo') return { result: r.text.toUpperCase() };
  if (r.kind === 'throw') throw new Error('refusé par le worker');
  if (r.kind === 'exit') process.exit(3);
  if (r.kind === 'bytes') {
    const bytes = new Uint8Array(r.n).fill(7);
    return { result: bytes, transfer: [bytes.buffer] };
  }
  for (;;) {
    // spins: only the runner's timeout ends this
  }
});

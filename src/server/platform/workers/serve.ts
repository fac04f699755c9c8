import { parentPort } from 'node:worker_threads';

export type WorkerRequest<Req> = { id: number; request: Req };
export type WorkerReply<Res> = { id: number; ok: true; result: Res } | { id: number; ok: false; message: string };

/**
 * The worker's side of `WorkerRunner`: answers each request with `handle`'s result, moving the
 * ArrayBuffers it lists instead of copying them. An error is answered, never thrown: the thread stays.
 */
export function serveRequests<Req, Res>(handle: (request: Req) => Promise<{ result: Res; transfer?: ArrayBuffer[] }>) {
  const port = parentPort;
  if (!port) throw new Error('serveRequests runs in a worker thread');
  port.on('message', async ({ id, request }: WorkerRequest<Req>) => {
    try {
      const { result, transfer = [] } = await handle(request);
      port.postMessage({ id, ok: true, result } satisfies WorkerReply<Res>, transfer);
    } catch (err) {
      port.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) } satisfies WorkerReply<Res>);
    }
  });
}

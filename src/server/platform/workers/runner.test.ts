import { describe, expect, it } from 'vitest';
import type { EchoRequest } from './echo.worker.fixture.js';
import { WorkerCrashError, WorkerRunner, WorkerTimeoutError } from './runner.js';

const runner = () => new WorkerRunner<EchoRequest, unknown>({ source: 'platform/workers/echo.worker.fixture.ts', name: 'echo', timeoutMs: 20_000, maxMemoryMb: 64 });

describe('WorkerRunner', () => {
  it('answers requests from one thread, in order, and moves bytes back', async () => {
    const r = runner();
    const [a, b] = await Promise.all([r.run({ kind: 'echo', text: 'achats' }), r.run({ kind: 'echo', text: 'responsables' })]);
    expect([a, b]).toEqual(['ACHATS', 'RESPONSABLES']);
    const bytes = (await r.run({ kind: 'bytes', n: 3 })) as Uint8Array;
    expect([...bytes]).toEqual([7, 7, 7]);
    await r.close();
  });

  it('a request that throws fails alone; the thread keeps serving', async () => {
    const r = runner();
    await expect(r.run({ kind: 'throw' })).rejects.toThrow('refusé par le worker');
    await expect(r.run({ kind: 'echo', text: 'encore' })).resolves.toBe('ENCORE');
    await r.close();
  });

  it('a thread that ends fails its requests with WorkerCrashError; the next request starts a new one', async () => {
    const r = runner();
    await expect(r.run({ kind: 'exit' })).rejects.toBeInstanceOf(WorkerCrashError);
    await expect(r.run({ kind: 'echo', text: 'relancé' })).resolves.toBe('RELANCÉ');
    await r.close();
  });

  it('a request past its time ends the thread with WorkerTimeoutError; the next request starts a new one', async () => {
    // The spin never ends by itself: only the timeout can answer, whatever the machine's speed.
    const r = new WorkerRunner<EchoRequest, unknown>({ source: 'platform/workers/echo.worker.fixture.ts', name: 'echo', timeoutMs: 10_000, maxMemoryMb: 64 });
    await expect(r.run({ kind: 'spin' })).rejects.toBeInstanceOf(WorkerTimeoutError);
    await expect(r.run({ kind: 'echo', text: 'après' })).resolves.toBe('APRÈS');
    await r.close();
  }, 60_000);
});

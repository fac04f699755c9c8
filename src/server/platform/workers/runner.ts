import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { projectRoot } from '../paths.js';
import type { WorkerReply } from './serve.js';

export class WorkerTimeoutError extends Error {}
export class WorkerCrashError extends Error {}

export type WorkerSpec = {
  // The module in the sources, relative to src/server (« spaser/documents/render.worker.ts »), and the
  // name of its bundle in the production build (dist/server/workers/<name>.mjs).
  source: string;
  name: string;
  // A request taking longer ends the thread (restarted for the next one); heap cap of the thread.
  timeoutMs: number;
  maxMemoryMb: number;
};

const bootScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'boot.mjs');
// Running from the sources when boot.mjs sits beside this file; from the build otherwise.
const fromSources = fs.existsSync(bootScript);

/**
 * A worker thread running the module `spec.source` from the sources (through boot.mjs, which loads
 * tsx in the thread), or its bundle dist/server/workers/<name>.mjs in the production build.
 */
export function startWorkerThread(spec: Pick<WorkerSpec, 'source' | 'name'>, options: WorkerOptions = {}): Worker {
  return fromSources
    ? new Worker(bootScript, { ...options, workerData: { entry: pathToFileURL(path.join(projectRoot, 'src', 'server', spec.source)).href } })
    : new Worker(path.join(projectRoot, 'dist', 'server', 'workers', `${spec.name}.mjs`), options);
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

/**
 * CPU-bound work (drawing a 100-page PDF takes seconds) in one long-lived worker thread, so that the
 * event loop keeps answering meanwhile. Started on first use and kept (loading pdfkit, docx and
 * exceljs costs more than most renders); requests queue in the thread. A request past `timeoutMs`,
 * or a thread that dies (heap cap, crash), fails the requests in flight with a typed error and the
 * next request starts a fresh thread. The thread does not keep the process alive when idle.
 */
export class WorkerRunner<Req, Res> {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;

  constructor(private readonly spec: WorkerSpec) {}

  run(request: Req, transfer: ArrayBuffer[] = []): Promise<Res> {
    const worker = this.worker ?? this.start();
    const id = ++this.seq;
    return new Promise<Res>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(worker, new WorkerTimeoutError(`${this.spec.name}: over ${this.spec.timeoutMs} ms`)), this.spec.timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      worker.ref();
      worker.postMessage({ id, request }, transfer);
    });
  }

  /** Ends the thread (at shutdown); requests in flight fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.fail(worker, new WorkerCrashError(`${this.spec.name}: closed`));
    await worker.terminate();
  }

  private start(): Worker {
    const { name, maxMemoryMb } = this.spec;
    const worker = startWorkerThread(this.spec, { resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb } });
    worker.unref();
    worker.on('message', (reply: WorkerReply<Res>) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      clearTimeout(p.timer);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.ok) p.resolve(reply.result);
      else p.reject(new Error(reply.message));
    });
    worker.on('error', (err) => this.fail(worker, new WorkerCrashError(`${name}: ${err.message}`)));
    worker.on('exit', (code) => this.fail(worker, new WorkerCrashError(`${name}: thread ended (${code})`)));
    this.worker = worker;
    return worker;
  }

  /** Fails every request in flight and forgets the thread (ended if still running). */
  private fail(worker: Worker, error: Error) {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(error);
    }
    this.pending.clear();
    void worker.terminate();
  }
}

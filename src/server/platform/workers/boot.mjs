// Entry of a worker thread started from the sources (tsx, vitest): registers tsx's loader in this
// thread (a worker does not inherit the parent's loader, and `--import` in a worker's execArgv does not
// apply), then loads the TypeScript module named in workerData. The production build bundles each
// worker as plain JavaScript and starts it directly (scripts/build.mjs).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIfStale, childEnv, freePort, root } from './launch.js';

// Issue 24, item 1: scaling out is PostgreSQL's business; the embedded database (PGlite, a folder)
// stays one process per folder. Two processes of the production build on one DATA_DIR: the second
// refuses to start with a French message naming the first; after the first is killed (kill -9,
// its lock file left behind) a new process takes the folder over.

let dataDir: string;
const started: ChildProcess[] = [];

beforeAll(() => {
  buildIfStale();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-pglite-lock-'));
});
afterAll(() => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function startProcess() {
  // No DATABASE_URL: the embedded database, in DATA_DIR.
  const env = childEnv({ NODE_ENV: 'production', SESSION_SECRET: 'un-secret-de-test-de-32-caracteres-au-moins', DATA_DIR: dataDir, PORT: String(await freePort()), SEED_DEMO: 'false', LOG_LEVEL: 'warn' });
  const child = spawn(process.execPath, [path.join(root, 'dist', 'server', 'start.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d));
  child.stdout!.resume();
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exit, stderr: () => stderr };
}

const lockFile = () => path.join(dataDir, 'entraide.lock');
async function lockHeldBy(p: Awaited<ReturnType<typeof startProcess>>) {
  const pid = String(p.child.pid);
  for (let i = 0; i < 600; i++) {
    if (fs.existsSync(lockFile()) && fs.readFileSync(lockFile(), 'utf8') === pid) return;
    if (p.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const content = fs.existsSync(lockFile()) ? fs.readFileSync(lockFile(), 'utf8') : '(none)';
  throw new Error(`the lock never named ${pid} (it names ${content}; exit ${p.child.exitCode}): ${p.stderr()}`);
}

describe('the PGlite folder lock between processes', () => {
  it('a second process on the same folder refuses to start, in French, naming the first; a kill -9 does not lock the folder for good', async () => {
    const first = await startProcess();
    await lockHeldBy(first);
    const second = await startProcess();
    expect(await second.exit).toBe(1);
    expect(second.stderr()).toContain(
      `Le dossier de données ${dataDir} est déjà ouvert par un autre processus Entraide (pid ${first.child.pid}). La base embarquée n'accepte qu'un processus à la fois : arrêtez ce processus, ou utilisez PostgreSQL (DATABASE_URL) pour en faire tourner plusieurs.`,
    );
    // The first one never noticed.
    expect(first.child.exitCode).toBeNull();
    first.child.kill('SIGKILL');
    await first.exit;
    // Its lock file stays behind, naming a dead process: the next one takes the folder over.
    expect(fs.readFileSync(lockFile(), 'utf8')).toBe(String(first.child.pid));
    const third = await startProcess();
    await lockHeldBy(third);
    expect(third.child.exitCode).toBeNull();
    third.child.kill('SIGTERM');
    await third.exit;
  });
});

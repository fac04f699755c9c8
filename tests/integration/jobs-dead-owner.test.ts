import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { jobs } from '../../src/server/platform/jobs.tables.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

// Issue 24, faults: a job whose process is killed (kill -9) in the middle is taken back by another
// process as soon as that process's lease is free (ADR 0017), not when the job's 5-minute lock
// expires, and is done once; a job running in a live process is never taken. The process is real:
// tests/helpers/job-child.ts holds its lease, claims the job and is killed with SIGKILL.
// PostgreSQL only: on PGlite one process owns the folder, and main.ts releases what the previous run left.

const onPostgres = Boolean(inject('pgTemplate'));
let t: TestContext;

/** Starts the child, resolves once it runs the job (the child still alive). */
function startChild(url: string, now: Date): Promise<{ child: ChildProcess; jobId: string }> {
  const { BASE_URL: _b, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/job-child.ts'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...env, JOB_CHILD_NOW: now.toISOString(), JOB_CHILD_DATABASE_URL: url, JOB_CHILD_LEASE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const running = /running (\S+)\n/.exec(out);
      if (running) resolve({ child, jobId: running[1]! });
    });
    child.on('exit', (code, signal) => reject(new Error(`child ended with ${code ?? signal} before running the job: ${out} ${err}`)));
  });
}

describe.skipIf(!onPostgres)('a job of a killed process', () => {
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t?.close());

  it('is left alone while its process lives, then taken back at once after kill -9, and done once', async () => {
    let runs = 0;
    t.deps.jobs.register('test.poison', async () => void runs++);
    await t.deps.jobs.enqueue('test.poison', { file: 'rapport.pdf' });
    const { child, jobId } = await startChild(t.databaseUrl!, t.clock.now());

    // The child is alive and runs it: this process claims nothing (the lock holds, the owner is alive).
    expect(await t.deps.jobs.runDue()).toBe(0);
    const [running] = await t.db.select().from(jobs).where(eq(jobs.id, jobId));
    expect(running).toMatchObject({ status: 'running', attempts: 1, crashes: 0 });
    expect(running!.ownerInstance).toMatch(/^-?\d+$/);
    expect(running!.ownerInstance).not.toBe(t.deps.instance.id);

    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    // Same clock: the job's lock has 5 minutes to go, but its owner is gone. PostgreSQL ends the
    // killed process's session (and its lease) when it sees the socket close: polled, briefly.
    for (let i = 0; i < 100 && runs === 0; i++) {
      await t.deps.jobs.runDue();
      if (runs === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(runs).toBe(1);
    const [done] = await t.db.select().from(jobs).where(eq(jobs.id, jobId));
    expect(done).toMatchObject({ status: 'done', attempts: 2, crashes: 1, ownerInstance: t.deps.instance.id });
    // Done once: nothing left to claim.
    expect(await t.deps.jobs.drain()).toBe(0);
    expect(runs).toBe(1);
  });
});

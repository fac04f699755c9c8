import { spawn } from 'node:child_process';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../../src/server/platform/jobs.tables.js';
import { createTestContext, type DatabaseLocation, type TestContext } from '../helpers/context.js';

// Issue 11, item 1 (poison jobs): a job whose run killed its process is counted as a crash when it
// is taken again; after 2 crashes it is given up (`failed`), reported to the admins, never run again.
// The processes here are real: tests/helpers/job-child.ts claims the job, and is killed with SIGKILL.
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({}, { restartable: true });
});
afterAll(() => t?.close());

const LEASE_MS = 5 * 60_000;

/** Starts the child on the database, waits until it runs the poison job, kills it with SIGKILL. */
function runChildAndKill(location: DatabaseLocation, now: Date): Promise<string> {
  const { BASE_URL: _b, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/job-child.ts'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: {
      ...env,
      JOB_CHILD_NOW: now.toISOString(),
      ...('url' in location ? { JOB_CHILD_DATABASE_URL: location.url } : { JOB_CHILD_DATA_DIR: path.dirname(location.folder) }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const running = /running (\S+)\n/.exec(out);
      if (running) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      const running = /running (\S+)\n/.exec(out);
      if (running && signal === 'SIGKILL') resolve(running[1]!);
      else reject(new Error(`child ended with ${code ?? signal} without running the job: ${out} ${err}`));
    });
  });
}

describe('poison jobs', () => {
  it('item 1: a job that killed its process twice is given up, reported to the admins, never run again', async () => {
    const admin = await t.createMember({ role: 'admin' });
    const adminAgent = (await t.loggedIn({ role: 'admin' })).agent;
    let runs = 0;
    t.deps.jobs.register('test.poison', async () => void runs++);
    await t.deps.jobs.enqueue('test.poison', { file: 'piege.docx' });
    const [queued] = await t.db.select().from(jobs).where(eq(jobs.kind, 'test.poison'));
    const start = t.clock.now();

    const killed: string[] = [];
    await t.restart(async (location) => {
      // First process: claims the job (attempt 1) and dies in the middle.
      killed.push(await runChildAndKill(location, start));
      // Second process, once the first one's lease is over: takes it again, which counts crash 1,
      // and dies in the middle too.
      killed.push(await runChildAndKill(location, new Date(start.getTime() + LEASE_MS + 1000)));
    });
    expect(killed).toEqual([queued!.id, queued!.id]);
    const [afterKills] = await t.db.select().from(jobs).where(eq(jobs.id, queued!.id));
    expect(afterKills).toMatchObject({ status: 'running', attempts: 2, crashes: 1 });

    // This process starts after the second one's lease is over: the job counts its second crash
    // and is given up without running.
    t.deps.jobs.register('test.poison', async () => void runs++);
    t.clock.set(new Date(start.getTime() + 2 * (LEASE_MS + 1000)));
    await t.drainJobs();
    expect(runs).toBe(0);
    const [given] = await t.db.select().from(jobs).where(eq(jobs.id, queued!.id));
    expect(given).toMatchObject({ status: 'failed', attempts: 3, crashes: 2 });

    // Reported: an e-mail to each admin, and the admin list of failed jobs.
    const mail = t.smtp.to(admin.email).find((m) => m.subject === 'Une tâche de fond a été abandonnée');
    expect(mail?.text).toContain('La tâche « test.poison » a interrompu le serveur 2 fois pendant son exécution (arrêt brutal du processus). Elle ne sera plus relancée.');
    expect(mail?.text).toContain('http://entraide.test/admin/taches');
    const list = (await adminAgent.get('/api/admin/jobs')).json();
    expect(list.items.find((j: any) => j.id === queued!.id)).toMatchObject({
      kind: 'test.poison',
      crashes: 2,
      reason: 'Abandonnée : le serveur s’est arrêté 2 fois pendant son exécution.',
      payload: { file: 'piege.docx' },
    });

    // Never again, however long the queue runs.
    t.clock.advance(24 * 3600_000);
    await t.drainJobs();
    expect(runs).toBe(0);
    expect((await t.db.select().from(jobs).where(eq(jobs.id, queued!.id)))[0]!.status).toBe('failed');
  }, 240_000);
});

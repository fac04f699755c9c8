import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Agent, type TestContext } from '../../../../tests/helpers/context.js';
import { decpRecord, multipartBody, type Rec } from '../../../../tests/helpers/decp.js';
import { decpUploads } from './uploads.tables.js';
import { uploadHooks } from './uploads.service.js';

let t: TestContext;
let staff: Agent;
beforeAll(async () => {
  // A 2 MB limit, so a test file can go over it.
  t = await createTestContext({ DECP_UPLOAD_MAX_MB: '2' });
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
  staff = (await t.loggedIn({ role: 'facilitator' })).agent;
});
afterAll(() => t?.close());
afterEach(() => {
  uploadHooks.afterBatch = undefined;
});

/** 2 500 marchés of one buyer, ids M0…M2499, then one record without buyer id (rejected). */
function bigFile(): Buffer {
  const recs: Record<string, unknown>[] = [];
  for (let i = 0; i < 2500; i++) {
    const r: Rec = { id: `M${i}`, siret: '21690123100011', date: '2024-02-01', amount: 50_000, social: ['Clause sociale'], env: ['Pas de considération environnementale'] };
    recs.push(decpRecord(r));
  }
  recs.push({ id: 'SANS-ACHETEUR', montant: 1000 });
  return Buffer.from(JSON.stringify({ marches: recs }));
}

/** Holds the next import after its first batch of 1 000 staged records, in the middle of the file. */
function holdAtFirstBatch() {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let reached!: () => void;
  const atFirstBatch = new Promise<void>((r) => (reached = r));
  uploadHooks.afterBatch = async (_id, staged) => {
    if (staged === 1000) {
      reached();
      await held;
    }
  };
  return { atFirstBatch, release };
}

const post = (agent: Agent, file: Buffer, name = 'decp-2024.json') => {
  const { body, contentType } = multipartBody('file', name, file);
  return agent.request('POST', '/api/decp/uploads', body, { headers: { 'content-type': contentType } });
};

describe('DECP upload by a facilitator', () => {
  it('streams the file, imports it as a background job, and the server answers other requests meanwhile', async () => {
    const file = bigFile();
    expect(file.length).toBeLessThan(2 * 1024 * 1024);
    const res = await post(staff, file);
    expect(res.statusCode).toBe(202);
    const { id } = res.json();
    expect((await staff.get(`/api/decp/uploads/${id}`)).json()).toMatchObject({ status: 'queued', fileName: 'decp-2024.json', sizeBytes: file.length, progress: 0, report: null });

    const { atFirstBatch, release } = holdAtFirstBatch();
    const job = t.drainJobs();
    await atFirstBatch;
    // The import is running: other requests are served, and the progress is visible.
    const during = await staff.get(`/api/decp/uploads/${id}`);
    expect(during.json()).toMatchObject({ status: 'running', recordsStaged: 1000 });
    expect(during.json().progress).toBeGreaterThan(0);
    expect(during.json().progress).toBeLessThan(1);
    expect((await t.agent().get('/api/observatory/national')).statusCode).toBe(200);
    expect((await t.agent().get('/api/organisations?q=lyon')).statusCode).toBe(200);
    // Nothing of the file is visible before its end (all-or-nothing per file).
    expect((await t.agent().get('/api/observatory/national')).json().rows).toEqual([]);
    release();
    await job;

    const done = (await staff.get(`/api/decp/uploads/${id}`)).json();
    expect(done).toMatchObject({ status: 'done', progress: 1, error: null });
    // 2 501 records read: 2 500 new identities, 1 without buyer id.
    expect(done.report).toMatchObject({ read: 2501, imported: 2500, merged: 0, rejected: 1, undated: 0, errors: [] });
    expect((await t.agent().get('/api/observatory/national')).json().rows[0]).toMatchObject({ kind: 'marche', year: 2024, contracts: 2500 });
    // The stored copy is removed once imported.
    expect(fs.existsSync(path.join(t.deps.config.dataDir, 'uploads', id))).toBe(false);
    expect((await staff.get('/api/decp/uploads')).json()).toMatchObject({ maxBytes: 2 * 1024 * 1024, items: [{ id, status: 'done' }] });
  });

  it('an import held in the middle of its file does not hold up e-mails: the job loop sends one meanwhile', async () => {
    const res = await post(staff, bigFile());
    const { id } = res.json();
    const { atFirstBatch, release } = holdAtFirstBatch();
    // The real job loop of a server process (polling every 20 ms instead of every second).
    t.deps.jobs.start(20);
    try {
      await atFirstBatch;
      const member = await t.createMember();
      t.smtp.clear();
      // Enqueues a password reset e-mail (default lane) while the import (long lane) is held.
      expect((await t.agent().post('/api/auth/password-reset/request', { email: member.email })).statusCode).toBe(200);
      await expect.poll(() => t.smtp.to(member.email).length, { timeout: 20_000 }).toBe(1);
      expect((await staff.get(`/api/decp/uploads/${id}`)).json()).toMatchObject({ status: 'running', recordsStaged: 1000 });
      release();
      await expect.poll(async () => (await staff.get(`/api/decp/uploads/${id}`)).json().status, { timeout: 60_000 }).toBe('done');
      const report = (await staff.get(`/api/decp/uploads/${id}`)).json().report;
      // New identities, or merged into those of the test above when it ran first.
      expect(report).toMatchObject({ read: 2501, rejected: 1 });
      expect(report.imported + report.merged).toBe(2500);
    } finally {
      release();
      await t.deps.jobs.stop();
    }
  });

  it('a file that is not DECP: the job ends with the error in its report, nothing imported', async () => {
    const res = await post(staff, Buffer.from('{"bonjour": "le monde"}'), 'autre.json');
    const { id } = res.json();
    await t.drainJobs();
    const done = (await staff.get(`/api/decp/uploads/${id}`)).json();
    expect(done.status).toBe('done');
    expect(done.report).toMatchObject({ read: 0, imported: 0 });
    expect(done.report.errors).toHaveLength(1);
    expect(done.report.errors[0].file).toBe('autre.json');
  });

  it('refuses a file over the configured limit in French, and keeps nothing', async () => {
    const before = (await t.db.select().from(decpUploads)).length;
    const big = Buffer.alloc(2 * 1024 * 1024 + 10, 0x20);
    const res = await post(staff, big);
    expect(res.statusCode).toBe(413);
    expect(res.json().fields.file).toMatch(/dépasse 2 Mo/);
    expect((await t.db.select().from(decpUploads)).length).toBe(before);
    const dir = path.join(t.deps.config.dataDir, 'uploads');
    expect(fs.existsSync(dir) ? fs.readdirSync(dir) : []).toEqual([]);
  });

  it('refuses a request without a file, and anyone but staff', async () => {
    const none = await staff.post('/api/decp/uploads', {});
    expect(none.statusCode).toBe(400);
    expect(none.json().fields.file).toMatch(/multipart/);
    expect((await post(t.agent(), Buffer.from('{}'))).statusCode).toBe(401);
    const member = (await t.loggedIn({ verifiedIn: [(await t.createOrganisation()).id] })).agent;
    expect((await post(member, Buffer.from('{}'))).statusCode).toBe(403);
    expect((await member.get('/api/decp/uploads')).statusCode).toBe(403);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Agent, type TestContext } from '../../../../tests/helpers/context.js';
import { decpRecord, multipartBody } from '../../../../tests/helpers/decp.js';
import { startS3, type S3Server } from '../../../../tests/helpers/s3.js';
import { fileStoreFor } from '../../platform/files.js';

// With several processes (FILE_STORE=s3, ADR 0034), a DECP file received by one process is imported
// by whichever process claims its job: the received copy goes to the shared store and leaves the
// receiving disk; the importing process fetches it, and nothing is left anywhere afterwards.

let s3: S3Server;
let t: TestContext;
let staff: Agent;
beforeAll(async () => {
  s3 = await startS3('decp-partage');
  t = await createTestContext(s3.env);
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
  staff = (await t.loggedIn({ role: 'facilitator' })).agent;
});
afterAll(async () => {
  await t?.close();
  await s3?.close();
});

const keys = async () => {
  const out: string[] = [];
  for await (const k of fileStoreFor(t.deps.config).list('decp-uploads/')) out.push(k);
  return out;
};
const localUploads = () => {
  const dir = path.join(t.deps.config.dataDir, 'uploads');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

describe('DECP uploads through the shared file store', () => {
  it('the file received by one process is imported by another, then removed from the store and from both disks', async () => {
    const records = [0, 1, 2].map((i) => decpRecord({ id: `PARTAGE-${i}`, siret: '21690123100011', date: '2024-03-01', amount: 40_000, social: ['Clause sociale'], env: ['Pas de considération environnementale'] }));
    const { body, contentType } = multipartBody('file', 'decp-partage.json', Buffer.from(JSON.stringify({ marches: records })));
    const res = await staff.request('POST', '/api/decp/uploads', body, { headers: { 'content-type': contentType } });
    expect(res.statusCode, res.body).toBe(202);
    const { id } = res.json();
    // Received: in the store, not on the receiving disk.
    expect(await keys()).toEqual([`decp-uploads/${id}`]);
    expect(localUploads()).toEqual([]);
    // Another process claims the job.
    const second = await t.secondInstance();
    try {
      await second.deps.jobs.drain();
    } finally {
      await second.close();
    }
    const done = (await staff.get(`/api/decp/uploads/${id}`)).json();
    expect(done).toMatchObject({ status: 'done', error: null });
    expect(done.report).toMatchObject({ read: 3, imported: 3, rejected: 0 });
    expect(await keys()).toEqual([]);
    expect(localUploads()).toEqual([]);
  });
});

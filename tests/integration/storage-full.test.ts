import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { rows } from '../../src/server/platform/db.js';
import { fileStoreFor, replaceFileStore, type FileStore } from '../../src/server/platform/files.js';
import { CounterStore } from '../../src/server/platform/quotas.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { makePdf, multipart } from '../helpers/documents.js';
import { DiskFullStore, enospc } from '../helpers/failing-store.js';

// Issue 24, faults: the disk fills up in the middle of an upload. Every upload route that stores a
// file (library publication, proposal and edit, SPASER evidence) answers 507 in French, and nothing
// of the upload is left: no row, no key in the store, no `.part`, no temporary file, and the upload
// quotas (one place in the hour, the bytes of the day) are given back, since the member did nothing
// wrong. Once there is room again, the same upload goes through.

let t: TestContext;
type Member = Awaited<ReturnType<TestContext['loggedIn']>>;
let facilitator: Member;
let member: Member;
let realStore: FileStore;
let full: DiskFullStore;
let pdf: Buffer;
let spaserId: string;

const message = "L'espace de stockage de la plateforme est plein : votre fichier n'a pas été enregistré. Réessayez plus tard ou prévenez l'équipe d'Entraide.";
const send = (m: Member, method: string, url: string, body: ReturnType<typeof multipart>) => m.agent.request(method, url, body.payload, { headers: body.headers });
/** Every file under the data folder's store and temporary folder, `.part` files included. */
const filesUnder = (dir: string): string[] => (fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()) : []);
const storeFiles = () => filesUnder(path.join(t.deps.config.dataDir, 'files'));
const tmpFiles = () => filesUnder(path.join(t.deps.config.dataDir, 'tmp'));
const count = async (table: string) => (await rows<{ n: number }>(t.db, sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0]!.n;
const counters = () => new CounterStore(t.db, t.clock);
/** The member's upload counters: places used this hour, bytes sent today. */
const quotaOf = async (m: Member) => ({
  uploads: (await counters().read(`uploads:${m.user.id}`)).current,
  bytes: (await counters().read(`upload-bytes:${m.user.id}`)).current,
});

async function state() {
  return {
    resources: await count('library_resources'),
    files: await count('library_files'),
    evidence: await count('spaser_evidence_files'),
    jobs: await count('jobs'),
    store: storeFiles(),
    tmp: tmpFiles(),
  };
}

beforeAll(async () => {
  t = await createTestContext({ LIBRARY_MAX_FILE_MB: '1' });
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
  const org = await t.createOrganisation();
  facilitator = await t.loggedIn({ role: 'facilitator' });
  member = await t.loggedIn({ verifiedIn: [org.id] });
  spaserId = (await member.agent.post('/api/spasers', { organisationId: org.id, title: 'SPASER 2026-2028', periodStart: 2026, periodEnd: 2028 })).json().id;
  // Large enough to be written in several chunks: the fault fires after the first 4 KiB.
  pdf = await makePdf(Array.from({ length: 40 }, (_, i) => `Page ${i + 1} : clauses sociales et environnementales du marché de fournitures.`));
  expect(pdf.length).toBeGreaterThan(8192);
  realStore = fileStoreFor(t.deps.config);
  full = new DiskFullStore(realStore, 4096);
  replaceFileStore(t.deps.config, full);
});
afterEach(() => {
  full.armed = true;
  vi.restoreAllMocks();
});
afterAll(async () => {
  if (realStore) replaceFileStore(t.deps.config, realStore);
  await t?.close();
});

describe('disk full during an upload', () => {
  it('publishing a library resource: 507 in French, nothing kept, the quota given back; then it goes through', async () => {
    const before = await state();
    const quota = await quotaOf(facilitator);
    const body = multipart({ kind: 'template', title: 'Cahier des clauses' }, [{ fileName: 'clauses.pdf', content: pdf }]);
    const puts = full.puts;
    const res = await send(facilitator, 'POST', '/api/library/resources', body);
    expect(res.statusCode).toBe(507);
    expect(res.json()).toEqual({ error: 'STORAGE_FULL', message });
    // The store was reached (the fault is in the middle of the file, not before it).
    expect(full.puts).toBe(puts + 1);
    expect(await state()).toEqual(before);
    expect(await quotaOf(facilitator)).toEqual(quota);

    full.armed = false;
    const again = await send(facilitator, 'POST', '/api/library/resources', body);
    expect(again.statusCode, again.body).toBe(201);
    const after = await state();
    expect([after.resources, after.files]).toEqual([before.resources + 1, before.files + 1]);
    expect(after.store).toHaveLength(before.store.length + 1);
    expect(after.tmp).toEqual([]);
    // Counted once: the successful upload, with the length of its request.
    expect(await quotaOf(facilitator)).toEqual({ uploads: quota.uploads + 1, bytes: quota.bytes + body.payload.length });
  });

  it('a proposal and an edit adding a file share the path: 507, nothing kept', async () => {
    const proposal = multipart({ kind: 'template', title: 'Proposition', visibility: 'public' }, [{ fileName: 'proposition.pdf', content: pdf }]);
    let before = await state();
    const res = await send(member, 'POST', '/api/library/proposals', proposal);
    expect(res.statusCode).toBe(507);
    expect(res.json().error).toBe('STORAGE_FULL');
    expect(await state()).toEqual(before);

    full.armed = false;
    const created = await send(facilitator, 'POST', '/api/library/resources', multipart({ kind: 'template', title: 'Sans fichier' }));
    expect(created.statusCode, created.body).toBe(201);
    full.armed = true;
    before = await state();
    const edited = await send(facilitator, 'PATCH', `/api/library/resources/${created.json().id}`, multipart({ title: 'Avec un fichier' }, [{ fileName: 'ajout.pdf', content: pdf }]));
    expect(edited.statusCode).toBe(507);
    expect(edited.json().error).toBe('STORAGE_FULL');
    expect(await state()).toEqual(before);
    // The edit did not half-happen either: the title is the old one.
    expect((await facilitator.agent.get(`/api/library/resources/${created.json().id}`)).json().title).toBe('Sans fichier');
  });

  it('a SPASER evidence file: 507, no row, no stored file', async () => {
    const before = await state();
    const quota = await quotaOf(member);
    const res = await send(member, 'POST', `/api/spasers/${spaserId}/evidence`, multipart(undefined, [{ fileName: 'bilan.pdf', content: pdf }]));
    expect(res.statusCode).toBe(507);
    expect(res.json()).toEqual({ error: 'STORAGE_FULL', message });
    expect(await state()).toEqual(before);
    expect(await quotaOf(member)).toEqual(quota);
  });

  it('the temporary folder full while the file is received: 507, no temporary file', async () => {
    full.armed = false;
    const before = await state();
    // The staging write stream (files.service stageFile) fails as a full disk makes it fail.
    const real = fs.createWriteStream;
    const tmpUploads = path.join(t.deps.config.dataDir, 'tmp', 'uploads');
    vi.spyOn(fs, 'createWriteStream').mockImplementation(((file: fs.PathLike, opts?: never) => {
      const stream = real(file, opts);
      if (!String(file).startsWith(tmpUploads)) return stream;
      // The first chunk is written (the file exists, partly), then the disk is full.
      return new Writable({
        write(chunk, _enc, cb) {
          stream.write(chunk, () => cb(enospc()));
        },
        destroy(err, cb) {
          stream.destroy();
          cb(err);
        },
      });
    }) as typeof fs.createWriteStream);
    const res = await send(facilitator, 'POST', '/api/library/resources', multipart({ kind: 'template', title: 'Dossier plein' }, [{ fileName: 'plein.pdf', content: pdf }]));
    expect(res.statusCode).toBe(507);
    expect(res.json().error).toBe('STORAGE_FULL');
    expect(await state()).toEqual(before);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3, type S3Server } from '../../../tests/helpers/s3.js';
import { loadConfig } from '../config.js';
import { FolderFileStore, S3FileStore, type FileStore } from './files.js';

// One contract, two stores (ADR 0034): the folder of one process and an S3-compatible bucket shared
// by a cluster (here s3rver 3.7.1 on 127.0.0.1) behave the same for everything the platform does.

const text = async (r: Readable | null) => {
  if (!r) return null;
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
};
const all = async (it: AsyncIterable<string>) => {
  const out: string[] = [];
  for await (const k of it) out.push(k);
  return out.sort();
};
/** A stream that gives `good` bytes, then fails as a client that hangs up during an upload. */
function failingAfter(good: Buffer) {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(good);
      } else this.destroy(new Error('connexion coupée'));
    },
  });
}

let s3: S3Server;
let folder: string;
beforeAll(async () => {
  s3 = await startS3();
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-files-'));
});
afterAll(async () => {
  await s3?.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

const stores: [string, () => FileStore][] = [
  ['folder', () => new FolderFileStore(path.join(folder, 'files'))],
  ['s3', () => new S3FileStore(s3.config, path.join(folder, 'spool'))],
];

describe.each(stores)('%s store', (name, make) => {
  it('stores, reads back and deletes a file; a missing key reads as null; deleting it twice is fine', async () => {
    const store = make();
    const body = Buffer.from(`Délibération SPASER ${name} — ${'é'.repeat(100)}`);
    expect(await store.put(`library/${name}/a-1`, Readable.from([body]))).toEqual({ size: body.length });
    expect(await text(await store.get(`library/${name}/a-1`))).toEqual(body);
    expect(await store.get(`library/${name}/missing`)).toBeNull();
    await store.delete(`library/${name}/a-1`);
    expect(await store.get(`library/${name}/a-1`)).toBeNull();
    await store.delete(`library/${name}/a-1`);
  });

  it('a write that fails half-way leaves no key', async () => {
    const store = make();
    await expect(store.put(`library/${name}/broken`, failingAfter(Buffer.alloc(1000, 1)))).rejects.toThrow('connexion coupée');
    expect(await store.get(`library/${name}/broken`)).toBeNull();
    expect(await all(store.list(`library/${name}/broken`))).toEqual([]);
  });

  it('a file larger than what is kept in memory (8 MB) goes through whole', async () => {
    const store = make();
    const big = Buffer.alloc(9 * 1024 * 1024 + 7);
    for (let i = 0; i < big.length; i += 4096) big[i] = i % 251;
    // Sent in 64 kB pieces, as an upload arrives.
    const pieces = Array.from({ length: Math.ceil(big.length / 65536) }, (_, i) => big.subarray(i * 65536, (i + 1) * 65536));
    expect(await store.put(`library/${name}/big`, Readable.from(pieces))).toEqual({ size: big.length });
    expect((await text(await store.get(`library/${name}/big`)))!.equals(big)).toBe(true);
    await store.delete(`library/${name}/big`);
    // Nothing left in the spool folder either.
    expect(fs.existsSync(path.join(folder, 'spool')) ? fs.readdirSync(path.join(folder, 'spool')) : []).toEqual([]);
  });

  it('lists the keys under a prefix (for backups)', async () => {
    const store = make();
    for (const k of ['x/1', 'x/2/deep', 'y/1']) await store.put(`list-${name}/${k}`, Readable.from([Buffer.from(k)]));
    expect(await all(store.list(`list-${name}/x`))).toEqual([`list-${name}/x/1`, `list-${name}/x/2/deep`]);
    expect(await all(store.list(`list-${name}/`))).toEqual([`list-${name}/x/1`, `list-${name}/x/2/deep`, `list-${name}/y/1`]);
  });

  it('refuses a key the platform never makes', async () => {
    const store = make();
    await expect(store.get('../etc/passwd')).rejects.toThrow('invalid file key');
  });
});

describe('configuration of the file store', () => {
  const base = { NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(32) };
  it('defaults to the folder', () => {
    expect(loadConfig(base).fileStore).toEqual({ kind: 'folder' });
  });
  it('reads the S3 settings', () => {
    expect(loadConfig({ ...base, ...s3.env }).fileStore).toEqual({ kind: 's3', endpoint: s3.endpoint, region: 'us-east-1', bucket: 'entraide', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true });
  });
  it('says in French what is missing or wrong, variable by variable', () => {
    expect(() => loadConfig({ ...base, FILE_STORE: 's3', S3_ACCESS_KEY_ID: 'k', S3_FORCE_PATH_STYLE: 'oui' })).toThrow(
      [
        'Configuration invalide, le serveur ne démarre pas :',
        '  - S3_FORCE_PATH_STYLE : true ou false',
      ].join('\n'),
    );
    let message = '';
    try {
      loadConfig({ ...base, FILE_STORE: 's3', S3_ACCESS_KEY_ID: 'k' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      [
        'Configuration invalide, le serveur ne démarre pas :',
        '  - S3_BUCKET : obligatoire quand FILE_STORE=s3',
        '  - S3_SECRET_ACCESS_KEY : S3_ACCESS_KEY_ID et S3_SECRET_ACCESS_KEY vont ensemble : définissez les deux, ou aucun',
      ].join('\n'),
    );
    expect(() => loadConfig({ ...base, FILE_STORE: 'disque' })).toThrow('  - FILE_STORE : folder ou s3');
    expect(() => loadConfig({ ...base, FILE_STORE: 's3', S3_BUCKET: 'Mon_Bucket' })).toThrow('  - S3_BUCKET : un nom de compartiment S3 : 3 à 63 caractères, minuscules, chiffres, points et tirets');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';

/** Credentials s3rver accepts (its defaults). */
export const S3RVER_KEY = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * An S3-compatible server (s3rver) on 127.0.0.1, a free port, its objects in a temporary folder,
 * with one bucket. `env` is the platform's configuration for it (FILE_STORE=s3).
 */
export async function startS3(bucket = 'entraide') {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const address = (await server.run()) as AddressInfo;
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    bucket,
    directory,
    env: {
      FILE_STORE: 's3',
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: S3RVER_KEY.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3RVER_KEY.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    },
    config: { kind: 's3' as const, endpoint, region: 'us-east-1', bucket, ...S3RVER_KEY, forcePathStyle: true },
    async close() {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
export type S3Server = Awaited<ReturnType<typeof startS3>>;

/**
 * Facilitators upload DECP files in the web app: the file is streamed to DATA_DIR/uploads (never
 * held in memory, refused past DECP_UPLOAD_MAX_MB), then a durable job runs the same import as the
 * command line, recording its progress for the polling page and its report at the end.
 *
 * With several processes (FILE_STORE=s3, ADR 0034) the job may run on another machine than the one
 * that received the file: the received copy then goes to the shared store (key decp-uploads/<id>)
 * and leaves the local disk, and the process that runs the job fetches it into its own DATA_DIR.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { registerFailures } from '../../platform/failures.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { fileStoreFor } from '../../platform/files.js';
import { importDecpFiles, INTERRUPTED_REASON, recoverInterruptedImports } from '../import/import.service.js';
import type { ImportReportDto, UploadDto } from './uploads.contract.js';
import { decpUploads } from './uploads.tables.js';

registerFailures({
  UPLOAD_MISSING: { status: 400, message: 'Choisissez un fichier DECP à importer.' },
  UPLOAD_TOO_LARGE: { status: 413, message: 'Le fichier dépasse la taille maximale acceptée en ligne.' },
});

export const IMPORT_UPLOAD_JOB = 'decp.importUpload';

/** Test seam: awaited after each staged batch, so a test can hold an import in the middle of a file. */
export const uploadHooks: { afterBatch?: (uploadId: string, staged: number) => Promise<void> } = {};

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Whether uploaded files go through the shared store (several processes) rather than stay on this disk. */
const shared = (deps: Deps) => deps.config.fileStore.kind === 's3';
const sharedKey = (uploadId: string) => `decp-uploads/${uploadId}`;
/** Where this process keeps (or fetches) the file of an upload. */
const localPath = (deps: Deps, uploadId: string, storedPath: string) => path.join(deps.config.dataDir, 'uploads', uploadId, path.basename(storedPath));

/** Keeps the file name readable but harmless on disk (no path, no control character). */
const safeName = (name: string) => path.basename(name).replace(/[^\w.\- ]+/g, '_').slice(-120) || 'fichier';

/** The name shown on the upload page: no path, no control character, valid UTF-8 (PostgreSQL refuses NUL). */
const displayName = (name: string) =>
  path.basename(name).replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim().slice(0, 255).replace(/\p{Cs}/gu, '\ufffd') || 'fichier';

/** Streams one uploaded file to disk and queues its import; refuses a file over the configured limit. */
export async function receiveUpload(deps: Deps, actor: AuthUser, file: { filename: string; file: Readable & { truncated?: boolean } } | undefined): Promise<Result<{ id: string }>> {
  if (!file || !file.filename) return fail('UPLOAD_MISSING', { file: 'Choisissez un fichier DECP à importer.' });
  const id = randomUUID();
  const dir = path.join(deps.config.dataDir, 'uploads', id);
  fs.mkdirSync(dir, { recursive: true });
  const stored = path.join(dir, safeName(file.filename));
  const tooLarge = () => {
    fs.rmSync(dir, { recursive: true, force: true });
    return fail('UPLOAD_TOO_LARGE', { file: `Le fichier dépasse ${mb(deps.config.decpUploadMaxBytes)} Mo, la taille maximale acceptée en ligne. Les fichiers plus gros s'importent en ligne de commande (entraide decp import).` });
  };
  try {
    await pipeline(file.file, fs.createWriteStream(stored));
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge();
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  if (file.file.truncated) return tooLarge();
  const sizeBytes = fs.statSync(stored).size;
  if (shared(deps)) {
    try {
      await fileStoreFor(deps.config).put(sharedKey(id), fs.createReadStream(stored));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.insert(decpUploads).values({ id, fileName: displayName(file.filename), storedPath: stored, sizeBytes, status: 'queued', uploadedBy: actor.id, createdAt: now });
    await deps.jobs.enqueue(IMPORT_UPLOAD_JOB, { uploadId: id }, { maxAttempts: 2 }, tx);
  });
  return ok({ id });
}

/**
 * Uploads whose import was running in a process that is gone (kill -9, crash): marked interrupted
 * with the French reason the upload page shows, their stored copy removed (the facilitator uploads
 * the file again). Uploads of live processes are left alone (platform/instance.ts).
 */
export async function recoverInterruptedUploads(deps: Deps): Promise<string[]> {
  const running = await deps.db
    .select({ id: decpUploads.id, owner: decpUploads.ownerInstance, storedPath: decpUploads.storedPath })
    .from(decpUploads)
    .where(eq(decpUploads.status, 'running'));
  if (!running.length) return [];
  const dead = await deps.instance.deadAmong(running.map((r) => r.owner));
  const gone = running.filter((r) => dead.has(r.owner));
  if (!gone.length) return [];
  await deps.db
    .update(decpUploads)
    .set({ status: 'interrupted', error: INTERRUPTED_REASON, finishedAt: deps.clock.now(), ownerInstance: null })
    .where(and(inArray(decpUploads.id, gone.map((g) => g.id)), eq(decpUploads.status, 'running')));
  for (const g of gone) {
    fs.rmSync(path.dirname(g.storedPath), { recursive: true, force: true });
    if (shared(deps)) await fileStoreFor(deps.config).delete(sharedKey(g.id));
  }
  deps.log.warn({ uploads: gone.map((g) => g.id) }, 'DECP uploads of a dead process marked interrupted');
  return gone.map((g) => g.id);
}

/** The job: imports the stored file with the command line's import, then removes it. */
async function runUpload(deps: Deps, uploadId: string) {
  const [u] = await deps.db.select().from(decpUploads).where(eq(decpUploads.id, uploadId));
  if (!u || u.status !== 'queued') {
    // A 'running' one whose job is taken again: its process died (its job lease expired), so it is
    // interrupted like at a start; its staging rows go with its import's.
    if (u?.status === 'running') {
      await recoverInterruptedImports(deps);
      await recoverInterruptedUploads(deps);
    }
    return;
  }
  await deps.db
    .update(decpUploads)
    .set({ status: 'running', startedAt: deps.clock.now(), ownerInstance: deps.instance.id })
    .where(eq(decpUploads.id, uploadId));
  let bytes = 0;
  const file = shared(deps) ? localPath(deps, uploadId, u.storedPath) : u.storedPath;
  try {
    if (shared(deps)) {
      // Received by any process, kept in the shared store: fetched here for the streaming import.
      const source = await fileStoreFor(deps.config).get(sharedKey(uploadId));
      if (!source) throw new Error(`DECP upload ${uploadId}: ${sharedKey(uploadId)} missing from the file store`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await pipeline(source, fs.createWriteStream(file));
    }
    const report = await importDecpFiles(deps, [file], {
      onProgress: (_file, read) => {
        bytes = read;
      },
      afterBatch: async (staged) => {
        await deps.db.update(decpUploads).set({ bytesRead: bytes, recordsStaged: staged }).where(eq(decpUploads.id, uploadId));
        await uploadHooks.afterBatch?.(uploadId, staged);
      },
    });
    const named: ImportReportDto = { ...report, errors: report.errors.map((e) => ({ ...e, file: u.fileName })) };
    await deps.db
      .update(decpUploads)
      .set({ status: 'done', report: named, bytesRead: u.sizeBytes, recordsStaged: report.read - report.rejected, finishedAt: deps.clock.now(), ownerInstance: null })
      .where(eq(decpUploads.id, uploadId));
  } catch (e) {
    deps.log.error({ err: e, uploadId }, 'DECP upload import failed');
    await deps.db
      .update(decpUploads)
      .set({ status: 'failed', error: "L'import s'est interrompu sur une erreur inattendue ; rien de ce fichier n'a été gardé.", finishedAt: deps.clock.now(), ownerInstance: null })
      .where(and(eq(decpUploads.id, uploadId), eq(decpUploads.status, 'running')));
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    if (shared(deps)) await fileStoreFor(deps.config).delete(sharedKey(uploadId)).catch((err: unknown) => deps.log.warn({ err, uploadId }, 'DECP upload copy left in the file store'));
  }
}

export function registerUploadJobs(deps: Deps) {
  // Its own lane: an import of several minutes never holds up e-mails and reminders (ADR 0003).
  deps.jobs.register(IMPORT_UPLOAD_JOB, (payload: { uploadId: string }) => runUpload(deps, payload.uploadId), { lane: 'long' });
}

function present(u: typeof decpUploads.$inferSelect): UploadDto {
  return {
    id: u.id,
    fileName: u.fileName,
    sizeBytes: u.sizeBytes,
    status: u.status,
    bytesRead: u.bytesRead,
    recordsStaged: u.recordsStaged,
    progress: u.status === 'done' ? 1 : u.sizeBytes > 0 ? Math.min(1, u.bytesRead / u.sizeBytes) : 0,
    report: (u.report as ImportReportDto | null) ?? null,
    error: u.error,
    createdAt: u.createdAt.toISOString(),
    startedAt: u.startedAt?.toISOString() ?? null,
    finishedAt: u.finishedAt?.toISOString() ?? null,
  };
}

/** One upload's status, progress and report (the page polls it). */
export async function getUpload(deps: Deps, id: string): Promise<Result<UploadDto>> {
  const [u] = await deps.db.select().from(decpUploads).where(eq(decpUploads.id, id));
  return u ? ok(present(u)) : fail('NOT_FOUND');
}

/** The latest uploads, newest first. */
export async function listUploads(deps: Deps) {
  const list = await deps.db.select().from(decpUploads).orderBy(desc(decpUploads.createdAt)).limit(20);
  return { items: list.map(present), maxBytes: deps.config.decpUploadMaxBytes };
}

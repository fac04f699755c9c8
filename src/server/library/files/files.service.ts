import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../platform/context.js';
import type { Tx } from '../../platform/db.js';
import { defaultExtractionLimits, extractableKinds, extractText, type ExtractionLimits, type ExtractionOutcome, type ExtractionProblem } from '../../platform/extraction/extraction.js';
import { fileStoreFor } from '../../platform/files.js';
import { fail, ok, type Result } from '../../platform/result.js';
import type { FileKind } from '../library.contract.js';
import { libraryMail } from '../library.messages.js';
import { libraryFiles, libraryResources } from '../library.tables.js';

/** A file written to a temporary folder, not yet checked nor stored. */
export type StagedFile = { tmpPath: string; fileName: string; size: number; sha256: string };
/** A staged file whose content was recognised as one of the accepted types. */
export type CheckedFile = StagedFile & { kind: FileKind; mime: string };

export const acceptedTypes: Record<FileKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
};

/** Extracted text kept per resource for search (a tsvector holds at most 1 MB). */
export const FILES_TEXT_CAP = 200_000;

export class FileTooLargeError extends Error {
  constructor(readonly fileName: string) {
    super(`file too large: ${fileName}`);
  }
}

/** The temporary folder of uploads being received (DATA_DIR/tmp/uploads). */
export const uploadsTmpDir = (deps: Pick<Deps, 'config'>) => path.join(deps.config.dataDir, 'tmp', 'uploads');

/** A file name safe to show and to send back in Content-Disposition: no path, no control characters. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // Sliced, then any half of a surrogate pair left (or sent) replaced: PostgreSQL stores UTF-8 only.
  const cleaned = base.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f"]/g, '').trim().slice(-150).replace(/\p{Cs}/gu, '\ufffd');
  return cleaned || 'fichier';
}

/**
 * Streams a file to the temporary folder, counting bytes (over the limit: FileTooLargeError, and
 * the partial file is removed) and hashing them on the way.
 */
export async function stageFile(deps: Pick<Deps, 'config'>, source: Readable, rawName: string): Promise<StagedFile> {
  const dir = uploadsTmpDir(deps);
  await fsp.mkdir(dir, { recursive: true });
  const fileName = cleanFileName(rawName);
  const tmpPath = path.join(dir, randomUUID());
  const max = deps.config.libraryMaxFileBytes;
  const hash = createHash('sha256');
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > max) return cb(new FileTooLargeError(fileName));
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(source, counter, fs.createWriteStream(tmpPath));
  } catch (e) {
    await fsp.rm(tmpPath, { force: true });
    // @fastify/multipart stops a file at its own limit (the same configured size).
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new FileTooLargeError(fileName);
    throw e;
  }
  return { tmpPath, fileName, size, sha256: hash.digest('hex') };
}

export async function discardStaged(files: StagedFile[]) {
  await Promise.all(files.map((f) => fsp.rm(f.tmpPath, { force: true })));
}

const extensionOf = (name: string) => /\.([a-z0-9]{1,8})$/i.exec(name)?.[1]?.toLowerCase() ?? '';

/**
 * Recognises each file from its bytes (file-type), never from its name: anything but PDF, DOCX,
 * XLSX and ODT is refused, and so is a file whose extension does not name what it contains.
 */
export async function checkTypes(files: StagedFile[]): Promise<Result<CheckedFile[]>> {
  const checked: CheckedFile[] = [];
  for (const f of files) {
    // file-type (and its tokenizers) loaded with the first upload, not at start.
    const { fileTypeFromFile } = await import('file-type');
    const detected = await fileTypeFromFile(f.tmpPath);
    const kind = detected?.ext as FileKind | undefined;
    if (!kind || !(kind in acceptedTypes)) return fail('FILE_TYPE_REFUSED', { files: libraryMail.fileRefused(f.fileName) });
    if (extensionOf(f.fileName) !== kind) return fail('FILE_TYPE_MISMATCH', { files: libraryMail.fileMismatch(f.fileName, kind) });
    checked.push({ ...f, kind, mime: acceptedTypes[kind] });
  }
  return ok(checked);
}

/** Puts checked files in the store under fresh keys (`<prefix>/<uuid>`); on any failure removes what it put. */
export async function storeFiles(deps: Pick<Deps, 'config' | 'log'>, files: CheckedFile[], prefix = 'library'): Promise<(CheckedFile & { storageKey: string })[]> {
  const store = fileStoreFor(deps.config);
  const stored: (CheckedFile & { storageKey: string })[] = [];
  try {
    for (const f of files) {
      const storageKey = `${prefix}/${randomUUID()}`;
      await store.put(storageKey, fs.createReadStream(f.tmpPath));
      stored.push({ ...f, storageKey });
    }
    return stored;
  } catch (e) {
    await removeStored(deps, stored.map((s) => s.storageKey));
    throw e;
  }
}

/** Inserts the rows of files just stored, from `firstPosition` on, and queues the text extraction of each PDF and DOCX (same transaction). */
export async function insertStoredFiles(deps: Pick<Deps, 'jobs'>, tx: Tx, resourceId: string, stored: (CheckedFile & { storageKey: string })[], firstPosition: number, now: Date) {
  for (const [i, f] of stored.entries()) {
    const [file] = await tx
      .insert(libraryFiles)
      .values({
        resourceId,
        storageKey: f.storageKey,
        fileName: f.fileName,
        kind: f.kind,
        mimeType: f.mime,
        size: f.size,
        sha256: f.sha256,
        position: firstPosition + i,
        extractionStatus: extractable(f.kind) ? 'pending' : 'not_applicable',
        createdAt: now,
      })
      .returning({ id: libraryFiles.id });
    if (extractable(f.kind)) await deps.jobs.enqueue(EXTRACT_JOB, { fileId: file!.id }, {}, tx);
  }
}

export async function removeStored(deps: Pick<Deps, 'config' | 'log'>, keys: string[]) {
  const store = fileStoreFor(deps.config);
  for (const key of keys) {
    await store.delete(key).catch((err) => deps.log.warn({ err, key }, 'library: could not delete a stored file'));
  }
}

// ---------------------------------------------------------------------------------------------
// Text extraction, in a durable job after the upload committed.
// ---------------------------------------------------------------------------------------------

export const EXTRACT_JOB = 'library.extract';

/**
 * The searchable text of a resource: its files' extracted text, in file order, capped. Recomputed
 * when an extraction finishes and when an edit removes a file (same transaction as the removal).
 */
export const filesTextSql = (resourceId: string) =>
  sql`left(coalesce((SELECT string_agg(f.extracted_text, E'\n' ORDER BY f.position) FROM library_files f
        WHERE f.resource_id = ${resourceId} AND f.extraction_status = 'done'), ''), ${FILES_TEXT_CAP})`;

/**
 * Extracts a file's text in the extraction child process (platform/extraction): a file that cannot
 * be read, or that breaks a limit (memory, time, Office file expanding too much), is marked
 * `unreadable` with its problem, which is final; the server itself is never at risk.
 */
export async function extractFile(deps: Deps, fileId: string, limits: ExtractionLimits = defaultExtractionLimits): Promise<void> {
  const [file] = await deps.db.select().from(libraryFiles).where(eq(libraryFiles.id, fileId));
  if (!file || file.extractionStatus !== 'pending') return;
  const stream = await fileStoreFor(deps.config).get(file.storageKey);
  const outcome: ExtractionOutcome = stream ? await extractText(file.kind, stream, { ...limits, maxChars: Math.min(limits.maxChars, FILES_TEXT_CAP) }) : { ok: false, problem: 'missing' };
  if (!outcome.ok) deps.log.info({ fileId, problem: outcome.problem, detail: outcome.detail }, 'library: unreadable file');
  await saveExtraction(deps, file, outcome.ok ? { status: 'done', text: outcome.text, problem: null } : { status: 'unreadable', text: '', problem: outcome.problem });
}

async function saveExtraction(deps: Deps, file: { id: string; resourceId: string }, r: { status: 'done' | 'unreadable'; text: string; problem: ExtractionProblem | null }) {
  await deps.db.transaction(async (tx) => {
    await tx.update(libraryFiles).set({ extractionStatus: r.status, extractedText: r.text, extractionProblem: r.problem }).where(eq(libraryFiles.id, file.id));
    await tx.update(libraryResources).set({ filesText: filesTextSql(file.resourceId) }).where(eq(libraryResources.id, file.resourceId));
  });
}

/** A file whose extraction job was given up (it crashed the server twice): unreadable, said why. */
async function extractionAbandoned(deps: Deps, fileId: string) {
  const [file] = await deps.db.select().from(libraryFiles).where(eq(libraryFiles.id, fileId));
  if (!file || file.extractionStatus !== 'pending') return;
  await saveExtraction(deps, file, { status: 'unreadable', text: '', problem: 'interrupted' });
}

export function registerFileJobs(deps: Deps) {
  // The 'long' lane: an extraction may take up to its time limit, and e-mails must not wait behind it.
  deps.jobs.register(EXTRACT_JOB, async (payload: { fileId: string }) => extractFile(deps, payload.fileId), {
    lane: 'long',
    onGiveUp: (payload: { fileId: string }) => extractionAbandoned(deps, payload.fileId),
  });
}

/** Whether a file kind gets its text extracted for search. */
export const extractable = (kind: FileKind) => extractableKinds.includes(kind);

/** Turns a Buffer or a stream into a stream (for callers of createResource from other modules). */
export const asStream = (content: Readable | Buffer): Readable => (Buffer.isBuffer(content) ? Readable.from([content]) : content);

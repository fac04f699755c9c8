import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import { checkTypes, discardStaged, FileTooLargeError, removeStored, stageFile, storeFiles, type StagedFile } from '../library/files/files.service.js';
import { libraryMail } from '../library/library.messages.js';
import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import type { Db, Tx } from '../platform/db.js';
import { fileStoreFor } from '../platform/files.js';
import { fail, ok, type Result } from '../platform/result.js';
import type { EvidenceFile } from './spaser.contract.js';
import type { SpaserContent } from './spaser.content.js';
import { loadSpaser } from './spaser.service.js';
import { spaserEvidenceFiles, spaserSectionContents } from './spaser.tables.js';

/**
 * Evidence files of indicator values (issue 17, item 4: « yearly values with source and evidence
 * file »). An editor uploads a file to the schéma (PDF, DOCX, XLSX or ODT, recognised from its bytes,
 * the library's size limit); a baseline or a yearly value points at it by id; whoever reads the schéma
 * downloads it. A file that a saved value still points at cannot be removed.
 */

const downloadUrl = (spaserId: string, fileId: string) => `/api/spasers/${spaserId}/evidence/${fileId}`;

const present = (f: typeof spaserEvidenceFiles.$inferSelect): EvidenceFile => ({
  id: f.id,
  fileName: f.fileName,
  kind: f.kind,
  size: f.size,
  uploadedAt: f.createdAt.toISOString(),
  downloadUrl: downloadUrl(f.spaserId, f.id),
});

/** The schéma's evidence files, oldest first (the detail of a schéma lists them for its readers). */
export async function listEvidence(deps: Pick<Deps, 'db'>, spaserId: string): Promise<EvidenceFile[]> {
  const files = await deps.db.select().from(spaserEvidenceFiles).where(eq(spaserEvidenceFiles.spaserId, spaserId)).orderBy(asc(spaserEvidenceFiles.createdAt), asc(spaserEvidenceFiles.id));
  return files.map(present);
}

/** A part of a multipart request: the file's stream and the name the browser sent. */
export type IncomingFile = { file: Readable; filename: string } | undefined;

/**
 * Stores one uploaded file for a schéma its uploader edits. The file is staged with the size limit,
 * recognised from its content, then stored and recorded; anything refused leaves nothing behind.
 */
export async function uploadEvidence(deps: Deps, user: AuthUser, spaserId: string, receive: () => Promise<IncomingFile>): Promise<Result<EvidenceFile>> {
  const loaded = await loadSpaser(deps, user, spaserId);
  if (!loaded.ok) return loaded;
  if (!loaded.value.canEdit) return fail('SPASER_EDIT_FORBIDDEN');
  const staged: StagedFile[] = [];
  try {
    let part: IncomingFile;
    try {
      part = await receive();
      if (!part?.filename) {
        part?.file.resume();
        return fail('UPLOAD_MALFORMED', { file: 'Choisissez un fichier à envoyer.' });
      }
      staged.push(await stageFile(deps, part.file, part.filename));
    } catch (e) {
      const maxMb = deps.config.libraryMaxFileBytes / 2 ** 20;
      if (e instanceof FileTooLargeError) return fail('FILE_TOO_LARGE', { file: libraryMail.fileTooLarge(e.fileName, maxMb) });
      const code = (e as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') return fail('FILE_TOO_LARGE', { file: libraryMail.fileTooLarge(part?.filename ?? 'Le fichier', maxMb) });
      if (code?.startsWith('FST_')) return fail('UPLOAD_MALFORMED', { file: 'Le formulaire envoyé est mal formé.' });
      throw e;
    }
    const checked = await checkTypes(staged);
    if (!checked.ok) return fail(checked.error, { file: checked.fields?.files ?? '' });
    const [stored] = await storeFiles(deps, checked.value, 'spaser');
    try {
      const [row] = await deps.db
        .insert(spaserEvidenceFiles)
        .values({ spaserId, storageKey: stored!.storageKey, fileName: stored!.fileName, kind: stored!.kind, mimeType: stored!.mime, size: stored!.size, sha256: stored!.sha256, uploadedBy: user.id, createdAt: deps.clock.now() })
        .returning();
      return ok(present(row!));
    } catch (e) {
      await removeStored(deps, [stored!.storageKey]);
      throw e;
    }
  } finally {
    await discardStaged(staged);
  }
}

/** Opens an evidence file for a reader of its schéma (never for anyone else: same answer as a missing file). */
export async function openEvidence(deps: Deps, user: AuthUser, spaserId: string, fileId: string) {
  const loaded = await loadSpaser(deps, user, spaserId);
  if (!loaded.ok) return loaded;
  const [file] = await deps.db.select().from(spaserEvidenceFiles).where(and(eq(spaserEvidenceFiles.id, fileId), eq(spaserEvidenceFiles.spaserId, spaserId)));
  if (!file) return fail('SPASER_EVIDENCE_NOT_FOUND');
  const stream = await fileStoreFor(deps.config).get(file.storageKey);
  if (!stream) return fail('SPASER_EVIDENCE_NOT_FOUND');
  return ok({ stream, fileName: file.fileName, mimeType: file.mimeType, size: file.size });
}

/** Every evidence file id that the figures of an indicators section point at. */
export function evidenceIdsOf(indicators: SpaserContent['indicators']): { path: string; id: string }[] {
  const found: { path: string; id: string }[] = [];
  indicators.forEach((ind, i) =>
    ind.perBuyer.forEach((b, j) => {
      if (b.baseline?.evidenceFileId) found.push({ path: `${i}.perBuyer.${j}.baseline.evidenceFileId`, id: b.baseline.evidenceFileId });
      b.values.forEach((v, k) => v.evidenceFileId && found.push({ path: `${i}.perBuyer.${j}.values.${k}.evidenceFileId`, id: v.evidenceFileId }));
    }),
  );
  return found;
}

/** Per-field errors for figures pointing at a file that is not one of this schéma's. */
export async function evidenceErrors(db: Db | Tx, spaserId: string, indicators: SpaserContent['indicators']): Promise<Record<string, string>> {
  const refs = evidenceIdsOf(indicators);
  if (!refs.length) return {};
  // In the saving transaction, the rows are locked so that they cannot be removed before it commits.
  const known = await db
    .select({ id: spaserEvidenceFiles.id })
    .from(spaserEvidenceFiles)
    .where(and(eq(spaserEvidenceFiles.spaserId, spaserId), inArray(spaserEvidenceFiles.id, [...new Set(refs.map((r) => r.id))])))
    .for('key share');
  const ids = new Set(known.map((k) => k.id));
  return Object.fromEntries(refs.filter((r) => !ids.has(r.id)).map((r) => [r.path, 'Ce fichier justificatif n’appartient pas à ce schéma : envoyez-le à nouveau.']));
}

/** Removes a file that no saved value points at (an editor's choice); one still used is refused. */
export async function removeEvidence(deps: Deps, user: AuthUser, spaserId: string, fileId: string): Promise<Result<{ ok: true }>> {
  const loaded = await loadSpaser(deps, user, spaserId);
  if (!loaded.ok) return loaded;
  if (!loaded.value.canEdit) return fail('SPASER_EDIT_FORBIDDEN');
  const removed = await deps.db.transaction(async (tx) => {
    // The indicators section is read in the transaction that deletes: a save pointing at the file
    // between the two would otherwise leave a figure without its file.
    const [section] = await tx
      .select({ body: spaserSectionContents.body })
      .from(spaserSectionContents)
      .where(and(eq(spaserSectionContents.spaserId, spaserId), eq(spaserSectionContents.section, 'indicators')))
      .for('update');
    const used = evidenceIdsOf((section?.body as SpaserContent['indicators'] | null) ?? []).some((r) => r.id === fileId);
    if (used) return 'used' as const;
    const [row] = await tx
      .delete(spaserEvidenceFiles)
      .where(and(eq(spaserEvidenceFiles.id, fileId), eq(spaserEvidenceFiles.spaserId, spaserId)))
      .returning({ storageKey: spaserEvidenceFiles.storageKey });
    return row ?? null;
  });
  if (removed === 'used') return fail('SPASER_EVIDENCE_IN_USE');
  if (!removed) return fail('SPASER_EVIDENCE_NOT_FOUND');
  await removeStored(deps, [removed.storageKey]);
  return ok({ ok: true });
}

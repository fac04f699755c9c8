import { and, asc, eq, inArray } from 'drizzle-orm';
import { organisations } from '../../organisations/organisations.tables.js';
import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import type { Db } from '../../platform/db.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { toParisLocal } from '../../../shared/paris-time.js';
import { FILES_MAX, resourceEditExtras, resourceInputKeys, type ResourceInput } from '../library.contract.js';
import { libraryMail } from '../library.messages.js';
import { canEditResource, canReadResource } from '../library.policy.js';
import { libraryFiles, libraryResourceRevisions, libraryResources } from '../library.tables.js';
import { checkTypes, filesTextSql, insertStoredFiles, removeStored, storeFiles, type StagedFile } from '../files/files.service.js';
import { audienceExists, dayStart, loadResource, metadataColumns, parseResourceInput } from './resources.service.js';

type ResourceRow = typeof libraryResources.$inferSelect;

/** The day of publication as a Paris calendar reads it (YYYY-MM-DD). */
const parisDay = (d: Date) => toParisLocal(d).slice(0, 10);

/** A stored resource as the metadata the edit form and resourceInput speak. */
export function inputOf(row: ResourceRow): ResourceInput {
  return {
    kind: row.kind,
    title: row.title,
    summary: row.summary,
    body: row.body,
    themes: row.themes as ResourceInput['themes'],
    segments: row.segments as ResourceInput['segments'],
    links: row.links,
    producer: row.producer,
    licence: row.licence,
    publishedOn: row.publishedAt ? parisDay(row.publishedAt) : undefined,
    visibility: row.visibility,
    spaceId: row.spaceId ?? undefined,
    groupId: row.groupId ?? undefined,
  };
}

/** JSON with object keys sorted: jsonb gives `links` back with its keys in its own order. */
const canonical = (v: unknown): string =>
  JSON.stringify(v ?? null, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : x,
  );
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/**
 * Edits a resource (facilitators, library.policy.ts canEditResource): any metadata of
 * resourceInput (absent keys keep their value), the producing organisation, attached files removed
 * by id and new files already staged by the caller (checked like uploads). One transaction writes
 * the row — the generated search vector follows it, and the files' text is recomputed when a file
 * goes — the removed and added file rows, the extraction jobs of the new files and one revision
 * row; the removed files leave the store after the commit, and the new ones are removed from it if
 * the transaction fails. Visibility is read live by every read path, so a new audience applies to
 * the next request. The caller discards the staged files.
 */
export async function updateFromStaged(deps: Deps, user: AuthUser, resourceId: string, raw: unknown, staged: StagedFile[]): Promise<Result<{ ok: true }>> {
  const loaded = await loadResource(deps.db, user.id, resourceId);
  if (!loaded || !canReadResource(user, loaded.facts)) return fail('RESOURCE_NOT_FOUND');
  if (!canEditResource(user)) return fail('FORBIDDEN');
  const data = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const extras = resourceEditExtras.safeParse(data);
  const metadata = Object.fromEntries(resourceInputKeys.filter((k) => k in data).map((k) => [k, data[k]]));
  const parsed = parseResourceInput({ ...inputOf(loaded.row), ...metadata });
  if (!extras.success || !parsed.ok) {
    const fields: Record<string, string> = parsed.ok ? {} : { ...parsed.fields };
    if (!extras.success) for (const i of extras.error.issues) fields[i.path.map(String).join('.') || '_'] ??= i.message;
    return fail('VALIDATION', fields);
  }
  const input = parsed.value;
  const { removeFileIds } = extras.data;
  if (!(await audienceExists(deps.db, input))) return fail('AUDIENCE_UNKNOWN', { [input.visibility === 'space' ? 'spaceId' : 'groupId']: "Cet espace ou ce groupe n'existe pas." });
  if (extras.data.organisationId && !(await organisationExists(deps.db, extras.data.organisationId)))
    return fail('VALIDATION', { organisationId: "Cette organisation n'existe pas." });
  const existing = await deps.db.select().from(libraryFiles).where(eq(libraryFiles.resourceId, resourceId)).orderBy(asc(libraryFiles.position));
  const removeIds = [...new Set(removeFileIds)];
  if (removeIds.some((id) => !existing.some((f) => f.id === id))) return fail('FILE_NOT_FOUND', { removeFileIds: libraryMail.fileNotAttached });
  if (existing.length - removeIds.length + staged.length > FILES_MAX) return fail('TOO_MANY_FILES', { files: libraryMail.tooManyFiles(FILES_MAX) });
  const checked = await checkTypes(staged);
  if (!checked.ok) return checked;

  const stored = await storeFiles(deps, checked.value);
  const now = deps.clock.now();
  let removedKeys: string[];
  try {
    const result = await deps.db.transaction(async (tx) => {
      // The row as it is now, locked: two editors in a row each record what they replaced.
      const [row] = await tx.select().from(libraryResources).where(eq(libraryResources.id, resourceId)).for('update');
      if (!row) return null;
      const before = inputOf(row);
      const changed: string[] = [];
      const previous: Record<string, unknown> = {};
      for (const key of resourceInputKeys) {
        if (key === 'publishedOn' && row.status !== 'published') continue;
        if (!same(before[key], input[key])) {
          changed.push(key);
          previous[key] = before[key] ?? null;
        }
      }
      const organisationId = extras.data.organisationId === undefined ? row.organisationId : extras.data.organisationId;
      if (organisationId !== row.organisationId) {
        changed.push('organisationId');
        previous.organisationId = row.organisationId;
      }
      const removed = removeIds.length
        ? await tx
            .delete(libraryFiles)
            .where(and(eq(libraryFiles.resourceId, resourceId), inArray(libraryFiles.id, removeIds)))
            .returning({ key: libraryFiles.storageKey, fileName: libraryFiles.fileName })
        : [];
      if (removed.length !== removeIds.length) throw new Error('library: attached files changed during an edit');
      const lastPosition = existing.reduce((n, f) => Math.max(n, f.position), -1);
      await insertStoredFiles(deps, tx, resourceId, stored, lastPosition + 1, now);
      if (removed.length || stored.length) {
        changed.push('files');
        previous.filesRemoved = removed.map((f) => f.fileName);
        previous.filesAdded = stored.map((f) => f.fileName);
      }
      await tx
        .update(libraryResources)
        .set({
          ...metadataColumns(input),
          organisationId,
          ...(row.status === 'published' && changed.includes('publishedOn') && input.publishedOn ? { publishedAt: dayStart(input.publishedOn) } : {}),
          ...(removed.length ? { filesText: filesTextSql(resourceId) } : {}),
          ...(changed.length ? { updatedAt: now } : {}),
        })
        .where(eq(libraryResources.id, resourceId));
      if (changed.length) await tx.insert(libraryResourceRevisions).values({ resourceId, editedBy: user.id, editedAt: now, changed, previous });
      return removed.map((f) => f.key);
    });
    if (!result) {
      await removeStored(deps, stored.map((s) => s.storageKey));
      return fail('RESOURCE_NOT_FOUND');
    }
    removedKeys = result;
  } catch (e) {
    await removeStored(deps, stored.map((s) => s.storageKey));
    throw e;
  }
  await removeStored(deps, removedKeys);
  return ok({ ok: true as const });
}

async function organisationExists(db: Db, id: string) {
  return (await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id))).length > 0;
}

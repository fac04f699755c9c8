import { and, asc, eq, isNull } from 'drizzle-orm';
import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { fail, ok, type Result } from '../platform/result.js';
import { spaserDocument, type SpaserDocument } from './document.contract.js';
import { draftDocument } from './publication.service.js';
import { loadSpaser } from './spaser.service.js';
import { spaserPublications, spasers } from './spaser.tables.js';
import { WORKING, type VersionEntry, type VersionList } from './versions.contract.js';
import { compareDocuments, type DocumentComparison } from './versions.js';
import './spaser.messages.js';

/**
 * Versions of a SPASER (issue 19, item 1): every publication is kept, frozen (spaser_publications,
 * one row per version 1, 2…); the working version is the live sections. Who sees what:
 * - anyone: the publications not withdrawn of a schéma that has one;
 * - the schéma's readers (members of its buyers, staff): every publication, withdrawn ones marked;
 * - its editors: also the working version.
 */

type Viewer = { spaser: typeof spasers.$inferSelect; reader: boolean; editor: boolean };

/** Who the person is to this schéma; a schéma neither readable nor published is « not found ». */
async function viewerOf(deps: Deps, user: AuthUser | null, spaserId: string): Promise<Result<Viewer>> {
  if (user) {
    const loaded = await loadSpaser(deps, user, spaserId);
    if (loaded.ok) return ok({ spaser: loaded.value.spaser, reader: true, editor: loaded.value.canEdit });
    if (loaded.error !== 'SPASER_NOT_FOUND') return loaded;
  }
  const [spaser] = await deps.db.select().from(spasers).where(eq(spasers.id, spaserId));
  if (!spaser) return fail('SPASER_NOT_FOUND');
  const [shown] = await deps.db
    .select({ id: spaserPublications.id })
    .from(spaserPublications)
    .where(and(eq(spaserPublications.spaserId, spaserId), isNull(spaserPublications.withdrawnAt)))
    .limit(1);
  // Nothing public: the same answer as for a schéma that does not exist, so a draft's existence never leaks.
  if (!shown) return fail('SPASER_NOT_FOUND');
  return ok({ spaser, reader: false, editor: false });
}

type PublicationRow = typeof spaserPublications.$inferSelect;

function entryOf(row: PublicationRow): VersionEntry {
  const doc = row.document as SpaserDocument;
  return {
    key: String(row.version),
    version: row.version,
    id: row.id,
    publishedAt: row.publishedAt.toISOString(),
    adoptedOn: doc.adoptedOn ?? null,
    adoptionReference: doc.adoptionReference ?? null,
    withdrawn: row.withdrawnAt !== null,
  };
}

function workingEntry(spaser: typeof spasers.$inferSelect): VersionEntry {
  return { key: WORKING, version: null, id: null, publishedAt: null, adoptedOn: spaser.adoptedOn, adoptionReference: spaser.adoptionReference, withdrawn: false };
}

async function visiblePublications(deps: Deps, viewer: Viewer): Promise<PublicationRow[]> {
  return deps.db
    .select()
    .from(spaserPublications)
    .where(and(eq(spaserPublications.spaserId, viewer.spaser.id), viewer.reader ? undefined : isNull(spaserPublications.withdrawnAt)))
    .orderBy(asc(spaserPublications.version));
}

/** The versions of a schéma the person may see, oldest first, the working version last (editors). */
export async function listVersions(deps: Deps, user: AuthUser | null, spaserId: string): Promise<Result<VersionList>> {
  const viewer = await viewerOf(deps, user, spaserId);
  if (!viewer.ok) return viewer;
  const { spaser, editor } = viewer.value;
  const versions = (await visiblePublications(deps, viewer.value)).map(entryOf);
  if (editor) versions.push(workingEntry(spaser));
  return ok({ spaserId: spaser.id, title: spaser.title, status: spaser.status, canEdit: editor, versions });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One side of a comparison: its entry and its document, or why it cannot be read. */
async function resolve(deps: Deps, user: AuthUser | null, viewer: Viewer, ref: string, side: 'from' | 'to'): Promise<Result<{ entry: VersionEntry; document: SpaserDocument }>> {
  if (ref === WORKING) {
    if (!viewer.editor || !user) return fail('SPASER_WORKING_VERSION_FORBIDDEN', { [side]: 'Seuls les rédacteurs de ce SPASER voient sa version de travail.' });
    const draft = await draftDocument(deps, user, viewer.spaser.id);
    if (!draft.ok) return draft;
    return ok({ entry: workingEntry(viewer.spaser), document: draft.value });
  }
  let row: PublicationRow | undefined;
  if (UUID.test(ref)) {
    [row] = await deps.db.select().from(spaserPublications).where(eq(spaserPublications.id, ref.toLowerCase()));
    if (row && row.spaserId !== viewer.spaser.id) {
      return fail('SPASER_VERSION_OTHER_SPASER', { [side]: 'Cette version appartient à un autre SPASER : on ne compare que deux versions d’un même schéma.' });
    }
  } else {
    [row] = await deps.db
      .select()
      .from(spaserPublications)
      .where(and(eq(spaserPublications.spaserId, viewer.spaser.id), eq(spaserPublications.version, Number(ref))));
  }
  // A withdrawn version is no longer public: for others than the schéma's readers it does not exist.
  if (!row || (row.withdrawnAt && !viewer.reader)) return fail('SPASER_VERSION_NOT_FOUND', { [side]: `La version « ${ref} » de ce SPASER n’existe pas, ou elle n’est pas publique.` });
  return ok({ entry: entryOf(row), document: spaserDocument.parse(row.document) });
}

export type VersionComparison = { spaserId: string; title: string; from: VersionEntry; to: VersionEntry; changes: DocumentComparison };

/** Compares two versions of one schéma (published ones, or the working one for its editors). */
export async function compareVersions(deps: Deps, user: AuthUser | null, spaserId: string, fromRef: string, toRef: string): Promise<Result<VersionComparison>> {
  const viewer = await viewerOf(deps, user, spaserId);
  if (!viewer.ok) return viewer;
  const from = await resolve(deps, user, viewer.value, fromRef.trim(), 'from');
  if (!from.ok) return from;
  const to = await resolve(deps, user, viewer.value, toRef.trim(), 'to');
  if (!to.ok) return to;
  return ok({
    spaserId,
    title: viewer.value.spaser.title,
    from: from.value.entry,
    to: to.value.entry,
    changes: compareDocuments(from.value.document, to.value.document),
  });
}

/**
 * Starts the revision of an adopted (or published) schéma: editors only. Only the status changes, to
 * « en révision »: the published versions stay as they are and the adopted one stays in force
 * (ADR 0025); the editors change the working version, adopt it again (new date and reference), then
 * publish it as the next version.
 */
export async function revise(deps: Deps, user: AuthUser, spaserId: string): Promise<Result<{ ok: true }>> {
  const loaded = await loadSpaser(deps, user, spaserId);
  if (!loaded.ok) return loaded;
  if (!loaded.value.canEdit) return fail('SPASER_EDIT_FORBIDDEN');
  const { spaser } = loaded.value;
  if (spaser.status === 'in_revision') return fail('SPASER_ALREADY_IN_REVISION');
  if (spaser.status !== 'adopted' && spaser.status !== 'published') return fail('SPASER_NOT_REVISABLE');
  // Conditional on the status read: two editors clicking at once change it once.
  const done = await deps.db
    .update(spasers)
    .set({ status: 'in_revision', updatedAt: deps.clock.now() })
    .where(and(eq(spasers.id, spaserId), eq(spasers.status, spaser.status)))
    .returning({ id: spasers.id });
  if (done.length === 0) return fail('SPASER_ALREADY_IN_REVISION');
  return ok({ ok: true as const });
}

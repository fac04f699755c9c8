import type { Readable } from 'node:stream';
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { users } from '../../accounts/accounts.tables.js';
import { helpSpaceMembers, helpSpaces } from '../../helpspace/helpspace.tables.js';
import { renderMarkdown } from '../../helpspace/posts/markdown.js';
import type { AuthUser } from '../../platform/auth.js';
import { isStaff } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import type { Db, Tx } from '../../platform/db.js';
import { fileStoreFor } from '../../platform/files.js';
import { toParisLocal } from '../../../shared/paris-time.js';
import { layoutMail } from '../../platform/mail.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { resourceInput, type FileKind, type ResourceInput } from '../library.contract.js';
import { extractionReason, libraryMail } from '../library.messages.js';
import { canDeleteResource, canEditResource, canPropose, canReadResource, canReview, isVerified, type ResourceFacts } from '../library.policy.js';
import { libraryCollectionItems, libraryCollections, libraryFiles, libraryGroupMembers, libraryGroups, libraryResourceRevisions, libraryResources } from '../library.tables.js';
import { organisations } from '../../organisations/organisations.tables.js';
import {
  asStream,
  checkTypes,
  discardStaged,
  FileTooLargeError,
  insertStoredFiles,
  removeStored,
  stageFile,
  storeFiles,
  type StagedFile,
} from '../files/files.service.js';
import { similarResources } from '../search/search.service.js';
import { announce } from '../../notifications/notifications.service.js';
import { NEW_RESOURCE } from '../library.notifications.js';

// ---------------------------------------------------------------------------------------------
// Visibility: one rule in SQL for every read path (lists, search, facets, similar, collections,
// downloads), the same rule as library.policy.ts canReadResource for one row.
// ---------------------------------------------------------------------------------------------

export type Reader = { id: string; staff: boolean; verified: boolean } | null;
export const readerOf = (u: AuthUser | null): Reader => (u ? { id: u.id, staff: isStaff(u), verified: isVerified(u) } : null);

/** Published resources whose audience includes the reader, over the alias `alias`. */
export function readableResourceSql(reader: Reader, alias = 'r'): SQL {
  const r = sql.raw(alias);
  const published = sql`${r}.status = 'published'`;
  if (reader?.staff) return published;
  if (!reader) return sql`(${published} AND ${r}.visibility = 'public')`;
  return sql`(${published} AND (${r}.visibility = 'public'
      ${reader.verified ? sql`OR ${r}.visibility = 'verified'` : sql``}
      OR (${r}.visibility = 'space' AND ${r}.space_id IN (SELECT m.space_id FROM help_space_members m WHERE m.user_id = ${reader.id}))
      OR (${r}.visibility = 'group' AND ${r}.group_id IN (SELECT g.group_id FROM library_group_members g WHERE g.user_id = ${reader.id}))))`;
}

type ResourceRow = typeof libraryResources.$inferSelect;

/** The row and the facts the policy needs for this reader, or null when it does not exist. */
export async function loadResource(db: Db | Tx, userId: string | null, resourceId: string): Promise<{ row: ResourceRow; facts: ResourceFacts } | null> {
  const [row] = await db.select().from(libraryResources).where(eq(libraryResources.id, resourceId));
  if (!row) return null;
  let inSpace = false;
  let inGroup = false;
  if (userId && row.spaceId)
    inSpace = (await db.select({ u: helpSpaceMembers.userId }).from(helpSpaceMembers).where(and(eq(helpSpaceMembers.spaceId, row.spaceId), eq(helpSpaceMembers.userId, userId)))).length > 0;
  if (userId && row.groupId)
    inGroup = (await db.select({ u: libraryGroupMembers.userId }).from(libraryGroupMembers).where(and(eq(libraryGroupMembers.groupId, row.groupId), eq(libraryGroupMembers.userId, userId)))).length > 0;
  return { row, facts: { status: row.status, visibility: row.visibility, createdBy: row.createdBy, inSpace, inGroup } };
}

// ---------------------------------------------------------------------------------------------
// Creating resources: the one path for facilitators, proposing members and other modules.
// ---------------------------------------------------------------------------------------------

/** A file given by another module: its name (with the right extension) and its bytes. */
export type FileSource = { fileName: string; content: Readable | Buffer };

export type CreateOptions = {
  /** 'published' (default) or 'proposed' (a member's proposal, waiting for review). */
  status?: 'published' | 'proposed';
  /** Who creates it (null for the platform itself). */
  createdBy: string | null;
  /** A key of the calling module (`event:<id>`, `codev:<id>`): a second creation with it fails. */
  sourceKey?: string;
  organisationId?: string | null;
  /**
   * Told as news to every member who may read it (category « Bibliothèque »): the library's own
   * publications. Other modules' resources (a replay, a summary sheet) are told by their own e-mails.
   */
  announce?: boolean;
};

const FIELD_SEPARATOR = '.';
function zodFields(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const i of issues) fields[i.path.map(String).join(FIELD_SEPARATOR) || '_'] ??= i.message;
  return fields;
}

/** Validates raw metadata with the contract: the typed input or VALIDATION with French messages per field. */
export function parseResourceInput(raw: unknown): Result<ResourceInput> {
  const parsed = resourceInput.safeParse(raw);
  return parsed.success ? ok(parsed.data) : fail('VALIDATION', zodFields(parsed.error.issues));
}

export async function audienceExists(db: Db, input: ResourceInput): Promise<boolean> {
  if (input.visibility === 'space')
    return (await db.select({ id: helpSpaces.id }).from(helpSpaces).where(and(eq(helpSpaces.id, input.spaceId!), eq(helpSpaces.kind, 'private')))).length > 0;
  if (input.visibility === 'group') return (await db.select({ id: libraryGroups.id }).from(libraryGroups).where(eq(libraryGroups.id, input.groupId!))).length > 0;
  return true;
}

/** The columns of a resource that its metadata sets (creation and edit), the audience target included. */
export const metadataColumns = (input: ResourceInput) => ({
  kind: input.kind,
  title: input.title,
  summary: input.summary,
  body: input.body,
  themes: input.themes,
  segments: input.segments,
  links: input.links,
  producer: input.producer,
  licence: input.licence,
  visibility: input.visibility,
  spaceId: input.visibility === 'space' ? input.spaceId! : null,
  groupId: input.visibility === 'group' ? input.groupId! : null,
});

export const dayStart = (day: string) => new Date(`${day}T12:00:00Z`);

/**
 * Creates a resource from files already staged in the temporary folder (the HTTP upload path).
 * Nothing is half-written: the types are checked before anything is stored, the row and its files
 * commit together, and the stored files are removed if the transaction fails. The caller discards
 * the staged files.
 */
export async function createFromStaged(deps: Deps, rawInput: unknown, staged: StagedFile[], opts: CreateOptions): Promise<Result<{ id: string }>> {
  const parsed = parseResourceInput(rawInput);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  if (!(await audienceExists(deps.db, input))) return fail('AUDIENCE_UNKNOWN', { [input.visibility === 'space' ? 'spaceId' : 'groupId']: "Cet espace ou ce groupe n'existe pas." });
  const checked = await checkTypes(staged);
  if (!checked.ok) return checked;
  const stored = await storeFiles(deps, checked.value);
  const now = deps.clock.now();
  const status = opts.status ?? 'published';
  try {
    const id = await deps.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(libraryResources)
        .values({
          ...metadataColumns(input),
          status,
          organisationId: opts.organisationId ?? null,
          publishedAt: status === 'published' ? (input.publishedOn ? dayStart(input.publishedOn) : now) : null,
          createdBy: opts.createdBy,
          sourceKey: opts.sourceKey ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: libraryResources.id });
      const resourceId = row!.id;
      await insertStoredFiles(deps, tx, resourceId, stored, 0, now);
      if (status === 'proposed') await deps.jobs.enqueue(PROPOSED_JOB, { resourceId }, {}, tx);
      if (status === 'published' && opts.announce) await announce(deps, tx, NEW_RESOURCE, resourceId, opts.createdBy);
      return resourceId;
    });
    return ok({ id });
  } catch (e) {
    await removeStored(deps, stored.map((s) => s.storageKey));
    if ((e as { code?: string; cause?: { code?: string } }).code === '23505' || (e as { cause?: { code?: string } }).cause?.code === '23505')
      return fail('RESOURCE_SOURCE_EXISTS');
    throw e;
  }
}

/**
 * Creates a resource — the service other modules call (a webinar's replay, a cohort's summary
 * sheet). `input` follows the contract's resourceInput (visibility 'group' with a `groupId` from
 * upsertGroup); files are given as Buffers or streams and checked like uploads. Returns the id,
 * or a typed failure with French messages per field.
 */
export async function createResource(deps: Deps, input: Partial<ResourceInput> & Pick<ResourceInput, 'kind' | 'title'>, files: FileSource[] = [], opts: CreateOptions = { createdBy: null }): Promise<Result<{ id: string }>> {
  const staged: StagedFile[] = [];
  try {
    for (const f of files) staged.push(await stageFile(deps, asStream(f.content), f.fileName));
    return await createFromStaged(deps, input, staged, opts);
  } catch (e) {
    if (e instanceof FileTooLargeError) return fail('FILE_TOO_LARGE', { files: libraryMail.fileTooLarge(e.fileName, deps.config.libraryMaxFileBytes / 2 ** 20) });
    throw e;
  } finally {
    await discardStaged(staged);
  }
}

/**
 * Creates or updates the named group of members a module reserves resources to (found again by
 * `sourceKey`, e.g. `cohort:<id>`); its member list becomes exactly `memberIds`.
 */
export async function upsertGroup(deps: Deps, input: { sourceKey: string; name: string; memberIds: string[] }): Promise<Result<{ id: string }>> {
  const ids = [...new Set(input.memberIds)];
  if (ids.length) {
    const found = await deps.db.select({ id: users.id }).from(users).where(and(inArray(users.id, ids), isNull(users.disabledAt)));
    if (found.length !== ids.length) return fail('VALIDATION', { memberIds: "Un des comptes choisis n'existe pas ou est désactivé." });
  }
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [group] = await tx
      .insert(libraryGroups)
      .values({ name: input.name, sourceKey: input.sourceKey, createdAt: now })
      .onConflictDoUpdate({ target: libraryGroups.sourceKey, set: { name: input.name } })
      .returning({ id: libraryGroups.id });
    await tx.delete(libraryGroupMembers).where(eq(libraryGroupMembers.groupId, group!.id));
    if (ids.length) await tx.insert(libraryGroupMembers).values(ids.map((userId) => ({ groupId: group!.id, userId, createdAt: now })));
    return ok({ id: group!.id });
  });
}

/** Whether the member may propose into this audience (checked before the upload is read). */
export const proposalAllowed = (user: AuthUser, visibility: ResourceInput['visibility']) => canPropose(user, visibility);

// ---------------------------------------------------------------------------------------------
// Reading, review, deletion.
// ---------------------------------------------------------------------------------------------

export const fileUrls = (fileId: string, kind: FileKind) => ({
  downloadUrl: `/api/library/files/${fileId}`,
  previewUrl: kind === 'pdf' ? `/api/library/files/${fileId}?inline=1` : null,
});

/** A resource page for the reader: 404 for anything they may not read. */
export async function getResource(deps: Deps, user: AuthUser | null, resourceId: string) {
  const loaded = await loadResource(deps.db, user?.id ?? null, resourceId);
  if (!loaded || !canReadResource(user, loaded.facts)) return fail('RESOURCE_NOT_FOUND');
  const { row } = loaded;
  const files = await deps.db.select().from(libraryFiles).where(eq(libraryFiles.resourceId, row.id)).orderBy(asc(libraryFiles.position));
  let audienceName: string | null = null;
  if (row.spaceId) audienceName = (await deps.db.select({ n: helpSpaces.name }).from(helpSpaces).where(eq(helpSpaces.id, row.spaceId)))[0]?.n ?? null;
  if (row.groupId) audienceName = (await deps.db.select({ n: libraryGroups.name }).from(libraryGroups).where(eq(libraryGroups.id, row.groupId)))[0]?.n ?? null;
  const collections = await deps.db
    .select({ id: libraryCollections.id, title: libraryCollections.title })
    .from(libraryCollectionItems)
    .innerJoin(libraryCollections, eq(libraryCollections.id, libraryCollectionItems.collectionId))
    .where(eq(libraryCollectionItems.resourceId, row.id))
    .orderBy(asc(libraryCollections.title));
  return ok({
    id: row.id,
    kind: row.kind,
    status: row.status,
    title: row.title,
    summary: row.summary,
    bodyHtml: renderMarkdown(row.body),
    themes: row.themes,
    segments: row.segments,
    links: row.links,
    producer: row.producer,
    licence: row.licence,
    visibility: row.visibility,
    audienceName,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    fileKinds: files.map((f) => f.kind),
    excerptHtml: null,
    files: files.map((f) => ({ id: f.id, fileName: f.fileName, kind: f.kind, size: Number(f.size), extractionStatus: f.extractionStatus, extractionReason: extractionReason(f.extractionStatus, f.extractionProblem), ...fileUrls(f.id, f.kind) })),
    reviewMessage: row.status === 'published' ? '' : row.reviewMessage,
    similar: row.status === 'published' ? await similarResources(deps, user, row) : [],
    collections,
    organisation: await producingOrganisation(deps.db, row.organisationId),
    lastEdit: await lastEdit(deps.db, user, row.id),
    can: { review: canReview(user, loaded.facts), delete: canDeleteResource(user), edit: canEditResource(user) },
    editable: canEditResource(user)
      ? { body: row.body, publishedOn: row.publishedAt ? toParisLocal(row.publishedAt).slice(0, 10) : null, spaceId: row.spaceId, groupId: row.groupId }
      : null,
  });
}

/** Opens a file for download when the reader may read its resource. */
export async function openFile(deps: Deps, user: AuthUser | null, fileId: string) {
  const [file] = await deps.db.select().from(libraryFiles).where(eq(libraryFiles.id, fileId));
  if (!file) return fail('FILE_NOT_FOUND');
  const loaded = await loadResource(deps.db, user?.id ?? null, file.resourceId);
  if (!loaded || !canReadResource(user, loaded.facts)) return fail('FILE_NOT_FOUND');
  const stream = await fileStoreFor(deps.config).get(file.storageKey);
  if (!stream) return fail('FILE_NOT_FOUND');
  return ok({ stream, fileName: file.fileName, mimeType: file.mimeType, kind: file.kind, size: Number(file.size) });
}

export const PROPOSED_JOB = 'library.proposed';
export const REVIEWED_JOB = 'library.reviewed';

/** Publishes or rejects a member's proposal; the member gets the decision and the message by e-mail. */
export async function review(deps: Deps, user: AuthUser, resourceId: string, input: { decision: 'approve' | 'reject'; message: string }): Promise<Result<{ ok: true }>> {
  const loaded = await loadResource(deps.db, user.id, resourceId);
  if (!loaded) return fail('RESOURCE_NOT_FOUND');
  if (!canReview(user, loaded.facts)) return fail('NOT_A_PROPOSAL');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(libraryResources)
      .set({
        status: input.decision === 'approve' ? 'published' : 'rejected',
        publishedAt: input.decision === 'approve' ? now : null,
        reviewedBy: user.id,
        reviewedAt: now,
        reviewMessage: input.message,
        updatedAt: now,
      })
      .where(and(eq(libraryResources.id, resourceId), eq(libraryResources.status, 'proposed')))
      .returning({ id: libraryResources.id });
    if (!updated.length) return fail('NOT_A_PROPOSAL');
    await deps.jobs.enqueue(REVIEWED_JOB, { resourceId }, {}, tx);
    // The author hears of the decision (REVIEWED_JOB, always sent); the others of a new resource.
    if (input.decision === 'approve') await announce(deps, tx, NEW_RESOURCE, resourceId, loaded.row.createdBy);
    return ok({ ok: true as const });
  });
}

/** The proposals waiting for review, oldest first. */
export async function proposals(deps: Deps) {
  const list = await deps.db
    .select({ r: libraryResources, u: { id: users.id, firstName: users.firstName, lastName: users.lastName, email: users.email } })
    .from(libraryResources)
    .leftJoin(users, eq(users.id, libraryResources.createdBy))
    .where(eq(libraryResources.status, 'proposed'))
    .orderBy(asc(libraryResources.createdAt));
  const files = list.length
    ? await deps.db.select({ resourceId: libraryFiles.resourceId, kind: libraryFiles.kind }).from(libraryFiles).where(inArray(libraryFiles.resourceId, list.map((l) => l.r.id)))
    : [];
  return {
    items: list.map(({ r, u }) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      summary: r.summary,
      themes: r.themes,
      segments: r.segments,
      producer: r.producer,
      visibility: r.visibility,
      publishedAt: null,
      fileKinds: files.filter((f) => f.resourceId === r.id).map((f) => f.kind),
      excerptHtml: null,
      createdAt: r.createdAt.toISOString(),
      proposedBy: u ? { id: u.id, displayName: `${u.firstName} ${u.lastName}`, email: u.email } : null,
    })),
  };
}

/**
 * Deletes a resource's rows in the caller's transaction; returns the storage keys of its files, to
 * remove once the transaction committed (removeStored), or null when there was no such resource.
 */
export async function deleteResourceRows(tx: Tx, resourceId: string): Promise<string[] | null> {
  const files = await tx.select({ key: libraryFiles.storageKey }).from(libraryFiles).where(eq(libraryFiles.resourceId, resourceId));
  const deleted = await tx.delete(libraryResources).where(eq(libraryResources.id, resourceId)).returning({ id: libraryResources.id });
  return deleted.length ? files.map((f) => f.key) : null;
}

/** Deletes a resource and, after the commit, its stored files. */
export async function deleteResource(deps: Deps, resourceId: string): Promise<Result<{ ok: true }>> {
  const keys = await deps.db.transaction((tx) => deleteResourceRows(tx, resourceId));
  if (!keys) return fail('RESOURCE_NOT_FOUND');
  await removeStored(deps, keys);
  return ok({ ok: true as const });
}

/** Private spaces and groups a facilitator can reserve a resource to. */
export async function audiences(deps: Deps) {
  const spaces = await deps.db.select({ id: helpSpaces.id, name: helpSpaces.name }).from(helpSpaces).where(eq(helpSpaces.kind, 'private')).orderBy(asc(helpSpaces.name));
  const groups = await deps.db
    .select({ id: libraryGroups.id, name: libraryGroups.name, membersCount: sql<number>`(SELECT count(*)::int FROM library_group_members m WHERE m.group_id = library_groups.id)` })
    .from(libraryGroups)
    .orderBy(asc(libraryGroups.name));
  return { spaces, groups: groups.map((g) => ({ ...g, membersCount: Number(g.membersCount) })) };
}

async function mailReviewed(deps: Deps, resourceId: string) {
  const [r] = await deps.db
    .select({ title: libraryResources.title, status: libraryResources.status, message: libraryResources.reviewMessage, email: users.email, disabledAt: users.disabledAt })
    .from(libraryResources)
    .innerJoin(users, eq(users.id, libraryResources.createdBy))
    .where(eq(libraryResources.id, resourceId));
  // Built at send time: a deleted resource or a disabled account gets nothing.
  if (!r || r.disabledAt || r.status === 'proposed') return;
  const approved = r.status === 'published';
  const paragraphs = [approved ? libraryMail.approvedIntro(r.title) : libraryMail.rejectedIntro(r.title)];
  if (r.message) paragraphs.push(libraryMail.messageIntro, r.message);
  const { text, html } = layoutMail({
    title: approved ? libraryMail.approvedSubject(r.title) : libraryMail.rejectedSubject(r.title),
    paragraphs,
    action: { label: libraryMail.action, url: `${deps.config.baseUrl}/bibliotheque/ressources/${resourceId}` },
  });
  await deps.mailer.send({ to: r.email, subject: approved ? libraryMail.approvedSubject(r.title) : libraryMail.rejectedSubject(r.title), text, html });
}

async function mailProposed(deps: Deps, resourceId: string) {
  const [r] = await deps.db.select({ title: libraryResources.title, status: libraryResources.status }).from(libraryResources).where(eq(libraryResources.id, resourceId));
  if (!r || r.status !== 'proposed') return;
  const staff = await deps.db.select({ email: users.email }).from(users).where(and(eq(users.role, 'facilitator'), isNull(users.disabledAt)));
  const { text, html } = layoutMail({
    title: libraryMail.proposedSubject(r.title),
    paragraphs: [libraryMail.proposedIntro(r.title)],
    action: { label: libraryMail.reviewAction, url: `${deps.config.baseUrl}/bibliotheque/relecture` },
  });
  for (const s of staff) await deps.mailer.send({ to: s.email, subject: libraryMail.proposedSubject(r.title), text, html });
}

export function registerResourceJobs(deps: Deps) {
  deps.jobs.register(REVIEWED_JOB, async (p: { resourceId: string }) => mailReviewed(deps, p.resourceId));
  deps.jobs.register(PROPOSED_JOB, async (p: { resourceId: string }) => mailProposed(deps, p.resourceId));
}

/** The latest edit of a resource: when, and by whom for readers who see names (verified members and staff). */
export async function lastEdit(db: Db, user: AuthUser | null, resourceId: string) {
  const [r] = await db
    .select({ at: libraryResourceRevisions.editedAt, firstName: users.firstName, lastName: users.lastName })
    .from(libraryResourceRevisions)
    .leftJoin(users, eq(users.id, libraryResourceRevisions.editedBy))
    .where(eq(libraryResourceRevisions.resourceId, resourceId))
    .orderBy(desc(libraryResourceRevisions.editedAt), desc(sql`${libraryResourceRevisions.id}`))
    .limit(1);
  if (!r) return null;
  return { at: r.at.toISOString(), by: isVerified(user) && r.firstName ? `${r.firstName} ${r.lastName}` : null };
}

/** The organisation named as producer, when one is linked. */
export async function producingOrganisation(db: Db, organisationId: string | null) {
  if (!organisationId) return null;
  const [o] = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId));
  return o ?? null;
}

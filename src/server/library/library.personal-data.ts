import { and, asc, eq, ne } from 'drizzle-orm';
import { personalData } from '../platform/personal-data.js';
import { removeStored } from './files/files.service.js';
import { deleteResourceRows } from './resources/resources.service.js';
import { libraryCollections, libraryGroupMembers, libraryGroups, libraryResourceRevisions, libraryResources } from './library.tables.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// Published resources belong to the library: they stay, without who proposed them. A proposal still
// waiting (or refused) was only ever the member's: it goes, with its files. Named-group memberships
// go; reviews, collections and edit traces stay without who.
personalData.register({
  module: 'library',
  covers: [
    'library_resources.created_by',
    'library_resources.reviewed_by',
    'library_group_members.user_id',
    'library_collections.created_by',
    'library_resource_revisions.edited_by',
  ],
  async export({ userId, tx }) {
    const resources = await tx
      .select({ id: libraryResources.id, title: libraryResources.title, kind: libraryResources.kind, status: libraryResources.status, createdAt: libraryResources.createdAt })
      .from(libraryResources)
      .where(eq(libraryResources.createdBy, userId))
      .orderBy(asc(libraryResources.createdAt));
    const groups = await tx
      .select({ name: libraryGroups.name, since: libraryGroupMembers.createdAt })
      .from(libraryGroupMembers)
      .innerJoin(libraryGroups, eq(libraryGroups.id, libraryGroupMembers.groupId))
      .where(eq(libraryGroupMembers.userId, userId))
      .orderBy(asc(libraryGroupMembers.createdAt));
    const edits = await tx
      .select({ title: libraryResources.title, changed: libraryResourceRevisions.changed, editedAt: libraryResourceRevisions.editedAt })
      .from(libraryResourceRevisions)
      .innerJoin(libraryResources, eq(libraryResources.id, libraryResourceRevisions.resourceId))
      .where(eq(libraryResourceRevisions.editedBy, userId))
      .orderBy(asc(libraryResourceRevisions.editedAt));
    const collections = await tx
      .select({ title: libraryCollections.title, createdAt: libraryCollections.createdAt })
      .from(libraryCollections)
      .where(eq(libraryCollections.createdBy, userId))
      .orderBy(asc(libraryCollections.createdAt));
    return {
      resourcesProposed: resources.map((r) => ({ resourceId: r.id, title: r.title, kind: r.kind, status: r.status, createdAt: iso(r.createdAt) })),
      groups: groups.map((g) => ({ name: g.name, since: iso(g.since) })),
      resourceEdits: edits.map((e) => ({ resource: e.title, changed: e.changed, editedAt: iso(e.editedAt) })),
      collectionsCreated: collections.map((c) => ({ title: c.title, createdAt: iso(c.createdAt) })),
    };
  },
  async erase({ userId, tx, deps, afterCommit }) {
    const unpublished = await tx
      .select({ id: libraryResources.id })
      .from(libraryResources)
      .where(and(eq(libraryResources.createdBy, userId), ne(libraryResources.status, 'published')));
    const keys: string[] = [];
    for (const r of unpublished) keys.push(...((await deleteResourceRows(tx, r.id)) ?? []));
    // The bytes go once the rows are gone for good.
    if (keys.length) afterCommit(() => removeStored(deps, keys));
    await tx.update(libraryResources).set({ createdBy: null }).where(eq(libraryResources.createdBy, userId));
    await tx.update(libraryResources).set({ reviewedBy: null }).where(eq(libraryResources.reviewedBy, userId));
    await tx.delete(libraryGroupMembers).where(eq(libraryGroupMembers.userId, userId));
    await tx.update(libraryCollections).set({ createdBy: null }).where(eq(libraryCollections.createdBy, userId));
    await tx.update(libraryResourceRevisions).set({ editedBy: null }).where(eq(libraryResourceRevisions.editedBy, userId));
  },
});

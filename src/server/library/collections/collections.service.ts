import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { canManageCollections } from '../library.policy.js';
import { libraryCollectionItems, libraryCollections, libraryResources } from '../library.tables.js';
import { readableResourceSql, readerOf } from '../resources/resources.service.js';
import { summariesByIds } from '../search/search.service.js';

type CollectionInput = { title: string; description: string; resourceIds: string[] };

/** Collections with the number of their resources the reader may see. */
export async function listCollections(deps: Deps, user: AuthUser | null) {
  const reader = readerOf(user);
  const list = await deps.db
    .select({
      id: libraryCollections.id,
      title: libraryCollections.title,
      description: libraryCollections.description,
      resourcesCount: sql<number>`(SELECT count(*)::int FROM library_collection_items i JOIN library_resources r ON r.id = i.resource_id
                                   WHERE i.collection_id = library_collections.id AND ${readableResourceSql(reader, 'r')})`,
    })
    .from(libraryCollections)
    .orderBy(asc(libraryCollections.title));
  return { items: list.map((c) => ({ ...c, resourcesCount: Number(c.resourcesCount) })) };
}

/** A collection with the resources the reader may see, in the curated order. */
export async function getCollection(deps: Deps, user: AuthUser | null, collectionId: string) {
  const [c] = await deps.db.select().from(libraryCollections).where(eq(libraryCollections.id, collectionId));
  if (!c) return fail('COLLECTION_NOT_FOUND');
  const ids = await deps.db
    .select({ id: libraryCollectionItems.resourceId })
    .from(libraryCollectionItems)
    .where(eq(libraryCollectionItems.collectionId, c.id))
    .orderBy(asc(libraryCollectionItems.position));
  const items = await summariesByIds(deps.db, readerOf(user), ids.map((i) => i.id));
  return ok({ id: c.id, title: c.title, description: c.description, resourcesCount: items.length, items, can: { manage: canManageCollections(user) } });
}

async function unknownResources(deps: Deps, ids: string[]): Promise<boolean> {
  if (!ids.length) return false;
  const found = await deps.db.select({ id: libraryResources.id }).from(libraryResources).where(inArray(libraryResources.id, ids));
  return found.length !== new Set(ids).size;
}

/** Creates a curated collection (facilitators). */
export async function createCollection(deps: Deps, user: AuthUser, input: CollectionInput): Promise<Result<{ id: string }>> {
  const ids = [...new Set(input.resourceIds)];
  if (await unknownResources(deps, ids)) return fail('UNKNOWN_RESOURCES', { resourceIds: "Une des ressources choisies n'existe pas." });
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [c] = await tx
      .insert(libraryCollections)
      .values({ title: input.title, description: input.description, createdBy: user.id, createdAt: now, updatedAt: now })
      .returning({ id: libraryCollections.id });
    if (ids.length) await tx.insert(libraryCollectionItems).values(ids.map((resourceId, position) => ({ collectionId: c!.id, resourceId, position })));
    return ok({ id: c!.id });
  });
}

/** Replaces a collection's title, description and ordered resources. */
export async function updateCollection(deps: Deps, collectionId: string, input: CollectionInput): Promise<Result<{ ok: true }>> {
  const ids = [...new Set(input.resourceIds)];
  if (await unknownResources(deps, ids)) return fail('UNKNOWN_RESOURCES', { resourceIds: "Une des ressources choisies n'existe pas." });
  return deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(libraryCollections)
      .set({ title: input.title, description: input.description, updatedAt: deps.clock.now() })
      .where(eq(libraryCollections.id, collectionId))
      .returning({ id: libraryCollections.id });
    if (!updated.length) return fail('COLLECTION_NOT_FOUND');
    await tx.delete(libraryCollectionItems).where(eq(libraryCollectionItems.collectionId, collectionId));
    if (ids.length) await tx.insert(libraryCollectionItems).values(ids.map((resourceId, position) => ({ collectionId, resourceId, position })));
    return ok({ ok: true as const });
  });
}

export async function deleteCollection(deps: Deps, collectionId: string): Promise<Result<{ ok: true }>> {
  const deleted = await deps.db.delete(libraryCollections).where(eq(libraryCollections.id, collectionId)).returning({ id: libraryCollections.id });
  return deleted.length ? ok({ ok: true as const }) : fail('COLLECTION_NOT_FOUND');
}

import { eq } from 'drizzle-orm';
import type { Deps } from '../../platform/context.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { libraryResources } from '../library.tables.js';

// A deliberately small addition, kept apart from resources.service.ts (which another branch extends
// with resource editing): another module corrects the links of a resource it created (the events
// module's "replay de webinaire" when the recording or slides link is corrected). The links are not
// part of the search text, so nothing else needs refreshing.

/** Replaces a resource's external links; RESOURCE_NOT_FOUND when it no longer exists. */
export async function setResourceLinks(deps: Deps, resourceId: string, links: { label: string; url: string }[]): Promise<Result<{ ok: true }>> {
  const updated = await deps.db
    .update(libraryResources)
    .set({ links, updatedAt: deps.clock.now() })
    .where(eq(libraryResources.id, resourceId))
    .returning({ id: libraryResources.id });
  return updated.length ? ok({ ok: true as const }) : fail('RESOURCE_NOT_FOUND');
}

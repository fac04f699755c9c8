import type { Db, Tx } from '../platform/db.js';

/**
 * Restricted events belong to a group another module manages (ownerKind 'cohort' and the cohort id).
 * That module registers a hook for its kind, once at import time; the events module asks it who is
 * in the audience and never needs to know what a cohort is.
 */
export type AudienceHook = {
  /** The ids of the groups of this kind whose restricted events the user may see and join. */
  ownerIdsFor(db: Db | Tx, userId: string): Promise<string[]>;
  /** Whether a group of this kind exists (checked when an event is created for it). */
  exists(db: Db | Tx, ownerId: string): Promise<boolean>;
  /**
   * Whether the user runs this group without being platform staff (a cohort's own facilitators):
   * they edit and cancel its events. Absent: staff only.
   */
  manages?(db: Db | Tx, userId: string, ownerId: string): Promise<boolean>;
  /**
   * Groups nested in another owner's group (co-development groups inside a cohort): their events join
   * that owner's schedule and feed, each still restricted to its own audience.
   */
  partOf?: { ownerKind: string; ownerIdsWithin(db: Db | Tx, parentOwnerId: string): Promise<string[]> };
};

const hooks = new Map<string, AudienceHook>();

/** Registers a group kind; returns its removal (a test's own kind must not outlive its file in a shared worker). */
export function registerEventAudience(ownerKind: string, hook: AudienceHook): () => void {
  if (hooks.has(ownerKind)) throw new Error(`event audience registered twice: ${ownerKind}`);
  hooks.set(ownerKind, hook);
  return () => void (hooks.get(ownerKind) === hook && hooks.delete(ownerKind));
}

export const audienceHook = (ownerKind: string): AudienceHook | undefined => hooks.get(ownerKind);

/** Every group the user belongs to, per owner kind, as the registered hooks say. */
export async function audienceOf(db: Db | Tx, userId: string): Promise<{ ownerKind: string; ownerIds: string[] }[]> {
  const out: { ownerKind: string; ownerIds: string[] }[] = [];
  for (const [ownerKind, hook] of hooks) {
    const ownerIds = await hook.ownerIdsFor(db, userId);
    if (ownerIds.length) out.push({ ownerKind, ownerIds });
  }
  return out;
}

/** The owner and the groups nested in it (per the hooks' `partOf`), as (kind, ids) pairs. */
export async function ownerTree(db: Db | Tx, ownerKind: string, ownerId: string): Promise<{ ownerKind: string; ownerIds: string[] }[]> {
  const out = [{ ownerKind, ownerIds: [ownerId] }];
  for (const [kind, hook] of hooks) {
    if (hook.partOf?.ownerKind !== ownerKind) continue;
    const ownerIds = await hook.partOf.ownerIdsWithin(db, ownerId);
    if (ownerIds.length) out.push({ ownerKind: kind, ownerIds });
  }
  return out;
}

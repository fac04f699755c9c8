import type { AuthUser } from '../platform/auth.js';
import { isStaff } from '../platform/auth.js';
import type { ResourceVisibility } from './library.contract.js';

// Who may do what in the library: pure functions, unit-tested in library.policy.test.ts.
// Decision record: docs/decisions/0010-library-resources.md.

export type ResourceFacts = {
  status: 'proposed' | 'published' | 'rejected';
  visibility: ResourceVisibility;
  createdBy: string | null;
  /** The reader belongs to the resource's private space (visibility 'space'). */
  inSpace: boolean;
  /** The reader belongs to the resource's group (visibility 'group'). */
  inGroup: boolean;
};

export const isVerified = (u: AuthUser | null): boolean => !!u && (isStaff(u) || u.verifiedOrganisationIds.length > 0);

/** Whether the audience of a published resource includes the reader. */
export function inAudience(u: AuthUser | null, r: Pick<ResourceFacts, 'visibility' | 'inSpace' | 'inGroup'>): boolean {
  if (isStaff(u)) return true;
  switch (r.visibility) {
    case 'public':
      return true;
    case 'verified':
      return isVerified(u);
    case 'space':
      return !!u && r.inSpace;
    case 'group':
      return !!u && r.inGroup;
  }
}

/**
 * A published resource is read by its audience; a proposal (or a rejected one) only by the member
 * who proposed it and by facilitators. Files follow their resource.
 */
export const canReadResource = (u: AuthUser | null, r: ResourceFacts): boolean =>
  r.status === 'published' ? inAudience(u, r) : isStaff(u) || (!!u && r.createdBy === u.id);

/** Facilitators publish directly, into any audience. */
export const canPublish = (u: AuthUser | null): boolean => isStaff(u);

/** Verified members propose resources for everyone or for verified members; a facilitator reviews them. */
export const canPropose = (u: AuthUser | null, visibility: ResourceVisibility): boolean =>
  isStaff(u) || (isVerified(u) && (visibility === 'public' || visibility === 'verified'));

export const canReview = (u: AuthUser | null, r: Pick<ResourceFacts, 'status'>): boolean => isStaff(u) && r.status === 'proposed';

export const canDeleteResource = (u: AuthUser | null): boolean => isStaff(u);

/**
 * Editing a published resource (metadata, audience, files) is for facilitators only. Deliberately
 * conservative (docs/decisions/0010-library-resources.md): neither the member who proposed it nor
 * the verified members of its producing organisation may edit it, since an edit can widen its
 * audience or replace a file that others already rely on; they propose a new version, or ask the
 * team. Proposals waiting for review and rejected ones are edited by staff too (before publishing).
 */
export const canEditResource = (u: AuthUser | null): boolean => isStaff(u);

export const canManageCollections = (u: AuthUser | null): boolean => isStaff(u);

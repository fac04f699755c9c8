import type { AuthUser } from '../platform/auth.js';
import { isStaff } from '../platform/auth.js';

// Who may do what with an organisation: pure functions, unit-tested in organisations.policy.test.ts.

const isVerifiedMemberOf = (u: AuthUser | null, organisationId: string) => !!u && u.verifiedOrganisationIds.includes(organisationId);

/** Only verified members edit an organisation's data (not staff: they do not speak for a buyer). */
export const canEditOrganisation = isVerifiedMemberOf;

/** Verified members of the organisation and facilitators review membership requests. */
export const canReviewRequests = (u: AuthUser | null, organisationId: string) => isStaff(u) || isVerifiedMemberOf(u, organisationId);

export const canManageDomains = (u: AuthUser | null) => isStaff(u);

export const canEditSiren = (u: AuthUser | null) => u?.role === 'admin';

/** A logged-in member may ask to join unless already a member or already waiting. */
export const canRequestMembership = (u: AuthUser | null, current: 'pending' | 'verified' | 'rejected' | null) =>
  !!u && current !== 'pending' && current !== 'verified';

/** Names of an organisation's members are shown to verified members and staff only. */
export const canSeeMembers = (u: AuthUser | null) => isStaff(u) || (!!u && u.verifiedOrganisationIds.length > 0);

import type { Auth } from './auth.js';
import { isStaff } from './auth.js';

/**
 * Every route declares one of these levels in `config.access` (DESIGN §4.3); a route under /api
 * without one makes buildApp throw. Finer rules live in each module's policy.
 *
 * - public: anyone, without an account
 * - account: any logged-in account (e-mail verified), even without a verified organisation
 * - verified: a member with at least one verified organisation membership, or staff
 * - organisation: a verified member of the organisation named by the `:organisationId` parameter
 * - organisationOrStaff: the same, or a facilitator or an admin
 * - facilitator: a facilitator or an admin
 * - admin: an admin
 * - monitoring: no session grants it; only a scraper with METRICS_TOKEN or from METRICS_ALLOW_FROM
 *   (platform/metrics.ts), others get 404 as if the route did not exist (GET /metrics)
 */
export const accessLevels = [
  'public',
  'account',
  'verified',
  'organisation',
  'organisationOrStaff',
  'facilitator',
  'admin',
  'monitoring',
] as const;
export type Access = (typeof accessLevels)[number];

export type AccessOutcome = 'allowed' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_VERIFIED_MEMBER' | 'NOT_FOUND';

/** Decides a route's access level for the current user; pure, unit-tested, used by every route. */
export function checkAccess(access: Access, auth: Auth, organisationId?: string): AccessOutcome {
  if (access === 'public') return 'allowed';
  // Decided from the request (token or address) in app.ts, never from a session, even an admin's.
  if (access === 'monitoring') return 'NOT_FOUND';
  const user = auth.user;
  if (!user) return 'UNAUTHENTICATED';
  switch (access) {
    case 'account':
      return 'allowed';
    case 'verified':
      return isStaff(user) || user.verifiedOrganisationIds.length > 0 ? 'allowed' : 'NOT_VERIFIED_MEMBER';
    case 'organisation':
      return organisationId && user.verifiedOrganisationIds.includes(organisationId) ? 'allowed' : 'FORBIDDEN';
    case 'organisationOrStaff':
      return isStaff(user) || (organisationId && user.verifiedOrganisationIds.includes(organisationId))
        ? 'allowed'
        : 'FORBIDDEN';
    case 'facilitator':
      return isStaff(user) ? 'allowed' : 'FORBIDDEN';
    case 'admin':
      return user.role === 'admin' ? 'allowed' : 'FORBIDDEN';
  }
}

import type { AuthUser } from '../platform/auth.js';
import { isStaff } from '../platform/auth.js';
import type { CohortRole } from './cohorts.tables.js';

// Who may do what in a cohort: pure functions, unit-tested in cohorts.policy.test.ts.
// `role` is the user's role in that cohort (null when they have none).

/**
 * The cohort's own facilitators (a role in this cohort, not the platform's facilitator role) run its
 * sessions on the agenda: they edit and cancel them through the events pages (events.policy.ts
 * canManageEvent asks this through the cohort's audience hook). Sponsors and participants do not.
 */
export const runsCohortSessions = (role: CohortRole | null): boolean => role === 'facilitator';

/** Platform staff and the cohort's own facilitators run it: members, applications, schedule, surveys. */
export const canManageCohort = (u: AuthUser | null, role: CohortRole | null): boolean => !!u && (isStaff(u) || runsCohortSessions(role));

/** The members' part of a cohort page (member list, private space, schedule details): its members and staff. */
export const canSeeMembersPart = (u: AuthUser | null, role: CohortRole | null): boolean => !!u && (isStaff(u) || role !== null);

/** A verified member with no role in the cohort may apply while applications are open. */
export const canApply = (u: AuthUser | null, role: CohortRole | null, status: string): boolean =>
  !!u && role === null && u.verifiedOrganisationIds.length > 0 && status === 'candidatures_ouvertes';

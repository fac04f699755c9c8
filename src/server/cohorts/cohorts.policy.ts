import type { AuthUser } from '../platform/auth.js';
import { isStaff } from '../platform/auth.js';
import type { CohortRole, CohortStatus as Status } from './cohorts.tables.js';

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

/** Platform staff create cohorts (POST /api/cohorts is `facilitator` access); a cohort's own facilitators edit theirs. */
export const canCreateCohort = (u: AuthUser | null): boolean => isStaff(u);

/**
 * The legal status changes (ADR 0012): applications open → running → finished, and running → open
 * again to fill places left; a finished cohort stays finished (its evaluations are final).
 */
const transitions: Record<Status, readonly Status[]> = {
  candidatures_ouvertes: ['en_cours'],
  en_cours: ['terminee', 'candidatures_ouvertes'],
  terminee: [],
};

/** The statuses a cohort may move to from `from`. */
export const nextStatuses = (from: Status): readonly Status[] => transitions[from];

/** Whether a cohort may go from `from` to `to` (staying put is always allowed). */
export const canChangeStatus = (from: Status, to: Status): boolean => from === to || transitions[from].includes(to);

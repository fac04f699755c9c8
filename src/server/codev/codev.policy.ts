import type { AuthUser } from '../platform/auth.js';
import { isStaff } from '../platform/auth.js';

// Who may do what in co-development (pure functions, unit-tested in codev.policy.test.ts).

/** How the user stands towards a session: member of its group, its facilitator, or neither. */
export type SessionStanding = { groupMember: boolean; sessionFacilitator: boolean };

/** Notes, the live stream and the summary sheet: the group's members, the session's facilitator and staff only. */
export const canAccessSession = (u: AuthUser | null, s: SessionStanding): boolean => !!u && (s.groupMember || s.sessionFacilitator || isStaff(u));

/** Starting, advancing, extending and ending the steps; approving the sheet: the session's facilitator and staff. */
export const canFacilitateSession = (u: AuthUser | null, s: SessionStanding): boolean => !!u && (s.sessionFacilitator || isStaff(u));

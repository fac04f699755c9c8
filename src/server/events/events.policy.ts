import type { AuthUser } from '../platform/auth.js';
import { isStaff } from '../platform/auth.js';

// Who may do what with events: pure functions, unit-tested in events.policy.test.ts.
// Decision record: docs/decisions/0011-events-and-icalendar.md.

export type EventFacts = {
  visibility: 'public' | 'verified' | 'restricted';
  status: 'scheduled' | 'cancelled';
  startsAt: Date;
  endsAt: Date;
  /** The owner module's audience hook counts the user in (restricted events). */
  inAudience: boolean;
  /** The user's live registration, if any. */
  myStatus: 'registered' | 'waitlisted' | null;
  /** The owner module's hook says the user runs the event's group (a cohort's own facilitator). */
  ownerManager: boolean;
};

const isVerified = (u: AuthUser | null): boolean => !!u && (isStaff(u) || u.verifiedOrganisationIds.length > 0);

/**
 * The registration that still gives rights: on a restricted event, only while the user is in the
 * owner's audience (or runs it) — someone removed from a cohort loses its sessions and their links,
 * registered or not.
 */
const liveStatus = (e: Pick<EventFacts, 'visibility' | 'inAudience' | 'ownerManager' | 'myStatus'>) =>
  e.visibility === 'restricted' && !e.inAudience && !e.ownerManager ? null : e.myStatus;

/** Public events: anyone; verified: verified members; restricted: the owner's audience; staff: all. A member keeps seeing what they registered to (restricted: while in its audience). */
export function canSeeEvent(u: AuthUser | null, e: EventFacts): boolean {
  if (e.visibility === 'public' || isStaff(u)) return true;
  if (!u) return false;
  if (liveStatus(e)) return true;
  return e.visibility === 'verified' ? isVerified(u) : e.inAudience;
}

/** A place (or the waitlist) until the event starts, for whoever may see it. */
export const canRegister = (u: AuthUser | null, e: EventFacts, now: Date): boolean =>
  !!u && canSeeEvent(u, e) && e.status === 'scheduled' && now < e.startsAt && e.myStatus === null;

/** A registration is given up until the event ends. */
export const canCancelRegistration = (u: AuthUser | null, e: EventFacts, now: Date): boolean => !!u && e.myStatus !== null && now < e.endsAt;

/** Platform facilitators create events and see attendees. */
export const canManageEvents = (u: AuthUser | null): boolean => isStaff(u);

/**
 * Running one event (editing, cancelling): platform staff, and the people the owner group's hook
 * names — a cohort's own facilitators for its sessions, even when they are not platform staff.
 */
export const canManageEvent = (u: AuthUser | null, e: Pick<EventFacts, 'ownerManager'>): boolean => !!u && (isStaff(u) || e.ownerManager);

/** Editing and cancelling apply to a scheduled event only. */
export const canEditEvent = (u: AuthUser | null, e: Pick<EventFacts, 'status' | 'ownerManager'>): boolean => canManageEvent(u, e) && e.status === 'scheduled';
export const canCancelEvent = canEditEvent;

/** The recording and slides come after the event. */
export const canAttachReplay = (u: AuthUser | null, e: Pick<EventFacts, 'status' | 'endsAt'>, now: Date): boolean =>
  isStaff(u) && e.status === 'scheduled' && now >= e.endsAt;

/** The connection link goes to registered members (and staff), not to anyone reading the agenda. */
export const canSeeOnlineUrl = (u: AuthUser | null, e: Pick<EventFacts, 'myStatus' | 'visibility' | 'inAudience' | 'ownerManager'>): boolean =>
  isStaff(u) || (!!u && liveStatus(e) === 'registered');

/** Who exported attendee lists is reviewed by admins. */
export const canSeeExportTrace = (u: AuthUser | null): boolean => u?.role === 'admin';

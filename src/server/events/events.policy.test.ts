import { describe, expect, it } from 'vitest';
import type { AuthUser } from '../platform/auth.js';
import * as p from './events.policy.js';

const user = (over: Partial<AuthUser> = {}): AuthUser => ({ id: 'u', email: 'u@x.test', role: 'member', firstName: 'U', lastName: 'V', verifiedOrganisationIds: ['o'], ...over });
const unverified = user({ verifiedOrganisationIds: [] });
const facilitator = user({ role: 'facilitator', verifiedOrganisationIds: [] });
const start = new Date('2026-03-26T09:00:00Z');
const end = new Date('2026-03-26T10:30:00Z');
const facts = (over: Partial<p.EventFacts> = {}): p.EventFacts => ({ visibility: 'public', status: 'scheduled', startsAt: start, endsAt: end, inAudience: false, myStatus: null, ownerManager: false, ...over });
const before = new Date('2026-03-25T00:00:00Z');
const during = new Date('2026-03-26T09:30:00Z');
const after = new Date('2026-03-26T11:00:00Z');

describe('events policy', () => {
  it('shows public events to all, verified ones to verified members, restricted ones to the audience and staff', () => {
    expect(p.canSeeEvent(null, facts())).toBe(true);
    expect(p.canSeeEvent(null, facts({ visibility: 'verified' }))).toBe(false);
    expect(p.canSeeEvent(unverified, facts({ visibility: 'verified' }))).toBe(false);
    expect(p.canSeeEvent(user(), facts({ visibility: 'verified' }))).toBe(true);
    expect(p.canSeeEvent(user(), facts({ visibility: 'restricted' }))).toBe(false);
    expect(p.canSeeEvent(user(), facts({ visibility: 'restricted', inAudience: true }))).toBe(true);
    // Item 5 (issue 11): a registration to a restricted event gives nothing once out of its audience.
    expect(p.canSeeEvent(user(), facts({ visibility: 'restricted', myStatus: 'registered' }))).toBe(false);
    expect(p.canSeeEvent(user(), facts({ visibility: 'restricted', myStatus: 'registered', inAudience: true }))).toBe(true);
    expect(p.canSeeEvent(user(), facts({ visibility: 'verified', myStatus: 'registered' }))).toBe(true);
    expect(p.canSeeEvent(unverified, facts({ visibility: 'verified', myStatus: 'registered' }))).toBe(true);
    expect(p.canSeeEvent(facilitator, facts({ visibility: 'restricted' }))).toBe(true);
  });

  it('registers before the start only, once, on a scheduled event', () => {
    expect(p.canRegister(null, facts(), before)).toBe(false);
    expect(p.canRegister(unverified, facts(), before)).toBe(true);
    expect(p.canRegister(user(), facts(), during)).toBe(false);
    expect(p.canRegister(user(), facts({ status: 'cancelled' }), before)).toBe(false);
    expect(p.canRegister(user(), facts({ myStatus: 'waitlisted' }), before)).toBe(false);
  });

  it('cancels a registration until the end; replays after the end; links to registered members', () => {
    expect(p.canCancelRegistration(user(), facts({ myStatus: 'registered' }), during)).toBe(true);
    expect(p.canCancelRegistration(user(), facts({ myStatus: 'registered' }), after)).toBe(false);
    expect(p.canCancelRegistration(user(), facts(), before)).toBe(false);
    expect(p.canAttachReplay(facilitator, facts(), during)).toBe(false);
    expect(p.canAttachReplay(facilitator, facts(), after)).toBe(true);
    expect(p.canAttachReplay(user(), facts(), after)).toBe(false);
    expect(p.canSeeOnlineUrl(user(), facts({ myStatus: 'waitlisted' }))).toBe(false);
    expect(p.canSeeOnlineUrl(user(), facts({ myStatus: 'registered' }))).toBe(true);
    expect(p.canSeeOnlineUrl(user(), facts({ visibility: 'restricted', myStatus: 'registered', inAudience: true }))).toBe(true);
    expect(p.canSeeOnlineUrl(user(), facts({ visibility: 'restricted', myStatus: 'registered', inAudience: false }))).toBe(false);
    expect(p.canSeeOnlineUrl(facilitator, facts({ visibility: 'restricted' }))).toBe(true);
    expect(p.canSeeExportTrace(facilitator)).toBe(false);
    expect(p.canSeeExportTrace(user({ role: 'admin' }))).toBe(true);
  });

  it("runs an event: staff, or the owner group's own facilitators (ownerManager), and only while scheduled", () => {
    expect(p.canManageEvent(null, facts({ ownerManager: true }))).toBe(false);
    expect(p.canManageEvent(user(), facts())).toBe(false);
    expect(p.canManageEvent(user(), facts({ visibility: 'restricted', inAudience: true }))).toBe(false);
    expect(p.canManageEvent(user(), facts({ visibility: 'restricted', ownerManager: true }))).toBe(true);
    expect(p.canManageEvent(facilitator, facts())).toBe(true);
    expect(p.canEditEvent(user(), facts({ ownerManager: true }))).toBe(true);
    expect(p.canCancelEvent(user(), facts({ ownerManager: true, status: 'cancelled' }))).toBe(false);
    expect(p.canEditEvent(facilitator, facts({ status: 'cancelled' }))).toBe(false);
    // Creating events and seeing attendees stay with platform staff.
    expect(p.canManageEvents(user())).toBe(false);
  });
});

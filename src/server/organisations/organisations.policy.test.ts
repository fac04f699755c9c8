import { describe, expect, it } from 'vitest';
import type { AuthUser } from '../platform/auth.js';
import * as policy from './organisations.policy.js';

const u = (role: AuthUser['role'], orgs: string[] = []): AuthUser => ({ id: 'u', email: 'a@b.test', role, firstName: 'A', lastName: 'B', verifiedOrganisationIds: orgs });

describe('organisation policy', () => {
  it('lets only verified members edit, not staff', () => {
    expect(policy.canEditOrganisation(u('member', ['o1']), 'o1')).toBe(true);
    expect(policy.canEditOrganisation(u('member', ['o2']), 'o1')).toBe(false);
    expect(policy.canEditOrganisation(u('admin'), 'o1')).toBe(false);
    expect(policy.canEditOrganisation(null, 'o1')).toBe(false);
  });
  it('lets verified members and facilitators review requests', () => {
    expect(policy.canReviewRequests(u('facilitator'), 'o1')).toBe(true);
    expect(policy.canReviewRequests(u('member', ['o1']), 'o1')).toBe(true);
    expect(policy.canReviewRequests(u('member'), 'o1')).toBe(false);
  });
  it('offers a membership request only when none is pending or verified', () => {
    expect(policy.canRequestMembership(u('member'), null)).toBe(true);
    expect(policy.canRequestMembership(u('member'), 'rejected')).toBe(true);
    expect(policy.canRequestMembership(u('member'), 'pending')).toBe(false);
    expect(policy.canRequestMembership(u('member'), 'verified')).toBe(false);
    expect(policy.canRequestMembership(null, null)).toBe(false);
  });
  it('shows member names to verified members and staff only', () => {
    expect(policy.canSeeMembers(null)).toBe(false);
    expect(policy.canSeeMembers(u('member'))).toBe(false);
    expect(policy.canSeeMembers(u('member', ['o9']))).toBe(true);
    expect(policy.canSeeMembers(u('facilitator'))).toBe(true);
  });
});

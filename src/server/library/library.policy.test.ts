import { describe, expect, it } from 'vitest';
import type { AuthUser } from '../platform/auth.js';
import { canEditResource, canPropose, canReadResource, canReview, type ResourceFacts } from './library.policy.js';

const user = (role: AuthUser['role'], verified: boolean, id = 'u1'): AuthUser => ({ id, email: `${id}@x.test`, role, firstName: 'A', lastName: 'B', verifiedOrganisationIds: verified ? ['o1'] : [] });
const facts = (f: Partial<ResourceFacts>): ResourceFacts => ({ status: 'published', visibility: 'public', createdBy: 'author', inSpace: false, inGroup: false, ...f });

describe('library policy', () => {
  it('reads a published resource by audience', () => {
    const visitor = null;
    const unverified = user('member', false);
    const member = user('member', true);
    const staff = user('facilitator', false);
    expect([visitor, unverified, member, staff].map((u) => canReadResource(u, facts({ visibility: 'public' })))).toEqual([true, true, true, true]);
    expect([visitor, unverified, member, staff].map((u) => canReadResource(u, facts({ visibility: 'verified' })))).toEqual([false, false, true, true]);
    expect([visitor, unverified, member, staff].map((u) => canReadResource(u, facts({ visibility: 'space' })))).toEqual([false, false, false, true]);
    expect(canReadResource(member, facts({ visibility: 'space', inSpace: true }))).toBe(true);
    expect(canReadResource(member, facts({ visibility: 'group', inSpace: true }))).toBe(false);
    expect(canReadResource(unverified, facts({ visibility: 'group', inGroup: true }))).toBe(true);
  });

  it('shows a proposal to its author and staff only, whatever its audience', () => {
    const author = user('member', true, 'author');
    expect(canReadResource(author, facts({ status: 'proposed' }))).toBe(true);
    expect(canReadResource(user('member', true), facts({ status: 'proposed' }))).toBe(false);
    expect(canReadResource(null, facts({ status: 'rejected' }))).toBe(false);
    expect(canReadResource(user('admin', false), facts({ status: 'rejected' }))).toBe(true);
  });

  it('lets verified members propose for everyone or members, staff anything; staff review proposals only', () => {
    expect(canPropose(user('member', true), 'verified')).toBe(true);
    expect(canPropose(user('member', true), 'group')).toBe(false);
    expect(canPropose(user('member', false), 'public')).toBe(false);
    expect(canPropose(user('facilitator', false), 'space')).toBe(true);
    expect(canReview(user('facilitator', false), { status: 'proposed' })).toBe(true);
    expect(canReview(user('facilitator', false), { status: 'published' })).toBe(false);
    expect(canReview(user('member', true), { status: 'proposed' })).toBe(false);
  });

  it('lets facilitators and admins edit resources, never members (not even the proposer or the producing organisation)', () => {
    expect([null, user('member', false), user('member', true, 'author'), user('facilitator', false), user('admin', false)].map(canEditResource)).toEqual([false, false, false, true, true]);
  });
});

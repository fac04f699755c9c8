import { describe, expect, it } from 'vitest';
import type { AuthUser } from '../platform/auth.js';
import * as p from './helpspace.policy.js';

const u = (role: AuthUser['role'], orgs: string[] = [], id = 'u1'): AuthUser => ({ id, email: 'a@b.test', role, firstName: 'A', lastName: 'B', verifiedOrganisationIds: orgs });
const community = { kind: 'community' as const, isMember: false };
const privateOut = { kind: 'private' as const, isMember: false };
const privateIn = { kind: 'private' as const, isMember: true };
const post = (over: Partial<p.PostFacts> = {}): p.PostFacts => ({ kind: 'answer', authorId: 'author', hidden: false, deleted: false, locked: false, ...over });

describe('help space policy', () => {
  it('lets anyone read the community space, only members and staff read a private one', () => {
    expect(p.canReadSpace(null, community)).toBe(true);
    expect(p.canReadSpace(null, privateOut)).toBe(false);
    expect(p.canReadSpace(u('member', ['o']), privateOut)).toBe(false);
    expect(p.canReadSpace(u('member', ['o']), privateIn)).toBe(true);
    expect(p.canReadSpace(u('facilitator'), privateOut)).toBe(true);
  });
  it('lets verified members post in the community, members of a private space there, staff anywhere', () => {
    expect(p.canPostInSpace(null, community)).toBe(false);
    expect(p.canPostInSpace(u('member'), community)).toBe(false);
    expect(p.canPostInSpace(u('member', ['o']), community)).toBe(true);
    expect(p.canPostInSpace(u('member', ['o']), privateOut)).toBe(false);
    expect(p.canPostInSpace(u('member', ['o']), privateIn)).toBe(true);
    expect(p.canPostInSpace(u('admin'), privateOut)).toBe(true);
  });
  it('shows hidden posts to staff only and deleted posts to nobody', () => {
    expect(p.canSeePost(u('member', ['o']), { hidden: true, deleted: false })).toBe(false);
    expect(p.canSeePost(u('facilitator'), { hidden: true, deleted: false })).toBe(true);
    expect(p.canSeePost(u('facilitator'), { hidden: false, deleted: true })).toBe(false);
  });
  it('lets authors edit their own open posts, never another member’s', () => {
    const me = u('member', ['o'], 'author');
    expect(p.canEditPost(me, community, post())).toBe(true);
    expect(p.canEditPost(u('member', ['o'], 'other'), community, post())).toBe(false);
    expect(p.canEditPost(me, community, post({ locked: true }))).toBe(false);
    expect(p.canEditPost(me, community, post({ hidden: true }))).toBe(false);
    expect(p.canEditPost(u('facilitator'), community, post({ locked: true }))).toBe(true);
    expect(p.canDeletePost(me, community, post())).toBe(true);
    expect(p.canDeletePost(u('member', ['o'], 'other'), community, post())).toBe(false);
  });
  it('refuses votes on one’s own post and replies to a locked question except for staff', () => {
    expect(p.canVote(u('member', ['o'], 'author'), community, post())).toBe(false);
    expect(p.canVote(u('member', ['o'], 'x'), community, post())).toBe(true);
    expect(p.canReply(u('member', ['o']), community, { locked: true, hidden: false, deleted: false })).toBe(false);
    expect(p.canReply(u('facilitator'), community, { locked: true, hidden: false, deleted: false })).toBe(true);
  });
  it('lets only the question author or staff mark useful', () => {
    expect(p.canMarkUseful(u('member', ['o'], 'asker'), { authorId: 'asker', deleted: false })).toBe(true);
    expect(p.canMarkUseful(u('member', ['o'], 'x'), { authorId: 'asker', deleted: false })).toBe(false);
    expect(p.canMarkUseful(u('facilitator'), { authorId: 'asker', deleted: false })).toBe(true);
  });
  it('limits accounts younger than 7 days to 5 posts an hour', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    const young = new Date('2026-11-25T12:00:00Z');
    const old = new Date('2026-11-21T12:00:00Z');
    expect(p.postingAllowed(young, now, 4)).toBe(true);
    expect(p.postingAllowed(young, now, 5)).toBe(false);
    expect(p.postingAllowed(old, now, 50)).toBe(true);
  });
  it('lets staff manage the member list of private spaces only', () => {
    expect(p.canManageSpaceMembers(u('facilitator'), { kind: 'private' })).toBe(true);
    expect(p.canManageSpaceMembers(u('facilitator'), { kind: 'community' })).toBe(false);
    expect(p.canManageSpaceMembers(u('member', ['o']), { kind: 'private' })).toBe(false);
  });
});

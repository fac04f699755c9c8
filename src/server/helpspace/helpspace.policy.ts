import type { AuthUser } from '../platform/auth.js';
import { isStaff } from '../platform/auth.js';

// Who may do what in the help space: pure functions, unit-tested in helpspace.policy.test.ts.
// Decision record: docs/decisions/0007-help-space-visibility.md.

export type SpaceFacts = { kind: 'community' | 'private'; isMember: boolean };
export type PostFacts = {
  kind: 'question' | 'answer' | 'comment';
  authorId: string;
  hidden: boolean;
  deleted: boolean;
  /** The question is locked (for an answer or comment: its question). */
  locked: boolean;
};

const isVerified = (u: AuthUser | null): u is AuthUser => !!u && u.verifiedOrganisationIds.length > 0;

/** The community space is readable by anyone, visitors included; a private one by its members and staff. */
export const canReadSpace = (u: AuthUser | null, s: SpaceFacts): boolean =>
  s.kind === 'community' || isStaff(u) || (!!u && s.isMember);

/** Verified members post in the community space; a private space's members and staff post there. */
export const canPostInSpace = (u: AuthUser | null, s: SpaceFacts): boolean => {
  if (!u) return false;
  if (isStaff(u)) return true;
  if (!isVerified(u)) return false;
  return s.kind === 'community' || s.isMember;
};

/** Hidden posts stay visible to staff only; deleted ones to nobody. */
export const canSeePost = (u: AuthUser | null, p: Pick<PostFacts, 'hidden' | 'deleted'>): boolean =>
  !p.deleted && (!p.hidden || isStaff(u));

/** Names of authors are shown to verified members and staff, like the directory. */
export const canSeeAuthors = (u: AuthUser | null): boolean => isStaff(u) || isVerified(u);

/** Answers and comments need an open question and the right to post in the space. */
export const canReply = (u: AuthUser | null, s: SpaceFacts, question: Pick<PostFacts, 'locked' | 'hidden' | 'deleted'>): boolean =>
  canPostInSpace(u, s) && !question.deleted && !question.hidden && (!question.locked || isStaff(u));

/** A member edits their own post while it is visible and open; staff edit any. */
export const canEditPost = (u: AuthUser | null, s: SpaceFacts, p: PostFacts): boolean => {
  if (!u || p.deleted) return false;
  if (isStaff(u)) return true;
  return p.authorId === u.id && !p.hidden && !p.locked && canPostInSpace(u, s);
};

export const canDeletePost = (u: AuthUser | null, s: SpaceFacts, p: PostFacts): boolean => {
  if (!u || p.deleted) return false;
  if (isStaff(u)) return true;
  return p.authorId === u.id && canPostInSpace(u, s);
};

/** One vote per member per post, never on one's own post. */
export const canVote = (u: AuthUser | null, s: SpaceFacts, p: PostFacts): boolean =>
  !!u && p.authorId !== u.id && !p.deleted && !p.hidden && canPostInSpace(u, s);

export const canReport = (u: AuthUser | null, s: SpaceFacts, p: PostFacts): boolean =>
  !!u && p.authorId !== u.id && !p.deleted && canPostInSpace(u, s);

/** The question's author or a facilitator marks answers useful. */
export const canMarkUseful = (u: AuthUser | null, question: { authorId: string; deleted: boolean }): boolean =>
  !!u && !question.deleted && (isStaff(u) || question.authorId === u.id);

export const canModerate = (u: AuthUser | null): boolean => isStaff(u);

export const canManageSpaceMembers = (u: AuthUser | null, s: Pick<SpaceFacts, 'kind'>): boolean => s.kind === 'private' && isStaff(u);

const DAY = 24 * 3600_000;
export const NEW_ACCOUNT_MS = 7 * DAY;
export const NEW_ACCOUNT_POSTS_PER_HOUR = 5;

/** Accounts younger than 7 days post at most 5 times an hour (spam from fresh accounts). */
export const postingAllowed = (accountCreatedAt: Date, now: Date, postsInLastHour: number): boolean =>
  now.getTime() - accountCreatedAt.getTime() >= NEW_ACCOUNT_MS || postsInLastHour < NEW_ACCOUNT_POSTS_PER_HOUR;

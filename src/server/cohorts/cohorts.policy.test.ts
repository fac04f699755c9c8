import { describe, expect, it } from 'vitest';
import type { AuthUser } from '../platform/auth.js';
import { canChangeStatus, canCreateCohort, canManageCohort, nextStatuses, runsCohortSessions } from './cohorts.policy.js';

const user = (role: AuthUser['role'], verifiedOrganisationIds: string[] = []): AuthUser =>
  ({ id: 'u', email: 'u@x.test', role, firstName: 'A', lastName: 'B', verifiedOrganisationIds }) as AuthUser;

describe('cohorts policy', () => {
  it('lets staff create cohorts, and staff or the cohort facilitators manage one', () => {
    expect(canCreateCohort(user('facilitator'))).toBe(true);
    expect(canCreateCohort(user('admin'))).toBe(true);
    expect(canCreateCohort(user('member', ['o']))).toBe(false);
    expect(canCreateCohort(null)).toBe(false);
    expect(canManageCohort(user('member', ['o']), 'facilitator')).toBe(true);
    expect(canManageCohort(user('member', ['o']), 'sponsor')).toBe(false);
    expect(canManageCohort(user('member', ['o']), 'participant')).toBe(false);
    expect(canManageCohort(null, 'facilitator')).toBe(false);
    expect(canManageCohort(user('facilitator'), null)).toBe(true);
  });

  it("the cohort's own facilitators run its sessions; sponsors, participants and outsiders do not", () => {
    expect(runsCohortSessions('facilitator')).toBe(true);
    expect(runsCohortSessions('sponsor')).toBe(false);
    expect(runsCohortSessions('participant')).toBe(false);
    expect(runsCohortSessions(null)).toBe(false);
  });

  it('allows open → running → finished, running → open, and nothing out of finished', () => {
    expect(nextStatuses('candidatures_ouvertes')).toEqual(['en_cours']);
    expect(nextStatuses('en_cours')).toEqual(['terminee', 'candidatures_ouvertes']);
    expect(nextStatuses('terminee')).toEqual([]);
    expect(canChangeStatus('candidatures_ouvertes', 'terminee')).toBe(false);
    expect(canChangeStatus('terminee', 'en_cours')).toBe(false);
    expect(canChangeStatus('terminee', 'terminee')).toBe(true);
    expect(canChangeStatus('en_cours', 'candidatures_ouvertes')).toBe(true);
  });
});

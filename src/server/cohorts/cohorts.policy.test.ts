import { describe, expect, it } from 'vitest';
import type { AuthUser } from '../platform/auth.js';
import * as p from './cohorts.policy.js';

const member: AuthUser = { id: 'u', email: 'u@x.test', role: 'member', firstName: 'U', lastName: 'V', verifiedOrganisationIds: ['o'] };
const staff: AuthUser = { ...member, role: 'facilitator', verifiedOrganisationIds: [] };

describe('cohorts policy', () => {
  it("the cohort's own facilitators run its sessions; sponsors, participants and outsiders do not", () => {
    expect(p.runsCohortSessions('facilitator')).toBe(true);
    expect(p.runsCohortSessions('sponsor')).toBe(false);
    expect(p.runsCohortSessions('participant')).toBe(false);
    expect(p.runsCohortSessions(null)).toBe(false);
  });

  it('manages the cohort: staff and its own facilitators', () => {
    expect(p.canManageCohort(null, 'facilitator')).toBe(false);
    expect(p.canManageCohort(member, 'facilitator')).toBe(true);
    expect(p.canManageCohort(member, 'participant')).toBe(false);
    expect(p.canManageCohort(staff, null)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { AuthUser } from '../platform/auth.js';
import { canAccessSession, canFacilitateSession } from './codev.policy.js';

const user = (role: AuthUser['role']): AuthUser => ({ id: 'u', email: 'u@x.test', role, firstName: 'A', lastName: 'B', verifiedOrganisationIds: ['o'] });
const none = { groupMember: false, sessionFacilitator: false };

describe('codev policy', () => {
  it('lets the group, the session facilitator and staff in; nobody else', () => {
    expect(canAccessSession(null, { groupMember: true, sessionFacilitator: false })).toBe(false);
    expect(canAccessSession(user('member'), none)).toBe(false);
    expect(canAccessSession(user('member'), { groupMember: true, sessionFacilitator: false })).toBe(true);
    expect(canAccessSession(user('member'), { groupMember: false, sessionFacilitator: true })).toBe(true);
    expect(canAccessSession(user('facilitator'), none)).toBe(true);
    expect(canAccessSession(user('admin'), none)).toBe(true);
  });
  it('lets only the session facilitator and staff conduct the steps', () => {
    expect(canFacilitateSession(user('member'), { groupMember: true, sessionFacilitator: false })).toBe(false);
    expect(canFacilitateSession(user('member'), { groupMember: false, sessionFacilitator: true })).toBe(true);
    expect(canFacilitateSession(user('facilitator'), none)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { checkAccess } from './access.js';
import type { Auth } from './auth.js';

const user = (role: 'member' | 'facilitator' | 'admin', orgs: string[] = []): Auth => ({
  sessionId: 's',
  user: { id: 'u', email: 'a@b.test', role, firstName: 'A', lastName: 'B', verifiedOrganisationIds: orgs },
});
const anon: Auth = { user: null, sessionId: null };

describe('checkAccess', () => {
  it('lets anyone call a public route', () => expect(checkAccess('public', anon)).toBe('allowed'));
  it('asks anonymous callers to log in', () => {
    for (const level of ['account', 'verified', 'organisation', 'organisationOrStaff', 'facilitator', 'admin'] as const)
      expect(checkAccess(level, anon, 'o1')).toBe('UNAUTHENTICATED');
  });
  it('tells a member without a verified organisation why they are refused', () =>
    expect(checkAccess('verified', user('member'))).toBe('NOT_VERIFIED_MEMBER'));
  it('scopes organisation routes to verified members of that organisation', () => {
    expect(checkAccess('organisation', user('member', ['o1']), 'o1')).toBe('allowed');
    expect(checkAccess('organisation', user('member', ['o2']), 'o1')).toBe('FORBIDDEN');
    expect(checkAccess('organisation', user('admin'), 'o1')).toBe('FORBIDDEN');
    expect(checkAccess('organisation', user('member', ['o1']), undefined)).toBe('FORBIDDEN');
    expect(checkAccess('organisationOrStaff', user('facilitator'), 'o1')).toBe('allowed');
  });
  it('never opens a monitoring route to a session, an admin included (the scraper is let in by token or address, platform/metrics.ts)', () => {
    for (const auth of [anon, user('member', ['o1']), user('facilitator'), user('admin')]) expect(checkAccess('monitoring', auth, 'o1')).toBe('NOT_FOUND');
  });
  it('keeps admin routes for admins', () => {
    expect(checkAccess('admin', user('facilitator'))).toBe('FORBIDDEN');
    expect(checkAccess('facilitator', user('admin'))).toBe('allowed');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

describe('member directory', () => {
  it('lists verified, visible members with their organisations, never e-mails, with filters', async () => {
    const org = await t.createOrganisation({ name: 'Métropole Annuaire' });
    const visible = await t.createMember({ verifiedIn: [org.id], firstName: 'Zoé', lastName: 'Annuaire-Visible', regionCode: '84', themes: ['alimentation'], availableToHelp: true });
    await t.createMember({ verifiedIn: [org.id], firstName: 'Max', lastName: 'Annuaire-Masque', directoryVisibility: 'hidden' });
    await t.createMember({ pendingIn: [org.id], firstName: 'Lou', lastName: 'Annuaire-Attente' });
    const { agent } = await t.loggedIn({ verifiedIn: [org.id] });

    const res = (await agent.get('/api/members?q=annuaire')).json();
    expect(res.items.map((i: { lastName: string }) => i.lastName)).toEqual(['Annuaire-Visible']);
    expect(res.items[0]).toMatchObject({ firstName: 'Zoé', organisations: [{ id: org.id, name: 'Métropole Annuaire' }], themes: ['alimentation'], availableToHelp: true });
    expect(JSON.stringify(res)).not.toContain('@');
    expect(JSON.stringify(res)).not.toContain(visible.email);

    expect((await agent.get('/api/members?q=annuaire&theme=alimentation&region=84&available=true')).json().total).toBe(1);
    expect((await agent.get('/api/members?q=annuaire&region=53')).json().total).toBe(0);
    expect((await agent.get('/api/members?q=annuaire%20visible')).json().total).toBe(1);
    expect((await agent.get('/api/members?q=annuaire%20masque')).json().total).toBe(0);
    expect((await agent.get('/api/members?q=zoe')).json().items.map((i: { lastName: string }) => i.lastName)).toContain('Annuaire-Visible');
    expect((await agent.get('/api/members?theme=inconnu')).statusCode).toBe(400);
  });
});

describe('admin users', () => {
  it('changes a role, disables an account (closing its sessions) and protects the last admin', async () => {
    const admin = await t.loggedIn({ role: 'admin', email: 'seul.admin@entraide.test' });
    const target = await t.loggedIn({ email: 'cible.admin@acheteur.test' });
    const list = (await admin.agent.get('/api/admin/users?q=cible.admin')).json();
    expect(list.items).toEqual([expect.objectContaining({ email: 'cible.admin@acheteur.test', role: 'member', emailVerified: true, disabled: false })]);
    expect((await admin.agent.patch(`/api/admin/users/${target.user.id}`, { role: 'facilitator' })).statusCode).toBe(200);
    expect((await target.agent.get('/api/me')).json().role).toBe('facilitator');
    expect((await admin.agent.patch(`/api/admin/users/${target.user.id}`, { disabled: true })).statusCode).toBe(200);
    expect((await target.agent.get('/api/me')).statusCode).toBe(401);
    const relog = await t.agent().post('/api/auth/login', { email: target.user.email, password: target.user.password });
    expect(relog.json().error).toBe('ACCOUNT_DISABLED');
    expect((await admin.agent.patch(`/api/admin/users/${target.user.id}`, { role: 'chef' })).statusCode).toBe(400);
    // The only admin of this database cannot demote nor disable itself.
    const self = await admin.agent.patch(`/api/admin/users/${admin.user.id}`, { role: 'member' });
    expect(self.statusCode).toBe(409);
    expect(self.json().error).toBe('LAST_ADMIN');
  });
});

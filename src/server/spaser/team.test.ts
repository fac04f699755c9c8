import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';

// Who writes a joint schéma (issue 17, item 2): an editor invites a buyer, a verified member of the
// invited buyer sees the invitation and accepts; editors add or remove editors among the verified
// members of accepted buyers; readers, non-members and unverified members change nothing.

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
});
afterAll(() => t?.close());

async function setup() {
  const epci = await t.createOrganisation({ name: 'Communauté du Plateau', kind: 'epci' });
  const commune = await t.createOrganisation({ name: 'Plateau-Village' });
  const other = await t.createOrganisation({ name: 'Ailleurs-sur-Mer' });
  const writer = await t.loggedIn({ verifiedIn: [epci.id], firstName: 'Inès', lastName: 'Aubert' });
  const reader = await t.loggedIn({ verifiedIn: [epci.id], firstName: 'Paul', lastName: 'Bernard' });
  const mayor = await t.loggedIn({ verifiedIn: [commune.id], firstName: 'Léa', lastName: 'Caron' });
  const clerk = await t.loggedIn({ verifiedIn: [commune.id], firstName: 'Noé', lastName: 'Dupuis' });
  const unverified = await t.loggedIn({ pendingIn: [commune.id] });
  const outsider = await t.loggedIn({ verifiedIn: [other.id] });
  const created = await writer.agent.post('/api/spasers', { organisationId: epci.id, title: 'SPASER commun du Plateau', periodStart: 2026, periodEnd: 2028 });
  return { epci, commune, other, writer, reader, mayor, clerk, unverified, outsider, id: created.json().id as string };
}

describe('a joint schéma: buyers and editors', () => {
  it('invitation seen on « Mes SPASER » and in the schéma, accepted by a verified member; bad invitations in French', async () => {
    const { epci, commune, writer, mayor, clerk, unverified, outsider, id } = await setup();
    // Before: the commune's members see nothing.
    expect((await mayor.agent.get('/api/spasers')).json().items).toEqual([]);
    expect((await writer.agent.post(`/api/spasers/${id}/buyers`, { organisationId: commune.id })).statusCode).toBe(201);
    const listed = (await mayor.agent.get('/api/spasers')).json().items;
    expect(listed.map((s: any) => [s.id, s.buyers, s.invitedAs])).toEqual([[id, ['Communauté du Plateau'], [{ organisationId: commune.id, name: 'Plateau-Village' }]]]);
    const seen = (await mayor.agent.get(`/api/spasers/${id}`)).json();
    expect([seen.canEdit, seen.invitedAs, seen.editorCandidates]).toEqual([false, [{ organisationId: commune.id, name: 'Plateau-Village' }], []]);
    // The inviter's own list shows no invitation to accept.
    expect((await writer.agent.get('/api/spasers')).json().items[0].invitedAs).toEqual([]);

    // Bad invitations: an unknown organisation, one already invited, the lead itself; a malformed id.
    const unknown = await writer.agent.post(`/api/spasers/${id}/buyers`, { organisationId: '00000000-0000-4000-8000-000000000000' });
    expect([unknown.statusCode, unknown.json().fields]).toEqual([400, { organisationId: "Cet acheteur n'existe pas dans le registre." }]);
    const twice = await writer.agent.post(`/api/spasers/${id}/buyers`, { organisationId: commune.id });
    expect([twice.statusCode, twice.json().message]).toEqual([409, 'Cet acheteur fait déjà partie du schéma, ou y est déjà invité.']);
    expect((await writer.agent.post(`/api/spasers/${id}/buyers`, { organisationId: epci.id })).json().error).toBe('SPASER_BUYER_EXISTS');
    const malformed = await writer.agent.post(`/api/spasers/${id}/buyers`, { organisationId: 'plateau' });
    expect(malformed.json().fields).toEqual({ organisationId: 'Choisissez un acheteur.' });

    // Who may not accept: an outsider, an unverified member of the commune.
    expect((await outsider.agent.post(`/api/spasers/${id}/buyers/${commune.id}/accept`)).statusCode).toBe(403);
    expect((await unverified.agent.post(`/api/spasers/${id}/buyers/${commune.id}/accept`)).statusCode).toBe(403);
    expect((await unverified.agent.get(`/api/spasers/${id}`)).statusCode).toBe(403);
    expect((await mayor.agent.post(`/api/spasers/${id}/buyers/${commune.id}/accept`)).statusCode).toBe(200);
    const after = (await clerk.agent.get(`/api/spasers/${id}`)).json();
    expect([after.buyers.map((b: any) => [b.name, b.status]), after.invitedAs, after.canEdit]).toEqual([
      [['Communauté du Plateau', 'accepted'], ['Plateau-Village', 'accepted']],
      [],
      false,
    ]);
    expect((await mayor.agent.get(`/api/spasers/${id}`)).json().canEdit).toBe(true);
  });

  it('editors add a verified member of an accepted buyer and remove editors; never the last one; bad choices in French', async () => {
    const { commune, writer, reader, mayor, clerk, unverified, outsider, id } = await setup();
    await writer.agent.post(`/api/spasers/${id}/buyers`, { organisationId: commune.id });
    // The commune is only invited: its members cannot be added yet.
    expect((await writer.agent.post(`/api/spasers/${id}/editors`, { userId: clerk.user.id })).json().error).toBe('SPASER_EDITOR_NOT_MEMBER');
    // Candidates: verified members of accepted buyers who are not editors (the EPCI's reader only).
    expect((await writer.agent.get(`/api/spasers/${id}`)).json().editorCandidates).toEqual([{ userId: reader.user.id, name: 'Paul Bernard', organisationName: 'Communauté du Plateau' }]);
    await mayor.agent.post(`/api/spasers/${id}/buyers/${commune.id}/accept`);
    expect((await writer.agent.get(`/api/spasers/${id}`)).json().editorCandidates.map((c: any) => c.name)).toEqual(['Paul Bernard', 'Noé Dupuis']);

    const add = (who: { agent: any }, userId: string) => who.agent.post(`/api/spasers/${id}/editors`, { userId });
    const notMember = await add(writer, outsider.user.id);
    expect([notMember.statusCode, notMember.json().message]).toEqual([400, "Cette personne n'est membre vérifiée d'aucun acheteur du schéma."]);
    expect((await add(writer, unverified.user.id)).json().error).toBe('SPASER_EDITOR_NOT_MEMBER');
    // A reader, an outsider and an unverified member add nobody.
    expect((await add(reader, reader.user.id)).json().error).toBe('SPASER_EDIT_FORBIDDEN');
    expect((await add(outsider, outsider.user.id)).statusCode).toBe(404);
    expect((await add(unverified, unverified.user.id)).statusCode).toBe(403);
    expect((await add(mayor, clerk.user.id)).statusCode).toBe(201);
    const again = await add(writer, clerk.user.id);
    expect([again.statusCode, again.json().message]).toEqual([409, 'Cette personne est déjà rédactrice de ce SPASER.']);
    expect((await writer.agent.get(`/api/spasers/${id}`)).json().editors.map((e: any) => e.name)).toEqual(['Inès Aubert', 'Léa Caron', 'Noé Dupuis']);

    const remove = (who: { agent: any }, userId: string) => who.agent.delete(`/api/spasers/${id}/editors/${userId}`);
    // A reader or an outsider removes nobody; removing a non-editor says so.
    expect((await remove(reader, clerk.user.id)).json().error).toBe('SPASER_EDIT_FORBIDDEN');
    expect((await remove(outsider, clerk.user.id)).statusCode).toBe(404);
    expect((await remove(writer, reader.user.id)).json().error).toBe('SPASER_EDITOR_NOT_FOUND');
    expect((await remove(writer, clerk.user.id)).statusCode).toBe(200);
    // A removed editor becomes a reader at once.
    expect((await clerk.agent.put(`/api/spasers/${id}/sections/preamble`, { version: 0, body: 'Texte' })).json().error).toBe('SPASER_EDIT_FORBIDDEN');
    expect((await remove(mayor, mayor.user.id)).statusCode).toBe(200);
    const last = await remove(writer, writer.user.id);
    expect([last.statusCode, last.json().message]).toEqual([409, 'Le schéma doit garder au moins un rédacteur : ajoutez-en un autre avant de retirer celui-ci.']);
    expect((await writer.agent.get(`/api/spasers/${id}`)).json().editors.map((e: any) => e.name)).toEqual(['Inès Aubert']);
  });

  it('an invitation declined by a verified member of the invited buyer is withdrawn; nobody else may decline it', async () => {
    const { commune, writer, mayor, unverified, outsider, id } = await setup();
    expect((await writer.agent.post(`/api/spasers/${id}/buyers`, { organisationId: commune.id })).statusCode).toBe(201);
    for (const [who, status] of [[outsider, 403], [unverified, 403], [writer, 403]] as const) {
      expect((await who.agent.post(`/api/spasers/${id}/buyers/${commune.id}/decline`)).statusCode).toBe(status);
    }
    expect((await t.agent().post(`/api/spasers/${id}/buyers/${commune.id}/decline`)).statusCode).toBe(401);
    // Still invited after the refused attempts.
    expect((await mayor.agent.get('/api/spasers')).json().items[0].invitedAs).toEqual([{ organisationId: commune.id, name: 'Plateau-Village' }]);
    const declined = await mayor.agent.post(`/api/spasers/${id}/buyers/${commune.id}/decline`);
    expect(declined.statusCode, declined.body).toBe(200);
    // Gone from « Mes SPASER », the schéma no longer readable by the commune, the lead sees one buyer again.
    expect((await mayor.agent.get('/api/spasers')).json().items).toEqual([]);
    expect([403, 404]).toContain((await mayor.agent.get(`/api/spasers/${id}`)).statusCode);
    expect((await writer.agent.get(`/api/spasers/${id}`)).json().buyers.map((b: { name: string }) => b.name)).toEqual(['Communauté du Plateau']);
    const again = await mayor.agent.post(`/api/spasers/${id}/buyers/${commune.id}/decline`);
    expect([again.statusCode, again.json().message]).toEqual([404, "Cet acheteur n'est pas invité à ce schéma."]);
    // The editors may invite again.
    expect((await writer.agent.post(`/api/spasers/${id}/buyers`, { organisationId: commune.id })).statusCode).toBe(201);
  });
});

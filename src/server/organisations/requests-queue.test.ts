import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../accounts/accounts.tables.js';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { memberships, organisationDomains } from './organisations.tables.js';

// Issue 15, item 5: the facilitators' queue of pending membership requests across organisations.
// A database of its own: the queue holds exactly the requests created here.

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

const HOUR = 3600_000;
const T0 = new Date('2026-03-02T09:00:00Z');

/** Creates the requests at chosen times (the clock moved back and forth), then comes back to T0 + 5 h. */
async function scenario() {
  const a = await t.createOrganisation({ name: 'Ville A' });
  const b = await t.createOrganisation({ name: 'Syndicat B' });
  await t.db.insert(organisationDomains).values([
    { organisationId: a.id, domain: 'ville-a.test', createdAt: T0 },
    { organisationId: a.id, domain: 'mairie-a.test', createdAt: T0 },
  ]);
  const at = async (offsetHours: number, input: Parameters<TestContext['createMember']>[0]) => {
    t.clock.set(new Date(T0.getTime() + offsetHours * HOUR));
    return t.createMember(input);
  };
  // Created out of order: the queue sorts by the time of the request, not of the insertion.
  const matching = await at(1, { email: 'agent@ville-a.test', firstName: 'Inès', pendingIn: [a.id] });
  const webmail = await at(2, { email: 'perso.agent@gmail.com', firstName: 'Paul', pendingIn: [a.id] });
  const otherOrg = await at(3, { email: 'technicien@ville-a.test', firstName: 'Tom', pendingIn: [b.id] });
  const oldest = await at(-24, { email: 'directrice@agglo-a.test', firstName: 'Odile', pendingIn: [a.id] });
  // Not pending, or not actionable: never in the queue.
  await at(0, { email: 'deja@ville-a.test', verifiedIn: [a.id] });
  const disabled = await at(0, { email: 'desactive@ville-a.test', pendingIn: [b.id] });
  await t.db.update(users).set({ disabledAt: T0 }).where(eq(users.id, disabled.id));
  const rejected = await at(0, { email: 'refuse@ville-a.test', pendingIn: [b.id] });
  await t.db.update(memberships).set({ status: 'rejected' }).where(eq(memberships.userId, rejected.id));
  t.clock.set(new Date(T0.getTime() + 5 * HOUR));
  return { a, b, matching, webmail, otherOrg, oldest };
}

let s: Awaited<ReturnType<typeof scenario>>;
beforeAll(async () => {
  s = await scenario();
});

describe('facilitators’ queue of membership requests (issue 15, item 5)', () => {
  it('is refused to visitors (401) and to members, verified or not, even of the organisation (403)', async () => {
    expect((await t.agent().get('/api/admin/membership-requests')).statusCode).toBe(401);
    const verified = await t.loggedIn({ verifiedIn: [s.a.id] });
    const res = await verified.agent.get('/api/admin/membership-requests');
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe("Vous n'avez pas les droits nécessaires pour cette action.");
    expect((await (await t.loggedIn()).agent.get('/api/admin/membership-requests')).statusCode).toBe(403);
    expect((await (await t.loggedIn({ role: 'admin' })).agent.get('/api/admin/membership-requests')).statusCode).toBe(200);
  });

  it('lists every organisation’s pending requests oldest first, with the e-mail domain and whether it is declared', async () => {
    const { agent } = await t.loggedIn({ role: 'facilitator' });
    const res = await agent.get('/api/admin/membership-requests');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // By hand: Odile T0−24 h, Inès T0+1 h, Paul T0+2 h, Tom T0+3 h; verified, rejected and disabled left out.
    expect(body).toMatchObject({ total: 4, page: 1, pageSize: 50 });
    expect(body.items.map((i: { requester: { firstName: string } }) => i.requester.firstName)).toEqual(['Odile', 'Inès', 'Paul', 'Tom']);
    // Ville A declares ville-a.test and mairie-a.test (sorted); Syndicat B declares none.
    const declaredA = ['mairie-a.test', 'ville-a.test'];
    expect(body.items.map((i: Record<string, unknown>) => [i.emailDomain, i.declaredDomains, i.domainMatches, i.publicMailDomain])).toEqual([
      ['agglo-a.test', declaredA, false, false],
      ['ville-a.test', declaredA, true, false],
      ['gmail.com', declaredA, false, true],
      ['ville-a.test', [], false, false],
    ]);
    expect(body.items[0]).toMatchObject({
      createdAt: new Date(T0.getTime() - 24 * HOUR).toISOString(),
      requester: { id: s.oldest.id, email: 'directrice@agglo-a.test', lastName: s.oldest.lastName },
      organisation: { id: s.a.id, name: 'Ville A', kind: 'commune' },
    });
    expect(body.items[3].organisation).toMatchObject({ id: s.b.id, name: 'Syndicat B' });
  });

  it('approves and refuses in place through the one decision service: state changed once, e-mails sent, a second decision refused in French', async () => {
    const fac = await t.loggedIn({ role: 'facilitator' });
    const queue = (await fac.agent.get('/api/admin/membership-requests')).json().items as { id: string; organisation: { id: string }; requester: { id: string } }[];
    const ines = queue.find((i) => i.requester.id === s.matching.id)!;
    const paul = queue.find((i) => i.requester.id === s.webmail.id)!;
    t.smtp.clear();

    const approve = await fac.agent.post(`/api/organisations/${ines.organisation.id}/membership-requests/${ines.id}/decision`, { decision: 'approve' });
    expect(approve.statusCode).toBe(200);
    expect(approve.json()).toEqual({ ok: true, message: 'Demande approuvée.' });
    const refuse = await fac.agent.post(`/api/organisations/${paul.organisation.id}/membership-requests/${paul.id}/decision`, { decision: 'reject' });
    expect(refuse.json()).toEqual({ ok: true, message: 'Demande refusée.' });

    const again = await fac.agent.post(`/api/organisations/${ines.organisation.id}/membership-requests/${ines.id}/decision`, { decision: 'reject' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({
      error: 'REQUEST_NOT_PENDING',
      message: "Cette demande a déjà été traitée (approuvée ou refusée), peut-être par une autre personne : elle n'attend plus de décision.",
    });

    const rows = await t.db.select().from(memberships).where(eq(memberships.organisationId, s.a.id));
    const of = (userId: string) => rows.find((r) => r.userId === userId)!;
    expect(of(s.matching.id)).toMatchObject({ status: 'verified', decidedVia: 'facilitator', decidedBy: fac.user.id });
    expect(of(s.webmail.id)).toMatchObject({ status: 'rejected', decidedVia: 'facilitator', decidedBy: fac.user.id });

    await t.drainJobs();
    expect(t.smtp.to('agent@ville-a.test').map((m) => m.subject)).toEqual(['Vous êtes membre vérifié de Ville A']);
    expect(t.smtp.to('perso.agent@gmail.com').map((m) => m.subject)).toEqual(["Votre demande d'adhésion à Ville A"]);
    expect(t.smtp.to('perso.agent@gmail.com')[0]!.text).toContain("écrivez à l'équipe d'animation : http://entraide.test/contact");

    const after = (await fac.agent.get('/api/admin/membership-requests')).json();
    expect(after.total).toBe(2);
    expect(after.items.map((i: { requester: { firstName: string } }) => i.requester.firstName)).toEqual(['Odile', 'Tom']);
  });

  it('refuses a bad page number in French', async () => {
    const { agent } = await t.loggedIn({ role: 'facilitator' });
    const res = await agent.get('/api/admin/membership-requests?page=0');
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual({ page: 'Page invalide.' });
  });

  it('points the facilitators’ e-mail about a request nobody can verify yet to the queue', async () => {
    const org = await t.createOrganisation({ name: 'Commune sans membre' });
    await t.createMember({ role: 'facilitator', email: 'animation-file@entraide.test' });
    const requester = await t.loggedIn({ email: 'nouvelle@commune.test' });
    t.smtp.clear();
    await requester.agent.post(`/api/organisations/${org.id}/membership-requests`, { message: 'Bonjour' });
    await t.drainJobs();
    const [mail] = t.smtp.to('animation-file@entraide.test');
    expect(mail!.text).toContain('http://entraide.test/admin/demandes-adhesion');
  });
});

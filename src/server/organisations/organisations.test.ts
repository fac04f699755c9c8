import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { spaserDeclarationHistory } from '../observatory/observatory.service.js';
import { organisations } from './organisations.tables.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

// Expected rows come from @etalab/decoupage-administratif (the fixture seeds départements 69, 2A, 971):
// Lyon 69123 SIREN 216901231; Écully 69081 SIREN 216900811, postcode 69130;
// Sainte-Foy-lès-Lyon 69202 SIREN 216902023; Ajaccio 2A004 SIREN 212000046.
describe('organisation search', () => {
  it('finds a commune by SIREN and by SIRET', async () => {
    const bySiren = (await t.agent().get('/api/organisations?q=216901231')).json();
    expect(bySiren.items[0]).toMatchObject({ name: 'Lyon', siren: '216901231', kind: 'commune', departementCode: '69' });
    const bySiret = (await t.agent().get('/api/organisations?q=21690123100011')).json();
    expect(bySiret.items[0].name).toBe('Lyon');
  });

  it('finds a name typed without accents nor capitals, ranked first', async () => {
    const res = (await t.agent().get(`/api/organisations?q=${encodeURIComponent('sainte foy les lyon')}`)).json();
    expect(res.items[0]).toMatchObject({ name: 'Sainte-Foy-lès-Lyon', siren: '216902023' });
    const ecully = (await t.agent().get('/api/organisations?q=ECULLY')).json();
    expect(ecully.items[0].name).toBe('Écully');
  });

  it('finds a commune by postcode and filters by kind and département', async () => {
    const res = (await t.agent().get('/api/organisations?q=69130')).json();
    expect(res.items.map((i: { name: string }) => i.name)).toContain('Écully');
    const ajaccio = (await t.agent().get('/api/organisations?q=ajaccio&kind=commune&departement=2A')).json();
    expect(ajaccio.items[0]).toMatchObject({ name: 'Ajaccio', siren: '212000046' });
    const none = (await t.agent().get('/api/organisations?q=ajaccio&departement=69')).json();
    expect(none.items.filter((i: { name: string }) => i.name === 'Ajaccio')).toEqual([]);
  });

  it('issue 15, item 3: abbreviations, words in any order, a hospital before the commune of its town', async () => {
    const hospital = await t.createOrganisation({ name: 'Centre hospitalier universitaire de Saint-Étienne', kind: 'hopital' });
    const commune = await t.createOrganisation({ name: 'Saint-Étienne', kind: 'commune' });
    const names = async (q: string) => (await t.agent().get(`/api/organisations?q=${encodeURIComponent(q)}`)).json().items.map((i: { id: string }) => i.id);
    // « chu » and « st » written out: the hospital first, the commune of the same town after it.
    const chu = await names('chu st etienne');
    expect(chu[0]).toBe(hospital.id);
    expect((await names('CHU Saint Etienne'))[0]).toBe(hospital.id);
    expect((await names('ch saint-étienne'))[0]).toBe(hospital.id);
    // Without a hospital word, the commune (exact name) comes first; words in any order find both.
    expect((await names('saint etienne'))[0]).toBe(commune.id);
    expect(await names('etienne saint')).toEqual(expect.arrayContaining([commune.id, hospital.id]));
    expect((await names('ste foy les lyon'))[0]).toBe((await names('216902023'))[0]);
    // « CHU » where the register names a « Centre hospitalier »: the hospitals of the town the other
    // words name, before its commune (which only a spelling-tolerant match would have offered).
    const ch = await t.createOrganisation({ name: 'Centre hospitalier de Villefranche-sur-Saône', kind: 'hopital' });
    const villefranche = await names('chu villefranche sur saone');
    expect(villefranche[0]).toBe(ch.id);
    // SIREN typed with spaces.
    expect((await t.agent().get(`/api/organisations?q=${encodeURIComponent('216 901 231')}`)).json().items[0].name).toBe('Lyon');
  });

  it('issue 15, item 3: the kind filter offers only the kinds the registry holds, each with its number', async () => {
    const kinds = async () => (await t.agent().get('/api/organisations/kinds')).json().kinds as { kind: string; count: number }[];
    // The fixture registry holds communes, EPCI, départements and régions, no social landlord.
    expect((await kinds()).map((k) => k.kind)).not.toContain('bailleur_social');
    await t.createOrganisation({ name: "Office public de l'habitat du Rhône", kind: 'bailleur_social' });
    await t.createOrganisation({ name: 'Lyon Métropole Habitat', kind: 'bailleur_social' });
    expect((await kinds()).find((k) => k.kind === 'bailleur_social')).toEqual({ kind: 'bailleur_social', count: 2 });
    const filtered = (await t.agent().get('/api/organisations?kind=bailleur_social')).json();
    expect([filtered.total, filtered.totalCapped, filtered.items.map((i: { name: string }) => i.name).sort()])
      .toEqual([2, false, ['Lyon Métropole Habitat', "Office public de l'habitat du Rhône"]]);
    // The acronym finds the social landlord written out.
    expect((await t.agent().get('/api/organisations?q=oph%20rhone')).json().items[0].name).toBe("Office public de l'habitat du Rhône");
  });

  it('issue 15, item 3: a typo is tolerated when no name holds the words typed; totals beyond 1 000 say so', async () => {
    // « Villeurbane » (one n): no name contains it, the closest names come instead.
    const typo = (await t.agent().get('/api/organisations?q=villeurbane')).json();
    expect(typo.items[0].name).toBe('Villeurbanne');
    // 1 005 syndicats whose names hold the query: the page holds 20, the total stops at 1 000.
    await t.db.execute(sql`INSERT INTO organisations (name, kind, source, created_at, updated_at)
      SELECT 'Syndicat des eaux du bassin n° ' || n, 'syndicat', 'test', now(), now() FROM generate_series(1, 1005) AS n`);
    const many = (await t.agent().get(`/api/organisations?q=${encodeURIComponent('syndicat des eaux du bassin')}`)).json();
    expect([many.items.length, many.total, many.totalCapped]).toEqual([20, 1000, true]);
    const page2 = (await t.agent().get(`/api/organisations?q=${encodeURIComponent('syndicat des eaux du bassin')}&page=2`)).json();
    expect([page2.items.length, page2.total, page2.totalCapped]).toEqual([20, 1000, true]);
    expect(page2.items[0].id).not.toBe(many.items[0].id);
    // A narrower query counts exactly: « n° 100 » is in 100 and 1000–1005 (7 names).
    const narrow = (await t.agent().get(`/api/organisations?q=${encodeURIComponent('syndicat des eaux du bassin n° 100')}`)).json();
    expect([narrow.total, narrow.totalCapped]).toEqual([7, false]);
  });

  it('validates the query with French messages', async () => {
    for (const q of ['?!…', '---', ' .;, ']) {
      const res = await t.agent().get(`/api/organisations?q=${encodeURIComponent(q)}`);
      expect([q, res.statusCode, res.json().fields?.q]).toEqual([q, 400, 'Saisissez au moins une lettre ou un chiffre.']);
    }
    expect((await t.agent().get(`/api/organisations?q=${'a'.repeat(2000)}`)).json().fields.q).toBe('La recherche ne peut dépasser 100 caractères.');
    expect((await t.agent().get(`/api/organisations?q=lyon%00`)).statusCode).toBe(400);
    const res = await t.agent().get('/api/organisations?kind=planete');
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.kind).toBe("Type d'organisation inconnu.");
  });
});

describe('organisation page and obligation', () => {
  it('computes the obligation at a given date for a commune, a hospital and a State service', async () => {
    const commune = await t.createOrganisation({ kind: 'commune', declaredYearlyPurchases: 80_000_000 });
    const hospital = await t.createOrganisation({ kind: 'hopital', declaredYearlyPurchases: 80_000_000 });
    const state = await t.createOrganisation({ kind: 'etat', declaredYearlyPurchases: 80_000_000 });
    const at = async (id: string, date: string) => (await t.agent().get(`/api/organisations/${id}?date=${date}`)).json().obligation.status;
    expect(await at(commune.id, '2022-12-31')).toBe('not_concerned');
    expect(await at(commune.id, '2023-01-01')).toBe('concerned');
    expect(await at(hospital.id, '2023-10-24')).toBe('not_concerned');
    expect(await at(hospital.id, '2023-10-25')).toBe('concerned');
    expect(await at(state.id, '2023-01-02')).toBe('not_concerned');
    expect(await at(state.id, '2023-10-25')).toBe('concerned');
    const bad = await t.agent().get(`/api/organisations/${commune.id}?date=2023-13-45`);
    expect(bad.statusCode).toBe(400);
  });

  it('shows member names only to verified members, and never e-mails', async () => {
    const org = await t.createOrganisation();
    const m = await t.createMember({ verifiedIn: [org.id], firstName: 'Noémie', lastName: 'Visible' });
    await t.createMember({ verifiedIn: [org.id], firstName: 'Hugo', lastName: 'Cache', directoryVisibility: 'hidden' });
    const anon = (await t.agent().get(`/api/organisations/${org.id}`)).json();
    expect(anon.membersCount).toBe(2);
    expect(anon.members).toEqual([]);
    expect(anon.can).toMatchObject({ edit: false, requestMembership: false });
    const { agent } = await t.loggedIn({ verifiedIn: [(await t.createOrganisation()).id] });
    const seen = (await agent.get(`/api/organisations/${org.id}`)).json();
    expect(seen.members.map((x: { lastName: string }) => x.lastName)).toEqual(['Visible']);
    expect(JSON.stringify(seen)).not.toContain(m.email);
  });

  it('lets a verified member declare yearly purchases and SPASER status; refuses bad values', async () => {
    const org = await t.createOrganisation({ kind: 'departement' });
    const { agent } = await t.loggedIn({ verifiedIn: [org.id] });
    const res = await agent.patch(`/api/organisations/${org.id}`, { declaredYearlyPurchases: 75_000_000, declaredPurchasesYear: 2025, spaserStatus: 'adopted', spaserUrl: 'https://exemple.fr/spaser.pdf', spaserAdoptedOn: '2025-06-30' });
    expect(res.statusCode).toBe(200);
    const page = (await agent.get(`/api/organisations/${org.id}?date=2026-01-01`)).json();
    expect(page).toMatchObject({ declaredYearlyPurchases: 75_000_000, spaserStatus: 'adopted', spaserAdoptedOn: '2025-06-30', can: { edit: true } });
    expect(page.obligation.status).toBe('concerned');
    const bad = await agent.patch(`/api/organisations/${org.id}`, { declaredYearlyPurchases: -5, spaserUrl: 'javascript:alert(1)' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toMatchObject({ declaredYearlyPurchases: 'Le montant ne peut être négatif.' });
    expect(bad.json().fields.spaserUrl).toBeDefined();
    expect((await agent.get(`/api/organisations/${org.id}`)).json().declaredYearlyPurchases).toBe(75_000_000);
  });
});

describe('SPASER adoption through the organisation form (PATCH)', () => {
  it("a member's adoption goes to the declarations history, with who declared it; the status follows", async () => {
    t.clock.set(new Date('2026-06-01T10:00:00Z'));
    const org = await t.createOrganisation();
    const { user, agent } = await t.loggedIn({ verifiedIn: [org.id] });
    const adopt = { spaserStatus: 'adopted', spaserUrl: 'https://exemple.fr/spaser-2025.pdf', spaserAdoptedOn: '2025-06-30' };
    expect((await agent.patch(`/api/organisations/${org.id}`, adopt)).statusCode).toBe(200);
    let history = await spaserDeclarationHistory(t.deps, org.id);
    expect(history.map((h) => [h.url, h.adoptedOn, h.declaredBy])).toEqual([['https://exemple.fr/spaser-2025.pdf', '2025-06-30', user.id]]);
    expect((await t.agent().get(`/api/organisations/${org.id}`)).json()).toMatchObject({ spaserStatus: 'adopted', spaserUrl: 'https://exemple.fr/spaser-2025.pdf', spaserAdoptedOn: '2025-06-30' });

    // Saving the form again (other fields, same adoption) adds nothing to the history.
    expect((await agent.patch(`/api/organisations/${org.id}`, { ...adopt, declaredYearlyPurchases: 60_000_000 })).statusCode).toBe(200);
    expect((await agent.patch(`/api/organisations/${org.id}`, { spaserStatus: 'adopted', declaredPurchasesYear: 2025 })).statusCode).toBe(200);
    expect(await spaserDeclarationHistory(t.deps, org.id)).toHaveLength(1);

    // A new adoption (a revised schéma) is a second declaration, newest first.
    t.clock.set(new Date('2026-06-01T10:05:00Z'));
    expect((await agent.patch(`/api/organisations/${org.id}`, { spaserUrl: 'https://exemple.fr/spaser-2026.pdf', spaserAdoptedOn: '2026-05-20' })).statusCode).toBe(200);
    history = await spaserDeclarationHistory(t.deps, org.id);
    expect(history.map((h) => h.url)).toEqual(['https://exemple.fr/spaser-2026.pdf', 'https://exemple.fr/spaser-2025.pdf']);

    // Another status: the organisation no longer shows the URL and date; the history keeps them.
    expect((await agent.patch(`/api/organisations/${org.id}`, { spaserStatus: 'in_preparation' })).statusCode).toBe(200);
    expect((await t.agent().get(`/api/organisations/${org.id}`)).json()).toMatchObject({ spaserStatus: 'in_preparation', spaserUrl: null, spaserAdoptedOn: null });
    expect(await spaserDeclarationHistory(t.deps, org.id)).toHaveLength(2);
  });

  it('an incomplete or impossible adoption is refused per field in French and changes nothing', async () => {
    t.clock.set(new Date('2026-06-01T10:00:00Z'));
    const org = await t.createOrganisation();
    const { agent } = await t.loggedIn({ verifiedIn: [org.id] });
    const none = await agent.patch(`/api/organisations/${org.id}`, { spaserStatus: 'adopted', declaredYearlyPurchases: 1_000 });
    expect(none.statusCode).toBe(400);
    expect(none.json().fields).toEqual({ spaserUrl: "Indiquez l'adresse web du SPASER adopté.", spaserAdoptedOn: "Indiquez la date d'adoption du SPASER." });
    const future = await agent.patch(`/api/organisations/${org.id}`, { spaserStatus: 'adopted', spaserUrl: 'https://exemple.fr/s.pdf', spaserAdoptedOn: '2026-06-02' });
    expect(future.json().fields).toEqual({ spaserAdoptedOn: "La date d'adoption ne peut être dans le futur." });
    const other = await agent.patch(`/api/organisations/${org.id}`, { spaserStatus: 'none', spaserUrl: 'https://exemple.fr/s.pdf' });
    expect(other.json().fields).toEqual({ spaserUrl: "L'adresse du SPASER ne s'indique que pour un SPASER adopté." });
    expect((await t.agent().get(`/api/organisations/${org.id}`)).json()).toMatchObject({ spaserStatus: 'unknown', spaserUrl: null, declaredYearlyPurchases: null });
    expect(await spaserDeclarationHistory(t.deps, org.id)).toEqual([]);
  });
});

describe('verified membership', () => {
  it('goes from request to approval by a verified colleague, with e-mails both ways', async () => {
    const org = await t.createOrganisation({ name: 'Commune de Belleville-Test' });
    const colleague = await t.loggedIn({ verifiedIn: [org.id], email: 'referente@belleville.test' });
    const { user, agent } = await t.loggedIn({ email: 'nouveau@belleville.test', firstName: 'Théo' });

    // Before approval: no acting for the organisation, no directory.
    expect((await agent.patch(`/api/organisations/${org.id}`, { spaserStatus: 'none' })).statusCode).toBe(403);
    expect((await agent.get('/api/members')).json().error).toBe('NOT_VERIFIED_MEMBER');

    const ask = await agent.post(`/api/organisations/${org.id}/membership-requests`, { message: 'Je suis le nouvel acheteur.' });
    expect(ask.statusCode).toBe(201);
    expect(ask.json()).toMatchObject({ status: 'pending', decidedVia: null });
    expect((await agent.post(`/api/organisations/${org.id}/membership-requests`, {})).json().error).toBe('ALREADY_PENDING');

    await t.drainJobs();
    const [notice] = t.smtp.to('referente@belleville.test');
    expect(notice!.subject).toBe("Demande d'adhésion à Commune de Belleville-Test sur Entraide");
    expect(notice!.text).toContain('Théo');

    const list = (await colleague.agent.get(`/api/organisations/${org.id}/membership-requests`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ email: 'nouveau@belleville.test', message: 'Je suis le nouvel acheteur.' });
    const decide = await colleague.agent.post(`/api/organisations/${org.id}/membership-requests/${list.items[0].id}/decision`, { decision: 'approve' });
    expect(decide.statusCode).toBe(200);
    expect((await colleague.agent.post(`/api/organisations/${org.id}/membership-requests/${list.items[0].id}/decision`, { decision: 'reject' })).json().error).toBe('REQUEST_NOT_PENDING');

    await t.drainJobs();
    expect(t.smtp.to(user.email).map((m) => m.subject)).toContain('Vous êtes membre vérifié de Commune de Belleville-Test');
    expect((await agent.get('/api/me')).json()).toMatchObject({ verified: true, memberships: [{ organisationId: org.id, status: 'verified' }] });
    expect((await agent.patch(`/api/organisations/${org.id}`, { spaserStatus: 'in_preparation' })).statusCode).toBe(200);
  });

  it('verifies at once when the e-mail domain is declared by a facilitator', async () => {
    const org = await t.createOrganisation();
    const fac = await t.loggedIn({ role: 'facilitator' });
    expect((await fac.agent.post(`/api/organisations/${org.id}/domains`, { domain: 'Mairie-Exemple.test' })).statusCode).toBe(201);
    expect((await fac.agent.post(`/api/organisations/${org.id}/domains`, { domain: 'gmail.com' })).json().error).toBe('PUBLIC_MAIL_DOMAIN');
    const { agent } = await t.loggedIn({ email: 'agent@mairie-exemple.test' });
    const res = await agent.post(`/api/organisations/${org.id}/membership-requests`, {});
    expect(res.json()).toMatchObject({ status: 'verified', decidedVia: 'domain' });
    const other = await t.loggedIn({ email: 'fournisseur@entreprise.test' });
    expect((await other.agent.post(`/api/organisations/${org.id}/membership-requests`, {})).json().status).toBe('pending');
  });

  it('never lets a request of one organisation be decided through another (no IDOR)', async () => {
    const orgA = await t.createOrganisation();
    const orgB = await t.createOrganisation();
    const memberA = await t.loggedIn({ verifiedIn: [orgA.id] });
    const requester = await t.loggedIn();
    const ask = (await requester.agent.post(`/api/organisations/${orgB.id}/membership-requests`, {})).json();
    // A verified member of A names B's request under A's URL: not found, nothing changes.
    const res = await memberA.agent.post(`/api/organisations/${orgA.id}/membership-requests/${ask.id}/decision`, { decision: 'approve' });
    expect(res.statusCode).toBe(404);
    expect((await memberA.agent.post(`/api/organisations/${orgB.id}/membership-requests/${ask.id}/decision`, { decision: 'approve' })).statusCode).toBe(403);
    expect((await requester.agent.get('/api/me')).json().memberships[0].status).toBe('pending');
  });

  it('lets a facilitator decide when the organisation has no verified member yet', async () => {
    const org = await t.createOrganisation({ name: 'Syndicat sans membre' });
    await t.createMember({ role: 'facilitator', email: 'animatrice@entraide.test' });
    const requester = await t.loggedIn();
    await requester.agent.post(`/api/organisations/${org.id}/membership-requests`, {});
    await t.drainJobs();
    expect(t.smtp.to('animatrice@entraide.test').map((m) => m.subject)).toContain("Demande d'adhésion à Syndicat sans membre sur Entraide");
  });
});

describe('admin: buyers by SIREN', () => {
  it('adds a hospital by SIREN, refuses an invalid or duplicate SIREN', async () => {
    const { agent } = await t.loggedIn({ role: 'admin' });
    // Luhn by hand, doubling every second digit from the right: 264500018 → 8+2+0+0+0+1+4+3+2 = 20 (valid); 264500017 → 19 (invalid).
    const res = await agent.post('/api/admin/organisations', { siren: '264 500 018', name: 'Centre hospitalier de Test', kind: 'hopital', departementCode: '69' });
    expect(res.statusCode).toBe(201);
    const page = (await agent.get(`/api/organisations/${res.json().id}`)).json();
    expect(page).toMatchObject({ siren: '264500018', kind: 'hopital', regionCode: '84', departementName: 'Rhône' });
    const bad = await agent.post('/api/admin/organisations', { siren: '264500017', name: 'X', kind: 'hopital' });
    expect(bad.json().fields.siren).toBe("Ce SIREN n'est pas valide (clé de contrôle incorrecte).");
    const dup = await agent.post('/api/admin/organisations', { siren: '264500018', name: 'Doublon', kind: 'hopital' });
    expect(dup.statusCode).toBe(409);
  });

  it('lists and completes organisations whose SIREN is missing', async () => {
    const org = await t.createOrganisation({ name: 'Département sans SIREN', kind: 'departement' });
    const { agent } = await t.loggedIn({ role: 'admin' });
    const list = (await agent.get('/api/admin/organisations?sirenToComplete=true&q=sans%20siren')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(org.id);
    expect((await agent.put(`/api/admin/organisations/${org.id}/siren`, { siren: '216901231' })).json().error).toBe('SIREN_TAKEN');
    expect((await agent.put(`/api/admin/organisations/${org.id}/siren`, { siren: '210100012' })).json()).toEqual({ ok: true });
  });

  it('issue 21: filters the organisations « à vérifier » (created from an unknown SIREN of ProConnect), with their count; a checked one leaves the list', async () => {
    const flagged = [await t.createOrganisation({ name: 'Organisation à vérifier (SIREN 130025265)', kind: 'autre' }), await t.createOrganisation({ kind: 'autre' })];
    const plain = await t.createOrganisation({ kind: 'autre' });
    for (const o of flagged) await t.db.update(organisations).set({ needsReview: true, source: 'proconnect' }).where(eq(organisations.id, o.id));
    const { agent } = await t.loggedIn({ role: 'admin' });
    const expected = Number((await t.db.select({ n: count() }).from(organisations).where(eq(organisations.needsReview, true)))[0]!.n);
    const list = (await agent.get('/api/admin/organisations?needsReview=true')).json();
    expect(list.total).toBe(expected);
    const ids = list.items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining(flagged.map((o) => o.id)));
    expect(ids).not.toContain(plain.id);
    // Combined with a search, as the other filters are.
    expect((await agent.get(`/api/admin/organisations?needsReview=true&q=${encodeURIComponent('à vérifier')}`)).json().items.map((i: { id: string }) => i.id)).toContain(flagged[0]!.id);
    // Checked by an admin: no longer « à vérifier ».
    expect((await agent.put(`/api/admin/organisations/${flagged[0]!.id}/review`, { name: 'Direction interministérielle du numérique', kind: 'etat' })).statusCode).toBe(200);
    const after = (await agent.get('/api/admin/organisations?needsReview=true')).json();
    expect(after.total).toBe(expected - 1);
    expect(after.items.map((i: { id: string }) => i.id)).not.toContain(flagged[0]!.id);
    // A bad value of the filter is refused, in French; only admins see the list.
    expect((await agent.get('/api/admin/organisations?needsReview=oui')).statusCode).toBe(400);
    const { agent: facilitator } = await t.loggedIn({ role: 'facilitator' });
    expect((await facilitator.get('/api/admin/organisations?needsReview=true')).statusCode).toBe(403);
  });
});

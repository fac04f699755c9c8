import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { writeDecpFile, type Rec } from '../../../tests/helpers/decp.js';
import { organisations } from '../organisations/organisations.tables.js';
import { importDecpFiles } from '../procurement/import/import.service.js';
import { estimatePurchases } from '../procurement/indicators/estimate.service.js';
import { spaserDeclarations } from './observatory.tables.js';
import { isSimilar, peerGroup, sizeBand, sizeBandLabel } from './similar.js';

/*
 * A hand-built set of buyers (every record: 12 months from its notification date):
 *  A 100000001 commune, région 84 — 2024: A1 3 M€ social+ env−, CPV 45 travaux, AO ouvert;
 *    A2 2 M€ social− env+, CPV 79 services; A3 1 M€ nothing said (unknown/unknown), CPV 30 fournitures;
 *    A4 1 € (placeholder, left out of sums) social+ env+, CPV 45; concession AC 10 M€ social− env+.
 *    2023: A5 0,5 M€ social+ env+.
 *  B 200000002 commune 84 — 2024: B1 8 M€ social+ env+, B2 4 M€ social− env−  (12 M€: band 5–20 M€)
 *  C 300000003 commune 53 — 2024: C1 30 M€ social− env+                         (band 20–50 M€)
 *  D 400000004 EPCI 84    — 2024: D1 7 M€ social+ env+                          (other kind)
 *  E 500000005 commune 11 — 2024: E1 5 M€ social− env−                          (5 M€: the band's lower bound)
 *  F 600000006 not in the registry — 2024: F1 100 M€, no considerations given.
 * A's 2024 notified marchés: 3 + 2 + 1 = 6 M€ (A4 excluded) → band 5–20 M€; peers: B and E.
 */
const P = ['Pas de considération sociale'];
const PE = ['Pas de considération environnementale'];
const records: Rec[] = [
  { id: 'A1', siret: '10000000100011', date: '2024-01-10', amount: 3_000_000, cpv: '45000000', procedure: "Appel d'offres ouvert", social: ['Clause sociale'], env: PE },
  { id: 'A2', siret: '10000000100011', date: '2024-01-10', amount: 2_000_000, cpv: '79000000', social: P, env: ['Clause environnementale'] },
  { id: 'A3', siret: '10000000100029', date: '2024-01-10', amount: 1_000_000, cpv: '30000000' },
  { id: 'A4', siret: '10000000100011', date: '2024-01-10', amount: 1, cpv: '45000000', social: ['Critère social'], env: ['Critère environnemental'] },
  { id: 'AC', siret: '10000000100011', date: '2024-05-02', amount: 10_000_000, social: P, env: ['Clause environnementale'], concession: true },
  { id: 'A5', siret: '10000000100011', date: '2023-01-10', amount: 500_000, social: ['Clause sociale'], env: ['Clause environnementale'] },
  { id: 'B1', siret: '20000000200012', date: '2024-02-01', amount: 8_000_000, social: ['Marché réservé'], env: ['Clause environnementale'] },
  { id: 'B2', siret: '20000000200012', date: '2024-02-01', amount: 4_000_000, social: P, env: PE },
  { id: 'C1', siret: '30000000300013', date: '2024-03-01', amount: 30_000_000, social: P, env: ['Clause environnementale'] },
  { id: 'D1', siret: '40000000400014', date: '2024-03-01', amount: 7_000_000, social: ['Clause sociale'], env: ['Clause environnementale'] },
  { id: 'E1', siret: '50000000500015', date: '2024-01-05', amount: 5_000_000, social: P, env: PE },
  { id: 'F1', siret: '60000000600016', date: '2024-01-15', amount: 100_000_000 },
];

let t: TestContext;
const org: Record<'A' | 'B' | 'C' | 'D' | 'E', string> = {} as never;
let importedBetween: [number, number];
beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
  org.A = (await t.createOrganisation({ name: 'Commune A', siren: '100000001', regionCode: '84', departementCode: '69' })).id;
  org.B = (await t.createOrganisation({ name: 'Commune B', siren: '200000002', regionCode: '84', departementCode: '69' })).id;
  org.C = (await t.createOrganisation({ name: 'Commune C', siren: '300000003', regionCode: '53', departementCode: '35' })).id;
  org.D = (await t.createOrganisation({ name: 'Communauté D', kind: 'epci', siren: '400000004', regionCode: '84', departementCode: '69' })).id;
  org.E = (await t.createOrganisation({ name: 'Commune E', siren: '500000005', regionCode: '11', departementCode: '75' })).id;
  const before = t.clock.now().getTime();
  const report = await importDecpFiles(t.deps, [writeDecpFile(records)]);
  importedBetween = [before, t.clock.now().getTime()];
  expect(report).toMatchObject({ read: 12, imported: 12, rejected: 0, errors: [] });
});
afterAll(() => t?.close());

const sp = (positive: number, negative: number, unknown: number) => ({ positive, negative, unknown });
// The amounts in value by consideration are checked in procurement.test.ts; here the totals.
const totals = (a: { total: number; excluded: number }) => ({ total: a.total, excluded: a.excluded });

describe('similar organisations (the one definition)', () => {
  it('bands: a bound belongs to the band above it', () => {
    expect([0, 999_999.99, 1_000_000, 4_999_999, 5_000_000, 49_999_999, 50_000_000, 150_000_000, 2e9].map(sizeBand)).toEqual([0, 0, 1, 1, 2, 3, 4, 5, 6]);
    expect(sizeBandLabel(0)).toBe('moins de 1 M€');
    expect(sizeBandLabel(2)).toBe('de 5 M€ à 20 M€');
    expect(sizeBandLabel(6)).toBe('500 M€ et plus');
    expect(isSimilar({ kind: 'commune', yearlyPurchases: 6e6 }, { kind: 'commune', yearlyPurchases: 12e6 })).toBe(true);
    expect(isSimilar({ kind: 'commune', yearlyPurchases: 6e6 }, { kind: 'epci', yearlyPurchases: 7e6 })).toBe(false);
    expect(isSimilar({ kind: 'commune', yearlyPurchases: 6e6 }, { kind: 'commune', yearlyPurchases: 30e6 })).toBe(false);
  });

  it('peer group of a hand-built set: same kind, same band that year, itself excluded', async () => {
    expect(await peerGroup(t.deps, { siren: '100000001', kind: 'commune', year: 2024 })).toEqual({ band: 2, sirens: ['200000002', '500000005'] });
    // 2023: A alone (0,5 M€); 2022: no marché at all.
    expect(await peerGroup(t.deps, { siren: '100000001', kind: 'commune', year: 2023 })).toEqual({ band: 0, sirens: [] });
    expect(await peerGroup(t.deps, { siren: '100000001', kind: 'commune', year: 2022 })).toEqual({ band: null, sirens: [] });
  });
});

describe("an organisation's indicators", () => {
  it('year by year, kinds apart, shares, breakdowns and the peers’ figures (public)', async () => {
    const res = await t.agent().get(`/api/organisations/${org.A}/decp-indicators`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.siren).toBe('100000001');
    expect(body.source).toBe('DECP, data.gouv.fr');
    const at = new Date(body.importedAt).getTime();
    expect(at).toBeGreaterThanOrEqual(importedBetween[0]);
    expect(at).toBeLessThanOrEqual(importedBetween[1]);
    expect(body.rows.map((r: any) => [r.kind, r.year, r.contracts, r.social, r.environmental, totals(r.amount)])).toEqual([
      ['marche', 2023, 1, sp(1, 0, 0), sp(1, 0, 0), { total: 500_000, excluded: 0 }],
      ['marche', 2024, 4, sp(2, 1, 1), sp(2, 1, 1), { total: 6_000_000, excluded: 1 }],
      ['concession', 2024, 1, sp(0, 1, 0), sp(1, 0, 0), { total: 10_000_000, excluded: 0 }],
    ]);
    // 2024 marchés: 2 positive of 4 (PNAD view), 2 of 3 informed, 3 of 4 informed.
    expect(body.rows[1].shares.social).toEqual({ ofAll: 0.5, ofInformed: 0.6667, completeness: 0.75 });
    expect(body.breakdownYear).toBe(2024);
    const m = body.breakdowns.find((b: any) => b.kind === 'marche');
    expect(m.purchaseType.map((r: any) => [r.key, r.contracts, r.amount, r.excluded])).toEqual([
      ['travaux', 2, 3_000_000, 1],
      ['fournitures', 1, 1_000_000, 0],
      ['services', 1, 2_000_000, 0],
    ]);
    expect(m.cpvDivision.map((r: any) => [r.key, r.contracts])).toEqual([['45', 2], ['30', 1], ['79', 1]]);
    expect(m.procedure.map((r: any) => [r.key, r.contracts])).toEqual([['Procédure adaptée', 3], ["Appel d'offres ouvert", 1]]);
    // Peers in 2024: B (B1 +/+, B2 −/−) and E (E1 −/−): 3 marchés, 1 social and 1 environmental positive.
    expect(body.peers.definition).toMatch(/même type d'organisation/);
    expect(body.peers.years).toEqual([
      { year: 2023, band: 0, bandLabel: 'moins de 1 M€', peers: 0, contracts: 0, social: sp(0, 0, 0), environmental: sp(0, 0, 0), socialShare: null, environmentalShare: null },
      { year: 2024, band: 2, bandLabel: 'de 5 M€ à 20 M€', peers: 2, contracts: 3, social: sp(1, 2, 0), environmental: sp(1, 2, 0), socialShare: 0.3333, environmentalShare: 0.3333 },
    ]);
    expect(body.can).toEqual({ declareSpaser: false, readInternalApi: false });
  });

  it('an organisation without SIREN has no figures; an unknown one is a 404', async () => {
    const none = await t.createOrganisation({ name: 'Sans SIREN' });
    const res = await t.agent().get(`/api/organisations/${none.id}/decp-indicators`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ siren: null, rows: [], breakdowns: [], importedAt: null });
    expect((await t.agent().get('/api/organisations/00000000-0000-4000-8000-000000000000/decp-indicators')).statusCode).toBe(404);
  });
});

describe('internal API of the SPASER builder', () => {
  it('gives value, numerator, denominator, source and import date to members of the organisation and facilitators', async () => {
    const { agent } = await t.loggedIn({ verifiedIn: [org.A] });
    const res = await agent.get(`/api/organisations/${org.A}/decp-indicators/social_share?year=2024`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ siren: '100000001', indicator: 'social_share', kind: 'marche', year: 2024, unit: 'share', value: 0.5, numerator: 2, denominator: 4, source: 'DECP, data.gouv.fr' });
    expect(new Date(body.importedAt).getTime()).toBeGreaterThanOrEqual(importedBetween[0]);
    const staff = (await t.loggedIn({ role: 'facilitator' })).agent;
    expect((await staff.get(`/api/organisations/${org.A}/decp-indicators/environmental_share_informed?year=2024`)).json()).toMatchObject({ value: 0.6667, numerator: 2, denominator: 3 });
    expect((await staff.get(`/api/organisations/${org.A}/decp-indicators/amount?year=2024&kind=concession`)).json()).toMatchObject({ unit: 'euros', value: 10_000_000, denominator: null });
    // A year without contracts: no value, and no import to date it from.
    expect((await staff.get(`/api/organisations/${org.A}/decp-indicators/social_share?year=2021`)).json()).toMatchObject({ value: null, numerator: 0, denominator: 0, importedAt: null });
  });

  it('refuses visitors, members of another organisation, and bad input in French', async () => {
    expect((await t.agent().get(`/api/organisations/${org.A}/decp-indicators/social_share?year=2024`)).statusCode).toBe(401);
    const other = (await t.loggedIn({ verifiedIn: [org.B] })).agent;
    expect((await other.get(`/api/organisations/${org.A}/decp-indicators/social_share?year=2024`)).statusCode).toBe(403);
    const { agent } = await t.loggedIn({ verifiedIn: [org.A] });
    const bad = await agent.get(`/api/organisations/${org.A}/decp-indicators/bonheur?year=deux`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toMatchObject({ indicator: 'Indicateur inconnu.' });
    expect((await agent.get(`/api/organisations/${org.A}/decp-indicators/social_share`)).json().fields).toHaveProperty('year');
  });
});

describe('observatory (public)', () => {
  it('national shares per year, marchés and concessions apart', async () => {
    const res = await t.agent().get('/api/observatory/national');
    expect(res.statusCode).toBe(200);
    // 2024 marchés: A1–A4, B1, B2, C1, D1, E1, F1 = 10; social + A1 A4 B1 D1, − A2 B2 C1 E1, ? A3 F1.
    expect(res.json().rows.map((r: any) => [r.kind, r.year, r.contracts, r.social, r.environmental, totals(r.amount), r.shares.social.ofAll, r.shares.environmental.ofAll])).toEqual([
      ['marche', 2023, 1, sp(1, 0, 0), sp(1, 0, 0), { total: 500_000, excluded: 0 }, 1, 1],
      ['marche', 2024, 10, sp(4, 4, 2), sp(5, 3, 2), { total: 160_000_000, excluded: 1 }, 0.4, 0.5],
      ['concession', 2024, 1, sp(0, 1, 0), sp(1, 0, 0), { total: 10_000_000, excluded: 0 }, 0, 1],
    ]);
  });

  it('régions and départements per year; buyers outside the registry are counted apart', async () => {
    const res = await t.agent().get('/api/observatory/territories?level=region');
    const body = res.json();
    expect(body.years).toEqual([2023, 2024]);
    expect(body.unattributed).toBe(1);
    expect(body.rows.map((r: any) => [r.code, r.year, r.contracts, r.social, r.environmental, r.socialShare, r.environmentalShare])).toEqual([
      ['11', 2024, 1, sp(0, 1, 0), sp(0, 1, 0), 0, 0],
      ['53', 2024, 1, sp(0, 1, 0), sp(1, 0, 0), 0, 1],
      ['84', 2023, 1, sp(1, 0, 0), sp(1, 0, 0), 1, 1],
      // A1–A4, B1, B2, D1: social + A1 A4 B1 D1, − A2 B2, ? A3 → 4/7.
      ['84', 2024, 7, sp(4, 2, 1), sp(4, 2, 1), 0.5714, 0.5714],
    ]);
    const dep = (await t.agent().get('/api/observatory/territories?level=departement')).json();
    expect(dep.rows.map((r: any) => [r.code, r.year, r.contracts])).toEqual([['35', 2024, 1], ['69', 2023, 1], ['69', 2024, 7], ['75', 2024, 1]]);
    expect((await t.agent().get('/api/observatory/territories?level=commune')).statusCode).toBe(400);
  });

  it('buyers likely subject (and uncertain) with their SPASER status, the same estimate as the per-buyer one', async () => {
    // F: 100 M€ notified, 100 M€ over its 12 months in 2024 → both above 62,5 M€: likely above.
    // C: 30 M€ notified 1 March for 12 months → 10 months in 2024 = 25 M€: between 25 and 62,5 M€, uncertain. A: 2 amounts left out of 8 counted → uncertain.
    // B 12 M€, D 7 M€, E 5 M€: likely below, not listed.
    const res = await t.agent().get('/api/observatory/buyers');
    const body = res.json();
    expect(body).toMatchObject({ year: 2024, years: [2023, 2024], threshold: 50_000_000, counts: { likely_above: 1, uncertain: 2 }, total: 3 });
    expect(body.items.map((b: any) => [b.siren, b.name, b.status, b.notifiedAmount, b.annualisedAmount, b.spaserStatus])).toEqual([
      // F is known only from procurement data: an organisation named by SIREN (issue 15, item 2).
      ['600000006', 'Acheteur 600 000 006', 'likely_above', 100_000_000, 100_000_000, 'unknown'],
      ['300000003', 'Commune C', 'uncertain', 30_000_000, 25_000_000, 'unknown'],
      ['100000001', 'Commune A', 'uncertain', 6_000_000, 6_000_000, 'unknown'],
    ]);
    for (const b of body.items) {
      const one = await estimatePurchases(t.deps, b.siren, 2024);
      expect([one.status, one.notified.amount, one.annualised.amount]).toEqual([b.status, b.notifiedAmount, b.annualisedAmount]);
    }
    expect((await t.agent().get('/api/observatory/buyers?status=likely_above')).json().items.map((b: any) => b.siren)).toEqual(['600000006']);
    expect((await t.agent().get('/api/observatory/buyers?status=likely_below')).statusCode).toBe(400);
  });
});

describe('SPASER adopted outside the platform', () => {
  it('a verified member declares it; the list shows it', async () => {
    const { agent } = await t.loggedIn({ verifiedIn: [org.C] });
    const res = await agent.post(`/api/organisations/${org.C}/spaser-declaration`, { url: 'https://commune-c.example/spaser.pdf', adoptedOn: '2025-03-14' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ spaserStatus: 'adopted', spaserUrl: 'https://commune-c.example/spaser.pdf', spaserAdoptedOn: '2025-03-14' });
    const list = (await t.agent().get('/api/observatory/buyers?status=uncertain')).json();
    expect(list.items[0]).toMatchObject({ siren: '300000003', spaserStatus: 'adopted', spaserUrl: 'https://commune-c.example/spaser.pdf', spaserAdoptedOn: '2025-03-14' });
    const history = await t.db.select().from(spaserDeclarations).where(eq(spaserDeclarations.organisationId, org.C));
    expect(history.map((h) => [h.url, h.adoptedOn])).toEqual([['https://commune-c.example/spaser.pdf', '2025-03-14']]);
  });

  it('a facilitator may declare it for any organisation', async () => {
    const staff = (await t.loggedIn({ role: 'facilitator' })).agent;
    expect((await staff.post(`/api/organisations/${org.D}/spaser-declaration`, { url: 'http://d.example/schema', adoptedOn: '2024-12-01' })).statusCode).toBe(200);
  });

  it('only verified members of that organisation or facilitators; bad input changes nothing', async () => {
    const body = { url: 'https://a.example/spaser', adoptedOn: '2025-01-01' };
    expect((await t.agent().post(`/api/organisations/${org.A}/spaser-declaration`, body)).statusCode).toBe(401);
    expect((await (await t.loggedIn({ verifiedIn: [org.B] })).agent.post(`/api/organisations/${org.A}/spaser-declaration`, body)).statusCode).toBe(403);
    expect((await (await t.loggedIn({ pendingIn: [org.A] })).agent.post(`/api/organisations/${org.A}/spaser-declaration`, body)).statusCode).toBe(403);
    const { agent } = await t.loggedIn({ verifiedIn: [org.A] });
    const bad = await agent.post(`/api/organisations/${org.A}/spaser-declaration`, { url: 'ftp://a.example/x', adoptedOn: '14/03/2025' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual({ url: 'Adresse web invalide (https://…).', adoptedOn: "Date d'adoption invalide (AAAA-MM-JJ)." });
    // The platform clock is 1 June 2026.
    const future = await agent.post(`/api/organisations/${org.A}/spaser-declaration`, { ...body, adoptedOn: '2026-06-02' });
    expect(future.statusCode).toBe(400);
    expect(future.json().fields).toEqual({ adoptedOn: "La date d'adoption ne peut être dans le futur." });
    const early = await agent.post(`/api/organisations/${org.A}/spaser-declaration`, { ...body, adoptedOn: '2014-07-30' });
    expect(early.json().fields.adoptedOn).toMatch(/31 juillet 2014/);
    const [a] = await t.db.select().from(organisations).where(eq(organisations.id, org.A));
    expect((await t.agent().get(`/api/organisations/${org.A}`)).json()).toMatchObject({ spaserStatus: 'unknown', spaserUrl: null, spaserAdoptedOn: null });
    expect(await t.db.select().from(spaserDeclarations).where(eq(spaserDeclarations.organisationId, org.A))).toEqual([]);
    // Today is accepted.
    expect((await agent.post(`/api/organisations/${org.A}/spaser-declaration`, { ...body, adoptedOn: '2026-06-01' })).statusCode).toBe(200);
  });
});

describe('exports', () => {
  it('CSV: UTF-8 with a BOM, semicolons, shares in percent with a decimal comma', async () => {
    const res = await t.agent().get('/api/observatory/exports/regions?format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="observatoire-regions.csv"');
    const raw = (res as unknown as { rawPayload: Buffer }).rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = raw.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      'Code;Région;Année;Marchés;Considération sociale : oui;Considération sociale : non;Considération sociale : non renseigné;Considération sociale : part sur tous les contrats (%);' +
        'Considération environnementale : oui;Considération environnementale : non;Considération environnementale : non renseigné;Considération environnementale : part sur tous les contrats (%)',
    );
    expect(lines.slice(1).map((l) => l.split(';').filter((_, i) => i !== 1).join(';'))).toEqual([
      '11;2024;1;0;1;0;0,00;0;1;0;0,00',
      '53;2024;1;0;1;0;0,00;1;0;0;100,00',
      '84;2023;1;1;0;0;100,00;1;0;0;100,00',
      '84;2024;7;4;2;1;57,14;4;2;1;57,14',
      '',
    ]);
  });

  it('XLSX read back with exceljs: the buyers list with numbers and the declared SPASER', async () => {
    const res = await t.agent().get('/api/observatory/exports/buyers?format=xlsx&year=2024');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((res as unknown as { rawPayload: Buffer }).rawPayload as never);
    const ws = wb.getWorksheet('Acheteurs')!;
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(['SIREN', 'Organisation', "Type d'organisation", 'Obligation de SPASER', 'Estimation DECP', "Marchés notifiés dans l'année (€ HT)", 'Montant étalé sur la durée (€ HT)', 'SPASER sur la plateforme', 'Adresse du SPASER', "Date d'adoption"]);
    // The verdict (F known only from procurement data, kind unknown, judged today: every buyer is concerned above 50 M€) beside the estimate.
    expect(values(2)).toEqual(['600000006', 'Acheteur 600 000 006', undefined, 'Probablement concerné', 'Probablement au-dessus du seuil', 100_000_000, 100_000_000, 'Inconnu']);
    expect(values(3)).toEqual(['300000003', 'Commune C', 'Commune', 'Incertain', 'Incertain', 30_000_000, 25_000_000, 'Adopté', 'https://commune-c.example/spaser.pdf', '2025-03-14']);
    expect(values(4).slice(0, 6)).toEqual(['100000001', 'Commune A', 'Commune', 'Incertain', 'Incertain', 6_000_000]);
    expect(ws.rowCount).toBe(4);
  });

  it('national XLSX keeps shares as numbers formatted in percent', async () => {
    const res = await t.agent().get('/api/observatory/exports/national?format=xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((res as unknown as { rawPayload: Buffer }).rawPayload as never);
    const ws = wb.worksheets[0]!;
    const row = ws.getRow(3);
    expect([row.getCell(1).value, row.getCell(2).value, row.getCell(3).value, row.getCell(7).value, row.getCell(11).value]).toEqual([2024, 'Marchés', 10, 0.4, 0.5]);
    expect(row.getCell(7).numFmt).toBe('0.00%');
    expect((await t.agent().get('/api/observatory/exports/inconnu')).statusCode).toBe(400);
  });
});

describe('issue 15, item 4: the organisation page and the observatory give the same verdict', () => {
  it('for every listed buyer; a member’s declaration makes it certain on both, for the year judged', async () => {
    // Clock 1 June 2026, data 2023–2024: both judge 2024's purchases by today's rule (50 M€).
    const agree = async () => {
      const list = (await t.agent().get('/api/observatory/buyers')).json();
      expect(list).toMatchObject({ year: 2024, date: '2026-06-01', threshold: 50_000_000 });
      for (const b of list.items.filter((x: any) => x.organisationId)) {
        const page = (await t.agent().get(`/api/organisations/${b.organisationId}`)).json();
        expect([b.siren, page.obligation.status, page.obligation.year]).toEqual([b.siren, b.verdict, 2024]);
      }
      return list;
    };
    const before = await agree();
    expect(before.items.map((b: any) => [b.siren, b.verdict, b.verdictSource])).toEqual([
      ['600000006', 'likely_concerned', 'decp'],
      ['300000003', 'uncertain', 'decp'],
      ['100000001', 'uncertain', 'decp'],
    ]);
    // C: 30 M€ notified, 25 M€ annualised in 2024 — its page cites those figures.
    const c = (await t.agent().get(`/api/organisations/${org.C}`)).json().obligation;
    expect(c).toMatchObject({ status: 'uncertain', source: 'decp', decp: { notified: 30_000_000, annualised: 25_000_000 } });
    expect(c.reasons).toContain("30,0 M€ de marchés notifiés en 2024 d'après les données essentielles ; 25,0 M€ annualisés.");

    // A verified member of C declares 70 M€ for 2024: concerned, on the page and in the list.
    const { agent } = await t.loggedIn({ verifiedIn: [org.C] });
    expect((await agent.patch(`/api/organisations/${org.C}`, { declaredYearlyPurchases: 70_000_000, declaredPurchasesYear: 2024 })).statusCode).toBe(200);
    const after = await agree();
    expect(after.items.map((b: any) => [b.siren, b.verdict, b.verdictSource])).toEqual([
      ['300000003', 'concerned', 'declaration'],
      ['600000006', 'likely_concerned', 'decp'],
      ['100000001', 'uncertain', 'decp'],
    ]);
    expect(after.counts).toEqual({ likely_above: 2, uncertain: 1 });

    // Another year on request, the same on both: 2023 is judged by the rule of 31 Dec 2024.
    const y2023 = (await t.agent().get('/api/observatory/buyers?year=2023')).json();
    expect(y2023).toMatchObject({ year: 2023, date: '2024-12-31' });
    const a2023 = (await t.agent().get(`/api/organisations/${org.A}?year=2023`)).json().obligation;
    expect(a2023).toMatchObject({ year: 2023, date: '2024-12-31' });
    // Bad input: a clear French message, never a 500.
    const bad = await t.agent().get(`/api/organisations/${org.A}?year=2010`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.year).toBe("L'obligation de schéma date de 2015 : choisissez une année à partir de 2015.");
    expect((await t.agent().get(`/api/organisations/${org.A}?year=deux`)).json().fields.year).toBe('Année invalide.');
  });
});

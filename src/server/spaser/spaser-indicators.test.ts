import path from 'node:path';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { organisations } from '../organisations/organisations.tables.js';
import { importDecpFile } from '../procurement/import/import.service.js';
import { decpImports } from '../procurement/procurement.tables.js';
import { prefill, type YearFigures } from './decp-prefill.js';
import { catalogueEntry, indicatorCatalogue } from './indicator-catalogue.js';

// SPASER indicators (issue 17, item 4) through HTTP: the catalogue, indicators pre-filled from each
// buyer's own DECP figures (imported through the real import from a small fixture), overriding a
// pre-filled value with a reason, and the bad inputs refused per field with nothing saved.

const FIXTURE = path.resolve('tests/fixtures/decp/spaser-prefill.json');
const EPCI_SIREN = '243500139'; // SIRET 24350013900007 in the fixture
const COMMUNE_SIREN = '213502388'; // SIRET 21350238800001

let t: TestContext;
// When the fixture's import finished (decp_imports.finished_at): the import date shown beside each figure.
let importedAt: string;
let epci: { id: string };
let commune: { id: string };
beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
  const report = await importDecpFile(t.deps, FIXTURE);
  expect(report).toMatchObject({ read: 11, imported: 11, rejected: 0 });
  const [imp] = await t.db.select({ at: decpImports.finishedAt }).from(decpImports);
  importedAt = imp!.at!.toISOString();
  // The import registers the two buyers, unknown to the registry, by their SIREN (ADR 0021).
  const orgs = await t.db.select({ id: organisations.id, siren: organisations.siren }).from(organisations).where(inArray(organisations.siren, [EPCI_SIREN, COMMUNE_SIREN]));
  epci = orgs.find((o) => o.siren === EPCI_SIREN)!;
  commune = orgs.find((o) => o.siren === COMMUNE_SIREN)!;
});
afterAll(() => t?.close());

/** A joint schéma 2026–2028 of the EPCI (lead) and one of its communes, both accepted. */
async function setup() {
  const writer = await t.loggedIn({ verifiedIn: [epci.id] });
  const reader = await t.loggedIn({ verifiedIn: [epci.id] });
  const communeMember = await t.loggedIn({ verifiedIn: [commune.id] });
  const created = await writer.agent.post('/api/spasers', { organisationId: epci.id, title: 'SPASER de la Vilaine 2026-2028', periodStart: 2026, periodEnd: 2028 });
  const id = created.json().id as string;
  expect((await writer.agent.post(`/api/spasers/${id}/buyers`, { organisationId: commune.id })).statusCode).toBe(201);
  expect((await communeMember.agent.post(`/api/spasers/${id}/buyers/${commune.id}/accept`)).statusCode).toBe(200);
  return { epci, commune, writer, reader, id };
}

const decp = (numerator: number, denominator: number, value: number) => ({ value, numerator, denominator, sourceFiles: ['spaser-prefill.json'], importedAt });
const filled = (year: number, value: number, numerator: number, denominator: number) => ({
  year,
  value,
  source: 'DECP, data.gouv.fr',
  evidence: '',
  evidenceFileId: null,
  overrideReason: null,
  decp: decp(numerator, denominator, value),
});

// The fixture, by hand. Amounts of 1 € and less are left out of every sum (AMOUNT_PLACEHOLDER).
// EPCI, 2025 (5 marchés):
//   A25-1 100 000 € — social: Clause sociale (+)        env: Clause environnementale (+)
//   A25-2 200 000 € — social: Pas de… (−)               env: Critère environnemental (+)
//   A25-3 350 000 € — social: Marché réservé (+)        env: Pas de… (−)
//   A25-4 400 000 € — nothing said (unknown, unknown)
//   A25-5       1 € — social: Pas de… (−)               env: Clause environnementale (+); amount left out
//   environmental, in number: A25-1, A25-2, A25-5 = 3 of 5 → 60 %
//   amounts kept: 100 000 + 200 000 + 350 000 + 400 000 = 1 050 000 €
//   environmental, in value: 100 000 + 200 000 = 300 000 of 1 050 000 → 28.571… → 28.57 %
//   social, in number: A25-1, A25-3 = 2 of 5 → 40 %
//   social, in value: 100 000 + 350 000 = 450 000 of 1 050 000 → 42.857… → 42.86 %
// EPCI, 2024 (2 marchés): A24-1 80 000 € env +, A24-2 120 000 € env − → 1 of 2 = 50 %; 80 000 of 200 000 = 40 %
// EPCI, 2026 (inside the period): A26-1 50 000 € env + → 1 of 1 = 100 %; 50 000 of 50 000 = 100 %
// Commune, 2025 (3 marchés): B25-1 60 000 € env + social +, B25-2 40 000 € env − social −, B25-3 100 000 € unknown
//   environmental: 1 of 3 → 33.33 %; 60 000 of 200 000 → 30 %. No commune marché in 2026.

describe('SPASER indicators pre-filled from the DECP', () => {
  it('the catalogue: named, categorised, with units; the four DECP-computable shares are in it', () => {
    expect(new Set(indicatorCatalogue.map((e) => e.key)).size).toBe(indicatorCatalogue.length);
    expect(indicatorCatalogue.filter((e) => e.decp).map((e) => [e.key, e.unit, e.pnad])).toEqual([
      ['decp_environmental_number', 'pct_contracts', 'environmental'],
      ['decp_environmental_value', 'pct_value', 'environmental'],
      ['decp_social_number', 'pct_contracts', 'social'],
      ['decp_social_value', 'pct_value', 'social'],
    ]);
    // Every category of the issue has at least one entry.
    expect(new Set(indicatorCatalogue.map((e) => e.category))).toEqual(
      new Set(['environmental_consideration', 'social_consideration', 'insertion', 'esus', 'reserved_contracts', 'circular_economy', 'sme_access', 'other']),
    );
  });

  it('baseline = the buyer’s DECP share of the year before the period, in number and in value, per buyer, with numerator and denominator', async () => {
    const { epci, commune, writer, id } = await setup();
    const pick = async (catalogueKey: string) => {
      const res = await writer.agent.post(`/api/spasers/${id}/indicators/prefill`, { catalogueKey });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().indicator;
    };
    const envNumber = await pick('decp_environmental_number');
    expect(envNumber).toMatchObject({ category: 'environmental_consideration', unit: 'pct_contracts', catalogueKey: 'decp_environmental_number' });
    expect(envNumber.perBuyer).toEqual([
      // Baseline 2025 (the last year before 2026), not 2024; the value of 2026 is inside the period.
      { organisationId: epci.id, baseline: filled(2025, 60, 3, 5), targets: [], values: [filled(2026, 100, 1, 1)] },
      { organisationId: commune.id, baseline: filled(2025, 33.33, 1, 3), targets: [], values: [] },
    ]);
    const envValue = await pick('decp_environmental_value');
    expect(envValue.perBuyer).toEqual([
      { organisationId: epci.id, baseline: filled(2025, 28.57, 300_000, 1_050_000), targets: [], values: [filled(2026, 100, 50_000, 50_000)] },
      { organisationId: commune.id, baseline: filled(2025, 30, 60_000, 200_000), targets: [], values: [] },
    ]);
    const socialNumber = await pick('decp_social_number');
    expect(socialNumber.perBuyer[0].baseline).toEqual(filled(2025, 40, 2, 5));
    const socialValue = await pick('decp_social_value');
    expect(socialValue.perBuyer[0].baseline).toEqual(filled(2025, 42.86, 450_000, 1_050_000));
    // An entry the data cannot compute comes empty, for the buyer to fill.
    const hours = await pick('insertion_hours');
    expect([hours.unit, hours.perBuyer[0].baseline, hours.perBuyer[0].values]).toEqual(['hours', null, []]);

    // Every year of the DECP figures is there for the builder (2024: 1 of 2, 80 000 of 200 000).
    const figures = (await writer.agent.get(`/api/spasers/${id}/decp-figures`)).json().buyers;
    expect(figures.map((b: { siren: string }) => b.siren)).toEqual([EPCI_SIREN, COMMUNE_SIREN]);
    expect(figures[0].years.find((y: { year: number }) => y.year === 2024)).toEqual({
      year: 2024,
      sourceFiles: ['spaser-prefill.json'],
      importedAt,
      measures: {
        environmental_number: { value: 50, numerator: 1, denominator: 2 },
        environmental_value: { value: 40, numerator: 80_000, denominator: 200_000 },
        social_number: { value: 0, numerator: 0, denominator: 2 },
        social_value: { value: 0, numerator: 0, denominator: 200_000 },
      },
    });

    // Saved as pre-filled, with a target per year: kept and read back with their provenance.
    envNumber.perBuyer[0].targets = [{ year: 2027, value: 80 }, { year: 2028, value: 100 }];
    const saved = await writer.agent.put(`/api/spasers/${id}/sections/indicators`, { version: 0, body: [envNumber, envValue] });
    expect(saved.statusCode, saved.body).toBe(200);
    const body = (await writer.agent.get(`/api/spasers/${id}`)).json().sections.indicators.body;
    expect(body[0].perBuyer[0]).toEqual({ organisationId: epci.id, baseline: filled(2025, 60, 3, 5), targets: [{ year: 2027, value: 80 }, { year: 2028, value: 100 }], values: [filled(2026, 100, 1, 1)] });
    expect(body[1].perBuyer[1].baseline).toEqual(filled(2025, 30, 60_000, 200_000));
  });

  it('overriding a pre-filled value needs a reason, kept and shown; the provenance is always the data’s', async () => {
    const { writer, id } = await setup();
    const indicator = (await writer.agent.post(`/api/spasers/${id}/indicators/prefill`, { catalogueKey: 'decp_environmental_number' })).json().indicator;
    const save = (version: number, body: unknown) => writer.agent.put(`/api/spasers/${id}/sections/indicators`, { version, body });
    // 65 % instead of the 60 % computed, without a reason: refused on the reason field, nothing saved.
    indicator.perBuyer[0].baseline.value = 65;
    const refused = await save(0, [indicator]);
    expect([refused.statusCode, refused.json().fields]).toEqual([
      400,
      { '0.perBuyer.0.baseline.overrideReason': 'La valeur calculée depuis les données essentielles pour 2025 est 60 % (3 sur 5) : gardez-la, ou indiquez pourquoi vous la remplacez.' },
    ]);
    expect((await writer.agent.get(`/api/spasers/${id}`)).json().sections.indicators).toMatchObject({ version: 0, body: [] });
    // With a reason it is kept; the DECP figure stays beside it. A forged provenance is replaced by the data's.
    indicator.perBuyer[0].baseline.overrideReason = 'Deux marchés de 2025 publiés sans leurs clauses : corrigé d’après nos pièces.';
    indicator.perBuyer[1].baseline.decp = { value: 99, numerator: 99, denominator: 100, sourceFiles: ['faux.json'], importedAt: null };
    expect((await save(0, [indicator])).statusCode).toBe(200);
    const stored = (await writer.agent.get(`/api/spasers/${id}`)).json().sections.indicators.body[0];
    expect(stored.perBuyer[0].baseline).toEqual({ ...filled(2025, 65, 3, 5), decp: decp(3, 5, 60), overrideReason: 'Deux marchés de 2025 publiés sans leurs clauses : corrigé d’après nos pièces.' });
    expect(stored.perBuyer[1].baseline).toEqual(filled(2025, 33.33, 1, 3));
    // Back to the DECP value: the reason no longer applies and is dropped.
    stored.perBuyer[0].baseline.value = 60;
    expect((await save(1, [stored])).statusCode).toBe(200);
    expect((await writer.agent.get(`/api/spasers/${id}`)).json().sections.indicators.body[0].perBuyer[0].baseline).toEqual(filled(2025, 60, 3, 5));
    // A year without DECP figures (2027) is a typed value: no provenance, no reason needed.
    stored.perBuyer[0].values.push({ year: 2027, value: 70, source: 'Tableau de suivi interne', evidence: 'https://vilaine.example/suivi-2027.pdf' });
    expect((await save(2, [stored])).statusCode).toBe(200);
    const values = (await writer.agent.get(`/api/spasers/${id}`)).json().sections.indicators.body[0].perBuyer[0].values;
    expect(values[1]).toEqual({ year: 2027, value: 70, source: 'Tableau de suivi interne', evidence: 'https://vilaine.example/suivi-2027.pdf', evidenceFileId: null, overrideReason: null, decp: null });
  });

  it('who may pre-fill and read the figures; an unknown catalogue entry', async () => {
    const { writer, reader, id } = await setup();
    const outsider = await t.loggedIn({ verifiedIn: [(await t.createOrganisation({ name: 'Ailleurs' })).id] });
    expect((await reader.agent.post(`/api/spasers/${id}/indicators/prefill`, { catalogueKey: 'decp_social_number' })).json().error).toBe('SPASER_EDIT_FORBIDDEN');
    expect((await reader.agent.get(`/api/spasers/${id}/decp-figures`)).statusCode).toBe(200);
    expect((await outsider.agent.get(`/api/spasers/${id}/decp-figures`)).statusCode).toBe(404);
    expect((await t.agent().get(`/api/spasers/${id}/decp-figures`)).statusCode).toBe(401);
    const unknown = await writer.agent.post(`/api/spasers/${id}/indicators/prefill`, { catalogueKey: 'inconnu' });
    expect([unknown.statusCode, unknown.json().fields]).toEqual([400, { catalogueKey: 'Choisissez un indicateur du catalogue.' }]);
    const saved = await writer.agent.put(`/api/spasers/${id}/sections/indicators`, { version: 0, body: [{ id: 'x', name: 'X', category: 'other', unit: 'pct_other', catalogueKey: 'inconnu', perBuyer: [{ organisationId: epci.id }] }] });
    expect(saved.json().fields).toMatchObject({ '0.catalogueKey': "Cet indicateur n'est pas (ou plus) dans le catalogue : choisissez-en un autre ou créez un indicateur libre." });
  });
});

describe('SPASER indicators: bad input, per field, nothing saved', () => {
  const base = (epciId: string, unit: string, figures: Record<string, unknown>) => ({ id: 'i1', name: 'Indicateur', category: 'other', unit, perBuyer: [{ organisationId: epciId, ...figures }] });

  it.each([
    ['a share above 100 %', 'pct_value', { targets: [{ year: 2027, value: 130 }] }, { '0.perBuyer.0.targets.0.value': 'Une cible en part s’exprime entre 0 et 100 % : vérifiez l’unité de l’indicateur.' }],
    ['a negative number of contracts', 'contracts', { targets: [{ year: 2027, value: -3 }] }, { '0.perBuyer.0.targets.0.value': 'Une cible en nombre de contrats ne peut être négative : vérifiez l’unité de l’indicateur.' }],
    ['half a contract', 'contracts', { targets: [{ year: 2027, value: 2.5 }] }, { '0.perBuyer.0.targets.0.value': 'Une cible en nombre de contrats est un nombre entier.' }],
    ['negative euros', 'euros', { values: [{ year: 2026, value: -1000 }] }, { '0.perBuyer.0.values.0.value': 'Une valeur en euros ne peut être négative : vérifiez l’unité de l’indicateur.' }],
    ['negative hours as a baseline', 'hours', { baseline: { year: 2025, value: -10 } }, { '0.perBuyer.0.baseline.value': 'Une valeur en heures ne peut être négative : vérifiez l’unité de l’indicateur.' }],
    ['a value for a year outside the period', 'hours', { values: [{ year: 2029, value: 10 }] }, { '0.perBuyer.0.values.0.year': "L'année d'une valeur suivie doit être dans la période du schéma (de 2026 à 2028)." }],
    ['a target outside the period', 'hours', { targets: [{ year: 2025, value: 10 }] }, { '0.perBuyer.0.targets.0.year': "L'année de la cible doit être dans la période du schéma (de 2026 à 2028)." }],
    // What the builder sends for a value field left empty (never a silent 0).
    ['an emptied target value', 'hours', { targets: [{ year: 2027, value: null }] }, { '0.perBuyer.0.targets.0.value': 'Indiquez une valeur numérique.' }],
    ['a baseline year after the target year', 'hours', { baseline: { year: 2028, value: 10 }, targets: [{ year: 2027, value: 20 }] }, { '0.perBuyer.0.baseline.year': "L'année de référence (2028) ne peut suivre l'année d'une cible (2027)." }],
  ])('%s', async (_what, unit, figures, fields) => {
    const { epci, writer, id } = await setup();
    const res = await writer.agent.put(`/api/spasers/${id}/sections/indicators`, { version: 0, body: [base(epci.id, unit, figures)] });
    expect([res.statusCode, res.json().fields]).toEqual([400, fields]);
    expect((await writer.agent.get(`/api/spasers/${id}`)).json().sections.indicators).toMatchObject({ version: 0, body: [] });
  });

  it('a pre-filled indicator whose unit is changed is refused', async () => {
    const { writer, id } = await setup();
    const indicator = (await writer.agent.post(`/api/spasers/${id}/indicators/prefill`, { catalogueKey: 'decp_social_value' })).json().indicator;
    const res = await writer.agent.put(`/api/spasers/${id}/sections/indicators`, { version: 0, body: [{ ...indicator, unit: 'euros' }] });
    expect(res.json().fields).toMatchObject({ '0.unit': 'Cet indicateur est calculé depuis les données essentielles en part de la valeur des marchés : gardez cette unité, ou créez un indicateur libre.' });
  });
});

describe('which years are pre-filled', () => {
  const year = (y: number, contracts: number): YearFigures => ({
    year: y,
    sourceFiles: ['f.json'],
    importedAt: null,
    measures: {
      environmental_number: contracts ? { value: 50, numerator: contracts / 2, denominator: contracts } : null,
      environmental_value: null,
      social_number: null,
      social_value: null,
    },
  });
  const entry = catalogueEntry('decp_environmental_number')!;
  const run = (years: YearFigures[], period = { start: 2026, end: 2028 as number | null }) =>
    prefill(entry, { id: 'x', period, buyers: [{ organisationId: 'o', siren: '1', years }] }).perBuyer[0]!;

  it('no figure before the period: the baseline is the first year of the period with marchés', () => {
    // 2026 has no marché (no denominator): skipped; 2027 and 2028 have some; 2029 is after the period.
    const p = run([year(2026, 0), year(2027, 4), year(2028, 2), year(2029, 2)]);
    expect([p.baseline?.year, p.values.map((v) => v.year)]).toEqual([2027, [2027, 2028]]);
  });

  it('an open-ended period takes every year from its start; no figures at all leaves the buyer to type them', () => {
    const p = run([year(2024, 2), year(2025, 2), year(2031, 2)], { start: 2025, end: null });
    expect([p.baseline?.year, p.values.map((v) => v.year)]).toEqual([2024, [2025, 2031]]);
    expect(run([])).toEqual({ organisationId: 'o', baseline: null, targets: [], values: [] });
  });
});

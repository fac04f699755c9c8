import path from 'node:path';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { organisations } from '../organisations/organisations.tables.js';
import { importDecpFile } from '../procurement/import/import.service.js';

// The diagnostic's purchase mapping (issue 17, item 3) through HTTP: offered pre-filled from each
// buyer's own DECP breakdown by CPV division and by procedure (the fixture imported through the real
// import), never saved by the pre-fill itself; editors only; bad rows refused per field, nothing saved.

const FIXTURE = path.resolve('tests/fixtures/decp/spaser-prefill.json');
const EPCI_SIREN = '243500139';
const COMMUNE_SIREN = '213502388';

let t: TestContext;
let epci: { id: string };
let commune: { id: string };
beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
  expect(await importDecpFile(t.deps, FIXTURE)).toMatchObject({ imported: 11, rejected: 0 });
  const orgs = await t.db.select({ id: organisations.id, siren: organisations.siren }).from(organisations).where(inArray(organisations.siren, [EPCI_SIREN, COMMUNE_SIREN]));
  epci = orgs.find((o) => o.siren === EPCI_SIREN)!;
  commune = orgs.find((o) => o.siren === COMMUNE_SIREN)!;
});
afterAll(() => t?.close());

async function jointSchema() {
  const writer = await t.loggedIn({ verifiedIn: [epci.id] });
  const reader = await t.loggedIn({ verifiedIn: [epci.id] });
  const communeMember = await t.loggedIn({ verifiedIn: [commune.id] });
  const id = (await writer.agent.post('/api/spasers', { organisationId: epci.id, title: 'SPASER de la Vilaine', periodStart: 2026, periodEnd: 2028 })).json().id as string;
  expect((await writer.agent.post(`/api/spasers/${id}/buyers`, { organisationId: commune.id })).statusCode).toBe(201);
  expect((await communeMember.agent.post(`/api/spasers/${id}/buyers/${commune.id}/accept`)).statusCode).toBe(200);
  return { writer, reader, id };
}

// The fixture, by hand (every marché is CPV 45000000, division 45 « Travaux de construction », in
// « Procédure adaptée »; amounts of 1 € and less are left out of sums):
// - EPCI (24350013900007), 2025: 100 000 + 200 000 + 350 000 + 400 000 + 1 → 5 marchés, 1 050 000 €;
//   2026 (its latest year): one marché of 50 000 €.
// - Commune (21350238800001), 2025 (its latest year): 60 000 + 40 000 + 100 000 → 3 marchés, 200 000 €.
const row = (org: string, by: 'cpv_division' | 'procedure', year: number, contracts: number, amount: number) => ({
  organisationId: org,
  by,
  family: by === 'cpv_division' ? '45 — Travaux de construction' : 'Procédure adaptée',
  year,
  contracts,
  amount,
  comment: '',
});

describe('diagnostic: purchase mapping pre-filled from the DECP', () => {
  it('gives each buyer its families by CPV division and by procedure for the year asked, or its latest year', async () => {
    const { writer, id } = await jointSchema();
    const y2025 = await writer.agent.post(`/api/spasers/${id}/diagnostic/prefill`, { year: 2025 });
    expect(y2025.statusCode, y2025.body).toBe(200);
    expect(y2025.json().rows.map(({ id: _id, ...r }: { id: string }) => r)).toEqual([
      row(epci.id, 'cpv_division', 2025, 5, 1_050_000),
      row(epci.id, 'procedure', 2025, 5, 1_050_000),
      row(commune.id, 'cpv_division', 2025, 3, 200_000),
      row(commune.id, 'procedure', 2025, 3, 200_000),
    ]);
    const latest = await writer.agent.post(`/api/spasers/${id}/diagnostic/prefill`, {});
    expect(latest.json().years).toEqual([
      { organisationId: epci.id, year: 2026 },
      { organisationId: commune.id, year: 2025 },
    ]);
    expect(latest.json().rows.map(({ id: _id, ...r }: { id: string }) => r)).toEqual([
      row(epci.id, 'cpv_division', 2026, 1, 50_000),
      row(epci.id, 'procedure', 2026, 1, 50_000),
      row(commune.id, 'cpv_division', 2025, 3, 200_000),
      row(commune.id, 'procedure', 2025, 3, 200_000),
    ]);
    // Row ids are unique, so the editors can reorder and remove them.
    expect(new Set(latest.json().rows.map((r: { id: string }) => r.id)).size).toBe(4);
    // The pre-fill saves nothing.
    expect((await writer.agent.get(`/api/spasers/${id}`)).json().sections.diagnostic).toMatchObject({ version: 0, body: { mapping: [] } });
  });

  it('is for editors only; a bad year is refused in French', async () => {
    const { writer, reader, id } = await jointSchema();
    const stranger = await t.loggedIn({ verifiedIn: [(await t.createOrganisation({ name: 'Ailleurs' })).id] });
    expect((await reader.agent.post(`/api/spasers/${id}/diagnostic/prefill`, {})).statusCode).toBe(403);
    expect([404, 403]).toContain((await stranger.agent.post(`/api/spasers/${id}/diagnostic/prefill`, {})).statusCode);
    expect((await t.agent().post(`/api/spasers/${id}/diagnostic/prefill`, {})).statusCode).toBe(401);
    const bad = await writer.agent.post(`/api/spasers/${id}/diagnostic/prefill`, { year: 1999 });
    expect([bad.statusCode, bad.json().fields]).toEqual([400, { year: "L'année doit être 2000 ou après." }]);
  });

  it('saves the mapping with the findings and the maturity; bad rows are refused per field, nothing saved', async () => {
    const { writer, id } = await jointSchema();
    const good = { id: 'f1', ...row(epci.id, 'cpv_division', 2025, 5, 1_050_000), comment: 'Premier poste : les travaux.' };
    const save = (version: number, body: unknown) => writer.agent.put(`/api/spasers/${id}/sections/diagnostic`, { version, body });
    const refused = await save(0, { text: 'Constat.', maturity: 6, mapping: [{ ...good, amount: -5 }, { ...good, id: 'f2', family: '', contracts: 2.5 }] });
    expect([refused.statusCode, refused.json().fields]).toEqual([
      400,
      {
        maturity: 'Choisissez un niveau de 1 à 5.',
        'mapping.0.amount': 'Le montant ne peut être négatif.',
        'mapping.1.family': 'Nommez la famille d’achats.',
        'mapping.1.contracts': 'Le nombre de marchés est un nombre entier.',
      },
    ]);
    expect((await writer.agent.get(`/api/spasers/${id}`)).json().sections.diagnostic.version).toBe(0);
    const ok = await save(0, { text: 'Constat.', maturity: 3, mapping: [good] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await writer.agent.get(`/api/spasers/${id}`)).json().sections.diagnostic).toMatchObject({ version: 1, body: { text: 'Constat.', maturity: 3, mapping: [good] } });
  });
});

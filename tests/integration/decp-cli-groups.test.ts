import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decpImport, decpIndicators } from '../../src/cli/decp.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

// Four buyers: A (commune, 69, région 84), B (département, 69, 84), C (commune, 38, 84), D (not in
// the registry: only in the national figures).
const A = '21699999900011';
const B = '22699999900012';
const C = '21389999900016';
const D = '21759999900019';
const marche = (id: string, buyer: string, date: string, social: string[], env: string[], montant: number) => ({
  id,
  acheteur: { id: buyer },
  nature: 'Marché',
  objet: `Marché ${id}`,
  codeCPV: '45000000',
  procedure: 'Procédure adaptée',
  dureeMois: 12,
  dateNotification: date,
  datePublicationDonnees: date,
  montant,
  titulaires: [{ titulaire: { typeIdentifiant: 'SIRET', id: '32933888305269' } }],
  considerationsSociales: { considerationSociale: social },
  considerationsEnvironnementales: { considerationEnvironnementale: env },
  modifications: [],
});
const NO_SOCIAL = ['Pas de considération sociale'];
const NO_ENV = ['Pas de considération environnementale'];
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-decp-groups-')), 'groups.json');
fs.writeFileSync(
  file,
  JSON.stringify({
    marches: {
      marche: [
        marche('M1', A, '2024-03-01', ['Clause sociale'], NO_ENV, 100_000),
        marche('M2', A, '2024-04-01', NO_SOCIAL, ['Clause environnementale'], 50_000),
        marche('M3', B, '2024-05-01', NO_SOCIAL, NO_ENV, 200_000),
        marche('M4', C, '2023-06-01', ['Critère social'], ['Critère environnemental'], 80_000),
        marche('M5', D, '2024-07-01', NO_SOCIAL, NO_ENV, 1),
      ],
      'contrat-concession': [
        {
          id: 'C1',
          autoriteConcedante: { id: D },
          nature: 'Concession de service',
          objet: 'Concession C1',
          procedure: 'Procédure négociée ouverte',
          dureeMois: 120,
          dateSignature: '2024-02-01',
          datePublicationDonnees: '2024-02-10',
          valeurGlobale: 1_000_000,
          concessionnaires: [{ concessionnaire: { typeIdentifiant: 'SIRET', id: '32933888305269' } }],
          considerationsSociales: { considerationSociale: ['Concession réservée'] },
          considerationsEnvironnementales: { considerationEnvironnementale: NO_ENV },
          modifications: [],
        },
      ],
    },
  }),
);

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
  await t.db.execute(sql`TRUNCATE decp_contracts, decp_buyer_years, decp_siren_years, decp_staging, decp_imports, decp_rejections`);
  await t.createOrganisation({ siren: A.slice(0, 9), kind: 'commune', departementCode: '69', regionCode: '84' });
  await t.createOrganisation({ siren: B.slice(0, 9), kind: 'departement', departementCode: '69', regionCode: '84' });
  await t.createOrganisation({ siren: C.slice(0, 9), kind: 'commune', departementCode: '38', regionCode: '84' });
  const report = JSON.parse((await decpImport(t.deps, [file], { json: true })).stdout);
  expect(report).toMatchObject({ read: 6, imported: 6, rejected: 0 });
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

const run = async (input: Parameters<typeof decpIndicators>[1]) => JSON.parse((await decpIndicators(t.deps, input)).stdout);
const split = (positive: number, negative: number, unknown = 0) => ({ positive, negative, unknown });
// M4 alone: C's only marché, 2023, both considerations positive.
// M1 + M2 + M3 (A and B, 2024): social positive M1, environmental positive M2; 100 000 + 50 000 + 200 000.
// In value: social + M1 100 000, − M2 + M3 250 000; environmental + M2 50 000, − M1 + M3 300 000.
const amount = (total: number, excluded: number, social: [number, number], environmental: [number, number]) => ({
  total, excluded, social: { positive: social[0], negative: social[1] }, environmental: { positive: environmental[0], negative: environmental[1] },
});
const AB_2024 = { kind: 'marche', year: 2024, contracts: 3, social: split(1, 2), environmental: split(1, 2), amount: amount(350_000, 0, [100_000, 250_000], [50_000, 300_000]) };
const C_2023 = { kind: 'marche', year: 2023, contracts: 1, social: split(1, 0), environmental: split(1, 0), amount: amount(80_000, 0, [80_000, 0], [80_000, 0]) };

describe('entraide decp indicators for a group of buyers (same rows as for a buyer, "group" instead of "buyer")', () => {
  it('--departement 69: buyers A and B, by SIREN through the registry', async () => {
    // M1 + M2 + M3: social positive M1; environmental positive M2; 100 000 + 50 000 + 200 000.
    expect(await run({ departement: '69', json: true })).toEqual({
      group: 'departement:69',
      rows: [AB_2024],
    });
  });

  it('--region 84: A, B and C, years ascending', async () => {
    expect(await run({ region: '84', json: true })).toEqual({
      group: 'region:84',
      rows: [
        C_2023,
        AB_2024,
      ],
    });
  });

  it('--kind commune: A and C', async () => {
    expect(await run({ kind: 'commune', json: true })).toEqual({
      group: 'kind:commune',
      rows: [
        C_2023,
        // A: M1 (social +, environmental −, 100 000) and M2 (social −, environmental +, 50 000).
        { kind: 'marche', year: 2024, contracts: 2, social: split(1, 1), environmental: split(1, 1), amount: amount(150_000, 0, [100_000, 50_000], [50_000, 100_000]) },
      ],
    });
  });

  it('--national: every buyer, D included (its 1 € placeholder left out of the sum), marchés before concessions', async () => {
    expect(await run({ national: true, json: true })).toEqual({
      group: 'national',
      rows: [
        C_2023,
        // M5's 1 € placeholder is left out of every sum, in value too.
        { kind: 'marche', year: 2024, contracts: 4, social: split(1, 3), environmental: split(1, 3), amount: amount(350_000, 1, [100_000, 250_000], [50_000, 300_000]) },
        { kind: 'concession', year: 2024, contracts: 1, social: split(1, 0), environmental: split(0, 1), amount: amount(1_000_000, 0, [1_000_000, 0], [0, 1_000_000]) },
      ],
    });
    expect(await run({ national: true, year: '2023', json: true })).toEqual({
      group: 'national',
      rows: [C_2023],
    });
  });

  it('prints French text without --json; an empty group says so', async () => {
    const text = (await decpIndicators(t.deps, { departement: '69', json: false })).stdout;
    expect(text).toContain('Département 69');
    expect(text).toContain('Marchés 2024 : 3 contrat(s)');
    expect((await decpIndicators(t.deps, { departement: '2A', json: false })).stdout).toBe('Aucun contrat importé pour ce périmètre (Département 2A).');
  });

  it('bad scopes are explained in French', async () => {
    await expect(decpIndicators(t.deps, { departement: '69', national: true, json: true })).rejects.toThrow('Indiquez un seul périmètre');
    await expect(decpIndicators(t.deps, { json: true })).rejects.toThrow('Indiquez un seul périmètre');
    await expect(decpIndicators(t.deps, { departement: '699', json: true })).rejects.toThrow('--departement : indiquez un code de département');
    await expect(decpIndicators(t.deps, { region: 'ARA', json: true })).rejects.toThrow('--region : indiquez un code de région');
    await expect(decpIndicators(t.deps, { kind: 'mairie', json: true })).rejects.toThrow("--kind : indiquez une sorte d'organisation parmi commune");
  });
});

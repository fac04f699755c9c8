import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers/context.js';
import { decpEstimate, decpImport, decpIndicators } from '../../cli/decp.js';
import { rows } from '../platform/db.js';
import { importDecpFile } from './import/import.service.js';
import { breakdown, indicators } from './indicators/indicators.service.js';
import { decpContracts } from './procurement.tables.js';

const FIX = path.resolve('tests/fixtures/decp');
const f = (name: string) => path.join(FIX, name);
const d = (name: string) => path.join(FIX, 'defects', name);

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
});
afterAll(() => t?.close());

async function reset() {
  await t.db.execute(sql`TRUNCATE decp_contracts, decp_buyer_years, decp_siren_years, decp_staging, decp_imports, decp_rejections`);
}
async function importJson(...files: string[]) {
  const out = await decpImport(t.deps, files, { json: true });
  return { ...JSON.parse(out.stdout), exitCode: out.exitCode };
}
async function contract(contractId: string, buyerSiret = '21690123100011') {
  const all = await t.db.select().from(decpContracts);
  return all.find((c) => c.contractId === contractId && c.buyerSiret === buyerSiret)!;
}
async function count(query = sql`SELECT count(*)::int AS n FROM decp_contracts`) {
  return (await rows<{ n: number }>(t.db, query))[0]!.n;
}

describe('every sample file imports', () => {
  beforeEach(reset);
  // Expected counts, worked out without the importer:
  //  JSON: jq '[.marches | if type=="array" then .[] | [kind, (.acheteur.id // .autoriteConcedante.id), .id]
  //        else (.marche[]|["m",.acheteur.id,.id]), (."contrat-concession"[]|["c",.autoriteConcedante.id,.id]) end] | [length, (unique|length)]'
  //  XML: python3 xml.etree — records are the children of <marches> (or the bare root); identities (tag, buyer id, id).
  //  CSV: 4 data rows; `cut -d, -f1 | sort -u` gives 2 ids for the same buyer.
  // imported = identities, merged = read − identities (no sample record is rejected).
  const expected: [string, number, number][] = [
    ['139bercy_format-commande-publique__cc-avec-modifications.json', 1, 1],
    ['139bercy_format-commande-publique__concessions.json', 2, 2],
    ['139bercy_format-commande-publique__concessions_avec_modifications.json', 2, 2],
    ['139bercy_format-commande-publique__mar-avec-modifications.json', 1, 1],
    ['139bercy_format-commande-publique__mar-basique.json', 1, 1],
    ['139bercy_format-commande-publique__marches_avec_modifications.json', 2, 2],
    ['139bercy_format-commande-publique__marches_concessions.json', 4, 4],
    ['139bercy_format-commande-publique__paquet.json', 2, 2],
    ['megalis-bretagne_decp-validation__decp-59920013600241-2024-07-09-01.json', 5, 5],
    ['ColinMaudry_decp-json__data.gouv.fr_pes.json', 1148, 1140],
    ['139bercy_format-commande-publique__Contrat-concession-modification.xml', 2, 1],
    ['139bercy_format-commande-publique__Contrat-concession.xml', 2, 1],
    ['139bercy_format-commande-publique__Marche.xml', 2, 1],
    ['139bercy_format-commande-publique__cc-avec-modifications.xml', 1, 1],
    ['139bercy_format-commande-publique__mar-avec-modifications.xml', 1, 1],
    ['139bercy_format-commande-publique__paquet.xml', 4, 4],
    ['ColinMaudry_decp-table-schema__exemple-valide.csv', 4, 2],
  ];
  it.each(expected)('%s', async (file, read, identities) => {
    const r = await importJson(f(file));
    expect(r).toMatchObject({ read, imported: identities, merged: read - identities, rejected: 0, errors: [], exitCode: 0 });
    expect(await count()).toBe(identities);
  });

  it('PES extract: flags and indicators match an independent count', async () => {
    const r = await importJson(f('ColinMaudry_decp-json__data.gouv.fr_pes.json'));
    // python3: records with datePublicationDonnees[:10] < dateNotification[:10] → 120; montant ≤ 1 → 2;
    // 1 < montant < 40 000 → 137; every record is 2019 format; all years are 2016–2019, so none undated.
    expect(r.flags).toMatchObject({ PUB_BEFORE_NOTIF: 120, AMOUNT_PLACEHOLDER: 2, BELOW_40K: 137, LEGACY_FORMAT: 1148 });
    expect(r.undated).toBe(0);
    // python3: 1 identity among the 8 duplicated ones has records that differ on objet or dateNotification.
    expect(await count(sql`SELECT count(*)::int AS n FROM decp_contracts WHERE conflict`)).toBe(1);
    // python3 (winner per identity by the dedupe rules, last modification amount, SIREN 216901231):
    // 2018 → 99 contracts, 37 957 552.87 €; 2019 → 19 contracts, 8 336 528.80 €; none excluded.
    const out = JSON.parse((await decpIndicators(t.deps, { buyer: '216901231', json: true })).stdout);
    const unknown = (n: number) => ({ positive: 0, negative: 0, unknown: n });
    expect(out).toEqual({
      buyer: '216901231',
      rows: [
        { kind: 'marche', year: 2018, contracts: 99, social: unknown(99), environmental: unknown(99), amount: { total: 37957552.87, excluded: 0, social: { positive: 0, negative: 0 }, environmental: { positive: 0, negative: 0 } } },
        { kind: 'marche', year: 2019, contracts: 19, social: unknown(19), environmental: unknown(19), amount: { total: 8336528.8, excluded: 0, social: { positive: 0, negative: 0 }, environmental: { positive: 0, negative: 0 } } },
      ],
    });
  });

  it('re-importing the same file changes nothing', async () => {
    await importJson(f('ColinMaudry_decp-json__data.gouv.fr_pes.json'));
    const before = await t.db.select().from(decpContracts);
    const again = await importJson(f('ColinMaudry_decp-json__data.gouv.fr_pes.json'));
    expect(again).toMatchObject({ read: 1148, imported: 0, merged: 1148, rejected: 0 });
    const after = await t.db.select().from(decpContracts);
    const key = (c: { kind: string; buyerSiret: string; contractId: string }) => `${c.kind}|${c.buyerSiret}|${c.contractId}`;
    const sort = (l: typeof before) => [...l].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sort(after)).toEqual(sort(before));
  });
});

describe('defects of reference §7, one fixture each', () => {
  beforeEach(reset);

  it('BOM', async () => {
    expect(await importJson(d('bom.json'))).toMatchObject({ read: 1, imported: 1, rejected: 0 });
    expect(await contract('BOM1')).toMatchObject({ social: 'positive', environmental: 'negative', format: '2024', year: 2024 });
  });

  it('bare NaN tokens become no value; NaN inside a text stays', async () => {
    const r = await importJson(d('nan-tokens.json'));
    expect(r).toMatchObject({ read: 2, imported: 2, flags: { AMOUNT_MISSING: 1, LEGACY_FORMAT: 2 } });
    expect(await contract('NAN1')).toMatchObject({ amountCurrent: null, durationMonths: null, amountExcluded: true });
    expect((await contract('NAN2')).objet).toBe('NaN dans un texte reste du texte');
  });

  it('"NC", "nan" and empty strings are no value', async () => {
    const r = await importJson(d('nc-values.json'));
    expect(r).toMatchObject({ read: 2, imported: 2, undated: 1, flags: { AMOUNT_MISSING: 2, DATE_MISSING: 1 } });
    expect(await contract('NC1')).toMatchObject({ objet: null, amountCurrent: null, durationMonths: null });
    expect((await contract('NC2')).year).toBeNull();
  });

  it('numbers given as strings', async () => {
    await importJson(d('numbers-as-strings.json'));
    expect(await contract('STR1')).toMatchObject({ amountCurrent: 30000, durationMonths: 3, flags: ['BELOW_40K'] });
    expect(await contract('STR2')).toMatchObject({ amountCurrent: 1234567.5, durationMonths: 24 });
  });

  it('lists as a bare value, an array, a wrapper object or nested arrays', async () => {
    const r = await importJson(d('list-shapes.json'));
    expect(r).toMatchObject({ read: 5, imported: 5, flags: { CONTRADICTORY_CONSIDERATIONS: 1, MISSING_CONSIDERATIONS: 1 } });
    expect(await contract('LIST1')).toMatchObject({ social: 'positive', environmental: 'positive' });
    expect(await contract('LIST2')).toMatchObject({ social: 'negative', environmental: 'positive' });
    expect(await contract('LIST3')).toMatchObject({ social: 'positive', socialValues: ['Marché réservé'] });
    // A positive value next to "Pas de…" is positive, and flagged.
    expect(await contract('LIST4')).toMatchObject({ social: 'positive', modifications: 1, amountCurrent: 150000 });
    const [cc] = await t.db.select().from(decpContracts).where(sql`kind = 'concession'`);
    expect(cc).toMatchObject({ contractId: 'CC1', social: 'positive', environmental: 'unknown', amountCurrent: 2000000 });
  });

  it('flattened keys such as "acheteur.id"', async () => {
    expect(await importJson(d('flattened-keys.json'))).toMatchObject({ read: 2, imported: 2, rejected: 0 });
    expect(await contract('FLAT1')).toMatchObject({ kind: 'marche', year: 2019 });
    expect(await contract('FLAT2')).toMatchObject({ kind: 'concession', amountCurrent: 300000 });
  });

  it('time-zone suffixes', async () => {
    expect(await importJson(d('timezones.json'))).toMatchObject({ read: 3, undated: 0 });
    expect(await contract('TZ1')).toMatchObject({ notificationDate: '2024-03-01', publicationDate: '2024-03-05', year: 2024 });
    expect(await contract('TZ2')).toMatchObject({ notificationDate: '2024-03-01' });
    expect(await contract('TZ3')).toMatchObject({ year: 2023 });
  });

  it('impossible dates make the contract undated', async () => {
    // 0002-11-30, 5021-02-18, 2023-02-30, "September, 16 2021…", 1999-12-31 → undated; 2022-06-15 kept.
    const r = await importJson(d('impossible-dates.json'));
    expect(r).toMatchObject({ read: 6, imported: 6, undated: 5, flags: { DATE_INVALID: 5 } });
    expect((await contract('D6')).year).toBe(2022);
  });

  it('mojibake is kept as it is and never recognised as a value', async () => {
    expect(await importJson(d('mojibake.json'))).toMatchObject({ read: 2, imported: 2 });
    expect(await contract('MOJ1')).toMatchObject({ objet: 'Soci\uFFFDt\uFFFD des denr\uFFFDes', social: 'unknown' });
    expect(await contract('MOJ2')).toMatchObject({ objet: 'SociÃ©tÃ©', social: 'unknown' });
  });

  it('XML booleans oui/non, white-space elements, control characters, curly apostrophes', async () => {
    const r = await importJson(d('booleans-oui-non.xml'));
    expect(r).toMatchObject({ read: 2, imported: 2, rejected: 0 });
    expect(await contract('XB1')).toMatchObject({
      social: 'positive',
      environmental: 'positive',
      amountInitial: 900000,
      amountCurrent: 1200000,
      durationMonths: 48,
      procedure: "Appel d'offres ouvert",
      purchaseType: 'services',
      cpvDivision: '90',
      notificationDate: '2024-01-15',
    });
    expect(await contract('XB2')).toMatchObject({ objet: 'Caractèrede contrôle', social: 'unknown' });
  });

  it('control characters inside JSON strings', async () => {
    await importJson(d('control-chars.json'));
    expect((await contract('CTRL1')).objet).toBe('Objet avec contrôles');
  });

  it('hybrid records are read field by field; 2019 records are never negative', async () => {
    expect(await importJson(d('hybrid.json'))).toMatchObject({ read: 2, flags: { HYBRID_FORMAT: 1, LEGACY_FORMAT: 1 } });
    expect(await contract('HYB1')).toMatchObject({ format: 'hybrid', social: 'positive', environmental: 'negative', cpv: '79311000' });
    expect(await contract('LEG1')).toMatchObject({ format: '2019', social: 'unknown', environmental: 'unknown', procedure: 'Procédure avec négociation' });
  });

  it('duplicates: most modifications, then latest publication, then last read; conflicts flagged; overlapping files merge', async () => {
    // 8 records: "DUP 1" / "DUP1" / " DUP1 " are one identity (3), SAME ×2, CONFLICT ×2, DUP1 of another SIRET.
    expect(await importJson(d('duplicates.json'))).toMatchObject({ read: 8, imported: 4, merged: 4, rejected: 0 });
    // Their objets differ ("Objet DUP 1", "Objet DUP1", "Objet  DUP1 "): the identity is flagged.
    expect(await contract('DUP1')).toMatchObject({ modifications: 2, amountCurrent: 130000, conflict: true });
    expect(await contract('SAME')).toMatchObject({ conflict: false });
    expect(await contract('CONFLICT')).toMatchObject({ conflict: true, objet: 'Second lot' });
    expect(await contract('DUP1', '21690123100029')).toMatchObject({ amountCurrent: 70000 });
    // The later file has DUP1 with 3 modifications, SAME again and one new contract.
    expect(await importJson(d('duplicates-later.json'))).toMatchObject({ read: 3, imported: 1, merged: 2 });
    expect(await contract('DUP1')).toMatchObject({ modifications: 3, amountCurrent: 140000 });
    // Importing the first file again does not bring back the older version.
    expect(await importJson(d('duplicates.json'))).toMatchObject({ read: 8, imported: 0, merged: 8 });
    expect(await contract('DUP1')).toMatchObject({ modifications: 3, amountCurrent: 140000 });
    expect(await count()).toBe(5);
  });

  it('amounts: missing, placeholder and huge are flagged and left out of sums; modifications in id order', async () => {
    const r = await importJson(d('amounts.json'));
    expect(r.flags).toMatchObject({ AMOUNT_PLACEHOLDER: 2, AMOUNT_HUGE: 1, AMOUNT_MISSING: 1 });
    expect(await contract('AMMOD')).toMatchObject({ amountInitial: 50000, amountCurrent: 90000, durationMonths: 24, modifications: 2 });
    const [row] = await indicators(t.deps, { siret: '21690123100011' });
    // 50 000 (AMOK) + 90 000 (AMMOD); AM0, AM1, AMH, AMN left out.
    // Every AM* record has a social clause and no environmental consideration.
    expect(row!.amount).toEqual({ total: 140000, excluded: 4, social: { positive: 140000, negative: 0 }, environmental: { positive: 0, negative: 140000 } });
  });

  it('an invalid record in the middle is rejected with its position; the others are kept', async () => {
    const r = await importJson(d('invalid-middle.json'));
    expect(r).toMatchObject({ read: 6, imported: 2, merged: 0, rejected: 4 });
    const rej = await rows<{ position: number; reason: string }>(t.db, sql`SELECT position, reason FROM decp_rejections ORDER BY position`);
    expect(rej.map((x) => [x.position, x.reason.split(' ')[0]])).toEqual([
      [2, 'NOT_AN_OBJECT'],
      [3, 'NO_BUYER_ID'],
      [4, 'NO_ID'],
      [5, 'NOT_AN_OBJECT'],
    ]);
    // White space inside the buyer SIRET is removed.
    expect(await contract('OK2')).toBeTruthy();
  });

  it('the tabular CSV (semicolons, joined considerations, "Sans objet")', async () => {
    expect(await importJson(d('tabular-semicolon.csv'))).toMatchObject({ read: 3, imported: 2, merged: 1 });
    expect(await contract('TAB1')).toMatchObject({ format: 'tabular', social: 'positive', environmental: 'negative', socialValues: ['Clause sociale', 'Critère social'] });
    expect(await contract('TAB2')).toMatchObject({ amountCurrent: null, social: 'unknown' });
  });

  it('gzip is accepted', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'decp-gz-'));
    const gz = path.join(dir, 'bom.json.gz');
    fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(d('bom.json'))));
    expect(await importJson(gz)).toMatchObject({ read: 1, imported: 1, errors: [], exitCode: 0 });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('bad input: a clear error, nothing half-imported', () => {
  beforeEach(reset);

  it.each([
    ['empty.json', 'Le fichier est vide.'],
    ['blank.json', 'Le fichier est vide.'],
    ['truncated.json', 'JSON invalide ou tronqué'],
    ['truncated.xml', 'XML invalide ou tronqué'],
    ['not-decp.json', "n'est pas un fichier DECP"],
    ['not-decp.txt', "n'est pas un fichier DECP"],
    ['not-decp.xml', "n'est pas un fichier DECP"],
  ])('%s', async (file, message) => {
    const r = await importJson(d(file), d('bom.json'));
    expect(r.exitCode).toBe(2);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].file).toBe(d(file));
    expect(r.errors[0].message).toContain(message);
    // Only the good file counts and is kept.
    expect(r).toMatchObject({ read: 1, imported: 1 });
    expect(await count()).toBe(1);
    expect(await count(sql`SELECT count(*)::int AS n FROM decp_staging`)).toBe(0);
  });

  it('a failure after some batches were staged leaves nothing visible (all-or-nothing per file)', async () => {
    await expect(
      importDecpFile(t.deps, f('ColinMaudry_decp-json__data.gouv.fr_pes.json'), {
        afterBatch: async (staged) => {
          // First batch of 1 000 is in staging, invisible to indicators.
          expect(staged).toBe(1000);
          expect(await count()).toBe(0);
          throw new Error('panne simulée');
        },
      }),
    ).rejects.toThrow('panne simulée');
    expect(await count()).toBe(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM decp_staging`)).toBe(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM decp_imports WHERE status = 'failed'`)).toBe(1);
  });
});

describe('indicators and estimate', () => {
  beforeAll(async () => {
    await reset();
    await importJson(d('amounts.json'), d('list-shapes.json'), d('impossible-dates.json'), d('hybrid.json'), d('duplicates.json'));
  });

  // Worked out from the fixtures (each m24 record: Clause sociale, "Pas de considération
  // environnementale", 120 000 €, 12 months from 2024-03-01):
  //  SIRET 21690123100011 — 2022: D6; 2023: HYB1 (+/−, 80 000), LEG1 (2019, 60 000);
  //  2024: 6 amounts + 4 lists + DUP1 (130 000), SAME, CONFLICT = 13 marchés, social 12+ 1−,
  //  env LIST1, LIST2 + / 11 −; sum 140 000 + 510 000 + 130 000 + 240 000 = 1 020 000, 4 excluded;
  //  undated: D1–D5 (600 000); concession CC1 2024 (2 000 000, env unknown).
  //  In value (amounts left out excluded): social − is LIST2 (120 000), so social + 2024 = 900 000;
  //  environmental + is LIST1 and LIST2 (240 000), − the other 780 000; 2023: HYB1 social +,
  //  environmental − (80 000), LEG1 unknown for both (60 000).
  const sp = (positive: number, negative: number, unknown: number) => ({ positive, negative, unknown });
  const am = (total: number, excluded: number, social: [number, number], environmental: [number, number]) => ({
    total, excluded, social: { positive: social[0], negative: social[1] }, environmental: { positive: environmental[0], negative: environmental[1] },
  });
  it('per SIRET, rows by kind then year, undated last', async () => {
    const out = JSON.parse((await decpIndicators(t.deps, { buyer: '21690123100011', json: true })).stdout);
    expect(out).toEqual({
      buyer: '21690123100011',
      rows: [
        { kind: 'marche', year: 2022, contracts: 1, social: sp(1, 0, 0), environmental: sp(0, 1, 0), amount: am(120000, 0, [120000, 0], [0, 120000]) },
        { kind: 'marche', year: 2023, contracts: 2, social: sp(1, 0, 1), environmental: sp(0, 1, 1), amount: am(140000, 0, [80000, 0], [0, 80000]) },
        { kind: 'marche', year: 2024, contracts: 13, social: sp(12, 1, 0), environmental: sp(2, 11, 0), amount: am(1020000, 4, [900000, 120000], [240000, 780000]) },
        { kind: 'marche', year: null, contracts: 5, social: sp(5, 0, 0), environmental: sp(0, 5, 0), amount: am(600000, 0, [600000, 0], [0, 600000]) },
        { kind: 'concession', year: 2024, contracts: 1, social: sp(1, 0, 0), environmental: sp(0, 0, 1), amount: am(2000000, 0, [2000000, 0], [0, 0]) },
      ],
    });
  });

  it('per SIREN (both establishments) and one year', async () => {
    const out = JSON.parse((await decpIndicators(t.deps, { buyer: '216 901 231', year: '2024', json: true })).stdout);
    expect(out.buyer).toBe('216901231');
    expect(out.rows.map((r: { kind: string; contracts: number; amount: unknown }) => [r.kind, r.contracts, r.amount])).toEqual([
      // DUP1 of …29 (70 000): social +, environmental −.
      ['marche', 14, { total: 1090000, excluded: 4, social: { positive: 970000, negative: 120000 }, environmental: { positive: 240000, negative: 850000 } }],
      ['concession', 1, { total: 2000000, excluded: 0, social: { positive: 2000000, negative: 0 }, environmental: { positive: 0, negative: 0 } }],
    ]);
  });

  it('shares over all contracts and over informed ones; breakdowns', async () => {
    const y2023 = (await indicators(t.deps, { siren: '216901231' })).find((r) => r.year === 2023);
    expect(y2023!.shares.social).toEqual({ ofAll: 0.5, ofInformed: 1, completeness: 0.5 });
    // Issue 17, item 4: the same shares in value. 2023: 80 000 of 140 000 € with a social
    // consideration (0.5714), all of the informed amount; 2024 (SIREN: + DUP1 of …29, 70 000,
    // social +, environmental −): social 970 000 / 1 090 000 = 0.8899, informed 1 090 000 (1);
    // environmental 240 000 / 1 090 000 = 0.2202.
    expect(y2023!.shares.value.social).toEqual({ ofAll: 0.5714, ofInformed: 1, completeness: 0.5714 });
    expect(y2023!.shares.value.environmental).toEqual({ ofAll: 0, ofInformed: 0, completeness: 0.5714 });
    const y2024 = (await indicators(t.deps, { siren: '216901231' })).find((r) => r.year === 2024 && r.kind === 'marche');
    expect(y2024!.shares.value.social).toEqual({ ofAll: 0.8899, ofInformed: 0.8899, completeness: 1 });
    expect(y2024!.shares.value.environmental).toEqual({ ofAll: 0.2202, ofInformed: 0.2202, completeness: 1 });
    const byType = await breakdown(t.deps, { siren: '216901231' }, { by: 'purchaseType', kind: 'marche', year: 2023 });
    expect(byType).toEqual([
      { key: 'fournitures', contracts: 1, socialPositive: 0, environmentalPositive: 0, amount: 60000, excluded: 0 },
      { key: 'services', contracts: 1, socialPositive: 1, environmentalPositive: 0, amount: 80000, excluded: 0 },
    ]);
    const byProcedure = await breakdown(t.deps, { nation: true }, { by: 'procedure', kind: 'marche', year: 2023 });
    expect(byProcedure.map((r) => [r.key, r.contracts])).toEqual([
      ['Procédure adaptée', 1],
      ['Procédure avec négociation', 1],
    ]);
    expect((await breakdown(t.deps, { siren: '216901231' }, { by: 'cpvDivision', kind: 'marche', year: 2024 }))[0]).toMatchObject({ key: '45', contracts: 14 });
  });

  it('groups of buyers through the registry (département, région, kind, nation)', async () => {
    // The test registry holds SIREN 216901231 as the commune of Lyon (69, région 84).
    const [dep] = await indicators(t.deps, { departement: '69' }, { year: 2022 });
    expect(dep).toMatchObject({ kind: 'marche', contracts: 1 });
    expect((await indicators(t.deps, { region: '84' }, { year: 2024 })).map((r) => r.contracts)).toEqual([14, 1]);
    expect((await indicators(t.deps, { organisationKind: 'commune' }, { year: 2024 })).map((r) => r.contracts)).toEqual([14, 1]);
    expect((await indicators(t.deps, { region: '11' })).length).toBe(0);
    expect((await indicators(t.deps, { nation: true }, { year: 2024 })).map((r) => r.contracts)).toEqual([14, 1]);
  });

  it('estimate: both estimators and a status with reasons', async () => {
    // Notified in 2024 (not excluded): 50 000 + 90 000 + 3×120 000 + 150 000 + 130 000 + 2×120 000 + 70 000 = 1 090 000 (10);
    // AM0, AM1, AMH, AMN excluded (4).
    // Annualised 2024: the 12-month ones from March count 10/12: 1 000 000 × 10/12 = 833 333.33; AMMOD 90 000/24 × 10 = 37 500;
    // HYB1 (Nov 2023, 10 months) 8 months × 8 000 = 64 000; LEG1 (May 2023, 12 months) 4 × 5 000 = 20 000 → 954 833.33 (12).
    const out = JSON.parse((await decpEstimate(t.deps, { buyer: '216901231', year: '2024', json: true })).stdout);
    expect(out).toMatchObject({
      siren: '216901231',
      year: 2024,
      threshold: 50000000,
      notified: { amount: 1090000, contracts: 10, excluded: 4 },
      annualised: { amount: 954833.33, contracts: 12, excluded: 4 },
      // 8 of 30 amounts left out: too many for "likely below".
      status: 'uncertain',
    });
    expect(out.reasons.join(' ')).toContain('Trop de montants écartés');
    expect(Object.keys(out)).toEqual(['siren', 'year', 'threshold', 'notified', 'annualised', 'status', 'reasons']);
    const y2022 = JSON.parse((await decpEstimate(t.deps, { buyer: '216901231', year: '2022', json: true })).stdout);
    expect(y2022).toMatchObject({ threshold: 100000000, notified: { amount: 120000, contracts: 1, excluded: 0 }, status: 'likely_below' });
    const none = JSON.parse((await decpEstimate(t.deps, { buyer: '999999999', year: '2024', json: true })).stdout);
    expect(none.status).toBe('uncertain');
  });

  it('refuses a bad buyer or year in French', async () => {
    await expect(decpIndicators(t.deps, { buyer: '123', json: true })).rejects.toThrow('--buyer : indiquez un SIRET (14 chiffres) ou un SIREN (9 chiffres).');
    await expect(decpEstimate(t.deps, { buyer: '216901231', json: true })).rejects.toThrow('--year');
  });
});

describe('the yearly profile of a SIREN (decp_siren_years) behind the estimate', () => {
  beforeAll(async () => {
    await reset();
    await importJson(d('profile-years.json'));
  });

  // profile-years.json, buyer 21330055100016 (SIREN 213300551), worked out by hand:
  //  P1 notified 2023-07-01, 36 months, 360 000 € → 10 000 €/month, July 2023 to June 2026:
  //     2023: 6 months = 60 000; 2024 and 2025: 120 000; 2026: 6 months = 60 000;
  //  P2 notified 2024-01-15, no duration, 50 000 € → counted whole in January 2024 (missing duration);
  //  P3 notified 2024-11-01, 3 months, 0 € → left out (AMOUNT_PLACEHOLDER), runs November 2024 to January 2025;
  //  P4 notified 2025-02-01, 1 200 months, 1 200 000 € → 1 000 €/month from February 2025:
  //     2025: 11 months = 11 000; every year up to 2100 (the last profiled year): 12 000.
  const est = async (year: number) => JSON.parse((await decpEstimate(t.deps, { buyer: '213300551', year: String(year), json: true })).stdout);

  it('one row per year a marché is notified in or runs in, up to 2100', async () => {
    const list = await rows<Record<string, number>>(
      t.db,
      sql`SELECT year, notified_amount, notified_contracts, notified_excluded, annualised_amount, annualised_contracts, annualised_excluded, missing_duration
          FROM decp_siren_years WHERE buyer_siren = '213300551' ORDER BY year`,
    );
    expect(list.length).toBe(2100 - 2023 + 1);
    const row = (y: number) => Object.values(list.find((r) => Number(r.year) === y)!).map(Number);
    expect(row(2023)).toEqual([2023, 360000, 1, 0, 60000, 1, 0, 0]);
    expect(row(2024)).toEqual([2024, 50000, 1, 1, 170000, 2, 1, 1]);
    expect(row(2025)).toEqual([2025, 1200000, 1, 0, 131000, 2, 1, 0]);
    expect(row(2026)).toEqual([2026, 0, 0, 0, 72000, 2, 0, 0]);
    expect(row(2100)).toEqual([2100, 0, 0, 0, 12000, 1, 0, 0]);
  });

  it('the estimate reads it: same figures as worked out from the contracts', async () => {
    const y2024 = await est(2024);
    expect(y2024).toMatchObject({ notified: { amount: 50000, contracts: 1, excluded: 1 }, annualised: { amount: 170000, contracts: 2, excluded: 1 }, status: 'uncertain' });
    // 2 amounts left out (P3 in both estimators) of 5 counted: too many for "likely below".
    expect(y2024.reasons).toContain('Trop de montants écartés (manquants, symboliques ou aberrants) : 2 sur 5.');
    expect(y2024.reasons).toContain('1 marché(s) sans durée : leur montant est compté en entier le mois de notification.');
    expect(await est(2025)).toMatchObject({ notified: { amount: 1200000, contracts: 1, excluded: 0 }, annualised: { amount: 131000, contracts: 2, excluded: 1 }, status: 'uncertain' });
    expect(await est(2026)).toMatchObject({ notified: { amount: 0, contracts: 0, excluded: 0 }, annualised: { amount: 72000, contracts: 2, excluded: 0 }, status: 'likely_below' });
    expect((await est(2100)).annualised).toEqual({ amount: 12000, contracts: 1, excluded: 0 });
    // Beyond the last profiled year nothing runs (ADR 0015).
    expect(await est(2101)).toMatchObject({ annualised: { amount: 0, contracts: 0, excluded: 0 }, status: 'uncertain' });
  });
});

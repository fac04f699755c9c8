import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers/context.js';
import { decpImport } from '../../../cli/decp.js';
import { registryImportSirene } from '../../../cli/registry.js';
import { rows } from '../../platform/db.js';
import { mergeSearchIndexes } from '../search-indexes.js';
import { importSirene } from './import.service.js';

// Fixture: tests/fixtures/sirene (fictitious units, see its README). Expected values by hand:
// 29 data lines, 2 with a bad SIREN (lines 11 and 12), 27 valid units, 22 of buyer catégories.
// Kinds: commune 2 (Lyon 216901231, Ville-Fictive), collectivité à statut particulier 1 (Métropole de
// Lyon), département 2 (Ain by name, « Conseil départemental test » whose head office is in Lyon →
// Département du Rhône), région 1 (Auvergne-Rhône-Alpes by name), EPCI 1, syndicat 3 (2 SIVU, one
// ceased on 2022-12-31, 1 syndicat mixte), hôpital 3 (2 × 7364, GCS 7470), État 2 (7113, 7172),
// établissement public 3 (CCAS, SDIS, lycée), bailleur social 2 (OPH 7371, ESH 5546), SEM 1, sécurité
// sociale 1. Existing rows: Lyon and the Métropole (updated: legal category), the three councils
// without SIREN (completed, updated); so 5 updated, 22 − 5 = 17 created.
const FIX = path.resolve('tests/fixtures/sirene');
const UNITS = path.join(FIX, 'StockUniteLegale_utf8.csv');
const UNITS_ZIP = path.join(FIX, 'StockUniteLegale_utf8.zip');
const ESTABLISHMENTS = path.join(FIX, 'StockEtablissement_utf8.csv');

let t: TestContext;
let tmp: string;
beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-06-01T10:00:00Z'));
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-sirene-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  return t?.close();
});

async function run(file: string, opts: Partial<Parameters<typeof registryImportSirene>[2]> = {}) {
  const out = await registryImportSirene(t.deps, file, { json: true, ...opts });
  return { ...JSON.parse(out.stdout), exitCode: out.exitCode };
}
type Org = { siren: string | null; name: string; kind: string; acronym: string | null; legal_category: string | null; ceased: boolean; ceased_on: string | null; territory_id: string | null; departement_code: string | null; region_code: string | null; postcodes: string[]; source: string; updated_at: string };
async function org(siren: string): Promise<Org | undefined> {
  return (await rows<Org>(t.db, sql`SELECT siren, name, kind, acronym, legal_category, ceased, ceased_on::text, territory_id, departement_code, region_code, postcodes, source, updated_at::text FROM organisations WHERE siren = ${siren}`))[0];
}
/** Everything an import may change, to prove a refused one changed nothing. */
async function snapshot() {
  const [s] = await rows<{ n: number; at: string; sirens: number; staged: number }>(
    t.db,
    sql`SELECT count(*)::int AS n, max(updated_at)::text AS at, count(siren)::int AS sirens, (SELECT count(*)::int FROM sirene_staging) AS staged FROM organisations`,
  );
  return s;
}

describe('bad input: a clear French error, nothing imported', () => {
  it('refuses another column layout (the establishments stock given as the units stock)', async () => {
    const before = await snapshot();
    const r = await run(ESTABLISHMENTS);
    expect(r.exitCode).toBe(2);
    expect(r.error).toMatch(/n'a pas la disposition des colonnes du « Stock des unités légales »/);
    expect(r.error).toMatch(/statutDiffusionUniteLegale/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a truncated zip', async () => {
    const cut = path.join(tmp, 'tronque.zip');
    const bytes = fs.readFileSync(UNITS_ZIP);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const before = await snapshot();
    const r = await run(cut);
    expect(r.exitCode).toBe(2);
    expect(r.error).toMatch(/^Archive zip illisible ou tronquée/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a file whose lines are mostly bad, a missing file, a stock keeping too many units, a full disk', async () => {
    const before = await snapshot();
    expect((await run(UNITS, { limits: { maxBadLines: 1 } })).error).toMatch(/^Plus de 1 lignes invalides/);
    expect((await run(path.join(tmp, 'absent.csv'))).error).toMatch(/^Fichier introuvable/);
    expect((await run(UNITS, { etablissements: path.join(tmp, 'absent.csv') })).error).toMatch(/^Fichier introuvable/);
    expect((await run(UNITS, { limits: { maxKept: 5 } })).error).toMatch(/^Plus de 5 unités retenues/);
    const disk = await run(UNITS, { dataDir: tmp, limits: { minFreeBytes: Number.MAX_SAFE_INTEGER } });
    expect(disk.exitCode).toBe(2);
    expect(disk.error).toMatch(/^Espace disque insuffisant/);
    const empty = path.join(tmp, 'vide.csv');
    fs.writeFileSync(empty, '');
    expect((await run(empty)).error).toMatch(/vide/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an oversized line or a broken quote with its line number', async () => {
    const header = fs.readFileSync(UNITS, 'utf8').split('\n')[0]!;
    const long = path.join(tmp, 'longue.csv');
    fs.writeFileSync(long, `${header}\n999000011,O,,${'X'.repeat(70_000)}\n`);
    const before = await snapshot();
    expect((await run(long)).error).toMatch(/^Fichier CSV illisible près de la ligne 2/);
    const quote = path.join(tmp, 'guillemet.csv');
    fs.writeFileSync(quote, `${header}\n999000011,O,,"1990-01-01\n`);
    expect((await run(quote)).error).toMatch(/^Fichier CSV illisible près de la ligne 2/);
    expect(await snapshot()).toEqual(before);
  });

  it('text output names the refusal in French with exit code 2', async () => {
    const out = await registryImportSirene(t.deps, ESTABLISHMENTS, { json: false });
    expect(out.exitCode).toBe(2);
    expect(out.stdout).toMatch(/^Import refusé \(rien n'a été modifié\) : Ce fichier n'a pas la disposition/);
  });
});

describe('import of the fixture stock', () => {
  it('keeps the buyers, counts them per kind, completes the councils, skips bad SIRENs with a warning', async () => {
    const orgsBefore = (await snapshot()).n;
    const r = await run(UNITS, { etablissements: ESTABLISHMENTS });
    expect(r.exitCode).toBe(0);
    expect(r).toMatchObject({
      read: 29,
      kept: 22,
      ceased: 1,
      created: 17,
      updated: 5,
      unchanged: 0,
      sirenCompleted: 3,
      skipped: 2,
      establishments: { read: 6, headOffices: 5 },
    });
    expect(r.byKind).toEqual({
      bailleur_social: 2, collectivite_statut_particulier: 1, commune: 2, departement: 2, epci: 1, etablissement_public: 3,
      etat: 2, hopital: 3, region: 1, securite_sociale: 1, societe_economie_mixte: 1, syndicat: 3,
    });
    expect(r.warnings).toEqual([
      { file: UNITS, line: 11, reason: 'SIREN invalide (999000000)' },
      { file: UNITS, line: 12, reason: 'SIREN invalide (99900A01X)' },
    ]);
    expect((await snapshot()).n).toBe(orgsBefore + 17);
    const [{ n: perKind }] = await rows<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM organisations WHERE source = 'sirene'`);
    expect(perKind).toBe(17);
    // The import merged what it queued in the search indexes: nothing is left for searches to scan.
    expect(await mergeSearchIndexes(t.db)).toBe(0);
  });

  it('a single insert queues entries in the search indexes, which the merge empties (what the import relies on)', async () => {
    await t.db.execute(sql`INSERT INTO organisations (name, kind, source, created_at, updated_at) VALUES ('Syndicat des essais du tampon', 'syndicat', 'admin', now(), now())`);
    expect(await mergeSearchIndexes(t.db)).toBeGreaterThan(0);
    expect(await mergeSearchIndexes(t.db)).toBe(0);
    await t.db.execute(sql`DELETE FROM organisations WHERE name = 'Syndicat des essais du tampon'`);
    // At start on PGlite every GIN index of the schema is merged: the organisations' three among them.
    const gin = await rows<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = 'public' AND indexdef ILIKE '%USING gin%'`);
    expect(gin[0]!.n).toBeGreaterThan(3);
    await t.db.execute(sql`INSERT INTO organisations (name, kind, source, created_at, updated_at) VALUES ('Syndicat des essais du tampon', 'syndicat', 'admin', now(), now())`);
    expect(await mergeSearchIndexes(t.db, null)).toBeGreaterThan(0);
    expect(await mergeSearchIndexes(t.db, null)).toBe(0);
    await t.db.execute(sql`DELETE FROM organisations WHERE name = 'Syndicat des essais du tampon'`);
  });

  it('keeps the name and kind of curated rows, gives them the legal category', async () => {
    expect(await org('216901231')).toMatchObject({ name: 'Lyon', kind: 'commune', legal_category: '7210', source: 'decoupage-administratif', territory_id: 'commune:69123' });
    expect(await org('200046977')).toMatchObject({ name: 'Métropole de Lyon', kind: 'collectivite_statut_particulier', legal_category: '7229', source: 'table' });
  });

  it('completes the SIREN of councils by their name or their head office, without renaming them', async () => {
    expect(await org('999000011')).toMatchObject({ name: "Département de l'Ain", kind: 'departement', legal_category: '7220', source: 'table' });
    expect(await org('999000029')).toMatchObject({ name: 'Région Auvergne-Rhône-Alpes', kind: 'region', acronym: 'AURA', source: 'table' });
    expect(await org('999000037')).toMatchObject({ name: 'Département du Rhône', kind: 'departement', departement_code: '69', source: 'table' });
  });

  it('creates the new buyers with name, acronym, kind, legal category and the commune of the head office', async () => {
    expect(await org('999000102')).toMatchObject({
      name: 'HOSPICES CIVILS FICTIFS', acronym: 'HCF', kind: 'hopital', legal_category: '7364', source: 'sirene',
      territory_id: 'commune:69123', departement_code: '69', region_code: '84', postcodes: ['69002'], ceased: false,
    });
    // Saint-Étienne is not among the test registry's communes: no territory, but the postcode is kept.
    expect(await org('999000094')).toMatchObject({ acronym: 'CHU', kind: 'hopital', territory_id: null, postcodes: ['42055'] });
    expect(await org('999000128')).toMatchObject({ kind: 'etat', legal_category: '7113' });
    expect(await org('999000136')).toMatchObject({ kind: 'etat', acronym: 'DDT TEST' });
    expect(await org('999000177')).toMatchObject({ kind: 'bailleur_social', acronym: 'OPH TEST' });
    expect(await org('999000185')).toMatchObject({ kind: 'bailleur_social', legal_category: '5546' });
    expect(await org('999000193')).toMatchObject({ kind: 'societe_economie_mixte' });
    expect(await org('999000201')).toMatchObject({ kind: 'securite_sociale' });
    expect(await org('999000110')).toMatchObject({ kind: 'hopital', legal_category: '7470' });
    for (const notBuyer of ['999000219', '999000227', '999000235', '999000243', '999000250']) expect(await org(notBuyer)).toBeUndefined();
  });

  it('marks a ceased unit ceased, and keeps it', async () => {
    expect(await org('999000086')).toMatchObject({ name: 'SIVU DU RAMASSAGE SCOLAIRE FICTIF', kind: 'syndicat', ceased: true, ceased_on: '2022-12-31' });
  });

  it('a re-import changes nothing, from the CSV or from the zip', async () => {
    const before = await snapshot();
    const again = await run(UNITS, { etablissements: ESTABLISHMENTS });
    expect(again).toMatchObject({ kept: 22, created: 0, updated: 0, unchanged: 22, sirenCompleted: 0 });
    expect(await snapshot()).toEqual(before);
    // Without the establishments stock the head offices stay as they were.
    const zipped = await run(UNITS_ZIP);
    expect(zipped).toMatchObject({ read: 29, kept: 22, created: 0, updated: 0, unchanged: 22, establishments: null });
    expect(await snapshot()).toEqual(before);
  });

  it('a failure in the middle of the import leaves nothing', async () => {
    const before = await snapshot();
    await t.db.execute(sql`UPDATE organisations SET ceased = false WHERE siren = '999000086'`);
    const changed = await snapshot();
    await expect(
      importSirene(t.deps, UNITS, {
        afterBatch: () => {
          throw new Error('disque plein (simulé)');
        },
      }),
    ).rejects.toThrow('disque plein (simulé)');
    expect(await snapshot()).toEqual(changed);
    expect((await org('999000086'))!.ceased).toBe(false);
    // The next import puts the ceased state back.
    expect(await run(UNITS)).toMatchObject({ updated: 1 });
    expect((await org('999000086'))!.ceased).toBe(true);
    expect((await snapshot()).n).toBe(before.n);
  });

  it('staging rows left by a killed import are removed by the next one on PGlite (one process per folder)', async () => {
    await t.db.execute(sql`INSERT INTO sirene_staging (import_id, siren, name, legal_category, kind, ceased)
      VALUES ('00000000-0000-4000-8000-000000000001', '999000011', 'RESTE', '7220', 'departement', false)`);
    expect(await run(UNITS)).toMatchObject({ created: 0, updated: 0, unchanged: 22 });
    const pglite = typeof (t.db as unknown as { $client: { connect?: unknown } }).$client.connect !== 'function';
    const [{ n }] = await rows<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM sirene_staging`);
    expect(n).toBe(pglite ? 0 : 1);
    await t.db.execute(sql`DELETE FROM sirene_staging`);
  });

  it('the organisation page gives the source, acronym and ceased state; search finds the acronym', async () => {
    const found = (await t.agent().get('/api/organisations?q=HCF')).json();
    expect(found.items[0]).toMatchObject({ siren: '999000102', kind: 'hopital' });
    const byKind = (await t.agent().get('/api/organisations?kind=securite_sociale')).json();
    expect(byKind.items.map((i: { siren: string }) => i.siren)).toEqual(['999000201']);
    const ceased = (await t.db.execute(sql`SELECT id FROM organisations WHERE siren = '999000086'`)) as unknown as { rows: { id: string }[] };
    const page = (await t.agent().get(`/api/organisations/${ceased.rows[0]!.id}`)).json();
    expect(page).toMatchObject({ source: 'sirene', legalCategory: '7353', ceased: true, ceasedOn: '2022-12-31', kind: 'syndicat' });
  });
});

describe('issue 15, item 2: buyers seen in DECP', () => {
  // Three buyers: 99900025000017 (the SA 5599 of the stock, named in the 2019 format), 99900030000012
  // (named twice « SYNDICAT FICTIF DES DONNEES », once « Synd. fictif ») and 99900031000011 (no name).
  function decpFile() {
    const rec = (id: string, buyer: { id: string; nom?: string }, amount: number) => ({
      id, acheteur: buyer, nature: 'Marché', objet: `Objet ${id}`, codeCPV: '79000000', procedure: 'Procédure adaptée',
      lieuExecution: { code: '69123', typeCode: 'Code commune', nom: 'Lyon' }, dureeMois: 12, dateNotification: '2023-03-01',
      datePublicationDonnees: '2023-03-02', montant: amount, formePrix: 'Ferme', titulaires: [], modifications: [],
    });
    const file = path.join(tmp, 'decp-acheteurs.json');
    fs.writeFileSync(file, JSON.stringify({ marches: [
      rec('A1', { id: '99900025000017', nom: 'SPL Fictive des Essais' }, 100000),
      rec('B1', { id: '99900030000012', nom: 'SYNDICAT FICTIF DES DONNEES' }, 50000),
      rec('B2', { id: '99900030000012', nom: 'SYNDICAT FICTIF DES DONNEES' }, 60000),
      rec('B3', { id: '99900030000012', nom: 'Synd. fictif' }, 70000),
      rec('C1', { id: '99900031000011' }, 80000),
      rec('D1', { id: '21690123100011', nom: 'Ville de Lyon' }, 90000),
    ] }));
    return file;
  }

  it('every buyer SIREN absent from the registry becomes an organisation known from procurement data', async () => {
    const before = (await snapshot()).n;
    const out = await decpImport(t.deps, [decpFile()], { json: true });
    expect(out.exitCode).toBe(0);
    // Lyon is in the registry already: three new organisations.
    expect((await snapshot()).n).toBe(before + 3);
    expect(await org('999000250')).toMatchObject({ name: 'SPL Fictive des Essais', kind: 'autre', source: 'decp', legal_category: null });
    expect(await org('999000300')).toMatchObject({ name: 'SYNDICAT FICTIF DES DONNEES', source: 'decp' });
    expect(await org('999000310')).toMatchObject({ name: 'Acheteur 999 000 310', source: 'decp' });
    expect(await org('216901231')).toMatchObject({ name: 'Lyon', source: 'decoupage-administratif' });
    expect(await mergeSearchIndexes(t.db)).toBe(0);
    // A re-import changes nothing.
    await decpImport(t.deps, [decpFile()], { json: true });
    expect((await snapshot()).n).toBe(before + 3);
  });

  it('they are searchable and have a page whose verdict treats their kind as unknown', async () => {
    const found = (await t.agent().get(`/api/organisations?q=${encodeURIComponent('syndicat fictif des donnees')}`)).json();
    expect(found.items[0]).toMatchObject({ siren: '999000300', kind: 'autre' });
    const page = (await t.agent().get(`/api/organisations/${found.items[0].id}?date=2023-06-30&year=2023`)).json();
    expect(page).toMatchObject({ source: 'decp', legalCategory: null });
    expect(page.obligation.status).toBe('uncertain');
    expect(page.obligation.reasons[0]).toMatch(/n'est connu que par les données de la commande publique/);
    const bySiren = (await t.agent().get('/api/organisations?q=999 000 310')).json();
    expect(bySiren.items[0]).toMatchObject({ name: 'Acheteur 999 000 310' });
  });

  it('a SIRENE import then keeps every DECP buyer, and gives it the register name and kind', async () => {
    const r = await run(UNITS);
    // The SA 5599 is now kept (as « autre »): 23 units; it exists (source decp), so it is updated.
    expect(r).toMatchObject({ kept: 23, created: 0, updated: 1, unchanged: 22 });
    expect(r.byKind.autre).toBe(1);
    expect(await org('999000250')).toMatchObject({ name: 'SOCIETE PUBLIQUE LOCALE FICTIVE', acronym: 'SPL TEST', kind: 'autre', legal_category: '5599', source: 'sirene' });
    // Not in the stock: stays as DECP showed it.
    expect(await org('999000300')).toMatchObject({ source: 'decp' });
    const id = (await rows<{ id: string }>(t.db, sql`SELECT id FROM organisations WHERE siren = '999000250'`))[0]!.id;
    const page = (await t.agent().get(`/api/organisations/${id}?date=2023-06-30&year=2023`)).json();
    // Its kind is known now: before 25 Oct 2023 an « autre » buyer was not concerned.
    expect(page.obligation).toMatchObject({ status: 'not_concerned', source: 'rule' });
  });
});

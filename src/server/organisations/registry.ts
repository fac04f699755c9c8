/**
 * The buyers registry seed: territories (régions, départements, communes) and the organisations
 * that buy (communes, EPCI, départements, régions, special-status collectivités).
 *
 * Communes and EPCI come from @etalab/decoupage-administratif (INSEE COG + DGCL, with SIREN);
 * the councils of départements and régions and the special-status collectivités come from
 * data/registry/collectivites.csv, whose SIRENs are only those that real data establishes
 * (see data/registry/README.md); the others stay empty ("SIREN à compléter").
 */
import { isValidSiren } from '../../shared/fields.js';
import { mergeSearchIndexes } from './search-indexes.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../platform/db.js';
import { projectRoot } from '../platform/paths.js';
import { organisationKinds, type OrganisationKind } from './organisations.tables.js';

type PkgCommune = {
  code: string;
  nom: string;
  zone: string;
  type: string;
  departement: string;
  region: string;
  siren?: string;
  codesPostaux?: string[];
  population?: number;
};
type PkgEpci = {
  code: string;
  nom: string;
  type: string;
  populationTotale: number;
  membres: { code: string; siren: string; nom: string; populationTotale: number }[];
};
type PkgDepartement = { code: string; nom: string; region: string; zone: string };
type PkgRegion = { code: string; nom: string; zone: string };

type TerritoryRow = {
  id: string;
  kind: 'region' | 'departement' | 'commune';
  code: string;
  name: string;
  region_code: string | null;
  departement_code: string | null;
  population: number | null;
};
type OrganisationRow = {
  siren: string | null;
  name: string;
  kind: OrganisationKind;
  sub_kind: string | null;
  population: number | null;
  territory_id: string;
  region_code: string | null;
  departement_code: string | null;
  postcodes: string[];
  source: 'decoupage-administratif' | 'table';
};

/** One row of data/registry/collectivites.csv. */
export type CollectiviteRow = {
  kind: 'departement' | 'region' | 'collectivite_statut_particulier';
  name: string;
  siren: string | null;
  territoryId: string;
  regionCode: string | null;
  departementCode: string | null;
  sirenSource: string | null;
};

const SOURCE_PACKAGE = 'decoupage-administratif';
const CHUNK = 1000;
/** Départements whose communes and EPCI make the test fixture (a métropole, Corsica, overseas). */
const FIXTURE_DEPARTEMENTS = new Set(['69', '2A', '971']);
/**
 * Councils covering more than their territory_id: the Collectivité européenne d'Alsace
 * (territory 'departement:67') also administers Haut-Rhin. Used for population only.
 */
const EXTRA_DEPARTEMENTS: Record<string, string[]> = {
  'collectivite_statut_particulier|departement:67': ['68'],
};
export const collectivitesCsvUrl = path.join(projectRoot, 'data', 'registry', 'collectivites.csv');

type PackageData = {
  regions: PkgRegion[];
  departements: PkgDepartement[];
  /** Communes actuelles of metropolitan France and the DROM (all have a SIREN). */
  communes: (PkgCommune & { siren: string })[];
  epci: PkgEpci[];
};
let packageCache: PackageData | undefined;

/** The package data restricted to metropolitan France and the DROM (overseas collectivities have no SIREN). */
function loadPackage(): PackageData {
  if (packageCache) return packageCache;
  const require = createRequire(import.meta.url);
  const load = <T>(name: string) => require(`@etalab/decoupage-administratif/data/${name}.json`) as T[];
  const inScope = (zone: string) => zone === 'metro' || zone === 'drom';
  packageCache = {
    regions: load<PkgRegion>('regions').filter((r) => inScope(r.zone)),
    departements: load<PkgDepartement>('departements').filter((d) => inScope(d.zone)),
    communes: load<PkgCommune>('communes').filter(
      (c): c is PkgCommune & { siren: string } => c.type === 'commune-actuelle' && inScope(c.zone) && !!c.siren,
    ),
    epci: load<PkgEpci>('epci'),
  };
  return packageCache;
}

let csvCache: CollectiviteRow[] | undefined;

/** Parses data/registry/collectivites.csv (UTF-8, ';', no quoting: the file avoids ';' in values). */
export function loadCollectivites(): CollectiviteRow[] {
  if (csvCache) return csvCache;
  const text = readFileSync(collectivitesCsvUrl, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0].split(';');
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`collectivites.csv: missing column ${name}`);
    return i;
  };
  const c = {
    kind: col('kind'),
    name: col('name'),
    siren: col('siren'),
    territory: col('territory_id'),
    region: col('region_code'),
    departement: col('departement_code'),
    source: col('siren_source'),
  };
  const seen = new Set<string>();
  const result = lines.slice(1).map((line, i) => {
    const f = line.split(';');
    const where = `collectivites.csv line ${i + 2}`;
    if (f.length !== header.length) throw new Error(`${where}: ${f.length} fields, expected ${header.length}`);
    const kind = f[c.kind] as CollectiviteRow['kind'];
    if (!['departement', 'region', 'collectivite_statut_particulier'].includes(kind) || !organisationKinds.includes(kind)) {
      throw new Error(`${where}: unknown kind ${kind}`);
    }
    const siren = f[c.siren].trim() || null;
    if (siren && !isValidSiren(siren)) throw new Error(`${where}: invalid SIREN ${siren}`);
    if (siren && !f[c.source].trim()) throw new Error(`${where}: SIREN without siren_source`);
    const key = `${kind}|${f[c.territory]}`;
    if (seen.has(key)) throw new Error(`${where}: duplicate (kind, territory_id) ${key}`);
    seen.add(key);
    return {
      kind,
      name: f[c.name].trim(),
      siren,
      territoryId: f[c.territory].trim(),
      regionCode: f[c.region].trim() || null,
      departementCode: f[c.departement].trim() || null,
      sirenSource: f[c.source].trim() || null,
    };
  });
  csvCache = result;
  return result;
}

const sortedUnique = (values: Iterable<string>) => [...new Set(values)].sort();

/** Everything the seed would insert, computed from the package data and the CSV. */
function buildRegistry(fixture: boolean): { territories: TerritoryRow[]; organisations: OrganisationRow[] } {
  const pkg = loadPackage();
  const csv = loadCollectivites();
  const communeByCode = new Map(pkg.communes.map((c) => [c.code, c]));
  const communeBySiren = new Map(pkg.communes.map((c) => [c.siren, c]));
  const epciBySiren = new Map(pkg.epci.map((e) => [e.code, e]));
  const regionOfDep = new Map(pkg.departements.map((d) => [d.code, d.region]));

  // Départements and régions carry no population in the package: sum their communes'.
  const depPopulation = new Map<string, number>();
  const regPopulation = new Map<string, number>();
  for (const c of pkg.communes) {
    depPopulation.set(c.departement, (depPopulation.get(c.departement) ?? 0) + (c.population ?? 0));
    regPopulation.set(c.region, (regPopulation.get(c.region) ?? 0) + (c.population ?? 0));
  }

  const territories: TerritoryRow[] = [
    ...pkg.regions.map((r) => ({
      id: `region:${r.code}`,
      kind: 'region' as const,
      code: r.code,
      name: r.nom,
      region_code: r.code,
      departement_code: null,
      population: regPopulation.get(r.code) ?? null,
    })),
    ...pkg.departements.map((d) => ({
      id: `departement:${d.code}`,
      kind: 'departement' as const,
      code: d.code,
      name: d.nom,
      region_code: d.region,
      departement_code: d.code,
      population: depPopulation.get(d.code) ?? null,
    })),
  ];
  const communes = fixture ? pkg.communes.filter((c) => FIXTURE_DEPARTEMENTS.has(c.departement)) : pkg.communes;
  for (const c of communes) {
    territories.push({
      id: `commune:${c.code}`,
      kind: 'commune',
      code: c.code,
      name: c.nom,
      region_code: c.region,
      departement_code: c.departement,
      population: c.population ?? null,
    });
  }

  // EPCI: the département holding most of the member population (89 EPCI straddle several).
  const epciRows = pkg.epci.map((e) => {
    const byDep = new Map<string, number>();
    for (const m of e.membres) {
      const dep = communeByCode.get(m.code)?.departement;
      if (dep) byDep.set(dep, (byDep.get(dep) ?? 0) + (m.populationTotale ?? 0));
    }
    const dep = [...byDep].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
    const postcodes = sortedUnique(e.membres.flatMap((m) => communeByCode.get(m.code)?.codesPostaux ?? []));
    return { e, dep, postcodes };
  });

  // A collectivité of the CSV that the package lists as a commune (Ville de Paris) or an EPCI
  // (Métropole de Lyon, MET69) is inserted once, from the CSV, with the package's figures.
  const csvSirens = new Set(csv.map((r) => r.siren).filter((s): s is string => s !== null));
  const met69 = pkg.epci.find((e) => e.type === 'MET69');
  const met69Population = met69?.membres.reduce((s, m) => s + (communeByCode.get(m.code)?.population ?? 0), 0) ?? 0;

  const organisations: OrganisationRow[] = csv.map((r) => {
    const asCommune = r.siren ? communeBySiren.get(r.siren) : undefined;
    const asEpci = r.siren ? epciBySiren.get(r.siren) : undefined;
    const epciRow = asEpci && epciRows.find((x) => x.e === asEpci);
    let population: number | null = null;
    if (asCommune) population = asCommune.population ?? null;
    else if (asEpci) population = asEpci.populationTotale;
    else {
      const [tKind, tCode] = r.territoryId.split(':');
      if (tKind === 'region') population = regPopulation.get(tCode) ?? null;
      if (tKind === 'departement') {
        const deps = [tCode, ...(EXTRA_DEPARTEMENTS[`${r.kind}|${r.territoryId}`] ?? [])];
        population = deps.reduce((s, d) => s + (depPopulation.get(d) ?? 0), 0);
        // The Rhône council administers only the part outside the Métropole de Lyon.
        if (r.kind === 'departement' && tCode === '69') population -= met69Population;
      }
    }
    return {
      siren: r.siren,
      name: r.name,
      kind: r.kind,
      sub_kind: asEpci ? asEpci.type : null,
      population,
      territory_id: r.territoryId,
      region_code: r.regionCode,
      departement_code: r.departementCode,
      postcodes: asCommune ? sortedUnique(asCommune.codesPostaux ?? []) : (epciRow?.postcodes ?? []),
      source: 'table',
    };
  });

  for (const c of communes) {
    if (csvSirens.has(c.siren)) continue;
    organisations.push({
      siren: c.siren,
      name: c.nom,
      kind: 'commune',
      sub_kind: null,
      population: c.population ?? null,
      territory_id: `commune:${c.code}`,
      region_code: c.region,
      departement_code: c.departement,
      postcodes: sortedUnique(c.codesPostaux ?? []),
      source: SOURCE_PACKAGE,
    });
  }
  for (const { e, dep, postcodes } of epciRows) {
    if (csvSirens.has(e.code)) continue;
    if (fixture && !(dep && FIXTURE_DEPARTEMENTS.has(dep))) continue;
    organisations.push({
      siren: e.code,
      name: e.nom,
      kind: 'epci',
      sub_kind: e.type,
      population: e.populationTotale,
      territory_id: dep ? `departement:${dep}` : '',
      region_code: dep ? (regionOfDep.get(dep) ?? null) : null,
      departement_code: dep,
      postcodes,
      source: SOURCE_PACKAGE,
    });
  }
  return { territories, organisations };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function insertTerritories(db: Db, batch: TerritoryRow[]): Promise<number> {
  const [res] = await rows<{ n: number }>(
    db,
    sql`with ins as (
      insert into territories (id, kind, code, name, region_code, departement_code, population)
      select r.id, r.kind, r.code, r.name, r.region_code, r.departement_code, r.population
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as r(
        id text, kind text, code text, name text, region_code text, departement_code text, population integer)
      on conflict (id) do nothing
      returning 1
    ) select count(*)::int as n from ins`,
  );
  return Number(res.n);
}

/**
 * Inserts organisations not yet present: same SIREN (unique index), and, with `byTerritory`
 * (the CSV rows, some without SIREN), same (kind, territory_id), so a row whose SIREN an admin
 * has completed since is not inserted again.
 */
async function insertOrganisations(db: Db, batch: OrganisationRow[], now: Date, byTerritory: boolean): Promise<number> {
  const territoryCheck = byTerritory
    ? sql`where not exists (select 1 from organisations o where o.kind = r.kind and o.territory_id = r.territory_id)`
    : sql``;
  const at = now.toISOString();
  const [res] = await rows<{ n: number }>(
    db,
    sql`with ins as (
      insert into organisations (siren, name, kind, sub_kind, population, territory_id, region_code,
        departement_code, postcodes, source, created_at, updated_at)
      select r.siren, r.name, r.kind, r.sub_kind, r.population, nullif(r.territory_id, ''), r.region_code,
        r.departement_code, array(select jsonb_array_elements_text(r.postcodes)), r.source,
        ${at}::timestamptz, ${at}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as r(
        siren text, name text, kind text, sub_kind text, population integer, territory_id text,
        region_code text, departement_code text, postcodes jsonb, source text)
      ${territoryCheck}
      on conflict (siren) do nothing
      returning 1
    ) select count(*)::int as n from ins`,
  );
  return Number(res.n);
}

/**
 * Seeds territories and organisations from @etalab/decoupage-administratif and
 * data/registry/collectivites.csv. Idempotent: a second run inserts nothing. Each chunk of
 * rows is its own short statement (PGlite has one connection). With `fixture`, only the
 * régions, départements, CSV collectivités and the communes and EPCI of 69, 2A and 971.
 */
export async function seedRegistry(
  db: Db,
  now: Date,
  opts: { fixture?: boolean } = {},
): Promise<{ territories: number; organisations: number }> {
  const plan = buildRegistry(opts.fixture === true);
  let territories = 0;
  for (const batch of chunks(plan.territories, CHUNK)) territories += await insertTerritories(db, batch);
  let organisations = 0;
  const fromTable = plan.organisations.filter((o) => o.source === 'table');
  const fromPackage = plan.organisations.filter((o) => o.source !== 'table');
  for (const batch of chunks(fromTable, CHUNK)) organisations += await insertOrganisations(db, batch, now, true);
  for (const batch of chunks(fromPackage, CHUNK)) organisations += await insertOrganisations(db, batch, now, false);
  await mergeSearchIndexes(db);
  return { territories, organisations };
}

/** Expected sizes of a full seed, computed from the package data and the CSV (for the benchmark). */
export function registryCounts(): {
  regions: number;
  departements: number;
  communes: number;
  epci: number;
  collectivites: number;
  territories: number;
  organisations: number;
} {
  const pkg = loadPackage();
  const csv = loadCollectivites();
  const csvSirens = new Set(csv.map((r) => r.siren).filter(Boolean));
  const communes = pkg.communes.length;
  return {
    regions: pkg.regions.length,
    departements: pkg.departements.length,
    communes,
    epci: pkg.epci.length,
    collectivites: csv.length,
    territories: pkg.regions.length + pkg.departements.length + pkg.communes.length,
    // Ville de Paris and the Métropole de Lyon appear both in the package and in the CSV: counted once.
    organisations:
      csv.length +
      pkg.communes.filter((c) => !csvSirens.has(c.siren)).length +
      pkg.epci.filter((e) => !csvSirens.has(e.code)).length,
  };
}

/**
 * `entraide registry import-sirene`: the buyers of INSEE's « Stock des unités légales » into the
 * registry (ADR 0021). The stock is streamed; the units kept (buyer catégories juridiques, and every
 * SIREN seen as a buyer in the imported DECP) are staged in batches under an import id, then merged
 * into organisations in one transaction: all or nothing, and a re-import changes nothing.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../platform/context.js';
import { rows, type Db } from '../../platform/db.js';
import { mergeSearchIndexes } from '../search-indexes.js';
import { isValidSiren } from '../../../shared/fields.js';
import { sireneStaging, type OrganisationKind } from '../organisations.tables.js';
import { kindOfCategory } from './categories.js';
import { readStock, SireneFileError } from './read.js';

export { SireneFileError } from './read.js';

export type SireneLimits = {
  /** Units kept at most: the real stock keeps about 10⁵; more means the file is not what it says. */
  maxKept: number;
  /** Lines refused (bad SIREN, wrong field count) at most, before the whole file is refused. */
  maxBadLines: number;
  /** Free bytes the data folder must keep (PGlite) before the import starts. */
  minFreeBytes: number;
};
export const DEFAULT_LIMITS: SireneLimits = { maxKept: 1_000_000, maxBadLines: 10_000, minFreeBytes: 256 * 1024 * 1024 };

export type SireneReport = {
  /** Data lines of the units stock. */
  read: number;
  /** Units kept, per organisation kind. */
  kept: number;
  byKind: Partial<Record<OrganisationKind, number>>;
  ceased: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Councils of the registry that had no SIREN and got it from the stock (by name or head office). */
  sirenCompleted: number;
  /** Lines skipped with a warning: a bad SIREN or a wrong number of fields. */
  skipped: number;
  warnings: { file: string; line: number; reason: string }[];
  establishments: { read: number; headOffices: number } | null;
  seconds: number;
};

export type SireneOptions = {
  etablissements?: string;
  onProgress?: (file: string, done: number, total: number) => void;
  limits?: Partial<SireneLimits>;
  /** Test hook: called after each staged batch (a failure there must leave nothing visible). */
  afterBatch?: (staged: number) => Promise<void> | void;
  /** The data folder whose free space is checked (PGlite); none on PostgreSQL. */
  dataDir?: string;
};

const MAX_NAME = 300;
const MAX_ACRONYM = 40;
const WARNINGS_LISTED = 20;
const STAGE_BATCH = 1000;

type Staged = {
  siren: string; name: string; acronym: string | null; legal_category: string; kind: OrganisationKind;
  ceased: boolean; ceased_on: string | null; nic_siege: string | null;
};

const clean = (s: string | undefined) => (s ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
const isoDate = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? s : null);

async function insertStaged(db: Db, importId: string, batch: Staged[]) {
  await db.execute(sql`INSERT INTO sirene_staging (import_id, siren, name, acronym, legal_category, kind, ceased, ceased_on, nic_siege)
    SELECT ${importId}::uuid, r.siren, r.name, r.acronym, r.legal_category, r.kind, r.ceased, r.ceased_on::date, r.nic_siege
    FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS r(siren text, name text, acronym text, legal_category text, kind text, ceased boolean, ceased_on text, nic_siege text)
    ON CONFLICT (import_id, siren) DO UPDATE SET name = excluded.name, acronym = excluded.acronym, legal_category = excluded.legal_category,
      kind = excluded.kind, ceased = excluded.ceased, ceased_on = excluded.ceased_on, nic_siege = excluded.nic_siege`);
}

async function setHeadOffices(db: Db, importId: string, batch: { siren: string; commune: string | null; postcode: string | null }[]) {
  await db.execute(sql`UPDATE sirene_staging s SET commune_code = r.commune, postcode = r.postcode
    FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS r(siren text, commune text, postcode text)
    WHERE s.import_id = ${importId}::uuid AND s.siren = r.siren`);
}

function checkFreeSpace(dataDir: string | undefined, minFree: number) {
  if (!dataDir || !fs.existsSync(dataDir)) return;
  const st = fs.statfsSync(dataDir);
  const free = Number(st.bavail) * Number(st.bsize);
  if (free < minFree) {
    const mo = (n: number) => `${new Intl.NumberFormat('fr-FR').format(Math.round(n / 1024 / 1024))} Mo`;
    throw new SireneFileError(
      `Espace disque insuffisant dans ${dataDir} : ${mo(free)} libres, ${mo(minFree)} nécessaires pour importer le répertoire. Libérez de la place puis relancez l'import (rien n'a été modifié).`,
    );
  }
}

/** Imports a SIRENE units stock (and, optionally, the establishments stock for head-office communes). */
export async function importSirene(deps: Deps, file: string, opts: SireneOptions = {}): Promise<SireneReport> {
  const started = performance.now();
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  checkFreeSpace(opts.dataDir, limits.minFreeBytes);
  // Stated before anything is read: a missing establishments file changes nothing either.
  if (opts.etablissements && !fs.existsSync(opts.etablissements)) throw new SireneFileError(`Fichier introuvable : ${opts.etablissements}`);
  const importId = randomUUID();
  // PGlite has one process per data folder: staging rows found now were left by an import that was
  // killed (kill -9, power cut), never merged. On PostgreSQL another import may be running: kept.
  const client = (deps.db as unknown as { $client: { connect?: unknown } }).$client;
  if (typeof client.connect !== 'function') await deps.db.delete(sireneStaging);
  const report: SireneReport = {
    read: 0, kept: 0, byKind: {}, ceased: 0, created: 0, updated: 0, unchanged: 0, sirenCompleted: 0, skipped: 0, warnings: [],
    establishments: null, seconds: 0,
  };
  const warn = (f: string, line: number, reason: string) => {
    report.skipped++;
    if (report.warnings.length < WARNINGS_LISTED) report.warnings.push({ file: f, line, reason });
    if (report.skipped > limits.maxBadLines) {
      throw new SireneFileError(`Plus de ${limits.maxBadLines} lignes invalides : ce fichier n'est pas un stock SIRENE utilisable (rien n'a été importé).`);
    }
  };
  // Every SIREN seen as a buyer in the imported DECP is kept whatever its category (issue 15, item 2).
  const decpBuyers = new Set(
    (await rows<{ siren: string }>(deps.db, sql`SELECT DISTINCT buyer_siren AS siren FROM decp_siren_years`)).map((r) => r.siren),
  );
  const headOffice = new Map<string, string>();
  try {
    // Kept units are few (0.4 % of the real stock): they are sent 1 000 at a time, not per batch read.
    let staged: Staged[] = [];
    const flush = async () => {
      if (!staged.length) return;
      const batch = staged;
      staged = [];
      await insertStaged(deps.db, importId, batch);
      await opts.afterBatch?.(report.kept);
    };
    let c: Record<'siren' | 'sigle' | 'denomination' | 'usuelle' | 'category' | 'state' | 'start' | 'nic', number> | undefined;
    const width = { n: 0 };
    for await (const batch of readStock(
      file,
      'units',
      (col) => {
        c = {
          siren: col('siren'), sigle: col('sigleUniteLegale'), denomination: col('denominationUniteLegale'),
          usuelle: col('denominationUsuelle1UniteLegale'), category: col('categorieJuridiqueUniteLegale'),
          state: col('etatAdministratifUniteLegale'), start: col('dateDebut'), nic: col('nicSiegeUniteLegale'),
        };
      },
      opts.onProgress && ((done, total) => opts.onProgress!(file, done, total)),
    )) {
      for (const { line, fields } of batch) {
        report.read++;
        if (!width.n) width.n = Math.max(...Object.values(c!)) + 1;
        if (fields.length < width.n) {
          warn(file, line, `ligne incomplète (${fields.length} champs)`);
          continue;
        }
        const siren = fields[c!.siren]!.trim();
        if (!isValidSiren(siren)) {
          warn(file, line, `SIREN invalide (${siren.slice(0, 20) || 'vide'})`);
          continue;
        }
        const category = fields[c!.category]!.trim();
        let kind = kindOfCategory(category);
        // Sole traders (catégorie 1xxx) are never buyers, even when a DECP file names one.
        if (!kind && decpBuyers.has(siren) && /^[2-9]\d{3}$/.test(category)) kind = 'autre';
        if (!kind) continue;
        const name = clean(fields[c!.denomination]) || clean(fields[c!.usuelle]) || `Unité légale ${siren}`;
        const acronym = clean(fields[c!.sigle]);
        const ceased = fields[c!.state]!.trim() === 'C';
        const nic = fields[c!.nic]!.trim();
        staged.push({
          siren,
          name: name.slice(0, MAX_NAME),
          acronym: acronym && acronym.length <= MAX_ACRONYM ? acronym : null,
          legal_category: category,
          kind,
          ceased,
          ceased_on: ceased ? isoDate(fields[c!.start]!.trim()) : null,
          nic_siege: /^\d{5}$/.test(nic) ? nic : null,
        });
        if (/^\d{5}$/.test(nic)) headOffice.set(siren, nic);
        report.kept++;
        report.byKind[kind] = (report.byKind[kind] ?? 0) + 1;
        if (ceased) report.ceased++;
        if (report.kept > limits.maxKept) {
          throw new SireneFileError(`Plus de ${limits.maxKept} unités retenues : ce fichier n'est pas le stock des unités légales attendu (rien n'a été importé).`);
        }
      }
      if (staged.length >= STAGE_BATCH) await flush();
    }
    await flush();

    if (opts.etablissements) {
      const est = opts.etablissements;
      report.establishments = { read: 0, headOffices: 0 };
      let e: { siren: number; nic: number; commune: number; postcode: number } | undefined;
      let found: { siren: string; commune: string | null; postcode: string | null }[] = [];
      const flushFound = async () => {
        if (!found.length) return;
        const batch = found;
        found = [];
        report.establishments!.headOffices += batch.length;
        await setHeadOffices(deps.db, importId, batch);
      };
      for await (const batch of readStock(
        est,
        'establishments',
        (col) => {
          e = { siren: col('siren'), nic: col('nic'), commune: col('codeCommuneEtablissement'), postcode: col('codePostalEtablissement') };
        },
        opts.onProgress && ((done, total) => opts.onProgress!(est, done, total)),
      )) {
        for (const { fields } of batch) {
          report.establishments.read++;
          const siren = fields[e!.siren]?.trim();
          if (!siren || headOffice.get(siren) !== fields[e!.nic]?.trim()) continue;
          const commune = fields[e!.commune]?.trim() ?? '';
          const postcode = fields[e!.postcode]?.trim() ?? '';
          found.push({ siren, commune: /^[0-9][0-9AB][0-9]{3}$/.test(commune) ? commune : null, postcode: /^\d{5}$/.test(postcode) ? postcode : null });
        }
        if (found.length >= STAGE_BATCH) await flushFound();
      }
      await flushFound();
    }
    Object.assign(report, await mergeSirene(deps, importId));
    await mergeSearchIndexes(deps.db);
    report.byKind = Object.fromEntries(Object.entries(report.byKind).sort(([a], [b]) => a.localeCompare(b)));
    report.seconds = Math.round((performance.now() - started) / 10) / 100;
    return report;
  } finally {
    // Staged rows are never visible; once merged (or on failure) they go.
    await deps.db.delete(sireneStaging).where(eq(sireneStaging.importId, importId));
  }
}

/** What the merge changes, compared as one tuple: a re-import that changes nothing updates nothing. */
const MERGED = {
  name: sql.raw(`CASE WHEN o.source IN ('sirene', 'decp') THEN x.name ELSE o.name END`),
  kind: sql.raw(`CASE WHEN o.source IN ('sirene', 'decp') THEN x.kind ELSE o.kind END`),
  territory: sql.raw(`CASE WHEN o.source IN ('sirene', 'decp') THEN coalesce(x.territory_id, o.territory_id) ELSE coalesce(o.territory_id, x.territory_id) END`),
  region: sql.raw(`CASE WHEN o.source IN ('sirene', 'decp') THEN coalesce(x.region_code, o.region_code) ELSE coalesce(o.region_code, x.region_code) END`),
  departement: sql.raw(`CASE WHEN o.source IN ('sirene', 'decp') THEN coalesce(x.departement_code, o.departement_code) ELSE coalesce(o.departement_code, x.departement_code) END`),
  postcodes: sql.raw(`CASE WHEN cardinality(o.postcodes) = 0 OR o.source IN ('sirene', 'decp') AND cardinality(x.postcodes) > 0 THEN x.postcodes ELSE o.postcodes END`),
  source: sql.raw(`CASE WHEN o.source = 'decp' THEN 'sirene' ELSE o.source END`),
};

/**
 * One transaction: councils of the registry without SIREN get theirs (same kind and same name once
 * folded, or, for a département, its head office in the département), then every staged unit is
 * inserted or updated. Rows from curated sources (the package, the table, an admin) keep their name
 * and kind; units first known from DECP take the register's name and kind.
 */
async function mergeSirene(deps: Deps, importId: string) {
  const now = deps.clock.now().toISOString();
  return deps.db.transaction(async (tx) => {
    // Two imports merging at once (PostgreSQL) would race on the same rows: one after the other.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('entraide.sirene-merge'))`);
    const completed = await rows<{ id: string }>(
      tx,
      sql`WITH candidates AS (
            SELECT o.id, s.siren, s.ceased,
              btrim(search_normalize(o.name)) = btrim(search_normalize(s.name)) AS same_name
            FROM organisations o
            JOIN sirene_staging s ON s.import_id = ${importId}::uuid AND s.kind = o.kind
            LEFT JOIN territories t ON t.kind = 'commune' AND t.code = s.commune_code
            WHERE o.siren IS NULL AND o.kind IN ('departement', 'region', 'collectivite_statut_particulier')
              AND (btrim(search_normalize(o.name)) = btrim(search_normalize(s.name))
                OR (o.kind = 'departement' AND t.departement_code IS NOT NULL AND t.departement_code = o.departement_code))
              AND NOT EXISTS (SELECT 1 FROM organisations o2 WHERE o2.siren = s.siren)
          ),
          best AS (
            SELECT DISTINCT ON (id) id, siren FROM candidates ORDER BY id, ceased, same_name DESC, siren
          ),
          unique_best AS (
            SELECT id, siren FROM best b WHERE (SELECT count(*) FROM best b2 WHERE b2.siren = b.siren) = 1
          )
          UPDATE organisations o SET siren = u.siren, updated_at = ${now}::timestamptz
          FROM unique_best u WHERE o.id = u.id
          RETURNING o.id`,
    );
    const staged = sql`
      SELECT s.siren, s.name, s.acronym, s.legal_category, s.kind, s.ceased, s.ceased_on,
        t.id AS territory_id, t.region_code, t.departement_code,
        CASE WHEN s.postcode IS NULL THEN '{}'::text[] ELSE ARRAY[s.postcode] END AS postcodes
      FROM sirene_staging s LEFT JOIN territories t ON t.kind = 'commune' AND t.code = s.commune_code
      WHERE s.import_id = ${importId}::uuid`;
    const [{ updated }] = (await rows<{ updated: number }>(
      tx,
      sql`WITH x AS (${staged}),
          upd AS (
            UPDATE organisations o SET
              name = ${MERGED.name}, kind = ${MERGED.kind}, acronym = x.acronym, legal_category = x.legal_category,
              ceased = x.ceased, ceased_on = x.ceased_on, territory_id = ${MERGED.territory}, region_code = ${MERGED.region},
              departement_code = ${MERGED.departement}, postcodes = ${MERGED.postcodes}, source = ${MERGED.source},
              updated_at = ${now}::timestamptz
            FROM x
            WHERE o.siren = x.siren
              AND (${MERGED.name}, ${MERGED.kind}, x.acronym, x.legal_category, x.ceased, x.ceased_on, ${MERGED.territory}, ${MERGED.region},
                   ${MERGED.departement}, ${MERGED.postcodes}, ${MERGED.source})
                IS DISTINCT FROM (o.name, o.kind, o.acronym, o.legal_category, o.ceased, o.ceased_on, o.territory_id, o.region_code,
                   o.departement_code, o.postcodes, o.source)
            RETURNING 1)
          SELECT count(*)::int AS updated FROM upd`,
    )) as [{ updated: number }];
    const [{ created }] = (await rows<{ created: number }>(
      tx,
      sql`WITH x AS (${staged}),
          ins AS (
            INSERT INTO organisations (siren, name, acronym, legal_category, kind, ceased, ceased_on, territory_id, region_code,
              departement_code, postcodes, source, created_at, updated_at)
            SELECT x.siren, x.name, x.acronym, x.legal_category, x.kind, x.ceased, x.ceased_on, x.territory_id, x.region_code,
              x.departement_code, x.postcodes, 'sirene', ${now}::timestamptz, ${now}::timestamptz
            FROM x WHERE NOT EXISTS (SELECT 1 FROM organisations o WHERE o.siren = x.siren)
            -- A DECP file merged meanwhile may have added the SIREN: the next import updates it.
            ON CONFLICT (siren) DO NOTHING
            RETURNING 1)
          SELECT count(*)::int AS created FROM ins`,
    )) as [{ created: number }];
    const [{ n }] = (await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM sirene_staging WHERE import_id = ${importId}::uuid`)) as [{ n: number }];
    return { created, updated, unchanged: n - created - updated, sirenCompleted: completed.length };
  });
}

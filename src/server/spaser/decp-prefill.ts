import { inArray, sql } from 'drizzle-orm';
import { decpSource } from '../../shared/pnad.js';
import { organisations } from '../organisations/organisations.tables.js';
import type { Deps } from '../platform/context.js';
import { rows } from '../platform/db.js';
import { breakdown, indicators } from '../procurement/indicators/indicators.service.js';
import { cpvDivisions, type CpvDivision } from '../../shared/cpv.js';
import { catalogueEntry, type CatalogueEntry, type DecpMeasure } from './indicator-catalogue.js';
import type { DecpProvenance, MappingRow, SpaserContent, SpaserIndicator } from './spaser.content.js';

/**
 * Indicators of the SPASER pre-filled from the buyer's own procurement data (issue 17, item 4): the
 * shares of marchés notified in a year with an environmental / social consideration, in number and in
 * value, as the procurement module computes them (decp_buyer_years, amount exclusions included), with
 * numerator, denominator, the files they come from and when those were imported.
 */

export type MeasureFigure = { value: number; numerator: number; denominator: number };
export type YearFigures = { year: number; sourceFiles: string[]; importedAt: string | null; measures: Record<DecpMeasure, MeasureFigure | null> };
export type BuyerDecpFigures = { organisationId: string; siren: string | null; years: YearFigures[] };

/** A share in %, 2 decimals (the unit the SPASER's indicators are typed in); null without a denominator. */
const percent = (numerator: number, denominator: number): MeasureFigure | null =>
  denominator > 0 ? { value: Math.round((numerator / denominator) * 10_000) / 100, numerator, denominator } : null;

/** The SIREN of each organisation (null without one): the key of its DECP contracts, read in one query. */
async function sirensOf(deps: Deps, organisationIds: string[]): Promise<Map<string, string | null>> {
  if (!organisationIds.length) return new Map();
  const orgs = await deps.db.select({ id: organisations.id, siren: organisations.siren }).from(organisations).where(inArray(organisations.id, organisationIds));
  return new Map(orgs.map((o) => [o.id, o.siren]));
}

/** Each buyer's DECP figures per year (marchés only, dated ones), in the order of the ids given. */
export async function buyersDecpFigures(deps: Deps, organisationIds: string[]): Promise<BuyerDecpFigures[]> {
  const sirens = await sirensOf(deps, organisationIds);
  const out: BuyerDecpFigures[] = [];
  for (const id of organisationIds) {
    const siren = sirens.get(id) ?? null;
    if (!siren) {
      out.push({ organisationId: id, siren, years: [] });
      continue;
    }
    const list = (await indicators(deps, { siren })).filter((r) => r.kind === 'marche' && r.year !== null);
    // The files the year's marchés were kept from, and the latest import among them.
    const sources = await rows<{ year: number; files: string[]; at: string | Date | null }>(
      deps.db,
      sql`SELECT c.year, array_agg(DISTINCT c.source_file ORDER BY c.source_file) AS files, max(i.finished_at) AS at
          FROM decp_contracts c LEFT JOIN decp_imports i ON i.id = c.import_id
          WHERE c.buyer_siren = ${siren} AND c.kind = 'marche' AND c.year IS NOT NULL
          GROUP BY c.year`,
    );
    out.push({
      organisationId: id,
      siren,
      years: list.map((r) => {
        const src = sources.find((s) => Number(s.year) === r.year);
        return {
          year: r.year!,
          sourceFiles: src?.files ?? [],
          importedAt: src?.at ? new Date(src.at).toISOString() : null,
          measures: {
            environmental_number: percent(r.environmental.positive, r.contracts),
            environmental_value: percent(r.amount.environmental.positive, r.amount.total),
            social_number: percent(r.social.positive, r.contracts),
            social_value: percent(r.amount.social.positive, r.amount.total),
          },
        };
      }),
    });
  }
  return out;
}

function provenance(figures: BuyerDecpFigures | undefined, year: number, measure: DecpMeasure): DecpProvenance | null {
  const y = figures?.years.find((x) => x.year === year);
  const m = y?.measures[measure];
  return y && m ? { ...m, sourceFiles: y.sourceFiles, importedAt: y.importedAt } : null;
}

const filled = (year: number, p: DecpProvenance) => ({ year, value: p.value, source: decpSource, evidence: '', evidenceFileId: null, overrideReason: null, decp: p });

/**
 * A new indicator from a catalogue entry, for every buyer of the schéma. For a DECP-computable entry:
 * baseline = the buyer's last year with figures before the period (else the period's first year with
 * figures, else none), yearly values = every year of the period with figures.
 */
export function prefill(entry: CatalogueEntry, input: { id: string; period: { start: number; end: number | null }; buyers: BuyerDecpFigures[] }): SpaserIndicator {
  const perBuyer = input.buyers.map((b) => {
    const measure = entry.decp;
    if (!measure) return { organisationId: b.organisationId, baseline: null, targets: [], values: [] };
    const years = b.years.filter((y) => y.measures[measure] !== null).map((y) => y.year);
    const before = years.filter((y) => y < input.period.start);
    const inPeriod = years.filter((y) => y >= input.period.start && (input.period.end === null || y <= input.period.end));
    const baselineYear = before.length ? Math.max(...before) : inPeriod.length ? Math.min(...inPeriod) : null;
    return {
      organisationId: b.organisationId,
      baseline: baselineYear === null ? null : filled(baselineYear, provenance(b, baselineYear, measure)!),
      targets: [],
      values: inPeriod.sort((a, z) => a - z).map((y) => filled(y, provenance(b, y, measure)!)),
    };
  });
  return { id: input.id, name: entry.name, category: entry.category, unit: entry.unit, definition: entry.definition, objectiveId: null, catalogueKey: entry.key, perBuyer };
}

const fr = (n: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(n);

/**
 * On save: every figure of a DECP-computable indicator gets the data's provenance for its year (what
 * the client sent there is replaced), and a value that differs from the DECP one needs a reason.
 * Returns the indicators to store and per-field French errors (none stored when there is one).
 */
export function applyDecp(list: SpaserContent['indicators'], figures: BuyerDecpFigures[]): { indicators: SpaserContent['indicators']; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const indicatorsOut = list.map((ind, i) => {
    if (ind.catalogueKey === null) return ind;
    const entry = catalogueEntry(ind.catalogueKey);
    if (!entry) {
      errors[`${i}.catalogueKey`] = "Cet indicateur n'est pas (ou plus) dans le catalogue : choisissez-en un autre ou créez un indicateur libre.";
      return ind;
    }
    const measure = entry.decp;
    if (!measure) return ind;
    if (ind.unit !== entry.unit) {
      errors[`${i}.unit`] = `Cet indicateur est calculé depuis les données essentielles en ${entry.unit === 'pct_value' ? 'part de la valeur' : 'part du nombre'} des marchés : gardez cette unité, ou créez un indicateur libre.`;
      return ind;
    }
    return {
      ...ind,
      perBuyer: ind.perBuyer.map((b, j) => {
        const mine = figures.find((f) => f.organisationId === b.organisationId);
        const check = <T extends NonNullable<typeof b.baseline>>(v: T, at: string): T => {
          const p = provenance(mine, v.year, measure);
          if (!p) return { ...v, decp: null };
          const differs = Math.abs(v.value - p.value) > 0.005;
          if (differs && !v.overrideReason?.trim())
            errors[`${i}.perBuyer.${j}.${at}.overrideReason`] = `La valeur calculée depuis les données essentielles pour ${v.year} est ${fr(p.value)} % (${fr(p.numerator)} sur ${fr(p.denominator)}) : gardez-la, ou indiquez pourquoi vous la remplacez.`;
          return { ...v, decp: p, overrideReason: differs ? v.overrideReason : null };
        };
        return { ...b, baseline: b.baseline && check(b.baseline, 'baseline'), values: b.values.map((v, k) => check(v, `values.${k}`)) };
      }),
    };
  });
  return { indicators: indicatorsOut, errors };
}


/** How many families of each kind the pre-filled mapping offers per buyer (the largest by number of marchés). */
const MAPPING_TOP = 12;

/**
 * The diagnostic's purchase mapping (item 3), offered pre-filled: for each buyer with a SIREN, its
 * marchés of `year` (or of its latest year with marchés) split by CPV division and by procedure —
 * the procurement module's own breakdown, amounts with its exclusions — the largest families first.
 * Nothing is saved: the editors keep, change or comment the rows.
 */
export async function diagnosticMapping(deps: Deps, buyers: { organisationId: string; name: string }[], year: number | null): Promise<{ rows: MappingRow[]; years: { organisationId: string; year: number | null }[] }> {
  const sirens = await sirensOf(deps, buyers.map((b) => b.organisationId));
  const out: MappingRow[] = [];
  const years: { organisationId: string; year: number | null }[] = [];
  for (const b of buyers) {
    const siren = sirens.get(b.organisationId) ?? null;
    const [latest] = siren
      ? await rows<{ year: number | null }>(deps.db, sql`SELECT max(year)::int AS year FROM decp_contracts WHERE buyer_siren = ${siren} AND kind = 'marche'`)
      : [];
    const y = siren ? (year ?? latest?.year ?? null) : null;
    years.push({ organisationId: b.organisationId, year: y });
    if (!siren || y === null) continue;
    for (const by of ['cpv_division', 'procedure'] as const) {
      const list = await breakdown(deps, { siren }, { by: by === 'cpv_division' ? 'cpvDivision' : 'procedure', kind: 'marche', year: y });
      for (const [i, r] of list.slice(0, MAPPING_TOP).entries()) {
        const family =
          by === 'cpv_division'
            ? r.key ? `${r.key} — ${cpvDivisions[r.key as CpvDivision] ?? 'division inconnue'}` : 'Division CPV non renseignée'
            : (r.key ?? 'Procédure non renseignée');
        out.push({ id: `${by}-${y}-${b.organisationId}-${i}`, organisationId: b.organisationId, by, family, year: y, contracts: r.contracts, amount: r.amount, comment: '' });
      }
    }
  }
  return { rows: out, years };
}

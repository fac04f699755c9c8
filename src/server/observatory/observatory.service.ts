/**
 * The observatory and an organisation's DECP indicators: computed from the kept DECP contracts
 * (procurement module), joined to the buyers registry by SIREN. Public data, public pages; only the
 * SPASER declaration changes anything.
 */
import { desc, eq, inArray, sql } from 'drizzle-orm';
import { decpSource } from '../../shared/pnad.js';
import type { AuthUser } from '../platform/auth.js';
import { checkAccess } from '../platform/access.js';
import type { Deps } from '../platform/context.js';
import { rows, type Tx } from '../platform/db.js';
import { fail, ok, type Result } from '../platform/result.js';
import { organisations } from '../organisations/organisations.tables.js';
import { spaserVerdict, thresholdAt, verdictKind, verdictPeriod } from '../organisations/obligation.js';
import { decpYears, estimateMany } from '../procurement/indicators/estimate.service.js';
import { breakdown, indicators, type IndicatorRowWithShares, type Scope, type Split } from '../procurement/indicators/indicators.service.js';
import type { BuyerRow, OrganisationIndicators, PeerYear, TerritoryRow, indicatorKeys } from './observatory.contract.js';
import { spaserDeclarations } from './observatory.tables.js';
import type { Column, Table } from './exports.js';
import { organisationKindLabels, verdictStatusLabels } from '../organisations/organisations.contract.js';
import { spaserStatusLabels, type SpaserStatusKey } from '../spaser/spaser-status.contract.js';
import { spaserStatusesOf, spaserStatusOf } from '../spaser/spaser-status.js';
import { bandedProfilesSql, similarDefinition, sizeBandLabel } from './similar.js';
import './observatory.messages.js';

const share = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null);
const iso = (d: unknown) => (d === null || d === undefined ? null : new Date(d as string).toISOString());

/** When the last import that left contracts in this scope finished (the date shown with every figure). */
async function importedAt(deps: Deps, where: ReturnType<typeof sql>): Promise<string | null> {
  const [r] = await rows<{ at: string | null }>(
    deps.db,
    sql`SELECT max(i.finished_at) AS at FROM decp_imports i WHERE i.id IN (SELECT DISTINCT c.import_id FROM decp_contracts c WHERE ${where})`,
  );
  return iso(r?.at);
}

type Who = AuthUser | null;
const auth = (user: Who) => ({ user, sessionId: null });

/** Verified members of the organisation and facilitators may declare its SPASER and read the internal API. */
export const canDeclareSpaser = (user: Who, organisationId: string) => checkAccess('organisationOrStaff', auth(user), organisationId) === 'allowed';

const splitOf = (r: Record<string, unknown>, p: string): Split => ({ positive: Number(r[`${p}p`]), negative: Number(r[`${p}n`]), unknown: Number(r[`${p}u`]) });
// Sums of decp_buyer_years rows `c` (a few rows per buyer, kept by the import; ADR 0015).
const SPLIT_SUMS = sql`coalesce(sum(c.social_positive), 0)::int AS sp, coalesce(sum(c.social_negative), 0)::int AS sn,
  coalesce(sum(c.social_unknown), 0)::int AS su, coalesce(sum(c.environmental_positive), 0)::int AS ep,
  coalesce(sum(c.environmental_negative), 0)::int AS en, coalesce(sum(c.environmental_unknown), 0)::int AS eu`;

/** The peer group's marchés, year by year, for the years the organisation has marchés (similar.ts). */
async function peerYears(deps: Deps, org: { siren: string; kind: (typeof organisations.$inferSelect)['kind'] }): Promise<PeerYear[]> {
  const years = sql`SELECT DISTINCT year FROM decp_buyer_years WHERE buyer_siren = ${org.siren} AND kind = 'marche' AND year IS NOT NULL`;
  const res = await rows<Record<string, unknown>>(
    deps.db,
    sql`WITH p AS (${bandedProfilesSql({ kind: org.kind, years })}),
        me AS (SELECT year, band FROM p WHERE siren = ${org.siren}),
        q AS (SELECT p.siren, p.year FROM p JOIN me USING (year, band) WHERE p.siren <> ${org.siren})
      SELECT me.year, me.band, count(DISTINCT q.siren)::int AS peers, coalesce(sum(c.contracts), 0)::int AS contracts, ${SPLIT_SUMS}
      FROM me LEFT JOIN q ON q.year = me.year
        LEFT JOIN decp_buyer_years c ON c.kind = 'marche' AND c.buyer_siren = q.siren AND c.year = q.year
      GROUP BY me.year, me.band ORDER BY me.year`,
  );
  return res.map((r) => {
    const contracts = Number(r.contracts);
    const social = splitOf(r, 's');
    const environmental = splitOf(r, 'e');
    return {
      year: Number(r.year),
      band: Number(r.band),
      bandLabel: sizeBandLabel(Number(r.band)),
      peers: Number(r.peers),
      contracts,
      social,
      environmental,
      socialShare: share(social.positive, contracts),
      environmentalShare: share(environmental.positive, contracts),
    };
  });
}

/** An organisation's indicators year by year, breakdowns for one year, and its peers' figures. */
export async function organisationIndicators(deps: Deps, organisationId: string, user: Who, opts: { year?: number } = {}): Promise<Result<OrganisationIndicators>> {
  const [org] = await deps.db
    .select({ id: organisations.id, siren: organisations.siren, kind: organisations.kind })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!org) return fail('NOT_FOUND');
  const can = { declareSpaser: canDeclareSpaser(user, org.id), readInternalApi: canDeclareSpaser(user, org.id) };
  const base = { organisationId: org.id, siren: org.siren, source: decpSource, peers: { definition: similarDefinition, years: [] as PeerYear[] }, can };
  if (!org.siren) return ok({ ...base, importedAt: null, rows: [], breakdownYear: null, breakdowns: [] });
  const scope: Scope = { siren: org.siren };
  const list = await indicators(deps, scope);
  const dated = list.filter((r) => r.year !== null).map((r) => r.year!);
  const breakdownYear = opts.year ?? (dated.length ? Math.max(...dated) : null);
  const breakdowns = [];
  if (breakdownYear !== null) {
    for (const kind of ['marche', 'concession'] as const) {
      if (!list.some((r) => r.kind === kind && r.year === breakdownYear)) continue;
      const [cpvDivision, purchaseType, procedure] = await Promise.all([
        breakdown(deps, scope, { by: 'cpvDivision', kind, year: breakdownYear }),
        breakdown(deps, scope, { by: 'purchaseType', kind, year: breakdownYear }),
        breakdown(deps, scope, { by: 'procedure', kind, year: breakdownYear }),
      ]);
      breakdowns.push({ kind, cpvDivision, purchaseType, procedure });
    }
  }
  return ok({
    ...base,
    importedAt: await importedAt(deps, sql`c.buyer_siren = ${org.siren}`),
    rows: list,
    breakdownYear,
    breakdowns,
    peers: { definition: similarDefinition, years: await peerYears(deps, { siren: org.siren, kind: org.kind }) },
  });
}

type IndicatorKey = (typeof indicatorKeys)[number];
const indicatorLabels: Record<IndicatorKey, string> = {
  social_share: 'Part des contrats notifiés avec une considération sociale (sur tous les contrats)',
  environmental_share: 'Part des contrats notifiés avec une considération environnementale (sur tous les contrats)',
  social_share_informed: 'Part des contrats avec une considération sociale (sur les contrats renseignés)',
  environmental_share_informed: 'Part des contrats avec une considération environnementale (sur les contrats renseignés)',
  social_completeness: 'Part des contrats où la considération sociale est renseignée',
  environmental_completeness: 'Part des contrats où la considération environnementale est renseignée',
  contracts: 'Nombre de contrats notifiés',
  amount: 'Montant des contrats notifiés (€ HT, montants aberrants exclus)',
};

/** Pure: one indicator's value, numerator and denominator from an indicators row (or none). */
export function indicatorFigures(key: IndicatorKey, row: IndicatorRowWithShares | undefined): { unit: 'share' | 'count' | 'euros'; value: number | null; numerator: number; denominator: number | null } {
  const contracts = row?.contracts ?? 0;
  const s = row?.social ?? { positive: 0, negative: 0, unknown: 0 };
  const e = row?.environmental ?? { positive: 0, negative: 0, unknown: 0 };
  const ratio = (n: number, d: number) => ({ unit: 'share' as const, value: share(n, d), numerator: n, denominator: d });
  switch (key) {
    case 'social_share': return ratio(s.positive, contracts);
    case 'environmental_share': return ratio(e.positive, contracts);
    case 'social_share_informed': return ratio(s.positive, s.positive + s.negative);
    case 'environmental_share_informed': return ratio(e.positive, e.positive + e.negative);
    case 'social_completeness': return ratio(s.positive + s.negative, contracts);
    case 'environmental_completeness': return ratio(e.positive + e.negative, contracts);
    case 'contracts': return { unit: 'count', value: contracts, numerator: contracts, denominator: null };
    case 'amount': return { unit: 'euros', value: row?.amount.total ?? 0, numerator: row?.amount.total ?? 0, denominator: null };
  }
}

/** Internal API of the SPASER builder: one computed indicator of an organisation for a year, with its source. */
export async function indicatorValue(deps: Deps, organisationId: string, input: { indicator: IndicatorKey; year: number; kind: 'marche' | 'concession' }) {
  const [org] = await deps.db.select({ id: organisations.id, siren: organisations.siren }).from(organisations).where(eq(organisations.id, organisationId));
  if (!org) return fail('NOT_FOUND');
  if (!org.siren) return fail('SIREN_MISSING');
  const [row] = (await indicators(deps, { siren: org.siren }, { year: input.year })).filter((r) => r.kind === input.kind);
  const at = row ? await importedAt(deps, sql`c.buyer_siren = ${org.siren} AND c.kind = ${input.kind} AND c.year = ${input.year}`) : null;
  return ok({
    organisationId: org.id,
    siren: org.siren,
    indicator: input.indicator,
    label: indicatorLabels[input.indicator],
    kind: input.kind,
    year: input.year,
    ...indicatorFigures(input.indicator, row),
    source: decpSource,
    importedAt: at,
  });
}

/** The nation's indicators year by year (dated contracts), marchés and concessions apart. */
export async function national(deps: Deps) {
  const list = (await indicators(deps, { nation: true })).filter((r) => r.year !== null);
  // Every finished import may have changed the national figures: the date is the last one's.
  const [last] = await rows<{ at: string | null }>(deps.db, sql`SELECT max(finished_at) AS at FROM decp_imports WHERE status = 'done'`);
  return { source: decpSource, importedAt: iso(last?.at), rows: list };
}

/** Marchés per région or département and year, through the registry (a buyer's SIREN gives its territory). */
export async function territoryShares(deps: Deps, level: 'region' | 'departement') {
  const col = level === 'region' ? sql`o.region_code` : sql`o.departement_code`;
  const res = await rows<Record<string, unknown>>(
    deps.db,
    sql`SELECT ${col} AS code, t.name, c.year, sum(c.contracts)::int AS contracts, ${SPLIT_SUMS}
      FROM decp_buyer_years c JOIN organisations o ON o.siren = c.buyer_siren
        LEFT JOIN territories t ON t.kind = ${level} AND t.code = ${col}
      WHERE c.kind = 'marche' AND c.year IS NOT NULL AND ${col} IS NOT NULL
      GROUP BY 1, 2, 3 ORDER BY 1, 3`,
  );
  const [un] = await rows<{ n: number }>(
    deps.db,
    sql`SELECT coalesce(sum(c.contracts), 0)::int AS n FROM decp_buyer_years c WHERE c.kind = 'marche' AND c.year IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM organisations o WHERE o.siren = c.buyer_siren AND ${col} IS NOT NULL)`,
  );
  const out: TerritoryRow[] = res.map((r) => {
    const contracts = Number(r.contracts);
    const social = splitOf(r, 's');
    const environmental = splitOf(r, 'e');
    return {
      code: String(r.code),
      name: (r.name as string | null) ?? String(r.code),
      year: Number(r.year),
      contracts,
      social,
      environmental,
      socialShare: share(social.positive, contracts),
      environmentalShare: share(environmental.positive, contracts),
    };
  });
  return { level, years: [...new Set(out.map((r) => r.year))].sort((a, b) => a - b), rows: out, unattributed: Number(un?.n ?? 0) };
}

export const BUYERS_PAGE_SIZE = 50;
const verdictOrder = { concerned: 0, likely_concerned: 1, uncertain: 2, likely_not_concerned: 3, not_concerned: 4 } as const;
const listed = { likely_above: ['concerned', 'likely_concerned'], uncertain: ['uncertain'], both: ['concerned', 'likely_concerned', 'uncertain'] } as const;

/**
 * Buyers likely subject to the SPASER obligation for a year's purchases, and those left uncertain, with
 * their SPASER status on the platform. Each buyer's status is the one verdict of the organisation page
 * (organisations/obligation.ts, issue 15 item 4): a member's declaration outranks the DECP estimate.
 */
export async function likelySubject(deps: Deps, input: { year?: number; status: 'likely_above' | 'uncertain' | 'both'; page: number; pageSize?: number | null }) {
  const years = await decpYears(deps);
  const pageSize0 = input.pageSize ?? BUYERS_PAGE_SIZE;
  if (!years.length) {
    const date = parisToday(deps);
    return { year: null, years, threshold: thresholdAt(date), counts: { likely_above: 0, uncertain: 0 }, items: [], total: 0, page: input.page, pageSize: pageSize0 };
  }
  const period = verdictPeriod({ year: input.year }, parisToday(deps), years);
  // One profile row per SIREN (decp_siren_years): no cache needed, every process reads the same rows.
  const all = await estimateMany(deps, period.year);
  const orgs = await deps.db
    .select({
      id: organisations.id,
      siren: organisations.siren,
      name: organisations.name,
      kind: organisations.kind,
      source: organisations.source,
      legalCategory: organisations.legalCategory,
      ceasedOn: organisations.ceasedOn,
      regionCode: organisations.regionCode,
      declaredYearlyPurchases: organisations.declaredYearlyPurchases,
      declaredPurchasesYear: organisations.declaredPurchasesYear,
    })
    .from(organisations)
    .where(sql`${organisations.siren} IN (SELECT DISTINCT buyer_siren FROM decp_buyer_years)`);
  const bySiren = new Map(orgs.map((o) => [o.siren, o]));
  const spaserOf = await spaserStatusesOf(deps.db, orgs.map((o) => o.id));
  const judged = all.map((e) => {
    const o = bySiren.get(e.siren);
    const declared = o && o.declaredYearlyPurchases !== null ? { amount: o.declaredYearlyPurchases, year: o.declaredPurchasesYear } : null;
    return { e, o, verdict: spaserVerdict({ kind: o ? verdictKind(o) : null, ceasedOn: o?.ceasedOn ?? null, ...period, declared, decp: e }) };
  });
  const counts = {
    likely_above: judged.filter((j) => (listed.likely_above as readonly string[]).includes(j.verdict.status)).length,
    uncertain: judged.filter((j) => j.verdict.status === 'uncertain').length,
  };
  const wanted = judged
    .filter((j) => (listed[input.status] as readonly string[]).includes(j.verdict.status))
    .sort((a, b) => verdictOrder[a.verdict.status] - verdictOrder[b.verdict.status] || b.e.notified.amount - a.e.notified.amount || a.e.siren.localeCompare(b.e.siren));
  const pageSize = input.pageSize === null ? Math.max(wanted.length, 1) : pageSize0;
  const items: BuyerRow[] = wanted.slice((input.page - 1) * pageSize, input.page * pageSize).map(({ e, o, verdict }) => ({
    siren: e.siren,
    organisationId: o?.id ?? null,
    name: o?.name ?? null,
    kind: o ? verdictKind(o) : null,
    regionCode: o?.regionCode ?? null,
    status: e.status,
    verdict: verdict.status,
    verdictSource: verdict.source,
    notifiedAmount: e.notified.amount,
    annualisedAmount: e.annualised.amount,
    reasons: verdict.reasons,
    spaserStatus: o ? (spaserOf.get(o.id)?.status ?? 'unknown') : null,
    spaserUrl: o ? (spaserOf.get(o.id)?.url ?? null) : null,
    spaserAdoptedOn: o ? (spaserOf.get(o.id)?.adoptedOn ?? null) : null,
  }));
  return { year: period.year, date: period.date, years, threshold: thresholdAt(period.date), counts, items, total: wanted.length, page: input.page, pageSize };
}

/** The earliest adoption date accepted: the loi ESS of 31 July 2014 created the schéma. */
export const EARLIEST_ADOPTION = '2014-07-31';

/** Pure: the French error of an adoption date, if any (`today` is the Paris calendar date, YYYY-MM-DD). */
export function adoptionDateError(adoptedOn: string, today: string): string | null {
  if (adoptedOn > today) return "La date d'adoption ne peut être dans le futur.";
  if (adoptedOn < EARLIEST_ADOPTION) return "La date d'adoption ne peut précéder la loi du 31 juillet 2014 qui a créé le schéma.";
  return null;
}

/** Today in Paris, YYYY-MM-DD. */
export const parisToday = (deps: Deps) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(deps.clock.now());

/**
 * Records a declaration of a SPASER adopted outside the platform (URL, adoption date, who, when), in
 * the caller's transaction; false when the organisation does not exist. The organisation's status is
 * derived from it (ADR 0025): nothing else is written. The observatory's form and the organisation's PATCH come here.
 */
export async function recordSpaserAdoption(deps: Deps, tx: Tx, actor: AuthUser, organisationId: string, input: { url: string; adoptedOn: string }): Promise<boolean> {
  const [found] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId));
  if (!found) return false;
  await tx.insert(spaserDeclarations).values({ organisationId, url: input.url, adoptedOn: input.adoptedOn, declaredBy: actor.id, declaredAt: deps.clock.now() });
  return true;
}

/** A verified member or a facilitator declares a SPASER adopted outside the platform (URL and adoption date). */
export async function declareSpaser(deps: Deps, actor: AuthUser, organisationId: string, input: { url: string; adoptedOn: string }): Promise<Result<{ spaserStatus: SpaserStatusKey; spaserUrl: string | null; spaserAdoptedOn: string | null }>> {
  if (!canDeclareSpaser(actor, organisationId)) return fail('FORBIDDEN');
  const error = adoptionDateError(input.adoptedOn, parisToday(deps));
  if (error) return fail('VALIDATION', { adoptedOn: error });
  const updated = await deps.db.transaction((tx) => recordSpaserAdoption(deps, tx, actor, organisationId, input));
  if (!updated) return fail('NOT_FOUND');
  const now = await spaserStatusOf(deps.db, organisationId);
  return ok({ spaserStatus: now.status, spaserUrl: now.url, spaserAdoptedOn: now.adoptedOn });
}

/** An organisation's SPASER declarations, newest first (the history behind its status). */
export async function spaserDeclarationHistory(deps: Deps, organisationId: string) {
  return deps.db
    .select({ url: spaserDeclarations.url, adoptedOn: spaserDeclarations.adoptedOn, declaredBy: spaserDeclarations.declaredBy, declaredAt: spaserDeclarations.declaredAt })
    .from(spaserDeclarations)
    .where(eq(spaserDeclarations.organisationId, organisationId))
    .orderBy(desc(spaserDeclarations.declaredAt));
}

export const estimateStatusLabels = { likely_above: 'Probablement au-dessus du seuil', likely_below: 'Probablement en dessous du seuil', uncertain: 'Incertain' } as const;
const kindLabels = { marche: 'Marchés', concession: 'Concessions' } as const;

const shareColumns = (p: 'social' | 'environmental', label: string): Column[] => [
  { key: `${p}Positive`, header: `${label} : oui`, type: 'int' },
  { key: `${p}Negative`, header: `${label} : non`, type: 'int' },
  { key: `${p}Unknown`, header: `${label} : non renseigné`, type: 'int' },
  { key: `${p}Share`, header: `${label} : part sur tous les contrats`, type: 'share' },
];
const splitCells = (p: 'social' | 'environmental', s: Split, contracts: number) => ({
  [`${p}Positive`]: s.positive,
  [`${p}Negative`]: s.negative,
  [`${p}Unknown`]: s.unknown,
  [`${p}Share`]: share(s.positive, contracts),
});

/** The observatory's tables as exported (CSV and XLSX are built from the same description). */
export async function exportTable(deps: Deps, name: 'national' | 'regions' | 'departements' | 'buyers', opts: { year?: number; status: 'likely_above' | 'uncertain' | 'both' }): Promise<Table> {
  if (name === 'national') {
    const { rows: list } = await national(deps);
    return {
      name: 'National',
      title: 'observatoire-national',
      columns: [
        { key: 'year', header: 'Année', type: 'int' },
        { key: 'kind', header: 'Type de contrat', type: 'text' },
        { key: 'contracts', header: 'Contrats', type: 'int' },
        ...shareColumns('social', 'Considération sociale'),
        ...shareColumns('environmental', 'Considération environnementale'),
        { key: 'amount', header: 'Montant (€ HT)', type: 'euros' },
        { key: 'excluded', header: 'Montants écartés', type: 'int' },
      ],
      rows: list.map((r) => ({ year: r.year, kind: kindLabels[r.kind], contracts: r.contracts, ...splitCells('social', r.social, r.contracts), ...splitCells('environmental', r.environmental, r.contracts), amount: r.amount.total, excluded: r.amount.excluded })),
    };
  }
  if (name === 'regions' || name === 'departements') {
    const t = await territoryShares(deps, name === 'regions' ? 'region' : 'departement');
    return {
      name: name === 'regions' ? 'Régions' : 'Départements',
      title: `observatoire-${name}`,
      columns: [
        { key: 'code', header: 'Code', type: 'text' },
        { key: 'name', header: name === 'regions' ? 'Région' : 'Département', type: 'text' },
        { key: 'year', header: 'Année', type: 'int' },
        { key: 'contracts', header: 'Marchés', type: 'int' },
        ...shareColumns('social', 'Considération sociale'),
        ...shareColumns('environmental', 'Considération environnementale'),
      ],
      rows: t.rows.map((r) => ({ code: r.code, name: r.name, year: r.year, contracts: r.contracts, ...splitCells('social', r.social, r.contracts), ...splitCells('environmental', r.environmental, r.contracts) })),
    };
  }
  const list = await likelySubject(deps, { year: opts.year, status: opts.status, page: 1, pageSize: null });
  return {
    name: 'Acheteurs',
    title: `acheteurs-soumis-spaser-${list.year ?? ''}`,
    columns: [
      { key: 'siren', header: 'SIREN', type: 'text' },
      { key: 'name', header: 'Organisation', type: 'text' },
      { key: 'kind', header: "Type d'organisation", type: 'text' },
      { key: 'verdict', header: 'Obligation de SPASER', type: 'text' },
      { key: 'status', header: 'Estimation DECP', type: 'text' },
      { key: 'notified', header: "Marchés notifiés dans l'année (€ HT)", type: 'euros' },
      { key: 'annualised', header: 'Montant étalé sur la durée (€ HT)', type: 'euros' },
      { key: 'spaser', header: 'SPASER sur la plateforme', type: 'text' },
      { key: 'spaserUrl', header: 'Adresse du SPASER', type: 'text' },
      { key: 'spaserAdoptedOn', header: "Date d'adoption", type: 'text' },
    ],
    rows: list.items.map((b) => ({
      siren: b.siren,
      name: b.name,
      kind: b.kind ? organisationKindLabels[b.kind as keyof typeof organisationKindLabels] : null,
      verdict: verdictStatusLabels[b.verdict],
      status: estimateStatusLabels[b.status],
      notified: b.notifiedAmount,
      annualised: b.annualisedAmount,
      spaser: b.spaserStatus ? spaserStatusLabels[b.spaserStatus] : 'Organisation non référencée',
      spaserUrl: b.spaserUrl,
      spaserAdoptedOn: b.spaserAdoptedOn,
    })),
  };
}

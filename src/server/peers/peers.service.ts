import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Theme } from '../../shared/fields.js';
import { usefulAnswersPerAuthorSql } from '../helpspace/posts/posts.service.js';
import { declinedWithin30DaysSql } from '../introductions/introductions.service.js';
import { latestBand, similarSirensSql } from '../observatory/similar.js';
import { memberships, organisations, type OrganisationKind } from '../organisations/organisations.tables.js';
import type { Deps } from '../platform/context.js';
import { rows } from '../platform/db.js';
import { fail, ok, type Result } from '../platform/result.js';
import { spaserStatusOf } from '../spaser/spaser-status.js';
import { isInForce, spaserStatusKeys, type SpaserStatusKey } from '../spaser/spaser-status.contract.js';
import {
  ACTIVE_WITHIN_DAYS,
  cohortReasonsOf,
  explanation,
  featureKeys,
  IN_FORCE_STAGE,
  MIN_CONTRACTS_FOR_SHARE,
  reasonsOf,
  SHARE_GAP_POINTS,
  SPASER_STAGE,
  WEIGHTS,
  type FeatureKey,
  type PairFacts,
} from './matching.js';
import type { PeerSuggestions, SponsorSuggestion } from './peers.contract.js';

export const SUGGESTIONS_LIMIT = 10;

/** The SPASER stage rank of a status column, from the one table (matching.ts). */
const stageSql = (status: SQL) =>
  sql`(CASE ${status} ${sql.join(
    Object.entries(SPASER_STAGE).map(([k, v]) => sql`WHEN ${k} THEN ${v}`),
    sql` `,
  )} ELSE 0 END)`;

/**
 * The share of marchés with a consideration, per SIREN among those `sirens` selects: the observatory's
 * « part des contrats notifiés avec une considération … (sur tous les contrats) », marchés only, over the
 * SIREN's latest year with at least MIN_CONTRACTS_FOR_SHARE of them (decp_buyer_years, notification year).
 */
function latestSharesSql(sirens: SQL): SQL {
  return sql`SELECT DISTINCT ON (buyer_siren) buyer_siren, year, contracts, ep::float8 / contracts AS env_share, sp::float8 / contracts AS soc_share
    FROM (SELECT buyer_siren, year, sum(contracts)::int AS contracts, sum(environmental_positive)::int AS ep, sum(social_positive)::int AS sp
      FROM decp_buyer_years WHERE kind = 'marche' AND year IS NOT NULL AND buyer_siren IN (${sirens})
      GROUP BY buyer_siren, year HAVING sum(contracts) >= ${MIN_CONTRACTS_FOR_SHARE}) y
    ORDER BY buyer_siren, year DESC`;
}

type ViewerContext = {
  userId: string;
  /** The viewer's verified organisations: their members are colleagues, never suggested. */
  mine: { id: string; name: string }[];
  organisation: { id: string; name: string; kind: OrganisationKind; siren: string | null; regionCode: string | null; departementCode: string | null };
  band: { year: number; band: number } | null;
  spaserStatus: SpaserStatusKey;
  shares: { year: number; environmental: number; social: number } | null;
};

const organisationColumns = {
  id: organisations.id,
  name: organisations.name,
  kind: organisations.kind,
  siren: organisations.siren,
  regionCode: organisations.regionCode,
  departementCode: organisations.departementCode,
};

async function viewerContext(deps: Deps, userId: string, organisationId?: string): Promise<ViewerContext | null> {
  const mine = await deps.db
    .select(organisationColumns)
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, 'verified')))
    .orderBy(asc(organisations.name), asc(organisations.id));
  const organisation = organisationId ? mine.find((o) => o.id === organisationId) : mine[0];
  if (!organisation) return null;
  return contextFor(deps, userId, mine, organisation);
}

/** What the ranking knows of the organisation candidates are ranked for; `mine`'s members are never suggested. */
async function contextFor(deps: Deps, userId: string, mine: { id: string; name: string }[], organisation: ViewerContext['organisation']): Promise<ViewerContext> {
  const [band, status, shares] = await Promise.all([
    organisation.siren ? latestBand(deps, { siren: organisation.siren, kind: organisation.kind }) : null,
    spaserStatusOf(deps.db, organisation.id),
    organisation.siren
      ? rows<{ year: number; env_share: number; soc_share: number }>(deps.db, latestSharesSql(sql`${organisation.siren}`))
      : [],
  ]);
  const s = shares[0];
  return {
    userId,
    mine: mine.map((o) => ({ id: o.id, name: o.name })),
    organisation,
    band,
    spaserStatus: status.status,
    shares: s ? { year: Number(s.year), environmental: Number(s.env_share), social: Number(s.soc_share) } : null,
  };
}

type RankOptions = {
  limit: number;
  offset?: number;
  /** Extra conditions on the table `users` (the directory's filters). */
  where?: SQL;
  /** Keep members with nothing in common (score 0): the directory sorted by relevance lists everyone. */
  withoutScore?: boolean;
  /** Only members of an organisation whose SPASER is in force (a cohort's sponsors). */
  experiencedOnly?: boolean;
};

/** The SPASER statuses of an organisation whose SPASER is in force (the one rule). */
const IN_FORCE_STATUSES = spaserStatusKeys.filter(isInForce);

type CandidateRow = {
  user_id: string;
  first_name: string;
  last_name: string;
  job_title: string;
  region_code: string | null;
  available_to_help: boolean;
  org_id: string;
  org_name: string;
  kind: string;
  org_region: string | null;
  departement_name: string | null;
  spaser_status: SpaserStatusKey;
  adopted_on: string | null;
  total_answers: number;
  theme_answers: number;
  share_year: number | null;
  env_share: number | null;
  soc_share: number | null;
  score: number;
  total_count: number;
} & { [K in FeatureKey as `p_${K}`]: number };

/**
 * The candidates of a viewer, every feature scored, best first (one row per member: the best of their
 * organisations). Never: the viewer, a colleague (a member of one of the viewer's organisations), a
 * member hidden from the directory, without a verified membership, disabled or deleted, nor one who
 * declined the viewer's contact request less than 30 days ago (the introductions' one window).
 */
function rankedCandidatesSql(v: ViewerContext, opts: RankOptions & { theme: Theme | null; now: Date }): SQL {
  const o = v.organisation;
  const myStage = SPASER_STAGE[v.spaserStatus];
  const similar = v.band ? sql`coalesce(o.siren IN (${similarSirensSql({ kind: o.kind, year: v.band.year, band: v.band.band })}), false)` : sql`false`;
  const activeSince = new Date(opts.now.getTime() - ACTIVE_WITHIN_DAYS * 86_400_000);
  const gap = SHARE_GAP_POINTS / 100;
  const strong = (share: SQL, mine: number | undefined) => (mine === undefined ? sql`false` : sql`coalesce(${share} - ${mine} >= ${gap}, false)`);
  const stage = stageSql(sql`g.status`);
  // Features of the organisation (alias g, its shares sh): scored once per organisation.
  const orgPoints: Partial<Record<FeatureKey, SQL>> = {
    similar: sql`CASE WHEN g.similar THEN ${WEIGHTS.similar} ELSE 0 END`,
    sameKind: sql`CASE WHEN NOT g.similar AND g.kind = ${o.kind} THEN ${WEIGHTS.sameKind} ELSE 0 END`,
    sameDepartement: o.departementCode ? sql`CASE WHEN g.departement_code = ${o.departementCode} THEN ${WEIGHTS.sameDepartement} ELSE 0 END` : sql`0`,
    sameRegion: o.regionCode
      ? sql`CASE WHEN g.org_region = ${o.regionCode} AND g.departement_code IS DISTINCT FROM ${o.departementCode} THEN ${WEIGHTS.sameRegion} ELSE 0 END`
      : sql`0`,
    spaserInForce: sql`CASE WHEN ${myStage} < ${IN_FORCE_STAGE} AND ${stage} >= ${IN_FORCE_STAGE} THEN ${WEIGHTS.spaserInForce} ELSE 0 END`,
    spaserAhead: sql`CASE WHEN ${stage} > ${myStage} AND ${stage} < ${IN_FORCE_STAGE} THEN ${WEIGHTS.spaserAhead} ELSE 0 END`,
    environmental: sql`CASE WHEN ${strong(sql`sh.env_share`, v.shares?.environmental)} THEN ${WEIGHTS.environmental} ELSE 0 END`,
    social: sql`CASE WHEN ${strong(sql`sh.soc_share`, v.shares?.social)} THEN ${WEIGHTS.social} ELSE 0 END`,
  };
  // Features of the member (alias c, their useful answers a).
  const userPoints: Partial<Record<FeatureKey, SQL>> = {
    themeAnswers: opts.theme ? sql`${WEIGHTS.themeAnswer} * least(coalesce(a.on_theme, 0), ${WEIGHTS.themeAnswerCap})` : sql`0`,
    themeDeclared: opts.theme ? sql`CASE WHEN ${opts.theme} = ANY(c.themes) THEN ${WEIGHTS.themeDeclared} ELSE 0 END` : sql`0`,
    usefulAnswers: opts.theme ? sql`0` : sql`${WEIGHTS.usefulAnswer} * least(coalesce(a.total, 0), ${WEIGHTS.usefulAnswerCap})`,
    available: sql`CASE WHEN c.available_to_help THEN ${WEIGHTS.available} ELSE 0 END`,
    active: sql`CASE WHEN c.last_seen_at >= ${activeSince.toISOString()}::timestamptz THEN ${WEIGHTS.active} ELSE 0 END`,
  };
  const col = (k: FeatureKey) => sql.identifier(`p_${k}`);
  const orgColumns = sql.join(
    featureKeys.filter((k) => orgPoints[k]).map((k) => sql`(${orgPoints[k]})::int AS ${col(k)}`),
    sql`, `,
  );
  const scoredColumns = sql.join(
    featureKeys.map((k) => (userPoints[k] ? sql`(${userPoints[k]})::int AS ${col(k)}` : sql`co.${col(k)}`)),
    sql`, `,
  );
  const score = sql.join(featureKeys.map(col), sql` + `);
  const order = sql`score DESC, theme_answers DESC, total_answers DESC, last_name, first_name, user_id`;
  const noShares = sql`SELECT NULL::text AS buyer_siren, NULL::int AS year, NULL::float8 AS env_share, NULL::float8 AS soc_share WHERE false`;
  // Narrow rows are scored for every candidate; names, places and facts are read for the chosen few.
  // The members' table keeps its name (no alias) so that a caller's drizzle conditions on `users` apply.
  return sql`WITH c AS (
      SELECT users.id AS user_id, m.organisation_id AS org_id, users.first_name, users.last_name, users.available_to_help, users.themes, users.last_seen_at
      FROM users
      JOIN memberships m ON m.user_id = users.id AND m.status = 'verified'
      WHERE users.directory_visibility = 'members' AND users.disabled_at IS NULL AND users.deleted_at IS NULL AND users.id <> ${v.userId}
        AND NOT EXISTS (SELECT 1 FROM memberships x WHERE x.user_id = users.id AND x.status = 'verified'
          AND x.organisation_id IN (${sql.join(v.mine.map((m) => sql`${m.id}::uuid`), sql`, `)}))
        AND NOT ${declinedWithin30DaysSql(v.userId, sql`users.id`, opts.now)}
        ${opts.experiencedOnly ? sql`AND m.organisation_id IN (SELECT organisation_id FROM organisation_spaser_status WHERE status IN (${sql.join(IN_FORCE_STATUSES.map((k) => sql`${k}`), sql`, `)}))` : sql``}
        ${opts.where ? sql`AND ${opts.where}` : sql``}
    ),
    g AS (
      SELECT o.id AS org_id, o.name AS org_name, o.siren, o.kind, o.region_code AS org_region, o.departement_code,
        st.status, st.adopted_on::text AS adopted_on, ${similar} AS similar
      FROM organisations o JOIN organisation_spaser_status st ON st.organisation_id = o.id
      WHERE o.id IN (SELECT org_id FROM c)
    ),
    sh AS (${v.shares ? latestSharesSql(sql`SELECT siren FROM g WHERE siren IS NOT NULL`) : noShares}),
    co AS (SELECT g.*, sh.year AS share_year, sh.env_share, sh.soc_share, ${orgColumns} FROM g LEFT JOIN sh ON sh.buyer_siren = g.siren),
    a AS (${usefulAnswersPerAuthorSql(opts.theme)}),
    scored AS (
      SELECT c.user_id, c.org_id, c.first_name, c.last_name, coalesce(a.total, 0) AS total_answers, coalesce(a.on_theme, 0) AS theme_answers, ${scoredColumns}
      FROM c JOIN co ON co.org_id = c.org_id LEFT JOIN a ON a.author_id = c.user_id
    ),
    -- One row per member: most have one organisation; those with several keep their best one.
    multi AS (SELECT user_id FROM c GROUP BY user_id HAVING count(*) > 1),
    best AS (
      SELECT *, ${score} AS score FROM scored WHERE user_id NOT IN (SELECT user_id FROM multi)
      UNION ALL
      (SELECT DISTINCT ON (user_id) *, ${score} AS score FROM scored WHERE user_id IN (SELECT user_id FROM multi) ORDER BY user_id, ${score} DESC, org_id)
    ),
    top AS (
      SELECT *${opts.withoutScore ? sql`, count(*) OVER () AS total_count` : sql`, 0 AS total_count`} FROM best ${opts.withoutScore ? sql`` : sql`WHERE score > 0`}
      ORDER BY ${order} LIMIT ${opts.limit} OFFSET ${opts.offset ?? 0}
    )
    SELECT top.*, u.job_title, u.region_code, u.available_to_help, co.org_name, co.kind, co.org_region, co.status AS spaser_status, co.adopted_on,
      d.name AS departement_name, co.share_year, co.env_share, co.soc_share
    FROM top JOIN users u ON u.id = top.user_id JOIN co ON co.org_id = top.org_id
      LEFT JOIN territories d ON d.id = 'departement:' || co.departement_code
    ORDER BY ${order}`;
}

/** Ranked, explained suggestions of peers for a verified member (issue 20, item 4). */
export async function suggestPeers(
  deps: Deps,
  viewerId: string,
  input: { theme?: Theme; organisationId?: string; limit?: number },
): Promise<Result<PeerSuggestions>> {
  const v = await viewerContext(deps, viewerId, input.organisationId);
  if (!v) return fail('PEERS_NO_ORGANISATION');
  const theme = input.theme ?? null;
  return ok({
    organisation: { id: v.organisation.id, name: v.organisation.name },
    organisations: v.mine,
    theme,
    items: (await ranked(deps, v, theme, { limit: input.limit ?? SUGGESTIONS_LIMIT })).map(({ total: _total, points: _points, facts: _facts, ...item }) => item),
  });
}

/**
 * The member directory sorted by relevance (issue 20, item 7): the members `where` selects, ranked for
 * the viewer's first organisation exactly as the suggestions are, everyone kept; a page of ids with
 * their reasons. Null when the viewer has no verified organisation to rank for.
 */
export async function rankMembers(
  deps: Deps,
  viewerId: string,
  input: { theme?: Theme; where: SQL; limit: number; offset: number },
): Promise<{ total: number; items: { id: string; explanation: string }[] } | null> {
  const v = await viewerContext(deps, viewerId);
  if (!v) return null;
  const opts = { where: input.where, withoutScore: true };
  const found = await ranked(deps, v, input.theme ?? null, { ...opts, limit: input.limit, offset: input.offset });
  // A page past the end has no row to carry the total: the first row of the ranking does.
  if (found.length === 0 && input.offset > 0) return { total: (await ranked(deps, v, input.theme ?? null, { ...opts, limit: 1 }))[0]?.total ?? 0, items: [] };
  return { total: found[0]?.total ?? 0, items: found.map((i) => ({ id: i.id, explanation: i.explanation })) };
}

async function ranked(deps: Deps, v: ViewerContext, theme: Theme | null, opts: RankOptions) {
  const found = await rows<CandidateRow>(deps.db, rankedCandidatesSql(v, { ...opts, theme, now: deps.clock.now() }));
  return found.map((r) => {
    const points = Object.fromEntries(featureKeys.map((k) => [k, Number(r[`p_${k}`])])) as Record<FeatureKey, number>;
    const facts: PairFacts = {
      kind: r.kind,
      year: v.band?.year ?? null,
      band: v.band?.band ?? null,
      departementName: r.departement_name,
      regionCode: r.org_region,
      spaserStatus: r.spaser_status,
      spaserAdoptedOn: r.adopted_on,
      theme,
      themeAnswers: Number(r.theme_answers),
      usefulAnswers: Number(r.total_answers),
      shareYear: r.share_year === null ? null : Number(r.share_year),
      environmentalShare: r.env_share === null ? null : Number(r.env_share),
      socialShare: r.soc_share === null ? null : Number(r.soc_share),
      mine: { shareYear: v.shares?.year ?? null, environmentalShare: v.shares?.environmental ?? null, socialShare: v.shares?.social ?? null },
    };
    const reasons = reasonsOf(points, facts);
    return {
      id: r.user_id,
      firstName: r.first_name,
      lastName: r.last_name,
      jobTitle: r.job_title,
      regionCode: r.region_code,
      availableToHelp: r.available_to_help,
      organisation: { id: r.org_id, name: r.org_name },
      score: Number(r.score),
      total: Number(r.total_count),
      reasons,
      explanation: explanation(reasons),
      points,
      facts,
    };
  });
}

/** How many candidates are ranked for each organisation of a cohort before the sums (the rest count 0 for it). */
export const SPONSOR_CANDIDATES_PER_ORGANISATION = 100;

/**
 * Sponsors for a cohort (issue 20, item 6): members of an organisation whose SPASER is in force, ranked
 * for each of the cohort's organisations exactly as peers are, then by the sum of their scores. Never:
 * the viewer, anyone in `excludeUserIds` (the cohort's members), a member of one of the cohort's
 * organisations, a hidden, unverified, disabled or deleted member, one who declined the viewer's contact.
 */
export async function suggestSponsors(
  deps: Deps,
  viewerId: string,
  input: { organisationIds: string[]; excludeUserIds: string[]; limit?: number },
): Promise<SponsorSuggestion[]> {
  if (input.organisationIds.length === 0) return [];
  const orgs = await deps.db.select(organisationColumns).from(organisations).where(inArray(organisations.id, input.organisationIds)).orderBy(asc(organisations.id));
  const mine = orgs.map((o) => ({ id: o.id, name: o.name }));
  const where = input.excludeUserIds.length ? sql`users.id NOT IN (${sql.join(input.excludeUserIds.map((id) => sql`${id}::uuid`), sql`, `)})` : undefined;
  const byCandidate = new Map<string, { item: Awaited<ReturnType<typeof ranked>>[number]; pairs: { points: Record<FeatureKey, number>; facts: PairFacts }[] }>();
  // One ranking per organisation, one after the other: the embedded database has one connection.
  for (const organisation of orgs) {
    const v = await contextFor(deps, viewerId, mine, organisation);
    for (const item of await ranked(deps, v, null, { limit: SPONSOR_CANDIDATES_PER_ORGANISATION, where, experiencedOnly: true })) {
      const entry = byCandidate.get(item.id) ?? { item, pairs: [] };
      entry.pairs.push({ points: item.points, facts: item.facts });
      byCandidate.set(item.id, entry);
    }
  }
  return [...byCandidate.values()]
    .map(({ item, pairs }) => {
      const reasons = cohortReasonsOf(pairs, orgs.length);
      return {
        id: item.id,
        firstName: item.firstName,
        lastName: item.lastName,
        jobTitle: item.jobTitle,
        regionCode: item.regionCode,
        availableToHelp: item.availableToHelp,
        organisation: item.organisation,
        score: reasons.reduce((sum, r) => sum + r.points, 0),
        organisationsServed: pairs.length,
        reasons,
        explanation: explanation(reasons),
      };
    })
    .sort((a, b) => b.score - a.score || a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr') || a.id.localeCompare(b.id))
    .slice(0, input.limit ?? SUGGESTIONS_LIMIT);
}

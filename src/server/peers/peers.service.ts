import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Theme } from '../../shared/fields.js';
import { declinedWithin30DaysSql } from '../introductions/introductions.service.js';
import { isSimilarSirenSql, latestBand } from '../observatory/similar.js';
import { memberships, organisations, type OrganisationKind } from '../organisations/organisations.tables.js';
import type { Deps } from '../platform/context.js';
import { rows } from '../platform/db.js';
import { fail, ok, type Result } from '../platform/result.js';
import { spaserStatusOf } from '../spaser/spaser-status.js';
import type { SpaserStatusKey } from '../spaser/spaser-status.contract.js';
import {
  ACTIVE_WITHIN_DAYS,
  cohortReasonsOf,
  explanation,
  featureKeys,
  IN_FORCE_STAGE,
  reasonsOf,
  SHARE_GAP_POINTS,
  SPASER_STAGE,
  WEIGHTS,
  type FeatureKey,
  type PairFacts,
} from './matching.js';
import { applyPendingPeerFacts, latestSharesSql, UNSTORED_POTENTIAL } from './peer-facts.js';
import type { PeerSuggestions, SponsorSuggestion } from './peers.contract.js';

export const SUGGESTIONS_LIMIT = 10;

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
 * A slice of the facts a request reads in order of potential (peer_facts, or peer_theme_facts for the
 * theme asked for), with the most the viewer's kind and place can add to any of its rows (`bonus`).
 * `limit` null: read it whole (a slice that is empty but for inconsistent places).
 */
type Segment = { table: 'peer_facts' | 'peer_theme_facts'; where: SQL; bonus: number; limit: number | null };

/**
 * The segments of a viewer: every row of the facts belongs to exactly one segment of each table, by
 * whether its organisation is of the viewer's kind and in the viewer's région. Within a segment the
 * kind and place give every row at most `bonus`, so a row scores at most its stored potential + the
 * recent activity + `bonus` (peer-facts.ts): a segment can stop being read where that falls below the
 * score of the last suggestion kept.
 */
function segmentsOf(v: ViewerContext, theme: Theme | null, initialLimit: number): Segment[] {
  const o = v.organisation;
  const kindBonus = v.band ? WEIGHTS.similar : WEIGHTS.sameKind;
  const regionBonus = o.departementCode ? Math.max(WEIGHTS.sameDepartement, WEIGHTS.sameRegion) : WEIGHTS.sameRegion;
  const sameKind = sql`f.kind = ${o.kind}`;
  const otherKind = sql`f.kind <> ${o.kind}`;
  const notNear = o.regionCode ? sql`f.region_code IS DISTINCT FROM ${o.regionCode}` : sql`true`;
  const notDepartement = o.departementCode ? sql`f.departement_code IS DISTINCT FROM ${o.departementCode}` : sql`true`;
  const slices: Omit<Segment, 'table'>[] = [
    { where: sql`${sameKind} AND ${notNear} AND ${notDepartement}`, bonus: kindBonus, limit: initialLimit },
    { where: sql`${otherKind} AND ${notNear} AND ${notDepartement}`, bonus: 0, limit: initialLimit },
  ];
  if (o.regionCode) {
    slices.push(
      { where: sql`${sameKind} AND f.region_code = ${o.regionCode}`, bonus: kindBonus + regionBonus, limit: initialLimit },
      { where: sql`${otherKind} AND f.region_code = ${o.regionCode}`, bonus: regionBonus, limit: initialLimit },
    );
  }
  // Same département, another région: only inconsistent places; read whole, with the département's points.
  if (o.departementCode) slices.push({ where: sql`f.departement_code = ${o.departementCode} AND ${notNear}`, bonus: kindBonus + WEIGHTS.sameDepartement, limit: null });
  const segments: Segment[] = slices.map((s) => ({ ...s, table: 'peer_facts' }));
  // Asking for a theme: the members active on it may score far above their stored potential; they are read
  // again, per theme, by their potential for that theme. The others score at most their stored potential.
  if (theme) segments.push(...slices.map((s) => ({ ...s, table: 'peer_theme_facts' as const, where: sql`f.theme = ${theme} AND ${s.where}` })));
  return segments;
}

/** How many rows of each segment a request reads first, for `limit` suggestions; doubled where too few. */
const FIRST_READ_FACTOR = 3;

/**
 * The candidates of a viewer, every feature scored, best first (one row per member: the best of their
 * organisations). Never: the viewer, a colleague (a member of one of the viewer's organisations), a
 * member hidden from the directory, without a verified membership, disabled or deleted, nor one who
 * declined the viewer's contact request less than 30 days ago (the introductions' one window).
 *
 * Reads the facts table (peer-facts.ts): every row for the directory (`segments` null), else the first
 * rows of each segment; the second result says, per segment, how many rows were read and the potential
 * of the last one, for the caller to check that no unread row could have been kept.
 */
function rankedCandidatesSql(v: ViewerContext, segments: Segment[] | null, opts: RankOptions & { theme: Theme | null; now: Date }): SQL {
  const o = v.organisation;
  const myStage = SPASER_STAGE[v.spaserStatus];
  const similar = v.band ? sql`(f.siren IS NOT NULL AND f.kind = ${o.kind} AND ${isSimilarSirenSql(sql`f.siren`, { kind: o.kind, year: v.band.year, band: v.band.band })})` : sql`false`;
  const activeSince = new Date(opts.now.getTime() - ACTIVE_WITHIN_DAYS * 86_400_000);
  const gap = SHARE_GAP_POINTS / 100;
  const strong = (share: SQL, mine: number | undefined) => (mine === undefined ? sql`false` : sql`coalesce(${share} - ${mine} >= ${gap}, false)`);
  const stage = sql`f.spaser_stage`;
  // Features of the organisation (the facts row f, `sim` its similarity).
  const points: Record<FeatureKey, SQL> = {
    similar: sql`CASE WHEN sim THEN ${WEIGHTS.similar} ELSE 0 END`,
    sameKind: sql`CASE WHEN NOT sim AND f.kind = ${o.kind} THEN ${WEIGHTS.sameKind} ELSE 0 END`,
    sameDepartement: o.departementCode ? sql`CASE WHEN f.departement_code = ${o.departementCode} THEN ${WEIGHTS.sameDepartement} ELSE 0 END` : sql`0`,
    sameRegion: o.regionCode
      ? sql`CASE WHEN f.region_code = ${o.regionCode} AND f.departement_code IS DISTINCT FROM ${o.departementCode} THEN ${WEIGHTS.sameRegion} ELSE 0 END`
      : sql`0`,
    spaserInForce: sql`CASE WHEN ${myStage} < ${IN_FORCE_STAGE} AND ${stage} >= ${IN_FORCE_STAGE} THEN ${WEIGHTS.spaserInForce} ELSE 0 END`,
    spaserAhead: sql`CASE WHEN ${stage} > ${myStage} AND ${stage} < ${IN_FORCE_STAGE} THEN ${WEIGHTS.spaserAhead} ELSE 0 END`,
    environmental: sql`CASE WHEN ${strong(sql`f.environmental_share`, v.shares?.environmental)} THEN ${WEIGHTS.environmental} ELSE 0 END`,
    social: sql`CASE WHEN ${strong(sql`f.social_share`, v.shares?.social)} THEN ${WEIGHTS.social} ELSE 0 END`,
    // Features of the member (live columns of `users` c, useful answers from the facts).
    themeAnswers: opts.theme ? sql`${WEIGHTS.themeAnswer} * least(coalesce(tf.answers, 0), ${WEIGHTS.themeAnswerCap})` : sql`0`,
    themeDeclared: opts.theme ? sql`CASE WHEN ${opts.theme} = ANY(c.themes) THEN ${WEIGHTS.themeDeclared} ELSE 0 END` : sql`0`,
    usefulAnswers: opts.theme ? sql`0` : sql`${WEIGHTS.usefulAnswer} * least(f.useful_answers, ${WEIGHTS.usefulAnswerCap})`,
    available: sql`CASE WHEN c.available_to_help THEN ${WEIGHTS.available} ELSE 0 END`,
    active: sql`CASE WHEN c.last_seen_at >= ${activeSince.toISOString()}::timestamptz THEN ${WEIGHTS.active} ELSE 0 END`,
  };
  const col = (k: FeatureKey) => sql.identifier(`p_${k}`);
  const scoredColumns = sql.join(
    featureKeys.map((k) => sql`(${points[k]})::int AS ${col(k)}`),
    sql`, `,
  );
  const score = sql.join(featureKeys.map(col), sql` + `);
  const order = sql`score DESC, theme_answers DESC, total_answers DESC, last_name, first_name, user_id`;
  const read = segments
    ? sql.join(
        segments.map(
          (s, i) => sql`(SELECT ${i}::int AS seg, f.user_id, f.organisation_id, f.potential FROM ${sql.identifier(s.table)} f
            WHERE ${s.where} ${opts.experiencedOnly && s.table === 'peer_facts' ? sql`AND f.spaser_stage >= ${IN_FORCE_STAGE}` : sql``}
            ORDER BY f.potential DESC ${s.limit === null ? sql`` : sql`LIMIT ${s.limit}`})`,
        ),
        sql` UNION ALL `,
      )
    : sql`SELECT 0 AS seg, f.user_id, f.organisation_id, f.potential FROM peer_facts f ${opts.experiencedOnly ? sql`WHERE f.spaser_stage >= ${IN_FORCE_STAGE}` : sql``}`;
  // The members' table keeps its name (no alias) so that a caller's drizzle conditions on `users` apply.
  return sql`WITH r AS (${read}),
    stats AS (SELECT seg, count(*)::int AS n, min(potential)::int AS last FROM r GROUP BY seg),
    c AS (
      SELECT users.id AS user_id, x.organisation_id AS org_id, users.first_name, users.last_name, users.available_to_help, users.themes, users.last_seen_at
      FROM (SELECT DISTINCT user_id, organisation_id FROM r) x JOIN users ON users.id = x.user_id
      WHERE users.directory_visibility = 'members' AND users.disabled_at IS NULL AND users.deleted_at IS NULL AND users.id <> ${v.userId}
        AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.organisation_id = x.organisation_id AND m.status = 'verified')
        AND NOT EXISTS (SELECT 1 FROM memberships x WHERE x.user_id = users.id AND x.status = 'verified'
          AND x.organisation_id IN (${sql.join(v.mine.map((m) => sql`${m.id}::uuid`), sql`, `)}))
        AND NOT ${declinedWithin30DaysSql(v.userId, sql`users.id`, opts.now)}
        ${opts.where ? sql`AND ${opts.where}` : sql``}
    ),
    scored AS (
      SELECT c.user_id, c.org_id, c.first_name, c.last_name, f.useful_answers AS total_answers, coalesce(tf.answers, 0) AS theme_answers, ${scoredColumns}
      FROM c JOIN peer_facts f ON f.user_id = c.user_id AND f.organisation_id = c.org_id
        CROSS JOIN LATERAL (SELECT ${similar} AS sim) s
        LEFT JOIN peer_theme_facts tf ON tf.theme = ${opts.theme ?? ''} AND tf.user_id = c.user_id AND tf.organisation_id = c.org_id
      ${opts.experiencedOnly ? sql`WHERE f.spaser_stage >= ${IN_FORCE_STAGE}` : sql``}
    ),
    -- One row per member: the best of their organisations.
    best AS (SELECT DISTINCT ON (user_id) *, ${score} AS score FROM scored ORDER BY user_id, ${score} DESC, org_id),
    top AS (
      SELECT *${opts.withoutScore ? sql`, count(*) OVER () AS total_count` : sql`, 0 AS total_count`} FROM best ${opts.withoutScore ? sql`` : sql`WHERE score > 0`}
      ORDER BY ${order} LIMIT ${opts.limit} OFFSET ${opts.offset ?? 0}
    ),
    result AS (
      SELECT top.*, u.job_title, u.region_code, u.available_to_help, og.name AS org_name, f.kind, f.region_code AS org_region, f.spaser_status, f.adopted_on,
        d.name AS departement_name, f.share_year, f.environmental_share AS env_share, f.social_share AS soc_share
      FROM top JOIN users u ON u.id = top.user_id JOIN peer_facts f ON f.user_id = top.user_id AND f.organisation_id = top.org_id
        JOIN organisations og ON og.id = top.org_id
        LEFT JOIN territories d ON d.id = 'departement:' || f.departement_code
    )
    SELECT s.stats, result.* FROM (SELECT coalesce(json_agg(json_build_array(seg, n, last)), '[]'::json) AS stats FROM stats) s
      LEFT JOIN result ON true
    ORDER BY ${order}`;
}

type Ranked = Awaited<ReturnType<typeof scoreRows>>;

/**
 * The ranking of a viewer's candidates: `limit` of them, exactly as if every member had been scored.
 * Reads the first rows of each segment by potential; when a segment read in full might still hold a row
 * that scores as much as the last one kept (ties are broken by answers and names, so « as much » counts),
 * reads twice as many of that segment and ranks again. The directory (offset, total) reads every row.
 */
async function ranked(deps: Deps, v: ViewerContext, theme: Theme | null, opts: RankOptions): Promise<Ranked> {
  await applyPendingPeerFacts(deps.db);
  const now = deps.clock.now();
  if (opts.withoutScore || opts.offset) return scoreRows(v, theme, await rows<CandidateRow & { stats: unknown }>(deps.db, rankedCandidatesSql(v, null, { ...opts, theme, now })));
  const segments = segmentsOf(v, theme, Math.max(opts.limit * FIRST_READ_FACTOR, 10));
  for (;;) {
    const found = await rows<CandidateRow & { stats: unknown }>(deps.db, rankedCandidatesSql(v, segments, { ...opts, theme, now }));
    const items = scoreRows(v, theme, found);
    // The score a row must reach to be kept: the last one's when the list is full, else any point at all.
    const floor = items.length >= opts.limit ? items[items.length - 1]!.score : 1;
    const raw = found[0]?.stats ?? [];
    const stats = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [number, number, number][];
    let again = false;
    for (const [i, n, last] of stats) {
      const s = segments[i]!;
      if (s.limit !== null && n >= s.limit && last + UNSTORED_POTENTIAL + s.bonus >= floor) {
        s.limit *= 2;
        again = true;
      }
    }
    if (!again) return items;
  }
}

function scoreRows(v: ViewerContext, theme: Theme | null, found: CandidateRow[]) {
  return found
    .filter((r) => r.user_id !== null)
    .map((r) => {
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

import { sql, type SQL } from 'drizzle-orm';
import type { Theme } from '../../shared/fields.js';
import { declinedWithin30DaysSql } from '../introductions/introductions.service.js';
import { isSimilarSirenSql, latestBandsSql } from '../observatory/similar.js';
import type { OrganisationKind } from '../organisations/organisations.tables.js';
import type { Deps } from '../platform/context.js';
import { rows, rowsWithKeptPlan } from '../platform/db.js';
import { fail, ok, type Result } from '../platform/result.js';
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
  /** Whether writes had noted facts to rebuild when the context was read (applied before ranking). */
  factsPending: boolean;
};

type ContextRow = {
  id: string;
  name: string;
  kind: OrganisationKind;
  siren: string | null;
  region_code: string | null;
  departement_code: string | null;
  band_year: number | null;
  band: number | null;
  spaser_status: SpaserStatusKey | null;
  share_year: number | null;
  env_share: number | null;
  soc_share: number | null;
  facts_pending: boolean;
};

/**
 * What the ranking knows of the organisations `which` selects (a condition on `o`), in one statement:
 * each one's latest size band (similar.ts), its one SPASER status (the view, « inconnu » without a row)
 * and its latest DECP shares (peer-facts.ts), read from the same definitions as the facts table; and
 * whether facts are waiting to be rebuilt. `kept`: a statement of fixed shape, its plan kept.
 */
async function organisationContexts(deps: Deps, which: SQL, order: SQL, kept = false): Promise<ContextRow[]> {
  const query = sql`SELECT o.id, o.name, o.kind, o.siren, o.region_code, o.departement_code, b.year AS band_year, b.band, st.status AS spaser_status,
        sh.year AS share_year, sh.env_share, sh.soc_share, EXISTS (SELECT 1 FROM peer_facts_pending) AS facts_pending
      FROM organisations o
        LEFT JOIN LATERAL (${latestBandsSql(sql`o.siren`)}) b ON true
        LEFT JOIN LATERAL (SELECT s.status FROM organisation_spaser_status s WHERE s.organisation_id = o.id) st ON true
        LEFT JOIN LATERAL (${latestSharesSql(sql`o.siren`)}) sh ON true
      WHERE ${which} ORDER BY ${order}`;
  return kept ? rowsWithKeptPlan<ContextRow>(deps.db, query) : rows<ContextRow>(deps.db, query);
}

/** The context of a viewer's organisation (`r`); `mine`'s members are never suggested. */
function contextOf(userId: string, mine: { id: string; name: string }[], r: ContextRow): ViewerContext {
  return {
    userId,
    mine,
    organisation: { id: r.id, name: r.name, kind: r.kind, siren: r.siren, regionCode: r.region_code, departementCode: r.departement_code },
    band: r.band_year === null || r.band === null ? null : { year: Number(r.band_year), band: Number(r.band) },
    spaserStatus: r.spaser_status ?? 'unknown',
    shares:
      r.share_year === null ? null : { year: Number(r.share_year), environmental: Number(r.env_share), social: Number(r.soc_share) },
    factsPending: r.facts_pending,
  };
}

/** The viewer's verified organisations and the context of the one ranked for (one statement). */
async function viewerContext(deps: Deps, userId: string, organisationId?: string): Promise<ViewerContext | null> {
  const found = await organisationContexts(
    deps,
    sql`o.id IN (SELECT m.organisation_id FROM memberships m WHERE m.user_id = ${userId} AND m.status = 'verified')`,
    sql`o.name, o.id`,
    true,
  );
  const organisation = organisationId ? found.find((o) => o.id === organisationId) : found[0];
  if (!organisation) return null;
  return contextOf(userId, found.map((o) => ({ id: o.id, name: o.name })), organisation);
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
 * A class of facts rows (peer_facts, or peer_theme_facts for the theme asked for) and the most the
 * viewer's kind and place can add to any of its rows (`bonus`). Every row belongs to exactly one class of
 * each table: a row scores at most its stored potential + recent activity + its class's bonus.
 */
type Slice = { where: SQL; bonus: number };

/**
 * The classes of a viewer: by kind (the viewer's kind and, with a size band, the same band in the
 * viewer's year, another band that year, or no profile that year; another kind) and by place (the
 * viewer's région; the viewer's département in another région — inconsistent places only; elsewhere).
 */
function slicesOf(v: ViewerContext): Slice[] {
  const o = v.organisation;
  const kinds: Slice[] = v.band
    ? [
        { where: sql`f.kind = ${o.kind} AND f.band_year = ${v.band.year} AND f.band = ${v.band.band}`, bonus: WEIGHTS.similar },
        { where: sql`f.kind = ${o.kind} AND f.band_year = ${v.band.year} AND f.band <> ${v.band.band}`, bonus: WEIGHTS.sameKind },
        // Latest profile in another year: the band in the viewer's year is unknown here, so similar may hold.
        { where: sql`f.kind = ${o.kind} AND f.band_year IS DISTINCT FROM ${v.band.year}`, bonus: WEIGHTS.similar },
      ]
    : [{ where: sql`f.kind = ${o.kind}`, bonus: WEIGHTS.sameKind }];
  kinds.push({ where: sql`f.kind <> ${o.kind}`, bonus: 0 });
  const notNear = o.regionCode ? sql`f.region_code IS DISTINCT FROM ${o.regionCode}` : sql`true`;
  const places: Slice[] = [
    { where: sql`${notNear} AND ${o.departementCode ? sql`f.departement_code IS DISTINCT FROM ${o.departementCode}` : sql`true`}`, bonus: 0 },
  ];
  if (o.regionCode) places.push({ where: sql`f.region_code = ${o.regionCode}`, bonus: o.departementCode ? WEIGHTS.sameDepartement : WEIGHTS.sameRegion });
  if (o.departementCode) places.push({ where: sql`f.departement_code = ${o.departementCode} AND ${notNear}`, bonus: WEIGHTS.sameDepartement });
  return kinds.flatMap((k) => places.map((p) => ({ where: sql`${k.where} AND ${p.where}`, bonus: k.bonus + p.bonus })));
}

type Opts = RankOptions & { theme: Theme | null; now: Date };

/**
 * What a score is computed from: the columns of a live candidate row, or those of a facts row when
 * bounding what it may score before reading it live (`mostSql`).
 */
type ScoreInputs = {
  sim: SQL;
  kind: SQL;
  departement: SQL;
  region: SQL;
  stage: SQL;
  env: SQL;
  soc: SQL;
  themeAnswers: SQL;
  declared: SQL;
  totalAnswers: SQL;
  available: SQL;
  active: SQL;
};

/** The points of each feature for the viewer, from `x`: the one table of features (matching.ts) in SQL. */
function pointsSql(v: ViewerContext, theme: Theme | null, x: ScoreInputs): Record<FeatureKey, SQL> {
  const o = v.organisation;
  const myStage = SPASER_STAGE[v.spaserStatus];
  const gap = SHARE_GAP_POINTS / 100;
  const strong = (share: SQL, mine: number | undefined) => (mine === undefined ? sql`false` : sql`coalesce(${share} - ${mine} >= ${gap}, false)`);
  return {
    similar: sql`CASE WHEN ${x.sim} THEN ${WEIGHTS.similar} ELSE 0 END`,
    sameKind: sql`CASE WHEN NOT ${x.sim} AND ${x.kind} = ${o.kind} THEN ${WEIGHTS.sameKind} ELSE 0 END`,
    sameDepartement: o.departementCode ? sql`CASE WHEN ${x.departement} = ${o.departementCode} THEN ${WEIGHTS.sameDepartement} ELSE 0 END` : sql`0`,
    sameRegion: o.regionCode
      ? sql`CASE WHEN ${x.region} = ${o.regionCode} AND ${x.departement} IS DISTINCT FROM ${o.departementCode} THEN ${WEIGHTS.sameRegion} ELSE 0 END`
      : sql`0`,
    spaserInForce: sql`CASE WHEN ${myStage} < ${IN_FORCE_STAGE} AND ${x.stage} >= ${IN_FORCE_STAGE} THEN ${WEIGHTS.spaserInForce} ELSE 0 END`,
    spaserAhead: sql`CASE WHEN ${x.stage} > ${myStage} AND ${x.stage} < ${IN_FORCE_STAGE} THEN ${WEIGHTS.spaserAhead} ELSE 0 END`,
    environmental: sql`CASE WHEN ${strong(x.env, v.shares?.environmental)} THEN ${WEIGHTS.environmental} ELSE 0 END`,
    social: sql`CASE WHEN ${strong(x.soc, v.shares?.social)} THEN ${WEIGHTS.social} ELSE 0 END`,
    themeAnswers: theme ? sql`${WEIGHTS.themeAnswer} * least(${x.themeAnswers}, ${WEIGHTS.themeAnswerCap})` : sql`0`,
    themeDeclared: theme ? sql`CASE WHEN ${x.declared} THEN ${WEIGHTS.themeDeclared} ELSE 0 END` : sql`0`,
    usefulAnswers: theme ? sql`0` : sql`${WEIGHTS.usefulAnswer} * least(${x.totalAnswers}, ${WEIGHTS.usefulAnswerCap})`,
    available: sql`CASE WHEN ${x.available} THEN ${WEIGHTS.available} ELSE 0 END`,
    active: sql`CASE WHEN ${x.active} THEN ${WEIGHTS.active} ELSE 0 END`,
  };
}

const sumSql = (points: Record<FeatureKey, SQL>) => sql.join(featureKeys.map((k) => sql`(${points[k]})`), sql` + `);

/**
 * The most a facts row `f` (peer_facts; `tf`: its peer_theme_facts row for the theme asked for, if read
 * through it) may score for the viewer once read live: every feature from the facts, except that
 * « similar » may hold whenever its band is of another year than the viewer's (asked of the profiles
 * live), and the member may have visited recently. A row without a theme row has no point on the theme.
 */
function mostSql(v: ViewerContext, theme: Theme | null, f: string, tf: string | null, carried = false): SQL {
  const o = v.organisation;
  const c = (column: string) => sql.raw(`${f}.${column}`);
  const sim = v.band
    ? sql`(${c('kind')} = ${o.kind} AND ${c('siren')} IS NOT NULL AND (${c('band_year')} IS DISTINCT FROM ${v.band.year} OR ${c('band')} = ${v.band.band}))`
    : sql`false`;
  return sumSql(
    pointsSql(v, theme, {
      sim,
      kind: c('kind'),
      departement: c('departement_code'),
      region: c('region_code'),
      stage: c('spaser_stage'),
      env: c('environmental_share'),
      soc: c('social_share'),
      themeAnswers: tf ? sql.raw(`${tf}.${carried ? 't_answers' : 'answers'}`) : sql`0`,
      declared: tf ? sql.raw(`${tf}.${carried ? 't_declared' : 'declared'}`) : sql`false`,
      totalAnswers: c('useful_answers'),
      available: c('available_to_help'),
      active: sql`true`,
    }),
  );
}

/**
 * The rows whose score may reach `floor` (an SQL value), as the body of a CTE: of each class, those whose
 * potential + recent activity + the class's bonus reach it (an index range on the class's kind, place
 * and potential). Asking for a theme, the members active on it are read per theme by their potential for
 * it (they may score far above their stored potential); any other member scores at most their stored
 * potential. Each row carries what it has on the theme (`t_answers`, `t_declared`) for `mostSql`.
 */
function rowsReaching(v: ViewerContext, theme: Theme | null, floor: SQL, experiencedOnly: boolean): SQL {
  const parts: SQL[] = [];
  const experienced = (f: string) => (experiencedOnly ? sql.raw(` AND ${f}.spaser_stage >= ${IN_FORCE_STAGE}`) : sql``);
  for (const s of slicesOf(v)) {
    const reaches = sql`f.potential >= ${floor} - ${UNSTORED_POTENTIAL + s.bonus}`;
    parts.push(sql`SELECT f.*, 0 AS t_answers, false AS t_declared FROM peer_facts f WHERE ${s.where} AND ${reaches}${experienced('f')}`);
    if (theme) {
      parts.push(sql`SELECT pf.*, f.answers, f.declared FROM peer_theme_facts f JOIN peer_facts pf ON pf.user_id = f.user_id AND pf.organisation_id = f.organisation_id
        WHERE f.theme = ${theme} AND ${s.where} AND ${reaches}${experienced('pf')}`);
    }
  }
  return sql.join(parts, sql` UNION ALL `);
}

/** A first few rows likely to rank high: the best potentials of the viewer's kind in its région, in its band, in both. */
function firstRows(v: ViewerContext, theme: Theme | null, n: number, experiencedOnly: boolean): SQL {
  const o = v.organisation;
  const experienced = experiencedOnly ? sql`f.spaser_stage >= ${IN_FORCE_STAGE}` : sql`true`;
  // NULLS LAST as the indexes are built (drizzle's .desc()): else the planner cannot read them in order.
  const top = (where: SQL) => sql`(SELECT f.* FROM peer_facts f WHERE ${where} AND ${experienced} ORDER BY f.potential DESC NULLS LAST LIMIT ${n})`;
  const parts = [top(o.regionCode ? sql`f.kind = ${o.kind} AND f.region_code = ${o.regionCode}` : sql`f.kind = ${o.kind}`)];
  if (v.band) parts.push(top(sql`f.kind = ${o.kind} AND f.band_year = ${v.band.year} AND f.band = ${v.band.band}`));
  if (v.band && o.regionCode) parts.push(top(sql`f.kind = ${o.kind} AND f.band_year = ${v.band.year} AND f.band = ${v.band.band} AND f.region_code = ${o.regionCode}`));
  if (theme) {
    parts.push(sql`(SELECT pf.* FROM peer_theme_facts f JOIN peer_facts pf ON pf.user_id = f.user_id AND pf.organisation_id = f.organisation_id
      WHERE f.theme = ${theme} ORDER BY f.potential DESC NULLS LAST LIMIT ${n})`);
  }
  return sql.join(parts, sql` UNION `);
}

/**
 * The candidates of a viewer among the facts rows `source` selects (all of them when null), with the
 * columns the score reads, as the body of a CTE. Never: the viewer, a colleague (a member of one of the
 * viewer's organisations), a member hidden from the directory, without a verified membership, disabled
 * or deleted — checked again on the live rows, whatever the facts say — nor one who declined the
 * viewer's contact request less than 30 days ago (the introductions' one window).
 */
function candidatesSql(v: ViewerContext, source: SQL | null, opts: Opts): SQL {
  const o = v.organisation;
  const band = v.band;
  // Similar (the one definition): read from the facts' latest band when it is of the viewer's year, else asked of the profiles.
  const similar = band
    ? sql`(f.kind = ${o.kind} AND f.siren IS NOT NULL AND CASE WHEN f.band_year = ${band.year} THEN f.band = ${band.band}
        ELSE ${isSimilarSirenSql(sql`f.siren`, { kind: o.kind, year: band.year, band: band.band })} END)`
    : sql`false`;
  const themeAnswers = opts.theme
    ? sql`coalesce((SELECT tf.answers FROM peer_theme_facts tf WHERE tf.theme = ${opts.theme} AND tf.user_id = f.user_id AND tf.organisation_id = f.organisation_id), 0)`
    : sql`0`;
  // The members' table keeps its name (no alias) so that a caller's drizzle conditions on `users` apply.
  return sql`SELECT users.id AS user_id, f.organisation_id AS org_id, users.first_name, users.last_name, users.available_to_help, users.themes, users.last_seen_at,
        f.kind, f.region_code AS org_region, f.departement_code, f.spaser_status, f.spaser_stage, f.adopted_on, f.share_year,
        f.environmental_share AS env_share, f.social_share AS soc_share, f.useful_answers AS total_answers, ${themeAnswers} AS theme_answers, ${similar} AS sim
      FROM ${
        source
          ? // A few rows: one index probe each (OFFSET 0 keeps the subquery apart). The planner cannot tell how few
            // rows the floor leaves and, as a join, would read every member and every membership to hash them.
            sql`(${source}) f CROSS JOIN LATERAL (SELECT * FROM users WHERE users.id = f.user_id OFFSET 0) users`
          : sql`peer_facts f JOIN users ON users.id = f.user_id`
      }
      WHERE users.directory_visibility = 'members' AND users.disabled_at IS NULL AND users.deleted_at IS NULL AND users.id <> ${v.userId}
        AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.organisation_id = f.organisation_id AND m.status = 'verified'${source ? sql` OFFSET 0` : sql``})
        AND NOT EXISTS (SELECT 1 FROM memberships x WHERE x.user_id = users.id AND x.status = 'verified'
          AND x.organisation_id IN (${sql.join(v.mine.map((m) => sql`${m.id}::uuid`), sql`, `)}))
        AND NOT ${declinedWithin30DaysSql(v.userId, sql`users.id`, opts.now)}
        ${opts.experiencedOnly ? sql`AND f.spaser_stage >= ${IN_FORCE_STAGE}` : sql``}
        ${opts.where ? sql`AND ${opts.where}` : sql``}`;
}

/** The points of each feature for a candidate row `c` of `candidatesSql`, read live where the facts do not say. */
function livePointsSql(v: ViewerContext, opts: Opts): Record<FeatureKey, SQL> {
  const activeSince = new Date(opts.now.getTime() - ACTIVE_WITHIN_DAYS * 86_400_000);
  return pointsSql(v, opts.theme, {
    sim: sql`c.sim`,
    kind: sql`c.kind`,
    departement: sql`c.departement_code`,
    region: sql`c.org_region`,
    stage: sql`c.spaser_stage`,
    env: sql`c.env_share`,
    soc: sql`c.soc_share`,
    themeAnswers: sql`c.theme_answers`,
    declared: opts.theme ? sql`${opts.theme} = ANY(c.themes)` : sql`false`,
    totalAnswers: sql`c.total_answers`,
    available: sql`c.available_to_help`,
    active: sql`c.last_seen_at >= ${activeSince.toISOString()}::timestamptz`,
  });
}

/**
 * The ranking of the candidates among the facts rows `source` selects (all when null), every feature
 * scored, best first, one row per member (the best of their organisations). `before`: CTEs `source` reads.
 */
function rankedCandidatesSql(v: ViewerContext, source: SQL | null, opts: Opts, before?: SQL): SQL {
  const points = livePointsSql(v, opts);
  const col = (k: FeatureKey) => sql.identifier(`p_${k}`);
  const scoredColumns = sql.join(featureKeys.map((k) => sql`(${points[k]})::int AS ${col(k)}`), sql`, `);
  const score = sql.join(featureKeys.map(col), sql` + `);
  const order = sql`score DESC, theme_answers DESC, total_answers DESC, last_name, first_name, user_id`;
  return sql`WITH ${before ? sql`${before}, ` : sql``}c AS MATERIALIZED (${candidatesSql(v, source, opts)}),
    scored AS (SELECT c.*, ${scoredColumns} FROM c),
    -- One row per member: the best of their organisations.
    best AS (SELECT DISTINCT ON (user_id) *, ${score} AS score FROM scored ORDER BY user_id, ${score} DESC, org_id),
    top AS (
      SELECT *${opts.withoutScore ? sql`, count(*) OVER () AS total_count` : sql`, 0 AS total_count`} FROM best ${opts.withoutScore ? sql`` : sql`WHERE score > 0`}
      ORDER BY ${order} LIMIT ${opts.limit} OFFSET ${opts.offset ?? 0}
    )
    SELECT top.*, u.job_title, u.region_code, og.name AS org_name,
      (SELECT d.name FROM territories d WHERE d.id = 'departement:' || top.departement_code) AS departement_name
    FROM top JOIN users u ON u.id = top.user_id JOIN organisations og ON og.id = top.org_id
    ORDER BY ${order}`;
}

type Ranked = ReturnType<typeof scoreRows>;

/** How many rows of each first read a request scores to find the floor, for `limit` suggestions. */
const FIRST_READ_FACTOR = 2;

/**
 * The ranking of a viewer's candidates, `limit` of them, exactly as if every member had been scored, in
 * one statement: first a few rows likely to rank high are scored (`first`); the score of the last of
 * the `limit` best of them (`floor`) is then reached by no row whose facts say it cannot reach it, so
 * only the rows that may reach it are read live and scored. The directory (offset, total) scores every row.
 */
async function ranked(deps: Deps, v: ViewerContext, theme: Theme | null, opts: RankOptions): Promise<Ranked> {
  if (v.factsPending) await applyPendingPeerFacts(deps.db);
  const o: Opts = { ...opts, theme, now: deps.clock.now() };
  if (opts.withoutScore || opts.offset) return scoreRows(v, theme, await rows<CandidateRow>(deps.db, rankedCandidatesSql(v, null, o)));
  const first = candidatesSql(v, firstRows(v, theme, opts.limit * FIRST_READ_FACTOR, Boolean(opts.experiencedOnly)), o);
  const firstScore = sumSql(livePointsSql(v, o));
  // Fewer than `limit` found: any member with a point may be kept.
  const before = sql`first AS MATERIALIZED (${first}),
    fl AS (SELECT CASE WHEN count(*) >= ${opts.limit} THEN min(score) ELSE 1 END AS floor
      FROM (SELECT score FROM (SELECT DISTINCT ON (c.user_id) ${firstScore} AS score FROM first c ORDER BY c.user_id, score DESC) b
        WHERE score > 0 ORDER BY score DESC LIMIT ${opts.limit}) t)`;
  const floor = sql`(SELECT floor FROM fl)`;
  // Materialized: the test on the facts (`mostSql`) is planned once, not once per class.
  const reach = sql`${before}, reach AS MATERIALIZED (${rowsReaching(v, theme, floor, Boolean(opts.experiencedOnly))})`;
  const source = sql`SELECT DISTINCT ON (r.user_id, r.organisation_id) r.* FROM reach r WHERE ${mostSql(v, theme, 'r', 'r', true)} >= ${floor}`;
  return scoreRows(v, theme, await rowsWithKeptPlan<CandidateRow>(deps.db, rankedCandidatesSql(v, source, o, reach)));
}

function scoreRows(v: ViewerContext, theme: Theme | null, found: CandidateRow[]) {
  return found
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
  const orgs = await organisationContexts(deps, sql`o.id IN (${sql.join(input.organisationIds.map((id) => sql`${id}::uuid`), sql`, `)})`, sql`o.id`);
  const mine = orgs.map((o) => ({ id: o.id, name: o.name }));
  const where = input.excludeUserIds.length ? sql`users.id NOT IN (${sql.join(input.excludeUserIds.map((id) => sql`${id}::uuid`), sql`, `)})` : undefined;
  const byCandidate = new Map<string, { item: Awaited<ReturnType<typeof ranked>>[number]; pairs: { points: Record<FeatureKey, number>; facts: PairFacts }[] }>();
  // One ranking per organisation, one after the other: the embedded database has one connection.
  for (const organisation of orgs) {
    const v = contextOf(viewerId, mine, organisation);
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

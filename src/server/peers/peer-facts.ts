/**
 * The matching facts of peer suggestions (ADR 0014, « the facts table »): one row per member who may be
 * suggested and verified organisation of theirs (peer_facts), and per theme they declared or answered on
 * (peer_theme_facts). Every input is read from its one definition: the organisation's SPASER status from
 * the view organisation_spaser_status and its stage from matching.ts, the latest DECP shares as the
 * ranking reads them, the useful answers from the help space's definition.
 *
 * Kept up to date by the writes themselves: triggers (migration 0042) note, in the write's transaction,
 * the members and organisations whose facts changed in peer_facts_pending; `applyPendingPeerFacts`
 * rebuilds their rows. Every reader of the facts applies the pending notes first, so a ranking never
 * reads facts older than the writes committed before it started.
 */
import { sql, type SQL } from 'drizzle-orm';
import { usefulAnswersPerAuthorAndThemeSql } from '../helpspace/posts/posts.service.js';
import { latestBandsSql } from '../observatory/similar.js';
import { rows, type Db, type Tx } from '../platform/db.js';
import { IN_FORCE_STAGE, MIN_CONTRACTS_FOR_SHARE, SHARE_GAP_POINTS, SPASER_STAGE, WEIGHTS } from './matching.js';

/** The SPASER stage rank of a status column, from the one table (matching.ts). */
export const stageSql = (status: SQL) =>
  sql`(CASE ${status} ${sql.join(
    Object.entries(SPASER_STAGE).map(([k, v]) => sql`WHEN ${k} THEN ${v}`),
    sql` `,
  )} ELSE 0 END)`;

/**
 * The share of marchés with a consideration, per SIREN among those `sirens` selects: the observatory's
 * « part des contrats notifiés avec une considération … (sur tous les contrats) », marchés only, over the
 * SIREN's latest year with at least MIN_CONTRACTS_FOR_SHARE of them (decp_buyer_years, notification year).
 */
export function latestSharesSql(sirens: SQL): SQL {
  return sql`SELECT DISTINCT ON (buyer_siren) buyer_siren, year, contracts, ep::float8 / contracts AS env_share, sp::float8 / contracts AS soc_share
    FROM (SELECT buyer_siren, year, sum(contracts)::int AS contracts, sum(environmental_positive)::int AS ep, sum(social_positive)::int AS sp
      FROM decp_buyer_years WHERE kind = 'marche' AND year IS NOT NULL AND buyer_siren IN (${sirens})
      GROUP BY buyer_siren, year HAVING sum(contracts) >= ${MIN_CONTRACTS_FOR_SHARE}) y
    ORDER BY buyer_siren, year DESC`;
}

/**
 * The most the organisation's features that do not depend on place or kind can give a row, whoever asks:
 * « SPASER in force » needs a stage in force, « SPASER ahead » a stage above none; a DECP strength needs a
 * share at least SHARE_GAP_POINTS above the viewer's, so above SHARE_GAP_POINTS.
 */
function organisationPotentialSql(f: { stage: SQL; env: SQL; soc: SQL }): SQL {
  const gap = SHARE_GAP_POINTS / 100;
  return sql`(CASE WHEN ${f.stage} >= ${IN_FORCE_STAGE} THEN ${WEIGHTS.spaserInForce} WHEN ${f.stage} > 0 THEN ${WEIGHTS.spaserAhead} ELSE 0 END
    + CASE WHEN ${f.env} >= ${gap} THEN ${WEIGHTS.environmental} ELSE 0 END
    + CASE WHEN ${f.soc} >= ${gap} THEN ${WEIGHTS.social} ELSE 0 END)`;
}

/**
 * What a request adds to a stored potential for the features it does not store: being recently active
 * (read live at ranking time) — the kind and place are added per segment (peers.service.ts).
 */
export const UNSTORED_POTENTIAL = WEIGHTS.active;

// Any constant shared by every process of the platform: one rebuild of the facts at a time.
const FACTS_LOCK = 720_020;

/**
 * Rebuilds the facts of the members noted in peer_facts_pending (and of every member of a noted
 * organisation), then forgets the notes. Returns how many members were rebuilt; nothing to do costs one
 * indexed read. Safe under concurrency: the notes are taken under a transaction lock, and a note
 * committed after that is applied by the next call.
 */
export async function applyPendingPeerFacts(db: Db): Promise<number> {
  const [any] = await rows<{ pending: boolean }>(db, sql`SELECT EXISTS (SELECT 1 FROM peer_facts_pending) AS pending`);
  if (!any?.pending) return 0;
  const rebuilt = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${FACTS_LOCK})`);
    await tx.execute(sql`CREATE TEMP TABLE peer_facts_touched (user_id uuid PRIMARY KEY) ON COMMIT DROP`);
    // The notes taken are exactly those deleted: one statement, one snapshot.
    await tx.execute(sql`WITH d AS (DELETE FROM peer_facts_pending RETURNING user_id, organisation_id)
      INSERT INTO peer_facts_touched
      SELECT user_id FROM d WHERE user_id IS NOT NULL
      UNION SELECT m.user_id FROM memberships m WHERE m.organisation_id IN (SELECT organisation_id FROM d WHERE organisation_id IS NOT NULL)
      UNION SELECT f.user_id FROM peer_facts f WHERE f.organisation_id IN (SELECT organisation_id FROM d WHERE organisation_id IS NOT NULL)`);
    // A new temporary table has no statistics: without them the planner expects thousands of members and
    // scans users, memberships and the help posts whole for one member.
    await tx.execute(sql`ANALYZE peer_facts_touched`);
    return rebuild(tx, sql`SELECT user_id FROM peer_facts_touched`);
  });
  // Every reader asks whether notes are pending: the notes just deleted would stay as dead rows it
  // reads through until a vacuum, and PGlite runs none by itself (after the 10,000 notes of a DECP
  // import, 118 empty pages read on every request). SKIP_LOCKED: a vacuum already running suffices.
  await db.execute(sql`VACUUM (SKIP_LOCKED) peer_facts_pending`);
  return rebuilt;
}

/** Rebuilds every member's facts (a database whose facts are in doubt; the benchmark's own measure). */
export async function rebuildAllPeerFacts(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${FACTS_LOCK})`);
    await tx.execute(sql`DELETE FROM peer_facts_pending`);
    return rebuild(tx, sql`SELECT id FROM users`);
  });
}

async function rebuild(tx: Tx, members: SQL): Promise<number> {
  await tx.execute(sql`DELETE FROM peer_theme_facts WHERE user_id IN (${members})`);
  await tx.execute(sql`DELETE FROM peer_facts WHERE user_id IN (${members})`);
  // Only members who may be suggested have facts: visible in the directory, verified in the organisation,
  // neither disabled nor deleted (the ranking checks the same again on the rows it reads).
  const eligible = sql`SELECT u.id AS user_id, u.available_to_help, m.organisation_id
    FROM users u JOIN memberships m ON m.user_id = u.id AND m.status = 'verified'
    WHERE u.id IN (${members}) AND u.directory_visibility = 'members' AND u.disabled_at IS NULL AND u.deleted_at IS NULL`;
  const inserted = await rows<{ user_id: string }>(
    tx,
    sql`WITH e AS (${eligible}),
      o AS (SELECT o.id, o.kind, o.siren, o.region_code, o.departement_code, st.status, st.adopted_on::text AS adopted_on
        FROM organisations o JOIN organisation_spaser_status st ON st.organisation_id = o.id WHERE o.id IN (SELECT organisation_id FROM e)),
      sh AS (${latestSharesSql(sql`SELECT siren FROM o WHERE siren IS NOT NULL`)}),
      b AS (${latestBandsSql(sql`SELECT siren FROM o WHERE siren IS NOT NULL`)}),
      a AS (SELECT author_id, sum(n)::int AS total FROM (${usefulAnswersPerAuthorAndThemeSql(sql`SELECT user_id FROM e`)}) x GROUP BY author_id),
      r AS (
        SELECT e.user_id, o.id AS organisation_id, o.kind, o.siren, o.region_code, o.departement_code, b.year AS band_year, b.band, o.status, ${stageSql(sql`o.status`)} AS stage,
          o.adopted_on, sh.year AS share_year, sh.env_share, sh.soc_share, coalesce(a.total, 0) AS useful, e.available_to_help
        FROM e JOIN o ON o.id = e.organisation_id LEFT JOIN sh ON sh.buyer_siren = o.siren LEFT JOIN b ON b.siren = o.siren
          LEFT JOIN a ON a.author_id = e.user_id
      )
      INSERT INTO peer_facts (user_id, organisation_id, kind, siren, region_code, departement_code, band_year, band, spaser_status, spaser_stage, adopted_on,
        share_year, environmental_share, social_share, useful_answers, available_to_help, potential)
      SELECT user_id, organisation_id, kind, siren, region_code, departement_code, band_year, band, status, stage, adopted_on, share_year, env_share, soc_share,
        useful, available_to_help,
        ${organisationPotentialSql({ stage: sql`stage`, env: sql`env_share`, soc: sql`soc_share` })}
          + ${WEIGHTS.usefulAnswer} * least(useful, ${WEIGHTS.usefulAnswerCap}) + CASE WHEN available_to_help THEN ${WEIGHTS.available} ELSE 0 END
      FROM r
      RETURNING user_id`,
  );
  // Per theme: the themes a member declares and those of the questions they answered usefully.
  await tx.execute(sql`WITH t AS (${usefulAnswersPerAuthorAndThemeSql(sql`SELECT DISTINCT user_id FROM peer_facts WHERE user_id IN (${members})`)}),
      pairs AS (
        SELECT u.id AS user_id, unnest(u.themes) AS theme FROM users u WHERE u.id IN (SELECT user_id FROM peer_facts WHERE user_id IN (${members}))
        UNION SELECT author_id, theme FROM t WHERE theme IS NOT NULL
      ),
      th AS (
        SELECT f.*, p.theme, coalesce(t.n, 0) AS answers, p.theme = ANY(u.themes) AS declared
        FROM peer_facts f JOIN users u ON u.id = f.user_id JOIN pairs p ON p.user_id = f.user_id
        LEFT JOIN t ON t.author_id = f.user_id AND t.theme = p.theme
      )
      INSERT INTO peer_theme_facts (theme, user_id, organisation_id, kind, region_code, departement_code, band_year, band, answers, declared, potential)
      SELECT theme, user_id, organisation_id, kind, region_code, departement_code, band_year, band, answers, declared,
        ${organisationPotentialSql({ stage: sql`spaser_stage`, env: sql`environmental_share`, soc: sql`social_share` })}
          + CASE WHEN available_to_help THEN ${WEIGHTS.available} ELSE 0 END
          + ${WEIGHTS.themeAnswer} * least(answers, ${WEIGHTS.themeAnswerCap}) + CASE WHEN declared THEN ${WEIGHTS.themeDeclared} ELSE 0 END
      FROM th`);
  return new Set(inserted.map((r) => r.user_id)).size;
}

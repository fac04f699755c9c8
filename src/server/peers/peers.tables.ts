import { bigserial, boolean, doublePrecision, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';
import { organisations } from '../organisations/organisations.tables.js';

/**
 * The matching facts of peer suggestions (issue 20, item 4; ADR 0014, « the facts table »): one row per
 * member who may be suggested (visible, verified, neither disabled nor deleted) and verified
 * organisation of theirs, with what the ranking needs about both, so that a request reads a bounded
 * number of rows through the viewer's kind and région instead of the whole community. Rebuilt for the
 * members a write touched (peer-facts.ts: triggers note them in peer_facts_pending, in the write's
 * transaction; every reader applies the pending notes before ranking).
 */
export const peerFacts = pgTable(
  'peer_facts',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    siren: text('siren'),
    regionCode: text('region_code'),
    departementCode: text('departement_code'),
    // The organisation's latest year with marchés notified and its size band that year (similar.ts).
    bandYear: integer('band_year'),
    band: integer('band'),
    // The one derived SPASER status (view organisation_spaser_status) and its stage (matching.ts).
    spaserStatus: text('spaser_status').notNull(),
    spaserStage: integer('spaser_stage').notNull(),
    adoptedOn: text('adopted_on'),
    // The latest DECP shares (marchés, latest year with enough of them), null when none.
    shareYear: integer('share_year'),
    environmentalShare: doublePrecision('environmental_share'),
    socialShare: doublePrecision('social_share'),
    usefulAnswers: integer('useful_answers').notNull(),
    availableToHelp: boolean('available_to_help').notNull(),
    // The most this row can score without a theme, whoever asks, before the viewer's kind and place
    // and recent activity (matching.ts, `potentialSql`): the order in which a request reads rows.
    potential: integer('potential').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.organisationId] }),
    index('peer_facts_kind_region_idx').on(t.kind, t.regionCode, t.potential.desc()),
    index('peer_facts_region_idx').on(t.regionCode, t.potential.desc()),
    index('peer_facts_kind_idx').on(t.kind, t.potential.desc()),
    index('peer_facts_kind_band_idx').on(t.kind, t.bandYear, t.band, t.potential.desc()),
    index('peer_facts_potential_idx').on(t.potential.desc()),
    index('peer_facts_departement_idx').on(t.departementCode, t.potential.desc()),
    index('peer_facts_organisation_idx').on(t.organisationId),
  ],
);

/**
 * The same rows per theme on which the member declared expertise or gave useful answers: what a request
 * asking for that theme reads first, by the most such a row can score for it.
 */
export const peerThemeFacts = pgTable(
  'peer_theme_facts',
  {
    theme: text('theme').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    regionCode: text('region_code'),
    departementCode: text('departement_code'),
    bandYear: integer('band_year'),
    band: integer('band'),
    answers: integer('answers').notNull(),
    declared: boolean('declared').notNull(),
    potential: integer('potential').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.theme, t.userId, t.organisationId] }),
    index('peer_theme_facts_kind_region_idx').on(t.theme, t.kind, t.regionCode, t.potential.desc()),
    index('peer_theme_facts_region_idx').on(t.theme, t.regionCode, t.potential.desc()),
    index('peer_theme_facts_kind_idx').on(t.theme, t.kind, t.potential.desc()),
    index('peer_theme_facts_kind_band_idx').on(t.theme, t.kind, t.bandYear, t.band, t.potential.desc()),
    index('peer_theme_facts_potential_idx').on(t.theme, t.potential.desc()),
    index('peer_theme_facts_departement_idx').on(t.theme, t.departementCode, t.potential.desc()),
    index('peer_theme_facts_user_idx').on(t.userId),
  ],
);

/**
 * Members and organisations whose facts a write changed, noted by triggers in the write's transaction
 * (migration 0042) and consumed by `applyPendingPeerFacts`. No foreign key: a deleted row is noted too.
 */
export const peerFactsPending = pgTable('peer_facts_pending', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  userId: uuid('user_id'),
  organisationId: uuid('organisation_id'),
});

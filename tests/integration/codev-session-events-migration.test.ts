import { describe, expect, it } from 'vitest';
import { databaseBefore, migrationIndex } from '../helpers/migrations.js';

/**
 * The hand-edited migration that turns co-development sessions into events (codev_session_events):
 * a database with sessions from before it (a `scheduled_at`) is migrated, and each session gets its
 * event and its group's places. Located by its tag, so renumbering the migrations keeps it working.
 */
const cut = migrationIndex('_codev_session_events');

describe('migration: co-development sessions become events', () => {
  it('gives each existing session an event of kind codev (90 minutes, restricted to its group) and places to its group and facilitator', async () => {
    expect(cut).toBeGreaterThan(0);
    // The migrations before it applied, then old-shape rows, then the rest.
    const { q, rest, close } = await databaseBefore(cut);
    try {
      const at = '2026-10-01T08:00:00Z';
      const user = async (n: number, role = 'member') =>
        (await q(
          `INSERT INTO users (email, password_hash, role, first_name, last_name, terms_accepted_at, terms_version, created_at, updated_at)
           VALUES ($1, 'x', $2, 'P' || $3::text, 'N' || $3::text, $4, 'v1', $4, $4) RETURNING id`,
          [`u${n}@migr.test`, role, n, at],
        ))[0]!.id as string;
      const facilitator = await user(0, 'facilitator');
      const members = [await user(1), await user(2), await user(3), await user(4), await user(5)];
      const cohort = (await q(`INSERT INTO cohorts (name, edition, starts_on, ends_on, capacity, created_at, updated_at) VALUES ('Promo', 1, '2026-09-01', '2026-12-01', 30, $1, $1) RETURNING id`, [at]))[0]!.id;
      const group = (await q(`INSERT INTO codev_groups (cohort_id, name, created_at, updated_at) VALUES ($1, 'Groupe A', $2, $2) RETURNING id`, [cohort, at]))[0]!.id;
      for (const m of members) await q(`INSERT INTO codev_group_members (group_id, cohort_id, user_id) VALUES ($1, $2, $3)`, [group, cohort, m]);
      // 14:00 in Paris on Thursday 15 October 2026 (UTC+2) = 12:00 UTC.
      const session = (await q(
        `INSERT INTO codev_sessions (group_id, cohort_id, title, case_owner_id, facilitator_id, scheduled_at, created_by, created_at, updated_at)
         VALUES ($1, $2, 'Clauses sociales', $3, $4, '2026-10-15T12:00:00Z', $4, $5, $5) RETURNING id`,
        [group, cohort, members[0], facilitator, at],
      ))[0]!.id as string;

      await rest();

      const [s] = await q(`SELECT event_id FROM codev_sessions WHERE id = $1`, [session]);
      const [e] = await q(`SELECT kind, title, visibility, owner_kind, owner_id, starts_at, ends_at, status FROM events WHERE id = $1`, [s!.event_id]);
      expect({ ...e, starts_at: new Date(e!.starts_at as string).toISOString(), ends_at: new Date(e!.ends_at as string).toISOString() }).toEqual({
        kind: 'codev',
        title: 'Codéveloppement — Groupe A : Clauses sociales',
        visibility: 'restricted',
        owner_kind: 'codev_group',
        owner_id: group,
        starts_at: '2026-10-15T12:00:00.000Z',
        ends_at: '2026-10-15T13:30:00.000Z',
        status: 'scheduled',
      });
      const places = await q(`SELECT user_id FROM event_registrations WHERE event_id = $1 AND status = 'registered' ORDER BY user_id`, [s!.event_id]);
      expect(places.map((p) => p.user_id)).toEqual([...members, facilitator].sort());
      const columns = await q(`SELECT column_name FROM information_schema.columns WHERE table_name = 'codev_sessions' AND column_name IN ('scheduled_at', 'event_id')`);
      expect(columns.map((c) => c.column_name)).toEqual(['event_id']);
    } finally {
      await close();
    }
  }, 120_000);
});

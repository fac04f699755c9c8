import { describe, expect, it } from 'vitest';
import { databaseBefore, migrationIndex } from '../helpers/migrations.js';

/**
 * The migration that makes notifications general (issue 16): a database from before it, with
 * help-space notifications (post_id, question_id) and e-mail preferences, is migrated; every
 * notification is kept as an "entraide" notification about its post, with its read and e-mailed
 * state, and every preference is kept. Located by its tag, so renumbering keeps it working.
 */
const cut = migrationIndex('_general_notifications');

describe('migration: notifications for every module', () => {
  it('keeps every notification (as entraide, about its post) and every preference', async () => {
    expect(cut).toBeGreaterThan(0);
    // The migrations before it applied, then old-shape rows, then the rest.
    const { q, rest, close } = await databaseBefore(cut);
    try {
      const at = '2026-10-01T08:00:00Z';
      const user = async (n: number) =>
        (await q(
          `INSERT INTO users (email, password_hash, role, first_name, last_name, terms_accepted_at, terms_version, created_at, updated_at)
           VALUES ($1, 'x', 'member', 'P' || $2::text, 'N' || $2::text, $3, 'v1', $3, $3) RETURNING id`,
          [`u${n}@migr.test`, n, at],
        ))[0]!.id as string;
      const [rose, paul, lea] = [await user(1), await user(2), await user(3)];
      // Old shape: help-space columns that cannot be empty.
      const questionId = '11111111-1111-4111-8111-111111111111';
      const answerId = '22222222-2222-4222-8222-222222222222';
      const old = [
        { user: rose, kind: 'answer', post: answerId, question: questionId, actor: paul, read: null, emailed: '2026-10-02T06:00:00Z', data: '{}' },
        { user: rose, kind: 'mention', post: questionId, question: questionId, actor: lea, read: '2026-10-03T09:00:00Z', emailed: null, data: '{}' },
        { user: paul, kind: 'unanswered', post: questionId, question: questionId, actor: rose, read: null, emailed: null, data: '{"suggested":[{"id":"x","displayName":"Léa N3","usefulAnswersCount":2}]}' },
      ];
      const ids: string[] = [];
      for (const n of old)
        ids.push(
          (await q(
            `INSERT INTO notifications (user_id, kind, post_id, question_id, actor_id, data, created_at, read_at, emailed_at)
             VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9) RETURNING id`,
            [n.user, n.kind, n.post, n.question, n.actor, n.data, at, n.read, n.emailed],
          ))[0]!.id as string,
        );
      await q(`INSERT INTO notification_settings (user_id, email_frequency, last_digest_at, updated_at) VALUES ($1, 'never', NULL, $3), ($2, 'weekly', '2026-10-05T06:00:00Z', $3)`, [rose, paul, at]);

      await rest();

      const after = await q(
        `SELECT id, user_id, kind, category, target_kind, target_id, actor_id, data, read_at, emailed_at FROM notifications ORDER BY created_at, kind`,
      );
      const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
      expect(after.map((r) => ({ ...r, read_at: iso(r.read_at), emailed_at: iso(r.emailed_at) }))).toEqual(
        [
          { id: ids[0], user_id: rose, kind: 'answer', category: 'entraide', target_kind: 'help_post', target_id: answerId, actor_id: paul, data: {}, read_at: null, emailed_at: '2026-10-02T06:00:00.000Z' },
          { id: ids[1], user_id: rose, kind: 'mention', category: 'entraide', target_kind: 'help_post', target_id: questionId, actor_id: lea, data: {}, read_at: '2026-10-03T09:00:00.000Z', emailed_at: null },
          { id: ids[2], user_id: paul, kind: 'unanswered', category: 'entraide', target_kind: 'help_post', target_id: questionId, actor_id: rose, data: { suggested: [{ id: 'x', displayName: 'Léa N3', usefulAnswersCount: 2 }] }, read_at: null, emailed_at: null },
        ],
      );
      const settings = await q(`SELECT user_id, email_frequency, last_digest_at FROM notification_settings ORDER BY email_frequency`);
      expect(settings.map((s) => ({ ...s, last_digest_at: iso(s.last_digest_at) }))).toEqual([
        { user_id: rose, email_frequency: 'never', last_digest_at: null },
        { user_id: paul, email_frequency: 'weekly', last_digest_at: '2026-10-05T06:00:00.000Z' },
      ]);
      // No category has a choice of its own yet: each follows the member's kept rhythm.
      expect(await q(`SELECT * FROM notification_preferences`)).toEqual([]);
      const columns = await q(`SELECT column_name FROM information_schema.columns WHERE table_name = 'notifications' AND column_name IN ('post_id', 'question_id')`);
      expect(columns).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);
});

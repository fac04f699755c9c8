import { sql } from 'drizzle-orm';
import { deletedMemberName } from '../accounts/accounts.messages.js';
import { rows } from '../platform/db.js';
import { personalData } from '../platform/personal-data.js';
import { refreshQuestionsSql } from './posts/question-stats.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

// The help space's hook. Questions, answers and comments stay (the threads of others would not make
// sense without them) under the anonymised author, « Membre supprimé »; their earlier versions stay
// with them. Votes, reports, follows and private-space memberships go, and every score the member's
// votes counted in is recomputed. Mentions of the member in anyone's posts now read « @Membre supprimé ».
personalData.register({
  module: 'helpspace',
  covers: [
    'help_posts.author_id',
    'help_posts.useful_by',
    'help_post_revisions.edited_by',
    'help_votes.user_id',
    'help_reports.reporter_id',
    'help_reports.resolved_by',
    'help_moderation_log.actor_id',
    'help_follows.user_id',
    'help_spaces.created_by',
    'help_space_members.user_id',
    'help_space_members.added_by',
  ],
  async export({ userId, tx }) {
    const posts = await rows<{
      id: string; kind: string; space_name: string; question_id: string | null; question_title: string | null; title: string | null; theme: string | null;
      tags: string[]; body: string; score: number; useful_at: Date | null; hidden_at: Date | null; deleted_at: Date | null; created_at: Date; edited_at: Date | null;
    }>(
      tx,
      sql`SELECT p.id, p.kind, s.name AS space_name, p.question_id, q.title AS question_title, p.title, p.theme, p.tags, p.body, p.score,
            p.useful_at, p.hidden_at, p.deleted_at, p.created_at, p.edited_at
          FROM help_posts p JOIN help_spaces s ON s.id = p.space_id LEFT JOIN help_posts q ON q.id = p.question_id
          WHERE p.author_id = ${userId} ORDER BY p.created_at, p.id`,
    );
    const revisions = await rows<{ post_id: string; title: string | null; body: string; tags: string[]; replaced_at: Date }>(
      tx,
      sql`SELECT r.post_id, r.title, r.body, r.tags, r.replaced_at FROM help_post_revisions r JOIN help_posts p ON p.id = r.post_id
          WHERE p.author_id = ${userId} ORDER BY r.replaced_at, r.id`,
    );
    const votes = await rows<{ post_id: string; kind: string; question_title: string | null; created_at: Date }>(
      tx,
      sql`SELECT v.post_id, p.kind, q.title AS question_title, v.created_at FROM help_votes v
          JOIN help_posts p ON p.id = v.post_id LEFT JOIN help_posts q ON q.id = p.question_id
          WHERE v.user_id = ${userId} ORDER BY v.created_at, v.post_id`,
    );
    const reports = await rows<{ post_id: string; reason: string; created_at: Date; resolved_at: Date | null }>(
      tx,
      sql`SELECT post_id, reason, created_at, resolved_at FROM help_reports WHERE reporter_id = ${userId} ORDER BY created_at, id`,
    );
    const follows = await rows<{ target_kind: string; target_id: string; created_at: Date }>(
      tx,
      sql`SELECT target_kind, target_id, created_at FROM help_follows WHERE user_id = ${userId} ORDER BY created_at, target_kind, target_id`,
    );
    const usefulMarks = await rows<{ id: string; question_title: string | null; useful_at: Date }>(
      tx,
      sql`SELECT a.id, q.title AS question_title, a.useful_at FROM help_posts a LEFT JOIN help_posts q ON q.id = a.question_id
          WHERE a.useful_by = ${userId} AND a.useful_at IS NOT NULL ORDER BY a.useful_at, a.id`,
    );
    const spaces = await rows<{ space_id: string; name: string; created_at: Date }>(
      tx,
      sql`SELECT m.space_id, s.name, m.created_at FROM help_space_members m JOIN help_spaces s ON s.id = m.space_id
          WHERE m.user_id = ${userId} ORDER BY m.created_at, s.name`,
    );
    const moderation = await rows<{ post_id: string; action: string; reason: string; created_at: Date }>(
      tx,
      sql`SELECT post_id, action, reason, created_at FROM help_moderation_log WHERE actor_id = ${userId} ORDER BY created_at, id`,
    );
    return {
      privateSpaces: spaces.map((s) => ({ spaceId: s.space_id, name: s.name, since: iso(s.created_at) })),
      posts: posts.map((p) => ({
        id: p.id,
        kind: p.kind,
        space: p.space_name,
        questionId: p.question_id,
        questionTitle: p.kind === 'question' ? null : p.question_title,
        title: p.title,
        theme: p.theme,
        tags: p.tags,
        body: p.body,
        score: Number(p.score),
        useful: p.useful_at !== null,
        hidden: p.hidden_at !== null,
        deleted: p.deleted_at !== null,
        createdAt: iso(p.created_at),
        editedAt: iso(p.edited_at),
      })),
      previousVersions: revisions.map((r) => ({ postId: r.post_id, title: r.title, body: r.body, tags: r.tags, replacedAt: iso(r.replaced_at) })),
      votes: votes.map((v) => ({ postId: v.post_id, postKind: v.kind, questionTitle: v.question_title, createdAt: iso(v.created_at) })),
      usefulAnswersMarked: usefulMarks.map((u) => ({ answerId: u.id, questionTitle: u.question_title, markedAt: iso(u.useful_at) })),
      reports: reports.map((r) => ({ postId: r.post_id, reason: r.reason, createdAt: iso(r.created_at), resolvedAt: iso(r.resolved_at) })),
      follows: follows.map((f) => ({ targetKind: f.target_kind, targetId: f.target_id, createdAt: iso(f.created_at) })),
      moderationActions: moderation.map((m) => ({ postId: m.post_id, action: m.action, reason: m.reason, createdAt: iso(m.created_at) })),
    };
  },
  async erase({ userId, tx }) {
    // Votes go, and the scores they counted in are recomputed from the votes that remain.
    const voted = await rows<{ post_id: string }>(tx, sql`DELETE FROM help_votes WHERE user_id = ${userId} RETURNING post_id`);
    if (voted.length) {
      const ids = sql.join([...new Set(voted.map((v) => v.post_id))].map((id) => sql`${id}::uuid`), sql`, `);
      await tx.execute(sql`UPDATE help_posts p SET score = (SELECT count(*)::int FROM help_votes v WHERE v.post_id = p.id) WHERE p.id IN (${ids})`);
    }
    await tx.execute(sql`DELETE FROM help_reports WHERE reporter_id = ${userId}`);
    await tx.execute(sql`DELETE FROM help_follows WHERE user_id = ${userId}`);
    await tx.execute(sql`DELETE FROM help_space_members WHERE user_id = ${userId}`);
    await tx.execute(sql`UPDATE help_space_members SET added_by = NULL WHERE added_by = ${userId}`);
    await tx.execute(sql`UPDATE help_spaces SET created_by = NULL WHERE created_by = ${userId}`);
    await tx.execute(sql`UPDATE help_reports SET resolved_by = NULL WHERE resolved_by = ${userId}`);
    await tx.execute(sql`UPDATE help_moderation_log SET actor_id = NULL WHERE actor_id = ${userId}`);
    await tx.execute(sql`UPDATE help_post_revisions SET edited_by = NULL WHERE edited_by = ${userId}`);
    // An answer the member marked useful stays useful; who marked it is forgotten.
    await tx.execute(sql`UPDATE help_posts SET useful_by = NULL WHERE useful_by = ${userId}`);
    // `@[Prénom Nom](user:<id>)` in anyone's text: the name written there goes too.
    const mention = `@\\[[^]\\n]{1,80}\\]\\(user:${userId}\\)`;
    const replacement = `@[${deletedMemberName}](user:${userId})`;
    const like = `%(user:${userId})%`;
    const touched = await rows<{ question_id: string }>(
      tx,
      sql`UPDATE help_posts SET body = regexp_replace(body, ${mention}, ${replacement}, 'g')
          WHERE body LIKE ${like} RETURNING question_id`,
    );
    await tx.execute(sql`UPDATE help_post_revisions SET body = regexp_replace(body, ${mention}, ${replacement}, 'g') WHERE body LIKE ${like}`);
    // The questions' thread search vectors include their answers' text.
    if (touched.length) {
      const ids = sql.join([...new Set(touched.map((t) => t.question_id))].map((id) => sql`${id}::uuid`), sql`, `);
      await tx.execute(refreshQuestionsSql(sql`q0.id IN (${ids})`));
    }
  },
});

import { sql, type SQL } from 'drizzle-orm';
import { rows, type Db, type Tx } from '../../platform/db.js';

/**
 * The denormalised columns of questions (answer_count, solved_at, thread_search) recomputed from
 * their answers, for the questions matched by `where` (over `q0`). Called in the transaction of
 * every write that changes them (answer posted, edited, deleted, hidden, restored, marked useful;
 * question edited), and set-based by the benchmark's generator: one rule for both.
 * Only answers neither hidden nor deleted count, so no reader ever finds a question through text
 * they may not read. Migration 0009 backfilled existing rows with the same statement.
 */
export function refreshQuestionsSql(where: SQL): SQL {
  return sql`UPDATE help_posts q SET answer_count = coalesce(s.n, 0), solved_at = s.solved_at,
      thread_search = ${threadSearchSql(sql`q.search`)}
    FROM help_posts q0 LEFT JOIN ${answerStatsLateral(sql`q0.id`)} ON true
    WHERE q.id = q0.id AND q0.kind = 'question' AND ${where}`;
}

/** The visible answers of a question, aggregated as `s` (n, solved_at, vec): the one rule of the columns above. */
export function answerStatsLateral(questionId: SQL): SQL {
  return sql`LATERAL (
      SELECT count(*)::int AS n, min(a.useful_at) AS solved_at, tsvector_agg(a.search) AS vec
      FROM help_posts a WHERE a.question_id = ${questionId} AND a.kind = 'answer' AND a.deleted_at IS NULL AND a.hidden_at IS NULL) s`;
}

/** A question's thread vector: its own `search` (title A, body B) and its visible answers' text, weight C. */
export function threadSearchSql(questionSearch: SQL): SQL {
  return sql`${questionSearch} || setweight(coalesce(s.vec, ''::tsvector), 'C')`;
}

/** Recomputes one question's denormalised columns (see refreshQuestionsSql). */
export async function refreshQuestion(db: Db | Tx, questionId: string) {
  await db.execute(refreshQuestionsSql(sql`q0.id = ${questionId}`));
}

/** Recomputes a post's vote count and returns it. */
export async function refreshScore(db: Db | Tx, postId: string): Promise<number> {
  const [r] = await rows<{ score: number }>(
    db,
    sql`UPDATE help_posts SET score = (SELECT count(*)::int FROM help_votes v WHERE v.post_id = ${postId}) WHERE id = ${postId} RETURNING score`,
  );
  return Number(r?.score ?? 0);
}

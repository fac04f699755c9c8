-- Concatenates tsvectors as `||` does (positions shifted, weights kept): a question and its answers
-- are searched as one document (help_posts.thread_search, src/server/helpspace/posts/question-stats.ts).
CREATE AGGREGATE tsvector_agg(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '');
--> statement-breakpoint
-- Backfill of the denormalised columns added by 0008, with the same rules as question-stats.ts.
UPDATE help_posts p SET score = v.n FROM (SELECT post_id, count(*)::int AS n FROM help_votes GROUP BY post_id) v WHERE v.post_id = p.id;
--> statement-breakpoint
UPDATE help_posts q SET answer_count = coalesce(s.n, 0), solved_at = s.solved_at,
    thread_search = q.search || setweight(coalesce(s.vec, ''::tsvector), 'C')
  FROM help_posts q0 LEFT JOIN LATERAL (
    SELECT count(*)::int AS n, min(a.useful_at) AS solved_at, tsvector_agg(a.search) AS vec
    FROM help_posts a WHERE a.question_id = q0.id AND a.kind = 'answer' AND a.deleted_at IS NULL AND a.hidden_at IS NULL) s ON true
  WHERE q.id = q0.id AND q0.kind = 'question';
--> statement-breakpoint
UPDATE users u SET last_seen_at = s.m FROM (SELECT user_id, max(last_seen_at) AS m FROM sessions GROUP BY user_id) s WHERE s.user_id = u.id;
--> statement-breakpoint
-- answer_count is 0 for every answer and comment too: without this the planner, assuming kind and
-- answer_count independent, overestimates unanswered questions fourfold and skips their index.
CREATE STATISTICS help_posts_question_stats (dependencies, mcv) ON kind, answer_count, space_id FROM help_posts;

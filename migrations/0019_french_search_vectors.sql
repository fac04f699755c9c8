ALTER TABLE "help_posts" drop column "search";--> statement-breakpoint
ALTER TABLE "help_posts" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(french_search_vector(coalesce(title, '')), 'A') || setweight(french_search_vector(body), 'B')) STORED;--> statement-breakpoint
ALTER TABLE "library_resources" drop column "search";--> statement-breakpoint
ALTER TABLE "library_resources" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(french_search_vector(title), 'A') || setweight(french_search_vector(summary), 'B') || setweight(french_search_vector(body), 'C') || setweight(french_search_vector(files_text), 'D')) STORED;--> statement-breakpoint
-- Dropping the columns dropped their GIN indexes: the same indexes again (helpspace.tables.ts, library.tables.ts).
CREATE INDEX "help_posts_search_idx" ON "help_posts" USING gin ("search");--> statement-breakpoint
CREATE INDEX "library_resources_search_idx" ON "library_resources" USING gin ("search");
--> statement-breakpoint
-- Questions' thread vectors again from the new post vectors, with the rule of posts/question-stats.ts.
UPDATE help_posts q SET thread_search = q.search || setweight(coalesce(s.vec, ''::tsvector), 'C')
  FROM help_posts q0 LEFT JOIN LATERAL (
    SELECT tsvector_agg(a.search) AS vec
    FROM help_posts a WHERE a.question_id = q0.id AND a.kind = 'answer' AND a.deleted_at IS NULL AND a.hidden_at IS NULL) s ON true
  WHERE q.id = q0.id AND q0.kind = 'question';

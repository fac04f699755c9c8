ALTER TABLE "users" ADD COLUMN "last_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "help_posts" ADD COLUMN "score" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "help_posts" ADD COLUMN "answer_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "help_posts" ADD COLUMN "solved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "help_posts" ADD COLUMN "thread_search" "tsvector";--> statement-breakpoint
CREATE INDEX "help_questions_recent_idx" ON "help_posts" USING btree ("space_id","created_at" DESC NULLS LAST,"id","hidden_at","solved_at") WHERE kind = 'question' AND deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "help_questions_unanswered_idx" ON "help_posts" USING btree ("space_id","created_at" DESC NULLS LAST,"id","hidden_at","solved_at") WHERE kind = 'question' AND deleted_at IS NULL AND answer_count = 0;--> statement-breakpoint
CREATE INDEX "help_questions_votes_idx" ON "help_posts" USING btree ("space_id","score" DESC NULLS LAST,"created_at" DESC NULLS LAST,"id","hidden_at","solved_at") WHERE kind = 'question' AND deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "help_questions_theme_idx" ON "help_posts" USING btree ("theme","created_at" DESC NULLS LAST,"id","space_id","hidden_at","solved_at") WHERE kind = 'question' AND deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "help_questions_all_recent_idx" ON "help_posts" USING btree ("created_at" DESC NULLS LAST,"id","space_id","hidden_at","solved_at") WHERE kind = 'question' AND deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "help_questions_thread_search_idx" ON "help_posts" USING gin ("thread_search") WHERE kind = 'question';--> statement-breakpoint
ALTER TABLE "notification_settings" DROP COLUMN "last_visit_at";
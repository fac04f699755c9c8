CREATE TABLE "spaser_review_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"spaser_id" uuid NOT NULL,
	"section" text NOT NULL,
	"thread_id" uuid,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid
);
--> statement-breakpoint
CREATE TABLE "spaser_reviewers" (
	"spaser_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"invited_by" uuid,
	"invited_at" timestamp with time zone NOT NULL,
	CONSTRAINT "spaser_reviewers_spaser_id_user_id_pk" PRIMARY KEY("spaser_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "spaser_review_comments" ADD CONSTRAINT "spaser_review_comments_spaser_id_spasers_id_fk" FOREIGN KEY ("spaser_id") REFERENCES "public"."spasers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaser_review_comments" ADD CONSTRAINT "spaser_review_comments_thread_id_spaser_review_comments_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."spaser_review_comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaser_review_comments" ADD CONSTRAINT "spaser_review_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaser_review_comments" ADD CONSTRAINT "spaser_review_comments_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaser_reviewers" ADD CONSTRAINT "spaser_reviewers_spaser_id_spasers_id_fk" FOREIGN KEY ("spaser_id") REFERENCES "public"."spasers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaser_reviewers" ADD CONSTRAINT "spaser_reviewers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaser_reviewers" ADD CONSTRAINT "spaser_reviewers_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "spaser_review_comments_spaser_idx" ON "spaser_review_comments" USING btree ("spaser_id","created_at");--> statement-breakpoint
CREATE INDEX "spaser_review_comments_thread_idx" ON "spaser_review_comments" USING btree ("thread_id");--> statement-breakpoint
CREATE INDEX "spaser_reviewers_user_idx" ON "spaser_reviewers" USING btree ("user_id");
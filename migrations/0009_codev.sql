CREATE TABLE "codev_group_members" (
	"group_id" uuid NOT NULL,
	"cohort_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "codev_group_members_group_id_user_id_pk" PRIMARY KEY("group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "codev_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "codev_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"step" integer NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "codev_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"cohort_id" uuid NOT NULL,
	"title" text NOT NULL,
	"case_owner_id" uuid NOT NULL,
	"facilitator_id" uuid NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"current_step" integer DEFAULT 0 NOT NULL,
	"step_started_at" timestamp with time zone,
	"step_duration_seconds" integer,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"review_required" boolean DEFAULT false NOT NULL,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"summary_due_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "codev_summaries" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"content" jsonb NOT NULL,
	"generated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "codev_summary_deliveries" (
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "codev_summary_deliveries_session_id_user_id_pk" PRIMARY KEY("session_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "codev_group_members" ADD CONSTRAINT "codev_group_members_group_id_codev_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."codev_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "codev_group_members" ADD CONSTRAINT "codev_group_members_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "codev_group_members" ADD CONSTRAINT "codev_group_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "codev_groups" ADD CONSTRAINT "codev_groups_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "codev_groups" ADD CONSTRAINT "codev_groups_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "codev_notes" ADD CONSTRAINT "codev_notes_session_id_codev_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."codev_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "codev_notes" ADD CONSTRAINT "codev_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "codev_sessions" ADD CONSTRAINT "codev_sessions_group_id_codev_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."codev_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "codev_sessions" ADD CONSTRAINT "codev_sessions_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "codev_sessions" ADD CONSTRAINT "codev_sessions_case_owner_id_users_id_fk" FOREIGN KEY ("case_owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "codev_sessions" ADD CONSTRAINT "codev_sessions_facilitator_id_users_id_fk" FOREIGN KEY ("facilitator_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "codev_sessions" ADD CONSTRAINT "codev_sessions_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "codev_sessions" ADD CONSTRAINT "codev_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "codev_summaries" ADD CONSTRAINT "codev_summaries_session_id_codev_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."codev_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "codev_summary_deliveries" ADD CONSTRAINT "codev_summary_deliveries_session_id_codev_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."codev_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "codev_summary_deliveries" ADD CONSTRAINT "codev_summary_deliveries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "codev_group_members_cohort_user_key" ON "codev_group_members" USING btree ("cohort_id","user_id");--> statement-breakpoint
CREATE INDEX "codev_group_members_user_idx" ON "codev_group_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "codev_groups_cohort_idx" ON "codev_groups" USING btree ("cohort_id");--> statement-breakpoint
CREATE UNIQUE INDEX "codev_notes_author_key" ON "codev_notes" USING btree ("session_id","step","author_id");--> statement-breakpoint
CREATE INDEX "codev_sessions_group_idx" ON "codev_sessions" USING btree ("group_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "codev_sessions_cohort_idx" ON "codev_sessions" USING btree ("cohort_id");
CREATE TABLE "cohort_lessons" (
	"cohort_id" uuid PRIMARY KEY NOT NULL,
	"public_summary" text DEFAULT '' NOT NULL,
	"private_details" text DEFAULT '' NOT NULL,
	"published_at" timestamp with time zone,
	"resource_id" uuid,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cohort_retrospectives" (
	"cohort_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"worked" text NOT NULL,
	"change" text NOT NULL,
	"lessons" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cohort_retrospectives_cohort_id_user_id_pk" PRIMARY KEY("cohort_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "cohort_sponsor_profiles" (
	"cohort_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"story" text DEFAULT '' NOT NULL,
	"offer" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cohort_sponsor_profiles_cohort_id_user_id_pk" PRIMARY KEY("cohort_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "cohort_sponsor_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"asked_by" uuid,
	"body" text NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "themes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "codev_sessions" ADD COLUMN "themes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "cohort_lessons" ADD CONSTRAINT "cohort_lessons_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_lessons" ADD CONSTRAINT "cohort_lessons_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_retrospectives" ADD CONSTRAINT "cohort_retrospectives_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_retrospectives" ADD CONSTRAINT "cohort_retrospectives_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_sponsor_profiles" ADD CONSTRAINT "cohort_sponsor_profiles_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_sponsor_profiles" ADD CONSTRAINT "cohort_sponsor_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_sponsor_questions" ADD CONSTRAINT "cohort_sponsor_questions_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_sponsor_questions" ADD CONSTRAINT "cohort_sponsor_questions_asked_by_users_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_sponsor_questions" ADD CONSTRAINT "cohort_sponsor_questions_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cohort_sponsor_questions_cohort_idx" ON "cohort_sponsor_questions" USING btree ("cohort_id","created_at");
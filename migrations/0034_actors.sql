CREATE TABLE "actor_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"actor_id" uuid NOT NULL,
	"proposed_by" uuid,
	"proposed_at" timestamp with time zone NOT NULL,
	"comment" text NOT NULL,
	"proposed" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "actor_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"actor_id" uuid NOT NULL,
	"edited_by" uuid,
	"edited_at" timestamp with time zone NOT NULL,
	"change" text NOT NULL,
	"changed" text[] NOT NULL,
	"previous" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "actors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"national" boolean DEFAULT false NOT NULL,
	"region_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"themes" text[] NOT NULL,
	"description" text NOT NULL,
	"website" text,
	"contact" text,
	"sources" text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "actors_has_source" CHECK (cardinality("actors"."sources") > 0)
);
--> statement-breakpoint
ALTER TABLE "actor_corrections" ADD CONSTRAINT "actor_corrections_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actor_corrections" ADD CONSTRAINT "actor_corrections_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actor_corrections" ADD CONSTRAINT "actor_corrections_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actor_revisions" ADD CONSTRAINT "actor_revisions_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actor_revisions" ADD CONSTRAINT "actor_revisions_edited_by_users_id_fk" FOREIGN KEY ("edited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "actor_corrections_actor_idx" ON "actor_corrections" USING btree ("actor_id","status");--> statement-breakpoint
CREATE INDEX "actor_revisions_actor_idx" ON "actor_revisions" USING btree ("actor_id","edited_at");--> statement-breakpoint
CREATE INDEX "actors_region_codes_idx" ON "actors" USING gin ("region_codes");
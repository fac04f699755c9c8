CREATE TABLE "library_resource_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resource_id" uuid NOT NULL,
	"edited_by" uuid,
	"edited_at" timestamp with time zone NOT NULL,
	"changed" text[] NOT NULL,
	"previous" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "library_resource_revisions" ADD CONSTRAINT "library_resource_revisions_resource_id_library_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."library_resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_resource_revisions" ADD CONSTRAINT "library_resource_revisions_edited_by_users_id_fk" FOREIGN KEY ("edited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "library_resource_revisions_resource_idx" ON "library_resource_revisions" USING btree ("resource_id","edited_at");
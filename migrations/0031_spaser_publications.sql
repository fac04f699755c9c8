CREATE TABLE "spaser_publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"spaser_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"document" jsonb NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone NOT NULL,
	"withdrawn_by" uuid,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "spasers" ADD COLUMN "public_ref" text;--> statement-breakpoint
ALTER TABLE "spaser_publications" ADD CONSTRAINT "spaser_publications_spaser_id_spasers_id_fk" FOREIGN KEY ("spaser_id") REFERENCES "public"."spasers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaser_publications" ADD CONSTRAINT "spaser_publications_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaser_publications" ADD CONSTRAINT "spaser_publications_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "spaser_publications_version_key" ON "spaser_publications" USING btree ("spaser_id","version");--> statement-breakpoint
ALTER TABLE "spasers" ADD CONSTRAINT "spasers_public_ref_unique" UNIQUE("public_ref");
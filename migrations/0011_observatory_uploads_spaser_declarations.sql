CREATE TABLE "decp_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_name" text NOT NULL,
	"stored_path" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"status" text NOT NULL,
	"bytes_read" bigint DEFAULT 0 NOT NULL,
	"records_staged" bigint DEFAULT 0 NOT NULL,
	"report" jsonb,
	"error" text,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "spaser_declarations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"url" text NOT NULL,
	"adopted_on" date NOT NULL,
	"declared_by" uuid,
	"declared_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "decp_uploads" ADD CONSTRAINT "decp_uploads_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaser_declarations" ADD CONSTRAINT "spaser_declarations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaser_declarations" ADD CONSTRAINT "spaser_declarations_declared_by_users_id_fk" FOREIGN KEY ("declared_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decp_uploads_created_idx" ON "decp_uploads" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "spaser_declarations_org_idx" ON "spaser_declarations" USING btree ("organisation_id","declared_at");
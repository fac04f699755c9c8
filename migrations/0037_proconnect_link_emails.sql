CREATE TABLE "proconnect_link_emails" (
	"id" text PRIMARY KEY NOT NULL,
	"pending_link_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "proconnect_link_emails" ADD CONSTRAINT "proconnect_link_emails_pending_link_id_proconnect_pending_links_id_fk" FOREIGN KEY ("pending_link_id") REFERENCES "public"."proconnect_pending_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "proconnect_link_emails_pending_idx" ON "proconnect_link_emails" USING btree ("pending_link_id");
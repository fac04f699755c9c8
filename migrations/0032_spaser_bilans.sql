CREATE TABLE "spaser_bilans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"spaser_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"document" jsonb NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "spasers" ADD COLUMN "bilan_reminded_for" date;--> statement-breakpoint
ALTER TABLE "spaser_bilans" ADD CONSTRAINT "spaser_bilans_spaser_id_spasers_id_fk" FOREIGN KEY ("spaser_id") REFERENCES "public"."spasers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaser_bilans" ADD CONSTRAINT "spaser_bilans_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "spaser_bilans_number_key" ON "spaser_bilans" USING btree ("spaser_id","number");
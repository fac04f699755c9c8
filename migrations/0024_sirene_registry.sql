CREATE TABLE "sirene_staging" (
	"import_id" uuid NOT NULL,
	"siren" text NOT NULL,
	"name" text NOT NULL,
	"acronym" text,
	"legal_category" text NOT NULL,
	"kind" text NOT NULL,
	"ceased" boolean NOT NULL,
	"ceased_on" date,
	"nic_siege" text,
	"commune_code" text,
	"postcode" text
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "acronym" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "legal_category" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "ceased" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "ceased_on" date;--> statement-breakpoint
ALTER TABLE "decp_contracts" ADD COLUMN "buyer_name" text;--> statement-breakpoint
ALTER TABLE "decp_staging" ADD COLUMN "buyer_name" text;--> statement-breakpoint
CREATE UNIQUE INDEX "sirene_staging_key" ON "sirene_staging" USING btree ("import_id","siren");--> statement-breakpoint
CREATE INDEX "organisations_acronym_idx" ON "organisations" USING btree (search_normalize("acronym"));
CREATE TABLE "decp_contracts" (
	"kind" text NOT NULL,
	"buyer_siret" text NOT NULL,
	"contract_id" text NOT NULL,
	"buyer_siren" text NOT NULL,
	"format" text NOT NULL,
	"year" integer,
	"notification_date" text,
	"notification_key" text,
	"publication_date" text,
	"modifications" integer NOT NULL,
	"objet" text,
	"nature" text,
	"procedure" text,
	"cpv" text,
	"cpv_division" text,
	"purchase_type" text,
	"duration_months" integer,
	"amount_initial" double precision,
	"amount_current" double precision,
	"amount_excluded" boolean NOT NULL,
	"social" text NOT NULL,
	"environmental" text NOT NULL,
	"social_values" text[] DEFAULT '{}'::text[] NOT NULL,
	"environmental_values" text[] DEFAULT '{}'::text[] NOT NULL,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"source_file" text NOT NULL,
	"conflict" boolean DEFAULT false NOT NULL,
	"import_id" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "decp_contracts_kind_buyer_siret_contract_id_pk" PRIMARY KEY("kind","buyer_siret","contract_id")
);
--> statement-breakpoint
CREATE TABLE "decp_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"report" jsonb
);
--> statement-breakpoint
CREATE TABLE "decp_rejections" (
	"import_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decp_staging" (
	"import_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"kind" text NOT NULL,
	"buyer_siret" text NOT NULL,
	"contract_id" text NOT NULL,
	"buyer_siren" text NOT NULL,
	"format" text NOT NULL,
	"year" integer,
	"notification_date" text,
	"notification_key" text,
	"publication_date" text,
	"modifications" integer NOT NULL,
	"objet" text,
	"nature" text,
	"procedure" text,
	"cpv" text,
	"cpv_division" text,
	"purchase_type" text,
	"duration_months" integer,
	"amount_initial" double precision,
	"amount_current" double precision,
	"amount_excluded" boolean NOT NULL,
	"social" text NOT NULL,
	"environmental" text NOT NULL,
	"social_values" text[] DEFAULT '{}'::text[] NOT NULL,
	"environmental_values" text[] DEFAULT '{}'::text[] NOT NULL,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"source_file" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "decp_contracts_siren_idx" ON "decp_contracts" USING btree ("buyer_siren","kind","year");--> statement-breakpoint
CREATE INDEX "decp_contracts_year_idx" ON "decp_contracts" USING btree ("kind","year");--> statement-breakpoint
CREATE INDEX "decp_rejections_import_idx" ON "decp_rejections" USING btree ("import_id");--> statement-breakpoint
CREATE INDEX "decp_staging_import_idx" ON "decp_staging" USING btree ("import_id","kind","buyer_siret","contract_id");
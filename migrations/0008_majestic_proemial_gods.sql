CREATE TABLE "decp_buyer_years" (
	"buyer_siret" text NOT NULL,
	"buyer_siren" text NOT NULL,
	"kind" text NOT NULL,
	"year" integer,
	"contracts" integer NOT NULL,
	"social_positive" integer NOT NULL,
	"social_negative" integer NOT NULL,
	"social_unknown" integer NOT NULL,
	"environmental_positive" integer NOT NULL,
	"environmental_negative" integer NOT NULL,
	"environmental_unknown" integer NOT NULL,
	"amount_total" double precision NOT NULL,
	"amount_excluded" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "decp_buyer_years_siret_idx" ON "decp_buyer_years" USING btree ("buyer_siret");--> statement-breakpoint
CREATE INDEX "decp_buyer_years_siren_idx" ON "decp_buyer_years" USING btree ("buyer_siren");
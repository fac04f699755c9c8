CREATE TABLE "decp_siren_years" (
	"buyer_siren" text NOT NULL,
	"year" integer NOT NULL,
	"notified_amount" double precision NOT NULL,
	"notified_contracts" integer NOT NULL,
	"notified_excluded" integer NOT NULL,
	"annualised_amount" double precision NOT NULL,
	"annualised_contracts" integer NOT NULL,
	"annualised_excluded" integer NOT NULL,
	"missing_duration" integer NOT NULL,
	CONSTRAINT "decp_siren_years_buyer_siren_year_pk" PRIMARY KEY("buyer_siren","year")
);
--> statement-breakpoint
CREATE INDEX "decp_siren_years_year_idx" ON "decp_siren_years" USING btree ("year");
ALTER TABLE "decp_buyer_years" ADD COLUMN "amount_social_positive" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "decp_buyer_years" ADD COLUMN "amount_social_negative" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "decp_buyer_years" ADD COLUMN "amount_environmental_positive" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "decp_buyer_years" ADD COLUMN "amount_environmental_negative" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Emptied so that the start-time backfill (summaries.ts, backfillSummaries) recomputes every row with its amounts.
DELETE FROM "decp_buyer_years";

DROP INDEX "decp_staging_import_idx";--> statement-breakpoint
-- Added by hand (drizzle-kit has no UNLOGGED): staging rows only live until their merge (issue 14).
ALTER TABLE "decp_staging" SET UNLOGGED;
ALTER TABLE "organisations" ADD COLUMN "name_search" text GENERATED ALWAYS AS (search_normalize(name)) STORED;--> statement-breakpoint
CREATE INDEX "organisations_name_search_trgm_idx" ON "organisations" USING gin ("name_search" gin_trgm_ops);--> statement-breakpoint
-- The expression index of migration 0001 is replaced by the index on the stored column above.
DROP INDEX IF EXISTS organisations_name_trgm_idx;

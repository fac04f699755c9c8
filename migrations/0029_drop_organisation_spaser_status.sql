ALTER TABLE "organisations" DROP COLUMN "spaser_status";--> statement-breakpoint
ALTER TABLE "organisations" DROP COLUMN "spaser_url";--> statement-breakpoint
ALTER TABLE "organisations" DROP COLUMN "spaser_adopted_on";
ALTER TABLE "notifications" ALTER COLUMN "category" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "target_kind" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "target_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" DROP COLUMN "post_id";--> statement-breakpoint
ALTER TABLE "notifications" DROP COLUMN "question_id";
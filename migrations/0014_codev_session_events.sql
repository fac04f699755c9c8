-- Co-development sessions become events of kind codev (docs/decisions/0013, amendment).
-- HAND-EDITED after drizzle-kit generate: the column is added nullable, existing sessions get their
-- event (same id as the session), their group and facilitator get a place, then NOT NULL is set.
-- Keep this file as is when regenerating migrations (or re-insert the BACKFILL block between the
-- ADD COLUMN and the SET NOT NULL). Reminders and invitations are not sent for backfilled sessions.
DROP INDEX "codev_sessions_group_idx";--> statement-breakpoint
ALTER TABLE "codev_sessions" ADD COLUMN "event_id" uuid;--> statement-breakpoint
-- BACKFILL (start): one event per existing session, 90 minutes long (the six steps' default lengths).
INSERT INTO "events" ("id", "kind", "title", "description", "starts_at", "ends_at", "visibility", "owner_kind", "owner_id", "status", "sequence", "created_by", "created_at", "updated_at")
SELECT s."id", 'codev', left('Codéveloppement — ' || g."name" || ' : ' || s."title", 150),
       'Séance de codéveloppement du ' || g."name" || ', méthode Payette et Champagne. Les notes et la fiche récapitulative sont sur la page de la séance, réservée au groupe.',
       s."scheduled_at", s."scheduled_at" + interval '90 minutes', 'restricted', 'codev_group', s."group_id", 'scheduled', 0, s."created_by", s."created_at", s."updated_at"
FROM "codev_sessions" s JOIN "codev_groups" g ON g."id" = s."group_id";--> statement-breakpoint
UPDATE "codev_sessions" SET "event_id" = "id";--> statement-breakpoint
INSERT INTO "event_registrations" ("event_id", "user_id", "status", "queued_at", "registered_at", "created_at")
SELECT DISTINCT ON (p."event_id", p."user_id") p."event_id", p."user_id", 'registered', p."at", p."at", p."at"
FROM (
  SELECT s."id" AS "event_id", m."user_id", s."created_at" AS "at" FROM "codev_sessions" s JOIN "codev_group_members" m ON m."group_id" = s."group_id"
  UNION ALL
  SELECT s."id", s."facilitator_id", s."created_at" FROM "codev_sessions" s
) p
ON CONFLICT ("event_id", "user_id") DO NOTHING;--> statement-breakpoint
-- BACKFILL (end)
ALTER TABLE "codev_sessions" ALTER COLUMN "event_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "codev_sessions" ADD CONSTRAINT "codev_sessions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "codev_sessions_event_key" ON "codev_sessions" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "codev_sessions_group_idx" ON "codev_sessions" USING btree ("group_id");
--> statement-breakpoint
ALTER TABLE "codev_sessions" DROP COLUMN "scheduled_at";
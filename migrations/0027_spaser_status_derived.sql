ALTER TABLE "organisations" ADD COLUMN "spaser_statement" text DEFAULT 'unknown' NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "spaser_stated_at" timestamp with time zone;--> statement-breakpoint
CREATE VIEW "public"."organisation_spaser_status" AS (
  SELECT o.id AS organisation_id,
    CASE
      WHEN p.status IN ('in_preparation', 'in_consultation') AND (a.id IS NOT NULL OR d.id IS NOT NULL) THEN 'in_revision'
      WHEN p.status IS NOT NULL THEN p.status
      WHEN d.id IS NOT NULL THEN 'adopted'
      ELSE o.spaser_statement
    END AS status,
    CASE WHEN p.id IS NOT NULL THEN 'platform' WHEN d.id IS NOT NULL THEN 'declaration' ELSE 'statement' END AS source,
    p.id AS spaser_id,
    coalesce(a.adopted_on, d.adopted_on) AS adopted_on,
    CASE WHEN a.id IS NOT NULL THEN a.url ELSE d.url END AS url
  FROM organisations o
  LEFT JOIN LATERAL (
    SELECT s.id, s.status FROM spasers s JOIN spaser_buyers b ON b.spaser_id = s.id
    WHERE b.organisation_id = o.id AND b.status = 'accepted'
    ORDER BY s.created_at DESC, s.id LIMIT 1
  ) p ON true
  LEFT JOIN LATERAL (
    SELECT s.id, s.adopted_on, ps.body ->> 'url' AS url FROM spasers s JOIN spaser_buyers b ON b.spaser_id = s.id
    LEFT JOIN spaser_sections ps ON ps.spaser_id = s.id AND ps.section = 'publication'
    WHERE b.organisation_id = o.id AND b.status = 'accepted' AND s.status IN ('adopted', 'published', 'in_revision') AND s.adopted_on IS NOT NULL
    ORDER BY s.adopted_on DESC, s.id LIMIT 1
  ) a ON true
  LEFT JOIN LATERAL (
    SELECT x.id, x.url, x.adopted_on FROM spaser_declarations x
    WHERE x.organisation_id = o.id AND (o.spaser_stated_at IS NULL OR x.declared_at > o.spaser_stated_at)
    ORDER BY x.declared_at DESC, x.id LIMIT 1
  ) d ON true);
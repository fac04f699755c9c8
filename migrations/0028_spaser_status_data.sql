-- Hand-written data migration (ADR 0025): the organisation's SPASER status becomes derived.
-- 1. A member's statement « none » / « in progress » becomes the statement column, dated by the row's last update,
--    so that a declaration made before it stays withdrawn and one made after it counts.
UPDATE organisations SET spaser_statement = CASE spaser_status WHEN 'none' THEN 'none' ELSE 'in_preparation' END, spaser_stated_at = updated_at
WHERE spaser_status IN ('none', 'in_progress');
--> statement-breakpoint
-- 2. An « adopted » row with its URL and date but no declaration (written before ADR 0016) keeps its adoption as a declaration.
INSERT INTO spaser_declarations (organisation_id, url, adopted_on, declared_by, declared_at)
SELECT o.id, o.spaser_url, o.spaser_adopted_on, NULL, o.updated_at FROM organisations o
WHERE o.spaser_status = 'adopted' AND o.spaser_url IS NOT NULL AND o.spaser_adopted_on IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM spaser_declarations x WHERE x.organisation_id = o.id);
--> statement-breakpoint
-- 3. The declarations that the builder's adoption wrote for each buyer repeat the schéma written here: the view reads the schéma.
DELETE FROM spaser_declarations x USING spasers s, spaser_buyers b
WHERE b.spaser_id = s.id AND b.organisation_id = x.organisation_id AND b.status = 'accepted'
  AND s.adopted_on = x.adopted_on AND x.url LIKE '%/spaser/' || s.id::text;

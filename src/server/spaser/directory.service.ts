import { sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../platform/context.js';
import { rows } from '../platform/db.js';
import { LAST_PUBLICATION } from './publication.service.js';
import { regionCodes, regionNames } from '../../shared/fields.js';
import { DIRECTORY_PAGE_SIZE, directoryThemeKeys, directoryThemes, type DirectoryItem, type DirectoryQuery, type DirectoryResponse, type DirectoryTheme } from './directory.contract.js';

/**
 * The directory of published SPASERs (issue 19, item 4): for each schéma, its newest publication not
 * withdrawn (the one its public page shows), summarised from the frozen document; filtered by the
 * kind and région of its buyers, a year it covers and a theme; with the count per région for the map.
 *
 * Cost: one statement per request. It reads the newest publication of every published schéma (one
 * index probe per schéma on spaser_publications_version_key) and opens its jsonb document to pull
 * out the title, buyers, tags and categories — only those leave the database, never the documents.
 * Detoasting each document is the main cost: linear in the number of published schémas, a few
 * milliseconds for hundreds; for several thousands, the step is a summary row written at publication
 * (a table of buyers/themes per publication) so that the filters use indexes instead.
 */

// Région names when the territories table has not been imported yet: the shared list (shared/fields.ts).
const REGION_NAMES: Record<string, string> = regionNames;

// A schéma's raw theme keys: « t:<objective tag> » and « c:<indicator category> ».
const themeKeysOf = (theme: DirectoryTheme) => [...directoryThemes[theme].tags.map((t) => `t:${t}`), ...directoryThemes[theme].categories.map((c) => `c:${c}`)];
const themesOf = (keys: string[]): DirectoryTheme[] => directoryThemeKeys.filter((theme) => themeKeysOf(theme).some((k) => keys.includes(k)));

type Row = {
  total: number;
  items: { title: string; path: string; buyers: DirectoryItem['buyers']; period_start: number; period_end: number | null; adopted_on: string | null; published_at: string; keys: string[] }[];
  by_region: Record<string, number>;
  region_names: Record<string, string>;
};

/** One page of published schémas matching the filters, and the count per région for the map. */
export async function directory(deps: Deps, q: DirectoryQuery): Promise<DirectoryResponse> {
  // Filters other than the région: they apply to the list and to the map's counts alike.
  const common: SQL[] = [];
  if (q.type) common.push(sql`${q.type} = ANY(kinds)`);
  if (q.annee !== undefined) common.push(sql`period_start <= ${q.annee} AND (period_end IS NULL OR period_end >= ${q.annee})`);
  if (q.theme) common.push(sql`keys && ${`{${themeKeysOf(q.theme).join(',')}}`}::text[]`);
  const where = common.length ? sql`WHERE ${sql.join(common, sql` AND `)}` : sql``;
  const inRegion = q.region ? sql`WHERE ${q.region} = ANY(regions)` : sql``;
  const offset = (q.page - 1) * DIRECTORY_PAGE_SIZE;

  const [row] = await rows<Row>(
    deps.db,
    sql`WITH pub AS (
          SELECT s.id, p.document AS doc, p.published_at
          FROM spasers s JOIN ${LAST_PUBLICATION} ON p.withdrawn_at IS NULL
          WHERE s.public_ref IS NOT NULL
        ),
        summary AS (
          SELECT
            pub.id,
            pub.doc->>'title' AS title,
            pub.doc->'publication'->>'path' AS path,
            (pub.doc->>'periodStart')::int AS period_start,
            (pub.doc->>'periodEnd')::int AS period_end,
            pub.doc->>'adoptedOn' AS adopted_on,
            pub.published_at,
            b.buyers, b.kinds, b.regions,
            ARRAY(
              SELECT 't:' || tag
              FROM jsonb_array_elements(pub.doc->'content'->'axes') axis,
                   jsonb_array_elements(axis->'objectives') objective,
                   jsonb_array_elements_text(objective->'tags') tag
              UNION
              SELECT 'c:' || (indicator->>'category') FROM jsonb_array_elements(pub.doc->'content'->'indicators') indicator
            ) AS keys
          FROM pub CROSS JOIN LATERAL (
            SELECT
              coalesce(jsonb_agg(jsonb_build_object('name', e.buyer->>'name', 'kind', o.kind, 'regionCode', o.region_code, 'regionName', t.name) ORDER BY e.n), '[]'::jsonb) AS buyers,
              coalesce(array_agg(DISTINCT o.kind) FILTER (WHERE o.kind IS NOT NULL), '{}') AS kinds,
              coalesce(array_agg(DISTINCT o.region_code) FILTER (WHERE o.region_code IS NOT NULL), '{}') AS regions
            FROM jsonb_array_elements(pub.doc->'buyers') WITH ORDINALITY AS e(buyer, n)
            LEFT JOIN organisations o ON o.id = (e.buyer->>'organisationId')::uuid
            LEFT JOIN territories t ON t.kind = 'region' AND t.code = o.region_code
          ) b
        ),
        matching AS (SELECT * FROM summary ${where}),
        listed AS (SELECT * FROM matching ${inRegion})
        SELECT
          (SELECT count(*)::int FROM listed) AS total,
          (SELECT coalesce(jsonb_agg(to_jsonb(x) - 'id' - 'kinds' - 'regions'), '[]'::jsonb) FROM (
            SELECT * FROM listed ORDER BY published_at DESC, id LIMIT ${DIRECTORY_PAGE_SIZE} OFFSET ${offset}
          ) x) AS items,
          (SELECT coalesce(jsonb_object_agg(code, n), '{}'::jsonb) FROM (
            SELECT r AS code, count(*)::int AS n FROM matching, unnest(regions) r GROUP BY r
          ) y) AS by_region,
          (SELECT coalesce(jsonb_object_agg(code, name), '{}'::jsonb) FROM territories WHERE kind = 'region') AS region_names`,
  );
  const names = { ...REGION_NAMES, ...(row?.region_names ?? {}) };
  const counts = row?.by_region ?? {};
  return {
    items: (row?.items ?? []).map((i) => ({
      title: i.title,
      path: i.path,
      buyers: i.buyers.map((b) => ({ ...b, regionName: b.regionName ?? (b.regionCode ? (names[b.regionCode] ?? null) : null) })),
      periodStart: i.period_start,
      periodEnd: i.period_end,
      adoptedOn: i.adopted_on,
      publishedAt: new Date(i.published_at).toISOString(),
      themes: themesOf(i.keys),
    })),
    total: row?.total ?? 0,
    page: q.page,
    pageSize: DIRECTORY_PAGE_SIZE,
    regions: regionCodes
      .map((code) => ({ code, name: names[code] ?? code, count: counts[code] ?? 0 }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
  };
}

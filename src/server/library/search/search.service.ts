import { sql, type SQL } from 'drizzle-orm';
import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import type { Db } from '../../platform/db.js';
import { rows } from '../../platform/db.js';
import { cappedMatchIds, cappedTotal, frenchAnyWordSql, frenchQuerySql, headlineSql, highlightToHtml, plainTextsSql, SEARCH_CANDIDATES, uuidArray } from '../../platform/search.js';
import { markdownToText } from '../../helpspace/posts/markdown.js';
import type { FileKind, ResourceKind, ResourceVisibility } from '../library.contract.js';
import { readableResourceSql, readerOf, type Reader } from '../resources/resources.service.js';

export const PAGE_SIZE = 20;

type Filters = { q?: string; kind?: string; theme?: string; segment?: string; year?: number };

/** The year of publication, in France. */
const yearSql = sql`extract(year FROM r.published_at AT TIME ZONE 'Europe/Paris')::int`;
const tsQuery = (q: string) => frenchQuerySql(q);

function whereSql(reader: Reader, f: Filters): SQL {
  const conds: SQL[] = [readableResourceSql(reader, 'r')];
  if (f.q) conds.push(sql`r.search @@ ${tsQuery(f.q)}`);
  if (f.kind) conds.push(sql`r.kind = ${f.kind}`);
  if (f.theme) conds.push(sql`${f.theme} = ANY(r.themes)`);
  if (f.segment) conds.push(sql`${f.segment} = ANY(r.segments)`);
  if (f.year) conds.push(sql`${yearSql} = ${f.year}`);
  return sql.join(conds, sql` AND `);
}

type RawSummary = {
  id: string;
  kind: ResourceKind;
  title: string;
  summary: string;
  themes: string[];
  segments: string[];
  producer: string;
  visibility: ResourceVisibility;
  published_at: Date | string | null;
  file_kinds: FileKind[] | null;
  headline?: string | null;
};

const summaryColumns = sql`r.id, r.kind, r.title, r.summary, r.themes, r.segments, r.producer, r.visibility, r.published_at,
  (SELECT array_agg(f.kind ORDER BY f.position) FROM library_files f WHERE f.resource_id = r.id) AS file_kinds`;

export const summaryOf = (r: RawSummary) => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  summary: r.summary,
  themes: r.themes,
  segments: r.segments,
  producer: r.producer,
  visibility: r.visibility,
  publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
  fileKinds: r.file_kinds ?? [],
  excerptHtml: r.headline ? highlightToHtml(r.headline) : null,
});

/** Published resources the reader may see, by id, in the given order (collections). */
export async function summariesByIds(db: Db, reader: Reader, ids: string[]) {
  if (!ids.length) return [];
  const list = await rows<RawSummary>(
    db,
    sql`SELECT ${summaryColumns} FROM library_resources r WHERE r.id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) AND ${readableResourceSql(reader, 'r')}`,
  );
  const byId = new Map(list.map((r) => [r.id, r]));
  return ids.flatMap((id) => (byId.has(id) ? [summaryOf(byId.get(id)!)] : []));
}

/**
 * For the theme pages (issue 23, item 9): the published resources of `theme` the reader may see (the
 * library's own rule, readableResourceSql: public, verified, space, group), latest first, and how many.
 */
export async function resourcesForTheme(deps: Deps, user: AuthUser | null, theme: string, limit: number) {
  const where = whereSql(readerOf(user), { theme });
  const [{ n }] = (await rows<{ n: number }>(deps.db, sql`SELECT count(*)::int AS n FROM library_resources r WHERE ${where}`)) as [{ n: number }];
  const list = await rows<RawSummary>(deps.db, sql`SELECT ${summaryColumns} FROM library_resources r WHERE ${where} ORDER BY r.published_at DESC NULLS LAST, r.id LIMIT ${limit}`);
  return { items: list.map(summaryOf), total: Number(n) };
}

/** For the list of themes: how many resources the reader may see carry each theme. */
export async function resourceThemeCounts(deps: Deps, user: AuthUser | null): Promise<Record<string, number>> {
  const list = await rows<{ theme: string; n: number }>(
    deps.db,
    sql`SELECT t.theme, count(*)::int AS n FROM library_resources r, unnest(r.themes) AS t(theme) WHERE ${readableResourceSql(readerOf(user), 'r')} GROUP BY t.theme`,
  );
  return Object.fromEntries(list.map((r) => [r.theme, Number(r.n)]));
}

type Facets = { kind: { value: string; count: number }[]; theme: { value: string; count: number }[]; segment: { value: string; count: number }[]; year: { value: string; count: number }[] };
const noFacets = (): Facets => ({ kind: [], theme: [], segment: [], year: [] });

/** Counts per kind, theme, segment and year over the given resources (the candidates of one search). */
async function facets(db: Db, ids: string[]): Promise<Facets> {
  const out = noFacets();
  if (!ids.length) return out;
  const list = await rows<{ facet: keyof Facets; value: string; n: number }>(
    db,
    sql`WITH hits AS (SELECT r.kind, r.themes, r.segments, ${yearSql} AS year FROM library_resources r WHERE r.id = ANY(${uuidArray(ids)}))
        SELECT 'kind' AS facet, kind AS value, count(*)::int AS n FROM hits GROUP BY kind
        UNION ALL SELECT 'theme', t, count(*)::int FROM hits, unnest(themes) t GROUP BY t
        UNION ALL SELECT 'segment', s, count(*)::int FROM hits, unnest(segments) s GROUP BY s
        UNION ALL SELECT 'year', year::text, count(*)::int FROM hits WHERE year IS NOT NULL GROUP BY year`,
  );
  for (const r of list) out[r.facet].push({ value: r.value, count: Number(r.n) });
  for (const key of ['kind', 'theme', 'segment'] as const) out[key].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  out.year.sort((a, b) => b.value.localeCompare(a.value));
  return out;
}

/**
 * The library's list and search: without `q`, the latest published first; with `q`, French
 * full-text search over title, summary, body and the text of attached PDF and DOCX files
 * (stemming, accents ignored, ranked by ts_rank with title > summary > body > files), highlighted
 * excerpts. Only what the reader may see.
 *
 * At scale (docs/decisions/0010-library-resources.md): one capped scan finds the candidates — every
 * match when there are at most SEARCH_CANDIDATES (200), otherwise the 200 most recent — with the
 * visibility rule and the filters applied before the cap; the facets are counted and the page ranked
 * (or ordered by date) among those candidates only, and excerpts are built for the page only. Beyond
 * 200 matches, `totalCapped` says the total and the facets cover the 200 most recent (« plus de 200 »).
 */
export async function listResources(deps: Deps, user: AuthUser | null, f: Filters & { page: number }) {
  const reader = readerOf(user);
  const q = f.q?.trim() || undefined;
  const where = whereSql(reader, { ...f, q });
  const { ids, capped } = await cappedMatchIds(deps.db, sql`SELECT r.id FROM library_resources r WHERE ${where}`, sql`r.published_at DESC`);
  const facetCounts = await facets(deps.db, ids);
  const offset = (f.page - 1) * PAGE_SIZE;
  const candidates = uuidArray(ids);
  let list: RawSummary[] = [];
  if (ids.length && q) {
    const query = tsQuery(q);
    // Rank and page first, then build excerpts for the page only (ts_headline reads whole texts).
    const page = await rows<RawSummary & { body: string }>(
      deps.db,
      sql`WITH page AS (
            SELECT c.id, ts_rank(c.search, ${query}) AS rank FROM library_resources c WHERE c.id = ANY(${candidates})
            ORDER BY rank DESC, c.published_at DESC, c.id LIMIT ${PAGE_SIZE} OFFSET ${offset})
          SELECT ${summaryColumns}, r.body
          FROM page JOIN library_resources r ON r.id = page.id
          ORDER BY page.rank DESC, r.published_at DESC, r.id`,
    );
    // Excerpts from the plain text of the bodies (Markdown marks never show); files' text is plain already.
    const texts = page.map((r) => ({ id: r.id, text: markdownToText(r.body) }));
    const headlines = new Map(
      (
        await rows<{ id: string; headline: string }>(
          deps.db,
          sql`SELECT p.id, ${headlineSql(sql`r.summary || ' — ' || p.text || ' — ' || r.files_text`, q)} AS headline
              FROM ${plainTextsSql(texts)} JOIN library_resources r ON r.id = p.id`,
        )
      ).map((h) => [h.id, h.headline]),
    );
    list = page.map((r) => ({ ...r, headline: headlines.get(r.id) ?? null }));
  } else if (ids.length) {
    list = await rows<RawSummary>(
      deps.db,
      sql`SELECT ${summaryColumns} FROM library_resources r WHERE r.id = ANY(${candidates}) ORDER BY r.published_at DESC, r.id LIMIT ${PAGE_SIZE} OFFSET ${offset}`,
    );
  }
  return {
    items: list.map(summaryOf),
    ...cappedTotal(ids.length + (capped ? 1 : 0), SEARCH_CANDIDATES),
    page: f.page,
    pageSize: PAGE_SIZE,
    facets: facetCounts,
  };
}

/**
 * « Ressources similaires »: other resources the reader may see that share words of the title
 * (stemmed, any of them, four letters or more), themes or purchase segments; best first, 4 at most.
 */
export async function similarResources(deps: Deps, user: AuthUser | null, r: { id: string; title: string; themes: string[]; segments: string[] }) {
  const reader = readerOf(user);
  // Words of four letters or more: articles (« les », « des ») are not stop words for every build of
  // the French dictionary, and would make everything similar.
  const words = [...new Set(r.title.match(/[\p{L}\p{N}]{4,}/gu) ?? [])].slice(0, 12);
  const query = words.length ? frenchAnyWordSql(words) : sql`NULL::tsquery`;
  const themes = sql`${`{${r.themes.join(',')}}`}::text[]`;
  const segments = sql`${`{${r.segments.join(',')}}`}::text[]`;
  const overlap = sql`(cardinality(ARRAY(SELECT unnest(r.themes) INTERSECT SELECT unnest(${themes})))
                     + cardinality(ARRAY(SELECT unnest(r.segments) INTERSECT SELECT unnest(${segments}))))`;
  const list = await rows<RawSummary>(
    deps.db,
    sql`SELECT ${summaryColumns} FROM library_resources r
        WHERE r.id <> ${r.id} AND ${readableResourceSql(reader, 'r')}
          AND (coalesce(r.search @@ ${query}, false) OR r.themes && ${themes} OR r.segments && ${segments})
        ORDER BY coalesce(ts_rank(r.search, ${query}), 0) + 0.2 * ${overlap} DESC, r.published_at DESC, r.id
        LIMIT 4`,
  );
  return list.map(summaryOf);
}

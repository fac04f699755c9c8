import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from './platform/context.js';
import { rows } from './platform/db.js';
import type { App } from './platform/types.js';
import { escapeHtml } from './platform/mail.js';
import { publishedAddresses } from './spaser/publication.service.js';
import { themeKeys } from '../shared/fields.js';
import { paths } from '../web/paths.js';

/**
 * /robots.txt and /sitemap.xml (issue 18, item 3): the pages worth finding — the public directories
 * (SPASERs, support actors, courses), published SPASERs and their bilans, the actors' pages (issue 20),
 * the published courses (issue 22), the theme pages (issue 23, item 9: their public part), and
 * organisation pages. A sitemap holds at most 50,000 addresses (sitemaps.org), so above that
 * /sitemap.xml is an index of parts: /sitemap-schemas.xml, then /sitemap-organisations-1.xml, -2…
 */
export const SITEMAP_LIMIT = 50_000;

// Pages of a person or of the platform's staff, and the API: nothing there for a search engine.
const DISALLOWED = ['/api/', '/connexion', '/inscription', '/mot-de-passe/', '/confirmer-email', '/mon-profil', '/mon-organisation', '/spaser', '/admin', '/notifications', '/mes-formations', '/attestations/', '/promotions/bilan/partage/'];

type Url = { path: string; lastModified: string };

/** The public directories, every published schéma and its bilan, every actor not archived (the « schemas » part). */
async function publicPages(deps: Deps): Promise<Url[]> {
  const schemas = await publishedAddresses(deps);
  // A directory changes when a schéma is published; the actors' one when an actor is edited.
  const actors = await rows<{ id: string; updated_at: Date }>(deps.db, sql`SELECT id, updated_at FROM actors WHERE archived_at IS NULL ORDER BY id`);
  const actorPages = actors.map((a) => ({ path: paths.actor(a.id), lastModified: new Date(a.updated_at).toISOString() }));
  // The published courses (issue 22), as of their latest version.
  const courses = await rows<{ slug: string; published_at: Date }>(
    deps.db,
    sql`SELECT c.slug, r.published_at FROM courses c JOIN course_revisions r ON r.course_id = c.id AND r.number = c.published_revision WHERE c.archived_at IS NULL ORDER BY c.slug`,
  );
  const coursePages = courses.map((c) => ({ path: paths.course(c.slug), lastModified: new Date(c.published_at).toISOString() }));
  const today = deps.clock.now().toISOString();
  return [
    { path: paths.spaserDirectory(), lastModified: schemas.map((u) => u.lastModified).sort().at(-1) ?? today },
    { path: paths.actors(), lastModified: actorPages.map((u) => u.lastModified).sort().at(-1) ?? today },
    { path: paths.courses(), lastModified: coursePages.map((u) => u.lastModified).sort().at(-1) ?? today },
    ...schemas,
    ...actorPages,
    ...coursePages,
    // The theme pages: the list and one page per theme of the platform's one list.
    { path: paths.themes(), lastModified: today },
    ...themeKeys.map((k) => ({ path: paths.theme(k), lastModified: today })),
  ];
}

const urlset = (base: string, urls: Url[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls
    .map((u) => `<url><loc>${escapeHtml(base + u.path)}</loc><lastmod>${u.lastModified.slice(0, 10)}</lastmod></url>`)
    .join('\n')}\n</urlset>\n`;

const sitemapIndex = (base: string, parts: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${parts
    .map((p) => `<sitemap><loc>${escapeHtml(`${base}/${p}`)}</loc></sitemap>`)
    .join('\n')}\n</sitemapindex>\n`;

async function organisationCount(deps: Deps): Promise<number> {
  const [row] = await rows<{ n: number }>(deps.db, sql`SELECT count(*)::int AS n FROM organisations`);
  return row?.n ?? 0;
}

/** The organisation pages of part `part` (1-based), in a stable order. */
async function organisationUrls(deps: Deps, part: number): Promise<Url[]> {
  const list = await rows<{ id: string; updated_at: Date }>(
    deps.db,
    sql`SELECT id, updated_at FROM organisations ORDER BY id LIMIT ${SITEMAP_LIMIT} OFFSET ${(part - 1) * SITEMAP_LIMIT}`,
  );
  return list.map((o) => ({ path: paths.organisation(o.id), lastModified: new Date(o.updated_at).toISOString() }));
}

export function sitemapRoutes(app: App, deps: Deps) {
  const base = deps.config.baseUrl;
  const xml = 'application/xml; charset=utf-8';

  app.get('/robots.txt', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .send(`User-agent: *\n${DISALLOWED.map((p) => `Disallow: ${p}`).join('\n')}\nAllow: /\n\nSitemap: ${base}/sitemap.xml\n`),
  );

  app.get('/sitemap.xml', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    const schemas = await publicPages(deps);
    const organisations = await organisationCount(deps);
    if (schemas.length + organisations <= SITEMAP_LIMIT) {
      return reply.type(xml).send(urlset(base, [...schemas, ...(await organisationUrls(deps, 1))]));
    }
    const parts = ['sitemap-schemas.xml'];
    for (let i = 1; i <= Math.ceil(organisations / SITEMAP_LIMIT); i++) parts.push(`sitemap-organisations-${i}.xml`);
    return reply.type(xml).send(sitemapIndex(base, parts));
  });

  app.get('/sitemap-schemas.xml', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply.type(xml).send(urlset(base, await publicPages(deps))),
  );

  app.get('/sitemap-organisations-:part.xml', {
    config: { access: 'public' },
    schema: { hide: true, params: z.object({ part: z.coerce.number().int().min(1).max(10_000) }) },
  }, async (req, reply) => {
    const urls = await organisationUrls(deps, req.params.part);
    if (urls.length === 0) return reply.code(404).type('text/plain; charset=utf-8').send('Partie de plan du site inconnue.\n');
    return reply.type(xml).send(urlset(base, urls));
  });
}

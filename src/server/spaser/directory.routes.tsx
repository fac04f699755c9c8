import type { Deps } from '../platform/context.js';
import { renderPage } from '../platform/ssr.js';
import type { App } from '../platform/types.js';
import { paths } from '../../web/paths.js';
import { platformLabels } from '../../web/platform/labels.js';
import { spaserLabels } from '../../web/spaser/labels.js';
import { directoryQuery, directoryResponse } from './directory.contract.js';
import { directory } from './directory.service.js';

const tags = ['SPASER'];
const D = spaserLabels.directory;

/**
 * The directory of published SPASERs (issue 19, item 4): its JSON for the web app, and its page
 * rendered on the server for everyone (ADR 0029), with the web app's own view.
 */
export function directoryRoutes(app: App, deps: Deps, shell: string) {
  app.get('/api/public/schemas', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'Annuaire des SPASER publiés : filtres par type d’organisation, région, année couverte et thème ; nombre par région',
      querystring: directoryQuery,
      response: { 200: directoryResponse },
    },
  }, async (req) => directory(deps, req.query));

  app.get('/schemas', {
    config: { access: 'public' },
    // The query is read here (not by the route's schema) so that bad filters give the page with its
    // French messages, not the API's JSON error.
    schema: { hide: true },
  }, async (req, reply) => {
    // The page's view (React, the DSFR, the map) is loaded with the first page, not at start.
    const { directoryKey, directoryParams, directorySearch, DirectoryView } = await import('../../web/spaser/DirectoryView.js');
    const raw = (req.query ?? {}) as Record<string, unknown>;
    const values: Record<string, string> = {};
    for (const k of directoryParams) if (typeof raw[k] === 'string') values[k] = raw[k];
    const parsed = directoryQuery.safeParse(raw);
    const meta = (search: string) => ({
      title: D.title,
      description: D.description,
      formsWorkWithoutJavaScript: true,
      // Filtered views are one page for search engines: the canonical address keeps the page number only.
      canonical: `${deps.config.baseUrl}${paths.spaserDirectory(search)}`,
      siteName: platformLabels.siteName,
    });
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache');
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const i of parsed.error.issues) errors[String(i.path[0] ?? '_')] ??= i.message;
      const html = await renderPage(shell, req.url, meta(''), DirectoryView, { values, data: null, errors });
      return reply.code(400).send(html.replace('<head>', '<head>\n    <meta name="robots" content="noindex" />'));
    }
    const q = parsed.data;
    const data = await directory(deps, q);
    const html = await renderPage(shell, req.url, meta(directorySearch({ page: q.page })), DirectoryView, { values, data }, { key: directoryKey(q), value: data });
    return reply.send(html);
  });
}

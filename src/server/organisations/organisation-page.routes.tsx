import { z } from 'zod';
import type { Deps } from '../platform/context.js';
import { asJson, sendAppPage } from '../platform/app-ssr.js';
import { renderPage } from '../platform/ssr.js';
import type { App } from '../platform/types.js';
import { organisationKey, verdictAskedFrom } from '../../web/organisations/page.js';
import { organisationsLabels } from '../../web/organisations/labels.js';
import { platformLabels } from '../../web/platform/labels.js';
import { paths } from '../../web/paths.js';
import { spaserStatusLabels, verdictStatusLabels } from './organisations.contract.js';
import * as orgs from './organisations.service.js';

const D = organisationsLabels.detail;

/**
 * The public organisation page rendered on the server (issue 18, ADR 0029; whole, ADR 0037): the same
 * components as in the web app, drawn for a visitor without an account (no member's data ever goes into this HTML;
 * the web app asks again with the session once loaded).
 */
export function organisationPageRoutes(app: App, deps: Deps, shell: string) {
  const siteName = platformLabels.siteName;
  app.get('/organisations/:organisationId', {
    config: { access: 'public' },
    schema: { hide: true, params: z.object({ organisationId: z.string().max(100) }) },
  }, async (req, reply) => {
    const query = new URLSearchParams(req.url.split('?')[1] ?? '');
    const asked = verdictAskedFrom(query);
    const id = req.params.organisationId;
    const found = z.uuid().safeParse(id).success
      ? await orgs.getDetail(deps, id, null, { ...(asked.date ? { date: asked.date } : {}), ...(asked.year ? { year: asked.year } : {}) })
      : null;
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache');
    if (!found?.ok) {
      const { SimplePage } = await import('../../web/layout/SimplePage.js');
      const html = await renderPage(shell, req.url, { title: D.notFoundTitle, description: D.notFoundText, canonical: `${deps.config.baseUrl}${req.url}`, siteName }, SimplePage, { title: D.notFoundTitle, text: D.notFoundText });
      return reply.code(404).send(html.replace('<head>', '<head>\n    <meta name="robots" content="noindex" />'));
    }
    const org = asJson(found.value);
    const key = [...organisationKey(id), asked.date, asked.year];
    const description = D.metaDescription(org.name, verdictStatusLabels[org.obligation.status], spaserStatusLabels[org.spaserStatus]);
    // The whole app around the page, hydrated by the browser (ADR 0037; the page alone before, ADR 0029).
    return sendAppPage(req, reply, shell, { title: org.name, description, canonical: `${deps.config.baseUrl}${paths.organisation(id)}`, siteName }, [{ key, value: org }]);
  });
}

import type { Deps } from './platform/context.js';
import { renderApp, sendAppPage, sendHtml, signedIn } from './platform/app-ssr.js';
import type { App } from './platform/types.js';
import { homeLabels } from '../web/home/labels.js';
import { platformLabels } from '../web/platform/labels.js';
import { paths } from '../web/paths.js';

const DESCRIPTION = 'Entraide : la communauté des acheteurs publics qui adoptent et font vivre leur SPASER.';

/**
 * The home page rendered on the server (ADR 0037). It carries no data and no session, so its HTML is
 * the same for everyone: rendered once per process, on first visit.
 */
export function homePageRoutes(app: App, deps: Deps, shell: string) {
  const meta = { title: homeLabels.documentTitle, description: DESCRIPTION, canonical: `${deps.config.baseUrl}${paths.home()}`, siteName: platformLabels.siteName };
  let rendered: Promise<string | null> | null = null;
  app.get(paths.home(), { schema: { hide: true } }, async (req, reply) => {
    // A query string (?utm=…) does not change the page; only the plain address is kept.
    if (req.url !== paths.home() || signedIn(req)) return sendAppPage(req, reply, shell, meta);
    rendered ??= renderApp(shell, paths.home(), meta).catch((error: unknown) => {
      req.log.error({ err: error }, 'server rendering failed: the home page is drawn by the browser');
      rendered = null;
      return null;
    });
    return sendHtml(req, reply, (await rendered) ?? shell);
  });
}

import { z } from 'zod';
import type { Deps } from '../platform/context.js';
import { asJson, sendAppPage, sendHtml, signedIn } from '../platform/app-ssr.js';
import type { App } from '../platform/types.js';
import { helpKey } from '../../web/helpspace/keys.js';
import { helpLabels } from '../../web/helpspace/labels.js';
import { platformLabels } from '../../web/platform/labels.js';
import { paths } from '../../web/paths.js';
import { questionPage } from './helpspace.contract.js';
import * as posts from './posts/posts.service.js';

/**
 * A question of the help space rendered on the server (ADR 0037), as a visitor without an account
 * reads it, for a request without a session (a member's page is drawn by the browser, `signedIn` in
 * app-ssr.tsx): the same service call as `GET /api/help/questions/:id` with no user, the
 * same contract. A question a visitor may not read (a private space, hidden, unknown) gets the shell:
 * the web app loads it with the session, as before, so a member still sees what they may see and
 * nobody learns from the server's HTML that it exists.
 */
export function questionPageRoutes(app: App, deps: Deps, shell: string) {
  app.get('/entraide/questions/:questionId', {
    schema: { hide: true, params: z.object({ questionId: z.string().max(100) }) },
  }, async (req, reply) => {
    if (signedIn(req)) return sendHtml(req, reply, shell);
    const id = req.params.questionId;
    const found = z.uuid().safeParse(id).success ? await posts.questionPage(deps, null, id) : null;
    if (!found?.ok) return sendHtml(req, reply, shell);
    const value = asJson(questionPage.parse(found.value));
    const text = value.body.replace(/\s+/g, ' ').trim();
    const meta = {
      title: value.title,
      description: text.length > 200 ? `${text.slice(0, 199)}…` : text || helpLabels.home.title,
      canonical: `${deps.config.baseUrl}${paths.helpQuestion(id)}`,
      type: 'article' as const,
      siteName: platformLabels.siteName,
    };
    return sendAppPage(req, reply, shell, meta, [{ key: [...helpKey, 'question', id], value }]);
  });
}

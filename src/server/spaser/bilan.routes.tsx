import { z } from 'zod';
import type { Deps } from '../platform/context.js';
import { contentDisposition, present, sendFailure } from '../platform/http.js';
import { renderPage } from '../platform/ssr.js';
import type { App } from '../platform/types.js';
import { uuidParam } from '../../shared/fields.js';
import { platformLabels } from '../../web/platform/labels.js';
import { spaserLabels } from '../../web/spaser/labels.js';
import * as c from './bilan.contract.js';
import * as bilan from './bilan.service.js';
import { renderBilanFile } from './documents/render.js';
import type { SpaserExportFile } from './documents/index.js';
import { WorkerCrashError, WorkerTimeoutError } from '../platform/workers/runner.js';
import { refOf } from './publication.service.js';

const tags = ['SPASER'];
const idParams = z.object({ spaserId: uuidParam });
const B = spaserLabels.bilan;

/**
 * The bilan des indicateurs (issue 19, item 2): the builder's live bilan and value entry (readers and
 * editors of the schéma, decided in the service), its publication, and the public page (rendered on
 * the server, ADR 0029) and PDF of the newest published bilan.
 */
export function bilanRoutes(app: App, deps: Deps, shell: string) {
  app.get('/api/spasers/:spaserId/bilan', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Le bilan des indicateurs : valeurs annuelles (saisies ou issues des DECP) face aux cibles', params: idParams, response: { 200: c.bilanResponse } },
  }, async (req, reply) => present(reply, await bilan.getBilan(deps, req.auth.user!, req.params.spaserId)));

  app.put('/api/spasers/:spaserId/bilan/values', {
    config: { access: 'verified' },
    schema: { tags, summary: "Saisir (ou retirer) la valeur d'un indicateur pour une année de la période (rédacteurs)", params: idParams, body: c.bilanValueBody, response: { 200: c.bilanValueSaved } },
  }, async (req, reply) => present(reply, await bilan.enterValue(deps, req.auth.user!, req.params.spaserId, req.body)));

  app.post('/api/spasers/:spaserId/bilan/publications', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Publier le bilan des indicateurs, daté et figé, sous la page publique du schéma (rédacteurs)', params: idParams, response: { 201: c.bilanPublished } },
  }, async (req, reply) => present(reply, await bilan.publishBilan(deps, req.auth.user!, req.params.spaserId), 201));

  const found = async (refAndSlug: string) => {
    const ref = refOf(refAndSlug);
    return { ref, bilan: ref ? await bilan.publicBilan(deps, ref) : ({ state: 'unknown' } as const) };
  };

  app.get('/api/public/schemas/:ref/bilan', {
    config: { access: 'public' },
    schema: { tags, summary: 'Le dernier bilan des indicateurs publié d’un SPASER publié', params: z.object({ ref: z.string().max(300) }), response: { 200: c.publicBilanResponse } },
  }, async (req, reply) => {
    const { bilan: b } = await found(req.params.ref);
    if (b.state === 'unknown') return sendFailure(reply, 'SPASER_BILAN_NONE');
    return { document: b.document };
  });

  app.get('/schemas/:refAndSlug/bilan', {
    config: { access: 'public' },
    schema: { hide: true, params: z.object({ refAndSlug: z.string().max(300) }) },
  }, async (req, reply) => {
    const { ref, bilan: b } = await found(req.params.refAndSlug);
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache');
    const meta = { canonical: `${deps.config.baseUrl}${req.url}`, siteName: platformLabels.siteName };
    if (b.state === 'unknown') {
      const { SimplePage } = await import('../../web/layout/SimplePage.js');
      const html = await renderPage(shell, req.url, { ...meta, title: B.notFoundTitle, description: B.notFoundText }, SimplePage, { title: B.notFoundTitle, text: B.notFoundText });
      return reply.code(404).send(html.replace('<head>', '<head>\n    <meta name="robots" content="noindex" />'));
    }
    const doc = b.document;
    // The page's view (React, the DSFR) is loaded with the first page, not at start.
    const { PublishedBilanView, publishedBilanKey } = await import('../../web/spaser/PublishedBilanView.js');
    const html = await renderPage(
      shell,
      req.url,
      { ...meta, canonical: `${deps.config.baseUrl}${doc.path}`, title: B.publicTitle(doc.title), description: B.publicDescription(doc.title, doc.buyers.map((x) => x.name).join(', ')), type: 'article' },
      PublishedBilanView,
      { doc },
      { key: publishedBilanKey(ref!), value: { document: doc } },
    );
    return reply.send(html);
  });

  const files = new Map<string, SpaserExportFile>();
  app.get('/schemas/:refAndSlug/bilan.pdf', {
    config: { access: 'public' },
    schema: { hide: true, params: z.object({ refAndSlug: z.string().max(300) }) },
  }, async (req, reply) => {
    const { bilan: b } = await found(req.params.refAndSlug);
    if (b.state === 'unknown') return sendFailure(reply, 'SPASER_BILAN_NONE');
    // Drawn once per bilan (a published bilan never changes), off the event loop.
    const key = `${b.document.spaserId}:${b.document.number}`;
    let file = files.get(key);
    if (!file) {
      try {
        file = await renderBilanFile(b.document, deps.config.baseUrl);
      } catch (err) {
        if (!(err instanceof WorkerTimeoutError || err instanceof WorkerCrashError)) throw err;
        deps.log.error({ err, spaserId: b.document.spaserId }, 'bilan PDF not drawn');
        return sendFailure(reply, 'SPASER_FILE_UNAVAILABLE');
      }
      if (files.size >= 200) files.delete(files.keys().next().value!);
      files.set(key, file);
    }
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', contentDisposition('attachment', file.fileName))
      .header('cache-control', 'no-cache')
      .send(file.body);
  });
}

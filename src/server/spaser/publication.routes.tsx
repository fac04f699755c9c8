import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { okResponse } from '../accounts/accounts.contract.js';
import type { Deps } from '../platform/context.js';
import { present, sendFailure } from '../platform/http.js';
import { renderPage } from '../platform/ssr.js';
import type { App } from '../platform/types.js';
import { uuidParam } from '../../shared/fields.js';
import { spaserLabels } from '../../web/spaser/labels.js';
import { platformLabels } from '../../web/platform/labels.js';
import { publishedSpaserResponse, type SpaserDocument } from './document.contract.js';
import * as publication from './publication.service.js';
import { spaserExportFormats, type SpaserExportFile, type SpaserExportFormat } from './documents/index.js';
import { renderSpaserFile } from './documents/render.js';
import { WorkerCrashError, WorkerTimeoutError } from '../platform/workers/runner.js';
import { contentDisposition } from '../platform/http.js';

const tags = ['SPASER'];
const idParams = z.object({ spaserId: uuidParam });
const P = spaserLabels.published;

// The page is kept as its UTF-8 bytes: sending a 50 kB string made Fastify encode it again on every
// request, which halved the requests served per second (bench/spaser-page.ts, docs/performance.md).
type CachedPage = { ref: string; slug: string; html: Buffer; etag: string; at: number };

/**
 * How long a rendered public page is served from memory without asking the database. This process
 * drops its copy at once when the schéma is published again or withdrawn (bus); another process
 * behind the same load balancer sees the change within this delay.
 */
const PAGE_TTL_MS = 5_000;
const MAX_CACHED_PAGES = 500;

/**
 * Publication (issue 18): editors publish and withdraw; anyone reads the public page, rendered on
 * the server (ADR 0029), and its JSON for the web app.
 */
export function publicationRoutes(app: App, deps: Deps, shell: string) {
  const pages = new Map<string, CachedPage>();
  deps.bus.subscribe(publication.PUBLICATION_TOPIC, (event) => {
    if (typeof event.ref === 'string') pages.delete(event.ref);
  });

  app.post('/api/spasers/:spaserId/publication', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Publier le SPASER adopté (nouvelle version à la même adresse publique)', params: idParams, response: { 201: z.object({ path: z.string(), version: z.number() }) } },
  }, async (req, reply) => present(reply, await publication.publish(deps, req.auth.user!, req.params.spaserId), 201));

  app.delete('/api/spasers/:spaserId/publication', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Retirer la publication du SPASER', params: idParams, response: { 200: okResponse } },
  }, async (req, reply) => present(reply, await publication.withdraw(deps, req.auth.user!, req.params.spaserId)));

  app.get('/api/public/schemas/:ref', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'Un SPASER publié (le document de sa page publique)',
      params: z.object({ ref: z.string().max(200) }),
      response: { 200: publishedSpaserResponse },
    },
  }, async (req, reply) => {
    const ref = publication.refOf(req.params.ref);
    const found = ref ? await publication.publicSpaser(deps, ref) : { state: 'unknown' as const };
    if (found.state === 'unknown') return sendFailure(reply, 'SPASER_NOT_PUBLIC');
    if (found.state === 'withdrawn') return sendFailure(reply, 'SPASER_WITHDRAWN');
    return { document: found.document, version: found.version, bilanPath: found.bilanPath };
  });

  const siteName = platformLabels.siteName;
  const absolute = (p: string) => `${deps.config.baseUrl}${p}`;

  function sendHtml(req: FastifyRequest, reply: FastifyReply, status: number, html: string | Buffer, etag?: string) {
    reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache');
    if (etag) {
      reply.header('etag', etag);
      if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    }
    return reply.send(html);
  }

  async function simple(req: FastifyRequest, reply: FastifyReply, status: 404 | 410, title: string, text: string) {
    const { SimplePage } = await import('../../web/layout/SimplePage.js');
    const html = await renderPage(shell, routeUrl(req), { title, description: text, canonical: absolute(routeUrl(req)), siteName }, SimplePage, { title, text });
    return sendHtml(req, reply, status, html.replace('<head>', '<head>\n    <meta name="robots" content="noindex" />'));
  }

  app.get('/schemas/:refAndSlug', {
    config: { access: 'public' },
    schema: { hide: true, params: z.object({ refAndSlug: z.string().max(300) }) },
  }, async (req, reply) => {
    const ref = publication.refOf(req.params.refAndSlug);
    if (!ref) return simple(req, reply, 404, P.notFoundTitle, P.notFoundText);
    let page = pages.get(ref);
    if (!page || Date.now() - page.at > PAGE_TTL_MS) {
      const found = await publication.publicSpaser(deps, ref);
      if (found.state === 'unknown') return simple(req, reply, 404, P.notFoundTitle, P.notFoundText);
      if (found.state === 'withdrawn') return simple(req, reply, 410, P.withdrawnTitle, P.withdrawnText(found.title));
      const doc = found.document;
      const path = doc.publication!.path;
      // The page's view (React, the DSFR) is loaded with the first page, not at start.
      const { PublishedSpaserView, publishedSpaserKey } = await import('../../web/spaser/PublishedSpaserView.js');
      const html = await renderPage(
        shell,
        path,
        {
          title: doc.title,
          description: P.description(doc.title, doc.buyers.map((b) => b.name).join(', ')),
          canonical: absolute(path),
          type: 'article',
          siteName,
        },
        PublishedSpaserView,
        { doc, bilanPath: found.bilanPath },
        { key: publishedSpaserKey(ref), value: { document: doc, version: found.version, bilanPath: found.bilanPath } },
      );
      const bytes = Buffer.from(html, 'utf8');
      page = { ref, slug: doc.publication!.slug, html: bytes, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`, at: Date.now() };
      if (pages.size >= MAX_CACHED_PAGES) pages.delete(pages.keys().next().value!);
      pages.set(ref, page);
    }
    // An old or mistyped slug: the one address search engines should keep.
    if (req.params.refAndSlug !== `${ref}-${page.slug}`) return reply.redirect(publication.publicPath(ref, page.slug), 301);
    return sendHtml(req, reply, 200, page.html, page.etag);
  });

  // The schéma's files (item 4). A published version never changes: each file is drawn once per
  // version and kept (a large PDF takes seconds to draw, docs/performance.md); a draft is drawn for
  // its editors at each request.
  const files = new Map<string, SpaserExportFile>();
  const MAX_CACHED_FILES = 200;
  const sendFile = (reply: FastifyReply, file: SpaserExportFile) =>
    reply.header('content-type', file.contentType).header('content-disposition', contentDisposition('attachment', file.fileName)).header('cache-control', 'no-cache').send(file.body);
  // Drawn in the renderer's thread; null (logged) when it did not answer in time or died.
  const drawn = async (doc: SpaserDocument, format: SpaserExportFormat): Promise<SpaserExportFile | null> => {
    try {
      return await renderSpaserFile(doc, format, { origin: deps.config.baseUrl });
    } catch (err) {
      if (!(err instanceof WorkerTimeoutError || err instanceof WorkerCrashError)) throw err;
      deps.log.error({ err, spaserId: doc.spaserId, format }, 'SPASER file not drawn');
      return null;
    }
  };
  const formatParam = z.enum(spaserExportFormats, { error: 'Format inconnu : pdf, docx, xlsx ou csv.' });

  app.get('/schemas/:refAndSlug/document.:format', {
    config: { access: 'public' },
    schema: { hide: true, params: z.object({ refAndSlug: z.string().max(300), format: formatParam }) },
  }, async (req, reply) => {
    const ref = publication.refOf(req.params.refAndSlug);
    const found = ref ? await publication.publicSpaser(deps, ref) : { state: 'unknown' as const };
    if (found.state === 'unknown') return sendFailure(reply, 'SPASER_NOT_PUBLIC');
    if (found.state === 'withdrawn') return sendFailure(reply, 'SPASER_WITHDRAWN');
    const key = `${ref}:${found.version}:${req.params.format}`;
    let file = files.get(key) ?? null;
    if (!file) {
      file = await drawn(found.document, req.params.format);
      if (!file) return sendFailure(reply, 'SPASER_FILE_UNAVAILABLE');
      if (files.size >= MAX_CACHED_FILES) files.delete(files.keys().next().value!);
      files.set(key, file);
    }
    return sendFile(reply, file);
  });

  app.get('/api/spasers/:spaserId/document.:format', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Le document de travail du SPASER (PDF, DOCX, indicateurs en XLSX ou CSV), pour ses rédacteurs', params: idParams.extend({ format: formatParam }) },
  }, async (req, reply) => {
    const doc = await publication.draftDocument(deps, req.auth.user!, req.params.spaserId);
    if (!doc.ok) return sendFailure(reply, doc.error);
    const file = await drawn(doc.value, req.params.format);
    return file ? sendFile(reply, file) : sendFailure(reply, 'SPASER_FILE_UNAVAILABLE');
  });
}

/** The path and query of a request (what the static router renders). */
const routeUrl = (req: FastifyRequest) => req.url;

import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from './auth.js';
import type { PageMeta } from './ssr.js';

/**
 * The public pages rendered whole on the server for an anonymous visitor (ADR 0037): the web app's own
 * route tree (layout, header, footer, the page), as the browser would draw it before the session is
 * known, with the answers of the page's queries embedded; the web app hydrates it. Nothing of the
 * person asking goes into it: the caller loads the page's data as for a visitor without an account,
 * and the session is left unknown (the header's quick links hold their place, as in the browser), so
 * the HTML is the same for every visitor and may be shared (a request with a session gets the shell: `signedIn`). The web app then asks for the session and the
 * page's data again, and draws what a member may see.
 */

export type Query = { key: readonly unknown[]; value: unknown };

/**
 * The whole page's HTML at `url` (path and query), or null when React Router answers otherwise (a
 * redirect, a route error): the caller then sends the shell, drawn by the browser. The renderer is
 * loaded with the first page (app-render.tsx).
 */
export async function renderApp(shell: string, url: string, meta: PageMeta, queries: Query[] = []): Promise<string | null> {
  return (await import('./app-render.js')).renderApp(shell, url, meta, queries);
}

/** A JSON round trip: the page is rendered from exactly what the browser reads (dates as strings). */
export const asJson = <T,>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * Sends a rendered page compressed as the client accepts (Brotli, else gzip): the app owns
 * compression (issue 14), as for the built files. Revalidated at each visit, like index.html.
 */
export function sendHtml(req: FastifyRequest, reply: FastifyReply, html: string, status = 200) {
  reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').header('vary', 'Accept-Encoding');
  const accepted = String(req.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepted)) {
    // Quality 5: about as small as gzip 9 for HTML, in a millisecond for a page.
    return reply.header('content-encoding', 'br').send(brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }));
  }
  if (/\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(gzipSync(html));
  return reply.send(html);
}

/**
 * A request that carries a session: its page is drawn by the browser from the shell, as before ADR 0037,
 * not hydrated from a visitor's view. A member's first render is not a visitor's (the session may
 * answer while the page hydrates, and their own view follows it), and the tour of the pages saw React
 * give up such hydrations (« Hydration failed », error 418) for a member: the visitor's view is for
 * visitors, who are the ones arriving from a search engine or a shared link.
 */
export const signedIn = (req: FastifyRequest) => !!req.cookies?.[SESSION_COOKIE];

/**
 * Renders a public page, or sends the shell when that fails (the browser draws the page as before, and
 * the visitor never sees a stack trace): a rendering error is a bug, logged, never the visitor's problem.
 */
export async function sendAppPage(req: FastifyRequest, reply: FastifyReply, shell: string, meta: PageMeta, queries: Query[] = []) {
  if (signedIn(req)) return sendHtml(req, reply, shell);
  let html: string | null = null;
  try {
    html = await renderApp(shell, req.url, meta, queries);
  } catch (error) {
    req.log.error({ err: error, url: req.url }, 'server rendering failed: the page is drawn by the browser');
  }
  return sendHtml(req, reply, html ?? shell);
}

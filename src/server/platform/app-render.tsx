import { QueryClient } from '@tanstack/react-query';
import { prerenderToNodeStream } from 'react-dom/static';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router';
import { routes } from '../../web/routes.js';
import { AppFrame } from '../../web/platform/AppFrame.js';
import { sessionKey, visitorSession } from '../../web/platform/session.js';
import type { Query } from './app-ssr.js';
import { fillShell, type PageMeta } from './ssr.js';
import '../../web/platform/dsfr-link.js';

// The renderer of app-ssr.tsx, in a module of its own: it imports the web app's whole route tree
// (layout, the DSFR's header and footer), React Router and React's prerender, which the server loads
// with the first page it renders rather than at every start (docs/performance.md, start to ready).

/** Handler and route tree made once per process: the lazily loaded pages are resolved on first use. */
let handler: ReturnType<typeof createStaticHandler> | null = null;

/**
 * The whole page's HTML at `url` (path and query), or null when React Router answers otherwise (a
 * redirect, a route error): the caller then sends the shell, drawn by the browser.
 */
export async function renderApp(shell: string, url: string, meta: PageMeta, queries: Query[] = []): Promise<string | null> {
  handler ??= createStaticHandler(routes);
  const context = await handler.query(new Request(new URL(url, 'http://entraide.invalid')));
  if (context instanceof Response || context.errors) return null;
  const router = createStaticRouter(handler.dataRoutes, context);
  const client = new QueryClient();
  for (const q of queries) client.setQueryData(q.key, q.value);
  // A visitor's page (only a request without a session cookie gets one): the layout is drawn for
  // nobody signed in, as the browser draws it before and after its session answers (main.tsx).
  client.setQueryData(sessionKey, visitorSession);
  const pathname = context.location.pathname;
  try {
    // The same frame as main.tsx (AppFrame): hydration compares trees. A prerender, not
    // renderToString: it waits for the parts the page loads lazily (the organisation's indicators)
    // instead of leaving them to the browser as failed boundaries; any rendering error throws.
    let failure: unknown = null;
    const { prelude } = await prerenderToNodeStream(
      <AppFrame path={pathname} client={client}>
        <StaticRouterProvider router={router} context={context} hydrate={false} />
      </AppFrame>,
      { onError: (error) => void (failure ??= error) },
    );
    // Bytes joined before decoding: a character may straddle two chunks.
    const chunks: Buffer[] = [];
    for await (const chunk of prelude) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
    const root = Buffer.concat(chunks).toString('utf8');
    if (failure) throw failure;
    return fillShell(shell, meta, root, { hydrate: true, path: pathname, queries });
  } finally {
    client.clear();
  }
}

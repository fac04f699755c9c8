import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { startTransition } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { Link } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import './app.css';
import { isApiError } from './platform/api';
import { sessionKey, visitorSession, visitorSessionUpdatedAt } from './platform/session';
import { ignoreRepeatedSubmitClicks } from './platform/submit';
import { router } from './router';
import { takeServerData } from './platform/ssr-data';
import { AppFrame } from './platform/AppFrame';
import { hasReloadFlash } from './layout/Page';
import { releaseDsfr, releaseDsfrAfterThisTask, startDsfr } from './platform/dsfr';
// The registration of the router's Link below augments this module (spa.d.ts re-exports RegisterLink).
import type {} from '@codegouvfr/react-dsfr/spa';

startDsfr();
ignoreRepeatedSubmitClicks();

declare module '@codegouvfr/react-dsfr/spa' {
  interface RegisterLink {
    Link: typeof Link;
  }
}

// A 401 anywhere means the session ended (expired, closed elsewhere): reload it, and the pages that
// need an account send the user to the login page, which brings them back afterwards.
const onError = (error: unknown) => {
  if (isApiError(error) && error.status === 401 && error.code === 'UNAUTHENTICATED') {
    void queryClient.invalidateQueries({ queryKey: sessionKey });
  }
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      // Answers of the API with a 4xx status will not change by retrying.
      retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
    },
    mutations: { retry: false },
  },
});

// A page rendered by the server: its data goes to the cache, and the app draws once the page's code
// is loaded, so the server's HTML is replaced by the same page, never by an empty one. The public pages
// of ADR 0037 (the whole app rendered for a visitor) are hydrated: React adopts the server's HTML
// instead of drawing it again; the others (ADR 0029: the page alone in a minimal frame) are drawn.
// Both in a transition, so React yields to the browser every few milliseconds instead of one long
// task (what Lighthouse counts as blocking time on a slow phone).
// Not a top-level await: the page's chunk imports this entry module, which must finish evaluating
// first (awaiting here deadlocked the page's import).
async function draw() {
  const serverData = takeServerData();
  if (serverData) {
    for (const q of serverData.hydrate ? serverData.queries : [serverData]) queryClient.setQueryData(q.key, q.value);
    if (!router.state.initialized) {
      await new Promise<void>((resolve) => {
        const stop = router.subscribe((state) => {
          if (state.initialized) {
            stop();
            resolve();
          }
        });
      });
    }
  }
  const container = document.getElementById('root')!;
  // A message left for this load by `reloadWithFlash` is not in the server's HTML: drawn, not hydrated.
  const hydrate = serverData?.hydrate === true && serverData.path === window.location.pathname && !hasReloadFlash();
  if (!hydrate) releaseDsfr();
  // The DSFR's script is let loose once the hydration has committed (platform/dsfr.ts).
  const app = (
    <AppFrame path={hydrate ? serverData.path : null} client={queryClient} onCommitted={releaseDsfrAfterThisTask}>
      <RouterProvider router={router} />
    </AppFrame>
  );
  if (hydrate) {
    // The server drew a visitor's view, session known (app-render.tsx): the same here, so the first
    // render is the server's HTML and the session's answer changes nothing for a visitor.
    queryClient.setQueryData(sessionKey, visitorSession, { updatedAt: visitorSessionUpdatedAt });
    askAgainOnceSignedIn(serverData.queries.map((q) => q.key));
  }
  startTransition(() => {
    if (hydrate) hydrateRoot(container, app);
    else createRoot(container).render(app);
  });
}
/**
 * The server rendered a visitor's view (ADR 0037). Its answers are not asked again on mount: a member's
 * own view (their forms, their actions) must not arrive before the session says who they are, or
 * the forms would be drawn for nobody and drawn again for them (losing what was typed meanwhile).
 * Once the session is known: asked again for a member, kept for a visitor (it is what they would get).
 */
function askAgainOnceSignedIn(keys: (readonly unknown[])[]) {
  for (const key of keys) queryClient.setQueryDefaults(key, { refetchOnMount: false });
  const stop = queryClient.getQueryCache().subscribe((event) => {
    // The session's answer or failure: with a visitor's session in the cache from the start, the status
    // is 'success' already when the request starts, which must not count as the answer.
    if (event.type !== 'updated' || event.query.queryKey[0] !== sessionKey[0] || (event.action.type !== 'success' && event.action.type !== 'error')) return;
    stop();
    for (const key of keys) queryClient.setQueryDefaults(key, {});
    const session = event.query.state.data as { user: unknown } | undefined;
    if (event.query.state.status === 'error' || session?.user) {
      for (const key of keys) void queryClient.invalidateQueries({ queryKey: key, exact: true });
    }
  });
}

void draw();

import { createContext } from 'react';

// The data of a page rendered by the server (ADR 0029, ADR 0037), carried in the page as a JSON
// script; the web app puts it in its query cache before drawing, so it draws the same page without
// asking again.

export const SSR_DATA_ID = 'entraide-ssr-data';

/**
 * One query's answer (`key`, `value`, ADR 0029: the page alone, drawn again by the client), or, with
 * `hydrate`, the whole app as the server rendered it (ADR 0037: the client hydrates it) with every
 * query answer it used in `queries`.
 */
export type ServerData =
  | { key: readonly unknown[]; value: unknown; hydrate?: undefined }
  | { hydrate: true; path: string; queries: { key: readonly unknown[]; value: unknown }[] };

/** The server's data of this page, once (the script is removed: a later navigation never reads it). */
export function takeServerData(): ServerData | null {
  const script = document.getElementById(SSR_DATA_ID);
  if (!script) return null;
  script.remove();
  try {
    const data = JSON.parse(script.textContent ?? '') as ServerData;
    if (data.hydrate === true) return typeof data.path === 'string' && Array.isArray(data.queries) ? data : null;
    return Array.isArray(data.key) ? data : null;
  } catch {
    return null;
  }
}

/**
 * The path of the page the server rendered for an anonymous visitor (ADR 0037), or null. That page is
 * drawn with the visitor's session already in the cache (ADR 0039), as the server drew it: the
 * client's first render must be the server's HTML. The layout would also draw it while the session
 * loads, instead of a loading line (any other page waits for the session: its guards need it), and
 * the organisation page draws its indicators there only when scrolled near (ADR 0039).
 */
export const ServerRenderedPath = createContext<string | null>(null);

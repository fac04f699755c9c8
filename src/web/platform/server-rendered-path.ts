import { createContext } from 'react';

/**
 * The path of the page the server rendered for an anonymous visitor (ADR 0037), or null. That page is
 * drawn with the visitor's session already in the cache (ADR 0039), as the server drew it: the
 * client's first render must be the server's HTML. The layout would also draw it while the session
 * loads, instead of a loading line (any other page waits for the session: its guards need it), and
 * the organisation page draws its indicators there only when scrolled near (ADR 0039).
 */
export const ServerRenderedPath = createContext<string | null>(null);

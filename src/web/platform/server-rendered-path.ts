import { createContext } from 'react';

/**
 * The path of the page the server rendered for an anonymous visitor (ADR 0037), or null. On that page
 * only, the layout draws the page while the session loads, as the server did (the visitor's view;
 * the header's quick links hold their place), instead of a loading line: the client's first render
 * must be the server's HTML. Any other page still waits for the session (its guards need it).
 */
export const ServerRenderedPath = createContext<string | null>(null);

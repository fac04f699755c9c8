import { setLink } from '@codegouvfr/react-dsfr/link';
import { createElement, type ComponentType } from 'react';
import { renderToString } from 'react-dom/server';
import { Link, StaticRouter } from 'react-router';

// The renderer of ssr.tsx's pages, in a module of its own: React, its server renderer, React Router
// and the DSFR's components are loaded with the first page rendered, not at every start
// (docs/performance.md, start to ready).

// The DSFR components draw their links with react-router's Link, as in the browser (main.tsx).
setLink({ Link: Link as never });

/** The page's component drawn at `location`, as HTML. */
export function renderBody<P extends object>(location: string, Component: ComponentType<P>, props: P): string {
  return renderToString(<StaticRouter location={location}>{createElement(Component, props)}</StaticRouter>);
}

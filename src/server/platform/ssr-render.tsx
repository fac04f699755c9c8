import { createElement, type ComponentType } from 'react';
import { renderToString } from 'react-dom/server';
import { StaticRouter } from 'react-router';
import '../../web/platform/dsfr-link.js';

// The renderer of ssr.tsx's pages, in a module of its own: React, its server renderer, React Router
// and the DSFR's components are loaded with the first page rendered, not at every start
// (docs/performance.md, start to ready).

/** The page's component drawn at `location`, as HTML. */
export function renderBody<P extends object>(location: string, Component: ComponentType<P>, props: P): string {
  return renderToString(<StaticRouter location={location}>{createElement(Component, props)}</StaticRouter>);
}

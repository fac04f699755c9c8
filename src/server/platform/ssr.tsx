import type { ComponentType } from 'react';
import { SSR_DATA_ID } from '../../web/platform/ssr-data.js';
import { escapeHtml } from './mail.js';

/**
 * Server rendering of the public pages (issue 18, ADR 0029): React's `renderToString` over the web
 * app's own page component, inside the web app's own HTML shell (the built index.html), with the
 * page's title, description, canonical address and Open Graph tags. The page's data travels in the
 * same HTML (a JSON script) so that the web app, once loaded, draws the same page from it without a
 * second request. Readable without JavaScript, by search engines and link previews.
 */

export type PageMeta = {
  title: string;
  description: string;
  /** Absolute address of the page (canonical and og:url). */
  canonical: string;
  type?: 'website' | 'article';
  siteName: string;
  /** The page's forms are plain HTML forms that work without JavaScript (the directory's GET filters): left enabled. */
  formsWorkWithoutJavaScript?: boolean;
};


// `</script>` or `<!--` inside a JSON string must not end or comment the script: escape `<`, and the
// two line separators JSON allows but JavaScript did not.
const jsonForScript = (data: unknown) =>
  JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/**
 * Around the page, before the web app takes over: the site's name back to the home page and the main
 * landmark (the web app's own layout, with its menus, replaces this once loaded).
 */
const frame = (siteName: string, body: string, formsEnabled: boolean) =>
  `<header role="banner" class="fr-header"><div class="fr-header__body"><div class="fr-container"><div class="fr-header__body-row"><div class="fr-header__brand"><div class="fr-header__brand-top"><div class="fr-header__logo"><p class="fr-logo">République<br />Française</p></div></div><div class="fr-header__service"><a href="/" title="Accueil — ${escapeHtml(siteName)}"><p class="fr-header__service-title">${escapeHtml(siteName)}</p></a></div></div></div></div></div></header>` +
  // Form controls stay disabled until the web app has drawn the page again: without JavaScript they
  // could not work, and a click or a keystroke before the web app takes over would be lost. Plain
  // HTML forms (GET filters) work without it and stay enabled.
  `<main id="contenu" role="main" tabindex="-1">${formsEnabled ? body : `<fieldset disabled class="entraide-server-page">${body}</fieldset>`}</main>`;

/**
 * The web app's index.html (`shell`) around a rendered page: its <title> and description replaced,
 * canonical and Open Graph tags added, `root` put inside <div id="root"> and the page's data after it
 * as a JSON script (never executed: the CSP allows no inline script).
 */
export function fillShell(shell: string, meta: PageMeta, root: string, data?: unknown): string {
  const title = `${meta.title} — ${meta.siteName}`;
  const head = [
    `<title>${escapeHtml(title)}</title>`,
    `<meta name="description" content="${escapeHtml(meta.description)}" />`,
    `<link rel="canonical" href="${escapeHtml(meta.canonical)}" />`,
    `<meta property="og:type" content="${meta.type ?? 'website'}" />`,
    `<meta property="og:title" content="${escapeHtml(meta.title)}" />`,
    `<meta property="og:description" content="${escapeHtml(meta.description)}" />`,
    `<meta property="og:url" content="${escapeHtml(meta.canonical)}" />`,
    `<meta property="og:site_name" content="${escapeHtml(meta.siteName)}" />`,
    `<meta property="og:locale" content="fr_FR" />`,
    `<meta name="twitter:card" content="summary" />`,
  ].join('\n    ');
  const script = data === undefined ? '' : `<script type="application/json" id="${SSR_DATA_ID}">${jsonForScript(data)}</script>`;
  return shell
    .replace(/<meta name="description"[^>]*>\s*/, '')
    .replace(/<title>[^<]*<\/title>/, () => head)
    .replace('<div id="root"></div>', () => `<div id="root">${root}</div>${script}`);
}

/**
 * The full HTML of a page alone (in a minimal frame, drawn again by the web app once loaded): the
 * page's `Component` with its `props`. The callers import the component on first use, and the
 * renderer (React, React Router) is loaded with the first page (ssr-render.tsx), not at start.
 */
export async function renderPage<P extends object>(
  shell: string,
  location: string,
  meta: PageMeta,
  Component: ComponentType<P>,
  props: P,
  data?: { key: readonly unknown[]; value: unknown },
): Promise<string> {
  const body = (await import('./ssr-render.js')).renderBody(location, Component, props);
  return fillShell(shell, meta, frame(meta.siteName, body, meta.formsWorkWithoutJavaScript === true), data);
}

import Alert from '@codegouvfr/react-dsfr/Alert';
import Breadcrumb from '@codegouvfr/react-dsfr/Breadcrumb';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { paths } from '../paths';
import { platformLabels } from '../platform/labels';

export type Crumb = { label: string; to: string };

type PageProps = {
  /** The h1 of the page. */
  title: string;
  /** The first part of the browser tab's title, when it differs from the h1. */
  documentTitle?: string;
  /** Ancestors between the home page and this page; `false` for the home page. */
  breadcrumb?: Crumb[] | false;
  /** Shown under the h1. */
  lead?: ReactNode;
  children?: ReactNode;
};

/** Sets the browser tab's title: "Titre de page — Entraide". */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = `${title} — ${platformLabels.siteName}`;
  }, [title]);
}

/** A message passed to the next page by `navigate(to, { state: { flash } })`, e.g. after logging out. */
export type FlashState = { flash?: string };

const RELOAD_FLASH = 'entraide.flash';

/**
 * Loads `path` afresh (every cached answer and every open stream dropped) and shows `flash` there.
 * For the end of an account: navigating inside the app raced with the session turning anonymous,
 * and the page being left sent the person to the login page instead.
 */
export function reloadWithFlash(path: string, flash: string) {
  try {
    sessionStorage.setItem(RELOAD_FLASH, flash);
  } catch {
    // Storage refused (private mode): the page still loads, without its message.
  }
  window.location.replace(path);
}

/** True when `reloadWithFlash` left a message for this load (the server's HTML, ADR 0037, has none). */
export function hasReloadFlash(): boolean {
  try {
    return sessionStorage.getItem(RELOAD_FLASH) !== null;
  } catch {
    return false;
  }
}

/** The flash message for this page: from the navigation state, or left by `reloadWithFlash`. */
export function useFlash(): string | undefined {
  const location = useLocation();
  const [reloaded] = useState(() => {
    try {
      const v = sessionStorage.getItem(RELOAD_FLASH) ?? undefined;
      sessionStorage.removeItem(RELOAD_FLASH);
      return v;
    } catch {
      return undefined;
    }
  });
  return (location.state as FlashState | null)?.flash ?? reloaded;
}

// When a page shows a loading state first, its h1 is replaced once the data arrives and the focus
// given after the navigation falls back to the body: the new h1 takes it back, if nothing else has it.
let lastNavigation = 0;
export const markNavigation = () => {
  lastNavigation = Date.now();
};

/** An h1 that takes the focus lost during the loading that followed a navigation. */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (Date.now() - lastNavigation < 10_000 && (!active || active === document.body)) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="entraide-focus-target">
      {children}
    </h1>
  );
}

/** The frame of every inner page: breadcrumb, h1 (focused after each navigation by the layout), content. */
export function Page({ title, documentTitle, breadcrumb = [], lead, children }: PageProps) {
  useDocumentTitle(documentTitle ?? title);
  const flash = useFlash();
  return (
    <div className="fr-container fr-pb-8w">
      {breadcrumb === false ? (
        <div className="fr-pt-4w" />
      ) : (
        <Breadcrumb
          homeLinkProps={{ to: paths.home() }}
          segments={breadcrumb.map((c) => ({ label: c.label, linkProps: { to: c.to } }))}
          currentPageLabel={title}
          className="fr-mb-4w"
        />
      )}
      <PageHeading>{title}</PageHeading>
      {lead && <div className="fr-text--lead fr-mb-4w">{lead}</div>}
      {flash && <Alert severity="success" small description={flash} className="fr-mb-4w" role="status" />}
      {children}
    </div>
  );
}

/** Shown while the data of a page loads; an h1 is always there for the focus after navigation. */
export function PageLoading({ title, breadcrumb }: { title: string; breadcrumb?: Crumb[] }) {
  return (
    <Page title={title} breadcrumb={breadcrumb}>
      <Loading />
    </Page>
  );
}

export function Loading({ label = platformLabels.loading }: { label?: string }) {
  return (
    <p role="status" className="fr-text--sm fr-mt-2w entraide-loading">
      {label}
    </p>
  );
}

import { start } from '@codegouvfr/react-dsfr/start';
// The router's Link for the DSFR's components, registered as this module loads (before any render).
import './dsfr-link';

/**
 * The DSFR's start (what `startReactDsfr` of `@codegouvfr/react-dsfr/spa` does), with its script's
 * work on the page held back until React has adopted the server's HTML. The DSFR's script marks the
 * page's buttons and dialogs (`data-fr-js-*` attributes) as soon as it runs: on a page the server
 * rendered (ADR 0037) that may come before the hydration, which then finds HTML it did not draw and
 * draws the whole page again (« Hydration failed » in the console). The hook is the one the DSFR's
 * own server-rendering setup uses (`registerEffectAction`); the colour scheme follows it too, so the
 * first render uses the scheme the server drew with.
 */
let held: (() => void)[] | null = [];

export function startDsfr() {
  void start({
    defaultColorScheme: 'system',
    verbose: false,
    doCheckNonce: false,
    trustedTypesPolicyName: 'react-dsfr',
    nextParams: { doPersistDarkModePreferenceWithCookie: false, registerEffectAction: (action) => (held ? held.push(action) : action()) },
  });
}

/** Lets the DSFR's script work on the page: at once for a page drawn in the browser, after the hydration for the others. */
export function releaseDsfr() {
  const actions = held;
  held = null;
  for (const action of actions ?? []) action();
}

/**
 * The same, once the hydration's commit has returned to the browser: the DSFR's start (it walks the
 * whole page and marks its buttons, dialogs and accordions) is a task of its own instead of
 * lengthening the commit's, one long task fewer on a slow phone (issue 14 goal 3, ADR 0039).
 */
export function releaseDsfrAfterThisTask() {
  setTimeout(releaseDsfr, 0);
}

import { headerFooterDisplayItem } from '@codegouvfr/react-dsfr/Display';
import Footer from '@codegouvfr/react-dsfr/Footer';
import Header, { type HeaderProps } from '@codegouvfr/react-dsfr/Header';
import SkipLinks from '@codegouvfr/react-dsfr/SkipLinks';
import Alert from '@codegouvfr/react-dsfr/Alert';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useContext, useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { paths } from '../paths';
import { api, isApiError } from '../platform/api';
import { useSession } from '../platform/session';
import { ServerRenderedPath } from '../platform/server-rendered-path';
import { contactLabels } from '../contact/labels';
import { hasLocalCourseProgress, learningKey } from '../learning/local-keys';
import { useUnreadCount } from '../notifications/api';
import { layoutLabels as L } from './labels';
import { Loading, PageHeading, markNavigation, reloadWithFlash } from './Page';

const brandTop = (
  <>
    {L.brandTop[0]}
    <br />
    {L.brandTop[1]}
  </>
);
const homeLinkProps = { to: paths.home(), title: L.homeLinkTitle };

/** Moves the focus to the page's h1 after each navigation (not at first load), as screen readers expect. */
// Module-level, not a ref: the layout may mount more than once while the app starts, and the
// first page shown must leave the focus at the top of the document (skip links first).
let shownPath: string | null = null;

function useFocusOnNavigation() {
  const { pathname, hash } = useLocation();
  useEffect(() => {
    if (shownPath === null || shownPath === pathname) {
      shownPath = pathname;
      return;
    }
    shownPath = pathname;
    markNavigation();
    // A link to a section (#declarer-…): the page already put the focus there, leave it.
    if (hash && document.getElementById(decodeURIComponent(hash.slice(1)))) return;
    const h1 = document.querySelector<HTMLElement>('#contenu h1');
    const target = h1 ?? document.getElementById('contenu');
    target?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [pathname]);
}

// Pages after which logging in should not come back to them (the login itself, the account forms).
const NO_RETURN = [paths.home(), paths.logIn(), paths.signUp(), paths.verifyEmail(), paths.forgotPassword(), paths.resetPassword(), paths.unsubscribe()];

/** The login page, bringing the person back to the page they were reading (issue 13, item 10). */
export function logInHere(location: { pathname: string; search: string; hash: string }): string {
  if (NO_RETURN.includes(location.pathname)) return paths.logIn();
  return paths.logIn(location.pathname + location.search + location.hash);
}

function HeaderSearchInput(props: { id: string; type: 'search'; className: string; placeholder: string }) {
  const location = useLocation();
  const current = location.pathname === paths.organisations() ? (new URLSearchParams(location.search).get('q') ?? '') : '';
  const [value, setValue] = useState(current);
  useEffect(() => setValue(current), [current]);
  return (
    <input
      {...props}
      name="q"
      placeholder={L.search.placeholder}
      value={value}
      onChange={(e) => setValue(e.target.value)}
      autoComplete="off"
    />
  );
}

export function Layout() {
  useFocusOnNavigation();
  const session = useSession();
  const { user } = session;
  const location = useLocation();
  const navigate = useNavigate();
  // The page the server rendered (ADR 0037) shows while the session loads, as in the server's HTML.
  const drawnByServer = useContext(ServerRenderedPath) === location.pathname;

  const logOut = useMutation({
    // A session that already ended (401) is as good as closed.
    mutationFn: () => api.post('/api/auth/logout').catch((e: unknown) => {
      if (isApiError(e) && e.status === 401) return null;
      throw e;
    }),
    // A fresh load of the home page, as after deleting an account: leaving a page for members
    // by an in-app navigation raced with the session turning anonymous (the page's guard won).
    // A ProConnect session ends at the provider too: the server gives its logout address.
    onSuccess: (r) => {
      const redirectTo = (r as { redirectTo?: string } | null)?.redirectTo;
      if (redirectTo) window.location.assign(redirectTo);
      else reloadWithFlash(paths.home(), L.logOutDone);
    },
  });

  const unread = useUnreadCount().data?.unreadCount ?? 0;
  // A visitor's course progress (issue 22) joins the account as soon as they are signed in, wherever
  // they land; the e-learning's code loads only when there is some.
  const qc = useQueryClient();
  const [carried, setCarried] = useState(0);
  useEffect(() => {
    if (!user || !hasLocalCourseProgress()) return;
    void import('../learning/local-progress')
      .then((m) => m.carryLocalProgress())
      .then(async (n) => {
        await qc.invalidateQueries({ queryKey: learningKey });
        setCarried(n);
      });
  }, [user, qc]);
  const quickAccessItems: HeaderProps.QuickAccessItem[] = [];
  if (!session.isLoading) {
    if (user) {
      // "Notifications (3)" on screen; screen readers hear "Notifications (3 non lues)".
      quickAccessItems.push({
        iconId: 'fr-icon-notification-3-line',
        text:
          unread > 0 ? (
            <>
              <span aria-hidden="true">{L.quickAccess.notificationsVisible(unread)}</span>
              <span className="fr-sr-only">{L.quickAccess.notificationsSpoken(unread)}</span>
            </>
          ) : (
            L.quickAccess.notifications
          ),
        linkProps: { to: paths.notifications() },
      });
      if (session.isStaff) {
        quickAccessItems.push({ iconId: 'fr-icon-settings-5-line', text: L.quickAccess.admin, linkProps: { to: paths.admin() } });
      }
      quickAccessItems.push({ iconId: 'fr-icon-account-circle-line', text: L.quickAccess.profile, linkProps: { to: paths.profile() } });
      quickAccessItems.push({
        iconId: 'fr-icon-logout-box-r-line',
        text: L.quickAccess.logOut,
        buttonProps: { type: 'button', onClick: () => logOut.mutate(), disabled: logOut.isPending },
      });
    } else {
      quickAccessItems.push({ iconId: 'fr-icon-lock-line', text: L.quickAccess.logIn, linkProps: { to: logInHere(location) } });
      quickAccessItems.push({ iconId: 'fr-icon-account-circle-line', text: L.quickAccess.signUp, linkProps: { to: paths.signUp() } });
    }
  } else {
    // While the session loads, an invisible button holds the row of quick links open, so the header
    // keeps its height when they arrive instead of pushing the page down (Lighthouse's layout shift).
    quickAccessItems.push({
      iconId: 'fr-icon-account-circle-line',
      text: L.quickAccess.profile,
      buttonProps: { type: 'button', className: 'entraide-placeholder', 'aria-hidden': true, tabIndex: -1, disabled: true },
    });
  }

  const p = location.pathname;
  const navigation = [
    { text: L.nav.home, linkProps: { to: paths.home() }, isActive: p === paths.home() },
    { text: L.nav.helpSpace, linkProps: { to: paths.helpHome() }, isActive: p.startsWith(paths.helpHome()) },
    { text: L.nav.agenda, linkProps: { to: paths.agenda() }, isActive: p.startsWith(paths.agenda()) },
    { text: L.nav.cohorts, linkProps: { to: paths.cohorts() }, isActive: p.startsWith(paths.cohorts()) },
    { text: L.nav.library, linkProps: { to: paths.library() }, isActive: p.startsWith(paths.library()) },
    { text: L.nav.courses, linkProps: { to: paths.courses() }, isActive: p.startsWith(paths.courses()) || p === paths.myCourses() },
    { text: L.nav.organisations, linkProps: { to: paths.organisations() }, isActive: p.startsWith(paths.organisations()) },
    { text: L.nav.observatory, linkProps: { to: paths.observatory() }, isActive: p.startsWith(paths.observatory()) },
    { text: L.nav.actors, linkProps: { to: paths.actors() }, isActive: p.startsWith(paths.actors()) },
    ...(session.canUseDirectory ? [{ text: L.nav.directory, linkProps: { to: paths.directory() }, isActive: p.startsWith(paths.directory()) || p === paths.findHelp() }] : []),
    ...(user ? [{ text: L.nav.myOrganisation, linkProps: { to: paths.myOrganisation() }, isActive: p === paths.myOrganisation() }] : []),
    ...(user?.verified ? [{ text: L.nav.spasers, linkProps: { to: paths.spasers() }, isActive: p.startsWith(paths.spasers()) }] : []),
  ];

  return (
    <>
      <SkipLinks
        links={[
          { label: L.skipLinks.content, anchor: '#contenu' },
          { label: L.skipLinks.navigation, anchor: '#fr-header-main-navigation' },
          { label: L.skipLinks.footer, anchor: '#fr-footer' },
        ]}
      />
      <Header
        brandTop={brandTop}
        homeLinkProps={homeLinkProps}
        serviceTitle={L.serviceTitle}
        serviceTagline={L.serviceTagline}
        quickAccessItems={quickAccessItems}
        navigation={navigation}
        renderSearchInput={(params) => <HeaderSearchInput {...params} />}
        onSearchButtonClick={(text) => navigate(paths.organisations(text.trim()))}
        allowEmptySearch
      />
      <main id="contenu" tabIndex={-1} role="main" className="entraide-main">
        {carried > 0 && (
          <div className="fr-container fr-mt-2w">
            <Alert severity="success" small description={L.coursesCarried(carried)} role="status" closable onClose={() => setCarried(0)} />
          </div>
        )}
        {logOut.isError && (
          <div className="fr-container fr-mt-2w">
            <Alert severity="error" small description={L.logOutFailed} />
          </div>
        )}
        {session.isLoading && !drawnByServer ? (
          <div className="fr-container fr-py-8w">
            <Loading />
          </div>
        ) : session.error && !session.user ? (
          <div className="fr-container fr-py-8w">
            <PageHeading>{L.sessionError.title}</PageHeading>
            <p>{L.sessionError.description}</p>
            <button type="button" className="fr-btn" onClick={() => window.location.reload()}>
              {L.sessionError.reload}
            </button>
          </div>
        ) : (
          <Outlet />
        )}
      </main>
      <Footer
        brandTop={brandTop}
        homeLinkProps={homeLinkProps}
        accessibility="non compliant"
        accessibilityLinkProps={{ to: paths.accessibility() }}
        contentDescription={L.footer.description}
        termsLinkProps={{ to: paths.legal() }}
        websiteMapLinkProps={{ to: paths.sitemap() }}
        bottomItems={[
          { text: L.footer.privacy, linkProps: { to: paths.privacy() } },
          { text: L.footer.terms, linkProps: { to: paths.terms() } },
          { text: contactLabels.footerLink, linkProps: { to: paths.contact() } },
          headerFooterDisplayItem,
        ]}
      />
    </>
  );
}

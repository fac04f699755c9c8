import type { ComponentType, ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { HomePage } from './home/HomePage';
import { ErrorPage, NotFoundPage, RootErrorPage } from './layout/ErrorPages';
import { RequireAccount, RequireStaff, RequireVerified } from './layout/guards';
import { Layout } from './layout/Layout';
import { paths } from './paths';
import { platformLabels } from './platform/labels';

/**
 * A page loaded when first visited (React Router's `lazy`): each page is a chunk of its own, so the
 * home page downloads the layout and itself only (docs/performance.md, web). `wrap` puts the page
 * inside its guard (RequireAccount…), which is in the main chunk.
 */
function page<M extends Record<string, unknown>>(
  load: () => Promise<M>,
  name: keyof M & string,
  wrap?: (p: ReactNode) => ReactNode | Promise<ReactNode>,
): () => Promise<Pick<RouteObject, 'element'>> {
  return async () => {
    const Component = (await load())[name] as ComponentType;
    return { element: wrap ? await wrap(<Component />) : <Component /> };
  };
}

// A section's labels are loaded with its pages, not with the home page: a guard reads its title
// from them once the page has loaded (the page imports them, so they are already there).
const labels = {
  accounts: () => import('./accounts/labels').then((m) => m.accountsLabels),
  admin: () => import('./admin/labels').then((m) => m.adminLabels),
  cohorts: () => import('./cohorts/labels').then((m) => m.cohortLabels),
  events: () => import('./events/labels').then((m) => m.eventLabels),
  help: () => import('./helpspace/labels').then((m) => m.helpLabels),
  library: () => import('./library/labels').then((m) => m.libraryLabels),
  observatory: () => import('./observatory/labels').then((m) => m.observatoryLabels),
  actors: () => import('./actors/labels').then((m) => m.actorsLabels),
  peers: () => import('./peers/labels').then((m) => m.peersLabels),
  introductions: () => import('./introductions/labels').then((m) => m.introductionsLabels),
  learning: () => import('./learning/labels').then((m) => m.learningLabels),
};
const verified =
  <L,>(load: () => Promise<L>, title: (l: L) => string) =>
  async (p: ReactNode) => <RequireVerified title={title(await load())}>{p}</RequireVerified>;
const staff =
  <L,>(load: () => Promise<L>, title: (l: L) => string, adminOnly = false) =>
  async (p: ReactNode) => (
    <RequireStaff adminOnly={adminOnly} title={title(await load())}>
      {p}
    </RequireStaff>
  );

// Every path comes from paths.ts, whose `pagePatterns` the server uses to answer unknown ones with 404.
const pages: RouteObject[] = [
  { index: true, element: <HomePage /> },
  { path: paths.signUp(), lazy: page(() => import('./accounts/AuthPages'), 'SignUpPage') },
  { path: paths.logIn(), lazy: page(() => import('./accounts/AuthPages'), 'LogInPage') },
  { path: paths.proconnectLink(), lazy: page(() => import('./accounts/ProConnect'), 'ProConnectLinkPage') },
  { path: paths.proconnectLinkEmail(), lazy: page(() => import('./accounts/ProConnect'), 'ProConnectLinkEmailPage') },
  { path: paths.verifyEmail(), lazy: page(() => import('./accounts/AuthPages'), 'VerifyEmailPage') },
  { path: paths.forgotPassword(), lazy: page(() => import('./accounts/AuthPages'), 'ForgotPasswordPage') },
  { path: paths.resetPassword(), lazy: page(() => import('./accounts/AuthPages'), 'ResetPasswordPage') },
  { path: paths.profile(), lazy: page(() => import('./accounts/ProfilePage'), 'ProfilePage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.myOrganisation(), lazy: page(() => import('./organisations/MyOrganisationPage'), 'MyOrganisationPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.organisations(), lazy: page(() => import('./organisations/SearchPage'), 'SearchPage') },
  { path: paths.organisation(':id'), lazy: page(() => import('./organisations/OrganisationPage'), 'OrganisationPage') },
  { path: paths.directory(), lazy: page(() => import('./accounts/DirectoryPage'), 'DirectoryPage', verified(labels.accounts, (l) => l.directory.title)) },
  { path: paths.findHelp(), lazy: page(() => import('./peers/PeersPage'), 'PeersPage', verified(labels.peers, (l) => l.title)) },
  { path: paths.member(':id'), lazy: page(() => import('./accounts/MemberPage'), 'MemberPage', verified(labels.accounts, (l) => l.member.title)) },
  { path: paths.introductions(), lazy: page(() => import('./introductions/IntroductionsPage'), 'IntroductionsPage', verified(labels.introductions, (l) => l.list.title)) },
  { path: paths.introduction(':id'), lazy: page(() => import('./introductions/IntroductionPage'), 'IntroductionPage', verified(labels.introductions, (l) => l.one.title)) },
  { path: paths.admin(), lazy: page(() => import('./admin/AdminHomePage'), 'AdminHomePage', staff(labels.admin, (l) => l.home.title)) },
  { path: paths.adminUsers(), lazy: page(() => import('./admin/AdminUsersPage'), 'AdminUsersPage', staff(labels.admin, (l) => l.users.title, true)) },
  { path: paths.adminOrganisations(), lazy: page(() => import('./admin/AdminOrganisationsPage'), 'AdminOrganisationsPage', staff(labels.admin, (l) => l.organisations.title, true)) },
  { path: paths.adminMembershipRequests(), lazy: page(() => import('./admin/MembershipRequestsPage'), 'MembershipRequestsPage', staff(labels.admin, (l) => l.requests.title)) },
  { path: paths.contact(), lazy: page(() => import('./contact/ContactPage'), 'ContactPage') },
  { path: paths.adminJobs(), lazy: page(() => import('./admin/AdminJobsPage'), 'AdminJobsPage', staff(labels.admin, (l) => l.jobs.title, true)) },
  { path: paths.spasers(), lazy: page(() => import('./spaser/MySpasersPage'), 'MySpasersPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.spaserDirectory(), lazy: page(() => import('./spaser/DirectoryPage'), 'DirectoryPage') },
  { path: paths.spaserBilan(':id'), lazy: page(() => import('./spaser/BilanPage'), 'BilanPage') },
  { path: `${paths.publishedSpaser(':ref')}/bilan`, lazy: page(() => import('./spaser/PublishedBilanPage'), 'PublishedBilanPage') },
  { path: paths.publishedSpaser(':ref'), lazy: page(() => import('./spaser/PublishedSpaserPage'), 'PublishedSpaserPage') },
  { path: paths.spaserVersions(':id'), lazy: page(() => import('./spaser/VersionsPage'), 'VersionsPage') },
  { path: paths.spaser(':id'), lazy: page(() => import('./spaser/SpaserPage'), 'SpaserPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.helpHome(), lazy: page(() => import('./helpspace/HelpHomePage'), 'HelpHomePage') },
  { path: paths.helpSpace(':id'), lazy: page(() => import('./helpspace/SpacePage'), 'SpacePage') },
  { path: paths.helpQuestion(':id'), lazy: page(() => import('./helpspace/QuestionPage'), 'QuestionPage') },
  { path: paths.helpAsk(), lazy: page(() => import('./helpspace/AskPage'), 'AskPage', verified(labels.help, (l) => l.ask.title)) },
  { path: paths.helpSearch(), lazy: page(() => import('./helpspace/HelpSearchPage'), 'HelpSearchPage') },
  { path: paths.helpModeration(), lazy: page(() => import('./helpspace/ModerationPage'), 'ModerationPage', staff(labels.help, (l) => l.moderation.title)) },
  { path: paths.agenda(), lazy: page(() => import('./events/AgendaPage'), 'AgendaPage') },
  { path: paths.myRegistrations(), lazy: page(() => import('./events/MyRegistrationsPage'), 'MyRegistrationsPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.eventCreate(), lazy: page(() => import('./events/EventFormPage'), 'EventFormPage', staff(labels.events, (l) => l.form.createTitle)) },
  { path: paths.event(':id'), lazy: page(() => import('./events/EventPage'), 'EventPage') },
  // Staff, and a cohort's own facilitators for its sessions: the event says (can.edit).
  { path: paths.eventEdit(':id'), lazy: page(() => import('./events/EventFormPage'), 'EventFormPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.eventAttendees(':id'), lazy: page(() => import('./events/AttendeesPage'), 'AttendeesPage', staff(labels.events, (l) => l.attendees.title(''))) },
  { path: paths.library(), lazy: page(() => import('./library/LibraryHomePage'), 'LibraryHomePage') },
  { path: paths.libraryResource(':id'), lazy: page(() => import('./library/ResourcePage'), 'ResourcePage') },
  { path: paths.libraryPropose(), lazy: page(() => import('./library/ProposePage'), 'ProposePage', verified(labels.library, (l) => l.propose.titleMember)) },
  { path: paths.libraryReview(), lazy: page(() => import('./library/ReviewPage'), 'ReviewPage', staff(labels.library, (l) => l.review.title)) },
  { path: paths.libraryCollection(':id'), lazy: page(() => import('./library/CollectionPage'), 'CollectionPage') },
  { path: paths.libraryEdit(':id'), lazy: page(() => import('./library/EditResourcePage'), 'EditResourcePage', staff(labels.library, (l) => l.edit.loadingTitle)) },
  { path: paths.libraryCollectionEdit(':id'), lazy: page(() => import('./library/CollectionEditPage'), 'CollectionEditPage', staff(labels.library, (l) => l.collection.editTitle)) },
  { path: paths.notifications(), lazy: page(() => import('./notifications/NotificationsPage'), 'NotificationsPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.notificationPreferences(), lazy: page(() => import('./notifications/PreferencesPage'), 'PreferencesPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.unsubscribe(), lazy: page(() => import('./notifications/UnsubscribePage'), 'UnsubscribePage') },
  { path: paths.cohorts(), lazy: page(() => import('./cohorts/CohortsPage'), 'CohortsPage') },
  { path: paths.cohortNew(), lazy: page(() => import('./cohorts/CohortFormPage'), 'CohortFormPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.cohortsReportShared(':token'), lazy: page(() => import('./cohorts/ProgrammeReportPage'), 'SharedReportPage') },
  { path: paths.cohortsReport(), lazy: page(() => import('./cohorts/ProgrammeReportPage'), 'ProgrammeReportPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.cohort(':id'), lazy: page(() => import('./cohorts/CohortPage'), 'CohortPage') },
  { path: paths.cohortEdit(':id'), lazy: page(() => import('./cohorts/CohortFormPage'), 'CohortFormPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.cohortApply(':id'), lazy: page(() => import('./cohorts/ApplyPage'), 'ApplyPage', verified(labels.cohorts, (l) => l.page.apply)) },
  { path: paths.cohortApplications(':id'), lazy: page(() => import('./cohorts/ApplicationsPage'), 'ApplicationsPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.cohortSurveyNew(':id'), lazy: page(() => import('./cohorts/SurveyBuilderPage'), 'SurveyBuilderPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.cohortSurvey(':id', ':surveyId'), lazy: page(() => import('./cohorts/SurveyPage'), 'SurveyPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.cohortSurveyEdit(':id', ':surveyId'), lazy: page(() => import('./cohorts/SurveyBuilderPage'), 'SurveyBuilderPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.cohortAnnouncementNew(':id'), lazy: page(() => import('./cohorts/AnnouncementNewPage'), 'AnnouncementNewPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.cohortCopy(':id'), lazy: page(() => import('./cohorts/CohortCopyPage'), 'CohortCopyPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.cohortAtterrissage(':id'), lazy: page(() => import('./cohorts/AtterrissagePage'), 'AtterrissagePage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.cohortLessons(':id'), lazy: page(() => import('./cohorts/LessonsPage'), 'LessonsPage') },
  { path: paths.cohortOutcome(':id'), lazy: page(() => import('./cohorts/CohortOutcomePage'), 'CohortOutcomePage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.cohortSurveyResults(':id', ':surveyId'), lazy: page(() => import('./cohorts/SurveyResultsPage'), 'SurveyResultsPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.cohortSponsors(':id'), lazy: page(() => import('./cohorts/SponsorPage'), 'SponsorPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.cohortCard(':id'), lazy: page(() => import('./cohorts/CohortCardPage'), 'CohortCardPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.cohortFollowUp(':id'), lazy: page(() => import('./cohorts/CohortDashboardPage'), 'CohortDashboardPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.codevCohort(':id'), lazy: page(() => import('./codev/CohortCodevPage'), 'CohortCodevPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.codevSession(':id'), lazy: page(() => import('./codev/SessionPage'), 'SessionPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.codevScreen(':id'), lazy: page(() => import('./codev/ScreenPage'), 'ScreenPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.codevSummary(':id'), lazy: page(() => import('./codev/SummaryPage'), 'SummaryPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.themes(), lazy: page(() => import('./themes/ThemesPage'), 'ThemesPage') },
  { path: paths.theme(':theme'), lazy: page(() => import('./themes/ThemePage'), 'ThemePage') },
  { path: paths.observatory(), lazy: page(() => import('./observatory/ObservatoryPage'), 'ObservatoryPage') },
  { path: paths.decpUpload(), lazy: page(() => import('./observatory/DecpUploadPage'), 'DecpUploadPage', staff(labels.observatory, (l) => l.upload.title)) },
  { path: paths.actors(), lazy: page(() => import('./actors/ActorsPage'), 'ActorsPage') },
  { path: paths.newActor(), lazy: page(() => import('./actors/NewActorPage'), 'NewActorPage', staff(labels.actors, (l) => l.form.createTitle)) },
  { path: paths.actor(':id'), lazy: page(() => import('./actors/ActorPage'), 'ActorPage') },
  { path: paths.courses(), lazy: page(() => import('./learning/CoursesPage'), 'CoursesPage') },
  { path: paths.courseNew(), lazy: page(() => import('./learning/CourseNewPage'), 'CourseNewPage', staff(labels.learning, (l) => l.editor.newTitle)) },
  { path: paths.course(':slug'), lazy: page(() => import('./learning/CoursePage'), 'CoursePage') },
  { path: paths.lesson(':slug', ':lessonId'), lazy: page(() => import('./learning/LessonPage'), 'LessonPage') },
  { path: paths.courseEdit(':slug'), lazy: page(() => import('./learning/CourseEditPage'), 'CourseEditPage', staff(labels.learning, (l) => l.editor.newTitle)) },
  { path: paths.courseHistory(':slug'), lazy: page(() => import('./learning/CourseHistoryPage'), 'CourseHistoryPage', staff(labels.learning, (l) => l.course.history)) },
  { path: paths.courseProgress(':slug'), lazy: page(() => import('./learning/CourseProgressPage'), 'CourseProgressPage', staff(labels.learning, (l) => l.course.followUp)) },
  { path: paths.myCourses(), lazy: page(() => import('./learning/MyCoursesPage'), 'MyCoursesPage') },
  { path: paths.attestation(':code'), lazy: page(() => import('./learning/AttestationPage'), 'AttestationPage') },
  { path: paths.accessibility(), lazy: page(() => import('./legal/LegalPages'), 'AccessibilityPage') },
  { path: paths.legal(), lazy: page(() => import('./legal/LegalPages'), 'LegalNoticePage') },
  { path: paths.privacy(), lazy: page(() => import('./legal/LegalPages'), 'PrivacyPage') },
  { path: paths.terms(), lazy: page(() => import('./legal/LegalPages'), 'TermsPage') },
  { path: paths.sitemap(), lazy: page(() => import('./legal/LegalPages'), 'SitemapPage') },
  { path: '*', element: <NotFoundPage /> },
];

/**
 * The whole route tree, without a router: the browser's router is made of it (router.ts), and the
 * server renders the public pages over the very same tree (platform/app-ssr.tsx, ADR 0037).
 */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RootErrorPage />,
    // Shown while the first page's chunk arrives, before the layout can render.
    hydrateFallbackElement: <p role="status" className="fr-container fr-mt-4w">{platformLabels.loading}</p>,
    children: [{ errorElement: <ErrorPage />, children: pages }],
  },
];

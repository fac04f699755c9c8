import type { ComponentType, ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { accountsLabels } from './accounts/labels';
import { adminLabels } from './admin/labels';
import { cohortLabels } from './cohorts/labels';
import { helpLabels } from './helpspace/labels';
import { eventLabels } from './events/labels';
import { HomePage } from './home/HomePage';
import { libraryLabels } from './library/labels';
import { ErrorPage, NotFoundPage, RootErrorPage } from './layout/ErrorPages';
import { RequireAccount, RequireStaff, RequireVerified } from './layout/guards';
import { Layout } from './layout/Layout';
import { observatoryLabels } from './observatory/labels';
import { paths } from './paths';
import { platformLabels } from './platform/labels';

/**
 * A page loaded when first visited (React Router's `lazy`): each page is a chunk of its own, so the
 * home page downloads the layout and itself only (docs/performance.md, web). `wrap` puts the page
 * inside its guard (RequireAccount…), which is in the main chunk.
 */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string, wrap?: (p: ReactNode) => ReactNode): () => Promise<Pick<RouteObject, 'element'>> {
  return async () => {
    const Component = (await load())[name] as ComponentType;
    return { element: wrap ? wrap(<Component />) : <Component /> };
  };
}

// Every path comes from paths.ts, whose `pagePatterns` the server uses to answer unknown ones with 404.
const pages: RouteObject[] = [
  { index: true, element: <HomePage /> },
  { path: paths.signUp(), lazy: page(() => import('./accounts/AuthPages'), 'SignUpPage') },
  { path: paths.logIn(), lazy: page(() => import('./accounts/AuthPages'), 'LogInPage') },
  { path: paths.verifyEmail(), lazy: page(() => import('./accounts/AuthPages'), 'VerifyEmailPage') },
  { path: paths.forgotPassword(), lazy: page(() => import('./accounts/AuthPages'), 'ForgotPasswordPage') },
  { path: paths.resetPassword(), lazy: page(() => import('./accounts/AuthPages'), 'ResetPasswordPage') },
  { path: paths.profile(), lazy: page(() => import('./accounts/ProfilePage'), 'ProfilePage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.myOrganisation(), lazy: page(() => import('./organisations/MyOrganisationPage'), 'MyOrganisationPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.organisations(), lazy: page(() => import('./organisations/SearchPage'), 'SearchPage') },
  { path: paths.organisation(':id'), lazy: page(() => import('./organisations/OrganisationPage'), 'OrganisationPage') },
  { path: paths.directory(), lazy: page(() => import('./accounts/DirectoryPage'), 'DirectoryPage', (p) => <RequireVerified title={accountsLabels.directory.title}>{p}</RequireVerified>) },
  { path: paths.admin(), lazy: page(() => import('./admin/AdminHomePage'), 'AdminHomePage', (p) => <RequireStaff title={adminLabels.home.title}>{p}</RequireStaff>) },
  { path: paths.adminUsers(), lazy: page(() => import('./admin/AdminUsersPage'), 'AdminUsersPage', (p) => <RequireStaff adminOnly title={adminLabels.users.title}>{p}</RequireStaff>) },
  { path: paths.adminOrganisations(), lazy: page(() => import('./admin/AdminOrganisationsPage'), 'AdminOrganisationsPage', (p) => <RequireStaff adminOnly title={adminLabels.organisations.title}>{p}</RequireStaff>) },
  { path: paths.adminMembershipRequests(), lazy: page(() => import('./admin/MembershipRequestsPage'), 'MembershipRequestsPage', (p) => <RequireStaff title={adminLabels.requests.title}>{p}</RequireStaff>) },
  { path: paths.contact(), lazy: page(() => import('./contact/ContactPage'), 'ContactPage') },
  { path: paths.adminJobs(), lazy: page(() => import('./admin/AdminJobsPage'), 'AdminJobsPage', (p) => <RequireStaff adminOnly title={adminLabels.jobs.title}>{p}</RequireStaff>) },
  { path: paths.spasers(), lazy: page(() => import('./spaser/MySpasersPage'), 'MySpasersPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.spaser(':id'), lazy: page(() => import('./spaser/SpaserPage'), 'SpaserPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.helpHome(), lazy: page(() => import('./helpspace/HelpHomePage'), 'HelpHomePage') },
  { path: paths.helpSpace(':id'), lazy: page(() => import('./helpspace/SpacePage'), 'SpacePage') },
  { path: paths.helpQuestion(':id'), lazy: page(() => import('./helpspace/QuestionPage'), 'QuestionPage') },
  { path: paths.helpAsk(), lazy: page(() => import('./helpspace/AskPage'), 'AskPage', (p) => <RequireVerified title={helpLabels.ask.title}>{p}</RequireVerified>) },
  { path: paths.helpSearch(), lazy: page(() => import('./helpspace/HelpSearchPage'), 'HelpSearchPage') },
  { path: paths.helpModeration(), lazy: page(() => import('./helpspace/ModerationPage'), 'ModerationPage', (p) => <RequireStaff title={helpLabels.moderation.title}>{p}</RequireStaff>) },
  { path: paths.agenda(), lazy: page(() => import('./events/AgendaPage'), 'AgendaPage') },
  { path: paths.myRegistrations(), lazy: page(() => import('./events/MyRegistrationsPage'), 'MyRegistrationsPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.eventCreate(), lazy: page(() => import('./events/EventFormPage'), 'EventFormPage', (p) => <RequireStaff title={eventLabels.form.createTitle}>{p}</RequireStaff>) },
  { path: paths.event(':id'), lazy: page(() => import('./events/EventPage'), 'EventPage') },
  // Staff, and a cohort's own facilitators for its sessions: the event says (can.edit).
  { path: paths.eventEdit(':id'), lazy: page(() => import('./events/EventFormPage'), 'EventFormPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.eventAttendees(':id'), lazy: page(() => import('./events/AttendeesPage'), 'AttendeesPage', (p) => <RequireStaff title={eventLabels.attendees.title('')}>{p}</RequireStaff>) },
  { path: paths.library(), lazy: page(() => import('./library/LibraryHomePage'), 'LibraryHomePage') },
  { path: paths.libraryResource(':id'), lazy: page(() => import('./library/ResourcePage'), 'ResourcePage') },
  { path: paths.libraryPropose(), lazy: page(() => import('./library/ProposePage'), 'ProposePage', (p) => <RequireVerified title={libraryLabels.propose.titleMember}>{p}</RequireVerified>) },
  { path: paths.libraryReview(), lazy: page(() => import('./library/ReviewPage'), 'ReviewPage', (p) => <RequireStaff title={libraryLabels.review.title}>{p}</RequireStaff>) },
  { path: paths.libraryCollection(':id'), lazy: page(() => import('./library/CollectionPage'), 'CollectionPage') },
  { path: paths.libraryEdit(':id'), lazy: page(() => import('./library/EditResourcePage'), 'EditResourcePage', (p) => <RequireStaff title={libraryLabels.edit.loadingTitle}>{p}</RequireStaff>) },
  { path: paths.libraryCollectionEdit(':id'), lazy: page(() => import('./library/CollectionEditPage'), 'CollectionEditPage', (p) => <RequireStaff title={libraryLabels.collection.editTitle}>{p}</RequireStaff>) },
  { path: paths.notifications(), lazy: page(() => import('./notifications/NotificationsPage'), 'NotificationsPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.notificationPreferences(), lazy: page(() => import('./notifications/PreferencesPage'), 'PreferencesPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.unsubscribe(), lazy: page(() => import('./notifications/UnsubscribePage'), 'UnsubscribePage') },
  { path: paths.cohorts(), lazy: page(() => import('./cohorts/CohortsPage'), 'CohortsPage') },
  { path: paths.cohortNew(), lazy: page(() => import('./cohorts/CohortFormPage'), 'CohortFormPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.cohort(':id'), lazy: page(() => import('./cohorts/CohortPage'), 'CohortPage') },
  { path: paths.cohortEdit(':id'), lazy: page(() => import('./cohorts/CohortFormPage'), 'CohortFormPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.cohortApply(':id'), lazy: page(() => import('./cohorts/ApplyPage'), 'ApplyPage', (p) => <RequireVerified title={cohortLabels.page.apply}>{p}</RequireVerified>) },
  { path: paths.cohortApplications(':id'), lazy: page(() => import('./cohorts/ApplicationsPage'), 'ApplicationsPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.cohortSurveyNew(':id'), lazy: page(() => import('./cohorts/SurveyBuilderPage'), 'SurveyBuilderPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.cohortSurvey(':id', ':surveyId'), lazy: page(() => import('./cohorts/SurveyPage'), 'SurveyPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.cohortSurveyEdit(':id', ':surveyId'), lazy: page(() => import('./cohorts/SurveyBuilderPage'), 'SurveyBuilderPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.cohortSurveyResults(':id', ':surveyId'), lazy: page(() => import('./cohorts/SurveyResultsPage'), 'SurveyResultsPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.codevCohort(':id'), lazy: page(() => import('./codev/CohortCodevPage'), 'CohortCodevPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.codevSession(':id'), lazy: page(() => import('./codev/SessionPage'), 'SessionPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.codevScreen(':id'), lazy: page(() => import('./codev/ScreenPage'), 'ScreenPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.codevSummary(':id'), lazy: page(() => import('./codev/SummaryPage'), 'SummaryPage', (p) => <RequireAccount>{p}</RequireAccount>) },
  { path: paths.observatory(), lazy: page(() => import('./observatory/ObservatoryPage'), 'ObservatoryPage') },
  { path: paths.decpUpload(), lazy: page(() => import('./observatory/DecpUploadPage'), 'DecpUploadPage', (p) => <RequireStaff title={observatoryLabels.upload.title}>{p}</RequireStaff>) },
  { path: paths.accessibility(), lazy: page(() => import('./legal/LegalPages'), 'AccessibilityPage') },
  { path: paths.legal(), lazy: page(() => import('./legal/LegalPages'), 'LegalNoticePage') },
  { path: paths.privacy(), lazy: page(() => import('./legal/LegalPages'), 'PrivacyPage') },
  { path: paths.terms(), lazy: page(() => import('./legal/LegalPages'), 'TermsPage') },
  { path: paths.sitemap(), lazy: page(() => import('./legal/LegalPages'), 'SitemapPage') },
  { path: '*', element: <NotFoundPage /> },
];

export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RootErrorPage />,
    // Shown while the first page's chunk arrives, before the layout can render.
    hydrateFallbackElement: <p role="status" className="fr-container fr-mt-4w">{platformLabels.loading}</p>,
    children: [{ errorElement: <ErrorPage />, children: pages }],
  },
]);

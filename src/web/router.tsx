import { lazy, Suspense } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { DirectoryPage } from './accounts/DirectoryPage';
import { ForgotPasswordPage, LogInPage, ResetPasswordPage, SignUpPage, VerifyEmailPage } from './accounts/AuthPages';
import { ProfilePage } from './accounts/ProfilePage';
import { accountsLabels } from './accounts/labels';
import { AdminHomePage } from './admin/AdminHomePage';
import { AdminOrganisationsPage } from './admin/AdminOrganisationsPage';
import { AdminUsersPage } from './admin/AdminUsersPage';
import { adminLabels } from './admin/labels';
import { ApplicationsPage } from './cohorts/ApplicationsPage';
import { ApplyPage } from './cohorts/ApplyPage';
import { CohortFormPage } from './cohorts/CohortFormPage';
import { CohortPage } from './cohorts/CohortPage';
import { CohortsPage } from './cohorts/CohortsPage';
import { cohortLabels } from './cohorts/labels';
import { SurveyBuilderPage } from './cohorts/SurveyBuilderPage';
import { SurveyPage } from './cohorts/SurveyPage';
import { SurveyResultsPage } from './cohorts/SurveyResultsPage';
import { AskPage } from './helpspace/AskPage';
import { HelpHomePage } from './helpspace/HelpHomePage';
import { HelpSearchPage } from './helpspace/HelpSearchPage';
import { helpLabels } from './helpspace/labels';
import { ModerationPage } from './helpspace/ModerationPage';
import { QuestionPage } from './helpspace/QuestionPage';
import { SpacePage } from './helpspace/SpacePage';
import { AgendaPage } from './events/AgendaPage';
import { AttendeesPage } from './events/AttendeesPage';
import { EventFormPage } from './events/EventFormPage';
import { EventPage } from './events/EventPage';
import { eventLabels } from './events/labels';
import { MyRegistrationsPage } from './events/MyRegistrationsPage';
import { CohortCodevPage } from './codev/CohortCodevPage';
import { ScreenPage } from './codev/ScreenPage';
import { SessionPage } from './codev/SessionPage';
import { SummaryPage } from './codev/SummaryPage';
import { HomePage } from './home/HomePage';
import { CollectionEditPage } from './library/CollectionEditPage';
import { CollectionPage } from './library/CollectionPage';
import { EditResourcePage } from './library/EditResourcePage';
import { libraryLabels } from './library/labels';
import { LibraryHomePage } from './library/LibraryHomePage';
import { ProposePage } from './library/ProposePage';
import { ResourcePage } from './library/ResourcePage';
import { ReviewPage } from './library/ReviewPage';
import { ErrorPage, NotFoundPage, RootErrorPage } from './layout/ErrorPages';
import { RequireAccount, RequireStaff, RequireVerified } from './layout/guards';
import { Layout } from './layout/Layout';
import { PageLoading } from './layout/Page';
import { AccessibilityPage, LegalNoticePage, PrivacyPage, SitemapPage, TermsPage } from './legal/LegalPages';
import { MyOrganisationPage } from './organisations/MyOrganisationPage';
import { OrganisationPage } from './organisations/OrganisationPage';
import { observatoryLabels } from './observatory/labels';
import { NotificationsPage } from './notifications/NotificationsPage';
import { PreferencesPage } from './notifications/PreferencesPage';
import { UnsubscribePage } from './notifications/UnsubscribePage';
import { SearchPage } from './organisations/SearchPage';
import { paths } from './paths';

// The observatory and its France map are the heaviest pages: loaded when first visited, not with the app.
const ObservatoryPage = lazy(() => import('./observatory/ObservatoryPage').then((m) => ({ default: m.ObservatoryPage })));
const DecpUploadPage = lazy(() => import('./observatory/DecpUploadPage').then((m) => ({ default: m.DecpUploadPage })));

// Every path comes from paths.ts, whose `pagePatterns` the server uses to answer unknown ones with 404.
const pages: RouteObject[] = [
  { index: true, element: <HomePage /> },
  { path: paths.signUp(), element: <SignUpPage /> },
  { path: paths.logIn(), element: <LogInPage /> },
  { path: paths.verifyEmail(), element: <VerifyEmailPage /> },
  { path: paths.forgotPassword(), element: <ForgotPasswordPage /> },
  { path: paths.resetPassword(), element: <ResetPasswordPage /> },
  { path: paths.profile(), element: <RequireAccount><ProfilePage /></RequireAccount> },
  { path: paths.myOrganisation(), element: <RequireAccount><MyOrganisationPage /></RequireAccount> },
  { path: paths.organisations(), element: <SearchPage /> },
  { path: paths.organisation(':id'), element: <OrganisationPage /> },
  { path: paths.directory(), element: <RequireVerified title={accountsLabels.directory.title}><DirectoryPage /></RequireVerified> },
  { path: paths.admin(), element: <RequireStaff title={adminLabels.home.title}><AdminHomePage /></RequireStaff> },
  { path: paths.adminUsers(), element: <RequireStaff adminOnly title={adminLabels.users.title}><AdminUsersPage /></RequireStaff> },
  { path: paths.adminOrganisations(), element: <RequireStaff adminOnly title={adminLabels.organisations.title}><AdminOrganisationsPage /></RequireStaff> },
  { path: paths.helpHome(), element: <HelpHomePage /> },
  { path: paths.helpSpace(':id'), element: <SpacePage /> },
  { path: paths.helpQuestion(':id'), element: <QuestionPage /> },
  { path: paths.helpAsk(), element: <RequireVerified title={helpLabels.ask.title}><AskPage /></RequireVerified> },
  { path: paths.helpSearch(), element: <HelpSearchPage /> },
  { path: paths.helpModeration(), element: <RequireStaff title={helpLabels.moderation.title}><ModerationPage /></RequireStaff> },
  { path: paths.agenda(), element: <AgendaPage /> },
  { path: paths.myRegistrations(), element: <RequireAccount><MyRegistrationsPage /></RequireAccount> },
  { path: paths.eventCreate(), element: <RequireStaff title={eventLabels.form.createTitle}><EventFormPage /></RequireStaff> },
  { path: paths.event(':id'), element: <EventPage /> },
  // Staff, and a cohort's own facilitators for its sessions: the event says (can.edit).
  { path: paths.eventEdit(':id'), element: <RequireAccount><EventFormPage /></RequireAccount> },
  { path: paths.eventAttendees(':id'), element: <RequireStaff title={eventLabels.attendees.title('')}><AttendeesPage /></RequireStaff> },
  { path: paths.library(), element: <LibraryHomePage /> },
  { path: paths.libraryResource(':id'), element: <ResourcePage /> },
  { path: paths.libraryPropose(), element: <RequireVerified title={libraryLabels.propose.titleMember}><ProposePage /></RequireVerified> },
  { path: paths.libraryReview(), element: <RequireStaff title={libraryLabels.review.title}><ReviewPage /></RequireStaff> },
  { path: paths.libraryCollection(':id'), element: <CollectionPage /> },
  { path: paths.libraryEdit(':id'), element: <RequireStaff title={libraryLabels.edit.loadingTitle}><EditResourcePage /></RequireStaff> },
  { path: paths.libraryCollectionEdit(':id'), element: <RequireStaff title={libraryLabels.collection.editTitle}><CollectionEditPage /></RequireStaff> },
  { path: paths.notifications(), element: <RequireAccount><NotificationsPage /></RequireAccount> },
  { path: paths.notificationPreferences(), element: <RequireAccount><PreferencesPage /></RequireAccount> },
  { path: paths.unsubscribe(), element: <UnsubscribePage /> },
  { path: paths.cohorts(), element: <CohortsPage /> },
  { path: paths.cohortNew(), element: <RequireAccount><CohortFormPage /></RequireAccount> },
  { path: paths.cohort(':id'), element: <CohortPage /> },
  { path: paths.cohortEdit(':id'), element: <RequireAccount><CohortFormPage /></RequireAccount> },
  { path: paths.cohortApply(':id'), element: <RequireVerified title={cohortLabels.page.apply}><ApplyPage /></RequireVerified> },
  { path: paths.cohortApplications(':id'), element: <RequireAccount><ApplicationsPage /></RequireAccount> },
  { path: paths.cohortSurveyNew(':id'), element: <RequireAccount><SurveyBuilderPage /></RequireAccount> },
  { path: paths.cohortSurvey(':id', ':surveyId'), element: <RequireAccount><SurveyPage /></RequireAccount> },
  { path: paths.cohortSurveyEdit(':id', ':surveyId'), element: <RequireAccount><SurveyBuilderPage /></RequireAccount> },
  { path: paths.cohortSurveyResults(':id', ':surveyId'), element: <RequireAccount><SurveyResultsPage /></RequireAccount> },
  { path: paths.codevCohort(':id'), element: <RequireAccount><CohortCodevPage /></RequireAccount> },
  { path: paths.codevSession(':id'), element: <RequireAccount><SessionPage /></RequireAccount> },
  { path: paths.codevScreen(':id'), element: <RequireAccount><ScreenPage /></RequireAccount> },
  { path: paths.codevSummary(':id'), element: <RequireAccount><SummaryPage /></RequireAccount> },
  { path: paths.observatory(), element: <Suspense fallback={<PageLoading title={observatoryLabels.page.title} />}><ObservatoryPage /></Suspense> },
  {
    path: paths.decpUpload(),
    element: (
      <RequireStaff title={observatoryLabels.upload.title}>
        <Suspense fallback={<PageLoading title={observatoryLabels.upload.title} />}>
          <DecpUploadPage />
        </Suspense>
      </RequireStaff>
    ),
  },
  { path: paths.accessibility(), element: <AccessibilityPage /> },
  { path: paths.legal(), element: <LegalNoticePage /> },
  { path: paths.privacy(), element: <PrivacyPage /> },
  { path: paths.terms(), element: <TermsPage /> },
  { path: paths.sitemap(), element: <SitemapPage /> },
  { path: '*', element: <NotFoundPage /> },
];

export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RootErrorPage />,
    children: [{ errorElement: <ErrorPage />, children: pages }],
  },
]);

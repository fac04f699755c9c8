import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { present } from '../platform/http.js';
import type { App } from '../platform/types.js';
import * as c from './cohorts.contract.js';
import * as applications from './applications/applications.service.js';
import * as service from './cohorts.service.js';
import * as schedule from './schedule/schedule.service.js';
import * as surveys from './surveys/surveys.service.js';
import { eventBody } from '../events/events.contract.js';
import { sponsorSuggestions } from '../peers/peers.contract.js';
import './cohorts.personal-data.js';
import { participantsRoutes } from './programme/participants.routes.js';
import { outcomesRoutes } from './programme/outcomes.routes.js';
import { retrospectiveRoutes } from './programme/retrospective.routes.js';
import { announcementsRoutes } from './programme/announcements.routes.js';
import { editionsRoutes } from './programme/editions.routes.js';
import { sponsorsRoutes } from './programme/sponsors.routes.js';

const tags = ['Promotions'];

/**
 * The cohorts API. The list and the public part of a cohort are public; the members' part is for
 * its members and staff; managing is for staff and the cohort's facilitators (cohorts.policy.ts).
 */
export function cohortsRoutes(app: App, deps: Deps) {
  applicationsRoutes(app, deps);
  scheduleRoutes(app, deps);
  surveysRoutes(app, deps);
  participantsRoutes(app, deps);
  outcomesRoutes(app, deps);
  retrospectiveRoutes(app, deps);
  announcementsRoutes(app, deps);
  editionsRoutes(app, deps);
  sponsorsRoutes(app, deps);
  const user = (req: { auth: { user: AuthUser | null } }) => req.auth.user;

  app.get('/api/cohorts', {
    config: { access: 'public' },
    schema: { tags, summary: 'Les promotions (ouvertes aux candidatures, en cours, terminées)', response: { 200: c.cohortsResponse } },
  }, async (req) => service.listCohorts(deps, user(req)));

  app.post('/api/cohorts', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Créer une promotion (et son espace privé)', body: c.createCohortBody, response: { 201: c.createdResponse } },
  }, async (req, reply) => present(reply, await service.createCohort(deps, user(req)!, req.body), 201));

  app.get('/api/cohorts/:cohortId', {
    config: { access: 'public' },
    schema: { tags, summary: 'Une promotion : partie publique, et partie des membres pour eux', params: c.cohortIdParams, response: { 200: c.cohortDetail } },
  }, async (req, reply) => present(reply, await service.getCohort(deps, user(req), req.params.cohortId)));

  app.patch('/api/cohorts/:cohortId', {
    config: { access: 'account' },
    schema: { tags, summary: 'Modifier une promotion ou son statut (animation)', params: c.cohortIdParams, body: c.updateCohortBody, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await service.updateCohort(deps, user(req)!, req.params.cohortId, req.body)));

  app.get('/api/cohorts/:cohortId/sponsor-suggestions', {
    config: { access: 'account' },
    schema: {
      tags,
      summary: 'Parrains et marraines à proposer, classés et expliqués pour les organisations de la promotion (animation)',
      params: c.cohortIdParams,
      response: { 200: sponsorSuggestions },
    },
  }, async (req, reply) => present(reply, await service.sponsorSuggestions(deps, user(req)!, req.params.cohortId)));

  app.put('/api/cohorts/:cohortId/members/:userId', {
    config: { access: 'account' },
    schema: { tags, summary: 'Donner un rôle dans la promotion (animation)', params: c.cohortMemberParams, body: c.setMemberBody, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await service.setMember(deps, user(req)!, req.params.cohortId, req.params.userId, req.body)));

  app.delete('/api/cohorts/:cohortId/members/:userId', {
    config: { access: 'account' },
    schema: { tags, summary: 'Retirer quelqu’un de la promotion et de son espace privé (animation)', params: c.cohortMemberParams, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await service.removeMember(deps, user(req)!, req.params.cohortId, req.params.userId)));
}

export function applicationsRoutes(app: App, deps: Deps) {
  const user = (req: { auth: { user: AuthUser | null } }) => req.auth.user;

  app.post('/api/cohorts/:cohortId/applications', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Candidater à une promotion', params: c.cohortIdParams, body: c.applyBody, response: { 201: c.createdResponse } },
  }, async (req, reply) => present(reply, await applications.apply(deps, user(req)!, req.params.cohortId, req.body), 201));

  app.get('/api/cohorts/:cohortId/applications', {
    config: { access: 'account' },
    schema: { tags, summary: 'Les candidatures à examiner (animation)', params: c.cohortIdParams, response: { 200: c.applicationsResponse } },
  }, async (req, reply) => present(reply, await applications.listApplications(deps, user(req)!, req.params.cohortId)));

  app.post('/api/cohorts/applications/:applicationId/decision', {
    config: { access: 'account' },
    schema: { tags, summary: 'Accepter, refuser ou mettre en liste d’attente, avec un message envoyé par e-mail (animation)', params: c.applicationIdParams, body: c.decideBody, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await applications.decide(deps, user(req)!, req.params.applicationId, req.body)));
}

/** Registers the cohorts module's durable jobs (called by platform/jobs.register.ts registerJobs). */
export function registerCohortJobs(deps: Deps) {
  applications.registerApplicationJobs(deps);
  surveys.registerSurveyJobs(deps);
}

function scheduleRoutes(app: App, deps: Deps) {
  const user = (req: { auth: { user: AuthUser | null } }) => req.auth.user;

  app.post('/api/cohorts/:cohortId/sessions', {
    config: { access: 'account' },
    schema: { tags, summary: 'Programmer une séance (événement réservé à la promotion ; animation)', params: c.cohortIdParams, body: eventBody, response: { 201: c.createdResponse } },
  }, async (req, reply) => present(reply, await schedule.createSession(deps, user(req)!, req.params.cohortId, req.body), 201));

  app.get('/api/cohorts/:cohortId/sessions', {
    config: { access: 'account' },
    schema: { tags, summary: 'Le programme : séances à venir et passées, avec la présence (membres)', params: c.cohortIdParams, response: { 200: c.scheduleResponse } },
  }, async (req, reply) => present(reply, await schedule.schedule(deps, user(req)!, req.params.cohortId)));

  app.get('/api/cohorts/:cohortId/sessions/:eventId/attendance', {
    config: { access: 'account' },
    schema: { tags, summary: "Feuille de présence d'une séance (animation)", params: c.sessionParams, response: { 200: c.attendanceResponse } },
  }, async (req, reply) => present(reply, await schedule.attendance(deps, user(req)!, req.params.cohortId, req.params.eventId)));

  app.put('/api/cohorts/:cohortId/sessions/:eventId/attendance', {
    config: { access: 'account' },
    schema: { tags, summary: "Noter la présence à une séance (animation)", params: c.sessionParams, body: c.attendanceBody, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await schedule.markAttendance(deps, user(req)!, req.params.cohortId, req.params.eventId, req.body.entries)));

  app.post('/api/cohorts/:cohortId/calendar-url', {
    config: { access: 'account' },
    schema: { tags, summary: 'Nouvelle adresse secrète du calendrier de la promotion (l’ancienne cesse de fonctionner)', params: c.cohortIdParams, response: { 200: c.calendarUrlResponse } },
  }, async (req, reply) => present(reply, await schedule.regenerateCalendarUrl(deps, user(req)!, req.params.cohortId)));

  app.get('/api/cohorts/:cohortId/calendar/:token.ics', {
    config: { access: 'public' },
    schema: { tags, summary: 'Calendrier iCalendar de la promotion (adresse secrète de chaque membre)', params: c.feedParams },
  }, async (req, reply) => {
    const result = await schedule.cohortFeed(deps, req.params.cohortId, req.params.token);
    if (!result.ok) return present(reply, result);
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'inline; filename="entraide-promotion.ics"')
      .header('cache-control', 'private, no-store')
      .send(result.value.ics);
  });
}

function surveysRoutes(app: App, deps: Deps) {
  const user = (req: { auth: { user: AuthUser | null } }) => req.auth.user;
  const stags = ['Promotions — évaluations'];

  app.post('/api/cohorts/:cohortId/surveys', {
    config: { access: 'account' },
    schema: { tags: stags, summary: 'Créer le questionnaire de début ou de fin (animation)', params: c.cohortIdParams, body: c.surveyBody, response: { 201: c.createdResponse } },
  }, async (req, reply) => present(reply, await surveys.createSurvey(deps, user(req)!, req.params.cohortId, req.body), 201));

  app.get('/api/cohorts/:cohortId/surveys', {
    config: { access: 'account' },
    schema: { tags: stags, summary: 'Les questionnaires de la promotion (membres)', params: c.cohortIdParams, response: { 200: c.surveysResponse } },
  }, async (req, reply) => present(reply, await surveys.listSurveys(deps, user(req)!, req.params.cohortId)));

  app.get('/api/cohorts/surveys/:surveyId', {
    config: { access: 'account' },
    schema: { tags: stags, summary: 'Un questionnaire, avec ma réponse (membres)', params: c.surveyIdParams, response: { 200: c.surveyDetail } },
  }, async (req, reply) => present(reply, await surveys.getSurvey(deps, user(req)!, req.params.surveyId)));

  app.put('/api/cohorts/surveys/:surveyId', {
    config: { access: 'account' },
    schema: { tags: stags, summary: 'Modifier un questionnaire sans réponse (animation)', params: c.surveyIdParams, body: c.surveyBody, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await surveys.updateSurvey(deps, user(req)!, req.params.surveyId, req.body)));

  app.post('/api/cohorts/surveys/:surveyId/responses', {
    config: { access: 'account' },
    schema: { tags: stags, summary: 'Répondre (participants, une fois, pendant l’ouverture)', params: c.surveyIdParams, body: c.responseBody, response: { 201: c.okResponse } },
  }, async (req, reply) => present(reply, await surveys.submitResponse(deps, user(req)!, req.params.surveyId, req.body.answers), 201));

  app.get('/api/cohorts/surveys/:surveyId/results', {
    config: { access: 'account' },
    schema: { tags: stags, summary: 'Résultats par question, avant/après, taux de réponse, chiffres clés (animation)', params: c.surveyIdParams, response: { 200: c.resultsResponse } },
  }, async (req, reply) => present(reply, await surveys.results(deps, user(req)!, req.params.surveyId)));

  app.get('/api/cohorts/surveys/:surveyId/responses', {
    config: { access: 'account' },
    schema: { tags: stags, summary: 'Les réponses individuelles (animation seulement)', params: c.surveyIdParams, response: { 200: c.individualResponses } },
  }, async (req, reply) => present(reply, await surveys.individualResponses(deps, user(req)!, req.params.surveyId)));

  app.get('/api/cohorts/surveys/:surveyId/export.csv', {
    config: { access: 'account' },
    schema: { tags: stags, summary: 'Export CSV des réponses (UTF-8, point-virgule ; animation)', params: c.surveyIdParams },
  }, async (req, reply) => {
    const result = await surveys.exportCsv(deps, user(req)!, req.params.surveyId);
    if (!result.ok) return present(reply, result);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${result.value.filename}"`)
      .header('cache-control', 'private, no-store')
      .send(result.value.csv);
  });

  app.get('/api/cohorts/:cohortId/headlines', {
    config: { access: 'account' },
    schema: { tags: stags, summary: 'Les deux chiffres clés et les questions qui les donnent (animation)', params: c.cohortIdParams, response: { 200: c.headlinesResponse } },
  }, async (req, reply) => present(reply, await surveys.headlines(deps, user(req)!, req.params.cohortId)));

  app.put('/api/cohorts/:cohortId/headlines/:headline', {
    config: { access: 'account' },
    schema: { tags: stags, summary: 'Relier un chiffre clé à une question et aux réponses qui comptent comme « oui » (animation)', params: c.headlineParams, body: c.headlineBody, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await surveys.setHeadline(deps, user(req)!, req.params.cohortId, req.params.headline, req.body)));

  app.delete('/api/cohorts/:cohortId/headlines/:headline', {
    config: { access: 'account' },
    schema: { tags: stags, summary: 'Délier un chiffre clé (animation)', params: c.headlineParams, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await surveys.clearHeadline(deps, user(req)!, req.params.cohortId, req.params.headline)));
}

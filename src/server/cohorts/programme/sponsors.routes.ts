import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { present } from '../../platform/http.js';
import type { App } from '../../platform/types.js';
import { cohortIdParams, okResponse } from '../cohorts.contract.js';
import * as c from './sponsors.contract.js';
import * as service from './sponsors.service.js';

const tags = ['Promotions — parrainage'];

/**
 * The sponsor page of a cohort (issue 23, item 3). Every route needs an account; the service checks
 * the cohort's roles (sponsors.service.ts sponsorPagePolicy): members and staff read; sponsors edit
 * their own profile; sponsors and facilitators open slots and answer; participants book and ask.
 */
export function sponsorsRoutes(app: App, deps: Deps) {
  const user = (req: { auth: { user: AuthUser | null } }) => req.auth.user!;

  app.get('/api/cohorts/:cohortId/sponsors', {
    config: { access: 'account' },
    schema: { tags, summary: 'La page du parrainage : parrains et marraines, permanences, questions et réponses (membres)', params: cohortIdParams, response: { 200: c.sponsorPageResponse } },
  }, async (req, reply) => present(reply, await service.sponsorPage(deps, user(req), req.params.cohortId)));

  app.put('/api/cohorts/:cohortId/sponsors/me', {
    config: { access: 'account' },
    schema: { tags, summary: '« Notre SPASER » et « Ce que je vous propose » (le parrain ou la marraine, sa propre présentation)', params: cohortIdParams, body: c.sponsorProfileBody, response: { 200: okResponse } },
  }, async (req, reply) => present(reply, await service.saveMyProfile(deps, user(req), req.params.cohortId, req.body)));

  app.post('/api/cohorts/:cohortId/office-hours', {
    config: { access: 'account' },
    schema: { tags, summary: 'Proposer une permanence (parrain ou marraine ; animation pour l’un d’eux)', params: cohortIdParams, body: c.officeHourBody, response: { 201: c.createdIdResponse } },
  }, async (req, reply) => present(reply, await service.createOfficeHour(deps, user(req), req.params.cohortId, req.body), 201));

  app.post('/api/cohorts/:cohortId/office-hours/:eventId/booking', {
    config: { access: 'account' },
    schema: { tags, summary: 'Réserver une permanence (participants ; complète : liste d’attente)', params: c.slotParams, response: { 200: c.bookingResponse } },
  }, async (req, reply) => present(reply, await service.bookOfficeHour(deps, user(req), req.params.cohortId, req.params.eventId)));

  app.delete('/api/cohorts/:cohortId/office-hours/:eventId/booking', {
    config: { access: 'account' },
    schema: { tags, summary: 'Annuler sa réservation d’une permanence', params: c.slotParams },
  }, async (req, reply) => present(reply, await service.cancelBooking(deps, user(req), req.params.cohortId, req.params.eventId)));

  app.post('/api/cohorts/:cohortId/sponsor-questions', {
    config: { access: 'account' },
    schema: { tags, summary: 'Poser une question aux parrains et marraines (participants)', params: cohortIdParams, body: c.sponsorQuestionBody, response: { 201: c.createdIdResponse } },
  }, async (req, reply) => present(reply, await service.askQuestion(deps, user(req), req.params.cohortId, req.body), 201));

  app.put('/api/cohorts/:cohortId/sponsor-questions/:questionId/answer', {
    config: { access: 'account' },
    schema: { tags, summary: 'Répondre à une question (parrains, marraines et animation)', params: c.questionParams, body: c.sponsorAnswerBody, response: { 200: okResponse } },
  }, async (req, reply) => present(reply, await service.answerQuestion(deps, user(req), req.params.cohortId, req.params.questionId, req.body.answer)));
}

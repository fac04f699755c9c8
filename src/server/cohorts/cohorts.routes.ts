import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { present } from '../platform/http.js';
import type { App } from '../platform/types.js';
import * as c from './cohorts.contract.js';
import * as applications from './applications/applications.service.js';
import * as service from './cohorts.service.js';

const tags = ['Promotions'];

/**
 * The cohorts API. The list and the public part of a cohort are public; the members' part is for
 * its members and staff; managing is for staff and the cohort's facilitators (cohorts.policy.ts).
 */
export function cohortsRoutes(app: App, deps: Deps) {
  applicationsRoutes(app, deps);
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

/** Registers the cohorts module's durable jobs (called by platform/runtime.ts registerJobs). */
export function registerCohortJobs(deps: Deps) {
  applications.registerApplicationJobs(deps);
}

import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { present } from '../../platform/http.js';
import type { App } from '../../platform/types.js';
import { cohortIdParams, okResponse } from '../cohorts.contract.js';
import { atterrissageResponse, lessonsBody, lessonsPageResponse, publishedResponse, retrospectiveBody } from './retrospective.contract.js';
import './retrospective.messages.js';
import './retrospective.personal-data.js';
import * as retro from './retrospective.service.js';

const tags = ['Promotions'];

/**
 * The atterrissage: members of the cohort read and write (retrospective.service.ts decides who does
 * what); the lessons page is public once published.
 */
export function retrospectiveRoutes(app: App, deps: Deps) {
  const user = (req: { auth: { user: AuthUser | null } }) => req.auth.user;

  app.get('/api/cohorts/:cohortId/atterrissage', {
    config: { access: 'account' },
    schema: { tags, summary: "Atterrissage : mon retour d'expérience, ceux des participants (animation) et les enseignements", params: cohortIdParams, response: { 200: atterrissageResponse } },
  }, async (req, reply) => present(reply, await retro.getAtterrissage(deps, user(req)!, req.params.cohortId)));

  app.put('/api/cohorts/:cohortId/atterrissage/retrospective', {
    config: { access: 'account' },
    schema: { tags, summary: "Écrire son retour d'expérience (participants)", params: cohortIdParams, body: retrospectiveBody, response: { 200: okResponse } },
  }, async (req, reply) => present(reply, await retro.saveRetrospective(deps, user(req)!, req.params.cohortId, req.body)));

  app.put('/api/cohorts/:cohortId/lessons', {
    config: { access: 'account' },
    schema: { tags, summary: "Enregistrer les enseignements de l'édition (animation)", params: cohortIdParams, body: lessonsBody, response: { 200: okResponse } },
  }, async (req, reply) => present(reply, await retro.saveLessons(deps, user(req)!, req.params.cohortId, req.body)));

  app.post('/api/cohorts/:cohortId/lessons/publish', {
    config: { access: 'account' },
    schema: { tags, summary: "Publier les enseignements de l'édition : page publique et ressource de la bibliothèque (animation)", params: cohortIdParams, response: { 200: publishedResponse } },
  }, async (req, reply) => present(reply, await retro.publishLessons(deps, user(req)!, req.params.cohortId)));

  app.get('/api/cohorts/:cohortId/lessons', {
    config: { access: 'public' },
    schema: { tags, summary: "Les enseignements de l'édition : synthèse publique, détails pour les membres", params: cohortIdParams, response: { 200: lessonsPageResponse } },
  }, async (req, reply) => present(reply, await retro.lessonsPage(deps, user(req), req.params.cohortId)));
}

import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { present } from '../../platform/http.js';
import type { App } from '../../platform/types.js';
import { cohortIdParams } from '../cohorts.contract.js';
import { copyCohortBody, copyCohortResponse } from './editions.contract.js';
import * as service from './copy.service.js';

const tags = ['Promotions'];

/** The next edition of a cohort: staff, who create cohorts (cohorts.policy.ts canCreateCohort). */
export function editionsRoutes(app: App, deps: Deps) {
  const user = (req: { auth: { user: AuthUser | null } }) => req.auth.user;

  app.post('/api/cohorts/:cohortId/next-edition', {
    config: { access: 'facilitator' },
    schema: {
      tags,
      summary: 'Préparer l’édition suivante : copie de la description, des séances, des questionnaires et des ressources, décalés à la nouvelle date, sans les personnes',
      params: cohortIdParams,
      body: copyCohortBody,
      response: { 201: copyCohortResponse },
    },
  }, async (req, reply) => present(reply, await service.copyCohort(deps, user(req)!, req.params.cohortId, req.body), 201));
}

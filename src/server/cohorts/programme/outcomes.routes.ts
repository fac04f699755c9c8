import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { present } from '../../platform/http.js';
import type { App } from '../../platform/types.js';
import { cohortIdParams } from '../cohorts.contract.js';
import { cohortOutcomeResponse } from './outcomes.contract.js';
import * as outcomes from './outcomes.service.js';

const tags = ['Promotions'];

/** The observed outcome of an edition: facilitators and staff in full, sponsors the figures (outcomes.service.ts). */
export function outcomesRoutes(app: App, deps: Deps) {
  const user = (req: { auth: { user: AuthUser | null } }) => req.auth.user!;

  app.get('/api/cohorts/:cohortId/outcome', {
    config: { access: 'account' },
    schema: {
      tags,
      summary: "Résultats de l'édition : publications observées (statut du SPASER) à côté des intentions (questionnaire)",
      params: cohortIdParams,
      response: { 200: cohortOutcomeResponse },
    },
  }, async (req, reply) => present(reply, await outcomes.cohortOutcome(deps, user(req), req.params.cohortId)));

  app.get('/api/cohorts/:cohortId/outcome.csv', {
    config: { access: 'account' },
    schema: { tags, summary: "Résultats de l'édition par organisation, export CSV (animation)", params: cohortIdParams },
  }, async (req, reply) => {
    const result = await outcomes.cohortOutcomeCsv(deps, user(req), req.params.cohortId);
    if (!result.ok) return present(reply, result);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${result.value.filename}"`)
      .header('cache-control', 'private, no-store')
      .send(result.value.csv);
  });
}

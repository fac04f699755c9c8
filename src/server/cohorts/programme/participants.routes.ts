import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { contentDisposition, present } from '../../platform/http.js';
import type { App } from '../../platform/types.js';
import { cohortIdParams, okResponse } from '../cohorts.contract.js';
import * as cards from './cards.service.js';
import * as dashboard from './dashboard.service.js';
import * as c from './participants.contract.js';
import './participants.personal-data.js';

const tags = ['Promotions — suivi des participants'];

/**
 * Décollage cards and the participants' follow-up (issue 23, items 1 and 2). Every route needs an
 * account; the services apply cohorts.policy.ts: cards for the cohort's members and staff, the
 * follow-up rows for its facilitators and staff, its summary for sponsors too.
 */
export function participantsRoutes(app: App, deps: Deps) {
  const user = (req: { auth: { user: AuthUser | null } }) => req.auth.user!;

  app.get('/api/cohorts/:cohortId/cards', {
    config: { access: 'account' },
    schema: { tags, summary: "Le trombinoscope : les cartes d'identité de la promotion (membres), et ce qui manque (animation)", params: cohortIdParams, response: { 200: c.cardsResponse } },
  }, async (req, reply) => present(reply, await cards.listCards(deps, user(req), req.params.cohortId)));

  app.get('/api/cohorts/:cohortId/cards/mine', {
    config: { access: 'account' },
    schema: { tags, summary: "Ma carte d'identité, ou de quoi la commencer depuis ma candidature (participants)", params: cohortIdParams, response: { 200: c.myCardResponse } },
  }, async (req, reply) => present(reply, await cards.myCard(deps, user(req), req.params.cohortId)));

  app.put('/api/cohorts/:cohortId/cards/mine', {
    config: { access: 'account' },
    schema: { tags, summary: "Remplir ou modifier ma carte d'identité (participants)", params: cohortIdParams, body: c.cardBody, response: { 200: okResponse } },
  }, async (req, reply) => present(reply, await cards.saveCard(deps, user(req), req.params.cohortId, req.body)));

  app.get('/api/cohorts/:cohortId/follow-up', {
    config: { access: 'account' },
    schema: { tags, summary: "Suivi des participants : une ligne par participant (animation), la synthèse (parrains et marraines)", params: cohortIdParams, response: { 200: c.followUpResponse } },
  }, async (req, reply) => present(reply, await dashboard.followUp(deps, user(req), req.params.cohortId)));

  app.get('/api/cohorts/:cohortId/follow-up/participants/:userId', {
    config: { access: 'account' },
    schema: { tags, summary: "Le suivi d'un participant (animation)", params: c.participantParams, response: { 200: c.followUpRow } },
  }, async (req, reply) => present(reply, await dashboard.followUpRowOf(deps, user(req), req.params.cohortId, req.params.userId)));

  app.get('/api/cohorts/:cohortId/follow-up/export.csv', {
    config: { access: 'account' },
    schema: { tags, summary: 'Export CSV du suivi des participants (UTF-8, point-virgule ; animation)', params: cohortIdParams },
  }, async (req, reply) => {
    const result = await dashboard.followUpCsv(deps, user(req), req.params.cohortId);
    if (!result.ok) return present(reply, result);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', contentDisposition('attachment', result.value.filename))
      .header('cache-control', 'private, no-store')
      .send(result.value.csv);
  });

  app.post('/api/cohorts/:cohortId/follow-up/participants/:userId/nudges', {
    config: { access: 'account' },
    schema: { tags, summary: 'Envoyer un message à un participant (animation ; un par participant et par 24 heures)', params: c.participantParams, body: c.nudgeBody, response: { 201: c.nudgeResponse } },
  }, async (req, reply) => present(reply, await dashboard.nudge(deps, user(req), req.params.cohortId, req.params.userId, req.body.body), 201));
}

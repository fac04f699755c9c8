import { z } from 'zod';
import { okResponse } from '../accounts/accounts.contract.js';
import type { Deps } from '../platform/context.js';
import { present } from '../platform/http.js';
import type { App } from '../platform/types.js';
import { uuidParam } from '../../shared/fields.js';
import * as c from './review.contract.js';
import * as review from './review.service.js';

const tags = ['SPASER'];
const idParams = z.object({ spaserId: uuidParam });

/**
 * The review of a schéma (issue 19, item 3). Every route needs a verified member or staff; who invites
 * (editors) and who comments (editors and invited reviewers) is decided in review.service.ts.
 */
export function reviewRoutes(app: App, deps: Deps) {
  app.get('/api/spaser-reviews', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Les SPASER que je suis invité(e) à relire', response: { 200: c.myReviews } },
  }, async (req) => review.myReviews(deps, req.auth.user!));

  app.get('/api/spasers/:spaserId/review', {
    config: { access: 'verified' },
    schema: { tags, summary: 'La relecture d’un SPASER : relecteurs, discussions par partie (rédacteurs et relecteurs invités)', params: idParams, response: { 200: c.reviewState } },
  }, async (req, reply) => present(reply, await review.reviewState(deps, req.auth.user!, req.params.spaserId)));

  app.post('/api/spasers/:spaserId/reviewers', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Inviter un collègue ou un animateur à relire le SPASER (rédacteurs)', params: idParams, body: c.reviewerBody, response: { 201: okResponse } },
  }, async (req, reply) => present(reply, await review.inviteReviewer(deps, req.auth.user!, req.params.spaserId, req.body.userId), 201));

  app.delete('/api/spasers/:spaserId/reviewers/:userId', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Retirer une invitation à relire (rédacteurs)', params: idParams.extend({ userId: uuidParam }), response: { 200: okResponse } },
  }, async (req, reply) => present(reply, await review.revokeReviewer(deps, req.auth.user!, req.params.spaserId, req.params.userId)));

  app.post('/api/spasers/:spaserId/review/threads', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Commenter une partie du SPASER (ouvre une discussion)', params: idParams, body: c.newThreadBody, response: { 201: c.createdId } },
  }, async (req, reply) => present(reply, await review.startThread(deps, req.auth.user!, req.params.spaserId, req.body), 201));

  app.post('/api/spasers/:spaserId/review/threads/:threadId/replies', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Répondre dans une discussion de relecture', params: c.threadParams, body: c.replyBody, response: { 201: c.createdId } },
  }, async (req, reply) => present(reply, await review.reply(deps, req.auth.user!, req.params.spaserId, req.params.threadId, req.body.body), 201));

  app.put('/api/spasers/:spaserId/review/threads/:threadId/status', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Marquer une discussion comme résolue, ou la rouvrir', params: c.threadParams, body: c.threadStatusBody, response: { 200: okResponse } },
  }, async (req, reply) => present(reply, await review.setResolved(deps, req.auth.user!, req.params.spaserId, req.params.threadId, req.body.resolved)));
}

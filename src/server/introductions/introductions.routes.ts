import { z } from 'zod';
import type { Deps } from '../platform/context.js';
import { present } from '../platform/http.js';
import type { App } from '../platform/types.js';
import { uuidParam } from '../../shared/fields.js';
import * as c from './introductions.contract.js';
import './introductions.personal-data.js';
import * as service from './introductions.service.js';

const tags = ['Mises en relation'];
const idParams = z.object({ introductionId: uuidParam });

/**
 * Contact by consent (issue 20, item 5), for verified members: ask a member who chose « disponible
 * pour aider » for a contact; they accept or decline; only then both see each other's e-mail address.
 */
export function introductionsRoutes(app: App, deps: Deps) {
  app.post('/api/introductions', {
    config: { access: 'verified' },
    schema: {
      tags,
      summary: `Demander une mise en relation, avec un message (${c.INTRODUCTION_MESSAGE_MIN} à ${c.INTRODUCTION_MESSAGE_MAX} caractères ; au plus ${c.MAX_PENDING_INTRODUCTIONS} demandes en attente ; pas de nouvelle demande ${c.DECLINE_COOLDOWN_DAYS} jours après un refus)`,
      body: c.introductionBody,
      response: { 201: c.introductionView },
    },
  }, async (req, reply) => present(reply, await service.requestIntroduction(deps, req.auth.user!, req.body), 201));

  app.get('/api/introductions', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Mes mises en relation : demandes envoyées et reçues', response: { 200: c.introductionsList } },
  }, async (req) => service.listIntroductions(deps, req.auth.user!.id));

  app.get('/api/introductions/members/:userId', {
    config: { access: 'verified' },
    schema: {
      tags,
      summary: "Ma mise en relation avec un membre : puis-je la demander, sinon pourquoi ; son adresse e-mail une fois acceptée",
      params: z.object({ userId: uuidParam }),
      response: { 200: c.introductionWith },
    },
  }, async (req) => service.introductionWith(deps, req.auth.user!.id, req.params.userId));

  app.get('/api/introductions/:introductionId', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Une demande de mise en relation (la personne qui la fait et celle qui la reçoit seulement)', params: idParams, response: { 200: c.introductionView } },
  }, async (req, reply) => present(reply, await service.getIntroduction(deps, req.auth.user!.id, req.params.introductionId)));

  for (const [answer, summary] of [
    ['accept', 'Accepter une demande reçue : chacun voit alors l’adresse e-mail de l’autre'],
    ['decline', 'Décliner une demande reçue'],
    ['withdraw', 'Retirer une demande envoyée qui attend sa réponse'],
  ] as const)
    app.post(`/api/introductions/:introductionId/${answer}`, {
      config: { access: 'verified' },
      schema: { tags, summary, params: idParams, response: { 200: c.introductionView } },
    }, async (req, reply) => present(reply, await service.answerIntroduction(deps, req.auth.user!.id, req.params.introductionId, answer)));
}

import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { present } from '../platform/http.js';
import type { App } from '../platform/types.js';
import * as c from './codev.contract.js';
import * as groups from './groups/groups.service.js';
import * as sessions from './sessions/sessions.service.js';
import { installSessionStream } from './sessions/stream.js';
import * as summary from './summary/summary.service.js';
import './codev.personal-data.js';

const tags = ['Codéveloppement'];

/**
 * The co-development API. Every route needs an account; who sees what is decided by the services:
 * the cohort's managers form groups and plan sessions; a session, its notes, its live stream and its
 * summary sheet are for the group, the session's facilitator and staff (codev.policy.ts).
 */
export function codevRoutes(app: App, deps: Deps) {
  const user = (req: { auth: { user: AuthUser | null } }) => req.auth.user!;
  const stream = installSessionStream(app, deps);

  app.get('/api/codev/cohorts/:cohortId', {
    config: { access: 'account' },
    schema: { tags, summary: "Les groupes et séances de codéveloppement d'une promotion", params: c.cohortIdParams, response: { 200: c.cohortCodevResponse } },
  }, async (req, reply) => present(reply, await groups.getCohortCodev(deps, user(req), req.params.cohortId)));

  app.post('/api/codev/cohorts/:cohortId/suggestion', {
    config: { access: 'account' },
    schema: { tags, summary: 'Proposer des groupes (5 à 8, organisations mélangées, jamais deux personnes d’une même organisation)', params: c.cohortIdParams, response: { 200: c.suggestionResponse } },
  }, async (req, reply) => present(reply, await groups.suggestCohortGroups(deps, user(req), req.params.cohortId)));

  app.put('/api/codev/cohorts/:cohortId/groups', {
    config: { access: 'account' },
    schema: { tags, summary: 'Enregistrer les groupes de la promotion (animation)', params: c.cohortIdParams, body: c.groupsBody, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await groups.saveCohortGroups(deps, user(req), req.params.cohortId, req.body)));

  app.post('/api/codev/groups/:groupId/sessions', {
    config: { access: 'account' },
    schema: { tags, summary: 'Planifier une séance pour un groupe (animation)', params: c.groupIdParams, body: c.createSessionBody, response: { 201: c.createdResponse } },
  }, async (req, reply) => present(reply, await sessions.createSession(deps, user(req), req.params.groupId, req.body), 201));

  app.get('/api/codev/sessions/:sessionId', {
    config: { access: 'account' },
    schema: { tags, summary: 'Une séance : rôles, étape, minuteur, notes', params: c.sessionIdParams, response: { 200: c.sessionDetail } },
  }, async (req, reply) => present(reply, await sessions.getSession(deps, user(req), req.params.sessionId)));

  app.patch('/api/codev/sessions/:sessionId', {
    config: { access: 'account' },
    schema: { tags, summary: 'Modifier le sujet, la date ou la relecture de la fiche (animation de la séance)', params: c.sessionIdParams, body: c.updateSessionBody, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await sessions.updateSession(deps, user(req), req.params.sessionId, req.body)));

  app.post('/api/codev/sessions/:sessionId/steps', {
    config: { access: 'account' },
    schema: { tags, summary: 'Démarrer, passer à l’étape suivante, prolonger, terminer (animation de la séance)', params: c.sessionIdParams, body: c.stepActionBody, response: { 200: c.stepResponse } },
  }, async (req, reply) => present(reply, await sessions.stepAction(deps, user(req), req.params.sessionId, req.body)));

  app.put('/api/codev/sessions/:sessionId/steps/:step/notes/mine', {
    config: { access: 'account' },
    schema: { tags, summary: 'Enregistrer sa note pour une étape (avec la version lue : 409 si elle a changé)', params: c.noteParams, body: c.noteBody, response: { 200: c.noteSaved } },
  }, async (req, reply) => present(reply, await sessions.saveNote(deps, user(req), req.params.sessionId, req.params.step, req.body)));

  app.get('/api/codev/sessions/:sessionId/events', {
    config: { access: 'account' },
    schema: { tags, summary: 'Flux en direct (server-sent events) : instantané, notes, minuteur', params: c.sessionIdParams },
  }, async (req, reply) => stream({ user: user(req), sessionId: req.auth.sessionId }, req.params.sessionId, reply));

  app.get('/api/codev/sessions/:sessionId/summary', {
    config: { access: 'account' },
    schema: { tags, summary: 'La fiche récapitulative (réservée au groupe)', params: c.sessionIdParams, response: { 200: c.summaryResponse } },
  }, async (req, reply) => present(reply, await summary.getSummary(deps, user(req), req.params.sessionId)));

  app.get('/api/codev/sessions/:sessionId/summary.pdf', {
    config: { access: 'account' },
    schema: { tags, summary: 'La fiche récapitulative en PDF (réservée au groupe)', params: c.sessionIdParams },
  }, async (req, reply) => {
    const r = await summary.getSummaryPdf(deps, user(req), req.params.sessionId);
    if (!r.ok) return present(reply, r);
    return reply
      .type('application/pdf')
      .header('content-disposition', 'attachment; filename="fiche-recapitulative.pdf"')
      .header('cache-control', 'private, no-store')
      .send(r.value);
  });

  app.post('/api/codev/sessions/:sessionId/summary/approve', {
    config: { access: 'account' },
    schema: { tags, summary: 'Valider la fiche relue : elle part à 9 h (ou tout de suite si l’heure est passée)', params: c.sessionIdParams, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await summary.approveSummary(deps, user(req), req.params.sessionId)));
}

import { z } from 'zod';
import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { present } from '../platform/http.js';
import { renderPage } from '../platform/ssr.js';
import type { App } from '../platform/types.js';
import { uuidParam } from '../../shared/fields.js';
import { paths } from '../../web/paths.js';
import { platformLabels } from '../../web/platform/labels.js';
import { actorsLabels } from '../../web/actors/labels.js';
import * as c from './actors.contract.js';
import './actors.messages.js';
import './actors.personal-data.js';
import * as service from './actors.service.js';

const tags = ['Acteurs'];
const idParams = z.object({ actorId: uuidParam });
const correctionParams = z.object({ actorId: uuidParam, correctionId: uuidParam });
const createdResponse = z.object({ id: z.string() });
const decisionResponse = z.object({ status: z.enum(['accepted', 'refused']) });
const L = actorsLabels.directory;

/**
 * The directory of support actors (issue 20, items 1–2): public JSON and page (rendered on the
 * server for everyone, ADR 0029, with the web app's own view), facilitators' maintenance, members'
 * corrections.
 */
export function actorsRoutes(app: App, deps: Deps) {
  const user = (req: { auth: { user: AuthUser | null } }) => req.auth.user;

  app.get('/api/public/actors', {
    config: { access: 'public' },
    schema: { tags, summary: 'Annuaire des acteurs : filtres par région, type et thème ; nombre d’acteurs par région', querystring: c.actorsQuery, response: { 200: c.actorsResponse } },
  }, async (req) => service.listActors(deps, req.query));

  app.get('/api/public/actors/nearby', {
    config: { access: 'public' },
    schema: { tags, summary: 'Qui peut aider dans une région : 3 à 5 acteurs, ceux de la région puis les nationaux', querystring: c.nearbyQuery, response: { 200: c.nearbyResponse } },
  }, async (req) => ({ items: await service.nearbyActors(deps, req.query.region) }));

  app.get('/api/actors/:actorId', {
    config: { access: 'public' },
    schema: { tags, summary: 'Un acteur ; pour l’animation, son historique et les corrections proposées', params: idParams, response: { 200: c.actorDetail } },
  }, async (req, reply) => present(reply, await service.getActor(deps, user(req), req.params.actorId)));

  app.post('/api/actors', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Ajouter un acteur (animation ; au moins une source)', body: c.actorInput, response: { 201: c.actorSummary } },
  }, async (req, reply) => reply.code(201).send(await service.createActor(deps, user(req)!, req.body)));

  app.put('/api/actors/:actorId', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Modifier un acteur (animation ; l’historique garde les valeurs précédentes)', params: idParams, body: c.actorInput, response: { 200: c.actorSummary } },
  }, async (req, reply) => present(reply, await service.updateActor(deps, user(req)!, req.params.actorId, req.body)));

  app.post('/api/actors/:actorId/archive', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Archiver un acteur (il quitte l’annuaire, son historique reste)', params: idParams, response: { 200: c.actorSummary } },
  }, async (req, reply) => present(reply, await service.setArchived(deps, user(req)!, req.params.actorId, true)));

  app.post('/api/actors/:actorId/restore', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Rétablir un acteur archivé', params: idParams, response: { 200: c.actorSummary } },
  }, async (req, reply) => present(reply, await service.setArchived(deps, user(req)!, req.params.actorId, false)));

  app.post('/api/actors/:actorId/corrections', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Proposer une correction de la fiche (membres ; l’animation est prévenue par e-mail)', params: idParams, body: c.correctionInput, response: { 201: createdResponse } },
  }, async (req, reply) => present(reply, await service.proposeCorrection(deps, user(req)!, req.params.actorId, req.body), 201));

  app.post('/api/actors/:actorId/corrections/:correctionId/decision', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Accepter ou refuser une correction (la personne est prévenue par e-mail)', params: correctionParams, body: c.correctionDecision, response: { 200: decisionResponse } },
  }, async (req, reply) => present(reply, await service.decideCorrection(deps, user(req)!, req.params.actorId, req.params.correctionId, req.body)));
}

/** GET /acteurs: the directory rendered on the server (ADR 0029), its filters a plain GET form. */
export function actorsPageRoutes(app: App, deps: Deps, shell: string) {
  app.get('/acteurs', {
    config: { access: 'public' },
    // The query is read here so that bad filters give the page with its French messages.
    schema: { hide: true },
  }, async (req, reply) => {
    // The page's view (React, the DSFR) is loaded with the first page, not at start.
    const { actorsKey, actorsParams, actorsSearch, ActorsView } = await import('../../web/actors/ActorsView.js');
    const raw = (req.query ?? {}) as Record<string, unknown>;
    const values: Record<string, string> = {};
    for (const k of actorsParams) if (typeof raw[k] === 'string') values[k] = raw[k];
    const parsed = c.actorsQuery.safeParse(raw);
    const meta = { title: L.title, description: L.description, formsWorkWithoutJavaScript: true, canonical: `${deps.config.baseUrl}${paths.actors()}`, siteName: platformLabels.siteName };
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache');
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const i of parsed.error.issues) errors[String(i.path[0] ?? '_')] ??= i.message;
      const html = await renderPage(shell, req.url, meta, ActorsView, { values, data: null, errors });
      return reply.code(400).send(html.replace('<head>', '<head>\n    <meta name="robots" content="noindex" />'));
    }
    const data = await service.listActors(deps, parsed.data);
    return reply.send(await renderPage(shell, req.url, { ...meta, canonical: `${deps.config.baseUrl}${paths.actors(actorsSearch(parsed.data))}` }, ActorsView, { values, data }, { key: actorsKey(parsed.data), value: data }));
  });
}

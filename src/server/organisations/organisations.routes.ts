import { z } from 'zod';
import type { Deps } from '../platform/context.js';
import { present } from '../platform/http.js';
import type { App } from '../platform/types.js';
import { uuidParam } from '../../shared/fields.js';
import { okResponse } from '../accounts/accounts.contract.js';
import * as c from './organisations.contract.js';
import * as orgs from './organisations.service.js';
import './organisations.personal-data.js';

const tags = ['Organisations'];
const orgParams = z.object({ organisationId: uuidParam });

export function organisationsRoutes(app: App, deps: Deps) {
  app.get('/api/organisations', {
    config: { access: 'public' },
    schema: { tags, summary: 'Rechercher un acheteur (nom, SIREN, code postal)', querystring: c.searchQuery, response: { 200: c.searchResponse } },
  }, async (req) => orgs.search(deps, req.query));

  app.get('/api/organisations/kinds', {
    config: { access: 'public' },
    schema: { tags, summary: "Types d'organisation présents dans le registre, avec leur nombre", response: { 200: c.kindCountsResponse } },
  }, async () => ({ kinds: await orgs.kindCounts(deps) }));

  app.get('/api/organisations/:organisationId', {
    config: { access: 'public' },
    schema: { tags, summary: "Fiche d'une organisation", params: orgParams, querystring: c.obligationQuery, response: { 200: c.organisationDetail } },
  }, async (req, reply) => present(reply, await orgs.getDetail(deps, req.params.organisationId, req.auth.user, req.query)));

  app.patch('/api/organisations/:organisationId', {
    config: { access: 'organisation' },
    schema: { tags, summary: 'Déclarer achats annuels et statut du SPASER (une adoption, avec adresse et date, va dans l’historique des déclarations)', params: orgParams, body: c.organisationPatch, response: { 200: okResponse } },
  }, async (req, reply) => present(reply, await orgs.update(deps, req.auth.user!, req.params.organisationId, req.body)));

  app.post('/api/organisations/:organisationId/membership-requests', {
    config: { access: 'account' },
    schema: { tags, summary: 'Demander à rejoindre une organisation', params: orgParams, body: c.membershipRequestBody, response: { 201: c.membershipResponse } },
  }, async (req, reply) => present(reply, await orgs.requestMembership(deps, req.auth.user!, req.params.organisationId, req.body.message), 201));

  app.get('/api/organisations/:organisationId/membership-requests', {
    config: { access: 'organisationOrStaff' },
    schema: { tags, summary: "Demandes d'adhésion en attente", params: orgParams, response: { 200: c.membershipRequestsResponse } },
  }, async (req) => orgs.listRequests(deps, req.params.organisationId));

  app.post('/api/organisations/:organisationId/membership-requests/:membershipId/decision', {
    config: { access: 'organisationOrStaff' },
    schema: { tags, summary: "Approuver ou refuser une demande d'adhésion", params: orgParams.extend({ membershipId: uuidParam }), body: c.membershipDecisionBody, response: { 200: okResponse } },
  }, async (req, reply) => present(reply, await orgs.decide(deps, req.auth.user!, req.params.organisationId, req.params.membershipId, req.body.decision)));

  // Decisions go through the route above (organisationOrStaff): the same service, e-mails and notifications.
  app.get('/api/admin/membership-requests', {
    config: { access: 'facilitator' },
    schema: { tags: ['Administration'], summary: "File des demandes d'adhésion en attente, toutes organisations, les plus anciennes d'abord", querystring: c.requestsQueueQuery, response: { 200: c.requestsQueueResponse } },
  }, async (req) => orgs.requestsQueue(deps, req.query));

  app.get('/api/organisations/:organisationId/domains', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Domaines e-mail déclarés', params: orgParams, response: { 200: c.domainsResponse } },
  }, async (req) => orgs.listDomains(deps, req.params.organisationId));

  app.post('/api/organisations/:organisationId/domains', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Déclarer un domaine e-mail', params: orgParams, body: c.domainBody, response: { 201: c.domainsResponse } },
  }, async (req, reply) => present(reply, await orgs.addDomain(deps, req.auth.user!, req.params.organisationId, req.body.domain), 201));

  app.delete('/api/organisations/:organisationId/domains/:domain', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Retirer un domaine e-mail', params: orgParams.extend({ domain: z.string().max(253) }), response: { 200: c.domainsResponse } },
  }, async (req, reply) => present(reply, await orgs.removeDomain(deps, req.params.organisationId, req.params.domain)));

  app.get('/api/admin/organisations', {
    config: { access: 'admin' },
    schema: {
      tags: ['Administration'],
      summary: 'Organisations (filtres : SIREN à compléter, à vérifier)',
      querystring: c.searchQuery.extend({ sirenToComplete: z.enum(['true', 'false']).optional(), needsReview: z.enum(['true', 'false']).optional() }),
      response: { 200: c.searchResponse },
    },
  }, async (req) => orgs.search(deps, { ...req.query, sirenToComplete: req.query.sirenToComplete === 'true', needsReview: req.query.needsReview === 'true' }));

  app.post('/api/admin/organisations', {
    config: { access: 'admin' },
    schema: { tags: ['Administration'], summary: 'Ajouter un acheteur par son SIREN', body: c.createOrganisationBody, response: { 201: c.createdResponse } },
  }, async (req, reply) => present(reply, await orgs.createOrganisation(deps, req.auth.user!, req.body), 201));

  app.put('/api/admin/organisations/:organisationId/siren', {
    config: { access: 'admin' },
    schema: { tags: ['Administration'], summary: 'Compléter le SIREN', params: orgParams, body: c.sirenBody, response: { 200: okResponse } },
  }, async (req, reply) => present(reply, await orgs.setSiren(deps, req.params.organisationId, req.body.siren)));

  app.put('/api/admin/organisations/:organisationId/review', {
    config: { access: 'admin' },
    schema: { tags: ['Administration'], summary: 'Vérifier une organisation créée depuis ProConnect (nom et type)', params: orgParams, body: c.organisationReviewBody, response: { 200: okResponse } },
  }, async (req, reply) => present(reply, await orgs.reviewOrganisation(deps, req.params.organisationId, req.body)));
}

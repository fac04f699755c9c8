import { z } from 'zod';
import { okResponse } from '../accounts/accounts.contract.js';
import type { Deps } from '../platform/context.js';
import multipart from '@fastify/multipart';
import { contentDisposition, present } from '../platform/http.js';
import type { App } from '../platform/types.js';
import { uuidParam } from '../../shared/fields.js';
import * as c from './spaser.contract.js';
import * as evidence from './evidence.service.js';
import * as models from './models.js';
import * as spaser from './spaser.service.js';
import { versionsRoutes } from './versions.routes.js';
import { reviewRoutes } from './review.routes.js';
import './spaser.personal-data.js';

const tags = ['SPASER'];
const idParams = z.object({ spaserId: uuidParam });

// The SPASER builder (issue 17). Every route needs a verified member (or staff, who read only); which
// schéma a person reads or writes is decided in spaser.service.ts from its buyers and editors.
export async function spaserRoutes(app: App, deps: Deps) {
  app.get('/api/spasers', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Les SPASER de mes organisations', response: { 200: c.spaserList } },
  }, async (req) => spaser.listMine(deps, req.auth.user!));

  app.post('/api/spasers', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Commencer le SPASER de mon organisation', body: c.createSpaserBody, response: { 201: z.object({ id: z.string() }) } },
  }, async (req, reply) => present(reply, await spaser.create(deps, req.auth.user!, req.body), 201));

  app.get('/api/spasers/models', {
    config: { access: 'verified' },
    schema: { tags, summary: "Modèles proposés pour commencer le SPASER d'une organisation (organisations similaires, modèle vierge)", querystring: c.modelsQuery, response: { 200: c.spaserModels } },
  }, async (req, reply) => present(reply, await models.suggestModels(deps, req.auth.user!, req.query.organisationId)));

  app.get('/api/spasers/:spaserId', {
    config: { access: 'verified' },
    schema: { tags, summary: "Un SPASER, ses parties, ses acheteurs et sa vérification juridique", params: idParams, response: { 200: c.spaserDetail } },
  }, async (req, reply) => present(reply, await spaser.detail(deps, req.auth.user!, req.params.spaserId)));

  app.put('/api/spasers/:spaserId/sections/:section', {
    config: { access: 'verified' },
    schema: {
      tags,
      summary: "Enregistrer une partie (avec la version dont on est parti)",
      params: idParams.extend({ section: z.enum(c.spaserSectionKeys, { error: 'Partie inconnue.' }) }),
      body: c.saveSectionBody,
      response: { 200: c.sectionSaved },
    },
  }, async (req, reply) => present(reply, await spaser.saveSection(deps, req.auth.user!, req.params.spaserId, req.params.section, req.body)));

  app.post('/api/spasers/:spaserId/buyers', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Inviter un acheteur dans un schéma commun', params: idParams, body: c.inviteBuyerBody, response: { 201: okResponse } },
  }, async (req, reply) => present(reply, await spaser.inviteBuyer(deps, req.auth.user!, req.params.spaserId, req.body.organisationId), 201));

  app.post('/api/spasers/:spaserId/buyers/:organisationId/accept', {
    config: { access: 'organisation' },
    schema: { tags, summary: "Accepter, pour son organisation, de rejoindre un schéma commun", params: idParams.extend({ organisationId: uuidParam }), response: { 200: okResponse } },
  }, async (req, reply) => present(reply, await spaser.acceptInvitation(deps, req.auth.user!, req.params.spaserId, req.params.organisationId)));

  app.post('/api/spasers/:spaserId/buyers/:organisationId/decline', {
    config: { access: 'organisation' },
    schema: { tags, summary: "Décliner, pour son organisation, l'invitation à un schéma commun", params: idParams.extend({ organisationId: uuidParam }), response: { 200: okResponse } },
  }, async (req, reply) => present(reply, await spaser.declineInvitation(deps, req.auth.user!, req.params.spaserId, req.params.organisationId)));

  app.post('/api/spasers/:spaserId/editors', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Ajouter un rédacteur', params: idParams, body: c.editorBody, response: { 201: okResponse } },
  }, async (req, reply) => present(reply, await spaser.addEditor(deps, req.auth.user!, req.params.spaserId, req.body.userId), 201));

  app.delete('/api/spasers/:spaserId/editors/:userId', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Retirer un rédacteur', params: idParams.extend({ userId: uuidParam }), response: { 200: okResponse } },
  }, async (req, reply) => present(reply, await spaser.removeEditor(deps, req.auth.user!, req.params.spaserId, req.params.userId)));

  app.post('/api/spasers/:spaserId/adoption', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Adopter le SPASER (date et référence de la délibération)', params: idParams, body: c.adoptBody, response: { 200: okResponse } },
  }, async (req, reply) => present(reply, await spaser.adopt(deps, req.auth.user!, req.params.spaserId, req.body)));

  versionsRoutes(app, deps);
  reviewRoutes(app, deps);

  app.get('/api/spasers/:spaserId/decp-figures', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Les indicateurs DECP des acheteurs du schéma, par année (numérateur, dénominateur, fichiers, import)', params: idParams, response: { 200: c.decpFiguresResponse } },
  }, async (req, reply) => present(reply, await spaser.decpFigures(deps, req.auth.user!, req.params.spaserId)));

  app.post('/api/spasers/:spaserId/indicators/prefill', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Un indicateur du catalogue, pré-rempli depuis les DECP de chaque acheteur (non enregistré)', params: idParams, body: c.prefillBody, response: { 200: c.prefillResponse } },
  }, async (req, reply) => present(reply, await spaser.prefillIndicator(deps, req.auth.user!, req.params.spaserId, req.body.catalogueKey)));

  app.post('/api/spasers/:spaserId/diagnostic/prefill', {
    config: { access: 'verified' },
    schema: { tags, summary: 'La cartographie des achats du diagnostic, pré-remplie depuis les DECP de chaque acheteur (non enregistrée)', params: idParams, body: c.mappingPrefillBody, response: { 200: c.mappingPrefillResponse } },
  }, async (req, reply) => present(reply, await spaser.prefillMapping(deps, req.auth.user!, req.params.spaserId, req.body.year)));

  app.get('/api/spasers/:spaserId/evidence/:fileId', {
    config: { access: 'verified' },
    schema: { tags, summary: "Télécharger un fichier justificatif d'une valeur d'indicateur (lecteurs du schéma)", params: c.evidenceFileParams },
  }, async (req, reply) => {
    const file = await evidence.openEvidence(deps, req.auth.user!, req.params.spaserId, req.params.fileId);
    if (!file.ok) return present(reply, file);
    return reply
      .type(file.value.mimeType)
      .header('content-length', file.value.size)
      .header('content-disposition', contentDisposition('attachment', file.value.fileName))
      .header('cache-control', 'private, no-store')
      .send(file.value.stream);
  });

  app.delete('/api/spasers/:spaserId/evidence/:fileId', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Supprimer un fichier justificatif qu’aucune valeur enregistrée ne cite (rédacteurs)', params: c.evidenceFileParams, response: { 200: okResponse } },
  }, async (req, reply) => present(reply, await evidence.removeEvidence(deps, req.auth.user!, req.params.spaserId, req.params.fileId)));

  // The upload, in its own scope: multipart is parsed there only, one file streamed to the temporary
  // folder and stopped at the library's size limit (LIBRARY_MAX_FILE_MB).
  await app.register(async (plain) => {
    const scope = plain as unknown as App;
    await scope.register(multipart, { limits: { fileSize: deps.config.libraryMaxFileBytes + 1, files: 1, fields: 0, parts: 1 } });
    scope.post('/api/spasers/:spaserId/evidence', {
      config: { access: 'verified' },
      schema: {
        tags,
        summary: "Envoyer un fichier justificatif pour une valeur d'indicateur (rédacteurs ; multipart, un fichier `file` : PDF, DOCX, XLSX ou ODT)",
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: c.evidenceFile },
      },
    }, async (req, reply) => {
      const receive = async () => (req.isMultipart() ? await req.file() : undefined);
      return present(reply, await evidence.uploadEvidence(deps, req.auth.user!, req.params.spaserId, receive), 201);
    });
  });
}

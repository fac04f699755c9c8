import { z } from 'zod';
import { okResponse } from '../accounts/accounts.contract.js';
import type { Deps } from '../platform/context.js';
import { present } from '../platform/http.js';
import type { App } from '../platform/types.js';
import { uuidParam } from '../../shared/fields.js';
import { compareQuery, versionComparison, versionList } from './versions.contract.js';
import * as versions from './versions.service.js';

const tags = ['SPASER'];
const idParams = z.object({ spaserId: uuidParam });

/**
 * Versions (issue 19, item 1). Public routes: the published versions of a published schéma are
 * anyone's to read and compare; which versions a person sees (withdrawn ones, the working version)
 * is decided in versions.service.ts from the schéma's readers and editors.
 */
export function versionsRoutes(app: App, deps: Deps) {
  app.get('/api/spasers/:spaserId/versions', {
    config: { access: 'public' },
    schema: { tags, summary: 'Les versions d’un SPASER (publiées ; la version de travail pour ses rédacteurs)', params: idParams, response: { 200: versionList } },
  }, async (req, reply) => present(reply, await versions.listVersions(deps, req.auth.user ?? null, req.params.spaserId)));

  app.get('/api/spasers/:spaserId/versions/compare', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'Comparer deux versions d’un SPASER (axes, objectifs et actions, indicateurs ajoutés, retirés, modifiés)',
      params: idParams,
      querystring: compareQuery,
      response: { 200: versionComparison },
    },
  }, async (req, reply) => present(reply, await versions.compareVersions(deps, req.auth.user ?? null, req.params.spaserId, req.query.from, req.query.to)));

  app.post('/api/spasers/:spaserId/revision', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Réviser le SPASER adopté : une nouvelle version de travail, la version publiée reste en ligne', params: idParams, response: { 200: okResponse } },
  }, async (req, reply) => present(reply, await versions.revise(deps, req.auth.user!, req.params.spaserId)));
}

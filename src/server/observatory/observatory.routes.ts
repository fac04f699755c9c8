import { z } from 'zod';
import { uuidParam } from '../../shared/fields.js';
import type { Deps } from '../platform/context.js';
import { present } from '../platform/http.js';
import type { App } from '../platform/types.js';
import * as c from './observatory.contract.js';
import { toCsv, toXlsx } from './exports.js';
import * as obs from './observatory.service.js';
import './observatory.personal-data.js';

const tags = ['Observatoire'];
const orgParams = z.object({ organisationId: uuidParam });

export function observatoryRoutes(app: App, deps: Deps) {
  app.get('/api/organisations/:organisationId/decp-indicators', {
    config: { access: 'public' },
    schema: { tags, summary: "Indicateurs DECP d'une organisation, année par année, et ses pairs", params: orgParams, querystring: c.yearQuery, response: { 200: c.organisationIndicatorsResponse } },
  }, async (req, reply) => present(reply, await obs.organisationIndicators(deps, req.params.organisationId, req.auth.user, { year: req.query.year })));

  app.get('/api/organisations/:organisationId/decp-indicators/:indicator', {
    config: { access: 'organisationOrStaff' },
    schema: { tags, summary: 'API interne du SPASER : un indicateur calculé pour une année, avec sa source', params: orgParams.extend(c.indicatorParams.shape), querystring: c.indicatorQuery, response: { 200: c.indicatorValueResponse } },
  }, async (req, reply) => present(reply, await obs.indicatorValue(deps, req.params.organisationId, { indicator: req.params.indicator, ...req.query })));

  app.post('/api/organisations/:organisationId/spaser-declaration', {
    config: { access: 'organisationOrStaff' },
    schema: { tags, summary: 'Déclarer un SPASER adopté hors de la plateforme', params: orgParams, body: c.spaserDeclarationBody, response: { 200: c.spaserDeclarationResponse } },
  }, async (req, reply) => present(reply, await obs.declareSpaser(deps, req.auth.user!, req.params.organisationId, req.body)));

  app.get('/api/observatory/national', {
    config: { access: 'public' },
    schema: { tags, summary: 'Indicateurs nationaux par année', response: { 200: c.nationalResponse } },
  }, async () => obs.national(deps));

  app.get('/api/observatory/territories', {
    config: { access: 'public' },
    schema: { tags, summary: 'Parts par région ou département et par année', querystring: c.territoriesQuery, response: { 200: c.territoriesResponse } },
  }, async (req) => obs.territoryShares(deps, req.query.level));

  app.get('/api/observatory/buyers', {
    config: { access: 'public' },
    schema: { tags, summary: "Acheteurs probablement soumis à l'obligation de SPASER (et incertains)", querystring: c.buyersQuery, response: { 200: c.buyersResponse } },
  }, async (req) => obs.likelySubject(deps, req.query));

  app.get('/api/observatory/exports/:table', {
    config: { access: 'public' },
    schema: { tags, summary: "Export CSV (UTF-8, « ; ») ou XLSX d'un tableau de l'observatoire", params: c.exportParams, querystring: c.exportQuery },
  }, async (req, reply) => {
    const table = await obs.exportTable(deps, req.params.table, req.query);
    const csv = req.query.format === 'csv';
    const body = csv ? toCsv(table) : await toXlsx(table);
    return reply
      .header('content-type', csv ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${table.title}.${req.query.format}"`)
      .send(body);
  });
}

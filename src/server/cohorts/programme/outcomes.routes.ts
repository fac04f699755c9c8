import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { present } from '../../platform/http.js';
import type { App } from '../../platform/types.js';
import { cohortIdParams } from '../cohorts.contract.js';
import { cohortOutcomeResponse } from './outcomes.contract.js';
import * as outcomes from './outcomes.service.js';
import './outcomes.messages.js';
import { programmeReportResponse, reportExportParams, reportExportQuery, shareBody, sharedExportParams, sharedParams, shareResponse, type ReportTable } from './reporting.contract.js';
import type { Table } from '../../observatory/exports.js';
import type { Result } from '../../platform/result.js';
import type { FastifyReply } from 'fastify';
import * as reporting from './reporting.service.js';
import { toCsv, toXlsx } from '../../observatory/exports.js';

const tags = ['Promotions'];

/**
 * The observed outcome of an edition: facilitators and staff in full, sponsors the figures (outcomes.service.ts);
 * the programme's report across editions for its team (reporting.service.ts).
 */
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

  app.get('/api/programme/report', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Bilan du programme, toutes éditions : participants, présence, intentions et adoptions observées (équipe du programme)', response: { 200: programmeReportResponse } },
  }, async (req, reply) => present(reply, await reporting.programmeReport(deps, user(req))));

  app.get('/api/programme/report/:table', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Export CSV (UTF-8, « ; ») ou XLSX du bilan du programme (équipe du programme)', params: reportExportParams, querystring: reportExportQuery },
  }, async (req, reply) => sendTable(reply, await reporting.programmeReportTable(deps, user(req), req.params.table), req.query.format));

  app.post('/api/programme/report/share', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Un lien de lecture du bilan pour les partenaires du programme, valable quelques jours (équipe du programme)', body: shareBody, response: { 200: shareResponse } },
  }, async (req, reply) => present(reply, await reporting.shareReport(deps, user(req), req.body.days)));

  app.get('/api/programme/report/shared/:token', {
    // Anyone holding a genuine, unexpired link (checked by the service).
    config: { access: 'public' },
    schema: { tags, summary: 'Le bilan du programme par un lien de partage', params: sharedParams, response: { 200: programmeReportResponse } },
  }, async (req, reply) => present(reply.header('x-robots-tag', 'noindex'), await reporting.sharedReport(deps, req.params.token)));

  app.get('/api/programme/report/shared/:token/:table', {
    config: { access: 'public' },
    schema: { tags, summary: 'Export CSV ou XLSX du bilan par un lien de partage', params: sharedExportParams, querystring: reportExportQuery },
  }, async (req, reply) => sendTable(reply, await reporting.sharedReportTable(deps, req.params.token, req.params.table as ReportTable), req.query.format));
}

/** A report table as a CSV or XLSX download, or the refusal. */
async function sendTable(reply: FastifyReply, table: Result<Table>, format: 'csv' | 'xlsx') {
  if (!table.ok) return present(reply, table);
  const csv = format === 'csv';
  return reply
    .header('content-type', csv ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${table.value.title}.${format}"`)
    .header('cache-control', 'private, no-store')
    .send(csv ? toCsv(table.value) : await toXlsx(table.value));
}

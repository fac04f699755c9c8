import { z } from 'zod';
import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { spreadsheetCsv } from '../platform/csv.js';
import { contentDisposition, present, sendFailure } from '../platform/http.js';
import { renderPage } from '../platform/ssr.js';
import type { App } from '../platform/types.js';
import { WorkerCrashError, WorkerTimeoutError } from '../platform/workers/runner.js';
import { renderAttestationFile } from '../spaser/documents/render.js';
import { learningLabels } from '../../web/learning/labels.js';
import { paths } from '../../web/paths.js';
import { platformLabels } from '../../web/platform/labels.js';
import * as c from './learning.contract.js';
import './learning.messages.js';
import './learning.personal-data.js';
import * as service from './learning.service.js';

const tags = ['Formations'];
const A = learningLabels.attestation;

/**
 * E-learning (issue 22). Learners: the catalogue and a course's outline and lessons are public (a
 * visitor learns without an account; their progress stays in their browser); recording progress,
 * quizzes' attempts and the attestation need an account. Facilitators write, publish and follow.
 */
export function learningRoutes(app: App, deps: Deps) {
  const user = (req: { auth: { user: AuthUser | null } }) => req.auth.user;

  app.get('/api/courses', {
    config: { access: 'public' },
    schema: { tags, summary: 'Les formations publiées (l’animation voit aussi les brouillons), avec ma progression', response: { 200: c.coursesResponse } },
  }, async (req) => service.listCourses(deps, user(req)));

  app.get('/api/courses/:slug', {
    config: { access: 'public' },
    schema: { tags, summary: 'Le programme d’une formation publiée et ma progression', params: c.courseParams, response: { 200: c.courseOutline } },
  }, async (req, reply) => present(reply, await service.getOutline(deps, user(req), req.params.slug)));

  app.get('/api/courses/:slug/lessons/:lessonId', {
    config: { access: 'public' },
    schema: { tags, summary: 'Une leçon (contenu, ressources, quiz sans les réponses) ; connecté, la visite est notée et l’ordre imposé s’applique', params: c.lessonParams, response: { 200: c.lessonResponse } },
  }, async (req, reply) => present(reply, await service.getLesson(deps, user(req), req.params.slug, req.params.lessonId)));

  app.post('/api/courses/:slug/lessons/:lessonId/read', {
    config: { access: 'account' },
    schema: { tags, summary: 'Marquer comme lue une leçon sans quiz (lue jusqu’au bout)', params: c.lessonParams, response: { 200: c.readResult } },
  }, async (req, reply) => present(reply, await service.markRead(deps, user(req)!, req.params.slug, req.params.lessonId)));

  app.post('/api/courses/:slug/lessons/:lessonId/quiz', {
    config: { access: 'public' },
    schema: { tags, summary: 'Répondre au quiz d’une leçon : résultat, bonnes réponses et explications ; connecté, la tentative est enregistrée', params: c.lessonParams, body: c.quizAnswers, response: { 200: c.quizResult } },
  }, async (req, reply) => present(reply, await service.answerQuiz(deps, user(req), req.params.slug, req.params.lessonId, req.body)));

  app.post('/api/courses/:slug/progress/import', {
    config: { access: 'account' },
    schema: { tags, summary: 'Reprendre dans mon compte la progression gardée par le navigateur avant la connexion', params: c.courseParams, body: c.importInput, response: { 200: c.importResult } },
  }, async (req, reply) => present(reply, await service.importProgress(deps, user(req)!, req.params.slug, req.body.lessons)));

  app.post('/api/courses/:slug/attestation', {
    config: { access: 'account' },
    schema: { tags, summary: 'Obtenir mon attestation (toutes les leçons terminées) ; la même ensuite', params: c.courseParams, response: { 200: c.attestationResponse } },
  }, async (req, reply) => present(reply, await service.issueAttestation(deps, user(req)!, req.params.slug)));

  app.get('/api/courses/:slug/attestation.pdf', {
    config: { access: 'account' },
    schema: { tags, summary: 'Mon attestation en PDF', params: c.courseParams },
  }, async (req, reply) => {
    const found = await service.myAttestation(deps, user(req)!, req.params.slug);
    if (!found.ok) return present(reply, found);
    try {
      const file = await renderAttestationFile(found.value, A.fileName(req.params.slug));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition('attachment', file.fileName))
        .header('cache-control', 'no-store')
        .send(file.body);
    } catch (err) {
      if (!(err instanceof WorkerTimeoutError || err instanceof WorkerCrashError)) throw err;
      deps.log.error({ err }, 'attestation PDF not drawn');
      return sendFailure(reply, 'SPASER_FILE_UNAVAILABLE');
    }
  });

  app.get('/api/public/attestations/:code', {
    config: { access: 'public' },
    schema: { tags, summary: 'Vérifier une attestation : nom, formation et date', params: c.codeParams, response: { 200: c.verificationResponse } },
  }, async (req, reply) => present(reply, await service.verifyAttestation(deps, req.params.code)));

  // --- Facilitators ----------------------------------------------------------------------------

  app.post('/api/courses', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Créer une formation (brouillon)', body: c.newCourseInput, response: { 201: z.object({ slug: z.string() }) } },
  }, async (req, reply) => reply.code(201).send({ slug: (await service.createCourse(deps, user(req), req.body)).slug }));

  app.get('/api/courses/:slug/draft', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Le brouillon d’une formation', params: c.courseParams, response: { 200: c.draftResponse } },
  }, async (req, reply) => present(reply, await service.getDraft(deps, req.params.slug)));

  app.put('/api/courses/:slug/draft', {
    config: { access: 'facilitator' },
    // A course of 3 h 30 with its quizzes is about 200 KB of JSON.
    bodyLimit: 2 * 1024 * 1024,
    schema: { tags, summary: 'Enregistrer le brouillon (chapitres, leçons, quiz)', params: c.courseParams, body: c.draftInput, response: { 200: c.draftResponse } },
  }, async (req, reply) => present(reply, await service.saveDraft(deps, user(req)!, req.params.slug, req.body)));

  app.post('/api/courses/:slug/publish', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Publier le brouillon comme nouvelle version', params: c.courseParams, body: c.publishInput, response: { 200: z.object({ revision: z.number() }) } },
  }, async (req, reply) => present(reply, await service.publishCourse(deps, user(req), req.params.slug, req.body.note)));

  app.get('/api/courses/:slug/revisions', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Les versions publiées', params: c.courseParams, response: { 200: c.revisionsResponse } },
  }, async (req, reply) => present(reply, await service.listRevisions(deps, req.params.slug)));

  app.get('/api/courses/:slug/revisions/:number', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Une version publiée', params: c.revisionParams, response: { 200: c.revisionResponse } },
  }, async (req, reply) => present(reply, await service.getRevision(deps, req.params.slug, req.params.number)));

  app.get('/api/courses/:slug/learners', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Progression des apprenants, ou des participants d’une promotion', params: c.courseParams, querystring: c.progressQuery, response: { 200: c.progressResponse } },
  }, async (req, reply) => present(reply, await service.courseProgress(deps, req.params.slug, req.query.cohort)));

  app.get('/api/courses/:slug/learners.csv', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'La progression des apprenants en CSV (tableur)', params: c.courseParams, querystring: c.progressQuery },
  }, async (req, reply) => {
    const report = await service.courseProgress(deps, req.params.slug, req.query.cohort);
    if (!report.ok) return present(reply, report);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', contentDisposition('attachment', `suivi-${req.params.slug}.csv`))
      .header('cache-control', 'no-store')
      .send(spreadsheetCsv(service.progressCsvRows(report.value)));
  });
}

/** GET /attestations/:code: the verification, rendered on the server (it needs no JavaScript). */
export function learningPageRoutes(app: App, deps: Deps, shell: string) {
  app.get('/attestations/:code', {
    config: { access: 'public' },
    schema: { hide: true, params: c.codeParams },
  }, async (req, reply) => {
    const found = await service.verifyAttestation(deps, req.params.code);
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache');
    const meta = { title: A.verifyTitle, description: A.verifyDescription, siteName: platformLabels.siteName, canonical: `${deps.config.baseUrl}${paths.attestation(req.params.code)}` };
    // Never indexed: a verification page names a person.
    const noindex = (html: string) => html.replace('<head>', '<head>\n    <meta name="robots" content="noindex" />');
    if (!found.ok) {
      const { SimplePage } = await import('../../web/layout/SimplePage.js');
      return reply.code(404).send(noindex(await renderPage(shell, req.url, { ...meta, title: A.notFoundTitle }, SimplePage, { title: A.notFoundTitle, text: A.notFoundText })));
    }
    const canonical = `${deps.config.baseUrl}${paths.attestation(found.value.code)}`;
    // The page's view (React, the DSFR) is loaded with the first page, not at start.
    const { AttestationView, attestationKey } = await import('../../web/learning/AttestationView.js');
    return reply.send(noindex(await renderPage(shell, req.url, { ...meta, canonical }, AttestationView, { verification: found.value }, { key: attestationKey(found.value.code), value: found.value })));
  });
}

import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { contentDisposition, present } from '../platform/http.js';
import { findForbiddenText } from '../platform/input.js';
import { fail, ok, type Result } from '../platform/result.js';
import type { App } from '../platform/types.js';
import * as collections from './collections/collections.service.js';
import * as edit from './resources/edit.service.js';
import { discardStaged, FileTooLargeError, registerFileJobs, stageFile, type StagedFile } from './files/files.service.js';
import * as c from './library.contract.js';
import { libraryMail } from './library.messages.js';
import { canPropose } from './library.policy.js';
import * as resources from './resources/resources.service.js';
import * as search from './search/search.service.js';
import './library.personal-data.js';

const tags = ['Bibliothèque de ressources'];
const uploadDescription =
  'Formulaire multipart/form-data : un champ `data` (JSON des informations de la ressource, voir le schéma resourceInput) et jusqu’à 5 fichiers `files` (PDF, DOCX, XLSX ou ODT ; type reconnu d’après le contenu ; taille limitée par LIBRARY_MAX_FILE_MB).';

const editDescription =
  'Formulaire multipart/form-data : un champ `data` (JSON : les informations à changer, mêmes clés que resourceInput — les clés absentes gardent leur valeur —, `removeFileIds` : fichiers à retirer, `organisationId` : organisation productrice ou null) et jusqu’à 5 nouveaux fichiers `files`, vérifiés comme à la publication. Une trace (qui, quand, quels champs) est gardée.';

/**
 * Reads a multipart upload: the `data` field (JSON) and the files, streamed one by one to the
 * temporary folder with the size limit. The caller discards the staged files in every case.
 */
async function receiveUpload(deps: Deps, req: FastifyRequest, staged: StagedFile[]): Promise<Result<unknown>> {
  if (!req.isMultipart()) return fail('UPLOAD_MALFORMED', { data: libraryMail.noData });
  let data: string | undefined;
  let current = '';
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (!part.filename) {
          part.file.resume();
          continue;
        }
        if (staged.length >= c.FILES_MAX) {
          part.file.resume();
          return fail('TOO_MANY_FILES', { files: libraryMail.tooManyFiles(c.FILES_MAX) });
        }
        current = part.filename;
        staged.push(await stageFile(deps, part.file, part.filename));
      } else if (part.fieldname === 'data') data = String(part.value);
    }
  } catch (e) {
    if (e instanceof FileTooLargeError) return fail('FILE_TOO_LARGE', { files: libraryMail.fileTooLarge(e.fileName, deps.config.libraryMaxFileBytes / 2 ** 20) });
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') return fail('FILE_TOO_LARGE', { files: libraryMail.fileTooLarge(current, deps.config.libraryMaxFileBytes / 2 ** 20) });
    if (code === 'FST_FILES_LIMIT') return fail('TOO_MANY_FILES', { files: libraryMail.tooManyFiles(c.FILES_MAX) });
    if (code?.startsWith('FST_')) return fail('UPLOAD_MALFORMED', {});
    throw e;
  }
  if (data === undefined) return fail('UPLOAD_MALFORMED', { data: libraryMail.noData });
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return fail('UPLOAD_MALFORMED', { data: libraryMail.notJson });
  }
  // The platform's input guard runs before the parts are read: the same check, on the `data` field.
  const forbidden = findForbiddenText(parsed);
  if (Object.keys(forbidden).length) return fail('VALIDATION', forbidden);
  return ok(parsed);
}

/**
 * The resource library API. Reading is public, filtered by each resource's audience
 * (docs/decisions/0010-library-resources.md); facilitators publish, review and curate; verified
 * members propose.
 */
export async function libraryRoutes(app: App, deps: Deps) {
  const user = (req: { auth: { user: AuthUser | null } }) => req.auth.user;

  const upload = async (req: FastifyRequest, status: 'published' | 'proposed') => {
    const u = user(req)!;
    const staged: StagedFile[] = [];
    try {
      const data = await receiveUpload(deps, req, staged);
      if (!data.ok) return data;
      if (status === 'proposed') {
        const visibility = (data.value as { visibility?: c.ResourceVisibility } | null)?.visibility ?? 'public';
        if (!canPropose(u, visibility)) return fail('PROPOSAL_AUDIENCE', { visibility: 'Choisissez « tout le monde » ou « membres vérifiés ».' });
      }
      return await resources.createFromStaged(deps, data.value, staged, { status, createdBy: u.id, announce: true });
    } finally {
      await discardStaged(staged);
    }
  };

  app.get('/api/library/resources', {
    config: { access: 'public' },
    schema: { tags, summary: 'Ressources (dernières publiées, ou recherche plein texte en français) avec facettes', querystring: c.listQuery, response: { 200: c.listResponse } },
  }, async (req) => search.listResources(deps, user(req), req.query));

  // Uploads, in their own scope: multipart is parsed there only, streamed part by part (never
  // buffered whole), each file stopped at the configured size.
  await app.register(async (plain) => {
    const scope = plain as unknown as App;
    await scope.register(multipart, {
      // One byte over the limit: stageFile's own count then names the file in its French message.
      limits: { fileSize: deps.config.libraryMaxFileBytes + 1, files: c.FILES_MAX + 1, fields: 10, fieldSize: 256 * 1024, parts: 20 },
    });
    scope.post('/api/library/resources', {
      config: { access: 'facilitator' },
      schema: { tags, summary: 'Publier une ressource (multipart)', description: uploadDescription, consumes: ['multipart/form-data'], response: { 201: c.createdResponse } },
    }, async (req, reply) => present(reply, await upload(req, 'published'), 201));

    scope.post('/api/library/proposals', {
      config: { access: 'verified' },
      schema: { tags, summary: 'Proposer une ressource, relue par l’équipe d’animation (multipart)', description: uploadDescription, consumes: ['multipart/form-data'], response: { 201: c.createdResponse } },
    }, async (req, reply) => present(reply, await upload(req, 'proposed'), 201));

    scope.patch('/api/library/resources/:resourceId', {
      config: { access: 'facilitator' },
      schema: { tags, summary: 'Modifier une ressource : informations, public, fichiers ajoutés ou retirés (multipart)', description: editDescription, consumes: ['multipart/form-data'], params: c.resourceIdParams, response: { 200: c.okResponse } },
    }, async (req, reply) => {
      const staged: StagedFile[] = [];
      let result: Result<{ ok: true }>;
      try {
        const data = await receiveUpload(deps, req, staged);
        result = data.ok ? await edit.updateFromStaged(deps, user(req)!, req.params.resourceId, data.value, staged) : data;
      } finally {
        // Before answering: a client that reads the temporary folder right after the answer finds it empty.
        await discardStaged(staged);
      }
      return present(reply, result);
    });
  });

  app.get('/api/library/upload-limits', {
    config: { access: 'public' },
    schema: { tags, summary: 'Taille maximale et nombre de fichiers par ressource', response: { 200: c.uploadLimitsResponse } },
  }, async () => ({ maxFileMb: deps.config.libraryMaxFileBytes / 2 ** 20, maxFiles: c.FILES_MAX }));

  app.get('/api/library/proposals', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Propositions à relire', response: { 200: c.proposalsResponse } },
  }, async () => resources.proposals(deps));

  app.get('/api/library/audiences', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Espaces privés et groupes auxquels réserver une ressource', response: { 200: c.audiencesResponse } },
  }, async () => resources.audiences(deps));

  app.get('/api/library/resources/:resourceId', {
    config: { access: 'public' },
    schema: { tags, summary: 'Une ressource, ses fichiers et les ressources similaires', params: c.resourceIdParams, response: { 200: c.resourceDetail } },
  }, async (req, reply) => present(reply, await resources.getResource(deps, user(req), req.params.resourceId)));

  app.post('/api/library/resources/:resourceId/review', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Publier ou refuser une proposition (le membre reçoit la décision par e-mail)', params: c.resourceIdParams, body: c.reviewBody, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await resources.review(deps, user(req)!, req.params.resourceId, req.body)));

  app.delete('/api/library/resources/:resourceId', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Supprimer une ressource et ses fichiers', params: c.resourceIdParams, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await resources.deleteResource(deps, req.params.resourceId)));

  app.get('/api/library/files/:fileId', {
    config: { access: 'public' },
    schema: { tags, summary: 'Télécharger un fichier (inline=1 : aperçu d’un PDF)', params: c.fileIdParams, querystring: c.downloadQuery },
  }, async (req, reply) => {
    const file = await resources.openFile(deps, user(req), req.params.fileId);
    if (!file.ok) return present(reply, file);
    const inline = req.query.inline === '1' && file.value.kind === 'pdf';
    reply
      .type(file.value.mimeType)
      .header('content-length', file.value.size)
      .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', file.value.fileName))
      .header('cache-control', 'private, no-store');
    // The resource page shows a PDF in a frame: only our own pages may frame it.
    if (inline) reply.header('content-security-policy', "frame-ancestors 'self'").header('x-frame-options', 'SAMEORIGIN');
    return reply.send(file.value.stream);
  });

  app.get('/api/library/collections', {
    config: { access: 'public' },
    schema: { tags, summary: 'Collections (nombre de ressources visibles)', response: { 200: c.collectionsResponse } },
  }, async (req) => collections.listCollections(deps, user(req)));

  app.get('/api/library/collections/:collectionId', {
    config: { access: 'public' },
    schema: { tags, summary: 'Une collection et ses ressources visibles', params: c.collectionIdParams, response: { 200: c.collectionDetail } },
  }, async (req, reply) => present(reply, await collections.getCollection(deps, user(req), req.params.collectionId)));

  app.post('/api/library/collections', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Créer une collection', body: c.collectionInput, response: { 201: c.createdResponse } },
  }, async (req, reply) => present(reply, await collections.createCollection(deps, user(req)!, req.body), 201));

  app.put('/api/library/collections/:collectionId', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Modifier une collection (titre, description, ressources dans l’ordre)', params: c.collectionIdParams, body: c.collectionInput, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await collections.updateCollection(deps, req.params.collectionId, req.body)));

  app.delete('/api/library/collections/:collectionId', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Supprimer une collection', params: c.collectionIdParams, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await collections.deleteCollection(deps, req.params.collectionId)));
}

/** Registers the library's durable jobs (called by platform/jobs.register.ts registerJobs). */
export function registerLibraryJobs(deps: Deps) {
  registerFileJobs(deps);
  resources.registerResourceJobs(deps);
}

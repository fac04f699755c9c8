import multipart from '@fastify/multipart';
import { z } from 'zod';
import { uuidParam } from '../../../shared/fields.js';
import type { Deps } from '../../platform/context.js';
import { present, sendFailure } from '../../platform/http.js';
import type { App } from '../../platform/types.js';
import * as c from './uploads.contract.js';
import * as uploads from './uploads.service.js';
import './uploads.personal-data.js';

const tags = ['DECP'];

export async function decpUploadRoutes(app: App, deps: Deps) {
  // Multipart in its own scope (the unsubscribe route has its own parser): files are streamed, never buffered.
  await app.register(async (plain) => {
    const scope = plain as unknown as App;
    await scope.register(multipart, { limits: { files: 1, fields: 5, fieldSize: 1024 } });
    scope.post('/api/decp/uploads', {
      // Counted in the uploads per hour, not in the bytes per day: staff import national files of hundreds of Mo.
      config: { access: 'facilitator', uploadQuota: { bytesPerDay: false } },
      schema: { tags, summary: 'Importer un fichier DECP (multipart, champ « file ») : import en tâche de fond', consumes: ['multipart/form-data'], response: { 202: c.uploadCreated } },
    }, async (req, reply) => {
      if (!req.isMultipart()) return sendFailure(reply, 'UPLOAD_MISSING', { file: 'Envoyez le fichier en multipart/form-data (champ « file »).' });
      const file = await req.file({ limits: { fileSize: deps.config.decpUploadMaxBytes } });
      return present(reply, await uploads.receiveUpload(deps, req.auth.user!, file), 202);
    });
  });

  app.get('/api/decp/uploads', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Derniers fichiers DECP importés en ligne', response: { 200: c.uploadsResponse } },
  }, async () => uploads.listUploads(deps));

  app.get('/api/decp/uploads/:uploadId', {
    config: { access: 'facilitator' },
    schema: { tags, summary: "Avancement et rapport d'un import", params: z.object({ uploadId: uuidParam }), response: { 200: c.upload } },
  }, async (req, reply) => present(reply, await uploads.getUpload(deps, req.params.uploadId)));
}

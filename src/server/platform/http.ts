import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { failureSpec } from './failures.js';
import type { Result } from './result.js';

/** The JSON body of every error answer under /api. */
export type ErrorBody = { error: string; message: string; fields?: Record<string, string> };

export function sendFailure(reply: FastifyReply, code: string, fields?: Record<string, string>) {
  const spec = failureSpec(code);
  const body: ErrorBody = { error: code, message: spec.message, ...(fields ? { fields } : {}) };
  return reply.code(spec.status).send(body);
}

/** Presents a service result: the value with `status`, or the failure's status and French message. */
export function present<T>(reply: FastifyReply, result: Result<T>, status = 200) {
  if (!result.ok) return sendFailure(reply, result.error, result.fields);
  return reply.code(status).send(result.value);
}

const statusMessages: Record<number, string> = {
  400: 'La requête est mal formée.',
  404: "Cette page ou cette ressource n'existe pas.",
  405: "Cette méthode n'est pas acceptée ici.",
  406: "Ce format de réponse n'est pas disponible.",
  413: 'Le contenu envoyé est trop volumineux.',
  415: "Ce type de contenu n'est pas accepté.",
  429: 'Trop de requêtes. Patientez quelques instants puis recommencez.',
};

/** Maps validation errors to French per-field messages; never lets a stack trace reach a user. */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: Record<string, string> = {};
      for (const issue of err.validation) {
        const key = issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || '_';
        fields[key] ??= issue.message ?? "Valeur invalide.";
      }
      return sendFailure(reply, 'VALIDATION', fields);
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      req.log.info({ err: { code: err.code, message: err.message } }, 'client error');
      const body: ErrorBody = { error: err.code ?? 'BAD_REQUEST', message: statusMessages[status] ?? statusMessages[400]! };
      return reply.code(status).send(body);
    }
    req.log.error({ err }, 'unexpected error');
    return sendFailure(reply, 'INTERNAL');
  });
}

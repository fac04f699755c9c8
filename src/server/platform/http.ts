import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from './db.js';
import { failureSpec } from './failures.js';
import type { Result } from './result.js';

/** The JSON body of every error answer under /api. */
export type ErrorBody = { error: string; message: string; fields?: Record<string, string> };

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name. */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string) {
  const ascii = fileName.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'fichier';
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

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

/** Node's error codes of a disk (or a disk quota) with no space left. */
const storageFullCodes = new Set(['ENOSPC', 'EDQUOT']);

/**
 * The storage-full code (ENOSPC, EDQUOT) anywhere in an error's `cause` chain (a stream pipeline or
 * a store may wrap the fs error), or undefined.
 */
function storageFullCode(err: unknown): string | undefined {
  let e = err as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 6; depth++, e = e.cause as typeof e) {
    if (typeof e.code === 'string' && storageFullCodes.has(e.code)) return e.code;
  }
  return undefined;
}

/** The platform's failure code of a framework error status (French message in failures.ts). */
const statusFailures: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
};

/**
 * The one answer to any error that no service turned into a typed failure: zod validation (French
 * per field), framework and plugin refusals (bad URL, parameter too long, content type, body too
 * large… : their status with a French message, their code and English text only in the log), the
 * database unreachable (503), anything else (500). Nothing of the request is echoed, never a stack.
 */
export function answerError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields: Record<string, string> = {};
    for (const issue of err.validation) {
      const key = issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || '_';
      fields[key] ??= issue.message ?? 'Valeur invalide.';
    }
    return sendFailure(reply, 'VALIDATION', fields);
  }
  if (isDatabaseUnavailable(err)) {
    req.log.error({ err: { code: err.code, message: err.message } }, 'database unreachable');
    // The pool reconnects at the first request once the database is back (docs/reliability.md).
    return sendFailure(reply.header('retry-after', '10'), 'UNAVAILABLE');
  }
  const fullCode = storageFullCode(err);
  if (fullCode) {
    req.log.error({ err: { code: fullCode, message: err.message } }, 'storage full');
    return sendFailure(reply, 'STORAGE_FULL');
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    req.log.info({ err: { code: err.code, message: err.message } }, 'client error');
    return sendFailure(reply, statusFailures[status] ?? 'BAD_REQUEST');
  }
  req.log.error({ err }, 'unexpected error');
  return sendFailure(reply, 'INTERNAL');
}

export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler(answerError);
}

/**
 * Fastify's `frameworkErrors` option: errors raised before routing (FST_ERR_BAD_URL,
 * FST_ERR_MAX_PARAM_LENGTH, FST_ERR_ASYNC_CONSTRAINT) go through the same answer instead of the
 * framework's English JSON that quotes the URL.
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  reply.header('x-request-id', req.id);
  return answerError(err, req, reply);
}

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser cannot read (malformed request line
 * or headers, headers too large) is answered in French on the raw socket, then closed.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: import('node:net').Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
  const code = err.code === 'HPE_HEADER_OVERFLOW' ? 'HEADERS_TOO_LARGE' : 'BAD_REQUEST';
  const status = code === 'HEADERS_TOO_LARGE' ? 431 : 400;
  const body = JSON.stringify({ error: code, message: code === 'HEADERS_TOO_LARGE' ? 'Les en-têtes de la requête sont trop volumineux.' : failureSpec('BAD_REQUEST').message });
  socket.end(
    `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Above this duration a request is logged as a warning (the only request lines of the development console). */
export const SLOW_REQUEST_MS = 500;

/**
 * One log record per answered request: a warning when slow, otherwise at info (JSON lines in
 * production). The route pattern, not the address, so tokens in paths and queries stay out of logs.
 */
export function logRequest(req: FastifyRequest, reply: FastifyReply) {
  const ms = Math.round(reply.elapsedTime);
  const fields = { method: req.method, route: req.routeOptions.url ?? req.url.split('?')[0], statusCode: reply.statusCode, ms };
  if (ms > SLOW_REQUEST_MS) req.log.warn(fields, 'slow request');
  else req.log.info(fields, 'request completed');
}

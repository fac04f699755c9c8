import type { z } from 'zod';
import { platformLabels } from './labels';

// The one HTTP client of the web app: JSON in and out, the CSRF header on every state-changing call,
// and errors as typed values carrying the server's French message and per-field messages.

export const CSRF_COOKIE = 'entraide_csrf';
const CSRF_HEADER = 'X-CSRF-Token';

/** The JSON body of every error answer of the API. */
export type ApiErrorBody = { error: string; message: string; fields?: Record<string, string> };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;
  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.error;
    this.fields = body.fields ?? {};
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

let csrfToken: string | null = null;

/** Remembers the token returned by GET /api/session and by login (a new one is issued at login). */
export function setCsrfToken(token: string) {
  csrfToken = token;
}

function readCookie(name: string): string | null {
  const found = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : null;
}

/** The cookie is what the server compares the header with; the remembered token is the fallback. */
function currentCsrfToken(): string | null {
  return readCookie(CSRF_COOKIE) ?? csrfToken;
}

async function refreshCsrfToken(): Promise<void> {
  const res = await fetch('/api/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (res.ok) {
    const body = (await res.json()) as { csrfToken?: string };
    if (body.csrfToken) setCsrfToken(body.csrfToken);
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function send(method: Method, url: string, body: unknown, retried = false): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // A FormData body (file uploads) sets its own multipart Content-Type.
  const form = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const token = currentCsrfToken();
    if (token) headers[CSRF_HEADER] = token;
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : form ? (body as FormData) : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { error: 'NETWORK', message: platformLabels.networkError });
  }
  const text = await res.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (res.ok) return json;
  const errorBody =
    json && typeof json === 'object' && 'error' in json && 'message' in json
      ? (json as ApiErrorBody)
      : { error: `HTTP_${res.status}`, message: platformLabels.unexpectedError };
  // An expired or missing CSRF cookie: fetch a fresh one and try once more.
  if (errorBody.error === 'CSRF' && !retried && method !== 'GET') {
    await refreshCsrfToken();
    return send(method, url, body, true);
  }
  throw new ApiError(res.status, errorBody);
}

/**
 * A contract's schema, or a function loading it. The layout and the home page pass a loader that
 * exists in development only (`import.meta.env?.DEV ? () => import(…) : undefined`), so the production
 * build leaves zod and the contracts out of the home page's JavaScript (docs/performance.md, web).
 */
export type Contract<S extends z.ZodType> = S | (() => Promise<S>);

/**
 * Types the answer with the contract's schema; in development the answer is also checked against it,
 * so a drift between the server and its contract shows up in the console.
 */
async function typed<S extends z.ZodType>(contract: Contract<S> | undefined, url: string, value: unknown): Promise<z.infer<S>> {
  if (contract && import.meta.env?.DEV) {
    const schema = typeof contract === 'function' ? await contract() : contract;
    const checked = schema.safeParse(value);
    if (!checked.success) console.warn(`Réponse de ${url} non conforme au contrat`, checked.error.issues);
  }
  return value as z.infer<S>;
}

/** Builds a query string, leaving out empty values. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

// Identical state-changing requests (method, address, body) still waiting for their answer: a
// repeated submit (Enter pressed twice, two buttons for one action) joins the first one and gets its
// answer, instead of sending the action again (issue 13, item 5). File uploads are never merged.
const inFlight = new Map<string, Promise<unknown>>();

function sendOnce(method: Method, url: string, body: unknown): Promise<unknown> {
  if (method === 'GET' || (typeof FormData !== 'undefined' && body instanceof FormData)) return send(method, url, body);
  const key = `${method} ${url} ${JSON.stringify(body ?? null)}`;
  const pending = inFlight.get(key);
  if (pending) return pending;
  const request = send(method, url, body).finally(() => inFlight.delete(key));
  inFlight.set(key, request);
  return request;
}

export const api = {
  get: async <S extends z.ZodType>(url: string, schema?: Contract<S>) => typed(schema, url, await sendOnce('GET', url, undefined)),
  post: async <S extends z.ZodType>(url: string, body?: unknown, schema?: Contract<S>) => typed(schema, url, await sendOnce('POST', url, body ?? {})),
  put: async <S extends z.ZodType>(url: string, body: unknown, schema?: Contract<S>) => typed(schema, url, await sendOnce('PUT', url, body)),
  patch: async <S extends z.ZodType>(url: string, body: unknown, schema?: Contract<S>) => typed(schema, url, await sendOnce('PATCH', url, body)),
  delete: async <S extends z.ZodType>(url: string, schema?: Contract<S>) => typed(schema, url, await sendOnce('DELETE', url, undefined)),
};

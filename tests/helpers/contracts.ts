import { z } from 'zod';
import type { RouteInfo } from '../../src/server/app.js';

/**
 * The route table with each route's zod contracts as JSON Schema (the same conversion the OpenAPI
 * document uses), for tests that walk every route: the input guard test and the API fuzzer.
 */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
};

export type RouteContract = RouteInfo & { params?: JsonSchema; querystring?: JsonSchema; body?: JsonSchema };

const toJson = (schema: unknown): JsonSchema | undefined =>
  schema ? (z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema) : undefined;

/** Every /api route but the documentation pages, with its contracts. */
export function routeContracts(routeTable: RouteInfo[]): RouteContract[] {
  return routeTable
    .filter((r) => !r.url.startsWith('/api/docs'))
    .map((r) => {
      const s = (r.schema ?? {}) as { params?: unknown; querystring?: unknown; body?: unknown };
      return { ...r, params: toJson(s.params), querystring: toJson(s.querystring), body: toJson(s.body) };
    });
}

/** The non-null branch of a nullable (`anyOf: [X, {type: 'null'}]`), or the schema itself. */
export function nonNull(schema: JsonSchema): JsonSchema {
  const branches = schema.anyOf ?? schema.oneOf;
  if (!branches) return schema;
  return branches.find((b) => b.type !== 'null') ?? schema;
}

/** Paths (dotted, arrays as index 0) of every free-text or enumerated string field of a schema. */
export function stringPaths(schema: JsonSchema | undefined, prefix: string[] = []): string[][] {
  if (!schema) return [];
  const s = nonNull(schema);
  if (s.type === 'string') return [prefix];
  if (s.type === 'array' && s.items) return stringPaths(s.items, [...prefix, '0']);
  if (s.type === 'object' && s.properties) {
    return Object.entries(s.properties).flatMap(([k, v]) => stringPaths(v, [...prefix, k]));
  }
  return [];
}

/** Builds `{a: {b: [value]}}` from the path `a.b.0`. */
export function valueAt(path: string[], value: unknown): unknown {
  let out: unknown = value;
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i]!;
    out = /^\d+$/.test(key) ? [out] : { [key]: out };
  }
  return out;
}

/** The URL of a route with its `:params` filled (values are percent-encoded). */
export function fillUrl(url: string, params: Record<string, string>): string {
  return url.replace(/:([a-zA-Z]+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** A query string from flat values (arrays repeat the key). */
export function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) sp.append(k, typeof item === 'string' ? item : JSON.stringify(item));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Access } from './access.js';
import type { Auth } from './auth.js';

/** The Fastify instance with zod contracts as its type provider. */
export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route (platform/access.ts); required on every /api route. */
    access?: Access;
  }
  interface FastifyRequest {
    auth: Auth;
  }
}

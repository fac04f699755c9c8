import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { accountsRoutes } from './accounts/accounts.routes.js';
import { eventsRoutes } from './events/events.routes.js';
import { codevRoutes } from './codev/codev.routes.js';
import { cohortsRoutes } from './cohorts/cohorts.routes.js';
import { helpspaceRoutes } from './helpspace/helpspace.routes.js';
import { libraryRoutes } from './library/library.routes.js';
import { notificationsRoutes, ONE_CLICK_UNSUBSCRIBE_PATH } from './notifications/notifications.routes.js';
import { observatoryRoutes } from './observatory/observatory.routes.js';
import { organisationsRoutes } from './organisations/organisations.routes.js';
import { decpUploadRoutes } from './procurement/uploads/uploads.routes.js';
import { territoriesRoutes } from './territories/territories.routes.js';
import { accessLevels, checkAccess } from './platform/access.js';
import { clockRoutes } from './platform/clock.routes.js';
import { csrfValid, loadAuth } from './platform/auth.js';
import type { Deps } from './platform/context.js';
import { ping } from './platform/db.js';
import { installErrorHandler, sendFailure } from './platform/http.js';
import type { App } from './platform/types.js';
import { isKnownPage } from '../web/paths.js';

export const webDistDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A declared route, as the authorisation matrix test reads it. */
export type RouteInfo = { method: string; url: string; access: string };

/**
 * Every /api route must declare who may call it: a route without a known access level makes the
 * registration throw, so the app cannot start with it. Returns the table the access matrix reads.
 */
export function installRouteGuard(app: { addHook: App['addHook'] }): RouteInfo[] {
  const routeTable: RouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    if (route.url.startsWith('/api/docs')) {
      route.config = { ...(route.config ?? {}), access: 'public' };
    }
    const access = (route.config as { access?: string } | undefined)?.access;
    if (!access || !(accessLevels as readonly string[]).includes(access)) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access level (config.access)`);
    }
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routeTable.push({ method, url: route.url, access });
    }
  });
  return routeTable;
}

/** Builds the Fastify instance with every module; listening is the caller's business. */
export async function buildApp(deps: Deps, opts: { serveWeb?: boolean } = {}): Promise<App & { routeTable: RouteInfo[] }> {
  const app = Fastify({
    loggerInstance: deps.log,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    trustProxy: deps.config.env === 'production',
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>() as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  const routeTable = installRouteGuard(app);

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: deps.config.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: deps.config.secureCookies,
  });

  app.decorateRequest('auth', null as never);
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    req.auth = await loadAuth(deps.db, deps.clock, req.cookies.entraide_session);
    // RFC 8058 one-click unsubscribe: the mail client POSTs without cookies nor CSRF token. The only
    // exemption: that exact path, POST, where the signed token in the address is the authority and
    // the only effect is to stop e-mails.
    if (req.method === 'POST' && req.url.split('?')[0] === ONE_CLICK_UNSUBSCRIBE_PATH) return;
    if (STATE_CHANGING.has(req.method) && !csrfValid(deps.config.sessionSecret, req)) {
      return sendFailure(reply, 'CSRF');
    }
  });
  // Access is decided before validation: an anonymous caller learns nothing from a 400.
  app.addHook('preValidation', async (req, reply) => {
    const access = req.routeOptions.config.access;
    if (!access) return;
    const orgId = (req.params as Record<string, string> | undefined)?.organisationId;
    const outcome = checkAccess(access, req.auth, orgId);
    if (outcome !== 'allowed') return sendFailure(reply, outcome);
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Entraide — API', version: '0.1.0', description: 'API de la plateforme Entraide. Les routes qui modifient des données exigent l’en-tête X-CSRF-Token.' },
      servers: [{ url: deps.config.baseUrl }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const up = await ping(deps.db);
    return reply.code(up ? 200 : 503).send({ status: up ? 'ready' : 'database unreachable' });
  });

  accountsRoutes(app, deps);
  organisationsRoutes(app, deps);
  territoriesRoutes(app, deps);
  helpspaceRoutes(app, deps);
  await libraryRoutes(app, deps);
  eventsRoutes(app, deps);
  cohortsRoutes(app, deps);
  codevRoutes(app, deps);
  clockRoutes(app, deps);
  observatoryRoutes(app, deps);
  await decpUploadRoutes(app, deps);
  await notificationsRoutes(app, deps);

  const serveWeb = opts.serveWeb ?? true;
  const indexHtml = path.join(webDistDir, 'index.html');
  if (serveWeb && fs.existsSync(indexHtml)) {
    await app.register(fastifyStatic, { root: webDistDir, wildcard: false, index: false, maxAge: '1h', immutable: false });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api') || req.method !== 'GET' || !serveWeb || !fs.existsSync(indexHtml)) {
      return sendFailure(reply, 'NOT_FOUND');
    }
    // The single-page app renders every page; unknown paths get its 404 page with a real 404 status.
    const pathname = req.url.split('?')[0]!;
    return reply
      .code(isKnownPage(pathname) ? 200 : 404)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(fs.createReadStream(indexHtml));
  });

  return Object.assign(app, { routeTable });
}

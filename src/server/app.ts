import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyRequest, type FastifySchema, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { accountsRoutes } from './accounts/accounts.routes.js';
import { actorsPageRoutes, actorsRoutes } from './actors/actors.routes.js';
import { learningPageRoutes, learningRoutes } from './learning/learning.routes.js';
import { eventsRoutes } from './events/events.routes.js';
import { codevRoutes } from './codev/codev.routes.js';
import { contactRoutes } from './contact/contact.routes.js';
import { cohortsRoutes } from './cohorts/cohorts.routes.js';
import { helpspaceRoutes } from './helpspace/helpspace.routes.js';
import { introductionsRoutes } from './introductions/introductions.routes.js';
import { libraryRoutes } from './library/library.routes.js';
import { notificationsRoutes, ONE_CLICK_UNSUBSCRIBE_PATH } from './notifications/notifications.routes.js';
import { observatoryRoutes } from './observatory/observatory.routes.js';
import { spaserRoutes } from './spaser/spaser.routes.js';
import { publicationRoutes } from './spaser/publication.routes.js';
import { directoryRoutes } from './spaser/directory.routes.js';
import { bilanRoutes } from './spaser/bilan.routes.js';
import { sitemapRoutes } from './sitemap.routes.js';
import { organisationPageRoutes } from './organisations/organisation-page.routes.js';
import { homePageRoutes } from './home-page.routes.js';
import { questionPageRoutes } from './helpspace/question-page.routes.js';
import { organisationsRoutes } from './organisations/organisations.routes.js';
import { peersRoutes } from './peers/peers.routes.js';
import { decpUploadRoutes } from './procurement/uploads/uploads.routes.js';
import { territoriesRoutes } from './territories/territories.routes.js';
import { themesRoutes } from './themes/themes.routes.js';
import { accessLevels, checkAccess } from './platform/access.js';
import { clockRoutes } from './platform/clock.routes.js';
import { installMetrics, metricsRoutes, monitoringAllowed } from './platform/metrics.js';
import { jobsAdminRoutes } from './platform/jobs.admin.js';
import { csrfValid, loadAuth } from './platform/auth.js';
import type { Deps } from './platform/context.js';
import { ping } from './platform/db.js';
import { clientErrorHandler, frameworkErrors, installErrorHandler, logRequest, sendFailure } from './platform/http.js';
import { installInputGuard } from './platform/input.js';
import { installQuotas } from './platform/quotas.js';
import { projectRoot, webDistDir } from './platform/paths.js';
import type { App } from './platform/types.js';
import { isKnownPage } from '../web/paths.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The path the router matched, never the raw request target: an absolute-form target
 * (`PUT http://host/api/…`, RFC 9112 §3.2.2) or a percent-encoded one (`/%61pi/…`) reaches the same
 * route as `/api/…` but does not start with `/api/`. Matched routes give their declared pattern;
 * an unmatched request gives the parsed pathname of its target.
 */
export function routePath(req: FastifyRequest): string {
  const declared = req.routeOptions.url;
  if (declared) return declared;
  const target = req.url;
  if (target.startsWith('/')) return target.split('?')[0]!;
  try {
    return new URL(target).pathname;
  } catch {
    return target;
  }
}

/** A declared route, as the authorisation matrix test and the API fuzzer read it (schema: its zod contract). */
export type RouteInfo = { method: string; url: string; access: string; schema?: FastifySchema };

/**
 * Every /api route must declare who may call it: a route without a known access level makes the
 * registration throw, so the app cannot start with it. Returns the table the access matrix reads.
 */
export function installRouteGuard(app: { addHook: App['addHook'] }): RouteInfo[] {
  const routeTable: RouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    // /metrics too: it is reserved (access 'monitoring'), so it declares it like the API routes.
    if (!route.url.startsWith('/api') && route.url !== '/metrics') return;
    if (route.url.startsWith('/api/docs')) {
      route.config = { ...(route.config ?? {}), access: 'public' };
    }
    const access = (route.config as { access?: string } | undefined)?.access;
    if (!access || !(accessLevels as readonly string[]).includes(access)) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access level (config.access)`);
    }
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routeTable.push({ method, url: route.url, access, schema: route.schema });
    }
  });
  return routeTable;
}

/** Hashed file names of the build (`/assets/index-BxY1z2a3.js`): their content never changes under that name. */
const HASHED_ASSET = /^\/assets\/.+-[\w-]{8,}\.\w+$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Every schema is a zod contract: given as the compilers' factories (rather than set after the
 * instance is built), Fastify never loads its default ones, ajv and fast-json-stringify, about a
 * tenth of a second of every start (docs/performance.md, start to ready). Fastify types these
 * factories after ajv's, hence the cast.
 */
const zodCompilers = {
  compilersFactory: { buildValidator: () => validatorCompiler, buildSerializer: () => serializerCompiler },
} as unknown as FastifyServerOptions['schemaController'];

/**
 * Builds the Fastify instance with every module; listening is the caller's business. `webDir` is the
 * built web app (dist/web by default; tests give a folder of their own).
 */
export async function buildApp(deps: Deps, opts: { serveWeb?: boolean; webDir?: string } = {}): Promise<App & { routeTable: RouteInfo[] }> {
  const app = Fastify({
    loggerInstance: deps.log,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // Off unless TRUST_PROXY names the reverse proxies: X-Forwarded-For from anyone else is ignored.
    trustProxy: deps.config.trustProxy,
    // One record per request, written below (slow ones as warnings), instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
    // Errors before routing and unreadable requests get the platform's French answer (platform/http.ts).
    frameworkErrors,
    clientErrorHandler,
    schemaController: zodCompilers,
  }).withTypeProvider<ZodTypeProvider>() as App;
  installErrorHandler(app);

  const routeTable = installRouteGuard(app);

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.addHook('onResponse', async (req, reply) => logRequest(req, reply));
  const metrics = installMetrics(app, deps);

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
    // Keyed on the matched route, not the raw target (issue 12 item 3).
    const pathname = routePath(req);
    if (!pathname.startsWith('/api/')) return;
    req.auth = await loadAuth(deps.db, deps.clock, req.cookies.entraide_session);
    // RFC 8058 one-click unsubscribe: the mail client POSTs without cookies nor CSRF token. The only
    // exemption: that exact path, POST, where the signed token in the address is the authority and
    // the only effect is to stop e-mails.
    if (req.method === 'POST' && pathname === ONE_CLICK_UNSUBSCRIBE_PATH) return;
    if (STATE_CHANGING.has(req.method) && !csrfValid(deps.config.sessionSecret, req)) {
      return sendFailure(reply, 'CSRF');
    }
  });
  // Access is decided before validation: an anonymous caller learns nothing from a 400.
  app.addHook('preValidation', async (req, reply) => {
    const access = req.routeOptions.config.access;
    if (!access) return;
    const orgId = (req.params as Record<string, string> | undefined)?.organisationId;
    // Fails closed: a request whose session was never loaded is anonymous, never a crash.
    const outcome =
      access === 'monitoring'
        ? monitoringAllowed(deps.config.metrics, { authorization: req.headers.authorization, ip: req.ip }) ? 'allowed' : 'NOT_FOUND'
        : checkAccess(access, req.auth ?? { user: null, sessionId: null }, orgId);
    if (outcome !== 'allowed') return sendFailure(reply, outcome);
  });
  // Then, still before any contract: control characters are refused in every text input (issue 12 item 1).
  installInputGuard(app);

  // Quotas per account (uploads, live streams, reset e-mails): before the routes they attach to.
  await installQuotas(app, deps);

  await app.register(swagger, {
    openapi: {
      info: { title: 'Entraide — API', version: '0.1.0', description: 'API de la plateforme Entraide. Les routes qui modifient des données exigent l’en-tête X-CSRF-Token.' },
      // Without BASE_URL the port is known only after listen: Swagger UI then uses the page's own origin.
      ...(deps.config.baseUrlGiven ? { servers: [{ url: deps.config.baseUrl }] } : {}),
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  metricsRoutes(app, metrics);
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  // For the load balancer: 503 while the database cannot be reached (within DATABASE_CONNECT_TIMEOUT_MS),
  // 200 again as soon as it answers (the pool reconnects by itself).
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    if (await ping(deps.db)) return { status: 'ready' };
    return reply.code(503).header('retry-after', '10').send({ status: 'unavailable', database: 'injoignable' });
  });

  accountsRoutes(app, deps);
  peersRoutes(app, deps);
  organisationsRoutes(app, deps);
  territoriesRoutes(app, deps);
  helpspaceRoutes(app, deps);
  await libraryRoutes(app, deps);
  eventsRoutes(app, deps);
  cohortsRoutes(app, deps);
  codevRoutes(app, deps);
  themesRoutes(app, deps);
  clockRoutes(app, deps);
  observatoryRoutes(app, deps);
  await spaserRoutes(app, deps);
  await decpUploadRoutes(app, deps);
  await notificationsRoutes(app, deps);
  jobsAdminRoutes(app, deps);
  contactRoutes(app, deps);
  actorsRoutes(app, deps);
  introductionsRoutes(app, deps);
  learningRoutes(app, deps);

  const serveWeb = opts.serveWeb ?? true;
  const webDir = opts.webDir ?? webDistDir;
  const indexHtml = path.join(webDir, 'index.html');
  const hasWeb = serveWeb && fs.existsSync(indexHtml);
  if (hasWeb) {
    // The build's Brotli and gzip copies (vite.config.ts) are sent to clients that accept them
    // (`preCompressed`: Accept-Encoding negotiated, `Vary: Accept-Encoding`, the plain file otherwise):
    // the app owns compression, a reverse proxy passes it through. Hashed assets are cached for a
    // year; everything else (index.html, the DSFR files whose address carries a version) revalidated.
    // One wildcard route (`wildcard: true`): a missing file falls through to the not-found handler
    // below, as before. Without it the plugin lists the folder at start and adds a GET and a HEAD
    // route for each of its ~1,000 files (the DSFR's icons, each asset's .br and .gz copies): about
    // a third of `buildApp`'s time in a start profile, for the same answers.
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: true,
      index: false,
      // A folder's address (`/`, `/assets/`) is a page of the app, never a listing or a 403.
      allowedPath: (pathname) => !pathname.endsWith('/'),
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, filePath) => {
        const rel = `/${path.relative(webDir, filePath).split(path.sep).join('/')}`.replace(/\.(br|gz)$/, '');
        res.header('cache-control', HASHED_ASSET.test(rel) ? IMMUTABLE : 'no-cache');
      },
    });
  }
  // Pages rendered on the server (ADR 0029) go inside the web app's own shell: the built one, or the
  // source one when the web app is not built (the tests, `npm run dev`'s API server).
  const shell = fs.readFileSync(hasWeb ? indexHtml : path.join(projectRoot, 'index.html'), 'utf8');
  publicationRoutes(app, deps, shell);
  directoryRoutes(app, deps, shell);
  bilanRoutes(app, deps, shell);
  actorsPageRoutes(app, deps, shell);
  learningPageRoutes(app, deps, shell);
  sitemapRoutes(app, deps);
  organisationPageRoutes(app, deps, shell);
  // The home page and a question, rendered whole for a visitor and hydrated (ADR 0037).
  homePageRoutes(app, deps, shell);
  questionPageRoutes(app, deps, shell);

  app.setNotFoundHandler((req, reply) => {
    const pathname = routePath(req);
    if (pathname.startsWith('/api') || req.method !== 'GET' || !hasWeb) {
      return sendFailure(reply, 'NOT_FOUND');
    }
    // The single-page app renders every page; unknown paths get its 404 page with a real 404 status.
    // Compressed like the other files; revalidated at each visit, so a new build is seen at once.
    return reply.code(isKnownPage(pathname) ? 200 : 404).sendFile('index.html');
  });

  return Object.assign(app, { routeTable });
}

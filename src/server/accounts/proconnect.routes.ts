import type { FastifyReply } from 'fastify';
import { CSRF_COOKIE, newCsrfToken, sessionIdOf, setSessionCookie } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { present, sendFailure } from '../platform/http.js';
import type { App } from '../platform/types.js';
import { paths } from '../../web/paths.js';
import * as c from './accounts.contract.js';
import * as accounts from './accounts.service.js';
import * as pc from './proconnect.contract.js';
import { proconnectMessages } from './proconnect.messages.js';
import * as proconnect from './proconnect.service.js';

const tags = ['Comptes'];
/** Holds the state of the sign-in in flight, so that only the browser that started it can finish it. */
export const STATE_COOKIE = 'entraide_proconnect_state';
/** Holds the pending link of a verified identity to an existing account, until its password is given. */
export const LINK_COOKIE = 'entraide_proconnect_link';
const COOKIE_PATH = '/api/auth/proconnect';

export function proconnectRoutes(app: App, deps: Deps) {
  const secure = deps.config.secureCookies;
  const cookie = (maxAge: number) => ({ path: COOKIE_PATH, httpOnly: true, sameSite: 'lax' as const, secure, maxAge });

  /** Every refusal is logged with what was wrong, and the browser lands on the log-in page that says it in French. */
  const refused = (reply: FastifyReply, error: string, detail?: string) => {
    deps.log.warn({ event: 'proconnect.refused', error, detail }, `ProConnect sign-in refused: ${error}`);
    reply.clearCookie(STATE_COOKIE, { path: COOKIE_PATH });
    return reply.redirect(paths.proconnectRefused(error), 303);
  };

  app.get('/api/auth/proconnect', {
    config: { access: 'public' },
    schema: { tags, summary: 'ProConnect est-il proposé ?', response: { 200: pc.proconnectStatus } },
  }, async () => ({ enabled: deps.config.proconnect !== null }));

  app.get('/api/auth/proconnect/login', {
    config: { access: 'public' },
    schema: { tags, summary: "S'identifier avec ProConnect (redirige vers ProConnect)" },
  }, async (_req, reply) => {
    const started = await proconnect.startSignIn(deps);
    if (!started.ok) return refused(reply, started.error, 'detail' in started ? started.detail : undefined);
    reply.setCookie(STATE_COOKIE, started.value.state, cookie(600));
    return reply.redirect(started.value.url, 303);
  });

  app.get('/api/auth/proconnect/callback', {
    config: { access: 'public' },
    schema: { tags, summary: 'Retour de ProConnect (code, state)' },
  }, async (req, reply) => {
    const pcConfig = deps.config.proconnect;
    // The address the provider redirected to: the configured redirect URI with this request's query.
    const currentUrl = new URL(pcConfig?.redirectUri ?? `${deps.config.baseUrl}/api/auth/proconnect/callback`);
    currentUrl.search = new URL(req.url, 'http://x').search;
    const result = await proconnect.finishSignIn(deps, { currentUrl, cookieState: req.cookies[STATE_COOKIE], ip: req.ip, userAgent: req.headers['user-agent'] });
    if (!result.ok) return refused(reply, result.error, 'detail' in result ? result.detail : undefined);
    reply.clearCookie(STATE_COOKIE, { path: COOKIE_PATH });
    if (result.value.kind === 'link') {
      reply.setCookie(LINK_COOKIE, result.value.linkToken, cookie(15 * 60));
      return reply.redirect(paths.proconnectLink(), 303);
    }
    const v = result.value;
    deps.log.info({ event: 'proconnect.signed_in', userId: v.userId, created: v.created, membership: v.membership.status }, 'ProConnect sign-in');
    setSessionCookie(reply, v.token, false, v.expiresAt, secure);
    reply.setCookie(CSRF_COOKIE, newCsrfToken(deps.config.sessionSecret, sessionIdOf(v.token)), { path: '/', sameSite: 'strict', secure, httpOnly: false });
    // A new account completes its profile first; everyone else sees their organisation.
    return reply.redirect(v.created ? paths.profile() : paths.myOrganisation(), 303);
  });

  app.get('/api/auth/proconnect/link', {
    config: { access: 'public' },
    schema: { tags, summary: 'Compte existant à lier à l’identité ProConnect', response: { 200: pc.pendingLinkResponse } },
  }, async (req, reply) => present(reply, await proconnect.pendingLink(deps, req.cookies[LINK_COOKIE])));

  /** The person is signed in: session and CSRF cookies, the pending link's cookie gone. */
  const signedIn = async (reply: FastifyReply, linked: { token: string; expiresAt: Date; userId: string }) => {
    reply.clearCookie(LINK_COOKIE, { path: COOKIE_PATH });
    setSessionCookie(reply, linked.token, false, linked.expiresAt, secure);
    const csrfToken = newCsrfToken(deps.config.sessionSecret, sessionIdOf(linked.token));
    reply.setCookie(CSRF_COOKIE, csrfToken, { path: '/', sameSite: 'strict', secure, httpOnly: false });
    return { user: await accounts.getMe(deps, linked.userId), csrfToken };
  };
  const linkRefused = (reply: FastifyReply, result: { error: string; fields?: Record<string, string>; detail?: string }) => {
    deps.log.warn({ event: 'proconnect.link_refused', error: result.error, detail: result.detail }, 'ProConnect link refused');
    return sendFailure(reply, result.error, result.fields);
  };

  app.post('/api/auth/proconnect/link', {
    config: { access: 'public' },
    schema: { tags, summary: 'Lier l’identité ProConnect au compte existant (mot de passe)', body: pc.linkBody, response: { 200: c.sessionResponse } },
  }, async (req, reply) => {
    const result = await proconnect.confirmLink(deps, { linkToken: req.cookies[LINK_COOKIE], password: req.body.password, ip: req.ip, userAgent: req.headers['user-agent'] });
    if (!result.ok) return linkRefused(reply, result);
    return signedIn(reply, result.value);
  });

  app.post('/api/auth/proconnect/link/email', {
    config: { access: 'public' },
    schema: { tags, summary: 'Recevoir un lien de confirmation par e-mail (au lieu du mot de passe)', response: { 200: pc.linkEmailResponse } },
  }, async (req, reply) => {
    const linkToken = req.cookies[LINK_COOKIE];
    const pending = await proconnect.pendingLink(deps, linkToken);
    if (!pending.ok) return linkRefused(reply, pending);
    // Counted like the password reset's e-mails (per client address, per address), with counters of its own.
    if (!(await app.quotas.proconnectLinkEmailAllowed(req, reply, pending.value.email))) return reply;
    const queued = await proconnect.requestEmailLink(deps, linkToken);
    if (!queued.ok) return linkRefused(reply, queued);
    // The browser keeps the pending link as long as the e-mailed link lives: it must open it here.
    reply.setCookie(LINK_COOKIE, linkToken!, cookie(proconnect.EMAIL_LINK_TTL_MS / 1000));
    return { ok: true as const, message: proconnectMessages.linkEmailSent(queued.value.email) };
  });

  app.post('/api/auth/proconnect/link/email/confirm', {
    config: { access: 'public' },
    schema: { tags, summary: 'Lier l’identité ProConnect au compte existant (lien reçu par e-mail)', body: pc.emailLinkBody, response: { 200: c.sessionResponse } },
  }, async (req, reply) => {
    const result = await proconnect.confirmEmailLink(deps, { linkToken: req.cookies[LINK_COOKIE], emailToken: req.body.token, ip: req.ip, userAgent: req.headers['user-agent'] });
    if (!result.ok) return linkRefused(reply, result);
    deps.log.info({ event: 'proconnect.linked_by_email', userId: result.value.userId, membership: result.value.membership.status }, 'ProConnect identity linked from the e-mailed link');
    return signedIn(reply, result.value);
  });
}

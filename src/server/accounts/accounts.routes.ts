import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { clearSessionCookie, CSRF_COOKIE, csrfTokenValidFor, newCsrfToken, sessionIdOf, setSessionCookie } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { present, sendFailure } from '../platform/http.js';
import { ok } from '../platform/result.js';
import type { App } from '../platform/types.js';
import { uuidParam } from '../../shared/fields.js';
import * as c from './accounts.contract.js';
import { loginRefusalMessages } from './accounts.messages.js';
import * as accounts from './accounts.service.js';
import * as dataRights from './data-rights.service.js';
import { memberProfile } from './member-profile.service.js';
import { TRUSTED_BROWSER_COOKIE } from './accounts.service.js';
import { providerLogoutUrl } from './proconnect.service.js';
import { proconnectRoutes } from './proconnect.routes.js';

const tags = ['Comptes'];

export function accountsRoutes(app: App, deps: Deps) {
  const secure = deps.config.secureCookies;
  proconnectRoutes(app, deps);

  app.get('/api/session', {
    config: { access: 'public' },
    schema: { tags, summary: 'Session courante et jeton CSRF', response: { 200: c.sessionResponse } },
  }, async (req, reply) => {
    const current = req.cookies[CSRF_COOKIE];
    let csrfToken: string;
    // A token of another session (expired, logged out elsewhere, planted) is replaced by one bound to this one.
    if (current && csrfTokenValidFor(deps.config.sessionSecret, current, req.auth.sessionId)) csrfToken = current;
    else {
      csrfToken = newCsrfToken(deps.config.sessionSecret, req.auth.sessionId);
      reply.setCookie(CSRF_COOKIE, csrfToken, { path: '/', sameSite: 'strict', secure, httpOnly: false });
    }
    const user = req.auth.user ? await accounts.getMe(deps, req.auth.user.id) : null;
    return { user, csrfToken };
  });

  app.post('/api/auth/signup', {
    config: { access: 'public' },
    schema: { tags, summary: 'Créer un compte', body: c.signUpBody, response: { 201: c.okResponse } },
  }, async (req, reply) => {
    const result = await accounts.signUp(deps, req.body);
    return present(reply, result.ok ? ok({ ok: true as const, message: 'Compte créé : confirmez votre adresse avec le lien reçu par e-mail.' }) : result, 201);
  });

  app.post('/api/auth/verify-email', {
    config: { access: 'public' },
    schema: { tags, summary: "Confirmer l'adresse e-mail", body: c.tokenBody, response: { 200: c.okResponse } },
  }, async (req, reply) => {
    const result = await accounts.verifyEmail(deps, req.body.token);
    return present(reply, result.ok ? ok({ ok: true as const, message: 'Adresse confirmée : vous pouvez vous connecter.' }) : result);
  });

  app.post('/api/auth/resend-verification', {
    config: { access: 'public' },
    schema: { tags, summary: 'Renvoyer le lien de confirmation', body: c.emailBody, response: { 200: c.okResponse } },
  }, async (req) => {
    await accounts.resendVerification(deps, req.body.email);
    return { ok: true as const, message: 'Si un compte non confirmé existe pour cette adresse, un nouveau lien vient de lui être envoyé.' };
  });

  app.post('/api/auth/login', {
    config: { access: 'public' },
    schema: { tags, summary: 'Se connecter', body: c.loginBody, response: { 200: c.sessionResponse } },
  }, async (req, reply) => {
    const result = await accounts.login(deps, { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'], trustedMark: req.cookies[TRUSTED_BROWSER_COOKIE] });
    if (!result.ok && 'retryAfterSeconds' in result) {
      const seconds = result.retryAfterSeconds;
      // The registry's message, made precise: when to try again (and Retry-After for programs).
      return (reply as FastifyReply).code(429).header('retry-after', String(seconds)).send({ error: result.error, message: loginRefusalMessages[result.error](seconds) });
    }
    if (!result.ok) return sendFailure(reply, result.error, result.fields);
    setSessionCookie(reply, result.value.token, result.value.remember, result.value.expiresAt, secure);
    // This browser's owner logged in: the account's ceiling on attempts will not slow it down.
    reply.setCookie(TRUSTED_BROWSER_COOKIE, accounts.trustedBrowserMark(deps, result.value.userId), {
      path: '/api/auth/login',
      httpOnly: true,
      sameSite: 'strict',
      secure,
      maxAge: 365 * 24 * 3600,
    });
    // A new CSRF token at login, bound to the new session: a token planted before authentication is not reused after.
    const csrfToken = newCsrfToken(deps.config.sessionSecret, sessionIdOf(result.value.token));
    reply.setCookie(CSRF_COOKIE, csrfToken, { path: '/', sameSite: 'strict', secure, httpOnly: false });
    const me = await accounts.getMe(deps, result.value.userId);
    return { user: me, csrfToken };
  });

  // Public: logging out with an expired session is still a success for the user.
  app.post('/api/auth/logout', {
    config: { access: 'public' },
    schema: { tags, summary: 'Se déconnecter', response: { 200: c.okResponse } },
  }, async (req, reply) => {
    const { proconnectIdToken } = await accounts.logout(deps, req.auth.sessionId);
    clearSessionCookie(reply, secure);
    // The token of the closed session no longer verifies: the next anonymous form gets a fresh one.
    reply.setCookie(CSRF_COOKIE, newCsrfToken(deps.config.sessionSecret, null), { path: '/', sameSite: 'strict', secure, httpOnly: false });
    // A ProConnect session also ends at the provider: the web app follows this address.
    const redirectTo = await providerLogoutUrl(deps, proconnectIdToken);
    return { ok: true as const, message: 'Vous êtes déconnecté.', ...(redirectTo ? { redirectTo } : {}) };
  });

  app.post('/api/auth/password-reset/request', {
    config: { access: 'public' },
    schema: { tags, summary: 'Demander un lien de réinitialisation', body: c.emailBody, response: { 200: c.okResponse } },
  }, async (req) => {
    // Over a limit (per client address, per e-mail address) nothing is sent, and the answer is the same.
    if (await app.quotas.resetEmailAllowed(req)) await accounts.requestPasswordReset(deps, req.body.email);
    return { ok: true as const, message: 'Si un compte existe pour cette adresse, un lien de réinitialisation vient de lui être envoyé.' };
  });

  app.post('/api/auth/password-reset/confirm', {
    config: { access: 'public' },
    schema: { tags, summary: 'Choisir un nouveau mot de passe', body: c.resetPasswordBody, response: { 200: c.okResponse } },
  }, async (req, reply) => {
    const result = await accounts.resetPassword(deps, req.body.token, req.body.password);
    return present(reply, result.ok ? ok({ ok: true as const, message: 'Mot de passe modifié : connectez-vous avec le nouveau.' }) : result);
  });

  app.get('/api/me', {
    config: { access: 'account' },
    schema: { tags, summary: 'Mon profil', response: { 200: c.me } },
  }, async (req, reply) => {
    const me = await accounts.getMe(deps, req.auth.user!.id);
    return me ?? sendFailure(reply, 'NOT_FOUND');
  });

  app.put('/api/me/profile', {
    config: { access: 'account' },
    schema: { tags, summary: 'Modifier mon profil', body: c.profileBody, response: { 200: c.me } },
  }, async (req, reply) => {
    const me = await accounts.updateProfile(deps, req.auth.user!.id, req.body);
    return me ?? sendFailure(reply, 'NOT_FOUND');
  });

  app.post('/api/me/password', {
    config: { access: 'account' },
    schema: { tags, summary: 'Changer mon mot de passe', body: c.changePasswordBody, response: { 200: c.okResponse } },
  }, async (req, reply) => {
    const result = await accounts.changePassword(deps, req.auth.user!.id, req.auth.sessionId!, req.body);
    return present(reply, result.ok ? ok({ ok: true as const, message: 'Mot de passe modifié.' }) : result);
  });

  app.get('/api/me/export', {
    config: { access: 'account' },
    schema: { tags, summary: 'Télécharger toutes mes données (JSON)', response: { 200: z.record(z.string(), z.unknown()) } },
  }, async (req, reply) => {
    const result = await dataRights.exportPersonalData(deps, req.auth.user!.id);
    if (!result.ok) return present(reply, result);
    const day = deps.clock.now().toISOString().slice(0, 10);
    return reply
      .header('content-disposition', `attachment; filename="entraide-mes-donnees-${day}.json"`)
      .header('cache-control', 'no-store')
      .send(result.value);
  });

  app.post('/api/me/delete', {
    config: { access: 'account' },
    schema: { tags, summary: 'Supprimer mon compte (mot de passe demandé)', body: c.deleteAccountBody, response: { 200: c.okResponse } },
  }, async (req, reply) => {
    const result = await dataRights.deleteAccount(deps, req.auth.user!.id, req.body);
    if (!result.ok) return present(reply, result);
    clearSessionCookie(reply, secure);
    return { ok: true as const, message: 'Votre compte est supprimé. Vos contributions restent visibles sous « Membre supprimé ».' };
  });

  app.get('/api/members', {
    config: { access: 'verified' },
    schema: { tags: ['Annuaire'], summary: 'Annuaire des membres', querystring: c.directoryQuery, response: { 200: c.directoryResponse } },
  }, async (req) => accounts.directory(deps, req.auth.user!.id, req.query));

  app.get('/api/members/:userId', {
    config: { access: 'verified' },
    schema: { tags: ['Annuaire'], summary: "Profil d'un membre (sans adresse e-mail)", params: z.object({ userId: uuidParam }), response: { 200: c.memberProfile } },
  }, async (req, reply) => present(reply, await memberProfile(deps, req.auth.user!.id, req.params.userId)));

  app.get('/api/admin/users', {
    config: { access: 'admin' },
    schema: { tags: ['Administration'], summary: 'Utilisateurs', querystring: c.adminUsersQuery, response: { 200: c.adminUsersResponse } },
  }, async (req) => accounts.adminListUsers(deps, req.query));

  app.patch('/api/admin/users/:userId', {
    config: { access: 'admin' },
    schema: { tags: ['Administration'], summary: "Changer le rôle ou désactiver un compte", params: z.object({ userId: uuidParam }), body: c.adminUserPatch, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await accounts.adminUpdateUser(deps, req.params.userId, req.body)));
}

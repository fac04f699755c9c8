import { z } from 'zod';
import { clearSessionCookie, CSRF_COOKIE, newCsrfToken, setSessionCookie } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { present, sendFailure } from '../platform/http.js';
import { ok } from '../platform/result.js';
import type { App } from '../platform/types.js';
import { uuidParam } from '../../shared/fields.js';
import * as c from './accounts.contract.js';
import * as accounts from './accounts.service.js';

const tags = ['Comptes'];

export function accountsRoutes(app: App, deps: Deps) {
  const secure = deps.config.secureCookies;

  app.get('/api/session', {
    config: { access: 'public' },
    schema: { tags, summary: 'Session courante et jeton CSRF', response: { 200: c.sessionResponse } },
  }, async (req, reply) => {
    let csrfToken = req.cookies[CSRF_COOKIE];
    if (!csrfToken) {
      csrfToken = newCsrfToken(deps.config.sessionSecret);
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
    const result = await accounts.login(deps, { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] });
    if (!result.ok) return sendFailure(reply, result.error, result.fields);
    setSessionCookie(reply, result.value.token, result.value.remember, result.value.expiresAt, secure);
    // A new CSRF token at login: a token planted before authentication is not reused after.
    const csrfToken = newCsrfToken(deps.config.sessionSecret);
    reply.setCookie(CSRF_COOKIE, csrfToken, { path: '/', sameSite: 'strict', secure, httpOnly: false });
    const me = await accounts.getMe(deps, result.value.userId);
    return { user: me, csrfToken };
  });

  // Public: logging out with an expired session is still a success for the user.
  app.post('/api/auth/logout', {
    config: { access: 'public' },
    schema: { tags, summary: 'Se déconnecter', response: { 200: c.okResponse } },
  }, async (req, reply) => {
    await accounts.logout(deps, req.auth.sessionId);
    clearSessionCookie(reply, secure);
    return { ok: true as const, message: 'Vous êtes déconnecté.' };
  });

  app.post('/api/auth/password-reset/request', {
    config: { access: 'public' },
    schema: { tags, summary: 'Demander un lien de réinitialisation', body: c.emailBody, response: { 200: c.okResponse } },
  }, async (req) => {
    await accounts.requestPasswordReset(deps, req.body.email);
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

  app.get('/api/members', {
    config: { access: 'verified' },
    schema: { tags: ['Annuaire'], summary: 'Annuaire des membres', querystring: c.directoryQuery, response: { 200: c.directoryResponse } },
  }, async (req) => accounts.directory(deps, req.query));

  app.get('/api/admin/users', {
    config: { access: 'admin' },
    schema: { tags: ['Administration'], summary: 'Utilisateurs', querystring: c.adminUsersQuery, response: { 200: c.adminUsersResponse } },
  }, async (req) => accounts.adminListUsers(deps, req.query));

  app.patch('/api/admin/users/:userId', {
    config: { access: 'admin' },
    schema: { tags: ['Administration'], summary: "Changer le rôle ou désactiver un compte", params: z.object({ userId: uuidParam }), body: c.adminUserPatch, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await accounts.adminUpdateUser(deps, req.params.userId, req.body)));
}

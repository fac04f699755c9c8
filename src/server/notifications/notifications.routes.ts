import type { Deps } from '../platform/context.js';
import { present } from '../platform/http.js';
import type { App } from '../platform/types.js';
import * as c from './notifications.contract.js';
import './notifications.messages.js';
import * as notifications from './notifications.service.js';
import './notifications.personal-data.js';

const tags = ['Notifications'];

/** Path of the RFC 8058 one-click unsubscribe endpoint, exempted from CSRF in app.ts. */
export const ONE_CLICK_UNSUBSCRIBE_PATH = '/api/notifications/unsubscribe';

export async function notificationsRoutes(app: App, deps: Deps) {
  app.get('/api/notifications', {
    config: { access: 'account' },
    schema: { tags, summary: 'Mes notifications', querystring: c.listQuery, response: { 200: c.listResponse } },
  }, async (req, reply) => present(reply, await notifications.listNotifications(deps, req.auth.user!, req.query)));

  app.get('/api/notifications/unread-count', {
    config: { access: 'account' },
    schema: { tags, summary: 'Nombre de notifications non lues', response: { 200: c.unreadCountResponse } },
  }, async (req) => notifications.unreadCount(deps, req.auth.user!));

  app.post('/api/notifications/:notificationId/read', {
    config: { access: 'account' },
    schema: { tags, summary: 'Marquer une notification comme lue', params: c.notificationIdParams, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await notifications.markRead(deps, req.auth.user!, req.params.notificationId)));

  app.post('/api/notifications/read-all', {
    config: { access: 'account' },
    schema: { tags, summary: 'Tout marquer comme lu', response: { 200: c.okResponse } },
  }, async (req) => notifications.markAllRead(deps, req.auth.user!));

  app.get('/api/notifications/preferences', {
    config: { access: 'account' },
    schema: { tags, summary: "Mes préférences d'e-mail", response: { 200: c.preferencesResponse } },
  }, async (req) => notifications.getPreferences(deps, req.auth.user!.id));

  app.put('/api/notifications/preferences', {
    config: { access: 'account' },
    schema: { tags, summary: "Changer mes préférences d'e-mail", body: c.preferencesBody, response: { 200: c.preferencesResponse } },
  }, async (req, reply) => present(reply, await notifications.updatePreferences(deps, req.auth.user!, req.body)));

  app.get(ONE_CLICK_UNSUBSCRIBE_PATH, {
    config: { access: 'public' },
    schema: { tags, summary: 'Désabonnement : ce que le lien va faire', querystring: c.unsubscribeQuery, response: { 200: c.unsubscribeInfo } },
  }, async (req, reply) => present(reply, await notifications.unsubscribeInfo(deps, req.query.token)));

  // Mail clients POST `List-Unsubscribe=One-Click` as a form (RFC 8058); the body is not needed,
  // the signed token in the address is the proof.
  await app.register(async (plain) => {
    const scope = plain as unknown as App;
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data'])
      scope.addContentTypeParser(type, { parseAs: 'string', bodyLimit: 4096 }, (_req, _body, done) => done(null, {}));
    scope.post(ONE_CLICK_UNSUBSCRIBE_PATH, {
      config: { access: 'public' },
      schema: { tags, summary: 'Se désabonner des e-mails en un clic (RFC 8058)', querystring: c.unsubscribeQuery, response: { 200: c.okResponse } },
    }, async (req, reply) => present(reply, await notifications.unsubscribe(deps, req.query.token)));
  });
}

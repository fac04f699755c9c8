import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { present } from '../../platform/http.js';
import type { App } from '../../platform/types.js';
import { cohortIdParams } from '../cohorts.contract.js';
import { announcementBody, announcementCreated, announcementPreview, announcementsResponse } from './announcements.contract.js';
import * as service from './announcements.service.js';

const tags = ['Promotions'];

/** A cohort's announcements: read by its members and staff; previewed and posted by its facilitators and staff. */
export function announcementsRoutes(app: App, deps: Deps) {
  const user = (req: { auth: { user: AuthUser | null } }) => req.auth.user;

  app.get('/api/cohorts/:cohortId/announcements', {
    config: { access: 'account' },
    schema: { tags, summary: 'Les annonces de la promotion, les plus récentes d’abord (membres)', params: cohortIdParams, response: { 200: announcementsResponse } },
  }, async (req, reply) => present(reply, await service.listAnnouncements(deps, user(req), req.params.cohortId)));

  app.post('/api/cohorts/:cohortId/announcements/preview', {
    config: { access: 'account' },
    schema: { tags, summary: 'Prévisualiser une annonce avant envoi (animation)', params: cohortIdParams, body: announcementBody, response: { 200: announcementPreview } },
  }, async (req, reply) => present(reply, await service.previewAnnouncement(deps, user(req)!, req.params.cohortId, req.body)));

  app.post('/api/cohorts/:cohortId/announcements', {
    config: { access: 'account' },
    schema: { tags, summary: 'Envoyer une annonce aux membres de la promotion (animation)', params: cohortIdParams, body: announcementBody, response: { 201: announcementCreated } },
  }, async (req, reply) => present(reply, await service.postAnnouncement(deps, user(req)!, req.params.cohortId, req.body), 201));
}

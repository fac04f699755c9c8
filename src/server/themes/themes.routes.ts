import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import type { App } from '../platform/types.js';
import * as c from './themes.contract.js';
import * as service from './themes.service.js';

const tags = ['Thèmes'];

/**
 * The theme pages (issue 23, item 9): public addresses whose content depends on the viewer — each
 * section is read with the rule of the module that owns it (themes.service.ts).
 */
export function themesRoutes(app: App, deps: Deps) {
  const user = (req: { auth: { user: AuthUser | null } }) => req.auth.user;

  app.get('/api/themes', {
    config: { access: 'public' },
    schema: { tags, summary: 'Les thèmes, avec le nombre de contenus que je peux lire dans chacun', response: { 200: c.themesResponse } },
  }, async (req) => service.themeList(deps, user(req)));

  app.get('/api/themes/:theme', {
    config: { access: 'public' },
    schema: { tags, summary: "Un thème : questions, ressources, événements, cas de codéveloppement, annonces et questions aux parrains que je peux lire", params: c.themeParams, response: { 200: c.themePageResponse } },
  }, async (req) => service.themePage(deps, user(req), req.params.theme));
}

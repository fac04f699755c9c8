import { asc, inArray } from 'drizzle-orm';
import type { Deps } from '../platform/context.js';
import type { App } from '../platform/types.js';
import { territoriesResponse } from './territories.contract.js';
import { territories } from './territories.tables.js';

export function territoriesRoutes(app: App, deps: Deps) {
  app.get('/api/territories', {
    config: { access: 'public' },
    schema: { tags: ['Territoires'], summary: 'Régions et départements', response: { 200: territoriesResponse } },
  }, async (_req, reply) => {
    const list = await deps.db
      .select({ kind: territories.kind, code: territories.code, name: territories.name, regionCode: territories.regionCode })
      .from(territories)
      .where(inArray(territories.kind, ['region', 'departement']))
      .orderBy(asc(territories.code));
    reply.header('cache-control', 'public, max-age=3600');
    return {
      regions: list.filter((t) => t.kind === 'region').map(({ kind: _k, ...t }) => t).sort((a, b) => a.name.localeCompare(b.name, 'fr')),
      departements: list.filter((t) => t.kind === 'departement').map(({ kind: _k, ...t }) => t),
    };
  });
}

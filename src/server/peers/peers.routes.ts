import type { App } from '../platform/types.js';
import type { Deps } from '../platform/context.js';
import { present } from '../platform/http.js';
import * as c from './peers.contract.js';
import './peers.messages.js';
import './peers.personal-data.js';
import { suggestPeers } from './peers.service.js';

export function peersRoutes(app: App, deps: Deps) {
  app.get('/api/peers/suggestions', {
    config: { access: 'verified' },
    schema: {
      tags: ['Annuaire'],
      summary: 'Membres qui peuvent m’aider, classés et expliqués',
      querystring: c.peerSuggestionsQuery,
      response: { 200: c.peerSuggestions },
    },
  }, async (req, reply) => present(reply, await suggestPeers(deps, req.auth.user!.id, req.query)));
}

import type { Deps } from '../platform/context.js';
import type { App } from '../platform/types.js';
import * as c from './contact.contract.js';
import { sendContactMessage } from './contact.service.js';

export function contactRoutes(app: App, deps: Deps) {
  app.post('/api/contact', {
    config: { access: 'public' },
    schema: {
      tags: ['Contact'],
      summary: "Écrire à l'équipe d'animation (copie à l'expéditeur ; CONTACT_MESSAGES_PER_HOUR messages par heure et par compte ou adresse IP)",
      body: c.contactBody,
      response: { 200: c.contactResponse },
    },
  }, async (req, reply) => {
    // After access and validation: a malformed message never uses the quota.
    if (!(await app.quotas.contactAllowed(req, reply))) return reply;
    return sendContactMessage(deps, req.auth.user, req.body);
  });
}

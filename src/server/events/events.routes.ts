import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { present } from '../platform/http.js';
import type { App } from '../platform/types.js';
import * as attendees from './attendees.service.js';
import * as calendar from './calendar.service.js';
import * as c from './events.contract.js';
import './events.messages.js';
import * as service from './events.service.js';
import * as registrations from './registrations.service.js';
import './events.personal-data.js';

const tags = ['Événements'];
const calendarType = 'text/calendar; charset=utf-8';

/**
 * Events and webinars: the agenda is public (each event per its visibility, events.policy.ts);
 * registering needs an account; facilitators create, edit, cancel and see attendees; admins see who
 * exported attendee lists. Calendar feeds are public addresses (the personal one behind its secret).
 */
export function eventsRoutes(app: App, deps: Deps) {
  const user = (req: { auth: { user: AuthUser | null } }) => req.auth.user;

  app.get('/api/events', {
    config: { access: 'public' },
    schema: { tags, summary: 'Agenda : événements à venir ou passés (filtres : type, titre)', querystring: c.listEventsQuery, response: { 200: c.eventsResponse } },
  }, async (req) => service.listEvents(deps, user(req), req.query));

  app.post('/api/events', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Créer un événement (heures de Paris)', body: c.eventBody, response: { 201: c.createdResponse } },
  }, async (req, reply) => present(reply, await service.createEvent(deps, user(req)!, req.body), 201));

  app.get('/api/events/mine', {
    config: { access: 'account' },
    schema: { tags, summary: 'Mes inscriptions et l’adresse de mon calendrier', response: { 200: c.myRegistrationsResponse } },
  }, async (req) => calendar.myRegistrations(deps, user(req)!));

  app.post('/api/events/mine/feed-url', {
    config: { access: 'account' },
    schema: { tags, summary: 'Nouvelle adresse secrète de mon calendrier (l’ancienne cesse de fonctionner)', response: { 200: c.feedUrlResponse } },
  }, async (req) => calendar.regenerateFeedUrl(deps, user(req)!));

  app.get('/api/events/:eventId', {
    config: { access: 'public' },
    schema: { tags, summary: 'Un événement', params: c.eventIdParams, response: { 200: c.eventDetail } },
  }, async (req, reply) => present(reply, await service.getEvent(deps, user(req), req.params.eventId)));

  // Staff, or the owner group's own facilitators (a cohort's sessions): decided per event (events.policy.ts).
  app.put('/api/events/:eventId', {
    config: { access: 'account' },
    schema: { tags, summary: 'Modifier un événement (animation ; les inscrits sont prévenus d’un changement d’horaire ou de lieu ; moins de places : les dernières personnes inscrites passent en liste d’attente)', params: c.eventIdParams, body: c.eventBody, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await service.updateEvent(deps, user(req)!, req.params.eventId, req.body)));

  app.post('/api/events/:eventId/cancel', {
    config: { access: 'account' },
    schema: { tags, summary: 'Annuler un événement (les inscrits sont prévenus)', params: c.eventIdParams, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await service.cancelEvent(deps, user(req)!, req.params.eventId)));

  app.put('/api/events/:eventId/replay', {
    config: { access: 'facilitator' },
    schema: { tags, summary: "Joindre l'enregistrement et le support après l'événement (corriger les liens met à jour le même replay)", params: c.eventIdParams, body: c.replayBody, response: { 200: c.replayResponse } },
  }, async (req, reply) => present(reply, await service.attachReplay(deps, user(req)!, req.params.eventId, req.body)));

  app.delete('/api/events/:eventId/replay', {
    config: { access: 'facilitator' },
    schema: { tags, summary: "Retirer l'enregistrement et le support (le replay est retiré de la bibliothèque)", params: c.eventIdParams, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await service.removeReplay(deps, user(req)!, req.params.eventId)));

  app.put('/api/events/:eventId/registration', {
    config: { access: 'account' },
    schema: { tags, summary: "S'inscrire (ou rejoindre la liste d'attente si c'est complet)", params: c.eventIdParams, response: { 201: c.registrationResponse } },
  }, async (req, reply) => present(reply, await registrations.register(deps, user(req)!, req.params.eventId), 201));

  app.delete('/api/events/:eventId/registration', {
    config: { access: 'account' },
    schema: { tags, summary: 'Annuler son inscription (la première personne en attente prend la place)', params: c.eventIdParams, response: { 200: c.cancelRegistrationResponse } },
  }, async (req, reply) => present(reply, await registrations.cancelRegistration(deps, user(req)!, req.params.eventId)));

  app.get('/api/events/:eventId/calendar.ics', {
    config: { access: 'public' },
    schema: { tags, summary: "L'événement au format iCalendar", params: c.eventIdParams },
  }, async (req, reply) => {
    const result = await calendar.eventIcs(deps, user(req), req.params.eventId);
    if (!result.ok) return present(reply, result);
    return reply.type(calendarType).header('content-disposition', 'attachment; filename="evenement.ics"').send(result.value);
  });

  app.get('/api/events/:eventId/attendees', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Participants et liste d’attente', params: c.eventIdParams, response: { 200: c.attendeesResponse } },
  }, async (req, reply) => present(reply, await attendees.attendees(deps, req.params.eventId)));

  app.get('/api/events/:eventId/attendees.csv', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Export CSV des participants (UTF-8 avec BOM, « ; ») ; chaque export est tracé', params: c.eventIdParams },
  }, async (req, reply) => {
    const result = await attendees.exportAttendeesCsv(deps, user(req)!, req.params.eventId);
    if (!result.ok) return present(reply, result);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${result.value.filename}"`)
      .header('cache-control', 'no-store')
      .send(result.value.csv);
  });

  app.get('/api/events/:eventId/exports', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Qui a exporté la liste des participants, et quand', params: c.eventIdParams, response: { 200: c.exportsResponse } },
  }, async (req, reply) => present(reply, await attendees.exportsLog(deps, req.params.eventId)));

  app.get('/api/calendar/public.ics', {
    config: { access: 'public' },
    schema: { tags, summary: 'Calendrier des webinaires publics (abonnement)' },
  }, async (_req, reply) => reply.type(calendarType).header('content-disposition', 'inline; filename="entraide-webinaires.ics"').send(await calendar.publicFeed(deps)));

  app.get('/api/calendar/personal/:token.ics', {
    config: { access: 'public' },
    schema: { tags, summary: 'Mon calendrier : mes inscriptions (adresse secrète)', params: c.feedTokenParams },
  }, async (req, reply) => {
    const result = await calendar.personalFeed(deps, req.params.token);
    if (!result.ok) return present(reply, result);
    return reply.type(calendarType).header('content-disposition', 'inline; filename="entraide-mes-inscriptions.ics"').header('cache-control', 'private, no-store').send(result.value);
  });
}

export { registerEventJobs } from './registrations.service.js';

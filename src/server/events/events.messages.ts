import { registerFailures } from '../platform/failures.js';
import type { EventKind } from './events.tables.js';

// French copy of the events module on the server side: failures, notices, e-mails.
registerFailures({
  EVENT_NOT_FOUND: { status: 404, message: "Cet événement n'existe pas, ou vous n'y avez pas accès." },
  EVENT_ENDS_BEFORE_START: { status: 400, message: "La fin de l'événement doit être après son début." },
  EVENT_CANCELLED: { status: 409, message: 'Cet événement est annulé : on ne peut plus s’y inscrire ni le modifier.' },
  EVENT_STARTED: { status: 409, message: 'Cet événement a déjà commencé : les inscriptions sont closes.' },
  EVENT_ENDED: { status: 409, message: 'Cet événement est terminé : on ne peut plus annuler son inscription.' },
  EVENT_NOT_ENDED: { status: 409, message: "L'enregistrement et le support se joignent une fois l'événement terminé." },
  NOT_REGISTERED: { status: 409, message: "Vous n'êtes pas inscrit ou inscrite à cet événement." },
  CANNOT_REGISTER: { status: 403, message: 'Cet événement est réservé à ses participants : vous ne pouvez pas vous y inscrire.' },
  EVENT_MANAGE_FORBIDDEN: { status: 403, message: "Seule l'équipe d'animation de cet événement peut le modifier ou l'annuler." },
  EVENT_NO_REPLAY: { status: 409, message: "Cet événement n'a pas d'enregistrement à retirer." },
  UNKNOWN_EVENT_OWNER: { status: 400, message: "Le groupe auquel réserver l'événement est inconnu." },
});

export const eventKindLabels: Record<EventKind, string> = {
  webinar: 'Webinaire',
  kickoff: 'Décollage',
  workshop: 'Atelier',
  codev: 'Codéveloppement',
  closing: 'Atterrissage',
  office_hours: 'Permanence',
};

export const eventNotices = {
  registered: 'Votre inscription est confirmée. Vous recevez un e-mail avec l’invitation à ajouter à votre agenda.',
  waitlisted: (position: number) =>
    `L'événement est complet : vous êtes sur la liste d'attente, en position ${position}. Si une place se libère, vous serez inscrit ou inscrite automatiquement et prévenu par e-mail.`,
  cancelled: 'Votre inscription est annulée. Merci d’avoir libéré votre place.',
  waitlistLeft: "Vous avez quitté la liste d'attente.",
};

import { registerFailures } from '../platform/failures.js';

// French copy of the review of a schéma (issue 19, item 3), server side: failures.
registerFailures({
  SPASER_REVIEW_NOT_INVITED: {
    status: 403,
    message: 'Seuls les rédacteurs de ce SPASER et les personnes invitées à le relire peuvent le commenter : demandez à un rédacteur de vous inviter.',
  },
  SPASER_REVIEWER_EXISTS: { status: 409, message: 'Cette personne est déjà invitée à relire ce SPASER.' },
  SPASER_REVIEWER_NOT_FOUND: { status: 404, message: "Cette personne n'est pas invitée à relire ce SPASER." },
  SPASER_REVIEW_THREAD_NOT_FOUND: { status: 404, message: "Cette discussion n'existe pas sur ce SPASER." },
  SPASER_REVIEW_RESOLVE_FORBIDDEN: {
    status: 403,
    message: 'Seuls les rédacteurs du SPASER et la personne qui a ouvert la discussion la marquent comme résolue ou la rouvrent.',
  },
});

/** Per-field French messages the service decides (the contract's own are in review.contract.ts). */
export const reviewFieldMessages = {
  notEligible: 'Choisissez un collègue d’un acheteur du schéma ou un animateur de la plateforme : cette personne ne peut pas être invitée.',
  editor: 'Cette personne rédige déjà ce SPASER : elle le commente sans invitation.',
};

import { registerFailures } from '../platform/failures.js';
import { DECLINE_COOLDOWN_DAYS, MAX_PENDING_INTRODUCTIONS, MAX_REQUESTS_TO_MEMBER } from './introductions.contract.js';

// French copy of the answers of « mises en relation » (issue 20, item 5). The notifications' sentences
// are in introductions.notifications.ts, the pages' copy in src/web/introductions/labels.ts.
registerFailures({
  INTRODUCTION_SELF: { status: 400, message: 'Vous ne pouvez pas vous adresser une demande de mise en relation à vous-même.' },
  // The same answer for an unknown, hidden, unverified or disabled account and for a member who did
  // not choose « disponible pour aider »: it never tells whether a hidden account exists.
  INTRODUCTION_UNAVAILABLE: {
    status: 404,
    message:
      "Ce membre ne reçoit pas de demande de mise en relation : il n'existe pas, ne s'affiche pas dans l'annuaire des membres, ou n'a pas indiqué être disponible pour aider.",
  },
  INTRODUCTION_ALREADY_CONNECTED: { status: 409, message: 'Vous êtes déjà en relation avec ce membre : son adresse e-mail figure sur sa fiche et dans « Mes mises en relation ».' },
  INTRODUCTION_PENDING: { status: 409, message: 'Vous avez déjà adressé une demande à ce membre : elle attend sa réponse. Vous la retrouvez dans « Mes mises en relation ».' },
  INTRODUCTION_PENDING_FROM_PEER: { status: 409, message: 'Ce membre vous a déjà adressé une demande de mise en relation : acceptez-la ou déclinez-la dans « Mes mises en relation ».' },
  INTRODUCTION_DECLINED_RECENTLY: {
    status: 409,
    message: `Ce membre a décliné votre demande il y a moins de ${DECLINE_COOLDOWN_DAYS} jours : vous pourrez lui en adresser une nouvelle ${DECLINE_COOLDOWN_DAYS} jours après son refus.`,
  },
  INTRODUCTION_TOO_MANY_PENDING: {
    status: 409,
    message: `Vous avez déjà ${MAX_PENDING_INTRODUCTIONS} demandes de mise en relation en attente de réponse : attendez une réponse, ou retirez une demande dans « Mes mises en relation ».`,
  },
  INTRODUCTION_TOO_MANY_TO_MEMBER: {
    status: 429,
    message: `Vous avez déjà adressé ${MAX_REQUESTS_TO_MEMBER} demandes à ce membre ces ${DECLINE_COOLDOWN_DAYS} derniers jours, retirées comprises : sa fiche indique à partir de quand vous pourrez lui en adresser une nouvelle.`,
  },
  INTRODUCTION_NOT_FOUND: { status: 404, message: "Cette demande de mise en relation n'existe pas, ou elle ne vous concerne pas." },
  INTRODUCTION_NOT_RECIPIENT: { status: 403, message: 'Seule la personne sollicitée peut accepter ou décliner cette demande.' },
  INTRODUCTION_NOT_REQUESTER: { status: 403, message: "Seule la personne qui a fait la demande peut la retirer." },
  INTRODUCTION_ANSWERED: { status: 409, message: "Cette demande n'attend plus de réponse : elle a déjà été acceptée, déclinée ou retirée." },
});

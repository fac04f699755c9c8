import { registerFailures } from '../platform/failures.js';

// French copy of the help space on the server side: failures and notices.
registerFailures({
  SPACE_NOT_FOUND: { status: 404, message: "Cet espace n'existe pas, ou vous n'y avez pas accès." },
  QUESTION_NOT_FOUND: { status: 404, message: "Cette question n'existe pas, ou vous n'y avez pas accès." },
  POST_NOT_FOUND: { status: 404, message: "Ce message n'existe pas, ou vous n'y avez pas accès." },
  CANNOT_POST_HERE: { status: 403, message: "Vous ne pouvez pas publier dans cet espace : il est réservé à ses membres." },
  QUESTION_LOCKED: { status: 409, message: 'Cette question est verrouillée par la modération : on ne peut plus y répondre.' },
  NOT_YOUR_POST: { status: 403, message: "Vous ne pouvez modifier ou supprimer que vos propres messages." },
  NOT_YOUR_QUESTION: { status: 403, message: "Seul l'auteur de la question ou l'équipe d'animation peut marquer une réponse comme utile." },
  ALREADY_VOTED: { status: 409, message: 'Vous avez déjà voté pour ce message.' },
  NOT_VOTED: { status: 409, message: "Vous n'avez pas voté pour ce message." },
  OWN_POST_VOTE: { status: 403, message: 'Vous ne pouvez pas voter pour votre propre message.' },
  OWN_POST_REPORT: { status: 403, message: 'Vous ne pouvez pas signaler votre propre message.' },
  ALREADY_REPORTED: { status: 409, message: 'Vous avez déjà signalé ce message : l’équipe d’animation va l’examiner.' },
  NOT_AN_ANSWER: { status: 400, message: 'Seule une réponse peut être marquée comme utile.' },
  POSTING_RATE_LIMITED: {
    status: 429,
    message: 'Les comptes de moins de 7 jours publient au plus 5 messages par heure. Réessayez un peu plus tard.',
  },
  MOVE_NEEDS_THEME: { status: 400, message: 'Choisissez le thème vers lequel déplacer la question.' },
  MOVE_QUESTION_ONLY: { status: 400, message: 'Seule une question peut changer de thème.' },
  LOCK_QUESTION_ONLY: { status: 400, message: 'Seule une question peut être verrouillée.' },
  NOT_A_MEMBER_ACCOUNT: { status: 400, message: "Ce compte n'existe pas ou est désactivé." },
  SPACE_NOT_PRIVATE: { status: 400, message: "L'espace commun est ouvert à tous les membres vérifiés : il n'a pas de liste de membres." },
  UNKNOWN_FOLLOW_TARGET: { status: 404, message: "Ce que vous voulez suivre n'existe pas, ou vous n'y avez pas accès." },
});

export const helpNotices = {
  ALREADY_SOLVED: 'Cette question a déjà une réponse jugée utile : votre réponse est publiée et complète les précédentes.',
};

import { registerFailures } from '../../platform/failures.js';
import { UNANSWERED_QUESTIONS_MAX } from './sponsors.contract.js';

// French copy of the sponsor page on the server side: failures, the office hour's title and the
// notifications' sentences (built when they are listed or e-mailed).
registerFailures({
  SPONSOR_PROFILE_SPONSORS_ONLY: { status: 403, message: 'Seuls les parrains et marraines de la promotion ont une présentation à modifier, et chacun la sienne.' },
  SPONSOR_SLOTS_FORBIDDEN: { status: 403, message: "Seuls les parrains et marraines de la promotion et son équipe d'animation proposent des permanences." },
  SPONSOR_HOST_NOT_SPONSOR: { status: 400, message: "Cette personne n'est pas parrain ou marraine de la promotion." },
  SPONSOR_COHORT_FINISHED: { status: 409, message: 'Cette promotion est terminée : on n’y propose plus de permanence et on n’y pose plus de question.' },
  SPONSOR_SLOT_IN_PAST: { status: 400, message: 'Une permanence se propose dans le futur.' },
  SPONSOR_SLOT_NOT_FOUND: { status: 404, message: "Cette permanence n'existe pas dans cette promotion." },
  SPONSOR_BOOKING_PARTICIPANTS_ONLY: { status: 403, message: 'Les permanences se réservent par les participants de la promotion.' },
  SPONSOR_QUESTION_PARTICIPANTS_ONLY: { status: 403, message: 'Les questions aux parrains et marraines se posent par les participants de la promotion.' },
  SPONSOR_QUESTIONS_LIMIT: {
    status: 409,
    message: `Vous avez déjà ${UNANSWERED_QUESTIONS_MAX} questions sans réponse : attendez qu'une réponse arrive avant d'en poser une autre, ou posez-la dans l'espace privé de la promotion.`,
  },
  SPONSOR_QUESTION_NOT_FOUND: { status: 404, message: "Cette question n'existe pas dans cette promotion." },
  SPONSOR_ANSWER_FORBIDDEN: { status: 403, message: "Seuls les parrains et marraines de la promotion et son équipe d'animation répondent aux questions." },
});

export const sponsorText = {
  /** The title of an office hour in calendars and lists. */
  slotTitle: (firstName: string, lastName: string) => `Permanence de ${firstName} ${lastName}`,
  slotDescription: (cohortName: string) => `Permanence de parrainage de la promotion « ${cohortName} » : un échange sur votre SPASER, réservé à la personne inscrite.`,
  /** To the sponsors: a participant asked a question (the asker's name from the notification's actor). */
  questionSentence: (actorName: string | null, cohortName: string) =>
    `${actorName ?? 'Un membre'} pose une question aux parrains et marraines de la promotion « ${cohortName} ».`,
  /** To the asker: their question has an answer. */
  answerSentence: (actorName: string | null, cohortName: string) =>
    `${actorName ?? 'Un parrain ou une marraine'} a répondu à votre question dans la promotion « ${cohortName} ».`,
  deletedMember: 'membre supprimé',
} as const;

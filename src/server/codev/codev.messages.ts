import { registerFailures } from '../platform/failures.js';
import { GROUP_MAX, GROUP_MIN } from './groups/suggest.js';
import { de } from '../../shared/french.js';

// French copy of the co-development module on the server side: failures, e-mails, the sheet.
registerFailures({
  CODEV_GROUP_NOT_FOUND: { status: 404, message: "Ce groupe de codéveloppement n'existe pas." },
  CODEV_SESSION_NOT_FOUND: { status: 404, message: "Cette séance de codéveloppement n'existe pas." },
  CODEV_FORBIDDEN: {
    status: 403,
    message: "Cette séance est réservée aux membres de son groupe, à son animateur ou animatrice et à l'équipe de la plateforme.",
  },
  CODEV_NOTES_FORBIDDEN: {
    status: 403,
    message: "Vous ne pouvez pas écrire dans les notes d'un autre groupe : seuls les membres du groupe, l'animation de la séance et l'équipe de la plateforme le peuvent.",
  },
  CODEV_FACILITATE_FORBIDDEN: { status: 403, message: "Seul l'animateur ou l'animatrice de la séance peut conduire les étapes." },
  CODEV_GROUPS_INVALID: { status: 400, message: 'Les groupes ne respectent pas les règles : corrigez-les puis recommencez.' },
  CODEV_SUGGESTION_IMPOSSIBLE: { status: 409, message: 'Impossible de proposer des groupes qui respectent les règles.' },
  CODEV_GROUP_HAS_SESSIONS: { status: 409, message: 'Ce groupe a déjà des séances : il ne peut être supprimé.' },
  CODEV_SESSION_INVALID: { status: 400, message: 'Certains champs sont invalides : corrigez-les puis recommencez.' },
  CODEV_STEP_ACTION: { status: 409, message: "Cette action n'est pas possible à cette étape de la séance." },
  CODEV_STEP_NOT_STARTED: { status: 409, message: "Cette étape n'a pas encore commencé : ses notes ne sont pas ouvertes." },
  CODEV_SESSION_ENDED: { status: 409, message: 'La séance est terminée : les notes ne peuvent plus être modifiées.' },
  CODEV_SESSION_NOT_STARTED: { status: 409, message: "La séance n'a pas encore commencé : les notes s'ouvriront avec sa première étape." },
  CODEV_NOTE_CONFLICT: {
    status: 409,
    message:
      "Votre note a été modifiée entre-temps (dans un autre onglet ou sur un autre appareil). La version enregistrée est affichée ; votre texte est conservé dans le champ : vérifiez-le puis enregistrez à nouveau.",
  },
  CODEV_SESSION_NOT_HAPPENED: {
    status: 409,
    message: "Cette séance n'a pas encore eu lieu : sa fiche récapitulative n'existe qu'une fois la séance terminée.",
  },
  CODEV_REVIEW_NOT_REQUIRED: { status: 409, message: "Cette fiche n'attend pas de relecture : elle part automatiquement le lendemain à 9 h." },
  CODEV_ALREADY_APPROVED: { status: 409, message: 'Cette fiche a déjà été validée.' },
  CODEV_SESSION_CANCELLED: { status: 409, message: "Cette séance est annulée dans l'agenda : elle ne peut pas commencer. Reprogrammez-en une autre." },
});

export const codevLabels = {
  /** The session's agenda entry (an event of kind codev). */
  event: {
    title: (group: string, subject: string) => `Codéveloppement — ${group} : ${subject}`,
    description: (group: string, cohort: string, caseOwner: string) =>
      `Séance de codéveloppement du ${group} (${cohort}), méthode Payette et Champagne. Client (porteur du sujet) : ${caseOwner}. Les notes et la fiche récapitulative sont sur la page de la séance, réservée au groupe.`,
  },
  /** Sent on the live stream just before it closes, when its subscriber's access ended. */
  streamEnded: {
    signedOut: 'Votre session est terminée : reconnectez-vous pour suivre la séance.',
    noAccess: "Vous n'avez plus accès à cette séance : elle est réservée aux membres de son groupe, à son animateur ou animatrice et à l'équipe de la plateforme.",
  },
  groupName: (n: number) => `Groupe ${n}`,
  groupSize: (count: number) => `Un groupe compte de ${GROUP_MIN} à ${GROUP_MAX} participants (celui-ci en compte ${count}).`,
  groupSameOrganisation: (org: string) => `Deux personnes de la même organisation (${org}) ne peuvent être dans le même groupe.`,
  groupUnknownMember: 'Une des personnes choisies ne participe pas à la promotion.',
  groupTwice: 'Une personne ne peut être que dans un seul groupe.',
  tooFew: (n: number) => `Il faut au moins ${GROUP_MIN} participants pour former un groupe (la promotion en compte ${n}).`,
  sizes: (n: number) => `${n} participants ne se répartissent pas en groupes de ${GROUP_MIN} à ${GROUP_MAX} : ajoutez ou retirez des participants, ou formez les groupes à la main.`,
  sameOrganisation: (org: string, people: number, groups: number) =>
    `${people} participants viennent ${org ? de(org) : 'de la même organisation'} mais il n'y a que ${groups} groupe${groups > 1 ? 's' : ''} : ils ne peuvent pas tous être séparés.`,
  caseOwnerNotMember: 'Le client (porteur du sujet) doit être membre du groupe.',
  facilitatorNotAllowed: "L'animateur ou l'animatrice doit faire partie de l'équipe d'animation de la promotion ou de la plateforme.",
  mail: {
    subject: (title: string) => `Fiche récapitulative de votre séance de codéveloppement : ${title}`,
    title: 'Fiche récapitulative de la séance de codéveloppement',
    intro: (date: string, group: string, cohort: string) => `Séance du ${date}, ${group}, promotion ${cohort}.`,
    pdf: 'La fiche est jointe à ce message au format PDF.',
    action: 'Voir la fiche sur Entraide',
    filename: 'fiche-recapitulative.pdf',
  },
  archive: {
    title: (subject: string) => `Fiche récapitulative — ${subject}`,
    groupName: (group: string, subject: string) => `${group} — séance « ${subject} »`,
  },
  sheet: {
    title: 'Fiche récapitulative',
    session: 'Séance de codéveloppement',
    date: 'Date',
    cohort: 'Promotion',
    group: 'Groupe',
    facilitator: 'Animation',
    participants: 'Participants',
    caseOwner: 'Client (porteur du sujet)',
    subject: 'Le sujet',
    case: 'Le cas exposé',
    clarifications: 'Questions de clarification',
    contract: 'La demande (contrat de consultation)',
    consultation: 'Les idées principales de la consultation',
    actionPlan: "Le plan d'action",
    lessons: 'Les apprentissages',
    none: 'Rien de noté à cette étape.',
    footer: 'Entraide — fiche réservée aux membres du groupe.',
  },
} as const;

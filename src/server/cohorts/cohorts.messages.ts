import { registerFailures } from '../platform/failures.js';
import { layoutMail } from '../platform/mail.js';

// French copy of the cohorts module on the server side: failures, labels, e-mails.
registerFailures({
  COHORT_NOT_FOUND: { status: 404, message: "Cette promotion n'existe pas." },
  COHORT_FORBIDDEN: { status: 403, message: "Cette partie de la promotion est réservée à ses membres et à son équipe d'animation." },
  COHORT_MANAGE_FORBIDDEN: { status: 403, message: "Seule l'équipe d'animation de la promotion peut faire cela." },
  COHORT_DATES: { status: 400, message: 'La date de fin doit suivre la date de début.' },
  COHORT_CAPACITY_BELOW_ACCEPTED: { status: 409, message: 'La capacité ne peut être inférieure au nombre de participants déjà acceptés.' },
  COHORT_MEMBER_ACCOUNT: { status: 400, message: "Ce compte n'existe pas ou est désactivé." },
  COHORT_FULL: { status: 409, message: 'Cette promotion est complète : toutes les places sont attribuées.' },
  COHORT_CLOSED: { status: 409, message: 'Les candidatures à cette promotion sont closes.' },
  COHORT_FINISHED: { status: 409, message: 'Cette promotion est terminée.' },
  ALREADY_APPLIED: { status: 409, message: 'Vous avez déjà candidaté à cette promotion : votre candidature est en cours d’examen ou a reçu une réponse.' },
  ALREADY_IN_COHORT: { status: 409, message: 'Vous faites déjà partie de cette promotion.' },
  APPLICATION_ORGANISATION: { status: 400, message: 'Choisissez une organisation dont vous êtes membre vérifié.' },
  APPLICATION_NOT_FOUND: { status: 404, message: "Cette candidature n'existe pas, ou vous n'y avez pas accès." },
  APPLICATION_DECIDED: { status: 409, message: 'Cette candidature a déjà reçu cette décision, ou une décision définitive (acceptée ou refusée).' },
  SESSION_NOT_FOUND: { status: 404, message: "Cette séance n'existe pas dans cette promotion." },
  SESSION_NOT_STARTED: { status: 409, message: "La séance n'a pas encore commencé : la présence se note à partir de son début." },
  ATTENDANCE_NOT_MEMBER: { status: 400, message: 'Une des personnes cochées ne fait pas partie de la promotion.' },
  SURVEY_NOT_FOUND: { status: 404, message: "Ce questionnaire n'existe pas, ou vous n'y avez pas accès." },
  SURVEY_PHASE_TAKEN: { status: 409, message: 'Cette promotion a déjà ce questionnaire : modifiez-le plutôt que d’en créer un second.' },
  SURVEY_PARTICIPANTS_ONLY: { status: 403, message: 'Seuls les participants de la promotion répondent à ce questionnaire.' },
  SURVEY_ALREADY_ANSWERED: { status: 409, message: 'Vous avez déjà répondu à ce questionnaire : une seule réponse par personne.' },
  SURVEY_NOT_OPEN: { status: 409, message: "Ce questionnaire n'est pas encore ouvert." },
  SURVEY_CLOSED: { status: 409, message: 'Ce questionnaire est clos : les réponses ne sont plus acceptées.' },
  COHORT_STATUS_TRANSITION: { status: 409, message: "Ce changement de statut n'est pas possible." },
  COHORT_SELF_REMOVAL: { status: 409, message: "Vous ne pouvez pas vous retirer vous-même de l'animation : demandez-le à l'équipe du programme." },
  SURVEY_ANSWERED_LOCKED: { status: 409, message: 'Des participants ont déjà répondu : seules les corrections de formulation sont possibles (titre, introduction, intitulés des questions et des choix).' },
  SURVEY_CHANGED: { status: 409, message: "Le questionnaire vient d'être modifié : rechargez la page. Vos réponses sont gardées dans ce navigateur." },
  COHORT_NOT_A_MEMBER: { status: 404, message: "Cette personne ne fait pas partie de la promotion." },
});

const statusWords = { candidatures_ouvertes: 'Candidatures ouvertes', en_cours: 'En cours', terminee: 'Terminée' } as const;

export const cohortLabels = {
  status: statusWords,
  role: { sponsor: 'Parrain ou marraine', facilitator: 'Animation', participant: 'Participant ou participante' },
  /** Why a status change is refused, naming the moves that are possible. */
  statusTransition(from: keyof typeof statusWords, next: readonly (keyof typeof statusWords)[]) {
    if (!next.length) return `Une promotion « ${statusWords[from]} » ne change plus de statut.`;
    return `Depuis « ${statusWords[from]} », la promotion peut passer à ${next.map((s) => `« ${statusWords[s]} »`).join(' ou ')} seulement.`;
  },
  spaceName: (name: string) => `Promotion ${name}`,
  spaceDescription: (name: string) => `L'espace privé d'entraide de la promotion ${name} : réservé à ses membres et à l'équipe d'animation.`,
} as const;

const decisionWords = {
  accepted: { subject: 'Votre candidature est acceptée', title: 'Bienvenue dans la promotion', lead: (c: string) => `Votre candidature à la promotion ${c} est acceptée : l'espace privé d'entraide de la promotion vous est ouvert.` },
  refused: { subject: 'Votre candidature', title: 'Votre candidature n’a pas été retenue', lead: (c: string) => `Votre candidature à la promotion ${c} n'a pas été retenue.` },
  waitlisted: { subject: "Votre candidature est sur liste d'attente", title: "Liste d'attente", lead: (c: string) => `Votre candidature à la promotion ${c} est sur liste d'attente : nous vous écrirons si une place se libère.` },
} as const;

export const cohortMails = {
  decision(input: { firstName: string; cohortName: string; decision: keyof typeof decisionWords; message: string; url: string }) {
    const w = decisionWords[input.decision];
    return {
      subject: `${w.subject} — ${input.cohortName}`,
      ...layoutMail({
        title: w.title,
        paragraphs: [`Bonjour ${input.firstName},`, w.lead(input.cohortName), "Le message de l'équipe d'animation :", input.message],
        action: { label: 'Voir la promotion', url: input.url },
      }),
    };
  },
};

const parisDate = (local: string) => {
  const [d, t] = local.split('T');
  const [y, m, day] = d!.split('-');
  return `${day}/${m}/${y} à ${t!.replace(':', ' h ')}`;
};

export const surveyMails = {
  open(input: { firstName: string; cohortName: string; title: string; closesAt: string; url: string }) {
    return {
      subject: `Questionnaire à remplir — ${input.cohortName}`,
      ...layoutMail({
        title: input.title,
        paragraphs: [
          `Bonjour ${input.firstName},`,
          `Le questionnaire « ${input.title} » de la promotion ${input.cohortName} est ouvert jusqu'au ${parisDate(input.closesAt)} (heure de Paris).`,
          "Vos réponses aident l'équipe d'animation à mesurer ce que la promotion vous apporte ; les autres participants ne les voient pas.",
        ],
        action: { label: 'Répondre au questionnaire', url: input.url },
      }),
    };
  },
  reminder(input: { firstName: string; cohortName: string; title: string; closesAt: string; url: string }) {
    return {
      subject: `Rappel : questionnaire à remplir avant le ${parisDate(input.closesAt)}`,
      ...layoutMail({
        title: `Rappel : ${input.title}`,
        paragraphs: [
          `Bonjour ${input.firstName},`,
          `Vous n'avez pas encore répondu au questionnaire « ${input.title} » de la promotion ${input.cohortName}. Il ferme le ${parisDate(input.closesAt)} (heure de Paris).`,
        ],
        action: { label: 'Répondre au questionnaire', url: input.url },
      }),
    };
  },
};

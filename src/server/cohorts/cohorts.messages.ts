import { registerFailures } from '../platform/failures.js';

// French copy of the cohorts module on the server side: failures, labels, e-mails.
registerFailures({
  COHORT_NOT_FOUND: { status: 404, message: "Cette promotion n'existe pas." },
  COHORT_FORBIDDEN: { status: 403, message: "Cette partie de la promotion est réservée à ses membres et à son équipe d'animation." },
  COHORT_MANAGE_FORBIDDEN: { status: 403, message: "Seule l'équipe d'animation de la promotion peut faire cela." },
  COHORT_DATES: { status: 400, message: 'La date de fin doit suivre la date de début.' },
  COHORT_CAPACITY_BELOW_ACCEPTED: { status: 409, message: 'La capacité ne peut être inférieure au nombre de participants déjà acceptés.' },
  COHORT_MEMBER_ACCOUNT: { status: 400, message: "Ce compte n'existe pas ou est désactivé." },
  COHORT_FULL: { status: 409, message: 'Cette promotion est complète : toutes les places sont attribuées.' },
  COHORT_NOT_A_MEMBER: { status: 404, message: "Cette personne ne fait pas partie de la promotion." },
});

export const cohortLabels = {
  status: { candidatures_ouvertes: 'Candidatures ouvertes', en_cours: 'En cours', terminee: 'Terminée' },
  role: { sponsor: 'Parrain ou marraine', facilitator: 'Animation', participant: 'Participant ou participante' },
  spaceName: (name: string) => `Promotion ${name}`,
  spaceDescription: (name: string) => `L'espace privé d'entraide de la promotion ${name} : réservé à ses membres et à l'équipe d'animation.`,
} as const;

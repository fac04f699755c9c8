import { registerFailures } from '../../platform/failures.js';

// French copy of the announcements on the server side: failures and the notification's sentence.
registerFailures({
  ANNOUNCEMENT_COHORT_FINISHED: {
    status: 409,
    message: 'Cette promotion est terminée : on ne lui envoie plus d’annonce. Ses anciens membres se retrouvent dans la promotion suivante ou dans l’espace d’entraide.',
  },
});

export const announcementLabels = {
  /** The notification's sentence, built when it is listed or e-mailed. */
  sentence: (cohortName: string, title: string) => `Annonce de la promotion « ${cohortName} » : ${title}`,
} as const;

import { registerFailures } from '../platform/failures.js';

// French copy of the e-learning's refusals (issue 22, « Bad input »).

registerFailures({
  COURSE_NOT_FOUND: { status: 404, message: 'Cette formation n’existe pas ou n’est pas encore publiée.' },
  LESSON_NOT_FOUND: { status: 404, message: 'Cette leçon n’existe pas dans la formation.' },
  LESSON_LOCKED: { status: 403, message: 'Cette leçon s’ouvrira quand vous aurez terminé les précédentes : la formation se suit dans l’ordre.' },
  LESSON_NEEDS_QUIZ: { status: 409, message: 'Cette leçon se termine en réussissant son quiz, pas en la lisant.' },
  LESSON_HAS_NO_QUIZ: { status: 409, message: 'Cette leçon n’a pas de quiz.' },
  QUIZ_UNKNOWN_ANSWER: { status: 400, message: 'Une réponse ne correspond à aucune question du quiz : rechargez la page et recommencez.' },
  QUIZ_NO_ATTEMPTS_LEFT: { status: 409, message: 'Vous avez utilisé toutes les tentatives de ce quiz. L’équipe d’animation peut vous aider.' },
  COURSE_NOT_FINISHED: { status: 409, message: 'L’attestation se délivre une fois toutes les leçons terminées.' },
  ATTESTATION_NOT_FOUND: { status: 404, message: 'Aucune attestation ne porte ce code de vérification. Vérifiez-le : il figure en bas de l’attestation.' },
  COURSE_DRAFT_CONFLICT: { status: 409, message: 'Quelqu’un a enregistré ce brouillon entre-temps : rechargez la page pour repartir de sa version (vos modifications restent dans ce navigateur).' },
  COURSE_NOTHING_TO_PUBLISH: { status: 409, message: 'Le brouillon est identique à la version publiée : il n’y a rien à publier.' },
  COURSE_REVISION_NOT_FOUND: { status: 404, message: 'Cette version de la formation n’existe pas.' },
  COURSE_RESOURCE_UNKNOWN: { status: 400, message: 'Une ressource citée n’existe pas ou n’est pas publiée dans la bibliothèque.' },
});

export const learningText = {
  defaultChapter: 'Premier chapitre',
  defaultLesson: 'Première leçon',
  defaultBody: 'Le contenu de cette leçon reste à écrire.',
  untitledName: 'Apprenant ou apprenante',
  csvHeader: ['Nom', 'Adresse e-mail', 'Organisations', 'Commencée le', 'Dernière activité', 'Leçons terminées', 'Leçons au total', 'Progression (%)', 'Terminée le', 'Attestation'],
  yes: 'oui',
  no: 'non',
} as const;

import { registerFailures } from '../../platform/failures.js';

// French copy of the atterrissage on the server side.
registerFailures({
  RETROSPECTIVE_PARTICIPANTS_ONLY: { status: 403, message: 'Le retour d’expérience est celui des participants de la promotion.' },
  RETROSPECTIVE_NOT_YET: { status: 409, message: "Le retour d'expérience s'ouvre quand la promotion a commencé." },
  LESSONS_EMPTY: { status: 409, message: "Écrivez la synthèse publique avant de publier : c'est elle que tout le monde lira." },
  LESSONS_NOT_PUBLISHED: { status: 404, message: "Les enseignements de cette édition ne sont pas encore publiés." },
});

import { registerFailures } from '../../platform/failures.js';

// French copy of the edition's results and the programme's report on the server side.
registerFailures({
  PROGRAMME_REPORT_FORBIDDEN: { status: 403, message: "Le bilan du programme est réservé à l'équipe du programme (animation et administration)." },
  PROGRAMME_REPORT_LINK_UNKNOWN: { status: 404, message: "Ce lien de partage du bilan n'existe pas : vérifiez qu'il a été copié en entier." },
  PROGRAMME_REPORT_LINK_EXPIRED: { status: 410, message: "Ce lien de partage du bilan a expiré : demandez-en un nouveau à l'équipe du programme." },
});

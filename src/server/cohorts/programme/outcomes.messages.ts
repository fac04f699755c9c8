import { registerFailures } from '../../platform/failures.js';

// French copy of the edition's results and the programme's report on the server side.
registerFailures({
  PROGRAMME_REPORT_FORBIDDEN: { status: 403, message: "Le bilan du programme est réservé à l'équipe du programme (animation et administration)." },
});

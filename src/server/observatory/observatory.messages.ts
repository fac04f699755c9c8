import { registerFailures } from '../platform/failures.js';

registerFailures({
  SIREN_MISSING: { status: 409, message: "Le SIREN de cette organisation n'est pas encore renseigné : ses données de la commande publique ne peuvent être retrouvées." },
});

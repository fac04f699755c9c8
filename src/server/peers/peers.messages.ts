import { registerFailures } from '../platform/failures.js';

// French copy of the peers module on the server side.
registerFailures({
  PEERS_NO_ORGANISATION: {
    status: 404,
    message: "Les suggestions partent de votre organisation : choisissez l'une de celles dont vous êtes membre vérifié.",
  },
});

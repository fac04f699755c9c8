import { registerFailures } from '../../platform/failures.js';

// French copy of the next edition on the server side.
registerFailures({
  EDITION_FORBIDDEN: { status: 403, message: "Seule l'équipe du programme prépare une nouvelle édition : elle crée les promotions." },
  EDITION_START_PAST: { status: 400, message: 'La date de début ne peut pas être passée : choisissez aujourd’hui ou un jour à venir.' },
});

import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { postAnnouncement } from './announcements.service.js';

/** Two announcements on the running demo cohort, posted by its facilitator through the service (so members get them as news). */
export async function seedAnnouncements(deps: Deps, input: { cohortId: string; facilitator: AuthUser }) {
  await postAnnouncement(deps, input.facilitator, input.cohortId, {
    title: 'Bienvenue dans la promotion',
    body: 'Bienvenue à toutes et à tous !\n\n- Les séances sont dans **votre agenda** (adresse iCalendar sur la page de la promotion).\n- Posez vos questions dans l’espace privé : les autres participants y répondent aussi.',
    themes: ['gouvernance'],
  });
  await postAnnouncement(deps, input.facilitator, input.cohortId, {
    title: 'Atelier indicateurs : apportez vos tableaux de bord',
    body: 'Pour l’atelier indicateurs, apportez **un tableau de bord** de vos achats (même incomplet) : nous travaillerons sur vos propres chiffres.',
    themes: ['indicateurs'],
  });
}

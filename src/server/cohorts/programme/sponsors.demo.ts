import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { toParisLocal } from '../../../shared/paris-time.js';
import { answerQuestion, askQuestion, bookOfficeHour, createOfficeHour, saveMyProfile } from './sponsors.service.js';

const DAY = 24 * 3600_000;
/** A Paris wall-clock time `days` from now at `hhmm`. */
const at = (now: Date, days: number, hhmm: string) => `${toParisLocal(new Date(now.getTime() + days * DAY)).slice(0, 10)}T${hhmm}`;

/**
 * The running demo cohort's sponsor page (issue 23, item 3), written through the services: Nathalie
 * Petit (Bordeaux) tells her SPASER story and what she offers, opens two office hours in the coming
 * weeks — the first booked by a participant, the second free — and the question queue holds one
 * answered question and one waiting.
 */
export async function seedSponsorPage(deps: Deps, input: { cohortId: string; sponsor: AuthUser; participants: AuthUser[] }) {
  const { cohortId, sponsor, participants } = input;
  const [claire, sophie, marc] = participants;
  const now = deps.clock.now();
  await saveMyProfile(deps, sponsor, cohortId, {
    story: [
      'Bordeaux Métropole a adopté son SPASER en **2021**, après un an de travail avec les directions acheteuses.',
      '',
      '- un diagnostic des achats par famille, pour choisir trois priorités ;',
      '- un comité de pilotage présidé par un élu, deux fois par an ;',
      '- des indicateurs simples, publiés chaque année avec le rapport.',
      '',
      'Ce qui a le plus aidé : associer tôt les prescripteurs, et commencer par les marchés qui se renouvellent dans l’année.',
    ].join('\n'),
    offer: [
      'Je peux relire votre diagnostic ou votre projet de schéma, partager nos fiches indicateurs et vous mettre en relation avec nos acheteurs travaux et restauration.',
      '',
      'Réservez une permanence de 45 minutes, ou posez votre question ci-dessous.',
    ].join('\n'),
  });
  const first = await createOfficeHour(deps, sponsor, cohortId, { startsAt: at(now, 5, '14:00'), endsAt: at(now, 5, '14:45'), place: '', onlineUrl: 'https://visio.example/permanence-nathalie', capacity: 1 });
  await createOfficeHour(deps, sponsor, cohortId, { startsAt: at(now, 12, '10:00'), endsAt: at(now, 12, '10:45'), place: '', onlineUrl: 'https://visio.example/permanence-nathalie', capacity: 1 });
  if (first.ok && sophie) await bookOfficeHour(deps, sophie, cohortId, first.value.id);
  if (claire) {
    const asked = await askQuestion(deps, claire, cohortId, { body: 'Comment avez-vous convaincu vos élus de présider le comité de pilotage ?', themes: ['gouvernance'] });
    if (asked.ok)
      await answerQuestion(
        deps,
        sponsor,
        cohortId,
        asked.value.id,
        'En leur montrant ce que le schéma changeait pour **leurs** politiques (emploi local, alimentation) et en leur donnant un calendrier court : deux réunions par an, une heure chacune.',
      );
  }
  if (marc) await askQuestion(deps, marc, cohortId, { body: 'Quels indicateurs suivez-vous chaque année, et combien de temps cela vous prend-il ?', themes: ['indicateurs'] });
}

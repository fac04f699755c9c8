import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { answerIntroduction, requestIntroduction } from './introductions.service.js';

/**
 * Demo « mises en relation » (issue 20, item 5), made through the service like a member would: Claire
 * (Lyon, the first demo buyer of the README) has a request from Yann waiting for her answer; Aurélie
 * and Sophie are connected (Sophie accepted), so each sees the other's address.
 */
export async function seedIntroductions(deps: Deps, seeded: AuthUser[]) {
  const by = (email: string) => seeded.find((u) => u.email === email)!;
  const pending = await requestIntroduction(deps, by('yann.le-goff@rennes.example'), {
    recipientId: by('claire.martin@lyon.example').id,
    message:
      'Bonjour Claire, à Rennes nous révisons notre SPASER et cherchons des indicateurs de suivi que l’équipe puisse vraiment renseigner chaque année. Accepteriez-vous d’échanger une demi-heure sur ceux que Lyon a retenus ?',
  });
  const accepted = await requestIntroduction(deps, by('aurelie.roux@grenoble.example'), {
    recipientId: by('sophie.durand@nantes.example').id,
    message: 'Bonjour Sophie, nous préparons un marché de travaux avec du réemploi de matériaux. Pourriez-vous me raconter comment Nantes a rédigé ses clauses ?',
  });
  if (!pending.ok || !accepted.ok) throw new Error('demo introductions refused');
  await answerIntroduction(deps, by('sophie.durand@nantes.example').id, accepted.value.id, 'accept');
}

import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import { events } from '../../events/events.tables.js';
import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { markAttendance, OWNER_KIND } from '../schedule/schedule.service.js';
import { saveCard } from './cards.service.js';

/**
 * The running demo cohort's décollage and follow-up (issue 23, items 1–2): two participants filled
 * their card; attendance is marked at the two past sessions, where the third participant was absent
 * both times — the follow-up flags them « a manqué deux séances ».
 */
export async function seedParticipantsFollowUp(deps: Deps, input: { cohortId: string; facilitator: AuthUser; participants: AuthUser[] }) {
  const { cohortId, facilitator, participants } = input;
  const cards = [
    {
      jobRole: 'Responsable de la commande publique',
      spaserStage: 'redaction' as const,
      motivation: 'Finir la rédaction de notre schéma et le faire adopter avant l’été.',
      canBring: 'Notre cartographie des achats et nos clauses d’insertion, testées depuis trois ans.',
      needs: 'Des indicateurs simples à suivre et des exemples de gouvernance avec les élus.',
    },
    {
      jobRole: 'Acheteuse, direction des achats',
      spaserStage: 'reflexion' as const,
      motivation: 'Convaincre notre direction générale de lancer le schéma.',
      canBring: 'Un réseau d’acheteurs du territoire et un guide des achats responsables.',
      needs: 'Une méthode pour le diagnostic et des arguments pour le portage politique.',
    },
  ];
  for (const [i, card] of cards.entries()) if (participants[i]) await saveCard(deps, participants[i]!, cohortId, card);

  const past = await deps.db
    .select({ id: events.id })
    .from(events)
    .where(and(eq(events.ownerKind, OWNER_KIND), eq(events.ownerId, cohortId), inArray(events.kind, ['kickoff', 'workshop']), lt(events.endsAt, deps.clock.now())))
    .orderBy(asc(events.startsAt));
  for (const e of past)
    await markAttendance(deps, facilitator, cohortId, e.id, participants.map((p, i) => ({ userId: p.id, present: i < participants.length - 1 })));
}

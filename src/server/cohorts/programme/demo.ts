import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { fromParisLocal } from '../../../shared/paris-time.js';
import { apply, decide } from '../applications/applications.service.js';
import { createCohort, updateCohort } from '../cohorts.service.js';
import { createSession } from '../schedule/schedule.service.js';
import { createSurvey, getSurvey, setHeadline, submitResponse } from '../surveys/surveys.service.js';
import { publishLessons, saveLessons, saveRetrospective } from './retrospective.service.js';

/**
 * A finished edition for the demo (issue 23): « édition 1 », January to April 2025, whose six-month
 * window closed in October 2025, so « Résultats de l'édition » shows the intention beside real
 * adoptions from the demo's SPASER statuses: Nantes Métropole and Rezé adopted their joint schéma on
 * 27 June 2025 (within six months), Grenoble had adopted its own in 2021 (before the start), Lille not yet.
 * Its atterrissage has three retrospectives and published lessons (a page and a library resource).
 * Written through the services, each at the date it happened (a clock set to that moment).
 */
export const PAST_EDITION_NAME = 'Mission SPASER — édition 1';

export async function seedPastEdition(deps: Deps, people: AuthUser[]) {
  const by = (email: string) => people.find((u) => u.email === email);
  const farid = by('animation@entraide.example');
  const yann = by('yann.le-goff@rennes.example');
  const participants = ['gaelle.le-bihan@nantesmetropole.example', 'thomas.guerin@reze.example', 'julien.bernard@lille.example', 'aurelie.roux@grenoble.example']
    .map(by)
    .filter((u): u is AuthUser => !!u?.verifiedOrganisationIds[0]);
  if (!farid || !yann || participants.length < 4) return null;
  const at = (local: string): Deps => ({ ...deps, clock: { ...deps.clock, now: () => fromParisLocal(local)! } });

  const created = await createCohort(at('2024-11-04T10:00'), farid, {
    name: PAST_EDITION_NAME,
    edition: 1,
    startsOn: '2025-01-13',
    endsOn: '2025-04-11',
    capacity: 30,
    description:
      "La première édition de la Mission SPASER : trois mois pour écrire et faire adopter son schéma, avec un décollage, trois ateliers, " +
      "du co-développement et un atterrissage. Parrain : Rennes, qui a adopté son schéma en 2024.",
    sponsorIds: [yann.id],
    facilitatorIds: [farid.id],
  });
  if (!created.ok) return null;
  const id = created.value.id;
  const stages = ['redaction', 'reflexion', 'pas_commence', 'en_revision'] as const;
  for (const [i, p] of participants.entries()) {
    const applied = await apply(at('2024-11-20T11:00'), p, id, {
      organisationId: p.verifiedOrganisationIds[0]!,
      jobRole: 'Acheteur public',
      spaserStage: stages[i]!,
      expectations: 'Écrire notre schéma avec des pairs et le faire adopter.',
      availability: 'Une demi-journée par mois.',
    });
    if (applied.ok) await decide(at('2024-12-02T09:00'), farid, applied.value.id, { decision: 'accepted', message: 'Bienvenue dans la première édition !' });
  }
  await updateCohort(at('2025-01-10T09:00'), farid, id, { status: 'en_cours' });
  const session = (kind: 'kickoff' | 'workshop' | 'closing', title: string, day: string, from: string, to: string) =>
    createSession(at('2024-12-10T09:00'), farid, id, { kind, title, description: '', speakers: [], startsAt: `${day}T${from}`, endsAt: `${day}T${to}`, onlineUrl: 'https://visio.example/mission-spaser-1', place: null, capacity: null });
  await session('kickoff', 'Décollage de la promotion', '2025-01-13', '09:30', '12:30');
  await session('workshop', 'Atelier gouvernance du SPASER', '2025-02-06', '14:00', '16:30');
  await session('workshop', 'Atelier indicateurs', '2025-03-06', '14:00', '16:30');
  await session('closing', 'Atterrissage', '2025-04-11', '09:30', '12:30');

  // The end questionnaire: three of four say they will publish within six months.
  const end = await createSurvey(at('2025-03-20T10:00'), farid, id, {
    phase: 'end',
    title: 'Questionnaire de fin',
    intro: 'Ce que la promotion vous a apporté.',
    opensAt: '2025-04-07T09:00',
    closesAt: '2025-04-18T18:00',
    questions: [
      { kind: 'scale', label: 'Vous sentez-vous capable de déployer un SPASER dans votre organisation ?', options: [], required: true },
      { kind: 'single', label: 'Prévoyez-vous de publier un SPASER dans les six mois ?', options: ['Oui', 'Non', 'Je ne sais pas encore'], required: true },
    ],
  });
  if (end.ok) {
    const detail = await getSurvey(at('2025-04-08T10:00'), farid, end.value.id);
    if (detail.ok) {
      const [able, publish] = detail.value.questions;
      const answers: [number, number][] = [[5, 0], [4, 0], [3, 0], [4, 1]];
      for (const [i, p] of participants.entries()) await submitResponse(at('2025-04-09T10:00'), p, end.value.id, { [able!.id]: { scale: answers[i]![0] }, [publish!.id]: { choices: [answers[i]![1]] } });
      await setHeadline(at('2025-04-20T10:00'), farid, id, 'more_able', { questionId: able!.id, yesValues: [4, 5] });
      await setHeadline(at('2025-04-20T10:00'), farid, id, 'publish_within_6_months', { questionId: publish!.id, yesValues: [0] });
    }
  }
  // The atterrissage: three retrospectives, and the lessons the facilitator drew from them, published.
  const retrospectives: [number, string, string, string][] = [
    [0, "Le co-développement : trois pairs sur notre gouvernance, et la délibération a suivi.", 'Commencer les indicateurs plus tôt.', 'Associer les élus dès le premier mois.'],
    [1, 'Écrire à plusieurs acheteurs du même territoire.', 'Des ateliers plus courts, plus fréquents.', 'Le schéma commun allège le suivi annuel.'],
    [2, 'Les exemples de schémas publiés.', 'Un temps sur les données de la commande publique.', 'Partir des marchés réels, pas du modèle.'],
  ];
  for (const [i, worked, change, lessons] of retrospectives) await saveRetrospective(at('2025-04-10T17:00'), participants[i]!, id, { worked, change, lessons });
  await saveLessons(at('2025-04-24T10:00'), farid, id, {
    publicSummary:
      "## Ce que la première édition a appris\n\n" +
      "- **La gouvernance d'abord** : les participants qui ont associé leurs élus dès le premier mois ont fait adopter leur schéma avant les autres.\n" +
      "- **À plusieurs, c'est plus simple** : un schéma commun entre acheteurs d'un même territoire partage la rédaction et le suivi annuel.\n" +
      "- **Partir des marchés réels** : les données de la commande publique (DECP) disent où agir en premier.\n\n" +
      "Pour la prochaine édition : des ateliers plus courts, et les indicateurs dès le deuxième mois.",
    privateDetails: 'Trois retours sur quatre. Proposition de Gaëlle : un atelier commun avec les acheteurs de Rezé et de Nantes pour la prochaine édition.',
  });
  await publishLessons(at('2025-04-25T10:00'), farid, id);
  await updateCohort(at('2025-04-14T09:00'), farid, id, { status: 'terminee' });

  // Six months after the end, the follow-up questionnaire: two answers.
  const followup = await createSurvey(at('2025-09-15T10:00'), farid, id, {
    phase: 'followup',
    title: 'Questionnaire de suivi à six mois',
    intro: "Six mois après la fin de la promotion : où en est votre SPASER ?",
    opensAt: '2025-10-13T09:00',
    closesAt: '2025-10-27T18:00',
    questions: [{ kind: 'single', label: 'Votre organisation a-t-elle adopté son SPASER depuis le début de la promotion ?', options: ['Oui', 'Pas encore', 'Non'], required: true }],
  });
  if (followup.ok) {
    const detail = await getSurvey(at('2025-10-14T10:00'), farid, followup.value.id);
    const q = detail.ok ? detail.value.questions[0] : undefined;
    if (q)
      for (const [p, choice] of [[participants[0]!, 0], [participants[2]!, 1]] as const)
        await submitResponse(at('2025-10-15T10:00'), p, followup.value.id, { [q.id]: { choices: [choice] } });
  }
  return id;
}

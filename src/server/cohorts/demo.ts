import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { toParisLocal } from '../../shared/paris-time.js';
import { apply, decide } from './applications/applications.service.js';
import { createCohort, updateCohort } from './cohorts.service.js';
import { createSession } from './schedule/schedule.service.js';
import { applyCodevParticipants, seedCodev } from '../codev/codev.demo.js';
import { seedAnnouncements } from './programme/editions.demo.js';
import { seedParticipantsFollowUp } from './programme/participants.demo.js';
import { seedSponsorPage } from './programme/sponsors.demo.js';
import { createSurvey, getSurvey, listSurveys, setHeadline, submitResponse } from './surveys/surveys.service.js';

const DAY = 24 * 3600_000;
const ymd = (d: Date) => toParisLocal(d).slice(0, 10);
/** A Paris wall-clock time `days` from now at `hhmm`. */
const at = (now: Date, days: number, hhmm: string) => `${ymd(new Date(now.getTime() + days * DAY))}T${hhmm}`;

const Q_ABLE = 'Vous sentez-vous capable de déployer un SPASER dans votre organisation ?';
const Q_PUBLISH = 'Prévoyez-vous de publier un SPASER dans les six mois ?';
const questions = [
  { kind: 'scale' as const, label: Q_ABLE, options: [], required: true },
  { kind: 'single' as const, label: Q_PUBLISH, options: ['Oui', 'Non', 'Je ne sais pas encore'], required: true },
  { kind: 'multiple' as const, label: 'Quels thèmes voulez-vous travailler ?', options: ['Gouvernance', 'Indicateurs', 'Coopération avec les parties prenantes'], required: true },
  { kind: 'text' as const, label: 'Un mot sur vos attentes', options: [], required: false },
];

/**
 * Demo cohorts, written through the services: « édition 3 » open to applications (one pending), and
 * « édition 2 » running, with its sessions, a start questionnaire answered by its participants,
 * the headline figures mapped to its end questionnaire, and two co-development groups.
 */
export async function seedCohorts(deps: Deps, people: AuthUser[]) {
  const by = (email: string) => people.find((u) => u.email === email);
  const farid = by('animation@entraide.example');
  const yann = by('yann.le-goff@rennes.example');
  const nathalie = by('nathalie.petit@bordeaux.example');
  const participants = ['claire.martin@lyon.example', 'sophie.durand@nantes.example', 'marc.rossi@ajaccio.example'].map(by).filter((u): u is AuthUser => !!u);
  const aurelie = by('aurelie.roux@grenoble.example');
  if (!farid || !yann || !nathalie) return;
  const now = deps.clock.now();

  const open = await createCohort(deps, farid, {
    name: 'Mission SPASER — édition 3',
    edition: 3,
    startsOn: ymd(new Date(now.getTime() + 30 * DAY)),
    endsOn: ymd(new Date(now.getTime() + 120 * DAY)),
    capacity: 30,
    description:
      "Trois mois pour écrire et faire adopter le SPASER de votre organisation, avec une trentaine d'acheteurs publics.\n" +
      "Au programme : un décollage, quatre ateliers (gouvernance, indicateurs, coopération avec les parties prenantes, rédaction), " +
      "des séances de co-développement en petits groupes et un atterrissage. Parrain : Rennes, qui a adopté son schéma en 2024.",
    sponsorIds: [yann.id],
    facilitatorIds: [farid.id],
  });
  if (open.ok && aurelie?.verifiedOrganisationIds[0])
    await apply(deps, aurelie, open.value.id, {
      organisationId: aurelie.verifiedOrganisationIds[0],
      jobRole: 'Juriste commande publique',
      spaserStage: 'reflexion',
      expectations: 'Structurer notre démarche et trouver des pairs pour les clauses de commerce équitable.',
      availability: 'Les mardis et jeudis.',
    });

  const running = await createCohort(deps, farid, {
    name: 'Mission SPASER — édition 2',
    edition: 2,
    startsOn: ymd(new Date(now.getTime() - 30 * DAY)),
    endsOn: ymd(new Date(now.getTime() + 60 * DAY)),
    capacity: 30,
    description: "La promotion en cours, parrainée par Bordeaux. Ateliers mensuels, co-développement entre pairs et espace d'entraide privé.",
    sponsorIds: [nathalie.id],
    facilitatorIds: [farid.id],
  });
  if (!running.ok) return;
  const id = running.value.id;
  for (const p of participants) {
    const applied = await apply(deps, p, id, {
      organisationId: p.verifiedOrganisationIds[0]!,
      jobRole: 'Acheteur public',
      spaserStage: 'redaction',
      expectations: 'Avancer sur la rédaction de notre schéma.',
      availability: 'Une demi-journée par mois.',
    });
    if (applied.ok) await decide(deps, farid, applied.value.id, { decision: 'accepted', message: 'Bienvenue dans la promotion !' });
  }
  // Seven more participants, so that ten make two co-development groups (issue 23, item 10).
  await applyCodevParticipants(deps, { cohortId: id, facilitator: farid, people });
  await updateCohort(deps, farid, id, { status: 'en_cours' });
  const session = (kind: 'kickoff' | 'workshop' | 'closing', title: string, days: number, from: string, to: string, themes: string[] = []) =>
    createSession(deps, farid, id, { kind, title, description: '', speakers: [], themes, startsAt: at(now, days, from), endsAt: at(now, days, to), onlineUrl: 'https://visio.example/mission-spaser-2', place: null, capacity: null });
  await session('kickoff', 'Décollage de la promotion', -30, '09:30', '12:30');
  await session('workshop', 'Atelier gouvernance du SPASER', -9, '14:00', '16:30', ['gouvernance']);
  await session('workshop', 'Atelier indicateurs', 7, '14:00', '16:30', ['indicateurs']);
  // The co-development sessions are the groups' own (codev/codev.demo.ts), not a slot of the cohort.
  await session('closing', 'Atterrissage', 58, '09:30', '12:30');
  await seedAnnouncements(deps, { cohortId: id, facilitator: farid });
  await seedParticipantsFollowUp(deps, { cohortId: id, facilitator: farid, participants });

  const start = await createSurvey(deps, farid, id, { phase: 'start', title: 'Questionnaire de début', intro: 'Dix minutes pour dire où vous en êtes.', opensAt: at(now, -1, '09:00'), closesAt: at(now, 13, '18:00'), questions });
  await createSurvey(deps, farid, id, {
    phase: 'end',
    title: 'Questionnaire de fin',
    intro: 'Ce que la promotion vous a apporté.',
    opensAt: at(now, 50, '09:00'),
    closesAt: at(now, 62, '18:00'),
    questions: questions.slice(0, 3),
  });
  if (!start.ok) return;
  const detail = await getSurvey(deps, farid, start.value.id);
  if (!detail.ok) return;
  const [q1, q2, q3, q4] = detail.value.questions;
  const answers: [number, number, number[], string][] = [
    [2, 2, [0, 1], 'Des exemples de gouvernance qui marchent.'],
    [3, 0, [1], ''],
    [1, 1, [0, 2], 'Convaincre nos élus.'],
  ];
  for (const [i, p] of participants.entries()) {
    const [scale, choice, themes, text] = answers[i]!;
    await submitResponse(deps, p, start.value.id, { [q1!.id]: { scale }, [q2!.id]: { choices: [choice] }, [q3!.id]: { choices: themes }, [q4!.id]: { text } });
  }
  // The figures read the end questionnaire: « 4 or 5 » counts as more able, « Oui » as publishing.
  const list = await listSurveys(deps, farid, id);
  const end = list.ok ? list.value.items.find((s) => s.phase === 'end') : undefined;
  const endDetail = end ? await getSurvey(deps, farid, end.id) : null;
  if (endDetail?.ok) {
    await setHeadline(deps, farid, id, 'more_able', { questionId: endDetail.value.questions[0]!.id, yesValues: [4, 5] });
    await setHeadline(deps, farid, id, 'publish_within_6_months', { questionId: endDetail.value.questions[1]!.id, yesValues: [0] });
  }
  await seedSponsorPage(deps, { cohortId: id, sponsor: nathalie, participants });
  await seedCodev(deps, { cohortId: id, facilitator: farid, people });
}

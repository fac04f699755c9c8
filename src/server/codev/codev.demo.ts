import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { fromParisLocal, toParisLocal } from '../../shared/paris-time.js';
import { apply, decide } from '../cohorts/applications/applications.service.js';
import type { SpaserStage } from '../cohorts/cohorts.contract.js';
import { createSessionBody } from './codev.contract.js';
import { getCohortCodev, saveCohortGroups, suggestCohortGroups } from './groups/groups.service.js';
import { createSession, saveNote, stepAction } from './sessions/sessions.service.js';

/**
 * Co-development in the demo's running cohort (issue 23, item 10), so the whole path can be tried at
 * once: seven more participants (with Claire, Sophie and Marc: ten buyers of ten organisations), two
 * groups of five, a session of « Groupe A » held six days ago — its six steps, notes by the client and
 * the consultants, hence its summary sheet — and one of « Groupe B » in two weeks.
 * Written through the services; a past moment is written with a clock set to that moment.
 */

const DAY = 24 * 3600_000;

/** The newcomers' applications to « édition 2 » (their accounts are in seed/demo.ts). */
const applicants: { email: string; jobRole: string; spaserStage: SpaserStage; expectations: string }[] = [
  { email: 'camille.laurent@toulouse.example', jobRole: 'Responsable de la commande publique', spaserStage: 'redaction', expectations: 'Faire porter le schéma par les élus, pas seulement par les services.' },
  { email: 'hugo.lefevre@montpellier3m.example', jobRole: 'Acheteur, direction de la commande publique', spaserStage: 'redaction', expectations: "Écrire l'axe économie circulaire avec des objectifs mesurables." },
  { email: 'nicolas.girard@rouen.example', jobRole: 'Chargé de mission achats durables', spaserStage: 'redaction', expectations: 'Relier nos clauses sociales au schéma et à ses indicateurs.' },
  { email: 'isabelle.fontaine@dijon.example', jobRole: 'Directrice des achats', spaserStage: 'redaction', expectations: 'Fixer des objectifs chiffrés que nous saurons suivre.' },
  { email: 'elodie.mercier@metz.example', jobRole: 'Acheteuse fournitures et services', spaserStage: 'redaction', expectations: 'Des exemples de critères énergie et de leur suivi.' },
  { email: 'pierre.le-gall@brest-metropole.example', jobRole: 'Responsable du service marchés publics', spaserStage: 'en_revision', expectations: 'Réviser notre premier schéma avec le regard de pairs.' },
  { email: 'manon.chevalier@tours.example', jobRole: 'Juriste achats', spaserStage: 'redaction', expectations: 'Sécuriser juridiquement les clauses de notre futur schéma.' },
];

/** Groups as the facilitator arranged them (client of the first session first). */
const groupA = ['claire.martin@lyon.example', 'sophie.durand@nantes.example', 'camille.laurent@toulouse.example', 'hugo.lefevre@montpellier3m.example', 'nicolas.girard@rouen.example'];
const groupB = ['isabelle.fontaine@dijon.example', 'marc.rossi@ajaccio.example', 'elodie.mercier@metz.example', 'pierre.le-gall@brest-metropole.example', 'manon.chevalier@tours.example'];

/** The newcomers apply and are accepted while the cohort still takes applications (before « en cours »). */
export async function applyCodevParticipants(deps: Deps, input: { cohortId: string; facilitator: AuthUser; people: AuthUser[] }) {
  for (const a of applicants) {
    const p = input.people.find((u) => u.email === a.email);
    if (!p?.verifiedOrganisationIds[0]) continue;
    const applied = await apply(deps, p, input.cohortId, {
      organisationId: p.verifiedOrganisationIds[0],
      jobRole: a.jobRole,
      spaserStage: a.spaserStage,
      expectations: a.expectations,
      availability: 'Une demi-journée par mois.',
    });
    if (applied.ok) await decide(deps, input.facilitator, applied.value.id, { decision: 'accepted', message: 'Bienvenue dans la promotion !' });
  }
}

/** Groupe A's session: what each one wrote at each step (step, author, text). */
const notesA: [number, string, string][] = [
  [
    1,
    'claire.martin@lyon.example',
    "Notre SPASER est rédigé aux deux tiers, mais il reste un document des services : les élus n'ont vu qu'une note de synthèse. " +
      "L'adjointe à la commande publique est favorable ; les adjoints à la transition écologique et à l'emploi ne se sentent pas concernés. " +
      'Je crains une délibération votée sans débat, puis un schéma que personne ne porte.',
  ],
  [2, 'sophie.durand@nantes.example', 'Qui arbitre aujourd’hui entre les directions acheteuses ? Existe-t-il déjà un comité où siègent des élus ?'],
  [2, 'camille.laurent@toulouse.example', 'Quel calendrier pour la délibération ? Les élus ont-ils été associés au diagnostic des achats ?'],
  [
    2,
    'claire.martin@lyon.example',
    "Pas de comité : les arbitrages se font en réunion de direction. Délibération visée en juin. Les élus n'ont pas vu le diagnostic.",
  ],
  [3, 'claire.martin@lyon.example', 'Comment associer trois élus aux choix du schéma d’ici juin, sans alourdir la démarche ni créer une instance de plus ?'],
  [
    4,
    'sophie.durand@nantes.example',
    'Chez nous, un comité de pilotage de quatre élus se réunit deux fois par an ; la première réunion a porté sur le diagnostic, pas sur le texte. ' +
      'C’est ce qui a créé l’adhésion.',
  ],
  [4, 'hugo.lefevre@montpellier3m.example', 'Donner à chaque élu un axe du schéma dont il est le référent : il le présente en commission.'],
  [
    4,
    'nicolas.girard@rouen.example',
    "Partir de deux ou trois marchés emblématiques de leurs délégations (restauration scolaire, entretien des bâtiments) : " +
      "les élus s'intéressent aux achats qu'ils connaissent.",
  ],
  [4, 'camille.laurent@toulouse.example', 'Inscrire le bilan annuel du SPASER à l’ordre du jour du conseil dès la délibération : le suivi politique est acquis.'],
  [
    5,
    'claire.martin@lyon.example',
    '1. Présenter le diagnostic aux trois adjoints en mars, à partir de trois marchés de leurs délégations.\n' +
      '2. Un élu référent par axe, chargé de le présenter en commission en mai.\n' +
      '3. Un comité de pilotage deux fois par an, sans instance nouvelle : la conférence des adjoints élargie.\n' +
      '4. Prévoir le bilan annuel dans la délibération de juin.',
  ],
  [6, 'claire.martin@lyon.example', 'Les élus ne lisent pas un schéma : ils réagissent à des marchés qu’ils connaissent. Commencer par eux.'],
  [6, 'camille.laurent@toulouse.example', 'Nous avons le même blocage : je reprends l’idée de l’élu référent par axe.'],
  [6, 'nicolas.girard@rouen.example', 'Les questions de clarification m’ont obligé à ne pas donner de conseil trop tôt : utile pour la suite.'],
];

/**
 * The two groups and their sessions. Returns the sessions' ids (null when the cohort does not have
 * the participants the groups need).
 */
export async function seedCodev(deps: Deps, input: { cohortId: string; facilitator: AuthUser; people: AuthUser[] }) {
  const { cohortId, facilitator: farid } = input;
  const by = (email: string) => input.people.find((u) => u.email === email);
  const now = deps.clock.now();
  const day = (days: number) => toParisLocal(new Date(now.getTime() + days * DAY)).slice(0, 10);
  /** Deps whose clock says the Paris wall-clock time `hhmm` (plus `minutes`), `days` from now. */
  const at = (days: number, hhmm: string, minutes = 0): Deps => {
    const moment = new Date(fromParisLocal(`${day(days)}T${hhmm}`)!.getTime() + minutes * 60_000);
    return { ...deps, clock: { ...deps.clock, now: () => moment } };
  };

  // Three weeks ago the facilitator asked for a suggestion (ten participants of ten organisations: two
  // groups of five), then arranged the groups by hand, as the page allows.
  const suggestion = await suggestCohortGroups(at(-21, '10:00'), farid, cohortId);
  if (!suggestion.ok) return null;
  const ids = (emails: string[]) => emails.map((e) => by(e)?.id).filter((id): id is string => !!id);
  const saved = await saveCohortGroups(at(-21, '10:05'), farid, cohortId, {
    groups: [
      { name: 'Groupe A', memberIds: ids(groupA) },
      { name: 'Groupe B', memberIds: ids(groupB) },
    ],
  });
  if (!saved.ok) return null;
  const codev = await getCohortCodev(deps, farid, cohortId);
  if (!codev.ok) return null;
  const groupId = (name: string) => codev.value.groups.find((g) => g.name === name)!.id;

  // Groupe A met six days ago, planned two weeks before: Claire's case, the governance of her schéma.
  const past = await createSession(
    at(-20, '10:00'),
    farid,
    groupId('Groupe A'),
    createSessionBody.parse({
      title: 'Associer les élus à la gouvernance du SPASER',
      themes: ['gouvernance', 'parties_prenantes'],
      caseOwnerId: by(groupA[0]!)!.id,
      facilitatorId: farid.id,
      startsAt: `${day(-6)}T09:30`,
      endsAt: `${day(-6)}T12:00`,
      onlineUrl: 'https://visio.example/mission-spaser-2-groupe-a',
    }),
  );
  if (!past.ok) return null;
  // The six steps as the facilitator led them, and each one's notes written during their step.
  const steps: [string, 'start' | 'next'][] = [
    ['09:35', 'start'],
    ['09:50', 'next'],
    ['10:10', 'next'],
    ['10:20', 'next'],
    ['10:55', 'next'],
    ['11:15', 'next'],
  ];
  for (const [i, [hhmm, action]] of steps.entries()) {
    await stepAction(at(-6, hhmm), farid, past.value.id, { action });
    for (const [k, [step, email, body]] of notesA.filter(([step]) => step === i + 1).entries())
      await saveNote(at(-6, hhmm, 3 + 2 * k), by(email)!, past.value.id, step, { body, version: 0 });
  }
  // Ending archives the summary sheet; its e-mails are due the next morning at 9:00 (already past).
  await stepAction(at(-6, '11:40'), farid, past.value.id, { action: 'end' });

  // Groupe B meets in two weeks: Isabelle's case.
  const upcoming = await createSession(
    deps,
    farid,
    groupId('Groupe B'),
    createSessionBody.parse({
      title: 'Fixer des objectifs chiffrés que nous saurons suivre',
      themes: ['indicateurs'],
      caseOwnerId: by(groupB[0]!)!.id,
      facilitatorId: farid.id,
      startsAt: `${day(14)}T09:30`,
      endsAt: `${day(14)}T12:00`,
      onlineUrl: 'https://visio.example/mission-spaser-2-groupe-b',
    }),
  );
  return { pastSessionId: past.value.id, upcomingSessionId: upcoming.ok ? upcoming.value.id : null };
}

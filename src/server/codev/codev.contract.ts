import { z } from 'zod';
import { isSingleLine, singleLineMessage, themeListField, uuidParam } from '../../shared/fields.js';
import { checkEventTimePlace, eventTimePlaceFields } from '../events/events.contract.js';

// Requests and responses of the co-development module (zod only: the web app imports it too).

/** The six steps of the Payette & Champagne method (domain §4.1), with their default length. */
export const codevSteps = [
  { n: 1, key: 'expose', label: 'Exposé du sujet', minutes: 10, hint: 'Le client présente son problème, sa préoccupation ou son projet.' },
  { n: 2, key: 'clarification', label: 'Questions de clarification', minutes: 15, hint: 'Les consultants posent des questions factuelles, sans rien suggérer.' },
  { n: 3, key: 'contrat', label: 'Contrat', minutes: 5, hint: "Le client formule l'aide qu'il demande au groupe : la question exacte." },
  { n: 4, key: 'consultation', label: 'Consultation', minutes: 30, hint: 'Les consultants partagent impressions, hypothèses, expériences, idées et conseils, sans chercher le consensus.' },
  { n: 5, key: 'plan_action', label: "Plan d'action", minutes: 15, hint: 'Le client retient ce qui lui sert et construit son plan : objectifs, étapes, moyens, calendrier, indicateurs.' },
  { n: 6, key: 'apprentissages', label: 'Apprentissages', minutes: 15, hint: 'Chacun, client compris, note ce qu’il a appris, sur le fond et sur la démarche.' },
] as const;
export const STEP_COUNT = codevSteps.length;

export const cohortIdParams = z.object({ cohortId: uuidParam });
export const groupIdParams = z.object({ groupId: uuidParam });
export const sessionIdParams = z.object({ sessionId: uuidParam });
export const noteParams = z.object({
  sessionId: uuidParam,
  step: z.coerce.number({ error: 'Étape invalide.' }).int('Étape invalide.').min(1, 'Étape invalide.').max(STEP_COUNT, 'Étape invalide.'),
});

const person = z.object({ id: z.string(), firstName: z.string(), lastName: z.string() });
const participant = person.extend({ organisationId: z.string().nullable(), organisationName: z.string().nullable(), organisationKind: z.string().nullable() });

export const groupsBody = z.object({
  groups: z
    .array(
      z.object({
        id: uuidParam.optional(),
        name: z
          .string({ error: 'Saisissez le nom du groupe.' })
          .trim()
          .min(1, 'Saisissez le nom du groupe.')
          .max(80, 'Le nom du groupe ne peut dépasser 80 caractères.')
          .refine(isSingleLine, singleLineMessage('Le nom du groupe')),
        memberIds: z.array(uuidParam).max(8, 'Un groupe compte 8 participants au plus.'),
      }),
    )
    .max(20, '20 groupes au plus.'),
});

/** A session's agenda entry (its event): `cancelled` when the event was cancelled before the session started. */
const sessionStatus = z.enum(['planned', 'running', 'ended', 'cancelled']);

const sessionSummary = z.object({
  id: z.string(),
  title: z.string(),
  eventId: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: sessionStatus,
  caseOwner: person,
  facilitator: person,
});

export const groupItem = z.object({
  id: z.string(),
  name: z.string(),
  members: z.array(participant),
  sessions: z.array(sessionSummary),
});

export const cohortCodevResponse = z.object({
  cohort: z.object({ id: z.string(), name: z.string() }),
  groups: z.array(groupItem),
  // Managers only: every participant (to form the groups) and who may facilitate a session.
  participants: z.array(participant).nullable(),
  facilitators: z.array(person).nullable(),
  can: z.object({ manage: z.boolean() }),
});

export const suggestionResponse = z.object({ groups: z.array(z.object({ name: z.string(), memberIds: z.array(z.string()) })) });

const subject = z
  .string({ error: 'Saisissez le sujet de la séance.' })
  .trim()
  .min(3, 'Saisissez le sujet de la séance (3 caractères au moins).')
  .max(200, 'Le sujet ne peut dépasser 200 caractères.')
  .refine(isSingleLine, singleLineMessage('Le sujet'));

/** A session and its agenda entry: the event's times (Paris) and its link or place, as the event form takes them. */
export const createSessionBody = z
  .object({
    title: subject,
    // The case's themes, from the platform's one list (issue 23, item 9).
    themes: themeListField.default([]),
    caseOwnerId: uuidParam,
    facilitatorId: uuidParam.optional(),
    ...eventTimePlaceFields,
    reviewRequired: z.boolean().default(false),
  })
  .superRefine(checkEventTimePlace);
export type CreateSessionBody = z.output<typeof createSessionBody>;

/** The date, place and link change on the session's event (the agenda's form), not here. */
export const updateSessionBody = z.object({
  title: subject.optional(),
  themes: themeListField.optional(),
  reviewRequired: z.boolean().optional(),
});

export const stepActionBody = z.object({
  action: z.enum(['start', 'next', 'extend', 'end'], { error: 'Action inconnue.' }),
  // For "extend": minutes added to the current step.
  minutes: z.coerce.number().int('Un nombre entier de minutes.').min(1, '1 minute au moins.').max(60, '60 minutes au plus.').optional(),
});

export const noteBody = z.object({
  body: z.string({ error: 'Le texte de la note manque.' }).max(20_000, 'Une note ne peut dépasser 20 000 caractères.'),
  // The version the author last saw (0 for a first save).
  version: z.coerce.number({ error: 'Version manquante.' }).int().min(0),
});

/** The timer and step, as every screen receives it; `serverNow` lets each screen compute the same time left. */
export const sessionState = z.object({
  status: z.enum(['planned', 'running', 'ended']),
  currentStep: z.number(),
  stepStartedAt: z.string().nullable(),
  stepDurationSeconds: z.number().nullable(),
  // Seconds left in the current step at serverNow (negative when over time).
  secondsLeft: z.number().nullable(),
  serverNow: z.string(),
  endedAt: z.string().nullable(),
});

export const noteItem = z.object({
  id: z.string(),
  step: z.number(),
  authorId: z.string(),
  authorName: z.string(),
  body: z.string(),
  version: z.number(),
  updatedAt: z.string(),
});

export const sessionDetail = z.object({
  id: z.string(),
  title: z.string(),
  themes: z.array(z.string()),
  status: sessionStatus,
  event: z.object({
    id: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    place: z.string().nullable(),
    onlineUrl: z.string().nullable().describe('for the group, the session facilitator and staff'),
    status: z.enum(['scheduled', 'cancelled']),
    calendarUrl: z.string().describe('the .ics of the event'),
  }),
  cohort: z.object({ id: z.string(), name: z.string() }),
  group: z.object({ id: z.string(), name: z.string() }),
  caseOwner: person,
  consultants: z.array(person),
  facilitator: person,
  reviewRequired: z.boolean(),
  approvedAt: z.string().nullable(),
  summaryDueAt: z.string().nullable(),
  state: sessionState,
  notes: z.array(noteItem),
  me: z.object({ id: z.string(), role: z.enum(['caseOwner', 'consultant', 'facilitator', 'staff']) }),
  can: z.object({ facilitate: z.boolean(), write: z.boolean(), editEvent: z.boolean().describe('move, re-place or cancel the session on the agenda') }),
});

export const stepResponse = z.object({ state: sessionState });
export const noteSaved = z.object({ note: noteItem });

const sheetEntry = z.object({ author: z.string(), text: z.string() });
/** The summary sheet (fiche récapitulative), as archived when the session ends. */
export const sheetContent = z.object({
  title: z.string(),
  date: z.string(),
  cohort: z.string(),
  group: z.string(),
  facilitator: z.string(),
  participants: z.array(z.string()),
  caseOwner: z.string(),
  steps: z.array(z.object({ n: z.number(), label: z.string(), entries: z.array(sheetEntry) })),
});

export const summaryResponse = z.object({
  sessionId: z.string(),
  content: sheetContent,
  generatedAt: z.string(),
  reviewRequired: z.boolean(),
  approvedAt: z.string().nullable(),
  summaryDueAt: z.string().nullable(),
  sentCount: z.number(),
  // The library resource archiving the final sheet (null until archived).
  resourceId: z.string().nullable(),
  participantCount: z.number(),
  can: z.object({ approve: z.boolean() }),
});

export const createdResponse = z.object({ id: z.string() });
export const okResponse = z.object({ ok: z.literal(true) });


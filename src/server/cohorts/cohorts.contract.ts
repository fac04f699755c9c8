import { z } from 'zod';
import { uuidParam } from '../../shared/fields.js';

// Requests and responses of the cohorts module (zod and shared fields only: the web app validates
// its forms with the same rules).

export const cohortStatusValues = ['candidatures_ouvertes', 'en_cours', 'terminee'] as const;
export const cohortRoleValues = ['sponsor', 'facilitator', 'participant'] as const;

const dateField = (what: string) =>
  z
    .string({ error: `Saisissez ${what}.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Saisissez ${what} au format AAAA-MM-JJ.`)
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), `${what[0]!.toUpperCase()}${what.slice(1)} n'existe pas.`);

export const cohortIdParams = z.object({ cohortId: uuidParam });
export const cohortMemberParams = z.object({ cohortId: uuidParam, userId: uuidParam });

export const createCohortBody = z.object({
  name: z.string({ error: 'Saisissez le nom de la promotion.' }).trim().min(1, 'Saisissez le nom de la promotion.').max(120, 'Le nom ne peut dépasser 120 caractères.'),
  edition: z.coerce.number({ error: "Saisissez le numéro d'édition." }).int("Le numéro d'édition est un nombre entier.").min(1, "Le numéro d'édition commence à 1.").max(999, "Le numéro d'édition ne peut dépasser 999."),
  startsOn: dateField('la date de début'),
  endsOn: dateField('la date de fin'),
  capacity: z.coerce.number({ error: 'Saisissez la capacité.' }).int('La capacité est un nombre entier.').min(1, 'La capacité est d’au moins 1 participant.').max(500, 'La capacité ne peut dépasser 500 participants.'),
  description: z.string().trim().max(5000, 'La description ne peut dépasser 5 000 caractères.').default(''),
  sponsorIds: z.array(uuidParam).max(10, '10 parrains ou marraines au plus.').default([]),
  facilitatorIds: z.array(uuidParam).max(20, '20 animateurs au plus.').default([]),
});

export const updateCohortBody = createCohortBody
  .omit({ sponsorIds: true, facilitatorIds: true })
  .partial()
  .extend({ status: z.enum(cohortStatusValues, { error: 'Choisissez un statut de la liste.' }).optional() });

export const setMemberBody = z.object({
  role: z.enum(cohortRoleValues, { error: 'Choisissez un rôle : parrain ou marraine, animation, participant.' }),
  organisationId: uuidParam.nullable().optional(),
});

const person = z.object({ id: z.string(), firstName: z.string(), lastName: z.string() });

export const cohortMemberItem = z.object({
  userId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  role: z.enum(cohortRoleValues),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  organisationKind: z.string().nullable(),
});

export const cohortSummary = z.object({
  id: z.string(),
  name: z.string(),
  edition: z.number(),
  startsOn: z.string(),
  endsOn: z.string(),
  capacity: z.number(),
  description: z.string(),
  status: z.enum(cohortStatusValues),
  acceptedCount: z.number(),
  sponsors: z.array(person),
  facilitators: z.array(person),
  myRole: z.enum(cohortRoleValues).nullable(),
  can: z.object({ apply: z.boolean(), manage: z.boolean(), seeMembersPart: z.boolean() }),
});

export const cohortsResponse = z.object({ items: z.array(cohortSummary) });

export const cohortDetail = cohortSummary.extend({
  // The current user's application to this cohort, if any.
  myApplication: z
    .object({ id: z.string(), status: z.enum(['pending', 'accepted', 'refused', 'waitlisted']), decisionMessage: z.string(), createdAt: z.string() })
    .nullable(),
  // Only for members and staff (null otherwise).
  members: z.object({
    spaceId: z.string().nullable(),
    list: z.array(cohortMemberItem),
    // The member's secret iCalendar address (null for staff outside the cohort).
    calendarUrl: z.string().nullable(),
    // The cohort's resource collection: library resources reserved to its private space.
    resources: z.array(z.object({ id: z.string(), kind: z.string(), title: z.string(), summary: z.string() })),
  }).nullable(),
});

export const createdResponse = z.object({ id: z.string() });
export const okResponse = z.object({ ok: z.literal(true) });

// ---- Applications ----------------------------------------------------------------------------

export const spaserStageValues = ['pas_commence', 'reflexion', 'redaction', 'adopte_a_mettre_en_oeuvre', 'en_revision'] as const;
export const spaserStageLabels: Record<(typeof spaserStageValues)[number], string> = {
  pas_commence: 'Pas encore commencé',
  reflexion: 'En réflexion (diagnostic, portage politique)',
  redaction: 'En cours de rédaction',
  adopte_a_mettre_en_oeuvre: 'Adopté, à mettre en œuvre',
  en_revision: 'En cours de révision',
};
export const applicationStatusValues = ['pending', 'accepted', 'refused', 'waitlisted'] as const;
export const applicationStatusLabels: Record<(typeof applicationStatusValues)[number], string> = {
  pending: 'En attente',
  accepted: 'Acceptée',
  refused: 'Refusée',
  waitlisted: "Sur liste d'attente",
};
export const decisionValues = ['accepted', 'refused', 'waitlisted'] as const;

const longText = (what: string, max: number) =>
  z
    .string({ error: `Indiquez ${what}.` })
    .trim()
    .min(1, `Indiquez ${what}.`)
    .max(max, `Ce texte ne peut dépasser ${String(max).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} caractères.`);

export const applyBody = z.object({
  organisationId: z
    .string({ error: 'Choisissez votre organisation.' })
    .min(1, 'Choisissez votre organisation.')
    .pipe(z.uuid({ error: 'Choisissez votre organisation dans la liste.' })),
  jobRole: longText('votre fonction', 150),
  spaserStage: z.enum(spaserStageValues, { error: 'Choisissez où en est le SPASER de votre organisation.' }),
  expectations: longText('ce que vous attendez de la promotion', 3000),
  availability: longText('vos disponibilités', 1000),
});

export const decideBody = z.object({
  decision: z.enum(decisionValues, { error: 'Choisissez une décision : accepter, refuser ou mettre en liste d’attente.' }),
  message: longText('le message envoyé au candidat', 3000),
});

export const applicationIdParams = z.object({ applicationId: uuidParam });

export const applicationItem = z.object({
  id: z.string(),
  applicant: z.object({ id: z.string(), firstName: z.string(), lastName: z.string(), email: z.string() }),
  organisation: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  jobRole: z.string(),
  spaserStage: z.enum(spaserStageValues),
  expectations: z.string(),
  availability: z.string(),
  status: z.enum(applicationStatusValues),
  decisionMessage: z.string(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});

export const applicationsResponse = z.object({
  items: z.array(applicationItem),
  counts: z.object({ pending: z.number(), accepted: z.number(), refused: z.number(), waitlisted: z.number() }),
  capacity: z.number(),
});

// ---- Schedule ------------------------------------------------------------------------------

export const sessionParams = z.object({ cohortId: uuidParam, eventId: uuidParam });
export const feedParams = z.object({ cohortId: uuidParam, token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'Lien de calendrier invalide.') });

export const attendanceBody = z.object({
  entries: z
    .array(z.object({ userId: uuidParam, present: z.boolean({ error: 'Indiquez présent ou absent.' }) }), { error: 'La liste de présence est une liste.' })
    .min(1, 'Cochez au moins une personne.')
    .max(500),
});

const sessionItem = z.object({
  id: z.string(),
  kind: z.enum(['webinar', 'kickoff', 'workshop', 'codev', 'closing']),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string().nullable(),
  online: z.boolean(),
  status: z.enum(['scheduled', 'cancelled']),
  attendance: z.object({ present: z.number().nullable(), absent: z.number().nullable(), mine: z.boolean().nullable() }),
});
export const scheduleResponse = z.object({ upcoming: z.array(sessionItem), past: z.array(sessionItem), canManage: z.boolean() });

export const attendanceResponse = z.object({
  session: z.object({ id: z.string(), title: z.string(), kind: z.string(), startsAt: z.string(), endsAt: z.string() }),
  items: z.array(z.object({ userId: z.string(), firstName: z.string(), lastName: z.string(), role: z.enum(cohortRoleValues), organisationName: z.string().nullable(), present: z.boolean().nullable() })),
});
export const calendarUrlResponse = z.object({ calendarUrl: z.string() });

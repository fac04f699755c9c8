import { z } from 'zod';
import { isSingleLine, singleLineMessage, themeKeys, themeListField, uuidParam } from '../../shared/fields.js';
import { fromParisLocal } from '../../shared/paris-time.js';

// Requests and responses of the events API (imports nothing but zod and shared rules: the web app
// validates its forms with the same schemas).

export const eventKindValues = ['webinar', 'kickoff', 'workshop', 'codev', 'closing', 'office_hours'] as const;
export const eventVisibilityValues = ['public', 'verified', 'restricted'] as const;
export const TITLE_MAX = 150;
export const DESCRIPTION_MAX = 20_000;
export const SPEAKERS_MAX = 10;

const parisTime = (what: string) =>
  z
    .string({ error: `Saisissez ${what}.` })
    .trim()
    .min(1, `Saisissez ${what}.`)
    .refine((s) => fromParisLocal(s) !== null, `${what[0]!.toUpperCase()}${what.slice(1)} n'est pas une date et une heure valides à Paris (format AAAA-MM-JJTHH:MM ; l'heure sautée au passage à l'heure d'été n'existe pas).`)
    .describe('Paris wall-clock time, YYYY-MM-DDTHH:MM');

const httpUrl = (message: string) =>
  z
    .string()
    .trim()
    .max(500, 'Le lien ne peut dépasser 500 caractères.')
    .refine((s) => s === '' || /^https?:\/\/[^\s]+$/i.test(s), message)
    .transform((s) => (s === '' ? null : s));

/** When and where, as the event form and the forms of modules that create events (co-development) take them. */
export const eventTimePlaceFields = {
  startsAt: parisTime('le début'),
  endsAt: parisTime('la fin'),
  onlineUrl: httpUrl('Le lien de connexion doit commencer par https:// (ou http://).').default(''),
  place: z
    .string()
    .trim()
    .max(300, 'Le lieu ne peut dépasser 300 caractères.')
    .refine(isSingleLine, singleLineMessage('Le lieu'))
    .default('')
    .transform((s) => (s === '' ? null : s)),
};

/** The end after the start; a link or a place. */
export function checkEventTimePlace(b: { startsAt: string; endsAt: string; onlineUrl: string | null; place: string | null }, ctx: z.RefinementCtx) {
  const start = fromParisLocal(b.startsAt);
  const end = fromParisLocal(b.endsAt);
  if (start && end && end.getTime() <= start.getTime()) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: "La fin de l'événement doit être après son début." });
  if (!b.onlineUrl && !b.place) ctx.addIssue({ code: 'custom', path: ['onlineUrl'], message: 'Indiquez un lien de connexion ou un lieu (ou les deux).' });
}

export const eventBody = z
  .object({
    kind: z.enum(eventKindValues, { error: "Choisissez le type d'événement." }),
    title: z
      .string({ error: "Saisissez le titre de l'événement." })
      .trim()
      .min(1, "Saisissez le titre de l'événement.")
      .min(5, 'Le titre doit comporter au moins 5 caractères.')
      .max(TITLE_MAX, `Le titre ne peut dépasser ${TITLE_MAX} caractères.`)
      .refine(isSingleLine, singleLineMessage('Le titre')),
    description: z.string().trim().max(DESCRIPTION_MAX, `La description ne peut dépasser ${DESCRIPTION_MAX} caractères.`).default(''),
    speakers: z
      .array(z.string().trim().max(120, 'Chaque intervenant tient en 120 caractères.'), { error: 'Les intervenants sont une liste.' })
      .default([])
      .transform((l) => l.filter((s) => s.length > 0))
      .refine((l) => l.length <= SPEAKERS_MAX, `${SPEAKERS_MAX} intervenants au plus.`),
    ...eventTimePlaceFields,
    capacity: z
      .union([z.number(), z.string()], { error: 'La capacité est un nombre de places.' })
      .nullable()
      .default(null)
      .transform((v, ctx) => {
        if (v === null || v === '') return null;
        const n = typeof v === 'number' ? v : Number(v.replace(/\s/g, ''));
        if (!Number.isInteger(n) || n < 1 || n > 100_000) {
          ctx.addIssue({ code: 'custom', message: 'La capacité est un nombre entier de places, entre 1 et 100 000 (laissez vide pour ne pas limiter).' });
          return z.NEVER;
        }
        return n;
      }),
    visibility: z.enum(eventVisibilityValues, { error: 'Choisissez à qui l’événement est ouvert.' }),
    // The platform's one theme list (issue 23, item 9): gathered on the theme pages.
    themes: themeListField.default([]),
    // Restricted events belong to a group another module manages (a cohort): its kind and id.
    ownerKind: z.string().trim().max(40).nullable().default(null),
    ownerId: uuidParam.nullable().default(null),
  })
  .superRefine((b, ctx) => {
    checkEventTimePlace(b, ctx);
    if (b.visibility === 'restricted' && (!b.ownerKind || !b.ownerId))
      ctx.addIssue({ code: 'custom', path: ['visibility'], message: 'Un événement réservé appartient à un groupe (une promotion) : créez-le depuis ce groupe.' });
  });
export type EventBody = z.output<typeof eventBody>;

export const replayBody = z.object({
  recordingUrl: httpUrl("Le lien de l'enregistrement doit commencer par https:// (ou http://).").pipe(
    z.string({ error: "Saisissez le lien de l'enregistrement." }),
  ),
  slidesUrl: httpUrl('Le lien du support doit commencer par https:// (ou http://).').default(''),
});

export const eventIdParams = z.object({ eventId: uuidParam });
export const feedTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'Lien de calendrier invalide.') });

export const listEventsQuery = z.object({
  when: z.enum(['upcoming', 'past'], { error: 'Période inconnue : upcoming ou past.' }).default('upcoming'),
  kind: z.enum(eventKindValues, { error: "Type d'événement inconnu." }).optional(),
  q: z.string().trim().max(100, 'La recherche ne peut dépasser 100 caractères.').optional(),
  theme: z.enum(themeKeys, { error: 'Thème inconnu : choisissez-en un dans la liste.' }).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});

const registrationStatus = z.enum(['registered', 'waitlisted']);

export const eventSummary = z.object({
  id: z.string(),
  kind: z.enum(eventKindValues),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string().nullable(),
  online: z.boolean().describe('true when the event has a connection link (sent to registered members)'),
  capacity: z.number().nullable(),
  visibility: z.enum(eventVisibilityValues),
  status: z.enum(['scheduled', 'cancelled']),
  registeredCount: z.number(),
  waitlistCount: z.number(),
  placesLeft: z.number().nullable(),
  speakers: z.array(z.string()),
  themes: z.array(z.string()),
  my: z.object({ status: registrationStatus, waitlistPosition: z.number().nullable() }).nullable(),
});
export const eventsResponse = z.object({ items: z.array(eventSummary), total: z.number(), page: z.number(), pageSize: z.number() });

export const eventDetail = eventSummary.extend({
  description: z.string(),
  descriptionHtml: z.string(),
  onlineUrl: z.string().nullable().describe('only for registered members and staff'),
  recordingUrl: z.string().nullable(),
  slidesUrl: z.string().nullable(),
  replayResourceId: z.string().nullable(),
  ownerKind: z.string().nullable(),
  ownerId: z.string().nullable(),
  ended: z.boolean(),
  startsAtParis: z.string().describe('YYYY-MM-DDTHH:MM in Paris, for the edit form'),
  endsAtParis: z.string(),
  can: z.object({
    register: z.boolean(),
    cancelRegistration: z.boolean(),
    edit: z.boolean(),
    cancel: z.boolean(),
    manageAttendees: z.boolean(),
    attachReplay: z.boolean(),
  }),
});

export const registrationResponse = z.object({
  status: registrationStatus,
  waitlistPosition: z.number().nullable(),
  message: z.string().describe('what happened, in French: a place, or a place on the waitlist'),
});
export const cancelRegistrationResponse = z.object({ ok: z.literal(true), message: z.string() });
export const createdResponse = z.object({ id: z.string() });
export const okResponse = z.object({ ok: z.literal(true) });
export const replayResponse = z.object({ ok: z.literal(true), resourceId: z.string().nullable().describe('the library resource created for the replay (null for a group event)') });

export const myRegistrationsResponse = z.object({
  feedUrl: z.string(),
  items: z.array(eventSummary.extend({ my: z.object({ status: registrationStatus, waitlistPosition: z.number().nullable() }) })),
});
export const feedUrlResponse = z.object({ feedUrl: z.string() });

export const attendeesResponse = z.object({
  items: z.array(
    z.object({
      userId: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      email: z.string(),
      organisations: z.string(),
      status: registrationStatus,
      waitlistPosition: z.number().nullable(),
      registeredAt: z.string(),
    }),
  ),
});
export const exportsResponse = z.object({
  items: z.array(z.object({ id: z.string(), exportedBy: z.string().nullable(), rowsCount: z.number(), createdAt: z.string() })),
});

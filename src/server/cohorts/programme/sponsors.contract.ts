import { z } from 'zod';
import { themeKeys, uuidParam } from '../../../shared/fields.js';
import { fromParisLocal } from '../../../shared/paris-time.js';
import { spaserStatusKeys } from '../../spaser/spaser-status.contract.js';

// Requests and responses of a cohort's sponsor page (issue 23, item 3): the sponsors' profiles, their
// office hours and the question queue. zod and shared fields only, so the web forms validate with the
// same rules.

export const SPONSOR_STORY_MAX = 5_000;
export const SPONSOR_OFFER_MAX = 2_000;
export const QUESTION_BODY_MAX = 2_000;
export const ANSWER_BODY_MAX = 5_000;
export const QUESTION_THEMES_MAX = 3;
/** A participant waits for answers to this many questions at most before asking another. */
export const UNANSWERED_QUESTIONS_MAX = 5;
/** An office hour is a small meeting: one person, or a handful. */
export const SLOT_CAPACITY_MAX = 5;

export const sponsorProfileBody = z.object({
  story: z.string({ error: 'Racontez votre SPASER (texte).' }).trim().max(SPONSOR_STORY_MAX, `« Notre SPASER » ne peut dépasser ${SPONSOR_STORY_MAX.toLocaleString('fr-FR')} caractères.`),
  offer: z.string({ error: 'Dites ce que vous proposez (texte).' }).trim().max(SPONSOR_OFFER_MAX, `« Ce que je vous propose » ne peut dépasser ${SPONSOR_OFFER_MAX.toLocaleString('fr-FR')} caractères.`),
});
export type SponsorProfileBody = z.output<typeof sponsorProfileBody>;

const parisTime = (what: string) =>
  z
    .string({ error: `Saisissez ${what}.` })
    .trim()
    .min(1, `Saisissez ${what}.`)
    .refine((s) => fromParisLocal(s) !== null, `${what[0]!.toUpperCase()}${what.slice(1)} n'est pas une date et une heure valides à Paris (AAAA-MM-JJTHH:MM).`)
    .describe('Paris wall-clock time, YYYY-MM-DDTHH:MM');

export const officeHourBody = z
  .object({
  // The sponsor who holds it: a sponsor creates their own (omit it); the facilitators choose one.
  hostId: z.uuid({ error: 'Choisissez le parrain ou la marraine.' }).optional(),
  startsAt: parisTime('le début de la permanence'),
  endsAt: parisTime('la fin de la permanence'),
  place: z.string().trim().max(200, 'Le lieu ne peut dépasser 200 caractères.').default(''),
  onlineUrl: z
    .string()
    .trim()
    .max(500, 'Le lien ne peut dépasser 500 caractères.')
    .refine((s) => s === '' || /^https?:\/\/[^\s]+$/i.test(s), 'Le lien de connexion doit commencer par https:// ou http://.')
    .default(''),
  capacity: z
    .number({ error: 'Indiquez le nombre de places (un nombre).' })
    .int('Le nombre de places est un nombre entier.')
    .min(1, 'Au moins une place.')
    .max(SLOT_CAPACITY_MAX, `${SLOT_CAPACITY_MAX} places au plus : une permanence est un petit rendez-vous.`)
    .default(1),
  })
  .superRefine((v, ctx) => {
    if (!v.place && !v.onlineUrl) ctx.addIssue({ code: 'custom', path: ['onlineUrl'], message: 'Indiquez un lien de connexion ou un lieu (ou les deux).' });
  });
export type OfficeHourBody = z.output<typeof officeHourBody>;

export const sponsorQuestionBody = z.object({
  body: z
    .string({ error: 'Saisissez votre question.' })
    .trim()
    .min(1, 'Saisissez votre question.')
    .max(QUESTION_BODY_MAX, `La question ne peut dépasser ${QUESTION_BODY_MAX.toLocaleString('fr-FR')} caractères.`),
  themes: z
    .array(z.enum(themeKeys, { error: 'Thème inconnu : choisissez-en un dans la liste.' }), { error: 'Choisissez les thèmes dans la liste.' })
    .max(QUESTION_THEMES_MAX, `${QUESTION_THEMES_MAX} thèmes au plus.`)
    .default([]),
});
export type SponsorQuestionBody = z.output<typeof sponsorQuestionBody>;

export const sponsorAnswerBody = z.object({
  answer: z
    .string({ error: 'Saisissez votre réponse.' })
    .trim()
    .min(1, 'Saisissez votre réponse.')
    .max(ANSWER_BODY_MAX, `La réponse ne peut dépasser ${ANSWER_BODY_MAX.toLocaleString('fr-FR')} caractères.`),
});

export const questionParams = z.object({ cohortId: uuidParam, questionId: uuidParam });
export const slotParams = z.object({ cohortId: uuidParam, eventId: uuidParam });

const person = z.object({ id: z.string(), firstName: z.string(), lastName: z.string() });

export const officeHourItem = z.object({
  id: z.string(),
  hostId: z.string().nullable(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string().nullable(),
  online: z.boolean(),
  status: z.enum(['scheduled', 'cancelled']),
  capacity: z.number().nullable(),
  placesLeft: z.number().nullable(),
  waitlistCount: z.number(),
  ended: z.boolean(),
  my: z.object({ status: z.enum(['registered', 'waitlisted']), waitlistPosition: z.number().nullable() }).nullable(),
  // Who booked: for the host, the cohort's facilitators and staff only; null for everyone else.
  bookedBy: z.array(person).nullable(),
});

export const sponsorItem = z.object({
  userId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  organisationName: z.string().nullable(),
  spaserStatus: z.enum(spaserStatusKeys).nullable(),
  spaserAdoptedOn: z.string().nullable(),
  // Markdown rendered by the help space's safe renderer; the raw text only for its author (to edit).
  storyHtml: z.string(),
  offerHtml: z.string(),
  own: z.object({ story: z.string(), offer: z.string() }).nullable(),
  updatedAt: z.string().nullable(),
});

export const sponsorQuestionItem = z.object({
  id: z.string(),
  body: z.string(),
  themes: z.array(z.enum(themeKeys)),
  // Null when the member who asked was deleted (« membre supprimé »).
  askedBy: person.nullable(),
  mine: z.boolean(),
  createdAt: z.string(),
  answerHtml: z.string().nullable(),
  answeredBy: person.nullable(),
  answeredAt: z.string().nullable(),
});

export const sponsorPageResponse = z.object({
  cohortId: z.string(),
  cohortName: z.string(),
  cohortStatus: z.string(),
  myRole: z.enum(['participant', 'sponsor', 'facilitator']).nullable(),
  sponsors: z.array(sponsorItem),
  officeHours: z.array(officeHourItem),
  questions: z.array(sponsorQuestionItem),
  myUnanswered: z.number(),
  can: z.object({ editProfile: z.boolean(), createSlots: z.boolean(), book: z.boolean(), ask: z.boolean(), answer: z.boolean(), seeOutcome: z.boolean() }),
});

export const bookingResponse = z.object({ status: z.enum(['registered', 'waitlisted']), waitlistPosition: z.number().nullable(), message: z.string() });
export const createdIdResponse = z.object({ id: z.string() });

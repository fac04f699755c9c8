import { z } from 'zod';

// The atterrissage (issue 23, item 5). Read by the web app too: no table imports here.

export const RETRO_FIELD_MAX = 3000;
// The summary becomes a library resource's content: it stays within what a resource holds.
export const LESSONS_MAX = 20_000;

const answer = (what: string) =>
  z
    .string({ error: `Répondez à « ${what} ».` })
    .trim()
    .min(1, `Répondez à « ${what} ».`)
    .max(RETRO_FIELD_MAX, `Votre réponse à « ${what} » tient en ${RETRO_FIELD_MAX.toLocaleString('fr-FR')} caractères.`);

export const retrospectiveQuestions = {
  worked: 'Ce qui a bien fonctionné',
  change: 'Ce que vous changeriez',
  lessons: 'Ce que vous retenez pour votre SPASER',
} as const;

export const retrospectiveBody = z.object({
  worked: answer(retrospectiveQuestions.worked),
  change: answer(retrospectiveQuestions.change),
  lessons: answer(retrospectiveQuestions.lessons),
});
export type RetrospectiveBody = z.infer<typeof retrospectiveBody>;

export const lessonsBody = z.object({
  publicSummary: z.string().trim().max(LESSONS_MAX, `La synthèse publique tient en ${LESSONS_MAX.toLocaleString('fr-FR')} caractères.`).default(''),
  privateDetails: z.string().trim().max(LESSONS_MAX, `Les détails réservés tiennent en ${LESSONS_MAX.toLocaleString('fr-FR')} caractères.`).default(''),
});
export type LessonsBody = z.infer<typeof lessonsBody>;

const texts = z.object({ worked: z.string(), change: z.string(), lessons: z.string(), updatedAt: z.string() });

export const atterrissageResponse = z.object({
  cohort: z.object({ id: z.string(), name: z.string(), edition: z.number(), status: z.string() }),
  can: z.object({ write: z.boolean(), manage: z.boolean() }),
  mine: texts.nullable(),
  // Facilitators only: every participant's retrospective.
  retrospectives: z.array(texts.extend({ name: z.string() })).nullable(),
  lessons: z.object({ publicSummary: z.string(), privateDetails: z.string(), publishedAt: z.string().nullable(), resourceId: z.string().nullable() }),
});

export const lessonsPageResponse = z.object({
  cohort: z.object({ id: z.string(), name: z.string(), edition: z.number(), startsOn: z.string(), endsOn: z.string() }),
  published: z.boolean(),
  publishedAt: z.string().nullable(),
  resourceId: z.string().nullable(),
  retrospectives: z.number(),
  summaryHtml: z.string(),
  // The cohort's members and staff only.
  detailsHtml: z.string().nullable(),
  can: z.object({ manage: z.boolean() }),
});
export const publishedResponse = z.object({ ok: z.literal(true), resourceId: z.string() });

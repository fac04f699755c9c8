import { z } from 'zod';
import { uuidParam } from '../../shared/fields.js';

export const notificationIdParams = z.object({ notificationId: uuidParam });
export const categoryField = z
  .string({ error: 'Choisissez une catégorie de notifications.' })
  .regex(/^[a-z_]{2,32}$/, "Cette catégorie de notifications n'existe pas.");
export const listQuery = z.object({
  unread: z.enum(['true', 'false'], { error: 'Valeur attendue : true ou false.' }).optional(),
  category: categoryField.optional().describe('only the notifications of this category (entraide, agenda, bibliotheque, promotions, codeveloppement…)'),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});

export const notificationView = z.object({
  id: z.string(),
  kind: z.string().describe('registered by its module: answer, comment, useful, mention, new_question, unanswered, new_resource, new_webinar, cohort_open, codev_session…'),
  category: z.string(),
  categoryLabel: z.string(),
  sentence: z.string().describe('French sentence ready to show'),
  path: z.string().describe('page of the web app the notification leads to'),
  actor: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  read: z.boolean(),
  createdAt: z.string(),
  questionId: z.string().nullable().describe('help space only: the question'),
  questionTitle: z.string().nullable(),
  postId: z.string().nullable(),
  suggestedHelpers: z
    .array(z.object({ id: z.string(), displayName: z.string(), usefulAnswersCount: z.number() }))
    .describe('for "unanswered": members who answered most usefully on the theme'),
});
export const categoryCount = z.object({ id: z.string(), label: z.string(), total: z.number(), unread: z.number() });
export const listResponse = z.object({
  items: z.array(notificationView),
  unreadCount: z.number(),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  categories: z.array(categoryCount).describe('every category, with the member’s readable notifications in each (for the filters)'),
});
export const unreadCountResponse = z.object({ unreadCount: z.number() });
export const okResponse = z.object({ ok: z.literal(true), message: z.string().optional() });

export const frequencyField = z.enum(['immediately', 'daily', 'weekly', 'never'], { error: 'Choisissez une fréquence : immédiatement, chaque jour, chaque semaine ou jamais.' });
export const preferencesBody = z
  .strictObject(
    {
      emailFrequency: frequencyField.optional().describe('one rhythm for every category, present and future'),
      categories: z.record(categoryField, frequencyField).optional().describe('a rhythm per category'),
    },
    {
      error: (iss) =>
        iss.code === 'unrecognized_keys' ? 'Seules vos propres préférences peuvent être modifiées : champ inattendu.' : 'Choisissez une fréquence pour vos notifications.',
    },
  )
  .refine((b) => b.emailFrequency !== undefined || (b.categories && Object.keys(b.categories).length > 0), {
    message: 'Choisissez au moins une fréquence.',
    path: ['categories'],
  });
export const preferencesResponse = z.object({
  emailFrequency: frequencyField.describe('the rhythm of categories without a choice of their own'),
  categories: z.array(z.object({ id: z.string(), label: z.string(), description: z.string(), emailFrequency: frequencyField })),
  options: z.array(z.object({ value: frequencyField, label: z.string() })),
});

export const unsubscribeQuery = z.object({ token: z.string({ error: 'Le lien est incomplet.' }).min(10, 'Le lien est incomplet.').max(200, 'Le lien est invalide.') });
export const unsubscribeInfo = z.object({
  firstName: z.string(),
  emailFrequency: frequencyField,
  category: z.object({ id: z.string(), label: z.string() }).nullable().describe('null: the link stops every news e-mail'),
  message: z.string(),
});

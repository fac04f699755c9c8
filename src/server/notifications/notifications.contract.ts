import { z } from 'zod';
import { uuidParam } from '../../shared/fields.js';

export const notificationIdParams = z.object({ notificationId: uuidParam });
export const listQuery = z.object({
  unread: z.enum(['true', 'false'], { error: 'Valeur attendue : true ou false.' }).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});

export const notificationView = z.object({
  id: z.string(),
  kind: z.enum(['answer', 'comment', 'useful', 'mention', 'new_question', 'unanswered']),
  sentence: z.string().describe('French sentence ready to show'),
  questionId: z.string(),
  questionTitle: z.string(),
  postId: z.string(),
  actor: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  read: z.boolean(),
  createdAt: z.string(),
  suggestedHelpers: z
    .array(z.object({ id: z.string(), displayName: z.string(), usefulAnswersCount: z.number() }))
    .describe('for "unanswered": members who answered most usefully on the theme'),
});
export const listResponse = z.object({ items: z.array(notificationView), unreadCount: z.number(), total: z.number(), page: z.number(), pageSize: z.number() });
export const unreadCountResponse = z.object({ unreadCount: z.number() });
export const okResponse = z.object({ ok: z.literal(true), message: z.string().optional() });

export const frequencyField = z.enum(['immediately', 'daily', 'weekly', 'never'], { error: 'Choisissez une fréquence : immédiatement, chaque jour, chaque semaine ou jamais.' });
export const preferencesBody = z.object({ emailFrequency: frequencyField });
export const preferencesResponse = z.object({
  emailFrequency: frequencyField,
  options: z.array(z.object({ value: frequencyField, label: z.string() })),
});

export const unsubscribeQuery = z.object({ token: z.string({ error: 'Le lien est incomplet.' }).min(10, 'Le lien est incomplet.').max(200, 'Le lien est invalide.') });
export const unsubscribeInfo = z.object({ firstName: z.string(), emailFrequency: frequencyField, message: z.string() });

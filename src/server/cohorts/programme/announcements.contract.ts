import { z } from 'zod';
import { isSingleLine, singleLineMessage, themeKeys } from '../../../shared/fields.js';

// Requests and responses of a cohort's announcements (issue 23, item 4): zod and shared fields only,
// so the web form validates with the same rules.

export const ANNOUNCEMENT_TITLE_MAX = 150;
export const ANNOUNCEMENT_BODY_MAX = 10_000;
export const ANNOUNCEMENT_THEMES_MAX = 5;

export const announcementBody = z.object({
  title: z
    .string({ error: "Saisissez le titre de l'annonce." })
    .trim()
    .min(1, "Saisissez le titre de l'annonce.")
    .max(ANNOUNCEMENT_TITLE_MAX, `Le titre ne peut dépasser ${ANNOUNCEMENT_TITLE_MAX} caractères.`)
    .refine(isSingleLine, singleLineMessage("Le titre de l'annonce")),
  body: z
    .string({ error: "Saisissez le texte de l'annonce." })
    .trim()
    .min(1, "Saisissez le texte de l'annonce.")
    .max(ANNOUNCEMENT_BODY_MAX, 'Le texte ne peut dépasser 10 000 caractères.'),
  themes: z
    .array(z.enum(themeKeys, { error: 'Thème inconnu : choisissez-en un dans la liste.' }), { error: 'Choisissez les thèmes dans la liste.' })
    .max(ANNOUNCEMENT_THEMES_MAX, `${ANNOUNCEMENT_THEMES_MAX} thèmes au plus.`)
    .default([]),
});
export type AnnouncementBody = z.output<typeof announcementBody>;

export const announcementItem = z.object({
  id: z.string(),
  title: z.string(),
  // The body's Markdown rendered by the server (the help space's safe renderer).
  bodyHtml: z.string(),
  themes: z.array(z.enum(themeKeys)),
  author: z.object({ id: z.string(), firstName: z.string(), lastName: z.string() }).nullable(),
  recipientCount: z.number(),
  createdAt: z.string(),
});

export const announcementsResponse = z.object({
  items: z.array(announcementItem),
  // Posting: the cohort's facilitators and staff, while the cohort is not finished.
  can: z.object({ post: z.boolean() }),
});

/** What would be sent, before sending: the rendered body and how many members it would reach. */
export const announcementPreview = z.object({ title: z.string(), bodyHtml: z.string(), recipientCount: z.number() });

export const announcementCreated = z.object({ id: z.string(), recipientCount: z.number() });

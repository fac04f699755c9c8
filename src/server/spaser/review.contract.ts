import { z } from 'zod';
import { uuidParam } from '../../shared/fields.js';
import { spaserSectionKeys } from './spaser.contract.js';

// Requests and responses of the review of a schéma (issue 19, item 3); imports only zod (the web app uses them).

export const COMMENT_MAX = 4000;

const commentText = z
  .string({ error: 'Écrivez votre commentaire.' })
  .trim()
  .min(1, 'Écrivez votre commentaire.')
  .max(COMMENT_MAX, `Un commentaire tient en ${new Intl.NumberFormat('fr-FR').format(COMMENT_MAX)} caractères au plus : raccourcissez-le ou partagez-le en deux.`);

export const reviewerBody = z.object({ userId: z.uuid({ error: 'Choisissez une personne à inviter.' }) });
export const newThreadBody = z.object({
  section: z.enum(spaserSectionKeys, { error: 'Choisissez une partie du schéma.' }),
  body: commentText,
});
export const replyBody = z.object({ body: commentText });
export const threadStatusBody = z.object({ resolved: z.boolean({ error: 'Indiquez si la discussion est résolue.' }) });
export const threadParams = z.object({ spaserId: uuidParam, threadId: uuidParam });

const comment = z.object({
  id: z.string(),
  // Null once the author's account is erased.
  authorName: z.string().nullable(),
  body: z.string(),
  createdAt: z.string(),
  mine: z.boolean(),
});

export const reviewThread = z.object({
  id: z.string(),
  section: z.enum(spaserSectionKeys),
  comments: z.array(comment),
  resolvedAt: z.string().nullable(),
  resolvedByName: z.string().nullable(),
  // What the person may do with it, so the page never guesses.
  canResolve: z.boolean(),
});
export type ReviewThread = z.infer<typeof reviewThread>;

const person = z.object({ userId: z.string(), name: z.string(), detail: z.string() });

export const reviewState = z.object({
  // Editors invite and revoke; editors and invited reviewers comment.
  canInvite: z.boolean(),
  canComment: z.boolean(),
  reviewing: z.boolean(),
  reviewers: z.array(person.extend({ invitedAt: z.string() })),
  // Editors only: colleagues of the accepted buyers who are not editors, and the platform's facilitators.
  candidates: z.array(person),
  threads: z.array(reviewThread),
});
export type ReviewState = z.infer<typeof reviewState>;

export const createdId = z.object({ id: z.string() });

/** The schémas a person was invited to review (their « Mes SPASER » page lists them). */
export const myReviews = z.object({
  items: z.array(z.object({ id: z.string(), title: z.string(), lead: z.string(), openThreads: z.number(), invitedAt: z.string() })),
});

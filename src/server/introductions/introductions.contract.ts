import { z } from 'zod';

// Contact by consent (issue 20, item 5): « mises en relation ». Imports nothing but zod: the web app
// validates the form with the very same rules.

/** A message shorter than this says too little for the peer to decide. */
export const INTRODUCTION_MESSAGE_MIN = 20;
export const INTRODUCTION_MESSAGE_MAX = 2000;
/** Requests a member may have waiting for an answer at once (against spam). */
export const MAX_PENDING_INTRODUCTIONS = 3;
/** Requests to the same member within the cooldown window (withdrawn ones count): no send-withdraw-send loop. */
export const MAX_REQUESTS_TO_MEMBER = 3;
/** After a refusal, no new request to the same person for this many days. */
export const DECLINE_COOLDOWN_DAYS = 30;

/** Control characters other than line breaks (LF, or CR in a CRLF pair): the tab too, unlike the platform's input guard. */
const CONTROL_EXCEPT_LINE_BREAKS = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F]|\r(?!\n)/;
const count = (n: number) => new Intl.NumberFormat('fr-FR').format(n);

export const introductionMessage = z
  .string({ error: 'Saisissez votre message.' })
  .trim()
  .min(1, 'Saisissez votre message.')
  .min(INTRODUCTION_MESSAGE_MIN, `Votre message est trop court : présentez-vous et dites ce que vous attendez de ce membre, en ${INTRODUCTION_MESSAGE_MIN} caractères au moins.`)
  .max(INTRODUCTION_MESSAGE_MAX, `Votre message ne peut dépasser ${count(INTRODUCTION_MESSAGE_MAX)} caractères.`)
  .refine((s) => !CONTROL_EXCEPT_LINE_BREAKS.test(s), 'Votre message contient un caractère de contrôle (tabulation ou autre) : seuls les retours à la ligne sont acceptés.');

export const introductionBody = z.object({
  recipientId: z.uuid({ error: 'Identifiant du membre invalide.' }),
  message: introductionMessage,
});
export type IntroductionBody = z.infer<typeof introductionBody>;

export const introductionStatus = z.enum(['pending', 'accepted', 'declined', 'withdrawn']);
export type IntroductionStatus = z.infer<typeof introductionStatus>;

/** One request as one of its two members sees it; `peer.email` only once accepted. */
export const introductionView = z.object({
  id: z.string(),
  direction: z.enum(['sent', 'received']),
  status: introductionStatus,
  message: z.string(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
  peer: z.object({
    id: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    jobTitle: z.string(),
    organisations: z.array(z.string()),
    email: z.string().nullable(),
  }),
  can: z.object({ accept: z.boolean(), decline: z.boolean(), withdraw: z.boolean() }),
});
export type IntroductionView = z.infer<typeof introductionView>;

export const introductionsList = z.object({ sent: z.array(introductionView), received: z.array(introductionView) });
export type IntroductionsList = z.infer<typeof introductionsList>;

/**
 * Why a request to this member is not possible now: oneself, not contactable (the same answer for
 * unknown, hidden, unverified, disabled and not « disponible pour aider »), already connected, a
 * request waiting in either direction, refused less than 30 days ago, too many requests waiting, too
 * many requests to this member in 30 days (each one notified them, even if withdrawn since).
 */
export const introductionBlock = z.enum(['self', 'unavailable', 'accepted', 'pending_sent', 'pending_received', 'declined_recently', 'too_many_pending', 'too_many_to_member']);
export type IntroductionBlock = z.infer<typeof introductionBlock>;

/** The contact between the viewer and one member, for the member's profile page. */
export const introductionWith = z.object({
  canRequest: z.boolean(),
  blocked: introductionBlock.nullable(),
  /** With `declined_recently` and `too_many_to_member`: from when a new request is possible (ISO instant). */
  retryAt: z.string().nullable(),
  /** The latest request between the two, either direction. */
  request: z.object({ id: z.string(), status: introductionStatus, direction: z.enum(['sent', 'received']) }).nullable(),
  /** The member's e-mail address, once a request between the two was accepted. */
  email: z.string().nullable(),
});
export type IntroductionWith = z.infer<typeof introductionWith>;

import { z } from 'zod';
import { isSingleLine, singleLineMessage, uuidParam } from '../../../shared/fields.js';
import { spaserStatusKeys } from '../../spaser/spaser-status.contract.js';
import { cohortRoleValues, spaserStageValues } from '../cohorts.contract.js';

// Requests and responses of the décollage cards and the participants' follow-up (issue 23, items 1
// and 2): zod and shared fields only, so the web forms validate with the same rules.

export const CARD_ROLE_MAX = 150;
export const CARD_TEXT_MAX = 1000;
export const NUDGE_MAX = 2000;

const text = (missing: string, max: number) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(max, `Ce texte ne peut dépasser ${String(max).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} caractères.`);

export const cardBody = z.object({
  jobRole: text('Indiquez votre fonction.', CARD_ROLE_MAX).refine(isSingleLine, singleLineMessage('Votre fonction')),
  spaserStage: z.enum(spaserStageValues, { error: 'Choisissez où en est le SPASER de votre organisation.' }),
  motivation: text('Dites en quelques mots ce qui vous amène dans la promotion.', CARD_TEXT_MAX),
  canBring: text('Dites ce que vous pouvez apporter aux autres participants.', CARD_TEXT_MAX),
  needs: text('Dites ce dont vous avez besoin.', CARD_TEXT_MAX),
});
export type CardBody = z.output<typeof cardBody>;

export const cardItem = z.object({
  userId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  role: z.enum(cohortRoleValues),
  organisationName: z.string().nullable(),
  jobRole: z.string(),
  spaserStage: z.enum(spaserStageValues),
  motivation: z.string(),
  canBring: z.string(),
  needs: z.string(),
  updatedAt: z.string(),
});

const person = z.object({ userId: z.string(), firstName: z.string(), lastName: z.string(), organisationName: z.string().nullable() });

export const cardsResponse = z.object({
  cohortName: z.string(),
  items: z.array(cardItem),
  participantCount: z.number(),
  // The current user fills a card (participants only), and whether theirs is filled.
  canFill: z.boolean(),
  myCardFilled: z.boolean(),
  // For the cohort's facilitators and staff only (null for others): who has not filled the card, and who
  // has not started the e-learning course (null when the platform has no published course).
  missing: z
    .object({
      noCard: z.array(person),
      course: z.object({ slug: z.string(), title: z.string(), notStarted: z.array(person) }).nullable(),
    })
    .nullable(),
});

export const myCardResponse = z.object({
  cohortName: z.string(),
  organisationName: z.string().nullable(),
  // The stored card, or null (then `prefill` comes from the application).
  card: cardBody.extend({ updatedAt: z.string() }).nullable(),
  prefill: z.object({ jobRole: z.string(), spaserStage: z.enum(spaserStageValues).nullable(), motivation: z.string(), canBring: z.string(), needs: z.string() }),
});

// ---- Follow-up dashboard ---------------------------------------------------------------------

export const helpRuleValues = ['no_activity', 'checklist_stuck', 'missed_sessions'] as const;
export type HelpRule = (typeof helpRuleValues)[number];

export const followUpRow = z.object({
  userId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  organisationName: z.string().nullable(),
  spaser: z.object({
    status: z.enum(spaserStatusKeys),
    // The legal check of the organisation's schéma in the builder (met / applicable), null without one.
    legalCheck: z.object({ met: z.number(), applicable: z.number() }).nullable(),
    // The stage the participant declared (card, else application): shown when no schéma is written here.
    declaredStage: z.enum(spaserStageValues).nullable(),
  }),
  attendance: z.object({ present: z.number(), absent: z.number(), marked: z.number() }),
  questions: z.number(),
  answers: z.number(),
  codev: z.object({ asClient: z.number(), asConsultant: z.number() }),
  surveysAnswered: z.number(),
  cardFilled: z.boolean(),
  lastActivityAt: z.string().nullable(),
  lastNudgedAt: z.string().nullable(),
  // The « qui a besoin d'aide » rules the participant meets, with the reasons in French.
  flags: z.array(z.object({ rule: z.enum(helpRuleValues), reason: z.string() })),
  // A French message the facilitator may edit before sending (« Envoyer un message »).
  suggestedMessage: z.string(),
  // When the next message may be sent (24 h after the last), null when now.
  nudgeAllowedFrom: z.string().nullable(),
});

export const followUpSummary = z.object({
  participants: z.number(),
  cardsFilled: z.number(),
  needHelp: z.number(),
  byRule: z.object({ no_activity: z.number(), checklist_stuck: z.number(), missed_sessions: z.number() }),
  attendance: z.object({ present: z.number(), marked: z.number() }),
  questions: z.number(),
  answers: z.number(),
  codevSessions: z.number(),
  surveyResponses: z.number(),
});

export const followUpResponse = z.object({
  cohortName: z.string(),
  generatedAt: z.string(),
  summary: followUpSummary,
  // Individual rows: the cohort's facilitators and staff only; sponsors get null (the summary only).
  rows: z.array(followUpRow).nullable(),
  can: z.object({ nudge: z.boolean(), export: z.boolean() }),
});

export const participantParams = z.object({ cohortId: uuidParam, userId: uuidParam });

export const nudgeBody = z.object({
  body: text('Écrivez le message.', NUDGE_MAX),
});

export const nudgeResponse = z.object({ id: z.string(), sentAt: z.string() });

import { z } from 'zod';
import { spaserStatusKeys, spaserStatusSources } from '../../spaser/spaser-status.contract.js';

// The observed outcome of an edition (issue 23, item 7). Read by the web app too: no table imports here.

export const outcomeCategories = ['before_start', 'within_six_months', 'later', 'not_yet'] as const;
export type OutcomeCategory = (typeof outcomeCategories)[number];

export const outcomeCategoryLabels: Record<OutcomeCategory, string> = {
  before_start: 'Déjà adopté avant la promotion',
  within_six_months: 'Adopté dans les six mois',
  later: 'Adopté plus tard',
  not_yet: 'Pas encore adopté',
};

export const outcomeRow = z.object({
  organisationId: z.string(),
  organisationName: z.string(),
  participants: z.array(z.string()),
  status: z.enum(spaserStatusKeys),
  source: z.enum(spaserStatusSources),
  adoptedOn: z.string().nullable(),
  category: z.enum(outcomeCategories),
  daysFromStart: z.number().nullable(),
});

const figure = z.object({ adopted: z.number(), of: z.number(), share: z.number().nullable() });

export const cohortOutcomeResponse = z.object({
  cohort: z.object({ id: z.string(), name: z.string(), edition: z.number(), startsOn: z.string(), endsOn: z.string(), status: z.string() }),
  windowEndsOn: z.string(),
  windowClosed: z.boolean(),
  organisations: z.number(),
  counts: z.object({ before_start: z.number(), within_six_months: z.number(), later: z.number(), not_yet: z.number() }),
  observed: figure,
  intended: z.object({ yes: z.number(), of: z.number(), share: z.number().nullable(), questionLabel: z.string().nullable() }).nullable(),
  medianDaysToAdoption: z.number().nullable(),
  followup: z.object({ id: z.string(), title: z.string(), opensAt: z.string(), closesAt: z.string(), answers: z.number() }).nullable(),
  // Facilitators and staff: one row per organisation; sponsors: the figures only (rows empty, detailed false).
  detailed: z.boolean(),
  rows: z.array(outcomeRow),
});
export type CohortOutcomeResponse = z.infer<typeof cohortOutcomeResponse>;

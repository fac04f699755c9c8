import { z } from 'zod';
import { themeKeys } from '../../shared/fields.js';
import { featureKeys } from './features.js';

export const peerSuggestionsQuery = z.object({
  theme: z.enum(themeKeys, { error: 'Thème inconnu : choisissez-en un dans la liste.' }).optional(),
  organisationId: z.uuid({ error: 'Organisation inconnue.' }).optional(),
});

export const peerSuggestion = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  jobTitle: z.string(),
  regionCode: z.string().nullable(),
  availableToHelp: z.boolean(),
  organisation: z.object({ id: z.string(), name: z.string() }),
  // The sum of the reasons' points: every point of the ranking is explained.
  score: z.number(),
  reasons: z.array(z.object({ feature: z.enum(featureKeys), points: z.number(), text: z.string() })),
  explanation: z.string(),
});

export const peerSuggestions = z.object({
  // The organisation the suggestions are for, and the viewer's organisations to choose another.
  organisation: z.object({ id: z.string(), name: z.string() }),
  organisations: z.array(z.object({ id: z.string(), name: z.string() })),
  theme: z.enum(themeKeys).nullable(),
  items: z.array(peerSuggestion),
});
export type PeerSuggestions = z.infer<typeof peerSuggestions>;

/** A sponsor suggested for a cohort: a peer ranked for each of its organisations, scores summed. */
export const sponsorSuggestion = peerSuggestion.extend({
  // For how many of the cohort's organisations this member was among the candidates.
  organisationsServed: z.number(),
});
export type SponsorSuggestion = z.infer<typeof sponsorSuggestion>;

export const sponsorSuggestions = z.object({
  // Whose organisations the ranking is for: the accepted participants, or while there are none the
  // candidates whose application is still open or accepted; none yet: no suggestion.
  basis: z.enum(['participants', 'applicants', 'none']),
  organisationCount: z.number(),
  items: z.array(sponsorSuggestion),
});
export type SponsorSuggestions = z.infer<typeof sponsorSuggestions>;

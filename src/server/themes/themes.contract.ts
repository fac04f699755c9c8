import { z } from 'zod';
import { themeKeys } from '../../shared/fields.js';
import { eventSummary } from '../events/events.contract.js';
import { questionSummary } from '../helpspace/helpspace.contract.js';
import { resourceSummary } from '../library/library.contract.js';

// Requests and responses of the theme pages (issue 23, item 9); zod only, the web app imports it too.

export const themeParams = z.object({ theme: z.enum(themeKeys, { error: 'Thème inconnu : choisissez-en un dans la liste.' }) });

const section = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().describe('how many the viewer may read (items holds the first ones)') });

export const codevCaseItem = z.object({
  id: z.string(),
  title: z.string(),
  cohortName: z.string(),
  groupName: z.string(),
  startsAt: z.string(),
  status: z.enum(['planned', 'running', 'ended', 'cancelled']),
});
export const announcementItem = z.object({ id: z.string(), cohortId: z.string(), cohortName: z.string(), title: z.string(), createdAt: z.string() });
export const sponsorQuestionItem = z.object({ id: z.string(), cohortId: z.string(), cohortName: z.string(), excerpt: z.string(), answered: z.boolean(), createdAt: z.string() });

/** Everything of one theme the viewer may read, one section per kind, each with its module's own rule. */
export const themePageResponse = z.object({
  theme: z.object({ key: z.enum(themeKeys), label: z.string() }),
  questions: section(questionSummary),
  resources: section(resourceSummary),
  events: section(eventSummary),
  codevCases: section(codevCaseItem),
  announcements: section(announcementItem),
  sponsorQuestions: section(sponsorQuestionItem),
});

export const themeCounts = z.object({
  questions: z.number(),
  resources: z.number(),
  events: z.number(),
  codevCases: z.number(),
  announcements: z.number(),
  sponsorQuestions: z.number(),
});
/** Every theme of the list, in its order, with what the viewer may read of it. */
export const themesResponse = z.object({
  items: z.array(z.object({ key: z.enum(themeKeys), label: z.string(), counts: themeCounts, total: z.number() })),
});

import { z } from 'zod';
import { addDays, fromParisLocal, toParisLocal } from '../../../shared/paris-time.js';
import { cohortFields } from '../cohorts.contract.js';

// The next edition of a cohort (issue 23, item 6): requests, responses and the date arithmetic shared
// by the server (copy.service.ts) and the web form's preview of the shifted schedule.

/**
 * Only what changes from one edition to the next. Strict: anything else — members, sponsors,
 * applications… — is refused, since an edition never carries the people of the one it copies.
 */
export const copyCohortBody = z.strictObject(
  {
    name: cohortFields.name,
    edition: cohortFields.edition,
    startsOn: cohortFields.startsOn,
    capacity: cohortFields.capacity,
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Une nouvelle édition reprend la description, les séances, les questionnaires et les ressources, jamais les personnes : retirez ${issue.keys.map((k) => `« ${k} »`).join(', ')} de la demande.`
        : undefined,
  },
);
export type CopyCohortBody = z.output<typeof copyCohortBody>;

export const copyCohortResponse = z.object({
  id: z.string(),
  endsOn: z.string(),
  // Calendar days between the two start dates (the end, each session and each questionnaire move by as many).
  shiftDays: z.number(),
  sessions: z.number(),
  surveys: z.number(),
  resources: z.number(),
  // Reserved resources that could not be copied (a file missing from the store…), by title.
  resourcesNotCopied: z.array(z.string()),
});

/**
 * The instant `days` calendar days later on a Paris clock: the same wall time (10:00 stays 10:00
 * whether the original date was in winter time and the new one in summer time), not a multiple of
 * 24 hours. A wall time that does not exist on the new day (the hour skipped in March) moves one
 * hour later, as clocks do.
 */
export function shiftParisDays(instant: Date, days: number): Date {
  const local = toParisLocal(instant);
  const [date, time] = local.split('T') as [string, string];
  const sub = instant.getTime() % 60_000;
  const shifted = fromParisLocal(`${addDays(date, days)}T${time}`);
  if (shifted) return new Date(shifted.getTime() + sub);
  const [h, m] = time.split(':').map(Number) as [number, number];
  const later = fromParisLocal(`${addDays(date, days)}T${String(h + 1).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  return new Date(later!.getTime() + sub);
}

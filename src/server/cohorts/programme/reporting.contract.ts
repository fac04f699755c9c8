import { z } from 'zod';
import { cohortOutcomeResponse, outcomeCategories } from './outcomes.contract.js';

// Programme reporting across editions (issue 23, item 8). Read by the web app too: no table imports here.

export const reportTables = ['editions', 'organisations'] as const;
export type ReportTable = (typeof reportTables)[number];
export const reportExportParams = z.object({ table: z.enum(reportTables, { error: 'Tableau inconnu (editions ou organisations).' }) });
export const reportExportQuery = z.object({ format: z.enum(['csv', 'xlsx'], { error: 'Format inconnu (csv ou xlsx).' }).default('csv') });

const figure = cohortOutcomeResponse.shape.observed;

export const programmeReportResponse = z.object({
  editions: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      edition: z.number(),
      startsOn: z.string(),
      endsOn: z.string(),
      status: z.string(),
      copiedFromId: z.string().nullable(),
      participants: z.number(),
      organisations: z.number(),
      attendance: z.object({ present: z.number(), marked: z.number(), rate: z.number().nullable() }),
      intended: z.object({ yes: z.number(), of: z.number(), share: z.number().nullable() }).nullable(),
      observed: figure,
      windowEndsOn: z.string(),
      windowClosed: z.boolean(),
      published: z.number(),
      medianDaysToAdoption: z.number().nullable(),
    }),
  ),
  totals: z.object({ editions: z.number(), participants: z.number(), organisations: z.number(), observed: figure, medianDaysToAdoption: z.number().nullable() }),
  byKind: z.array(z.object({ kind: z.string(), label: z.string(), count: z.number() })),
  byRegion: z.array(z.object({ code: z.string(), label: z.string(), count: z.number() })),
  rows: z.array(
    z.object({
      edition: z.number(),
      cohortName: z.string(),
      organisationId: z.string(),
      organisationName: z.string(),
      kind: z.string().nullable(),
      regionCode: z.string().nullable(),
      status: z.string(),
      adoptedOn: z.string().nullable(),
      category: z.enum(outcomeCategories),
      daysFromStart: z.number().nullable(),
    }),
  ),
});
export type ProgrammeReportResponse = z.infer<typeof programmeReportResponse>;

export const SHARE_DAYS_MAX = 90;
export const shareBody = z.object({
  days: z
    .number({ error: 'Indiquez une durée en jours.' })
    .int('Indiquez un nombre entier de jours.')
    .min(1, 'Le lien vaut au moins 1 jour.')
    .max(SHARE_DAYS_MAX, `Le lien vaut au plus ${SHARE_DAYS_MAX} jours.`),
});
export const shareResponse = z.object({ url: z.string(), expiresAt: z.string() });
export const sharedParams = z.object({ token: z.string().min(1).max(200) });
export const sharedExportParams = sharedParams.extend(reportExportParams.shape);

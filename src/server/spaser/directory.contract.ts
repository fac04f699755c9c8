import { z } from 'zod';
import { organisationKindKeys } from '../organisations/organisations.contract.js';
import { regionCodes } from '../../shared/fields.js';
import type { IndicatorCategory, ObjectiveTag } from './spaser.content.js';

/**
 * The directory of published SPASERs (issue 19, item 4): its query (the page's own URL parameters,
 * in French, so a plain GET form works without JavaScript) and its answer. Only zod here: the web
 * app validates and reads with the same schemas.
 */

/**
 * The themes a visitor filters by. A schéma's themes come from what its editors tagged: the tags of
 * its objectives and the categories of its indicators (two vocabularies of spaser.content.ts, folded
 * here into one, « other » left out). A theme lists the tags and categories that stand for it.
 */
export const directoryThemes = {
  insertion: { tags: ['social_insertion', 'disadvantaged_employers'], categories: ['insertion', 'social_consideration', 'reserved_contracts'] },
  environment: { tags: ['ecological'], categories: ['environmental_consideration'] },
  circular_economy: { tags: ['circular_economy'], categories: ['circular_economy'] },
  esus: { tags: ['esus'], categories: ['esus'] },
  sme_access: { tags: ['sme_access'], categories: ['sme_access'] },
  fair_trade: { tags: ['fair_trade'], categories: [] },
} as const satisfies Record<string, { tags: readonly ObjectiveTag[]; categories: readonly IndicatorCategory[] }>;
export type DirectoryTheme = keyof typeof directoryThemes;
export const directoryThemeKeys = Object.keys(directoryThemes) as [DirectoryTheme, ...DirectoryTheme[]];

export const DIRECTORY_PAGE_SIZE = 20;

// An empty parameter (an untouched select of the GET form: « ?type=&region= ») means no filter.
const blank = (v: unknown) => (v === '' ? undefined : v);

/** GET /api/public/schemas and GET /schemas: the filters, each with its French message. */
export const directoryQuery = z.object({
  type: z.preprocess(blank, z.enum(organisationKindKeys, { error: 'Type d’organisation inconnu : choisissez-en un dans la liste.' }).optional()),
  region: z.preprocess(blank, z.enum(regionCodes, { error: 'Région inconnue : choisissez-en une dans la liste (code INSEE de la région).' }).optional()),
  annee: z.preprocess(
    blank,
    z.coerce
      .number({ error: 'Indiquez une année (AAAA).' })
      .int('Indiquez une année entière (AAAA).')
      .min(2000, 'Indiquez une année à partir de 2000.')
      .max(2100, 'Indiquez une année avant 2100.')
      .optional(),
  ),
  theme: z.preprocess(blank, z.enum(directoryThemeKeys, { error: 'Thème inconnu : choisissez-en un dans la liste.' }).optional()),
  page: z.preprocess(
    blank,
    z.coerce.number({ error: 'Numéro de page invalide.' }).int('Numéro de page invalide.').min(1, 'Numéro de page invalide (1 ou plus).').max(500, 'Numéro de page invalide (500 au plus).').default(1),
  ),
});
export type DirectoryQuery = z.output<typeof directoryQuery>;

export const directoryItem = z.object({
  title: z.string(),
  path: z.string(),
  // As in the published document (the lead first), with the organisation's kind and région today.
  buyers: z.array(z.object({ name: z.string(), kind: z.string().nullable(), regionCode: z.string().nullable(), regionName: z.string().nullable() })),
  periodStart: z.number(),
  periodEnd: z.number().nullable(),
  adoptedOn: z.string().nullable(),
  publishedAt: z.string(),
  themes: z.array(z.enum(directoryThemeKeys)),
});
export type DirectoryItem = z.output<typeof directoryItem>;

export const directoryResponse = z.object({
  items: z.array(directoryItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  // Every région, with the number of published schémas having a buyer there under the other
  // filters (type, year, theme — not the région, so the map still shows where else to look).
  regions: z.array(z.object({ code: z.string(), name: z.string(), count: z.number() })),
});
export type DirectoryResponse = z.output<typeof directoryResponse>;

import { z } from 'zod';
import { decpProvenance, indicatorCategories, indicatorUnits } from './spaser.content.js';

// Requests and responses of the bilan des indicateurs (issue 19, item 2); zod only, the web app uses them too.

/** One year of one buyer's indicator: the value (entered, or pre-filled from the DECP), the target it is held against. */
export const bilanYear = z.object({
  year: z.number(),
  value: z.number().nullable(),
  // 'entered': saved by an editor; 'decp': not saved, the buyer's DECP figure for the year, offered as is.
  origin: z.enum(['entered', 'decp']).nullable(),
  decp: decpProvenance.nullable(),
  overrideReason: z.string().nullable(),
  // The target of that year, else the next later one (the one the schéma aims at); null without any.
  target: z.object({ year: z.number(), value: z.number() }).nullable(),
  // Null when there is no value or no target.
  reached: z.boolean().nullable(),
});
export type BilanYear = z.output<typeof bilanYear>;

export const bilanIndicator = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(indicatorCategories),
  unit: z.enum(indicatorUnits),
  definition: z.string(),
  // Computable from the DECP (a catalogue entry with a measure): its missing years are pre-filled.
  fromDecp: z.boolean(),
  // For tonnes of CO2e a target is a ceiling: reached at or below it; every other unit at or above.
  lowerIsBetter: z.boolean(),
  perBuyer: z.array(
    z.object({
      organisationId: z.string(),
      name: z.string(),
      baseline: z.object({ year: z.number(), value: z.number() }).nullable(),
      targets: z.array(z.object({ year: z.number(), value: z.number() })),
      years: z.array(bilanYear),
    }),
  ),
});
export type BilanIndicator = z.output<typeof bilanIndicator>;

/** A published bilan, frozen (what its public page and PDF show). Holds nothing private. */
export const bilanDocument = z.object({
  spaserId: z.string(),
  title: z.string(),
  periodStart: z.number(),
  periodEnd: z.number().nullable(),
  adoptedOn: z.string().nullable(),
  adoptionReference: z.string().nullable(),
  buyers: z.array(z.object({ organisationId: z.string(), name: z.string() })),
  number: z.number(),
  publishedAt: z.string(),
  // /schemas/<ref>-<slug>/bilan and the schéma's own public page.
  path: z.string(),
  spaserPath: z.string(),
  indicators: z.array(bilanIndicator),
});
export type BilanDocument = z.output<typeof bilanDocument>;

/** GET /api/spasers/:id/bilan: the live bilan for the builder. */
export const bilanResponse = z.object({
  spaserId: z.string(),
  title: z.string(),
  status: z.string(),
  periodStart: z.number(),
  periodEnd: z.number().nullable(),
  canEdit: z.boolean(),
  // Version of the indicators section the values are saved into (the builder's conflict check).
  indicatorsVersion: z.number(),
  indicators: z.array(bilanIndicator),
  // Published only while the schéma itself is public (its page is the bilan's parent).
  canPublish: z.boolean(),
  published: z.array(z.object({ number: z.number(), publishedAt: z.string(), path: z.string() })),
  // When the next bilan is due (two years after the adoption or the last bilan); null before adoption.
  dueOn: z.string().nullable(),
});

const year = z.number({ error: 'Indiquez une année.' }).int('Indiquez une année entière.');

/** PUT /api/spasers/:id/bilan/values: one buyer's value of one indicator for one year (null removes it). */
export const bilanValueBody = z.object({
  version: z.number().int().min(0),
  indicatorId: z.string().min(1, 'Choisissez un indicateur.').max(64),
  organisationId: z.uuid({ error: 'Choisissez un acheteur du schéma.' }),
  year,
  value: z.number({ error: 'Indiquez une valeur numérique.' }).finite('Indiquez une valeur numérique.').nullable(),
  overrideReason: z.string().trim().max(300, 'La raison ne peut dépasser 300 caractères.').nullable().default(null),
});
export type BilanValueBody = z.output<typeof bilanValueBody>;

export const bilanValueSaved = z.object({ version: z.number() });
export const bilanPublished = z.object({ number: z.number(), path: z.string() });
/** GET /api/public/schemas/:ref/bilan */
export const publicBilanResponse = z.object({ document: bilanDocument });

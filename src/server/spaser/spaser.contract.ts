import { z } from 'zod';
import { spaserContent } from './spaser.content.js';
import { writtenSpaserStatusKeys } from './spaser-status.contract.js';

// Requests and responses of the SPASER builder (imports only zod: the web app uses them too).

export const spaserSectionKeys = ['preamble', 'diagnostic', 'axes', 'indicators', 'governance', 'stakeholders', 'publication'] as const;
export type SpaserSectionKey = (typeof spaserSectionKeys)[number];

const year = z.coerce
  .number({ error: 'Indiquez une année.' })
  .int('Indiquez une année.')
  .min(2014, 'Le schéma existe depuis la loi du 31 juillet 2014 : indiquez une année à partir de 2014.')
  .max(2100, 'Indiquez une année avant 2100.');

export const createSpaserBody = z
  .object({
    organisationId: z.uuid({ error: 'Choisissez une organisation dont vous êtes membre vérifié.' }),
    title: z.string().trim().min(1, 'Donnez un titre au schéma.').max(200, 'Le titre ne peut dépasser 200 caractères.'),
    periodStart: year,
    periodEnd: year.nullable().default(null),
  })
  .refine((b) => b.periodEnd === null || b.periodEnd >= b.periodStart, { path: ['periodEnd'], message: "L'année de fin ne peut précéder l'année de début." });

/** The body of each section, as spaser.content.ts defines it. */
export const sectionBodies = {
  preamble: spaserContent.shape.preamble,
  diagnostic: spaserContent.shape.diagnostic,
  axes: spaserContent.shape.axes,
  indicators: spaserContent.shape.indicators,
  governance: spaserContent.shape.governance,
  stakeholders: spaserContent.shape.stakeholders,
  publication: spaserContent.shape.publication,
} satisfies Record<SpaserSectionKey, z.ZodType>;

export const saveSectionBody = z.object({
  // The version the editor started from (0 for a section never saved).
  version: z.number().int().min(0),
  body: z.unknown(),
});

export const inviteBuyerBody = z.object({ organisationId: z.uuid({ error: 'Choisissez un acheteur.' }) });
export const editorBody = z.object({ userId: z.uuid({ error: 'Choisissez une personne.' }) });

export const adoptBody = z.object({
  adoptedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Indiquez la date de la délibération ou de la décision (AAAA-MM-JJ)."),
  reference: z.string().trim().min(1, 'Indiquez la référence de la délibération ou de la décision.').max(200, 'La référence ne peut dépasser 200 caractères.'),
});

const checkItem = z.object({
  id: z.string(),
  status: z.enum(['met', 'missing', 'not_applicable']),
  title: z.string(),
  basis: z.string(),
  explanation: z.string(),
  detail: z.string().nullable(),
  section: z.enum(['axes', 'indicators', 'governance', 'publication']),
  appliesFrom: z.string(),
  unverified: z.string().nullable(),
});

export const spaserDetail = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(writtenSpaserStatusKeys),
  periodStart: z.number(),
  periodEnd: z.number().nullable(),
  adoptedOn: z.string().nullable(),
  adoptionReference: z.string().nullable(),
  buyers: z.array(z.object({ organisationId: z.string(), name: z.string(), lead: z.boolean(), status: z.enum(['invited', 'accepted']) })),
  editors: z.array(z.object({ userId: z.string(), name: z.string() })),
  canEdit: z.boolean(),
  sections: z.record(z.string(), z.object({ body: z.unknown(), version: z.number(), updatedAt: z.string().nullable(), updatedBy: z.string().nullable() })),
  check: z.object({ at: z.string(), met: z.number(), applicable: z.number(), items: z.array(checkItem) }),
});
export type SpaserDetail = z.infer<typeof spaserDetail>;

export const spaserSummary = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(writtenSpaserStatusKeys),
  periodStart: z.number(),
  periodEnd: z.number().nullable(),
  buyers: z.array(z.string()),
  updatedAt: z.string(),
});
export const spaserList = z.object({ items: z.array(spaserSummary) });
export const sectionSaved = z.object({ section: z.enum(spaserSectionKeys), version: z.number(), updatedAt: z.string() });

import { z } from 'zod';
import { indicator, mappingRow, spaserContent } from './spaser.content.js';
import { uuidParam } from '../../shared/fields.js';
import { decpMeasures } from './indicator-catalogue.js';
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
    // Where to start from: nothing, the blank template with the usual axes, or a suggested model (its structure only).
    model: z
      .string()
      .refine((m) => m === 'blank' || z.uuid().safeParse(m).success, 'Choisissez un modèle proposé, le modèle vierge ou aucun.')
      .nullable()
      .default(null),
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

export const modelsQuery = z.object({ organisationId: z.uuid({ error: 'Choisissez une organisation dont vous êtes membre vérifié.' }) });

/** The models offered when starting a schéma (item 6): similar organisations' adopted or published schémas, and a blank template. */
export const spaserModels = z.object({
  definition: z.string(),
  // The year and size band the similarity was judged on (the organisation's latest year of notified marchés).
  year: z.number().nullable(),
  band: z.string().nullable(),
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      status: z.enum(['adopted', 'published']),
      adoptedOn: z.string().nullable(),
      periodStart: z.number(),
      periodEnd: z.number().nullable(),
      organisationName: z.string(),
      reason: z.string(),
      counts: z.object({ axes: z.number(), objectives: z.number(), actions: z.number(), indicators: z.number() }),
      axes: z.array(z.string()),
    }),
  ),
  // Why nothing is suggested: no SIREN, no DECP data, no similar organisation, none with an adopted schéma.
  noSuggestion: z.enum(['no_siren', 'no_decp', 'no_peers', 'no_adopted']).nullable(),
  blank: z.object({ axes: z.array(z.object({ title: z.string(), objectives: z.array(z.string()) })) }),
});
export type SpaserModels = z.infer<typeof spaserModels>;

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

/** A file justifying an indicator value, uploaded to the schéma; read by whoever reads the schéma. */
export const evidenceFile = z.object({
  id: z.string(),
  fileName: z.string(),
  kind: z.string(),
  size: z.number(),
  uploadedAt: z.string(),
  downloadUrl: z.string(),
});
export type EvidenceFile = z.infer<typeof evidenceFile>;
export const evidenceFileParams = z.object({ spaserId: uuidParam, fileId: uuidParam });

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
  // For editors only: verified members of the accepted buyers who are not editors yet (empty otherwise).
  editorCandidates: z.array(z.object({ userId: z.string(), name: z.string(), organisationName: z.string() })),
  // The person's organisations invited to this schéma and not yet joined: they may accept for them.
  invitedAs: z.array(z.object({ organisationId: z.string(), name: z.string() })),
  canEdit: z.boolean(),
  evidenceFiles: z.array(evidenceFile),
  sections: z.record(z.string(), z.object({ body: z.unknown(), version: z.number(), updatedAt: z.string().nullable(), updatedBy: z.string().nullable() })),
  check: z.object({ at: z.string(), met: z.number(), applicable: z.number(), items: z.array(checkItem) }),
  // The public page of the schéma when published (issue 18), null otherwise.
  publication: z.object({ path: z.string(), version: z.number(), publishedAt: z.string() }).nullable(),
});
export type SpaserDetail = z.infer<typeof spaserDetail>;

export const spaserSummary = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(writtenSpaserStatusKeys),
  periodStart: z.number(),
  periodEnd: z.number().nullable(),
  buyers: z.array(z.string()),
  // The person's organisations invited to this schéma and not yet joined.
  invitedAs: z.array(z.object({ organisationId: z.string(), name: z.string() })),
  updatedAt: z.string(),
});
export const spaserList = z.object({ items: z.array(spaserSummary) });
export const sectionSaved = z.object({ section: z.enum(spaserSectionKeys), version: z.number(), updatedAt: z.string() });

export const prefillBody = z.object({ catalogueKey: z.string({ error: 'Choisissez un indicateur du catalogue.' }).min(1, 'Choisissez un indicateur du catalogue.').max(64) });
export const prefillResponse = z.object({ indicator });

const measureFigure = z.object({ value: z.number(), numerator: z.number(), denominator: z.number() }).nullable();
/** Each accepted buyer's DECP figures per year (marchés notified in the year), for the indicators of the schéma. */
export const decpFiguresResponse = z.object({
  buyers: z.array(
    z.object({
      organisationId: z.string(),
      siren: z.string().nullable(),
      years: z.array(
        z.object({
          year: z.number(),
          sourceFiles: z.array(z.string()),
          importedAt: z.string().nullable(),
          measures: z.object(Object.fromEntries(decpMeasures.map((m) => [m, measureFigure])) as Record<(typeof decpMeasures)[number], typeof measureFigure>),
        }),
      ),
    }),
  ),
});
export type DecpFiguresResponse = z.infer<typeof decpFiguresResponse>;

/** The purchase mapping pre-filled from the DECP (item 3): year omitted, each buyer's latest year with marchés. */
export const mappingPrefillBody = z.object({
  year: z.number({ error: 'Indiquez une année.' }).int('Indiquez une année entière.').min(2000, "L'année doit être 2000 ou après.").max(2100, "L'année doit être 2100 ou avant.").nullable().default(null),
});
export const mappingPrefillResponse = z.object({
  rows: z.array(mappingRow),
  years: z.array(z.object({ organisationId: z.string(), year: z.number().nullable() })),
});

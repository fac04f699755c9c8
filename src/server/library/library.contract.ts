import { z } from 'zod';
import { cpvDivisionCodes } from '../../shared/cpv.js';
import { themeKeys, uuidParam } from '../../shared/fields.js';

// Requests and responses of the resource library (imports nothing but zod and shared fields: the web
// app validates its forms with the same rules).

export const resourceKinds = ['guide', 'template', 'spaser_example', 'clause', 'indicator_toolbox', 'recording', 'testimony', 'summary_sheet'] as const;
export type ResourceKind = (typeof resourceKinds)[number];
export const resourceVisibilities = ['public', 'verified', 'space', 'group'] as const;
export type ResourceVisibility = (typeof resourceVisibilities)[number];
export const fileKinds = ['pdf', 'docx', 'xlsx', 'odt'] as const;
export type FileKind = (typeof fileKinds)[number];
export const extractionStatuses = ['pending', 'done', 'unreadable', 'not_applicable'] as const;

export const TITLE_MAX = 200;
export const SUMMARY_MAX = 1000;
export const BODY_MAX = 50_000;
export const FILES_MAX = 5;
export const LINKS_MAX = 5;

const text = (what: string, max: number, required = false) => {
  const base = z.string({ error: `Saisissez ${what}.` }).trim().max(max, `Ce champ ne peut dépasser ${max.toLocaleString('fr-FR')} caractères.`);
  return required ? base.min(1, `Saisissez ${what}.`) : base.default('');
};

export const linkField = z.object({
  label: z.string({ error: 'Saisissez le libellé du lien.' }).trim().min(1, 'Saisissez le libellé du lien.').max(120, 'Le libellé ne peut dépasser 120 caractères.'),
  url: z
    .string({ error: "Saisissez l'adresse du lien." })
    .trim()
    .max(2000, "L'adresse est trop longue.")
    .refine((u) => /^https?:\/\/[^\s]+$/i.test(u) && URL.canParse(u), "L'adresse doit commencer par https:// ou http://."),
});

/** The metadata of a resource, as a facilitator publishes it or a member proposes it. */
const resourceFields = z.object({
    kind: z.enum(resourceKinds, { error: 'Choisissez le type de ressource.' }),
    title: text('le titre', TITLE_MAX, true),
    summary: text('le résumé', SUMMARY_MAX),
    body: text('le contenu', BODY_MAX),
    themes: z.array(z.enum(themeKeys, { error: 'Thème inconnu.' })).max(5, '5 thèmes au plus.').default([]),
    segments: z.array(z.enum(cpvDivisionCodes, { error: "Segment d'achat inconnu." })).max(10, "10 segments d'achat au plus.").default([]),
    links: z.array(linkField).max(LINKS_MAX, `${LINKS_MAX} liens au plus.`).default([]),
    producer: text("l'organisation productrice", 200),
    licence: text('la licence', 200),
    // A day (YYYY-MM-DD); today when absent.
    publishedOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Saisissez une date au format JJ/MM/AAAA.')
      .refine((d) => !Number.isNaN(Date.parse(`${d}T12:00:00Z`)), "Cette date n'existe pas.")
      .optional(),
    visibility: z.enum(resourceVisibilities, { error: 'Choisissez qui peut voir la ressource.' }).default('public'),
    spaceId: uuidParam.optional(),
    groupId: uuidParam.optional(),
});
export const resourceInput = resourceFields.superRefine((r, ctx) => {
  if (r.visibility === 'space' && !r.spaceId) ctx.addIssue({ code: 'custom', path: ['spaceId'], message: "Choisissez l'espace privé." });
  if (r.visibility === 'group' && !r.groupId) ctx.addIssue({ code: 'custom', path: ['groupId'], message: 'Choisissez le groupe de membres.' });
});
export type ResourceInput = z.output<typeof resourceInput>;

/**
 * Editing a resource (PATCH, multipart like creation): the `data` field holds any metadata of
 * resourceInput to change (absent keys keep their value), plus the ids of attached files to remove
 * and the producing organisation; new files come as `files` parts.
 */
export const resourceEditExtras = z.object({
  removeFileIds: z.array(uuidParam).max(FILES_MAX, `${FILES_MAX} fichiers au plus.`).default([]),
  organisationId: uuidParam.nullable().optional(),
});
export type ResourceEditExtras = z.output<typeof resourceEditExtras>;
/** The keys of `data` that are metadata (everything else is ignored). */
export const resourceInputKeys = Object.keys(resourceFields.shape) as (keyof ResourceInput)[];

export const resourceIdParams = z.object({ resourceId: uuidParam });
export const fileIdParams = z.object({ fileId: uuidParam });
export const collectionIdParams = z.object({ collectionId: uuidParam });
export const downloadQuery = z.object({ inline: z.enum(['1', '0']).optional() });

export const reviewBody = z.object({
  decision: z.enum(['approve', 'reject'], { error: 'Choisissez : publier ou refuser.' }),
  message: z.string().trim().max(2000, 'Le message ne peut dépasser 2 000 caractères.').default(''),
}).superRefine((b, ctx) => {
  if (b.decision === 'reject' && !b.message) ctx.addIssue({ code: 'custom', path: ['message'], message: 'Expliquez au membre pourquoi la ressource est refusée.' });
});

const page = z.coerce.number({ error: 'Numéro de page invalide.' }).int().min(1).max(500).default(1);
export const listQuery = z.object({
  q: z.string().trim().max(200, 'La recherche ne peut dépasser 200 caractères.').optional(),
  kind: z.enum(resourceKinds, { error: 'Type inconnu.' }).optional(),
  theme: z.enum(themeKeys, { error: 'Thème inconnu.' }).optional(),
  segment: z.enum(cpvDivisionCodes, { error: 'Segment inconnu.' }).optional(),
  year: z.coerce.number({ error: 'Année invalide.' }).int().min(1990).max(2100).optional(),
  page,
});

export const fileSummary = z.object({
  id: z.string(),
  fileName: z.string(),
  kind: z.enum(fileKinds),
  size: z.number(),
  extractionStatus: z.enum(extractionStatuses),
  // Why an `unreadable` file could not be read, in French; null otherwise.
  extractionReason: z.string().nullable(),
  downloadUrl: z.string(),
  previewUrl: z.string().nullable(),
});

export const resourceSummary = z.object({
  id: z.string(),
  kind: z.enum(resourceKinds),
  title: z.string(),
  summary: z.string(),
  themes: z.array(z.string()),
  segments: z.array(z.string()),
  producer: z.string(),
  visibility: z.enum(resourceVisibilities),
  publishedAt: z.string().nullable(),
  fileKinds: z.array(z.enum(fileKinds)),
  excerptHtml: z.string().nullable(),
});

const facet = z.array(z.object({ value: z.string(), count: z.number() }));
export const listResponse = z.object({
  items: z.array(resourceSummary),
  total: z.number(),
  // More matches than the candidates counted: `total` is a floor (« plus de 200 ») and the facets
  // count the candidates only (docs/decisions/0010-library-resources.md, search at scale).
  totalCapped: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
  facets: z.object({ kind: facet, theme: facet, segment: facet, year: facet }),
});

export const resourceDetail = resourceSummary.extend({
  status: z.enum(['proposed', 'published', 'rejected']),
  bodyHtml: z.string(),
  links: z.array(z.object({ label: z.string(), url: z.string() })),
  licence: z.string(),
  audienceName: z.string().nullable(),
  files: z.array(fileSummary),
  reviewMessage: z.string(),
  similar: z.array(resourceSummary),
  collections: z.array(z.object({ id: z.string(), title: z.string() })),
  organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
  // The last edit after publication (« Modifié le … par … »); `by` is null for readers who do not see names.
  lastEdit: z.object({ at: z.string(), by: z.string().nullable() }).nullable(),
  can: z.object({ review: z.boolean(), delete: z.boolean(), edit: z.boolean() }),
  // What the edit form starts from (facilitators only: the Markdown source and audience ids).
  editable: z
    .object({ body: z.string(), publishedOn: z.string().nullable(), spaceId: z.string().nullable(), groupId: z.string().nullable() })
    .nullable(),
});

export const createdResponse = z.object({ id: z.string() });
export const okResponse = z.object({ ok: z.literal(true) });

export const proposalsResponse = z.object({
  items: z.array(resourceSummary.extend({ proposedBy: z.object({ id: z.string(), displayName: z.string(), email: z.string() }).nullable(), createdAt: z.string() })),
});

export const audiencesResponse = z.object({
  spaces: z.array(z.object({ id: z.string(), name: z.string() })),
  groups: z.array(z.object({ id: z.string(), name: z.string(), membersCount: z.number() })),
});

export const collectionInput = z.object({
  title: text('le titre de la collection', 150, true),
  description: text('la description', 1000),
  resourceIds: z.array(uuidParam).max(50, '50 ressources au plus.').default([]),
});

export const collectionSummary = z.object({ id: z.string(), title: z.string(), description: z.string(), resourcesCount: z.number() });
export const collectionsResponse = z.object({ items: z.array(collectionSummary) });
export const collectionDetail = collectionSummary.extend({ items: z.array(resourceSummary), can: z.object({ manage: z.boolean() }) });

export const uploadLimitsResponse = z.object({ maxFileMb: z.number(), maxFiles: z.number() });

import { z } from 'zod';
import { regionCodes, themeKeys } from '../../shared/fields.js';

/**
 * The directory of support actors (cartographie des acteurs, issue 20, items 1–2): the kinds of
 * actor, what a facilitator writes, what a member proposes, and what the API answers. Only zod here:
 * the web app validates and reads with the same schemas. Themes are the platform's one theme list
 * (shared/fields.ts), régions its INSEE codes.
 */

export const actorKindLabels = {
  national_institution: 'Institution ou service de l’État',
  regional_network: 'Réseau régional des achats responsables',
  guichet_vert: 'Guichet vert',
  local_government_network: 'Réseau de collectivités',
  buyers_association: 'Association d’acheteurs',
  ess_inclusion: 'Acteur de l’ESS et de l’inclusion',
  hospital_purchasing: 'Achats hospitaliers',
  training_body: 'Organisme de formation',
} as const;
export type ActorKind = keyof typeof actorKindLabels;
export const actorKindKeys = Object.keys(actorKindLabels) as [ActorKind, ...ActorKind[]];

const text = (label: string, max: number) =>
  z
    .string({ error: `Saisissez ${label}.` })
    .trim()
    .min(1, `Saisissez ${label}.`)
    .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} ne peut dépasser ${max} caractères.`);

const webAddress = (what: string) =>
  z
    .string({ error: `Saisissez ${what}.` })
    .trim()
    .max(500, `${what[0]!.toUpperCase()}${what.slice(1)} ne peut dépasser 500 caractères.`)
    .refine((s) => /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(s), `${what[0]!.toUpperCase()}${what.slice(1)} doit être une adresse web complète (https://…).`);

// An empty optional field of a form (« ») means « none ».
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), schema.nullable()).default(null);

/** What a facilitator writes about an actor (create and edit). Every field has its French message. */
export const actorInput = z
  .object({
    name: text('le nom de l’acteur', 160),
    kind: z.enum(actorKindKeys, { error: 'Choisissez le type d’acteur dans la liste.' }),
    national: z.boolean({ error: 'Indiquez si l’acteur agit dans toute la France.' }).default(false),
    regionCodes: z
      .array(z.enum(regionCodes, { error: 'Région inconnue : choisissez-en une dans la liste.' }), { error: 'Choisissez les régions couvertes.' })
      .max(regionCodes.length, 'Trop de régions.')
      .default([]),
    themes: z
      .array(z.enum(themeKeys, { error: 'Thème inconnu : choisissez-en un dans la liste.' }), { error: 'Choisissez les thèmes.' })
      .min(1, 'Choisissez au moins un thème : ce que l’on peut lui demander.')
      .max(themeKeys.length, 'Trop de thèmes.'),
    description: text('la description', 2000),
    website: optional(webAddress('le site web')),
    contact: optional(text('le moyen de contact', 300)),
    sources: z
      .array(webAddress('la source'), { error: 'Indiquez au moins une source (adresse web) qui présente cet acteur dans ce rôle.' })
      .min(1, 'Indiquez au moins une source (adresse web) qui présente cet acteur dans ce rôle.')
      .max(5, 'Cinq sources au plus.'),
  })
  .superRefine((a, ctx) => {
    // An actor acts somewhere: the whole country or at least one région.
    if (!a.national && a.regionCodes.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['regionCodes'], message: 'Choisissez au moins une région, ou indiquez que l’acteur agit dans toute la France.' });
    }
  });
export type ActorInput = z.output<typeof actorInput>;

/** The fields a correction may change, and how the history names them. */
export const actorFields = ['name', 'kind', 'national', 'regionCodes', 'themes', 'description', 'website', 'contact', 'sources'] as const;
export type ActorField = (typeof actorFields)[number];

/** A member's proposed correction: the actor as they think it should read, and why. */
export const correctionInput = z.object({
  proposed: actorInput,
  comment: text('ce qui est à corriger et pourquoi', 2000),
});

export const correctionDecision = z.object({
  decision: z.enum(['accept', 'refuse'], { error: 'Choisissez d’accepter ou de refuser.' }),
  note: optional(text('la réponse', 1000)),
});

const blank = (v: unknown) => (v === '' ? undefined : v);

/** GET /api/public/actors and GET /acteurs: the filters (French names, so a plain GET form works). */
export const actorsQuery = z.object({
  region: z.preprocess(blank, z.enum(regionCodes, { error: 'Région inconnue : choisissez-en une dans la liste (code INSEE de la région).' }).optional()),
  type: z.preprocess(blank, z.enum(actorKindKeys, { error: 'Type d’acteur inconnu : choisissez-en un dans la liste.' }).optional()),
  theme: z.preprocess(blank, z.enum(themeKeys, { error: 'Thème inconnu : choisissez-en un dans la liste.' }).optional()),
});
export type ActorsQuery = z.output<typeof actorsQuery>;

export const actorSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(actorKindKeys),
  national: z.boolean(),
  regionCodes: z.array(z.string()),
  themes: z.array(z.string()),
  description: z.string(),
  website: z.string().nullable(),
  contact: z.string().nullable(),
  sources: z.array(z.string()),
  archived: z.boolean(),
});
export type ActorSummary = z.output<typeof actorSummary>;

export const actorsResponse = z.object({
  items: z.array(actorSummary),
  total: z.number(),
  // Every région with the number of actors acting there under the other filters (type, theme):
  // national actors are counted everywhere, since they help buyers of every région.
  regions: z.array(z.object({ code: z.string(), name: z.string(), count: z.number() })),
});
export type ActorsResponse = z.output<typeof actorsResponse>;

export const actorRevision = z.object({
  at: z.string(),
  by: z.string().nullable(),
  change: z.enum(['created', 'edited', 'archived', 'restored', 'correction']),
  changed: z.array(z.string()),
});

export const actorCorrection = z.object({
  id: z.string(),
  proposedBy: z.string().nullable(),
  proposedAt: z.string(),
  comment: z.string(),
  changed: z.array(z.string()),
  proposed: z.record(z.string(), z.unknown()),
  status: z.enum(['pending', 'accepted', 'refused']),
});

export const actorDetail = z.object({
  actor: actorSummary,
  // Only for facilitators: the history and the corrections waiting.
  history: z.array(actorRevision).nullable(),
  corrections: z.array(actorCorrection).nullable(),
  can: z.object({ edit: z.boolean(), proposeCorrection: z.boolean() }),
});
export type ActorDetail = z.output<typeof actorDetail>;

export const nearbyQuery = z.object({
  region: z.preprocess(blank, z.enum(regionCodes, { error: 'Région inconnue.' }).optional()),
});
export const nearbyResponse = z.object({ items: z.array(actorSummary) });

import { z } from 'zod';
import { writtenSpaserStatusKeys } from './spaser-status.contract.js';

// Versions of a SPASER (issue 19, item 1). Only zod here: the web app imports it.

/** « working »: the schéma as its editors are writing it now; a number: a published version. */
export const WORKING = 'working';
const versionRef = (missing: string) =>
  z
  .string({ error: missing })
  .trim()
  .regex(
    /^(working|[1-9]\d{0,5}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i,
    'Indiquez le numéro d’une version publiée (1, 2…), « working » pour la version de travail, ou l’identifiant d’une version.',
  );

export const compareQuery = z.object({
  from: versionRef('Choisissez la version de départ.'),
  to: versionRef('Choisissez la version à comparer.'),
});

export const versionEntry = z.object({
  // What `from` and `to` take: the version number, or « working ».
  key: z.string(),
  // Null for the working version.
  version: z.number().nullable(),
  id: z.string().nullable(),
  publishedAt: z.string().nullable(),
  adoptedOn: z.string().nullable(),
  adoptionReference: z.string().nullable(),
  // A withdrawn publication: shown to the schéma's readers only.
  withdrawn: z.boolean(),
});
export type VersionEntry = z.output<typeof versionEntry>;

/** GET /api/spasers/:spaserId/versions */
export const versionList = z.object({
  spaserId: z.string(),
  title: z.string(),
  status: z.enum(writtenSpaserStatusKeys),
  canEdit: z.boolean(),
  // Oldest first; the working version last, for editors only.
  versions: z.array(versionEntry),
});
export type VersionList = z.output<typeof versionList>;

/** GET /api/spasers/:spaserId/versions/compare: `changes` is a DocumentComparison (versions.ts). */
export const versionComparison = z.object({ spaserId: z.string(), title: z.string(), from: versionEntry, to: versionEntry, changes: z.unknown() });

import { z } from 'zod';
import { spaserContent } from './spaser.content.js';
import { spaserDetail } from './spaser.contract.js';

/**
 * A SPASER as one document (issue 18): what the public page shows, and what its PDF, DOCX, XLSX and
 * CSV carry — one object, so the page and the files never disagree. Built from a publication's
 * frozen content for a published schéma, or from the live sections for an editor's draft export.
 * Holds nothing private: no editors, no evidence files, no invitation (only accepted buyers).
 */
export const spaserDocument = spaserDetail.pick({ title: true, status: true, periodStart: true, periodEnd: true, adoptedOn: true, adoptionReference: true, check: true }).extend({
  spaserId: z.string(),
  // Accepted buyers only, the lead first.
  buyers: z.array(z.object({ organisationId: z.string(), name: z.string(), siren: z.string().nullable(), lead: z.boolean() })),
  content: spaserContent,
  // Null for a draft (never published) export.
  publication: z
    .object({
      slug: z.string(),
      // The page's path on the platform: /spaser/<slug>.
      path: z.string(),
      publishedAt: z.string(),
      // The buyer's own page about its schéma, when given.
      siteUrl: z.string().nullable(),
    })
    .nullable(),
});
export type SpaserDocument = z.output<typeof spaserDocument>;

/** GET /api/public/schemas/:ref */
export const publishedSpaserResponse = z.object({
  document: spaserDocument,
  version: z.number(),
  // The newest published bilan des indicateurs (issue 19, item 2), /schemas/<ref>-<slug>/bilan, or null.
  bilanPath: z.string().nullable(),
});

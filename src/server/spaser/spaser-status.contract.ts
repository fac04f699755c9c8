// The one SPASER status of the platform (issue 17, item 1; ADR 0025). Imports nothing: the web app uses it too.

/**
 * An organisation's SPASER status, and a schéma's: a schéma written here has one of the last five;
 * an organisation has the status of its schéma, « adopté » from a declaration of one adopted elsewhere,
 * or what a member stated when nothing is written (« inconnu », « aucun », « en préparation »).
 */
export const spaserStatusKeys = ['unknown', 'none', 'in_preparation', 'in_consultation', 'adopted', 'published', 'in_revision'] as const;
export type SpaserStatusKey = (typeof spaserStatusKeys)[number];

/** The life of a schéma written on the platform (the `spasers.status` column). */
export const writtenSpaserStatusKeys = ['in_preparation', 'in_consultation', 'adopted', 'published', 'in_revision'] as const;
export type WrittenSpaserStatus = (typeof writtenSpaserStatusKeys)[number];

/** What a member may state on the organisation page when no schéma is written or declared. */
export const spaserStatementKeys = ['unknown', 'none', 'in_preparation'] as const;
export type SpaserStatement = (typeof spaserStatementKeys)[number];

/** Where an organisation's status comes from. */
export const spaserStatusSources = ['platform', 'declaration', 'statement'] as const;
export type SpaserStatusSource = (typeof spaserStatusSources)[number];

/** The French labels, the only ones: organisation page, observatory, exports, cohorts, builder. */
export const spaserStatusLabels: Record<SpaserStatusKey, string> = {
  unknown: 'Inconnu',
  none: 'Aucun SPASER',
  in_preparation: 'En préparation',
  in_consultation: 'En concertation',
  adopted: 'Adopté',
  published: 'Publié',
  in_revision: 'En révision',
};

export const spaserStatusSourceLabels: Record<SpaserStatusSource, string> = {
  platform: 'Schéma rédigé sur la plateforme',
  declaration: 'Schéma adopté hors de la plateforme (déclaration)',
  statement: 'Déclaré par un membre',
};

/** An adopted schéma is in force from « adopté » on (a revision keeps the former one in force). */
export const isInForce = (s: SpaserStatusKey) => s === 'adopted' || s === 'published' || s === 'in_revision';

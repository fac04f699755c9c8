import { inArray } from 'drizzle-orm';
import type { Db, Tx } from '../platform/db.js';
import type { SpaserStatusKey, SpaserStatusSource } from './spaser-status.contract.js';
import { organisationSpaserStatus } from './spaser.tables.js';

export type OrganisationSpaserStatus = { status: SpaserStatusKey; source: SpaserStatusSource; spaserId: string | null; adoptedOn: string | null; url: string | null };

const UNKNOWN: OrganisationSpaserStatus = { status: 'unknown', source: 'statement', spaserId: null, adoptedOn: null, url: null };

/**
 * The SPASER status of organisations, read from the one derivation (view organisation_spaser_status,
 * ADR 0025): every reader (organisation page, observatory and its exports, cohorts) comes here or joins the view.
 */
export async function spaserStatusesOf(db: Db | Tx, organisationIds: string[]): Promise<Map<string, OrganisationSpaserStatus>> {
  const out = new Map<string, OrganisationSpaserStatus>();
  const ids = [...new Set(organisationIds)];
  // In chunks: a parameter list of a few thousand ids stays well under PostgreSQL's limit.
  for (let i = 0; i < ids.length; i += 5000) {
    const found = await db
      .select()
      .from(organisationSpaserStatus)
      .where(inArray(organisationSpaserStatus.organisationId, ids.slice(i, i + 5000)));
    for (const r of found) out.set(r.organisationId, { status: r.status, source: r.source, spaserId: r.spaserId, adoptedOn: r.adoptedOn, url: r.url });
  }
  return out;
}

/** One organisation's SPASER status (« inconnu » for an id that does not exist). */
export async function spaserStatusOf(db: Db | Tx, organisationId: string): Promise<OrganisationSpaserStatus> {
  return (await spaserStatusesOf(db, [organisationId])).get(organisationId) ?? UNKNOWN;
}

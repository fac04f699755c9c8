import { randomInt } from 'node:crypto';
import { asciiSlug, refPart } from '../../shared/slug.js';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { parisToday } from '../observatory/observatory.service.js';
import { organisations } from '../organisations/organisations.tables.js';
import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { rows } from '../platform/db.js';
import { fail, ok, type Result } from '../platform/result.js';
import { paths } from '../../web/paths.js';
import { spaserDocument, type SpaserDocument } from './document.contract.js';
import { checkSpaser } from './legal-check.js';
import { assembleContent, loadSpaser } from './spaser.service.js';
import { spaserBuyers, spaserPublications, spasers, spaserSectionContents } from './spaser.tables.js';

/**
 * Publication of an adopted SPASER (issue 18, item 1). Publishing freezes the schéma as it stands into
 * one document (document.contract.ts) under a stable public address, /schemas/<ref>-<slug>: the
 * reference is drawn once and kept, the slug follows the title and only makes the address readable
 * (a wrong or old slug redirects to the current one). Editing the sections afterwards changes nothing
 * public until the next publication; withdrawing makes the address answer 410.
 */

// Lower-case letters and digits without the ones read alike (0/o, 1/l/i): 31^8 ≈ 8.5·10^11 references.
const REF_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const REF_LENGTH = 8;
export const PUBLIC_REF = new RegExp(`^[${REF_ALPHABET}]{${REF_LENGTH}}$`);

function newRef(): string {
  let ref = '';
  for (let i = 0; i < REF_LENGTH; i++) ref += REF_ALPHABET[randomInt(REF_ALPHABET.length)];
  return ref;
}

/** « SPASER 2024–2026 de la Ville de Rennes » → « spaser-2024-2026-de-la-ville-de-rennes » (at most 80 characters). */
export const slugOf = (title: string): string => asciiSlug(title) || 'spaser';

export const publicPath = (ref: string, slug: string) => paths.publishedSpaser(`${ref}-${slug}`);

/** The reference part of /schemas/<ref>-<slug>, or null when the address cannot be one. */
export function refOf(refAndSlug: string): string | null {
  const ref = refPart(refAndSlug);
  return PUBLIC_REF.test(ref) ? ref : null;
}

/** The schéma as one document, from its sections as they are now (accepted buyers only). */
async function liveDocument(deps: Deps, spaser: typeof spasers.$inferSelect): Promise<Omit<SpaserDocument, 'publication'>> {
  const buyers = await deps.db
    .select({ organisationId: spaserBuyers.organisationId, name: organisations.name, siren: organisations.siren })
    .from(spaserBuyers)
    .innerJoin(organisations, eq(organisations.id, spaserBuyers.organisationId))
    .where(and(eq(spaserBuyers.spaserId, spaser.id), eq(spaserBuyers.status, 'accepted')))
    .orderBy(sql`${spaserBuyers.organisationId} <> ${spaser.leadOrganisationId}`, organisations.name);
  const saved = await deps.db.select().from(spaserSectionContents).where(eq(spaserSectionContents.spaserId, spaser.id));
  const content = assembleContent(saved);
  const check = checkSpaser(content, { at: spaser.adoptedOn ?? parisToday(deps), buyers: buyers.map((b) => ({ id: b.organisationId, name: b.name })) });
  return {
    spaserId: spaser.id,
    title: spaser.title,
    status: spaser.status,
    periodStart: spaser.periodStart,
    periodEnd: spaser.periodEnd,
    adoptedOn: spaser.adoptedOn,
    adoptionReference: spaser.adoptionReference,
    buyers: buyers.map((b) => ({ ...b, lead: b.organisationId === spaser.leadOrganisationId })),
    content,
    check,
  };
}

/** The bus topic told when a public address changes (the page cache of publication.routes.tsx listens). */
export const PUBLICATION_TOPIC = 'spaser-publication';

/**
 * Publishes (or publishes again, as a new version) an adopted schéma: editors only. The new
 * publication replaces the previous one at the same address.
 */
export async function publish(deps: Deps, user: AuthUser, spaserId: string): Promise<Result<{ path: string; version: number }>> {
  const loaded = await loadSpaser(deps, user, spaserId);
  if (!loaded.ok) return loaded;
  if (!loaded.value.canEdit) return fail('SPASER_EDIT_FORBIDDEN');
  const { spaser } = loaded.value;
  // A schéma in revision is published again once its revision is adopted (issue 19): not before.
  if (!spaser.adoptedOn || (spaser.status !== 'adopted' && spaser.status !== 'published')) return fail('SPASER_NOT_ADOPTED');
  const live = await liveDocument(deps, spaser);
  const now = deps.clock.now();
  const slug = slugOf(spaser.title);
  const result = await deps.db.transaction(async (tx) => {
    // Serialises two publications of one schéma: the row lock, then the next version number.
    const [current] = await tx.select({ publicRef: spasers.publicRef }).from(spasers).where(eq(spasers.id, spaserId)).for('update');
    let ref = current?.publicRef ?? null;
    if (!ref) {
      // A clash among 8.5·10^11 references is unlikely; the unique key settles it, then another draw.
      for (let attempt = 0; attempt < 5 && !ref; attempt++) {
        const candidate = newRef();
        const [taken] = await tx.select({ id: spasers.id }).from(spasers).where(eq(spasers.publicRef, candidate));
        if (!taken) ref = candidate;
      }
      if (!ref) throw new Error('no free public reference after 5 draws');
    }
    const [{ last }] = await rows<{ last: number | null }>(tx, sql`SELECT max(version) AS last FROM spaser_publications WHERE spaser_id = ${spaserId}`) as [{ last: number | null }];
    const version = (last ?? 0) + 1;
    const document: SpaserDocument = {
      ...live,
      status: 'published',
      publication: { slug, path: publicPath(ref, slug), publishedAt: now.toISOString(), siteUrl: live.content.publication.url },
    };
    await tx.insert(spaserPublications).values({ spaserId, version, document, publishedBy: user.id, publishedAt: now });
    await tx
      .update(spasers)
      .set({ publicRef: ref, status: 'published', updatedAt: now })
      .where(eq(spasers.id, spaserId));
    return { ref, path: publicPath(ref, slug), version };
  });
  deps.bus.publish(PUBLICATION_TOPIC, { type: 'changed', ref: result.ref });
  return ok({ path: result.path, version: result.version });
}

/** Withdraws the public page: editors only. The schéma goes back to « adopté »; the address answers 410. */
export async function withdraw(deps: Deps, user: AuthUser, spaserId: string): Promise<Result<{ ok: true }>> {
  const loaded = await loadSpaser(deps, user, spaserId);
  if (!loaded.ok) return loaded;
  if (!loaded.value.canEdit) return fail('SPASER_EDIT_FORBIDDEN');
  const { spaser } = loaded.value;
  const now = deps.clock.now();
  const withdrawn = await deps.db.transaction(async (tx) => {
    const done = await tx
      .update(spaserPublications)
      .set({ withdrawnAt: now, withdrawnBy: user.id })
      .where(and(eq(spaserPublications.spaserId, spaserId), isNull(spaserPublications.withdrawnAt)))
      .returning({ id: spaserPublications.id });
    if (done.length === 0) return false;
    if (spaser.status === 'published') await tx.update(spasers).set({ status: 'adopted', updatedAt: now }).where(eq(spasers.id, spaserId));
    return true;
  });
  if (!withdrawn) return fail('SPASER_NOT_PUBLISHED');
  deps.bus.publish(PUBLICATION_TOPIC, { type: 'changed', ref: spaser.publicRef });
  return ok({ ok: true as const });
}

/**
 * The newest publication `p` of the schéma `s`, as a lateral subquery: the one definition of « the
 * current publication » for the public page, the builder, the sitemap and the directory (one index probe
 * per schéma on spaser_publications_version_key). Joined `ON p.withdrawn_at IS NULL` it keeps only
 * schémas published now; `LEFT JOIN … ON true` also tells a withdrawal from no publication at all.
 */
export const LAST_PUBLICATION = sql`LATERAL (
  SELECT version, document, published_at, withdrawn_at FROM spaser_publications WHERE spaser_id = s.id ORDER BY version DESC LIMIT 1
) p`;

export type PublicSpaser =
  | { state: 'published'; document: SpaserDocument; version: number; bilanPath: string | null }
  | { state: 'withdrawn'; title: string }
  | { state: 'unknown' };

/** What /schemas/<ref>-… shows: the newest publication not withdrawn, the withdrawal, or nothing. */
export async function publicSpaser(deps: Deps, ref: string): Promise<PublicSpaser> {
  const [row] = await rows<{ title: string; version: number | null; document: unknown; withdrawn_at: Date | null; bilan_path: string | null }>(
    deps.db,
    sql`SELECT s.title, p.version, p.document, p.withdrawn_at,
          (SELECT b.document->>'path' FROM spaser_bilans b WHERE b.spaser_id = s.id ORDER BY b.number DESC LIMIT 1) AS bilan_path
        FROM spasers s LEFT JOIN ${LAST_PUBLICATION} ON true
        WHERE s.public_ref = ${ref}`,
  );
  if (!row || row.version === null) return { state: 'unknown' };
  if (row.withdrawn_at) return { state: 'withdrawn', title: row.title };
  return { state: 'published', document: spaserDocument.parse(row.document), version: row.version, bilanPath: row.bilan_path };
}

/** The document of a schéma for its editors' exports (a draft included): editors only. */
export async function draftDocument(deps: Deps, user: AuthUser, spaserId: string): Promise<Result<SpaserDocument>> {
  const loaded = await loadSpaser(deps, user, spaserId);
  if (!loaded.ok) return loaded;
  if (!loaded.value.canEdit) return fail('SPASER_EXPORT_FORBIDDEN');
  return ok({ ...(await liveDocument(deps, loaded.value.spaser)), publication: null });
}

/** The current public address of a schéma, for its builder page (null when not published). */
export async function currentPublication(deps: Deps, spaserId: string): Promise<{ path: string; version: number; publishedAt: string } | null> {
  const [row] = await rows<{ version: number; path: string; published_at: Date }>(
    deps.db,
    sql`SELECT p.version, p.document->'publication'->>'path' AS path, p.published_at
        FROM spasers s JOIN ${LAST_PUBLICATION} ON p.withdrawn_at IS NULL
        WHERE s.id = ${spaserId}`,
  );
  if (!row) return null;
  return { path: row.path, version: row.version, publishedAt: new Date(row.published_at).toISOString() };
}

/** Addresses of every published schéma and of its newest bilan, for the sitemap, with their dates. */
export async function publishedAddresses(deps: Deps): Promise<{ path: string; lastModified: string }[]> {
  const list = await rows<{ path: string; published_at: Date; bilan_path: string | null; bilan_at: Date | null }>(
    deps.db,
    sql`SELECT p.document->'publication'->>'path' AS path, p.published_at, b.path AS bilan_path, b.published_at AS bilan_at
        FROM spasers s JOIN ${LAST_PUBLICATION} ON p.withdrawn_at IS NULL
        LEFT JOIN LATERAL (
          SELECT document->>'path' AS path, published_at FROM spaser_bilans WHERE spaser_id = s.id ORDER BY number DESC LIMIT 1
        ) b ON true
        WHERE s.public_ref IS NOT NULL
        ORDER BY p.published_at DESC`,
  );
  return list.flatMap((r) => [
    { path: r.path, lastModified: new Date(r.published_at).toISOString() },
    ...(r.bilan_path && r.bilan_at ? [{ path: r.bilan_path, lastModified: new Date(r.bilan_at).toISOString() }] : []),
  ]);
}

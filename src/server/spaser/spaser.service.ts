import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { users } from '../accounts/accounts.tables.js';
import { adoptionDateError, parisToday } from '../observatory/observatory.service.js';
import { organisations } from '../organisations/organisations.tables.js';
import { isStaff, type AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { rows } from '../platform/db.js';
import { fail, ok, type Result } from '../platform/result.js';
import type { SpaserDetail, SpaserSectionKey } from './spaser.contract.js';
import { sectionBodies } from './spaser.contract.js';
import { countUnits, percentUnits, spaserContent, type SpaserContent, type SpaserIndicator } from './spaser.content.js';
import { applyDecp, buyersDecpFigures, diagnosticMapping, prefill, type BuyerDecpFigures } from './decp-prefill.js';
import { catalogueEntry } from './indicator-catalogue.js';
import { checkSpaser } from './legal-check.js';
// A cycle by design: publication.service reads schémas through loadSpaser; only functions cross it.
import { currentPublication } from './publication.service.js';
import { evidenceErrors, listEvidence } from './evidence.service.js';
import { blankTemplate, contentOf, structureOf, suggestModels } from './models.js';
import { spaserBuyers, spaserEditors, spasers, spaserSectionContents, type SpaserSection } from './spaser.tables.js';
import './spaser.messages.js';
// A cycle by design, as with publication.service: the review reads schémas through loadSpaser.
import { isReviewer } from './review.service.js';
import { createNotifications } from '../notifications/notifications.service.js';
import { SPASER_EDITOR_ADDED, SPASER_INVITED } from './spaser.notifications.js';

/**
 * The SPASER builder (issue 17): a schéma belongs to one organisation or to several (a joint schéma,
 * L2111-3 since 25 Oct 2023); verified members of its accepted buyers read it, its editors write it,
 * one section at a time with a version check; adopting it makes every buyer's status follow (ADR 0025).
 */

/**
 * A membership `m` of an account `u` that acts for its organisation: verified, account neither disabled nor
 * erased. Editor candidates, invitations and new editors all use it, so none of them reaches a closed account.
 */
const actingMember = sql`m.status = 'verified' AND u.disabled_at IS NULL AND u.deleted_at IS NULL`;

type Loaded = {
  spaser: typeof spasers.$inferSelect;
  buyers: { organisationId: string; name: string; status: 'invited' | 'accepted' }[];
  canRead: boolean;
  canEdit: boolean;
};

export async function loadSpaser(deps: Deps, user: AuthUser, spaserId: string): Promise<Result<Loaded>> {
  const [spaser] = await deps.db.select().from(spasers).where(eq(spasers.id, spaserId));
  if (!spaser) return fail('SPASER_NOT_FOUND');
  const buyers = await deps.db
    .select({ organisationId: spaserBuyers.organisationId, name: organisations.name, status: spaserBuyers.status })
    .from(spaserBuyers)
    .innerJoin(organisations, eq(organisations.id, spaserBuyers.organisationId))
    .where(eq(spaserBuyers.spaserId, spaserId))
    .orderBy(sql`${spaserBuyers.organisationId} <> ${spaser.leadOrganisationId}`, organisations.name);
  const memberOf = (status?: 'accepted') => buyers.some((b) => (!status || b.status === status) && user.verifiedOrganisationIds.includes(b.organisationId));
  // Members of an invited buyer read the schéma they are asked to join, invited reviewers the schéma
  // they review (issue 19, item 3, read-only); a draft stays private otherwise.
  const canRead = isStaff(user) || memberOf() || (await isReviewer(deps.db, spaserId, user.id));
  if (!canRead) return fail('SPASER_NOT_FOUND');
  // Rights are read again at every request: an editor who left every buyer no longer writes.
  const [editor] = memberOf('accepted')
    ? await deps.db.select().from(spaserEditors).where(and(eq(spaserEditors.spaserId, spaserId), eq(spaserEditors.userId, user.id)))
    : [];
  return ok({ spaser, buyers, canRead, canEdit: !!editor });
}

/**
 * Starts a schéma for an organisation of which the person is a verified member; they are its first
 * editor. `model` starts it from the blank template or from one of the models suggested to this
 * organisation (its structure only, models.ts); any other schéma is refused, so no draft is ever copied.
 */
export async function create(deps: Deps, user: AuthUser, input: { organisationId: string; title: string; periodStart: number; periodEnd: number | null; model?: string | null }): Promise<Result<{ id: string }>> {
  if (!user.verifiedOrganisationIds.includes(input.organisationId)) return fail('SPASER_ORGANISATION');
  let start: Partial<Pick<SpaserContent, 'axes' | 'indicators'>> = {};
  if (input.model === 'blank') start = blankTemplate;
  else if (input.model) {
    const offered = await suggestModels(deps, user, input.organisationId);
    if (!offered.ok) return offered;
    if (!offered.value.items.some((m) => m.id === input.model)) return fail('VALIDATION', { model: "Ce modèle n'est pas proposé à votre organisation : choisissez un modèle de la liste." });
    start = structureOf(await contentOf(deps, input.model), [input.organisationId]);
  }
  const now = deps.clock.now();
  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(spasers)
      .values({ title: input.title, leadOrganisationId: input.organisationId, periodStart: input.periodStart, periodEnd: input.periodEnd, createdBy: user.id, createdAt: now, updatedAt: now })
      .returning({ id: spasers.id });
    await tx.insert(spaserBuyers).values({ spaserId: row!.id, organisationId: input.organisationId, status: 'accepted', invitedBy: user.id, acceptedBy: user.id, acceptedAt: now, createdAt: now });
    await tx.insert(spaserEditors).values({ spaserId: row!.id, userId: user.id, addedAt: now });
    for (const section of ['axes', 'indicators'] as const) {
      const body = start[section];
      if (body?.length) await tx.insert(spaserSectionContents).values({ spaserId: row!.id, section, body, version: 1, updatedBy: user.id, updatedAt: now });
    }
    return row!.id;
  });
  return ok({ id });
}

/** The schémas of the person's organisations (accepted or invited), latest change first. */
export async function listMine(deps: Deps, user: AuthUser) {
  if (!user.verifiedOrganisationIds.length) return { items: [] };
  const ids = deps.db.select({ id: spaserBuyers.spaserId }).from(spaserBuyers).where(inArray(spaserBuyers.organisationId, user.verifiedOrganisationIds));
  const list = await deps.db.select().from(spasers).where(inArray(spasers.id, ids)).orderBy(desc(spasers.updatedAt));
  const buyers = list.length
    ? await deps.db
        .select({ spaserId: spaserBuyers.spaserId, organisationId: spaserBuyers.organisationId, name: organisations.name, status: spaserBuyers.status })
        .from(spaserBuyers)
        .innerJoin(organisations, eq(organisations.id, spaserBuyers.organisationId))
        .where(inArray(spaserBuyers.spaserId, list.map((s) => s.id)))
        .orderBy(organisations.name)
    : [];
  return {
    items: list.map((s) => ({
      id: s.id,
      title: s.title,
      status: s.status,
      periodStart: s.periodStart,
      periodEnd: s.periodEnd,
      // The lead first, then the partners by name (the rows come sorted by name).
      buyers: buyers
        .filter((b) => b.spaserId === s.id && b.status === 'accepted')
        .sort((a, b) => Number(b.organisationId === s.leadOrganisationId) - Number(a.organisationId === s.leadOrganisationId))
        .map((b) => b.name),
      invitedAs: buyers.filter((b) => b.spaserId === s.id && b.status === 'invited' && user.verifiedOrganisationIds.includes(b.organisationId)).map((b) => ({ organisationId: b.organisationId, name: b.name })),
      updatedAt: s.updatedAt.toISOString(),
    })),
  };
}

/** The sections as saved, every missing one at its default: the content the legal check reads. */
/** The content of a schéma from its saved sections (missing ones take their defaults). */
export function assembleContent(rows: { section: SpaserSection; body: unknown }[]): SpaserContent {
  const raw: Record<string, unknown> = {};
  for (const r of rows) if (r.body !== null) raw[r.section] = r.body;
  return spaserContent.parse(raw);
}

export async function detail(deps: Deps, user: AuthUser, spaserId: string): Promise<Result<SpaserDetail>> {
  const loaded = await loadSpaser(deps, user, spaserId);
  if (!loaded.ok) return loaded;
  const { spaser, buyers, canEdit } = loaded.value;
  const savedSections = await deps.db.select().from(spaserSectionContents).where(eq(spaserSectionContents.spaserId, spaserId));
  const editors = await deps.db
    .select({ userId: users.id, firstName: users.firstName, lastName: users.lastName })
    .from(spaserEditors)
    .innerJoin(users, eq(users.id, spaserEditors.userId))
    .where(eq(spaserEditors.spaserId, spaserId))
    .orderBy(users.lastName, users.firstName);
  const content = assembleContent(savedSections);
  const accepted = buyers.filter((b) => b.status === 'accepted');
  // Editors choose among the verified members of the accepted buyers; nobody else sees that list.
  const candidates = canEdit
    ? await rows<{ user_id: string; first_name: string; last_name: string; organisation_name: string }>(
        deps.db,
        sql`SELECT DISTINCT ON (u.last_name, u.first_name, u.id) u.id AS user_id, u.first_name, u.last_name, o.name AS organisation_name
            FROM memberships m JOIN users u ON u.id = m.user_id JOIN organisations o ON o.id = m.organisation_id
            WHERE ${actingMember}
              AND m.organisation_id IN (${sql.join(accepted.map((b) => sql`${b.organisationId}`), sql`, `)})
              AND u.id NOT IN (SELECT user_id FROM spaser_editors WHERE spaser_id = ${spaserId})
            ORDER BY u.last_name, u.first_name, u.id, o.name`,
      )
    : [];
  const sections: SpaserDetail['sections'] = {};
  for (const key of Object.keys(sectionBodies) as SpaserSectionKey[]) {
    const row = savedSections.find((r) => r.section === key);
    sections[key] = { body: content[key], version: row?.version ?? 0, updatedAt: row?.updatedAt.toISOString() ?? null, updatedBy: row?.updatedBy ?? null };
  }
  const check = checkSpaser(content, { at: spaser.adoptedOn ?? parisToday(deps), buyers: accepted.map((b) => ({ id: b.organisationId, name: b.name })) });
  return ok({
    id: spaser.id,
    title: spaser.title,
    status: spaser.status,
    periodStart: spaser.periodStart,
    periodEnd: spaser.periodEnd,
    adoptedOn: spaser.adoptedOn,
    adoptionReference: spaser.adoptionReference,
    buyers: buyers.map((b) => ({ ...b, lead: b.organisationId === spaser.leadOrganisationId })),
    editors: editors.map((e) => ({ userId: e.userId, name: `${e.firstName} ${e.lastName}` })),
    editorCandidates: candidates.map((c) => ({ userId: c.user_id, name: `${c.first_name} ${c.last_name}`, organisationName: c.organisation_name })),
    invitedAs: buyers.filter((b) => b.status === 'invited' && user.verifiedOrganisationIds.includes(b.organisationId)).map((b) => ({ organisationId: b.organisationId, name: b.name })),
    canEdit,
    evidenceFiles: await listEvidence(deps, spaserId),
    sections,
    check,
    publication: await currentPublication(deps, spaserId),
  });
}

/** Per-field French errors, keyed by the path inside the section (« 0.perBuyer.1.targets.0.value »). */
function zodFields(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || 'body';
    fields[key] ??= issue.message;
  }
  return fields;
}

/**
 * What the schema cannot see: years inside the schéma's period, baselines before targets, shares
 * between 0 and 100 %, counts and amounts never negative (contracts whole), figures only for the
 * schéma's buyers.
 */
function indicatorErrors(list: SpaserContent['indicators'], period: { start: number; end: number | null }, buyerIds: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  const periodText = period.end === null ? `à partir de ${period.start}` : `de ${period.start} à ${period.end}`;
  list.forEach((ind, i) => {
    const percent = percentUnits.includes(ind.unit);
    const count = countUnits.includes(ind.unit);
    // The message of a value that does not fit the unit, or null when it fits.
    const unitError = (v: number, what: 'cible' | 'valeur'): string | null => {
      if (percent && (v < 0 || v > 100)) return what === 'cible' ? 'Une cible en part s’exprime entre 0 et 100 % : vérifiez l’unité de l’indicateur.' : 'Une part s’exprime entre 0 et 100 %.';
      if (count && v < 0) return `Une ${what} en ${ind.unit === 'contracts' ? 'nombre de contrats' : ind.unit === 'euros' ? 'euros' : ind.unit === 'hours' ? 'heures' : 'tonnes équivalent CO2'} ne peut être négative : vérifiez l’unité de l’indicateur.`;
      if (ind.unit === 'contracts' && !Number.isInteger(v)) return `Une ${what} en nombre de contrats est un nombre entier.`;
      return null;
    };
    ind.perBuyer.forEach((b, j) => {
      const at = `${i}.perBuyer.${j}`;
      if (!buyerIds.includes(b.organisationId)) fields[`${at}.organisationId`] = "Cet acheteur ne fait pas partie du schéma.";
      const baselineError = b.baseline && unitError(b.baseline.value, 'valeur');
      if (baselineError) fields[`${at}.baseline.value`] = baselineError;
      b.targets.forEach((t, k) => {
        const e = unitError(t.value, 'cible');
        if (e) fields[`${at}.targets.${k}.value`] = e;
        if (t.year < period.start || (period.end !== null && t.year > period.end)) fields[`${at}.targets.${k}.year`] = `L'année de la cible doit être dans la période du schéma (${periodText}).`;
        if (b.baseline && b.baseline.year > t.year) fields[`${at}.baseline.year`] = `L'année de référence (${b.baseline.year}) ne peut suivre l'année d'une cible (${t.year}).`;
      });
      b.values.forEach((v, k) => {
        const e = unitError(v.value, 'valeur');
        if (e) fields[`${at}.values.${k}.value`] = e;
        if (v.year < period.start || (period.end !== null && v.year > period.end)) fields[`${at}.values.${k}.year`] = `L'année d'une valeur suivie doit être dans la période du schéma (${periodText}).`;
      });
    });
  });
  return fields;
}

/** Thrown inside the saving transaction to roll it back when an evidence file disappeared meanwhile. */
class EvidenceGone extends Error {
  constructor(readonly fields: Record<string, string>) {
    super('evidence file removed during the save');
  }
}

/**
 * Saves one section: the body is checked against its schema and the schéma's rules (per-field French
 * errors, nothing saved), and it replaces the version the editor started from — a stale version gets
 * SPASER_SECTION_CONFLICT and changes nothing, so two editors never overwrite each other silently.
 */
export async function saveSection(deps: Deps, user: AuthUser, spaserId: string, section: SpaserSectionKey, input: { version: number; body: unknown }): Promise<Result<{ section: SpaserSectionKey; version: number; updatedAt: string }>> {
  const loaded = await loadSpaser(deps, user, spaserId);
  if (!loaded.ok) return loaded;
  if (!loaded.value.canEdit) return fail('SPASER_EDIT_FORBIDDEN');
  const parsed = sectionBodies[section].safeParse(input.body);
  if (!parsed.success) return fail('VALIDATION', zodFields(parsed.error));
  let body: unknown = parsed.data;
  if (section === 'indicators') {
    const { spaser, buyers } = loaded.value;
    const list = parsed.data as SpaserContent['indicators'];
    const errors = indicatorErrors(list, { start: spaser.periodStart, end: spaser.periodEnd }, buyers.map((b) => b.organisationId));
    // Figures of DECP-computable indicators carry the data's provenance; a different value needs a reason.
    const decp = applyDecp(list, await buyersDecpFigures(deps, buyers.map((b) => b.organisationId)));
    Object.assign(errors, { ...decp.errors, ...(await evidenceErrors(deps.db, spaserId, list)), ...errors });
    if (Object.keys(errors).length) return fail('VALIDATION', errors);
    body = decp.indicators;
  }
  const now = deps.clock.now();
  const saved = await deps.db.transaction(async (tx) => {
    const [row] =
      input.version === 0
        ? await tx
            .insert(spaserSectionContents)
            .values({ spaserId, section, body, version: 1, updatedBy: user.id, updatedAt: now })
            .onConflictDoNothing()
            .returning({ version: spaserSectionContents.version })
        : await tx
            .update(spaserSectionContents)
            .set({ body, version: sql`${spaserSectionContents.version} + 1`, updatedBy: user.id, updatedAt: now })
            .where(and(eq(spaserSectionContents.spaserId, spaserId), eq(spaserSectionContents.section, section), eq(spaserSectionContents.version, input.version)))
            .returning({ version: spaserSectionContents.version });
    if (!row) return null;
    // Checked again once the section row is locked: a file removed since the check above (evidence.service.ts
    // removeEvidence locks the same row first) fails the save instead of leaving a figure without its file.
    if (section === 'indicators') {
      const missing = await evidenceErrors(tx, spaserId, body as SpaserContent['indicators']);
      if (Object.keys(missing).length) throw new EvidenceGone(missing);
    }
    await tx.update(spasers).set({ updatedAt: now }).where(eq(spasers.id, spaserId));
    return row;
  }).catch((e: unknown) => {
    if (e instanceof EvidenceGone) return e;
    throw e;
  });
  if (saved instanceof EvidenceGone) return fail('VALIDATION', saved.fields);
  if (!saved) return fail('SPASER_SECTION_CONFLICT');
  return ok({ section, version: saved.version, updatedAt: now.toISOString() });
}

/** An editor invites another buyer into a joint schéma; it joins when one of its verified members accepts. */
export async function inviteBuyer(deps: Deps, user: AuthUser, spaserId: string, organisationId: string): Promise<Result<{ ok: true }>> {
  const loaded = await loadSpaser(deps, user, spaserId);
  if (!loaded.ok) return loaded;
  if (!loaded.value.canEdit) return fail('SPASER_EDIT_FORBIDDEN');
  const [org] = await deps.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId));
  if (!org) return fail('VALIDATION', { organisationId: "Cet acheteur n'existe pas dans le registre." });
  const added = await deps.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(spaserBuyers)
      .values({ spaserId, organisationId, status: 'invited', invitedBy: user.id, createdAt: deps.clock.now() })
      .onConflictDoNothing()
      .returning({ id: spaserBuyers.organisationId });
    if (!inserted.length) return false;
    // Every verified member of the invited buyer is told: any of them may accept.
    const members = await rows<{ user_id: string }>(
      tx,
      sql`SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id
          WHERE m.organisation_id = ${organisationId} AND ${actingMember} AND m.user_id <> ${user.id}`,
    );
    await createNotifications(deps, tx, members.map((m) => ({ userId: m.user_id, kind: SPASER_INVITED, targetId: spaserId, actorId: user.id, data: { organisationId } })));
    return true;
  });
  return added ? ok({ ok: true as const }) : fail('SPASER_BUYER_EXISTS');
}

/** A verified member of an invited buyer accepts: the buyer joins, and the person becomes an editor. */
export async function acceptInvitation(deps: Deps, user: AuthUser, spaserId: string, organisationId: string): Promise<Result<{ ok: true }>> {
  if (!user.verifiedOrganisationIds.includes(organisationId)) return fail('SPASER_BUYER_JOIN_FORBIDDEN');
  const now = deps.clock.now();
  const done = await deps.db.transaction(async (tx) => {
    const rows = await tx
      .update(spaserBuyers)
      .set({ status: 'accepted', acceptedBy: user.id, acceptedAt: now })
      .where(and(eq(spaserBuyers.spaserId, spaserId), eq(spaserBuyers.organisationId, organisationId), eq(spaserBuyers.status, 'invited')))
      .returning({ id: spaserBuyers.organisationId });
    if (!rows.length) return false;
    await tx.insert(spaserEditors).values({ spaserId, userId: user.id, addedAt: now }).onConflictDoNothing();
    await tx.update(spasers).set({ updatedAt: now }).where(eq(spasers.id, spaserId));
    return true;
  });
  return done ? ok({ ok: true as const }) : fail('SPASER_BUYER_NOT_INVITED');
}

/**
 * A verified member of an invited buyer declines: the invitation is withdrawn (the schéma, and the
 * notifications about it, are no longer theirs to read); the editors may invite again later.
 */
export async function declineInvitation(deps: Deps, user: AuthUser, spaserId: string, organisationId: string): Promise<Result<{ ok: true }>> {
  if (!user.verifiedOrganisationIds.includes(organisationId)) return fail('SPASER_BUYER_DECLINE_FORBIDDEN');
  const removed = await deps.db
    .delete(spaserBuyers)
    .where(and(eq(spaserBuyers.spaserId, spaserId), eq(spaserBuyers.organisationId, organisationId), eq(spaserBuyers.status, 'invited')))
    .returning({ id: spaserBuyers.organisationId });
  return removed.length ? ok({ ok: true as const }) : fail('SPASER_BUYER_NOT_INVITED');
}

/** An editor makes another verified member of an accepted buyer an editor. */
export async function addEditor(deps: Deps, user: AuthUser, spaserId: string, userId: string): Promise<Result<{ ok: true }>> {
  const loaded = await loadSpaser(deps, user, spaserId);
  if (!loaded.ok) return loaded;
  if (!loaded.value.canEdit) return fail('SPASER_EDIT_FORBIDDEN');
  const accepted = loaded.value.buyers.filter((b) => b.status === 'accepted').map((b) => b.organisationId);
  const [member] = await rows<{ ok: number }>(
    deps.db,
    sql`SELECT 1 AS ok FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.user_id = ${userId} AND ${actingMember}
          AND m.organisation_id IN (${sql.join(accepted.map((id) => sql`${id}`), sql`, `)})`,
  );
  if (!member) return fail('SPASER_EDITOR_NOT_MEMBER');
  const added = await deps.db.transaction(async (tx) => {
    const inserted = await tx.insert(spaserEditors).values({ spaserId, userId, addedAt: deps.clock.now() }).onConflictDoNothing().returning({ userId: spaserEditors.userId });
    if (inserted.length && userId !== user.id) await createNotifications(deps, tx, [{ userId, kind: SPASER_EDITOR_ADDED, targetId: spaserId, actorId: user.id }]);
    return inserted.length > 0;
  });
  return added ? ok({ ok: true as const }) : fail('SPASER_EDITOR_EXISTS');
}

/** An editor removes an editor (themselves included), never the last one: someone must be able to write. */
export async function removeEditor(deps: Deps, user: AuthUser, spaserId: string, userId: string): Promise<Result<{ ok: true }>> {
  const loaded = await loadSpaser(deps, user, spaserId);
  if (!loaded.ok) return loaded;
  if (!loaded.value.canEdit) return fail('SPASER_EDIT_FORBIDDEN');
  return deps.db.transaction(async (tx) => {
    const current = await tx.select({ userId: spaserEditors.userId }).from(spaserEditors).where(eq(spaserEditors.spaserId, spaserId));
    if (!current.some((e) => e.userId === userId)) return fail('SPASER_EDITOR_NOT_FOUND');
    if (current.length === 1) return fail('SPASER_LAST_EDITOR');
    await tx.delete(spaserEditors).where(and(eq(spaserEditors.spaserId, spaserId), eq(spaserEditors.userId, userId)));
    return ok({ ok: true as const });
  });
}

/**
 * Adoption: date and reference of the deliberation or decision. The schéma becomes « adopté »; the
 * status of each of its buyers follows from it (view organisation_spaser_status, ADR 0025), nothing else is written.
 */
export async function adopt(deps: Deps, user: AuthUser, spaserId: string, input: { adoptedOn: string; reference: string }): Promise<Result<{ ok: true }>> {
  const loaded = await loadSpaser(deps, user, spaserId);
  if (!loaded.ok) return loaded;
  if (!loaded.value.canEdit) return fail('SPASER_EDIT_FORBIDDEN');
  const { spaser } = loaded.value;
  if (spaser.status === 'adopted' || spaser.status === 'published') return fail('SPASER_ALREADY_ADOPTED');
  const dateError = adoptionDateError(input.adoptedOn, parisToday(deps));
  if (dateError) return fail('VALIDATION', { adoptedOn: dateError });
  // A revision adopted again (issue 19): its deliberation comes after the one it replaces.
  if (spaser.status === 'in_revision' && spaser.adoptedOn && input.adoptedOn < spaser.adoptedOn) {
    return fail('VALIDATION', { adoptedOn: `La révision ne peut être adoptée avant la version qu’elle remplace (adoptée le ${spaser.adoptedOn.split('-').reverse().join('/')}).` });
  }
  await deps.db.update(spasers).set({ status: 'adopted', adoptedOn: input.adoptedOn, adoptionReference: input.reference, updatedAt: deps.clock.now() }).where(eq(spasers.id, spaserId));
  return ok({ ok: true as const });
}

/** The DECP figures of the schéma's accepted buyers, year by year, for the builder to show and pre-fill. */
export async function decpFigures(deps: Deps, user: AuthUser, spaserId: string): Promise<Result<{ buyers: BuyerDecpFigures[] }>> {
  const loaded = await loadSpaser(deps, user, spaserId);
  if (!loaded.ok) return loaded;
  const accepted = loaded.value.buyers.filter((b) => b.status === 'accepted').map((b) => b.organisationId);
  return ok({ buyers: await buyersDecpFigures(deps, accepted) });
}

/**
 * A new indicator picked from the catalogue, not yet saved: for every accepted buyer, baseline and
 * yearly values pre-filled from its own DECP figures when the entry is DECP-computable.
 */
export async function prefillIndicator(deps: Deps, user: AuthUser, spaserId: string, catalogueKey: string): Promise<Result<{ indicator: SpaserIndicator }>> {
  const loaded = await loadSpaser(deps, user, spaserId);
  if (!loaded.ok) return loaded;
  if (!loaded.value.canEdit) return fail('SPASER_EDIT_FORBIDDEN');
  const entry = catalogueEntry(catalogueKey);
  if (!entry) return fail('VALIDATION', { catalogueKey: 'Choisissez un indicateur du catalogue.' });
  const { spaser, buyers } = loaded.value;
  const figures = await buyersDecpFigures(deps, buyers.filter((b) => b.status === 'accepted').map((b) => b.organisationId));
  const id = `${entry.key}-${deps.clock.now().getTime().toString(36)}`;
  return ok({ indicator: prefill(entry, { id, period: { start: spaser.periodStart, end: spaser.periodEnd }, buyers: figures }) });
}

/** The diagnostic's purchase mapping of every accepted buyer, pre-filled from its DECP (not saved; editors only). */
export async function prefillMapping(deps: Deps, user: AuthUser, spaserId: string, year: number | null) {
  const loaded = await loadSpaser(deps, user, spaserId);
  if (!loaded.ok) return loaded;
  if (!loaded.value.canEdit) return fail('SPASER_EDIT_FORBIDDEN');
  return ok(await diagnosticMapping(deps, loaded.value.buyers.filter((b) => b.status === 'accepted'), year));
}

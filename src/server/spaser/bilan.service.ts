import { and, desc, eq, sql } from 'drizzle-orm';
import { parisToday } from '../observatory/observatory.service.js';
import { createNotifications } from '../notifications/notifications.service.js';
import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { rows } from '../platform/db.js';
import { fail, ok, type Result } from '../platform/result.js';
import { bilanDocument, type BilanDocument, type BilanValueBody } from './bilan.contract.js';
import { bilanDueOn, computeBilan } from './bilan.js';
import { buyersDecpFigures } from './decp-prefill.js';
import { currentPublication, LAST_PUBLICATION, PUBLICATION_TOPIC } from './publication.service.js';
import type { SpaserContent } from './spaser.content.js';
import { assembleContent, loadSpaser, saveSection } from './spaser.service.js';
import { SPASER_BILAN_DUE } from './spaser.notifications.js';
import { spaserBilans, spaserEditors, spasers, spaserSectionContents } from './spaser.tables.js';

/**
 * The bilan des indicateurs (issue 19, item 2): the yearly values of the schéma's indicators against
 * their targets, entered by the editors one at a time (saved into the indicators section, through its
 * own checks: period, unit, DECP provenance and reason), published as a dated, frozen bilan under the
 * schéma's public page, and a reminder to the editors when two years pass without one.
 */

type Loaded = Extract<Awaited<ReturnType<typeof loadSpaser>>, { ok: true }>['value'];

/** The live bilan of a loaded schéma: its saved indicators, the accepted buyers' DECP figures. */
async function liveBilan(deps: Deps, loaded: Loaded) {
  const { spaser } = loaded;
  const accepted = loaded.buyers.filter((b) => b.status === 'accepted');
  const [section] = await deps.db
    .select()
    .from(spaserSectionContents)
    .where(and(eq(spaserSectionContents.spaserId, spaser.id), eq(spaserSectionContents.section, 'indicators')));
  const content = assembleContent(section ? [section] : []);
  const decp = await buyersDecpFigures(deps, accepted.map((b) => b.organisationId));
  const indicators = computeBilan({
    indicators: content.indicators,
    period: { start: spaser.periodStart, end: spaser.periodEnd },
    thisYear: Number(parisToday(deps).slice(0, 4)),
    buyers: accepted.map((b) => ({ organisationId: b.organisationId, name: b.name })),
    decp,
  });
  return { indicators, content, version: section?.version ?? 0 };
}

async function bilanList(deps: Deps, spaserId: string) {
  return deps.db
    .select({ number: spaserBilans.number, publishedAt: spaserBilans.publishedAt, document: spaserBilans.document })
    .from(spaserBilans)
    .where(eq(spaserBilans.spaserId, spaserId))
    .orderBy(desc(spaserBilans.number));
}

const parisDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(d);

/** The builder's bilan: every reader of the schéma sees it; its editors enter values and publish. */
export async function getBilan(deps: Deps, user: AuthUser, spaserId: string) {
  const loaded = await loadSpaser(deps, user, spaserId);
  if (!loaded.ok) return loaded;
  const { spaser, canEdit } = loaded.value;
  const live = await liveBilan(deps, loaded.value);
  const published = await bilanList(deps, spaserId);
  const publication = await currentPublication(deps, spaserId);
  return ok({
    spaserId,
    title: spaser.title,
    status: spaser.status,
    periodStart: spaser.periodStart,
    periodEnd: spaser.periodEnd,
    canEdit,
    indicatorsVersion: live.version,
    indicators: live.indicators,
    canPublish: canEdit && publication !== null,
    published: published.map((b) => ({ number: b.number, publishedAt: b.publishedAt.toISOString(), path: (b.document as BilanDocument).path })),
    dueOn: spaser.adoptedOn ? bilanDueOn(spaser.adoptedOn, published[0] ? parisDay(published[0].publishedAt) : null) : null,
  });
}

/**
 * Enters (or removes, with a null value) one buyer's value of one indicator for one year: editors
 * only, a year of the schéma's period only. Saved into the indicators section from the version the
 * editor read, through saveSection's checks (unit, DECP figure and reason, conflict); its errors come
 * back on the fields of this one value.
 */
export async function enterValue(deps: Deps, user: AuthUser, spaserId: string, input: BilanValueBody): Promise<Result<{ version: number }>> {
  const loaded = await loadSpaser(deps, user, spaserId);
  if (!loaded.ok) return loaded;
  if (!loaded.value.canEdit) return fail('SPASER_EDIT_FORBIDDEN');
  const { spaser, buyers } = loaded.value;
  const period = spaser.periodEnd === null ? `à partir de ${spaser.periodStart}` : `de ${spaser.periodStart} à ${spaser.periodEnd}`;
  if (input.year < spaser.periodStart || (spaser.periodEnd !== null && input.year > spaser.periodEnd))
    return fail('VALIDATION', { year: `L’année ${input.year} est hors de la période du schéma (${period}) : saisissez une valeur pour une année de la période.` });
  if (!buyers.some((b) => b.organisationId === input.organisationId && b.status === 'accepted'))
    return fail('VALIDATION', { organisationId: 'Cet acheteur ne fait pas partie du schéma.' });
  const [section] = await deps.db
    .select()
    .from(spaserSectionContents)
    .where(and(eq(spaserSectionContents.spaserId, spaserId), eq(spaserSectionContents.section, 'indicators')));
  const list = structuredClone(assembleContent(section ? [section] : []).indicators) as SpaserContent['indicators'];
  const i = list.findIndex((ind) => ind.id === input.indicatorId);
  if (i < 0) return fail('VALIDATION', { indicatorId: 'Cet indicateur n’existe pas dans le schéma.' });
  const indicator = list[i]!;
  let j = indicator.perBuyer.findIndex((b) => b.organisationId === input.organisationId);
  if (j < 0) {
    indicator.perBuyer.push({ organisationId: input.organisationId, baseline: null, targets: [], values: [] });
    j = indicator.perBuyer.length - 1;
  }
  const figures = indicator.perBuyer[j]!;
  const k = figures.values.findIndex((v) => v.year === input.year);
  if (input.value === null) {
    if (k >= 0) figures.values.splice(k, 1);
  } else {
    const previous = k >= 0 ? figures.values[k]! : { year: input.year, source: '', evidence: '', evidenceFileId: null, overrideReason: null, decp: null };
    const next = { ...previous, year: input.year, value: input.value, overrideReason: input.overrideReason || null };
    if (k >= 0) figures.values[k] = next;
    else figures.values.push(next);
    figures.values.sort((a, b) => a.year - b.year);
  }
  const saved = await saveSection(deps, user, spaserId, 'indicators', { version: input.version, body: list });
  if (saved.ok) return ok({ version: saved.value.version });
  if (saved.error !== 'VALIDATION' || !saved.fields) return saved;
  // The errors of this value on its own fields; any other (a figure saved before and no longer valid) as is.
  const at = input.value === null ? null : `${i}.perBuyer.${j}.values.${figures.values.findIndex((v) => v.year === input.year)}.`;
  const fields: Record<string, string> = {};
  for (const [key, message] of Object.entries(saved.fields)) fields[at && key.startsWith(at) ? key.slice(at.length) : key] = message;
  return fail('VALIDATION', fields);
}

/**
 * Publishes the bilan as it stands, dated and frozen, under the schéma's public page: editors only,
 * while the schéma is published (its page is the bilan's parent). Years not entered show their DECP
 * figure as the live bilan does, marked as such.
 */
export async function publishBilan(deps: Deps, user: AuthUser, spaserId: string): Promise<Result<{ number: number; path: string }>> {
  const loaded = await loadSpaser(deps, user, spaserId);
  if (!loaded.ok) return loaded;
  if (!loaded.value.canEdit) return fail('SPASER_EDIT_FORBIDDEN');
  const publication = await currentPublication(deps, spaserId);
  if (!publication) return fail('SPASER_BILAN_NOT_PUBLIC');
  const { spaser } = loaded.value;
  const live = await liveBilan(deps, loaded.value);
  const now = deps.clock.now();
  const path = `${publication.path}/bilan`;
  const number = await deps.db.transaction(async (tx) => {
    // Serialises two publications of one schéma's bilan: the row lock, then the next number.
    await tx.select({ id: spasers.id }).from(spasers).where(eq(spasers.id, spaserId)).for('update');
    const [{ last }] = (await rows<{ last: number | null }>(tx, sql`SELECT max(number) AS last FROM spaser_bilans WHERE spaser_id = ${spaserId}`)) as [{ last: number | null }];
    const n = (last ?? 0) + 1;
    const document: BilanDocument = {
      spaserId,
      title: spaser.title,
      periodStart: spaser.periodStart,
      periodEnd: spaser.periodEnd,
      adoptedOn: spaser.adoptedOn,
      adoptionReference: spaser.adoptionReference,
      buyers: loaded.value.buyers.filter((b) => b.status === 'accepted').map((b) => ({ organisationId: b.organisationId, name: b.name })),
      number: n,
      publishedAt: now.toISOString(),
      path,
      spaserPath: publication.path,
      indicators: live.indicators,
    };
    await tx.insert(spaserBilans).values({ spaserId, number: n, document, publishedBy: user.id, publishedAt: now });
    return n;
  });
  // The schéma's public page links to its newest bilan: its cached copy is dropped (publication.routes.tsx).
  deps.bus.publish(PUBLICATION_TOPIC, { type: 'changed', ref: spaser.publicRef });
  return ok({ number, path });
}

export type PublicBilan = { state: 'published'; document: BilanDocument } | { state: 'unknown' };

/** What /schemas/<ref>-…/bilan shows: the newest bilan of a schéma whose page is public, or nothing. */
export async function publicBilan(deps: Deps, ref: string): Promise<PublicBilan> {
  const [row] = await rows<{ document: unknown }>(
    deps.db,
    sql`SELECT b.document FROM spasers s
        JOIN ${LAST_PUBLICATION} ON p.withdrawn_at IS NULL
        JOIN LATERAL (SELECT document FROM spaser_bilans WHERE spaser_id = s.id ORDER BY number DESC LIMIT 1) b ON true
        WHERE s.public_ref = ${ref}`,
  );
  if (!row) return { state: 'unknown' };
  return { state: 'published', document: bilanDocument.parse(row.document) };
}

// ---- Reminder ---------------------------------------------------------------------------------

export const JOB_BILAN_REMINDERS = 'spaser.bilan-reminders';
const SWEEP_EVERY_MS = 24 * 3600_000;

/**
 * Reminds the editors of every adopted schéma (adopted, published or in revision) whose bilan is due
 * — two years after its adoption or its newest bilan — once per due date: the date is written on the
 * schéma in the same transaction as the notifications, so a second sweep the same day or any later
 * day sends nothing until a new bilan moves the due date. Returns the schémas reminded.
 */
export async function sweepBilanReminders(deps: Deps): Promise<string[]> {
  const today = parisToday(deps);
  const candidates = await rows<{ id: string; adopted_on: string; last_bilan: Date | null; reminded_for: string | null }>(
    deps.db,
    sql`SELECT s.id, s.adopted_on::text AS adopted_on, s.bilan_reminded_for::text AS reminded_for,
          (SELECT max(published_at) FROM spaser_bilans b WHERE b.spaser_id = s.id) AS last_bilan
        FROM spasers s
        WHERE s.status IN ('adopted', 'published', 'in_revision') AND s.adopted_on IS NOT NULL`,
  );
  const reminded: string[] = [];
  for (const s of candidates) {
    const dueOn = bilanDueOn(s.adopted_on, s.last_bilan ? parisDay(new Date(s.last_bilan)) : null);
    if (dueOn > today || s.reminded_for === dueOn) continue;
    const sent = await deps.db.transaction(async (tx) => {
      // Only the sweep that moves the date notifies (two processes sweeping at once send one reminder).
      const moved = await tx
        .update(spasers)
        .set({ bilanRemindedFor: dueOn })
        .where(and(eq(spasers.id, s.id), sql`${spasers.bilanRemindedFor} IS DISTINCT FROM ${dueOn}::date`))
        .returning({ id: spasers.id });
      if (!moved.length) return false;
      const editors = await tx.select({ userId: spaserEditors.userId }).from(spaserEditors).where(eq(spaserEditors.spaserId, s.id));
      await createNotifications(deps, tx, editors.map((e) => ({ userId: e.userId, kind: SPASER_BILAN_DUE, targetId: s.id, actorId: null, data: { dueOn } })));
      return true;
    });
    if (sent) reminded.push(s.id);
  }
  return reminded;
}

/** Starts the daily sweep (once per database: the dedupe key keeps one queued). */
export async function scheduleBilanReminders(deps: Deps) {
  await deps.jobs.enqueue(JOB_BILAN_REMINDERS, {}, { dedupeKey: JOB_BILAN_REMINDERS });
}

/** Registers the SPASER module's jobs (called by platform/jobs.register.ts registerJobs). */
export function registerSpaserJobs(deps: Deps) {
  deps.jobs.register(JOB_BILAN_REMINDERS, async () => {
    await sweepBilanReminders(deps);
    await deps.jobs.enqueue(JOB_BILAN_REMINDERS, {}, { runAt: new Date(deps.clock.now().getTime() + SWEEP_EVERY_MS), dedupeKey: JOB_BILAN_REMINDERS });
  });
}


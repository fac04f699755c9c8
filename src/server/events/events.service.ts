import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { announce } from '../notifications/notifications.service.js';
import { NEW_WEBINAR } from './events.notifications.js';
import type { AuthUser } from '../platform/auth.js';
import { isStaff } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import type { Db, Tx } from '../platform/db.js';
import { rows } from '../platform/db.js';
import { fail, ok, type Result } from '../platform/result.js';
import { markdownToText, renderMarkdown } from '../helpspace/posts/markdown.js';
import { createResource, deleteResource } from '../library/resources/resources.service.js';
import { setResourceLinks } from '../library/resources/links.service.js';
import { fromParisLocal, toParisLocal } from '../../shared/paris-time.js';
import type { EventBody } from './events.contract.js';
import { audienceHook, audienceOf, ownerTree } from './events.audience.js';
import * as policy from './events.policy.js';
import { eventRegistrations, events, type EventKind, type EventVisibility } from './events.tables.js';
import { afterEventChange, demoteOverCapacity, promoteWaitlisted } from './registrations.service.js';
import './events.messages.js';

export type EventRow = typeof events.$inferSelect;
export const PAGE_SIZE = 20;

/** What the service needs to decide visibility in SQL: the user, and the groups the hooks count them in. */
export type Viewer = { id: string; staff: boolean; verified: boolean; audience: { ownerKind: string; ownerIds: string[] }[] } | null;

export async function viewerOf(db: Db | Tx, user: AuthUser | null): Promise<Viewer> {
  if (!user) return null;
  const staff = isStaff(user);
  return { id: user.id, staff, verified: staff || user.verifiedOrganisationIds.length > 0, audience: staff ? [] : await audienceOf(db, user.id) };
}

/**
 * The one SQL rule of visibility (the policy's canSeeEvent, for lists, feeds and counts): alias `e`
 * is the events table.
 */
export function visibleEventSql(viewer: Viewer): SQL {
  if (viewer?.staff) return sql`true`;
  if (!viewer) return sql`e.visibility = 'public'`;
  const groups = viewer.audience.map(
    (a) => sql`(e.owner_kind = ${a.ownerKind} AND e.owner_id IN (${sql.join(a.ownerIds.map((id) => sql`${id}::uuid`), sql`, `)}))`,
  );
  return sql`(e.visibility = 'public'
    ${viewer.verified ? sql`OR e.visibility = 'verified'` : sql``}
    ${groups.length ? sql`OR (e.visibility = 'restricted' AND (${sql.join(groups, sql` OR `)}))` : sql``}
    OR (e.visibility <> 'restricted'
        AND EXISTS (SELECT 1 FROM event_registrations mine WHERE mine.event_id = e.id AND mine.user_id = ${viewer.id} AND mine.status <> 'cancelled')))`;
}

/** Counts, the viewer's registration and waitlist position, for alias `e`. */
function summaryColumns(viewer: Viewer): SQL {
  const me = viewer?.id ?? null;
  return sql`e.id, e.kind, e.title, e.starts_at, e.ends_at, e.place, e.online_url IS NOT NULL AS online, e.capacity,
    e.visibility, e.status, e.speakers, e.themes,
    (SELECT count(*)::int FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'registered') AS registered_count,
    (SELECT count(*)::int FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'waitlisted') AS waitlist_count,
    (SELECT r.status FROM event_registrations r WHERE r.event_id = e.id AND r.user_id = ${me} AND r.status <> 'cancelled') AS my_status,
    (SELECT count(*)::int + 1 FROM event_registrations w, event_registrations r
       WHERE r.event_id = e.id AND r.user_id = ${me} AND r.status = 'waitlisted'
         AND w.event_id = e.id AND w.status = 'waitlisted' AND (w.queued_at, w.id) < (r.queued_at, r.id)) AS my_position`;
}

type RawSummary = {
  id: string;
  kind: EventKind;
  title: string;
  starts_at: Date | string;
  ends_at: Date | string;
  place: string | null;
  online: boolean;
  capacity: number | null;
  visibility: EventVisibility;
  status: 'scheduled' | 'cancelled';
  speakers: string[];
  themes: string[];
  registered_count: number;
  waitlist_count: number;
  my_status: 'registered' | 'waitlisted' | null;
  my_position: number | null;
};

const iso = (d: Date | string) => new Date(d).toISOString();

function presentSummary(r: RawSummary) {
  const registered = Number(r.registered_count);
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    place: r.place,
    online: !!r.online,
    capacity: r.capacity,
    visibility: r.visibility,
    status: r.status,
    registeredCount: registered,
    waitlistCount: Number(r.waitlist_count),
    placesLeft: r.capacity === null ? null : Math.max(0, r.capacity - registered),
    speakers: r.speakers ?? [],
    themes: r.themes ?? [],
    my: r.my_status ? { status: r.my_status, waitlistPosition: r.my_status === 'waitlisted' ? Number(r.my_position) : null } : null,
  };
}
export type EventSummary = ReturnType<typeof presentSummary>;

/** Events as summaries, in the given order, for a viewer (lists, my registrations, an owner's schedule). */
export async function summaries(db: Db | Tx, viewer: Viewer, where: SQL, orderBy: SQL, limit = 1000, offset = 0): Promise<EventSummary[]> {
  const list = await rows<RawSummary>(
    db,
    sql`SELECT ${summaryColumns(viewer)} FROM events e WHERE ${visibleEventSql(viewer)} AND ${where} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}`,
  );
  return list.map(presentSummary);
}

/** The agenda: upcoming (not ended, soonest first) or past (latest first), with filters. */
export async function listEvents(deps: Deps, user: AuthUser | null, q: { when: 'upcoming' | 'past'; kind?: EventKind; q?: string; theme?: string; page: number }) {
  const viewer = await viewerOf(deps.db, user);
  const now = deps.clock.now();
  const conds: SQL[] = [q.when === 'upcoming' ? sql`e.ends_at > ${now}` : sql`e.ends_at <= ${now}`];
  if (q.kind) conds.push(sql`e.kind = ${q.kind}`);
  if (q.theme) conds.push(sql`${q.theme} = ANY(e.themes)`);
  if (q.q) conds.push(sql`e.title ILIKE ${`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  const where = sql.join(conds, sql` AND `);
  const [{ n }] = (await rows<{ n: number }>(deps.db, sql`SELECT count(*)::int AS n FROM events e WHERE ${visibleEventSql(viewer)} AND ${where}`)) as [{ n: number }];
  const order = q.when === 'upcoming' ? sql`e.starts_at, e.id` : sql`e.starts_at DESC, e.id`;
  const items = await summaries(deps.db, viewer, where, order, PAGE_SIZE, (q.page - 1) * PAGE_SIZE);
  return { items, total: Number(n), page: q.page, pageSize: PAGE_SIZE };
}

/**
 * For the theme pages (issue 23, item 9): the scheduled events tagged with `theme` that the user may
 * see (the agenda's own rule, visibleEventSql), upcoming first then the latest past ones, and how many.
 */
export async function eventsForTheme(deps: Deps, user: AuthUser | null, theme: string, limit: number): Promise<{ items: EventSummary[]; total: number }> {
  const viewer = await viewerOf(deps.db, user);
  const where = sql`e.status = 'scheduled' AND ${theme} = ANY(e.themes)`;
  const [{ n }] = (await rows<{ n: number }>(deps.db, sql`SELECT count(*)::int AS n FROM events e WHERE ${visibleEventSql(viewer)} AND ${where}`)) as [{ n: number }];
  const items = await summaries(deps.db, viewer, where, sql`(e.ends_at > ${deps.clock.now()}) DESC, abs(extract(epoch FROM e.starts_at - ${deps.clock.now()}::timestamptz)), e.id`, limit);
  return { items, total: Number(n) };
}

/** For the list of themes: how many scheduled events the user may see carry each theme. */
export async function eventThemeCounts(deps: Deps, user: AuthUser | null): Promise<Record<string, number>> {
  const viewer = await viewerOf(deps.db, user);
  const list = await rows<{ theme: string; n: number }>(
    deps.db,
    sql`SELECT t.theme, count(*)::int AS n FROM events e, unnest(e.themes) AS t(theme) WHERE ${visibleEventSql(viewer)} AND e.status = 'scheduled' GROUP BY t.theme`,
  );
  return Object.fromEntries(list.map((r) => [r.theme, Number(r.n)]));
}

/** SQL over alias `e`: the event belongs to one of these owners. */
function ownedBy(owners: { ownerKind: string; ownerIds: string[] }[]): SQL {
  const parts = owners
    .filter((o) => o.ownerIds.length)
    .map((o) => sql`(e.owner_kind = ${o.ownerKind} AND e.owner_id IN (${sql.join(o.ownerIds.map((id) => sql`${id}::uuid`), sql`, `)}))`);
  return parts.length ? sql`(${sql.join(parts, sql` OR `)})` : sql`false`;
}

/**
 * The events of one owner (a cohort's schedule) and of the groups nested in it (its co-development
 * groups), in time order, as the viewer may see them; pass `viewer: 'all'` from a job or another
 * module's own authorised path.
 */
export async function listEventsForOwner(deps: Deps, ownerKind: string, ownerId: string, user: AuthUser | null | 'all'): Promise<EventSummary[]> {
  const viewer: Viewer = user === 'all' ? { id: '00000000-0000-0000-0000-000000000000', staff: true, verified: true, audience: [] } : await viewerOf(deps.db, user);
  return summaries(deps.db, viewer, ownedBy(await ownerTree(deps.db, ownerKind, ownerId)), sql`e.starts_at, e.id`);
}

/**
 * The rows of an owner's events, for another module's feed (pass them to toCalendarEvent). Events of
 * nested groups are included only for `forUserId` when they are in that member's audience.
 */
export async function eventRowsForOwner(db: Db | Tx, ownerKind: string, ownerId: string, forUserId?: string): Promise<EventRow[]> {
  const [own, ...nested] = await ownerTree(db, ownerKind, ownerId);
  const mine = forUserId ? await audienceOf(db, forUserId) : [];
  const visibleNested = nested.map((n) => ({ ownerKind: n.ownerKind, ownerIds: n.ownerIds.filter((id) => mine.some((a) => a.ownerKind === n.ownerKind && a.ownerIds.includes(id))) }));
  const ids = await rows<{ id: string }>(db, sql`SELECT e.id FROM events e WHERE ${ownedBy([own!, ...visibleNested])}`);
  if (!ids.length) return [];
  return db.select().from(events).where(inArray(events.id, ids.map((r) => r.id))).orderBy(events.startsAt, events.id);
}

/** An event and the facts the policy needs about it for this user; null when it does not exist. */
export async function loadEvent(db: Db | Tx, user: AuthUser | null, eventId: string, opts: { lock?: boolean } = {}) {
  const [event] = opts.lock
    ? await db.select().from(events).where(eq(events.id, eventId)).for('update')
    : await db.select().from(events).where(eq(events.id, eventId));
  if (!event) return null;
  let myStatus: policy.EventFacts['myStatus'] = null;
  let inAudience = false;
  let ownerManager = false;
  if (user) {
    const [reg] = await db
      .select({ status: eventRegistrations.status })
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.userId, user.id)));
    if (reg && reg.status !== 'cancelled') myStatus = reg.status;
    if (event.visibility === 'restricted' && event.ownerKind && event.ownerId) {
      const hook = audienceHook(event.ownerKind);
      inAudience = hook ? (await hook.ownerIdsFor(db, user.id)).includes(event.ownerId) : false;
    }
    if (event.ownerKind && event.ownerId) ownerManager = (await audienceHook(event.ownerKind)?.manages?.(db, user.id, event.ownerId)) ?? false;
  }
  const facts: policy.EventFacts = { visibility: event.visibility, status: event.status, startsAt: event.startsAt, endsAt: event.endsAt, inAudience, myStatus, ownerManager };
  return { event, facts };
}

/** The event page: details, counts, the user's registration and what they may do. */
export async function getEvent(deps: Deps, user: AuthUser | null, eventId: string) {
  const loaded = await loadEvent(deps.db, user, eventId);
  if (!loaded || !policy.canSeeEvent(user, loaded.facts)) return fail('EVENT_NOT_FOUND');
  const { event, facts } = loaded;
  const viewer = await viewerOf(deps.db, user);
  const [summary] = await summaries(deps.db, viewer, sql`e.id = ${event.id}`, sql`e.id`);
  // Visible through the policy but not the SQL rule cannot happen; both say the same.
  if (!summary) return fail('EVENT_NOT_FOUND');
  const now = deps.clock.now();
  return ok({
    ...summary,
    description: event.description,
    descriptionHtml: renderMarkdown(event.description),
    onlineUrl: policy.canSeeOnlineUrl(user, facts) ? event.onlineUrl : null,
    recordingUrl: event.recordingUrl,
    slidesUrl: event.slidesUrl,
    replayResourceId: event.replayResourceId,
    ownerKind: event.ownerKind,
    ownerId: event.ownerId,
    ended: now >= event.endsAt,
    startsAtParis: toParisLocal(event.startsAt),
    endsAtParis: toParisLocal(event.endsAt),
    can: {
      register: policy.canRegister(user, facts, now),
      cancelRegistration: policy.canCancelRegistration(user, facts, now),
      edit: policy.canEditEvent(user, facts),
      cancel: policy.canCancelEvent(user, facts),
      manageAttendees: policy.canManageEvents(user),
      attachReplay: policy.canAttachReplay(user, facts, now),
    },
  });
}

/** The stored values of an event from the form (Paris times → instants), or the failure. */
async function toValues(db: Db | Tx, input: EventInput): Promise<Result<Omit<typeof events.$inferInsert, 'createdAt' | 'updatedAt'>>> {
  const startsAt = input.startsAt instanceof Date ? input.startsAt : fromParisLocal(input.startsAt);
  const endsAt = input.endsAt instanceof Date ? input.endsAt : fromParisLocal(input.endsAt);
  if (!startsAt || !endsAt) return fail('VALIDATION', { startsAt: 'Date ou heure invalide.' });
  if (endsAt.getTime() <= startsAt.getTime()) return fail('EVENT_ENDS_BEFORE_START', { endsAt: "La fin de l'événement doit être après son début." });
  if (input.ownerKind || input.ownerId) {
    const hook = input.ownerKind ? audienceHook(input.ownerKind) : undefined;
    if (!hook || !input.ownerId || !(await hook.exists(db, input.ownerId))) return fail('UNKNOWN_EVENT_OWNER', { visibility: 'Le groupe auquel réserver l’événement est inconnu.' });
  }
  return ok({
    kind: input.kind,
    title: input.title,
    description: input.description ?? '',
    speakers: input.speakers ?? [],
    themes: input.themes ?? [],
    startsAt,
    endsAt,
    onlineUrl: input.onlineUrl ?? null,
    place: input.place ?? null,
    capacity: input.capacity ?? null,
    visibility: input.visibility,
    ownerKind: input.ownerKind ?? null,
    ownerId: input.ownerId ?? null,
  });
}

/** What creating or editing takes: the form's body, or the same with instants (another module's call). */
export type EventInput = Omit<EventBody, 'startsAt' | 'endsAt' | 'description' | 'speakers' | 'themes' | 'onlineUrl' | 'place' | 'capacity' | 'ownerKind' | 'ownerId'> & {
  startsAt: string | Date;
  endsAt: string | Date;
  description?: string;
  speakers?: string[];
  themes?: string[];
  onlineUrl?: string | null;
  place?: string | null;
  capacity?: number | null;
  ownerKind?: string | null;
  ownerId?: string | null;
};

/**
 * Creates an event (facilitators; the cohorts module creates its sessions with an owner). Pass `tx`
 * to create it inside another module's transaction (a co-development session and its event).
 */
export async function createEvent(deps: Deps, actor: AuthUser | null, input: EventInput, tx?: Tx): Promise<Result<{ id: string }>> {
  const db = tx ?? deps.db;
  const values = await toValues(db, input);
  if (!values.ok) return values;
  const now = deps.clock.now();
  const [row] = await db
    .insert(events)
    .values({ ...values.value, createdBy: actor?.id ?? null, createdAt: now, updatedAt: now })
    .returning({ id: events.id });
  // The platform's own webinars are news for whoever may see them (restricted groups' sessions are not).
  if (values.value.kind === 'webinar' && values.value.visibility !== 'restricted' && !values.value.ownerKind && values.value.startsAt > now) await announce(deps, db, NEW_WEBINAR, row!.id, actor?.id ?? null);
  return ok({ id: row!.id });
}

/** Loads an event for a change by its managers: 404 to who cannot see it, 403 to who cannot run it. */
async function loadForManager(tx: Tx, actor: AuthUser, eventId: string) {
  const loaded = await loadEvent(tx, actor, eventId, { lock: true });
  if (!loaded || !policy.canSeeEvent(actor, loaded.facts)) return fail('EVENT_NOT_FOUND');
  if (!policy.canManageEvent(actor, loaded.facts)) return fail('EVENT_MANAGE_FORBIDDEN');
  return ok(loaded);
}

/**
 * Edits an event (staff, or the owner group's own facilitators). A change that calendars must pick up
 * bumps SEQUENCE; registered members are told of a new time or place; reminders follow a new start;
 * more places promote the waitlist, fewer move the latest registrants to it.
 */
export async function updateEvent(deps: Deps, actor: AuthUser, eventId: string, input: EventInput): Promise<Result<{ ok: true }>> {
  return deps.db.transaction(async (tx) => {
    const loaded = await loadForManager(tx, actor, eventId);
    if (!loaded.ok) return loaded;
    const before = loaded.value.event;
    if (!policy.canEditEvent(actor, loaded.value.facts)) return fail('EVENT_CANCELLED');
    // The owner and its audience are kept: an event does not move from one group to another, nor
    // out of its group, through the form; a co-development session's event stays of kind codev.
    const owned = before.ownerKind !== null;
    const values = await toValues(tx, {
      ...input,
      kind: owned && before.kind === 'codev' ? before.kind : input.kind,
      visibility: owned ? before.visibility : input.visibility,
      ownerKind: before.ownerKind,
      ownerId: before.ownerId,
    });
    if (!values.ok) return values;
    const v = values.value;
    const now = deps.clock.now();
    const timeChanged = v.startsAt.getTime() !== before.startsAt.getTime() || v.endsAt.getTime() !== before.endsAt.getTime();
    const placeChanged = v.place !== before.place || v.onlineUrl !== before.onlineUrl;
    const calendarChanged = timeChanged || placeChanged || v.title !== before.title || v.description !== before.description;
    await tx
      .update(events)
      .set({ ...v, sequence: calendarChanged ? before.sequence + 1 : before.sequence, updatedAt: now })
      .where(eq(events.id, before.id));
    // Fewer places first, so the moved members are told of the waitlist and not of the new time.
    const lowered = v.capacity != null && (before.capacity === null || v.capacity < before.capacity);
    if (lowered) await demoteOverCapacity(deps, tx, before.id);
    await afterEventChange(deps, tx, before.id, { timeChanged, notify: (timeChanged || placeChanged) && now < v.endsAt });
    if (v.capacity == null || (before.capacity !== null && v.capacity > before.capacity)) await promoteWaitlisted(deps, tx, before.id);
    return ok({ ok: true as const });
  });
}

/** A new title from the module that owns the event (a co-development session's subject); calendars pick it up. */
export async function retitleEvent(deps: Deps, tx: Tx, eventId: string, title: string) {
  await tx
    .update(events)
    .set({ title, sequence: sql`${events.sequence} + 1`, updatedAt: deps.clock.now() })
    .where(eq(events.id, eventId));
}

/** Cancels an event: STATUS:CANCELLED with a new SEQUENCE in calendars, and an e-mail to everyone registered or waiting. */
export async function cancelEvent(deps: Deps, actor: AuthUser, eventId: string): Promise<Result<{ ok: true }>> {
  return deps.db.transaction(async (tx) => {
    const loaded = await loadForManager(tx, actor, eventId);
    if (!loaded.ok) return loaded;
    const { event } = loaded.value;
    if (event.status === 'cancelled') return fail('EVENT_CANCELLED');
    const now = deps.clock.now();
    await tx
      .update(events)
      .set({ status: 'cancelled', cancelledAt: now, sequence: event.sequence + 1, updatedAt: now })
      .where(eq(events.id, event.id));
    await afterEventChange(deps, tx, event.id, { timeChanged: false, notify: false, cancelled: true });
    return ok({ ok: true as const });
  });
}

/** The replay resource's links: the recording, then the slides when there are some. */
const replayLinks = (input: { recordingUrl: string; slidesUrl: string | null }) => [
  { label: "Voir l'enregistrement", url: input.recordingUrl },
  ...(input.slidesUrl ? [{ label: 'Support de présentation', url: input.slidesUrl }] : []),
];

/**
 * After the event: the recording and slides are attached to it and, for a public or members' event,
 * published in the library as a "replay de webinaire" resource with the same audience (once per
 * event: the library refuses a second resource for the same source). Attached again (a corrected
 * link, slides added or taken off), the same resource gets the new links. A group's event keeps its
 * replay on the event page only, seen by its audience.
 */
export async function attachReplay(
  deps: Deps,
  actor: AuthUser,
  eventId: string,
  input: { recordingUrl: string; slidesUrl: string | null },
): Promise<Result<{ ok: true; resourceId: string | null }>> {
  const loaded = await loadEvent(deps.db, actor, eventId);
  if (!loaded) return fail('EVENT_NOT_FOUND');
  if (loaded.event.status === 'cancelled') return fail('EVENT_CANCELLED');
  if (!policy.canAttachReplay(actor, loaded.facts, deps.clock.now())) return fail('EVENT_NOT_ENDED');
  const e = loaded.event;
  let resourceId = e.replayResourceId;
  // The library runs its own transactions: it is called before ours, never inside it.
  if (resourceId) {
    const corrected = await setResourceLinks(deps, resourceId, replayLinks(input));
    // Deleted from the library in the meantime: published again below.
    if (!corrected.ok) resourceId = null;
  }
  if (!resourceId && e.visibility !== 'restricted') {
    const created = await createResource(
      deps,
      {
        kind: 'recording',
        title: `Replay : ${e.title}`.slice(0, 200),
        summary: markdownToText(e.description, { max: 400 }),
        body: [e.description, e.speakers.length ? `**Intervenants :** ${e.speakers.join(', ')}` : ''].filter(Boolean).join('\n\n'),
        links: replayLinks(input),
        publishedOn: toParisLocal(e.startsAt).slice(0, 10),
        visibility: e.visibility === 'public' ? 'public' : 'verified',
      },
      [],
      { createdBy: actor.id, sourceKey: `event:${e.id}` },
    );
    if (!created.ok && created.error !== 'RESOURCE_SOURCE_EXISTS') return created;
    resourceId = created.ok ? created.value.id : null;
  }
  return deps.db.transaction(async (tx) => {
    await tx
      .update(events)
      .set({ recordingUrl: input.recordingUrl, slidesUrl: input.slidesUrl, replayResourceId: resourceId, updatedAt: deps.clock.now() })
      .where(eq(events.id, e.id));
    return ok({ ok: true as const, resourceId });
  });
}

/**
 * Takes the recording and slides off the event (a wrong video, a recording withdrawn): the replay
 * resource it created is deleted from the library, since a replay without its recording has nothing
 * to offer; attaching a recording again publishes a new one (docs/decisions/0011, amendment).
 */
export async function removeReplay(deps: Deps, actor: AuthUser, eventId: string): Promise<Result<{ ok: true }>> {
  const loaded = await loadEvent(deps.db, actor, eventId);
  if (!loaded) return fail('EVENT_NOT_FOUND');
  if (!policy.canAttachReplay(actor, loaded.facts, deps.clock.now())) return fail('EVENT_NOT_ENDED');
  const e = loaded.event;
  if (!e.recordingUrl && !e.replayResourceId) return fail('EVENT_NO_REPLAY');
  await deps.db
    .update(events)
    .set({ recordingUrl: null, slidesUrl: null, replayResourceId: null, updatedAt: deps.clock.now() })
    .where(eq(events.id, e.id));
  // After the event no longer points at it; already gone from the library is fine.
  if (e.replayResourceId) await deleteResource(deps, e.replayResourceId);
  return ok({ ok: true as const });
}

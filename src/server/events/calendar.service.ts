import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import { authUserOf, type AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { hashToken, randomToken, sign } from '../platform/tokens.js';
import { fail, ok } from '../platform/result.js';
import * as policy from './events.policy.js';
import { loadEvent, summaries, viewerOf, visibleEventSql, type EventRow } from './events.service.js';
import { rows } from '../platform/db.js';
import { eventFeedTokens, events } from './events.tables.js';
import { buildCalendar, type CalendarEvent } from './ical.js';
import { paths } from '../../web/paths.js';

// Calendar files and feeds: the single-event .ics (download and e-mail attachment), the personal feed
// behind a secret URL, the public feed of public webinars. All built by ical.ts's buildCalendar.

/** The event's page in the web app. */
export const eventUrl = (deps: Pick<Deps, 'config'>, eventId: string) => `${deps.config.baseUrl}${paths.event(eventId)}`;

const uidDomain = (deps: Pick<Deps, 'config'>) => new URL(deps.config.baseUrl).hostname;

/** An event row as the generator takes it; the connection link only when the reader may have it. */
export function toCalendarEvent(deps: Pick<Deps, 'config'>, e: EventRow, opts: { withLink: boolean }): CalendarEvent {
  return {
    id: e.id,
    title: e.title,
    description: e.description,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    onlineUrl: opts.withLink ? e.onlineUrl : null,
    place: e.place ?? (e.onlineUrl && !opts.withLink ? 'En ligne' : null),
    status: e.status,
    sequence: e.sequence,
    url: eventUrl(deps, e.id),
    updatedAt: e.updatedAt,
  };
}

/**
 * A feed from any list of events (the personal and public feeds here; a cohort's feed in its module).
 * `withLink` says, per event, whether the reader may see the connection link.
 */
export function feedFromEvents(deps: Pick<Deps, 'config' | 'clock'>, name: string, list: EventRow[], withLink: (e: EventRow) => boolean): string {
  return buildCalendar({
    name,
    uidDomain: uidDomain(deps),
    events: list.map((e) => toCalendarEvent(deps, e, { withLink: withLink(e) })),
    stamp: deps.clock.now(),
    ttlSeconds: 3600,
  });
}

/** The .ics of one event, as an e-mail attachment. */
export function eventCalendarFile(deps: Pick<Deps, 'config'>, e: EventRow, opts: { withLink: boolean }) {
  return {
    filename: 'evenement.ics',
    contentType: 'text/calendar; charset=utf-8',
    content: buildCalendar({ name: e.title, uidDomain: uidDomain(deps), events: [toCalendarEvent(deps, e, opts)] }),
  };
}

/** The .ics of one event for a reader who may see it (the link when registered, or staff). */
export async function eventIcs(deps: Deps, user: AuthUser | null, eventId: string) {
  const loaded = await loadEvent(deps.db, user, eventId);
  if (!loaded || !policy.canSeeEvent(user, loaded.facts)) return fail('EVENT_NOT_FOUND');
  return ok(eventCalendarFile(deps, loaded.event, { withLink: policy.canSeeOnlineUrl(user, loaded.facts) }).content);
}

/** Public webinars from three months back: anyone may subscribe, no connection links. */
export async function publicFeed(deps: Deps): Promise<string> {
  const since = new Date(deps.clock.now().getTime() - 92 * 24 * 3600_000);
  const list = await deps.db
    .select()
    .from(events)
    .where(and(eq(events.visibility, 'public'), eq(events.kind, 'webinar'), gte(events.endsAt, since)))
    .orderBy(events.startsAt);
  return feedFromEvents(deps, 'Entraide — webinaires publics', list, () => false);
}

/** The token of a user's feed: an HMAC of (user, nonce), shown again at will, never stored in clear. */
const feedToken = (deps: Deps, userId: string, nonce: string) => sign(deps.config.sessionSecret, `events-feed:${userId}:${nonce}`);

async function ensureFeedToken(deps: Deps, userId: string, renew: boolean): Promise<string> {
  const [row] = await deps.db.select().from(eventFeedTokens).where(eq(eventFeedTokens.userId, userId));
  if (row && !renew) return feedToken(deps, userId, row.nonce);
  const nonce = randomToken();
  const token = feedToken(deps, userId, nonce);
  const values = { nonce, tokenHash: hashToken(token), createdAt: deps.clock.now() };
  await deps.db.insert(eventFeedTokens).values({ userId, ...values }).onConflictDoUpdate({ target: eventFeedTokens.userId, set: values });
  return token;
}

export const personalFeedUrl = (deps: Deps, token: string) => `${deps.config.baseUrl}/api/calendar/personal/${token}.ics`;

/** The personal feed's address (created on first use). */
export async function feedUrlOf(deps: Deps, user: AuthUser) {
  return personalFeedUrl(deps, await ensureFeedToken(deps, user.id, false));
}

/** A new secret address; the previous one stops working at once. */
export async function regenerateFeedUrl(deps: Deps, user: AuthUser) {
  return { feedUrl: personalFeedUrl(deps, await ensureFeedToken(deps, user.id, true)) };
}

/**
 * The personal feed: only the member's own places (cancelled events stay, marked CANCELLED, so
 * calendars remove them), and only those they may still see — a place in a cohort they were removed
 * from is gone, link included. An unknown token, or a disabled account's, answers 404 like any
 * unknown address.
 */
export async function personalFeed(deps: Deps, token: string) {
  const [row] = await deps.db.select({ userId: eventFeedTokens.userId }).from(eventFeedTokens).where(eq(eventFeedTokens.tokenHash, hashToken(token)));
  if (!row) return fail('NOT_FOUND');
  const owner = await authUserOf(deps.db, row.userId);
  if (!owner) return fail('NOT_FOUND');
  const viewer = await viewerOf(deps.db, owner);
  const mine = await rows<{ id: string }>(
    deps.db,
    sql`SELECT e.id FROM events e JOIN event_registrations r ON r.event_id = e.id AND r.user_id = ${owner.id} AND r.status = 'registered'
        WHERE ${visibleEventSql(viewer)}`,
  );
  const list = mine.length ? await deps.db.select().from(events).where(inArray(events.id, mine.map((m) => m.id))).orderBy(events.startsAt) : [];
  // Registered and still visible is exactly the policy's condition for the link (canSeeOnlineUrl).
  return ok(feedFromEvents(deps, 'Entraide — mes inscriptions', list, () => true));
}

/** My registrations (places and waitlist, upcoming then past) and my feed's address. */
export async function myRegistrations(deps: Deps, user: AuthUser) {
  const viewer = await viewerOf(deps.db, user);
  const now = deps.clock.now();
  const items = await summaries(
    deps.db,
    viewer,
    sql`EXISTS (SELECT 1 FROM event_registrations r WHERE r.event_id = e.id AND r.user_id = ${user.id} AND r.status <> 'cancelled')`,
    sql`e.ends_at <= ${now}, CASE WHEN e.ends_at > ${now} THEN e.starts_at END, e.starts_at DESC`,
  );
  return { feedUrl: await feedUrlOf(deps, user), items: items.map((i) => ({ ...i, my: i.my! })) };
}

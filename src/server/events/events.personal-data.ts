import { asc, eq, inArray, sql } from 'drizzle-orm';
import { personalData } from '../platform/personal-data.js';
import { eventExports, eventFeedTokens, eventRegistrations, events } from './events.tables.js';
import { promoteWaitlisted } from './registrations.service.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// Registrations and the personal calendar address are the member's: exported, then deleted. A place
// the member held in an upcoming event goes to the first person waiting, exactly as when a member
// cancels (same transaction, same e-mail). Events created and attendee lists exported stay, without who.
personalData.register({
  module: 'events',
  covers: ['event_registrations.user_id', 'event_feed_tokens.user_id', 'event_exports.exported_by', 'events.created_by'],
  async export({ userId, tx }) {
    const regs = await tx
      .select({ r: eventRegistrations, title: events.title, kind: events.kind, startsAt: events.startsAt, endsAt: events.endsAt })
      .from(eventRegistrations)
      .innerJoin(events, eq(events.id, eventRegistrations.eventId))
      .where(eq(eventRegistrations.userId, userId))
      .orderBy(asc(events.startsAt), asc(eventRegistrations.id));
    const [feed] = await tx.select({ createdAt: eventFeedTokens.createdAt }).from(eventFeedTokens).where(eq(eventFeedTokens.userId, userId));
    const exportsMade = await tx
      .select({ title: events.title, rowsCount: eventExports.rowsCount, createdAt: eventExports.createdAt })
      .from(eventExports)
      .innerJoin(events, eq(events.id, eventExports.eventId))
      .where(eq(eventExports.exportedBy, userId))
      .orderBy(asc(eventExports.createdAt));
    const created = await tx
      .select({ id: events.id, title: events.title, createdAt: events.createdAt })
      .from(events)
      .where(eq(events.createdBy, userId))
      .orderBy(asc(events.createdAt));
    return {
      registrations: regs.map(({ r, title, kind, startsAt, endsAt }) => ({
        eventId: r.eventId,
        title,
        kind,
        startsAt: iso(startsAt),
        endsAt: iso(endsAt),
        status: r.status,
        askedAt: iso(r.queuedAt),
        registeredAt: iso(r.registeredAt),
        cancelledAt: iso(r.cancelledAt),
      })),
      // The secret address itself is never stored (only its hash).
      personalCalendar: feed ? { createdAt: iso(feed.createdAt) } : null,
      attendeeListsExported: exportsMade.map((e) => ({ event: e.title, rowsCount: e.rowsCount, createdAt: iso(e.createdAt) })),
      eventsCreated: created.map((e) => ({ eventId: e.id, title: e.title, createdAt: iso(e.createdAt) })),
    };
  },
  async erase({ userId, tx, deps }) {
    const held = await tx
      .select({ eventId: eventRegistrations.eventId })
      .from(eventRegistrations)
      .where(sql`${eventRegistrations.userId} = ${userId} AND ${eventRegistrations.status} = 'registered'`);
    const eventIds = [...new Set(held.map((h) => h.eventId))].sort();
    // The events' row locks first, in a fixed order, as registering and cancelling take them.
    if (eventIds.length) await tx.select({ id: events.id }).from(events).where(inArray(events.id, eventIds)).orderBy(asc(events.id)).for('update');
    await tx.delete(eventRegistrations).where(eq(eventRegistrations.userId, userId));
    for (const eventId of eventIds) await promoteWaitlisted(deps, tx, eventId);
    await tx.delete(eventFeedTokens).where(eq(eventFeedTokens.userId, userId));
    await tx.update(eventExports).set({ exportedBy: null }).where(eq(eventExports.exportedBy, userId));
    await tx.update(events).set({ createdBy: null }).where(eq(events.createdBy, userId));
  },
});

import { asciiSlug } from '../../shared/slug.js';
import { spreadsheetCsv } from '../platform/csv.js';
import { desc, eq, sql } from 'drizzle-orm';
import { users } from '../accounts/accounts.tables.js';
import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { rows } from '../platform/db.js';
import { fail, ok } from '../platform/result.js';
import { eventExports, events } from './events.tables.js';

// The attendee list of an event for facilitators, its CSV export, and the trace of who exported it.

type RawAttendee = {
  user_id: string;
  first_name: string;
  last_name: string;
  email: string;
  organisations: string | null;
  status: 'registered' | 'waitlisted';
  position: number | null;
  queued_at: Date | string;
  registered_at: Date | string | null;
};

/** Registered members (by name), then the waitlist in order; the verified organisations of each. */
async function attendeeRows(deps: Deps, eventId: string) {
  const list = await rows<RawAttendee>(
    deps.db,
    sql`SELECT u.id AS user_id, u.first_name, u.last_name, u.email,
          (SELECT string_agg(o.name, ', ' ORDER BY o.name) FROM memberships m JOIN organisations o ON o.id = m.organisation_id
            WHERE m.user_id = u.id AND m.status = 'verified') AS organisations,
          r.status, r.queued_at, r.registered_at,
          CASE WHEN r.status = 'waitlisted' THEN row_number() OVER (PARTITION BY r.status ORDER BY r.queued_at, r.id) END AS position
        FROM event_registrations r JOIN users u ON u.id = r.user_id
        WHERE r.event_id = ${eventId} AND r.status IN ('registered', 'waitlisted')
        ORDER BY r.status, CASE WHEN r.status = 'registered' THEN lower(u.last_name) END, CASE WHEN r.status = 'registered' THEN lower(u.first_name) END, r.queued_at, r.id`,
  );
  return list.map((r) => ({
    userId: r.user_id,
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email,
    organisations: r.organisations ?? '',
    status: r.status,
    waitlistPosition: r.position === null ? null : Number(r.position),
    registeredAt: new Date(r.registered_at ?? r.queued_at).toISOString(),
  }));
}

async function eventExists(deps: Deps, eventId: string) {
  const [e] = await deps.db.select({ id: events.id, title: events.title }).from(events).where(eq(events.id, eventId));
  return e ?? null;
}

/** The attendee list (facilitators). */
export async function attendees(deps: Deps, eventId: string) {
  if (!(await eventExists(deps, eventId))) return fail('EVENT_NOT_FOUND');
  return ok({ items: await attendeeRows(deps, eventId) });
}

const parisDateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });

/**
 * The attendee list as CSV for spreadsheet software used in France: UTF-8 with a BOM, ';' between
 * fields, CRLF lines. Each export is traced (who, when, how many rows) for admins.
 */
export async function exportAttendeesCsv(deps: Deps, actor: AuthUser, eventId: string) {
  const event = await eventExists(deps, eventId);
  if (!event) return fail('EVENT_NOT_FOUND');
  const list = await attendeeRows(deps, eventId);
  const csv = spreadsheetCsv(
    [
      ['Nom', 'Prénom', 'Adresse e-mail', 'Organisations', 'Statut', "Position en liste d'attente", "Date d'inscription (heure de Paris)"],
      ...list.map((a) => [
        a.lastName,
        a.firstName,
        a.email,
        a.organisations,
        a.status === 'registered' ? 'Inscrit' : "Liste d'attente",
        a.waitlistPosition ?? '',
        parisDateTime.format(new Date(a.registeredAt)),
      ]),
    ],
  );
  await deps.db.insert(eventExports).values({ eventId, exportedBy: actor.id, rowsCount: list.length, createdAt: deps.clock.now() });
  deps.log.info({ eventId, exportedBy: actor.id, rows: list.length }, 'attendee list exported');
  const slug = asciiSlug(event.title, 60);
  return ok({ csv, filename: `participants-${slug || 'evenement'}.csv` });
}

/** Who exported this event's attendee list, newest first (admins). */
export async function exportsLog(deps: Deps, eventId: string) {
  if (!(await eventExists(deps, eventId))) return fail('EVENT_NOT_FOUND');
  const list = await deps.db
    .select({ id: eventExports.id, firstName: users.firstName, lastName: users.lastName, rowsCount: eventExports.rowsCount, createdAt: eventExports.createdAt })
    .from(eventExports)
    .leftJoin(users, eq(users.id, eventExports.exportedBy))
    .where(eq(eventExports.eventId, eventId))
    .orderBy(desc(eventExports.createdAt));
  return ok({
    items: list.map((x) => ({
      id: x.id,
      exportedBy: x.firstName ? `${x.firstName} ${x.lastName}` : null,
      rowsCount: x.rowsCount,
      createdAt: x.createdAt.toISOString(),
    })),
  });
}

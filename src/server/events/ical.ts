import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { ICalCalendar, ICalEventStatus, type ICalDateTimeValue } from 'ical-generator';

/**
 * The one iCalendar generator of the platform (docs/decisions/0011-events-and-icalendar.md): a single
 * event, the personal feed, the public feed, and any other list of events (a cohort's feed) all go
 * through `buildCalendar`.
 *
 * Times are written as Paris wall-clock times with TZID=Europe/Paris, and the calendar carries the
 * Europe/Paris VTIMEZONE (from @touch4it/ical-timezones), so a calendar shows "10 h, heure de Paris"
 * whatever the server's or the reader's zone. UID is stable (the event id), SEQUENCE is the event's
 * counter, STATUS is CANCELLED for a cancelled event.
 */
export const EVENT_TIME_ZONE = 'Europe/Paris';

/** What the generator needs of an event; the events module and any owner module can provide it. */
export type CalendarEvent = {
  id: string;
  title: string;
  /** Plain text (the Markdown source reads well as it is). */
  description: string;
  startsAt: Date;
  endsAt: Date;
  onlineUrl: string | null;
  place: string | null;
  status: 'scheduled' | 'cancelled';
  sequence: number;
  /** The event's page on the platform. */
  url: string;
  updatedAt: Date;
};

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: EVENT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The instant's date and time on a Paris wall clock (month 0-based, as Date getters give it). */
export function parisParts(instant: Date) {
  const p = Object.fromEntries(wallClock.formatToParts(instant).map((x) => [x.type, x.value]));
  return { year: Number(p.year), month: Number(p.month) - 1, day: Number(p.day), hour: Number(p.hour), minute: Number(p.minute), second: Number(p.second) };
}

/**
 * ical-generator formats a native Date in a named zone with the *process's* local getters, which is
 * right only when the process runs in that zone. It asks a zoned date (the shape of @date-fns/tz's
 * TZDate) for its wall clock instead: this is that shape, backed by Intl, so the output does not depend
 * on the server's TZ.
 */
class ParisDate extends Date {
  readonly internal: Date;
  constructor(instant: Date) {
    super(instant.getTime());
    this.internal = new Date(instant.getTime());
  }
  tzComponents() {
    return parisParts(this.internal);
  }
  withTimeZone() {
    const p = parisParts(this.internal);
    return {
      getFullYear: () => p.year,
      getMonth: () => p.month,
      getDate: () => p.day,
      getHours: () => p.hour,
      getMinutes: () => p.minute,
      getSeconds: () => p.second,
      // Read before the zone branch overrides them; unused for the output.
      getUTCFullYear: () => p.year,
      getUTCMonth: () => p.month,
      getUTCDate: () => p.day,
    };
  }
}

const vtimezone = getVtimezoneComponent(EVENT_TIME_ZONE);
if (!vtimezone) throw new Error(`no VTIMEZONE for ${EVENT_TIME_ZONE}`);

/**
 * Builds a VCALENDAR from any list of events. `uidDomain` makes UIDs globally unique and stable
 * (`<event id>@<domain>`).
 */
export function buildCalendar(input: { name: string; uidDomain: string; events: CalendarEvent[]; stamp?: Date; ttlSeconds?: number }): string {
  const cal = new ICalCalendar({
    prodId: { company: 'Entraide', product: 'Evenements', language: 'FR' },
    name: input.name,
    ...(input.ttlSeconds ? { ttl: input.ttlSeconds } : {}),
  });
  // The calendar's own zone stays unset so that DTSTAMP is written in UTC, as RFC 5545 requires;
  // each event carries TZID=Europe/Paris and the VTIMEZONE is inserted below.
  for (const e of input.events) {
    const location = [e.place, e.onlineUrl].filter(Boolean).join(' — ');
    cal.createEvent({
      id: `${e.id}@${input.uidDomain}`,
      sequence: e.sequence,
      stamp: input.stamp ?? e.updatedAt,
      lastModified: e.updatedAt,
      start: new ParisDate(e.startsAt) as unknown as ICalDateTimeValue,
      end: new ParisDate(e.endsAt) as unknown as ICalDateTimeValue,
      timezone: EVENT_TIME_ZONE,
      summary: e.status === 'cancelled' ? `[Annulé] ${e.title}` : e.title,
      description: [e.description.trim(), e.onlineUrl ? `Lien de connexion : ${e.onlineUrl}` : '', `Page de l'événement : ${e.url}`]
        .filter(Boolean)
        .join('\n\n'),
      location: location || null,
      url: e.url,
      status: e.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  const text = cal.toString();
  const block = vtimezone!.replace(/\r?\n/g, '\r\n').replace(/(\r\n)?$/, '\r\n');
  const at = text.indexOf('BEGIN:VEVENT');
  const insertAt = at >= 0 ? at : text.indexOf('END:VCALENDAR');
  return text.slice(0, insertAt) + block + text.slice(insertAt);
}

import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { ICalCalendar, ICalEventStatus, type ICalDateTimeValue } from 'ical-generator';
import { markdownToText } from '../helpspace/posts/markdown.js';

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
  /** Markdown: written as plain text (markdownToText, paragraphs kept). */
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

/**
 * Control characters (C0 but tab and line feed, DEL, C1) and the Unicode line and paragraph
 * separators: never meaningful in a calendar, and some readers treat them as line ends.
 */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/g;

/**
 * Text of a single-line property (calendar name, summary, location, URL, UID): a line break would end
 * the property and let the rest of the text be read as new properties or events (iCalendar
 * injection), so breaks and control characters become spaces. ical-generator 10 escapes most text
 * properties but writes NAME and X-WR-CALNAME raw, hence this one gate for every text.
 */
export const icsLine = (s: string): string => s.replace(/\r\n|[\r\n\t]/g, ' ').replace(CONTROL, ' ');

/** Text of a multi-line property (description): line feeds stay (the generator escapes them as \n), the rest goes. */
export const icsText = (s: string): string => s.replace(/\r\n?/g, '\n').replace(CONTROL, ' ');

/** A URI: no whitespace nor control character can be part of it. */
const icsUri = (s: string): string => s.replace(/[\s\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, '');

const vtimezone = getVtimezoneComponent(EVENT_TIME_ZONE);
if (!vtimezone) throw new Error(`no VTIMEZONE for ${EVENT_TIME_ZONE}`);

/**
 * Builds a VCALENDAR from any list of events. `uidDomain` makes UIDs globally unique and stable
 * (`<event id>@<domain>`).
 */
export function buildCalendar(input: { name: string; uidDomain: string; events: CalendarEvent[]; stamp?: Date; ttlSeconds?: number }): string {
  // Every text below comes from people (cohort names, titles, places, descriptions) or the database:
  // each goes through icsLine / icsText / icsUri, whether or not the generator escapes that property.
  const cal = new ICalCalendar({
    prodId: { company: 'Entraide', product: 'Evenements', language: 'FR' },
    name: icsLine(input.name),
    ...(input.ttlSeconds ? { ttl: input.ttlSeconds } : {}),
  });
  // The calendar's own zone stays unset so that DTSTAMP is written in UTC, as RFC 5545 requires;
  // each event carries TZID=Europe/Paris and the VTIMEZONE is inserted below.
  for (const e of input.events) {
    const onlineUrl = e.onlineUrl ? icsUri(e.onlineUrl) : '';
    const location = [e.place ? icsLine(e.place) : '', onlineUrl].filter(Boolean).join(' — ');
    const summary = icsLine(e.title);
    cal.createEvent({
      id: icsLine(`${e.id}@${input.uidDomain}`),
      sequence: e.sequence,
      stamp: input.stamp ?? e.updatedAt,
      lastModified: e.updatedAt,
      start: new ParisDate(e.startsAt) as unknown as ICalDateTimeValue,
      end: new ParisDate(e.endsAt) as unknown as ICalDateTimeValue,
      timezone: EVENT_TIME_ZONE,
      summary: e.status === 'cancelled' ? `[Annulé] ${summary}` : summary,
      description: [icsText(markdownToText(e.description, { layout: 'paragraphs' })).trim(), onlineUrl ? `Lien de connexion : ${onlineUrl}` : '', `Page de l'événement : ${icsUri(e.url)}`]
        .filter(Boolean)
        .join('\n\n'),
      location: location || null,
      url: icsUri(e.url),
      status: e.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  const text = cal.toString();
  const block = vtimezone!.replace(/\r?\n/g, '\r\n').replace(/(\r\n)?$/, '\r\n');
  // Before the first component line: a whole line (a folded line starts with a space), never the same
  // words inside a text value.
  const at = text.indexOf('\r\nBEGIN:VEVENT\r\n');
  const insertAt = (at >= 0 ? at : text.lastIndexOf('\r\nEND:VCALENDAR')) + 2;
  return text.slice(0, insertAt) + block + text.slice(insertAt);
}

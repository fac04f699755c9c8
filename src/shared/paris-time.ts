// Paris wall-clock times ⇄ instants, with the runtime's time-zone data (Intl): no dependency, no fixed
// offset. Events are entered and shown in Europe/Paris and stored as timestamptz; digests and summary
// sheets go out at a Paris hour whatever the daylight saving time. Shared by the server and the web app.

export const PARIS = 'Europe/Paris';

const fmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "YYYY-MM-DDTHH:MM" as read on a Paris clock at that instant (the value of an <input type="datetime-local">). */
export function toParisLocal(instant: Date): string {
  const p = Object.fromEntries(fmt.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

export const PARIS_LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The instant a Paris clock shows "YYYY-MM-DDTHH:MM", or null when that time does not exist there
 * (the hour skipped in March) or the text is not such a time. In the hour repeated in October the
 * first one (summer time) is taken.
 */
export function fromParisLocal(local: string): Date | null {
  const m = PARIS_LOCAL_PATTERN.exec(local);
  if (!m) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(asUtc)) return null;
  // Paris is UTC+1 or UTC+2: try summer time first, so the repeated October hour resolves to the first one.
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(asUtc - offsetHours * 3600_000);
    if (toParisLocal(candidate) === local) return candidate;
  }
  return null;
}

const wallParts = new Intl.DateTimeFormat('en-US', {
  timeZone: PARIS,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** A calendar day; month 1–12, weekday 0 (Sunday) – 6. */
export type CalendarDay = { year: number; month: number; day: number; weekday: number };

function wall(t: Date) {
  const p = Object.fromEntries(wallParts.formatToParts(t).map((x) => [x.type, Number(x.value)])) as Record<string, number>;
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

const dayOf = (year: number, month: number, day: number): CalendarDay => {
  const d = new Date(Date.UTC(year, month - 1, day));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
};

/** The day it is in Paris at instant `t`. */
export function parisCalendarDay(t: Date): CalendarDay {
  const w = wall(t);
  return dayOf(w.year, w.month, w.day);
}

export const nextCalendarDay = (d: CalendarDay): CalendarDay => dayOf(d.year, d.month, d.day + 1);

/** Paris's offset from UTC at instant `t`, in ms (1 h in winter, 2 h in summer). */
function offsetAt(t: number): number {
  const w = wall(new Date(t));
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(t / 1000) * 1000;
}

/** The instant when clocks in Paris show `hour`:00 on `day` (an hour skipped in spring resolves to the instant after). */
export function parisWallTime(day: CalendarDay, hour: number): Date {
  const asUtc = Date.UTC(day.year, day.month - 1, day.day, hour);
  // The offset at the guess may differ from the offset at the answer across a change: check once more.
  const first = asUtc - offsetAt(asUtc);
  return new Date(asUtc - offsetAt(first));
}

/** The first `hour`:00 in Paris strictly after `after`: the same morning when it is not yet that hour, else the next day's. */
export function nextParisMorning(after: Date, hour = 9): Date {
  const today = parisCalendarDay(after);
  const sameDay = parisWallTime(today, hour);
  return sameDay.getTime() > after.getTime() ? sameDay : parisWallTime(nextCalendarDay(today), hour);
}

const DAY_MS = 86_400_000;
const dayMs = (ymd: string) => Date.parse(`${ymd}T00:00:00Z`);

/** Calendar days from `from` to `to` (YYYY-MM-DD), negative when `to` comes first. */
export const daysBetween = (from: string, to: string): number => Math.round((dayMs(to) - dayMs(from)) / DAY_MS);

/** The day `days` calendar days after `ymd` (YYYY-MM-DD). */
export const addDays = (ymd: string, days: number): string => new Date(dayMs(ymd) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * A calendar date "YYYY-MM-DD" plus whole months, the day kept or brought back to the month's last
 * (31 August + 6 months → 28 or 29 February): the « six mois après la fin » of a cohort.
 */
export function addMonthsToDate(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

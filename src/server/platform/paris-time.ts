/**
 * Wall-clock time in Europe/Paris (French users' time, summer and winter), from the platform's UTC
 * instants, with the runtime's time-zone data (Intl): no library, no fixed offset.
 */
const ZONE = 'Europe/Paris';
const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
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
  const p = Object.fromEntries(parts.formatToParts(t).map((x) => [x.type, Number(x.value)])) as Record<string, number>;
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

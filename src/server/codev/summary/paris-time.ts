// Wall-clock time in Europe/Paris, for "the next morning at 9:00" whatever the daylight saving time.

const TZ = 'Europe/Paris';
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The Paris calendar date and time of an instant. */
function parisFields(d: Date) {
  const f = Object.fromEntries(parts.formatToParts(d).map((p) => [p.type, p.value]));
  return { y: Number(f.year), m: Number(f.month), d: Number(f.day), h: Number(f.hour), min: Number(f.minute), s: Number(f.second) };
}

/** Minutes Paris is ahead of UTC at an instant (60 in winter, 120 in summer). */
function offsetMinutes(at: Date): number {
  const p = parisFields(at);
  return Math.round((Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The instant of a Paris wall-clock time (hours outside the DST gap). */
export function parisWallTime(y: number, m: number, d: number, h: number, min = 0): Date {
  const asUtc = Date.UTC(y, m - 1, d, h, min);
  // The offset at the guess can differ from the one at the answer around a change: correct once more.
  let t = asUtc - offsetMinutes(new Date(asUtc)) * 60_000;
  t = asUtc - offsetMinutes(new Date(t)) * 60_000;
  return new Date(t);
}

/** The first 9:00 in Paris strictly after `after`: the next morning, or the same morning after midnight. */
export function nextParisMorning(after: Date, hour = 9): Date {
  const p = parisFields(after);
  const sameDay = parisWallTime(p.y, p.m, p.d, hour);
  if (sameDay.getTime() > after.getTime()) return sameDay;
  const next = new Date(Date.UTC(p.y, p.m - 1, p.d + 1));
  return parisWallTime(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), hour);
}

// Paris wall-clock times ⇄ instants, with Intl only (no dependency): events are entered and shown in
// Europe/Paris and stored as timestamptz. Shared by the events contract, the server and the web app.

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

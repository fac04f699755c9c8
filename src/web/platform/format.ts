// French formats (DESIGN §6): numbers grouped with a narrow no-break space, dates in Europe/Paris.

const numberFmt = new Intl.NumberFormat('fr-FR');
const euroFmt = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const dateFmt = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
const dateTimeFmt = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
/** A calendar date (YYYY-MM-DD) has no time zone: format it as written. */
const calendarFmt = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

export const formatNumber = (n: number) => numberFmt.format(n);
export const formatEuros = (n: number) => euroFmt.format(n);

/** An instant (ISO timestamp) as a date in Paris. */
export const formatDate = (iso: string) => dateFmt.format(new Date(iso));
export const formatDateTime = (iso: string) => dateTimeFmt.format(new Date(iso));

/** A calendar date YYYY-MM-DD, e.g. "25 octobre 2023". */
export function formatCalendarDate(ymd: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return ymd;
  return calendarFmt.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

/** Today in Paris as YYYY-MM-DD. */
export const todayInParis = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

/** SIREN grouped by three digits, as printed on official documents. */
export const formatSiren = (s: string) => (/^\d{9}$/.test(s) ? `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6)}` : s);

/** An amount to edit, grouped with plain spaces (easy to retype): "52 000 000". */
export const groupDigits = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

/** Parses an amount typed in French ("52 000 000", "52000000 €"): null when empty, NaN when not a number. */
export function parseAmount(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(/,00$/, '');
  if (cleaned === '') return null;
  return /^\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

/** « 1,2 Mo », « 340 ko »: sizes as French readers write them. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
  return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('fr-FR')} ko`;
}

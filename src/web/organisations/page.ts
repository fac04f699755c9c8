import { obligationQuery } from '../../server/organisations/organisations.contract';

/*
 * What the browser and the server both need about an organisation's page, without React or React
 * Query: the server renders the page (organisation-page.routes.tsx) and must not load the web app's
 * libraries at start (docs/performance.md, start to ready).
 */

/** The cache key of an organisation's page. */
export const organisationKey = (id: string) => ['organisation', id] as const;

/** What the person asked of the verdict: the rule's date and the judged year (both optional). */
export type VerdictAsked = { date: string | null; year: number | null };

/** The verdict's date and year as the address gives them (`?date=AAAA-MM-JJ&annee=AAAA`), invalid ones ignored. */
export function verdictAskedFrom(sp: URLSearchParams): VerdictAsked {
  const rawDate = sp.get('date');
  const rawYear = sp.get('annee');
  const date = rawDate && obligationQuery.safeParse({ date: rawDate }).success ? rawDate : null;
  const year = rawYear ? obligationQuery.safeParse({ year: rawYear }) : null;
  return { date, year: year?.success && year.data.year !== undefined ? year.data.year : null };
}

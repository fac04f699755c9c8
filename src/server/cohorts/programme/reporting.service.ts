import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { isStaff, type AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { safeEqual, sign } from '../../platform/tokens.js';
import { paths } from '../../../web/paths.js';
import type { Table } from '../../observatory/exports.js';
import { organisationKindLabels } from '../../organisations/organisations.contract.js';
import { organisations } from '../../organisations/organisations.tables.js';
import { events } from '../../events/events.tables.js';
import { spaserStatusLabels } from '../../spaser/spaser-status.contract.js';
import { regionNames } from '../../../shared/fields.js';
import { cohortAttendance, cohorts } from '../cohorts.tables.js';
import { outcomeCategoryLabels } from './outcomes.contract.js';
import { editionOutcome, median } from './outcomes.service.js';
import type { ReportTable } from './reporting.contract.js';

// Programme reporting across editions (issue 23, item 8), for the programme's team: each edition's
// participants, attendance, intention and observed adoptions (the one computation of outcomes.service.ts),
// and who took part by organisation kind and région. Cohorts still taking applications have no figures yet.

/** Sessions that count for attendance: a sponsor's office hours are bookings, not sessions one can miss. */
const NOT_A_SESSION = 'office_hours' as const;

async function attendanceOf(deps: Deps, cohortId: string) {
  const [r] = await deps.db
    .select({ present: sql<number>`count(*) FILTER (WHERE ${cohortAttendance.present})::int`, marked: sql<number>`count(*)::int` })
    .from(cohortAttendance)
    .innerJoin(events, eq(events.id, cohortAttendance.eventId))
    .where(and(eq(events.ownerKind, 'cohort'), eq(events.ownerId, cohortId), ne(events.kind, NOT_A_SESSION)));
  return { present: Number(r?.present ?? 0), marked: Number(r?.marked ?? 0) };
}

const share = (n: number, of: number) => (of ? n / of : null);

async function buildReport(deps: Deps) {
  const now = deps.clock.now();
  const list = await deps.db.select().from(cohorts).where(ne(cohorts.status, 'candidatures_ouvertes')).orderBy(asc(cohorts.startsOn), asc(cohorts.edition));
  const editions = [];
  const perOrganisation: { edition: number; cohortName: string; organisationId: string; organisationName: string; status: string; adoptedOn: string | null; category: string; daysFromStart: number | null }[] = [];
  const people = new Set<string>();
  for (const c of list) {
    const outcome = await editionOutcome(deps.db, c, now);
    for (const id of outcome.participantIds) people.add(id);
    const attendance = await attendanceOf(deps, c.id);
    const published = outcome.rows.filter((r) => r.status === 'published' && (r.category === 'within_six_months' || r.category === 'later')).length;
    editions.push({
      id: c.id,
      name: c.name,
      edition: c.edition,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      status: c.status,
      copiedFromId: c.copiedFromId,
      participants: outcome.participantIds.length,
      organisations: outcome.organisations,
      attendance: { ...attendance, rate: share(attendance.present, attendance.marked) },
      intended: outcome.intended ? { yes: outcome.intended.yes, of: outcome.intended.of, share: outcome.intended.share } : null,
      observed: outcome.observed,
      windowEndsOn: outcome.windowEndsOn,
      windowClosed: outcome.windowClosed,
      published,
      medianDaysToAdoption: outcome.medianDaysToAdoption,
    });
    for (const r of outcome.rows)
      perOrganisation.push({ edition: c.edition, cohortName: c.name, organisationId: r.organisationId, organisationName: r.organisationName, status: r.status, adoptedOn: r.adoptedOn, category: r.category, daysFromStart: r.daysFromStart });
  }
  const orgIds = [...new Set(perOrganisation.map((r) => r.organisationId))];
  const orgs = orgIds.length ? await deps.db.select({ id: organisations.id, kind: organisations.kind, regionCode: organisations.regionCode }).from(organisations).where(inArray(organisations.id, orgIds)) : [];
  const byKind = new Map<string, number>();
  const byRegion = new Map<string, number>();
  for (const o of orgs) {
    byKind.set(o.kind, (byKind.get(o.kind) ?? 0) + 1);
    const region = o.regionCode ?? '';
    byRegion.set(region, (byRegion.get(region) ?? 0) + 1);
  }
  const kindOf = new Map(orgs.map((o) => [o.id, o]));
  const totalsAdopted = editions.reduce((n, e) => n + e.observed.adopted, 0);
  const totalsOf = editions.reduce((n, e) => n + e.observed.of, 0);
  return {
    editions,
    totals: {
      editions: editions.length,
      participants: people.size,
      organisations: orgIds.length,
      observed: { adopted: totalsAdopted, of: totalsOf, share: share(totalsAdopted, totalsOf) },
      medianDaysToAdoption: median(perOrganisation.flatMap((r) => (r.category === 'within_six_months' ? [r.daysFromStart!] : []))),
    },
    byKind: [...byKind].map(([kind, count]) => ({ kind, label: organisationKindLabels[kind as keyof typeof organisationKindLabels] ?? kind, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr')),
    byRegion: [...byRegion]
      .map(([code, count]) => ({ code, label: code ? (regionNames[code] ?? code) : 'Région non renseignée', count }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr')),
    rows: perOrganisation.map((r) => {
      const o = kindOf.get(r.organisationId);
      return { ...r, kind: o?.kind ?? null, regionCode: o?.regionCode ?? null };
    }),
  };
}

export type ProgrammeReport = Awaited<ReturnType<typeof buildReport>>;

/** The report, for the programme's team (facilitators and administrators). */
export async function programmeReport(deps: Deps, user: AuthUser): Promise<Result<ProgrammeReport>> {
  if (!isStaff(user)) return fail('PROGRAMME_REPORT_FORBIDDEN');
  return ok(await buildReport(deps));
}

// Partners of the programme (the CGDD, a regional network…) have no account role of their own: the team
// gives them a read-only link to the report, signed with the server secret and valid for a chosen number
// of days. Nothing is stored; a link cannot be withdrawn before it expires, which is why it is short-lived.
const shareSignature = (deps: Deps, expires: number) => sign(deps.config.sessionSecret, `programme-report:${expires}`);

/** A read-only link to the report, valid `days` days (the programme team). */
export async function shareReport(deps: Deps, user: AuthUser, days: number): Promise<Result<{ url: string; expiresAt: string }>> {
  if (!isStaff(user)) return fail('PROGRAMME_REPORT_FORBIDDEN');
  const expires = deps.clock.now().getTime() + days * 86_400_000;
  const token = `${expires.toString(36)}.${shareSignature(deps, expires)}`;
  return ok({ url: `${deps.config.baseUrl}${paths.cohortsReportShared(token)}`, expiresAt: new Date(expires).toISOString() });
}

/** Whether a shared link is genuine and still valid: tampered or unknown → 404, expired → 410. */
function checkShare(deps: Deps, token: string): Result<true> {
  const [stamp = '', signature = ''] = token.split('.');
  const expires = parseInt(stamp, 36);
  if (!Number.isFinite(expires) || !safeEqual(signature, shareSignature(deps, expires))) return fail('PROGRAMME_REPORT_LINK_UNKNOWN');
  if (deps.clock.now().getTime() > expires) return fail('PROGRAMME_REPORT_LINK_EXPIRED');
  return ok(true);
}

/** The report through a shared link (no account needed). */
export async function sharedReport(deps: Deps, token: string): Promise<Result<ProgrammeReport>> {
  const valid = checkShare(deps, token);
  if (!valid.ok) return valid;
  return ok(await buildReport(deps));
}

/** One table of the report for the CSV / XLSX exports (observatory/exports.ts writes both from it). */
export async function programmeReportTable(deps: Deps, user: AuthUser, table: ReportTable): Promise<Result<Table>> {
  return reportTable(await programmeReport(deps, user), table);
}

/** The same table through a shared link. */
export async function sharedReportTable(deps: Deps, token: string, table: ReportTable): Promise<Result<Table>> {
  return reportTable(await sharedReport(deps, token), table);
}

function reportTable(report: Result<ProgrammeReport>, table: ReportTable): Result<Table> {
  if (!report.ok) return report;
  const r = report.value;
  if (table === 'editions')
    return ok({
      name: 'Éditions',
      title: 'bilan-programme-editions',
      columns: [
        { key: 'edition', header: 'Édition', type: 'int' },
        { key: 'name', header: 'Promotion', type: 'text' },
        { key: 'startsOn', header: 'Début', type: 'text' },
        { key: 'endsOn', header: 'Fin', type: 'text' },
        { key: 'participants', header: 'Participants', type: 'int' },
        { key: 'organisations', header: 'Organisations', type: 'int' },
        { key: 'attendance', header: 'Présence aux séances', type: 'share' },
        { key: 'intended', header: 'Prévoient de publier dans les six mois', type: 'share' },
        { key: 'observedAdopted', header: 'Ont adopté dans les six mois', type: 'int' },
        { key: 'observedOf', header: 'Organisations venues sans SPASER en vigueur', type: 'int' },
        { key: 'observed', header: 'Part ayant adopté dans les six mois', type: 'share' },
        { key: 'published', header: 'SPASER publiés depuis le début', type: 'int' },
        { key: 'median', header: "Délai médian jusqu'à l'adoption (jours)", type: 'int' },
        { key: 'window', header: 'Fenêtre de six mois', type: 'text' },
      ],
      rows: r.editions.map((e) => ({
        edition: e.edition,
        name: e.name,
        startsOn: e.startsOn,
        endsOn: e.endsOn,
        participants: e.participants,
        organisations: e.organisations,
        attendance: e.attendance.rate,
        intended: e.intended?.share ?? null,
        observedAdopted: e.observed.adopted,
        observedOf: e.observed.of,
        observed: e.observed.share,
        published: e.published,
        median: e.medianDaysToAdoption,
        window: e.windowClosed ? `close le ${e.windowEndsOn}` : `ouverte jusqu'au ${e.windowEndsOn}`,
      })),
    });
  return ok({
    name: 'Organisations',
    title: 'bilan-programme-organisations',
    columns: [
      { key: 'edition', header: 'Édition', type: 'int' },
      { key: 'organisation', header: 'Organisation', type: 'text' },
      { key: 'kind', header: 'Type', type: 'text' },
      { key: 'region', header: 'Région', type: 'text' },
      { key: 'status', header: 'Statut du SPASER', type: 'text' },
      { key: 'adoptedOn', header: "Date d'adoption", type: 'text' },
      { key: 'category', header: 'Résultat', type: 'text' },
      { key: 'days', header: 'Jours depuis le début', type: 'int' },
    ],
    rows: r.rows.map((x) => ({
      edition: x.edition,
      organisation: x.organisationName,
      kind: x.kind ? (organisationKindLabels[x.kind as keyof typeof organisationKindLabels] ?? x.kind) : null,
      region: x.regionCode ? (regionNames[x.regionCode] ?? x.regionCode) : null,
      status: spaserStatusLabels[x.status as keyof typeof spaserStatusLabels],
      adoptedOn: x.adoptedOn,
      category: outcomeCategoryLabels[x.category as keyof typeof outcomeCategoryLabels],
      days: x.daysFromStart,
    })),
  });
}

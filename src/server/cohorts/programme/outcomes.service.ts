import { and, count, eq } from 'drizzle-orm';
import { spreadsheetCsv } from '../../platform/csv.js';
import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import type { Db, Tx } from '../../platform/db.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { spaserStatusLabels, spaserStatusSourceLabels, type SpaserStatusKey, type SpaserStatusSource } from '../../spaser/spaser-status.contract.js';
import { spaserStatusesOf } from '../../spaser/spaser-status.js';
import { addMonthsToDate, daysBetween, toParisLocal } from '../../../shared/paris-time.js';
import { canManageCohort } from '../cohorts.policy.js';
import { cohortRole, listCohortMembers, loadCohort, type CohortMember, type CohortRow } from '../cohorts.service.js';
import { cohortSurveys, surveyResponses } from '../cohorts.tables.js';
import { FOLLOWUP_MONTHS, headlineFigures } from '../surveys/surveys.service.js';
import { outcomeCategoryLabels, type OutcomeCategory } from './outcomes.contract.js';

// The observed outcome of an edition (issue 23, item 7): for each participating organisation, whether a
// SPASER was adopted since the cohort started, read from the one SPASER status (ADR 0025: the builder's
// schéma or a declaration of one adopted elsewhere, with its adoption date) — never from what people
// said they would do. The intention (« prévoient de publier », a survey's headline figure) is shown beside it.

/** A schéma counts as adopted from « adopté » on; « en révision » keeps the former one in force. */
const IN_FORCE: ReadonlySet<SpaserStatusKey> = new Set(['adopted', 'published', 'in_revision']);


/**
 * Where an organisation stands against the edition's dates: already adopted before the start (it came
 * to revise or to implement), adopted from the start to six months after the end, adopted later, or not yet.
 */
export function outcomeCategory(adoptedOn: string | null, status: SpaserStatusKey, cohort: Pick<CohortRow, 'startsOn' | 'endsOn'>): OutcomeCategory {
  if (!adoptedOn || !IN_FORCE.has(status)) return 'not_yet';
  if (adoptedOn < cohort.startsOn) return 'before_start';
  return adoptedOn <= addMonthsToDate(cohort.endsOn, FOLLOWUP_MONTHS) ? 'within_six_months' : 'later';
}

export type OutcomeRow = {
  organisationId: string;
  organisationName: string;
  participants: string[];
  status: SpaserStatusKey;
  source: SpaserStatusSource;
  adoptedOn: string | null;
  category: OutcomeCategory;
  // Days from the cohort's start to the adoption, for adoptions since the start.
  daysFromStart: number | null;
};

async function outcomeRows(db: Db | Tx, cohort: CohortRow, members: CohortMember[]): Promise<OutcomeRow[]> {
  const participants = members.filter((m) => m.organisationId);
  const statuses = await spaserStatusesOf(db, participants.map((p) => p.organisationId!));
  const byOrganisation = new Map<string, OutcomeRow>();
  for (const p of participants) {
    const id = p.organisationId!;
    const row = byOrganisation.get(id);
    if (row) {
      row.participants.push(`${p.firstName} ${p.lastName}`);
      continue;
    }
    const s = statuses.get(id) ?? { status: 'unknown' as const, source: 'statement' as const, adoptedOn: null };
    const category = outcomeCategory(s.adoptedOn, s.status, cohort);
    byOrganisation.set(id, {
      organisationId: id,
      organisationName: p.organisationName ?? '',
      participants: [`${p.firstName} ${p.lastName}`],
      status: s.status,
      source: s.source,
      adoptedOn: s.adoptedOn,
      category,
      daysFromStart: category === 'within_six_months' || category === 'later' ? daysBetween(cohort.startsOn, s.adoptedOn!) : null,
    });
  }
  return [...byOrganisation.values()].sort((a, b) => a.organisationName.localeCompare(b.organisationName, 'fr'));
}

/** The middle value (mean of the two middle ones for an even count), null for none. */
export const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** The edition's figures: intended (survey) and observed (SPASER status) side by side, and the follow-up questionnaire. */
export async function editionOutcome(db: Db | Tx, cohort: CohortRow, now: Date) {
  const members = await listCohortMembers(db, cohort.id, { roles: ['participant'] });
  const rows = await outcomeRows(db, cohort, members);
  const counts = { before_start: 0, within_six_months: 0, later: 0, not_yet: 0 } satisfies Record<OutcomeCategory, number>;
  for (const r of rows) counts[r.category] += 1;
  const windowEndsOn = addMonthsToDate(cohort.endsOn, FOLLOWUP_MONTHS);
  // Those who came without a SPASER in force: the ones the programme could help to adopt one.
  const without = rows.length - counts.before_start;
  const intended = (await headlineFigures(db, cohort.id)).find((h) => h.key === 'publish_within_6_months')!;
  const [followup] = await db.select().from(cohortSurveys).where(and(eq(cohortSurveys.cohortId, cohort.id), eq(cohortSurveys.phase, 'followup')));
  const followupAnswers = followup ? Number((await db.select({ n: count() }).from(surveyResponses).where(eq(surveyResponses.surveyId, followup.id)))[0]!.n) : 0;
  return {
    cohort: { id: cohort.id, name: cohort.name, edition: cohort.edition, startsOn: cohort.startsOn, endsOn: cohort.endsOn, status: cohort.status },
    windowEndsOn,
    // Until six months after the end, the observed figure can still grow: it is provisional.
    windowClosed: toParisLocal(now).slice(0, 10) > windowEndsOn,
    organisations: rows.length,
    counts,
    observed: { adopted: counts.within_six_months, of: without, share: without ? counts.within_six_months / without : null },
    intended: intended.mapped ? { yes: intended.yes, of: intended.of, share: intended.share, questionLabel: intended.questionLabel } : null,
    medianDaysToAdoption: median(rows.flatMap((r) => (r.category === 'within_six_months' ? [r.daysFromStart!] : []))),
    followup: followup ? { id: followup.id, title: followup.title, opensAt: followup.opensAt.toISOString(), closesAt: followup.closesAt.toISOString(), answers: followupAnswers } : null,
    rows,
    // Every participant, with an organisation or not (the programme report counts people across editions).
    participantIds: members.map((m) => m.userId),
  };
}

export type EditionOutcome = Awaited<ReturnType<typeof editionOutcome>>;

/**
 * The outcome page's data. Facilitators and staff see each organisation; sponsors the figures only (the
 * issue's « summary, not individual » rule for them); participants and outsiders get 404 (nothing learnt).
 */
export async function cohortOutcome(deps: Deps, user: AuthUser, cohortId: string): Promise<Result<Omit<EditionOutcome, 'participantIds'> & { detailed: boolean }>> {
  const cohort = await loadCohort(deps.db, cohortId);
  if (!cohort) return fail('COHORT_NOT_FOUND');
  const role = await cohortRole(deps.db, cohortId, user.id);
  const manager = canManageCohort(user, role);
  if (!manager && role !== 'sponsor') return fail('COHORT_NOT_FOUND');
  // Who took part is not for this page's readers (sponsors among them): the rows say it to managers.
  const { participantIds: _people, ...outcome } = await editionOutcome(deps.db, cohort, deps.clock.now());
  return ok({ ...outcome, rows: manager ? outcome.rows : [], detailed: manager });
}

/** The per-organisation table as a spreadsheet (managers). */
export async function cohortOutcomeCsv(deps: Deps, user: AuthUser, cohortId: string): Promise<Result<{ csv: string; filename: string }>> {
  const data = await cohortOutcome(deps, user, cohortId);
  if (!data.ok) return data;
  if (!data.value.detailed) return fail('COHORT_NOT_FOUND');
  const header = ['Organisation', 'Participants', 'Statut du SPASER', 'Source', "Date d'adoption", 'Résultat', 'Jours depuis le début'];
  const lines = data.value.rows.map((r) => [
    r.organisationName,
    r.participants.join(', '),
    spaserStatusLabels[r.status],
    spaserStatusSourceLabels[r.source],
    r.adoptedOn ?? '',
    outcomeCategoryLabels[r.category],
    r.daysFromStart ?? '',
  ]);
  return ok({ csv: spreadsheetCsv([header, ...lines]), filename: `resultats-edition-${data.value.cohort.edition}.csv` });
}

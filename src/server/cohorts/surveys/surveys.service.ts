import { spreadsheetCsv } from '../../platform/csv.js';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { users } from '../../accounts/accounts.tables.js';
import { organisations } from '../../organisations/organisations.tables.js';
import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import type { Db, Tx } from '../../platform/db.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { addMonthsToDate, fromParisLocal, toParisLocal } from '../../../shared/paris-time.js';
import { formatCalendarDate as frenchDate } from '../../../web/platform/format.js';
import { paths } from '../../../web/paths.js';
import { headlineKeyValues, headlineLabels, type SurveyBody } from '../cohorts.contract.js';
import { surveyMails } from '../cohorts.messages.js';
import { canManageCohort } from '../cohorts.policy.js';
import { cohortRole, listCohortMembers, loadCohort, loadManagedCohort, loadMemberCohort, type CohortRow } from '../cohorts.service.js';
import {
  cohortMembers,
  cohortSurveys,
  surveyAnswers,
  surveyHeadlines,
  surveyQuestions,
  surveyResponses,
  type HeadlineKey,
} from '../cohorts.tables.js';

// Evaluations: questionnaires attached to a cohort at its start and at its end, answered once by
// each participant between their opening and closing; reminders to non-respondents are jobs;
// results per question, before/after, response rate, CSV export, and the two headline figures from
// the questions a facilitator maps to them (survey_headlines) — no question is wired in the code.

export const JOB_SURVEY_REMINDERS = 'cohorts.survey-reminders';
export const JOB_SURVEY_MAIL = 'cohorts.survey-mail';
const HOUR = 3600_000;
/** The reminder goes this long before closing (if the survey is open by then). */
export const REMINDER_BEFORE_CLOSE_MS = 48 * HOUR;
/** The follow-up questionnaire and the observed outcome look this many months past the cohort's end (issue 23, item 7). */
export const FOLLOWUP_MONTHS = 6;

type SurveyRow = typeof cohortSurveys.$inferSelect;
type QuestionRow = typeof surveyQuestions.$inferSelect;
type AnswerRow = typeof surveyAnswers.$inferSelect;
export type SurveyState = 'a_venir' | 'ouvert' | 'clos';

export const surveyState = (s: Pick<SurveyRow, 'opensAt' | 'closesAt'>, now: Date): SurveyState =>
  now < s.opensAt ? 'a_venir' : now >= s.closesAt ? 'clos' : 'ouvert';

const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
};

/** Normalised wording, to find the same question in the start survey. */
const sameQuestion = (a: Pick<QuestionRow, 'kind' | 'label'>, b: Pick<QuestionRow, 'kind' | 'label'>) =>
  a.kind === b.kind && a.label.trim().toLocaleLowerCase('fr') === b.label.trim().toLocaleLowerCase('fr');

async function loadSurvey(db: Db | Tx, surveyId: string) {
  const [survey] = await db.select().from(cohortSurveys).where(eq(cohortSurveys.id, surveyId));
  if (!survey) return null;
  const questions = await db.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, surveyId)).orderBy(asc(surveyQuestions.position));
  return { survey, questions };
}

/** The survey, its cohort and the user's role; outsiders get SURVEY_NOT_FOUND (nothing learnt). */
async function loadSurveyFor(deps: Deps, user: AuthUser, surveyId: string, need: 'member' | 'manager') {
  const loaded = await loadSurvey(deps.db, surveyId);
  if (!loaded) return fail('SURVEY_NOT_FOUND');
  const cohort = (await loadCohort(deps.db, loaded.survey.cohortId))!;
  const role = await cohortRole(deps.db, cohort.id, user.id);
  const manager = canManageCohort(user, role);
  if (need === 'manager' ? !manager : !manager && !role) return fail('SURVEY_NOT_FOUND');
  return ok({ ...loaded, cohort, role, manager });
}

function datesOf(body: Pick<SurveyBody, 'phase' | 'opensAt' | 'closesAt'>, cohort: Pick<CohortRow, 'endsOn'>): Result<{ opensAt: Date; closesAt: Date }> {
  const opensAt = fromParisLocal(body.opensAt);
  const closesAt = fromParisLocal(body.closesAt);
  const fields: Record<string, string> = {};
  if (!opensAt) fields.opensAt = "La date d'ouverture n'existe pas à Paris.";
  if (!closesAt) fields.closesAt = "La date de clôture n'existe pas à Paris.";
  if (opensAt && closesAt && closesAt <= opensAt) fields.closesAt = "La clôture doit suivre l'ouverture.";
  // The follow-up asks what happened after the cohort: it cannot open before the cohort has ended.
  if (opensAt && body.phase === 'followup' && body.opensAt.slice(0, 10) <= cohort.endsOn)
    fields.opensAt = `Le questionnaire de suivi s'ouvre après la fin de la promotion (${frenchDate(cohort.endsOn)}) ; six mois après, c'est le ${frenchDate(addMonthsToDate(cohort.endsOn, FOLLOWUP_MONTHS))}.`;
  if (Object.keys(fields).length) return fail('VALIDATION', fields);
  return ok({ opensAt: opensAt!, closesAt: closesAt! });
}

/** The invitation at opening and the reminder before closing, as jobs (they re-check everything when they run). */
export async function scheduleReminders(deps: Deps, tx: Tx, survey: Pick<SurveyRow, 'id' | 'opensAt' | 'closesAt'>) {
  const at = { opensAt: survey.opensAt.toISOString(), closesAt: survey.closesAt.toISOString() };
  await deps.jobs.enqueue(JOB_SURVEY_REMINDERS, { surveyId: survey.id, kind: 'open', ...at }, { runAt: survey.opensAt }, tx);
  const reminderAt = new Date(survey.closesAt.getTime() - REMINDER_BEFORE_CLOSE_MS);
  if (reminderAt > survey.opensAt) await deps.jobs.enqueue(JOB_SURVEY_REMINDERS, { surveyId: survey.id, kind: 'reminder', ...at }, { runAt: reminderAt }, tx);
}

async function writeQuestions(tx: Tx, surveyId: string, questions: SurveyBody['questions']) {
  await tx.insert(surveyQuestions).values(
    questions.map((q, i) => ({ surveyId, position: i + 1, kind: q.kind, label: q.label, options: q.kind === 'single' || q.kind === 'multiple' ? q.options : [], required: q.required })),
  );
}

/** Creates the start or end questionnaire of a cohort (managers). */
export async function createSurvey(deps: Deps, user: AuthUser, cohortId: string, body: SurveyBody): Promise<Result<{ id: string }>> {
  const loaded = await loadManagedCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  const dates = datesOf(body, loaded.value.cohort);
  if (!dates.ok) return dates;
  const [taken] = await deps.db.select({ id: cohortSurveys.id }).from(cohortSurveys).where(and(eq(cohortSurveys.cohortId, cohortId), eq(cohortSurveys.phase, body.phase)));
  if (taken) return fail('SURVEY_PHASE_TAKEN', { phase: 'Cette promotion a déjà ce questionnaire : modifiez-le.' });
  const now = deps.clock.now();
  try {
    return await deps.db.transaction(async (tx) => {
      const [survey] = await tx
        .insert(cohortSurveys)
        .values({ cohortId, phase: body.phase, title: body.title, intro: body.intro, ...dates.value, createdBy: user.id, createdAt: now, updatedAt: now })
        .returning();
      await writeQuestions(tx, survey!.id, body.questions);
      await scheduleReminders(deps, tx, survey!);
      return ok({ id: survey!.id });
    });
  } catch (e) {
    if (isUniqueViolation(e)) return fail('SURVEY_PHASE_TAKEN', { phase: 'Cette promotion a déjà ce questionnaire : modifiez-le.' });
    throw e;
  }
}

const LOCKED = 'Des participants ont déjà répondu : ';

/**
 * What an answered questionnaire may not change (ADR 0012): its dates, which questions it asks and in
 * what order, their kinds, how many choices they offer and whether they are required. Wording stays
 * editable. Returns the French message per field, or null when the edit is a wording fix.
 */
function lockedChanges(survey: SurveyRow, stored: QuestionRow[], body: SurveyBody, dates: { opensAt: Date; closesAt: Date }) {
  const fields: Record<string, string> = {};
  if (dates.opensAt.getTime() !== survey.opensAt.getTime()) fields.opensAt = `${LOCKED}la date d'ouverture ne change plus.`;
  if (dates.closesAt.getTime() !== survey.closesAt.getTime()) fields.closesAt = `${LOCKED}la date de clôture ne change plus.`;
  if (body.questions.length !== stored.length || body.questions.some((q, i) => q.id !== stored[i]!.id))
    fields.questions = `${LOCKED}on ne peut plus ajouter, retirer ni déplacer de question.`;
  else
    body.questions.forEach((q, i) => {
      const was = stored[i]!;
      if (q.kind !== was.kind) fields[`questions.${i}.kind`] = `${LOCKED}le type de la question ne change plus.`;
      else if ((q.kind === 'single' || q.kind === 'multiple') && q.options.length !== was.options.length)
        fields[`questions.${i}.options`] = `${LOCKED}gardez le même nombre de choix, dans le même ordre (leur formulation peut être corrigée).`;
      if (q.required !== was.required) fields[`questions.${i}.required`] = `${LOCKED}le caractère obligatoire de la question ne change plus.`;
    });
  return Object.keys(fields).length ? fields : null;
}

/**
 * Edits a questionnaire (managers). Until the first answer everything may change: dates, questions
 * added, removed, reordered, their kind and choices (questions keep their id, so a headline figure
 * stays mapped unless its question's kind or choices change). Once answered, wording fixes only
 * (lockedChanges). Nothing is written on any refusal.
 */
export async function updateSurvey(deps: Deps, user: AuthUser, surveyId: string, body: SurveyBody): Promise<Result<{ ok: true }>> {
  const loaded = await loadSurveyFor(deps, user, surveyId, 'manager');
  if (!loaded.ok) return loaded;
  const { survey } = loaded.value;
  if (body.phase !== survey.phase) return fail('VALIDATION', { phase: "On ne change pas l'étape d'un questionnaire : créez l'autre." });
  const dates = datesOf(body, loaded.value.cohort);
  if (!dates.ok) return dates;
  return deps.db.transaction(async (tx) => {
    // Locked: a response cannot arrive between the check below and the writes (submitResponse shares this lock).
    await tx.select({ id: cohortSurveys.id }).from(cohortSurveys).where(eq(cohortSurveys.id, surveyId)).for('update');
    const stored = await tx.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, surveyId)).orderBy(asc(surveyQuestions.position));
    const known = new Map(stored.map((q) => [q.id, q]));
    const seen = new Set<string>();
    for (const [i, q] of body.questions.entries()) {
      if (q.id && (!known.has(q.id) || seen.has(q.id))) return fail('VALIDATION', { [`questions.${i}.label`]: "Cette question n'appartient pas au questionnaire." });
      if (q.id) seen.add(q.id);
    }
    const [{ n }] = (await tx.select({ n: count() }).from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId))) as [{ n: number }];
    if (Number(n) > 0) {
      const locked = lockedChanges(survey, stored, body, dates.value);
      if (locked) return fail('SURVEY_ANSWERED_LOCKED', locked);
    }
    await tx.update(cohortSurveys).set({ title: body.title, intro: body.intro, ...dates.value, updatedAt: deps.clock.now() }).where(eq(cohortSurveys.id, surveyId));
    const gone = stored.filter((q) => !seen.has(q.id)).map((q) => q.id);
    if (gone.length) await tx.delete(surveyQuestions).where(inArray(surveyQuestions.id, gone));
    for (const [i, q] of body.questions.entries()) {
      const options = q.kind === 'single' || q.kind === 'multiple' ? q.options : [];
      const values = { position: i + 1, kind: q.kind, label: q.label, options, required: q.required };
      if (!q.id) {
        await tx.insert(surveyQuestions).values({ surveyId, ...values });
        continue;
      }
      const was = known.get(q.id)!;
      await tx.update(surveyQuestions).set(values).where(and(eq(surveyQuestions.id, q.id), eq(surveyQuestions.surveyId, surveyId)));
      // The "yes" answers of a headline figure are indexes into the choices: they lose their meaning.
      if (was.kind !== q.kind || was.options.length !== options.length) await tx.delete(surveyHeadlines).where(eq(surveyHeadlines.questionId, q.id));
    }
    if (dates.value.opensAt.getTime() !== survey.opensAt.getTime() || dates.value.closesAt.getTime() !== survey.closesAt.getTime())
      await scheduleReminders(deps, tx, { id: surveyId, ...dates.value });
    return ok({ ok: true as const });
  });
}

async function participantsCount(db: Db | Tx, cohortId: string) {
  const [{ n }] = (await db.select({ n: count() }).from(cohortMembers).where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.role, 'participant')))) as [{ n: number }];
  return Number(n);
}

/** The cohort's questionnaires for its members: state, whether I answered; respondents for managers. */
export async function listSurveys(deps: Deps, user: AuthUser, cohortId: string) {
  const loaded = await loadMemberCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  const manager = canManageCohort(user, loaded.value.role);
  const list = await deps.db.select().from(cohortSurveys).where(eq(cohortSurveys.cohortId, cohortId)).orderBy(asc(cohortSurveys.phase));
  const now = deps.clock.now();
  const items = [];
  for (const s of list) {
    const [{ q }] = (await deps.db.select({ q: count() }).from(surveyQuestions).where(eq(surveyQuestions.surveyId, s.id))) as [{ q: number }];
    const responses = await deps.db.select({ userId: surveyResponses.userId }).from(surveyResponses).where(eq(surveyResponses.surveyId, s.id));
    items.push({
      id: s.id,
      phase: s.phase,
      title: s.title,
      opensAt: s.opensAt.toISOString(),
      closesAt: s.closesAt.toISOString(),
      state: surveyState(s, now),
      questionsCount: Number(q),
      answered: responses.some((r) => r.userId === user.id),
      respondents: manager ? responses.length : null,
    });
  }
  return ok({ items, canManage: manager });
}

const answerOut = (a: AnswerRow) => ({ questionId: a.questionId, choices: a.choices, scale: a.scale, text: a.text });

/** A questionnaire for its cohort's members (and managers), with my own response. */
export async function getSurvey(deps: Deps, user: AuthUser, surveyId: string) {
  const loaded = await loadSurveyFor(deps, user, surveyId, 'member');
  if (!loaded.ok) return loaded;
  const { survey, questions, cohort, role, manager } = loaded.value;
  const now = deps.clock.now();
  const state = surveyState(survey, now);
  const [mine] = await deps.db.select().from(surveyResponses).where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.userId, user.id)));
  const myAnswers = mine ? await deps.db.select().from(surveyAnswers).where(eq(surveyAnswers.responseId, mine.id)) : [];
  const [{ n }] = (await deps.db.select({ n: count() }).from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId))) as [{ n: number }];
  return ok({
    id: survey.id,
    cohortId: cohort.id,
    cohortName: cohort.name,
    phase: survey.phase,
    title: survey.title,
    intro: survey.intro,
    opensAt: survey.opensAt.toISOString(),
    closesAt: survey.closesAt.toISOString(),
    opensAtParis: toParisLocal(survey.opensAt),
    closesAtParis: toParisLocal(survey.closesAt),
    state,
    questionsCount: questions.length,
    answered: !!mine,
    respondents: manager ? Number(n) : null,
    questions: questions.map(({ id, position, kind, label, options, required }) => ({ id, position, kind, label, options, required })),
    myResponse: mine ? { submittedAt: mine.submittedAt.toISOString(), answers: myAnswers.map(answerOut) } : null,
    can: { answer: role === 'participant' && state === 'ouvert' && !mine, edit: manager, editStructure: manager && Number(n) === 0, seeResults: manager },
  });
}

type AnswerInput = { choices?: number[]; scale?: number; text?: string };

/** Checks each answer against its question; the French message per question, keyed `answers.<id>`. */
function checkAnswers(questions: QuestionRow[], answers: Record<string, AnswerInput>) {
  const fields: Record<string, string> = {};
  const values: { questionId: string; choices: number[]; scale: number | null; text: string | null }[] = [];
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(answers)) if (!known.has(id)) fields[`answers.${id}`] = "Cette question n'appartient pas au questionnaire.";
  for (const q of questions) {
    const a = answers[q.id] ?? {};
    const key = `answers.${q.id}`;
    if (q.kind === 'single' || q.kind === 'multiple') {
      const choices = [...new Set(a.choices ?? [])];
      if (choices.some((c) => c < 0 || c >= q.options.length)) fields[key] = 'Choisissez parmi les réponses proposées.';
      else if (q.kind === 'single' && choices.length > 1) fields[key] = 'Une seule réponse est possible.';
      else if (choices.length === 0 && q.required) fields[key] = 'Répondez à cette question.';
      else if (choices.length) values.push({ questionId: q.id, choices: choices.sort((x, y) => x - y), scale: null, text: null });
    } else if (q.kind === 'scale') {
      if (a.scale !== undefined && (a.scale < 1 || a.scale > 5)) fields[key] = 'Choisissez une valeur de 1 à 5.';
      else if (a.scale === undefined && q.required) fields[key] = 'Répondez à cette question.';
      else if (a.scale !== undefined) values.push({ questionId: q.id, choices: [], scale: a.scale, text: null });
    } else {
      const text = a.text?.trim() ?? '';
      if (!text && q.required) fields[key] = 'Répondez à cette question.';
      else if (text) values.push({ questionId: q.id, choices: [], scale: null, text });
    }
  }
  return Object.keys(fields).length ? fail('VALIDATION', fields) : ok(values);
}

/** A participant answers once, while the survey is open; nothing is written on any refusal. */
export async function submitResponse(deps: Deps, user: AuthUser, surveyId: string, answers: Record<string, AnswerInput>): Promise<Result<{ ok: true }>> {
  const loaded = await loadSurveyFor(deps, user, surveyId, 'member');
  if (!loaded.ok) return loaded;
  const { survey, questions, role } = loaded.value;
  if (role !== 'participant') return fail('SURVEY_PARTICIPANTS_ONLY');
  const [mine] = await deps.db.select({ id: surveyResponses.id }).from(surveyResponses).where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.userId, user.id)));
  if (mine) return fail('SURVEY_ALREADY_ANSWERED');
  const now = deps.clock.now();
  const state = surveyState(survey, now);
  if (state === 'a_venir') return fail('SURVEY_NOT_OPEN');
  if (state === 'clos') return fail('SURVEY_CLOSED');
  const checked = checkAnswers(questions, answers);
  if (!checked.ok) return checked;
  try {
    const written = await deps.db.transaction(async (tx) => {
      // Shares updateSurvey's lock: the questions checked above are still the survey's questions.
      const [current] = await tx.select({ updatedAt: cohortSurveys.updatedAt }).from(cohortSurveys).where(eq(cohortSurveys.id, surveyId)).for('share');
      if (current?.updatedAt.getTime() !== survey.updatedAt.getTime()) return fail('SURVEY_CHANGED');
      const [r] = await tx.insert(surveyResponses).values({ surveyId, userId: user.id, submittedAt: now }).returning({ id: surveyResponses.id });
      if (checked.value.length) await tx.insert(surveyAnswers).values(checked.value.map((v) => ({ responseId: r!.id, ...v })));
      return ok({ ok: true as const });
    });
    return written;
  } catch (e) {
    if (isUniqueViolation(e)) return fail('SURVEY_ALREADY_ANSWERED');
    throw e;
  }
}

// ---- Results -------------------------------------------------------------------------------

async function answersOf(db: Db | Tx, questionIds: string[]): Promise<AnswerRow[]> {
  return questionIds.length ? db.select().from(surveyAnswers).where(inArray(surveyAnswers.questionId, questionIds)) : [];
}

/** Counts per choice (or per scale value), shares of those who answered, the scale's mean. */
export function aggregate(q: Pick<QuestionRow, 'kind' | 'options'>, answers: Pick<AnswerRow, 'choices' | 'scale' | 'text'>[]) {
  const labels = q.kind === 'scale' ? ['1', '2', '3', '4', '5'] : q.kind === 'text' ? [] : q.options;
  const counts = labels.map(() => 0);
  let answered = 0;
  let sum = 0;
  for (const a of answers) {
    if (q.kind === 'scale' && a.scale !== null) {
      answered += 1;
      sum += a.scale;
      counts[a.scale - 1]! += 1;
    } else if ((q.kind === 'single' || q.kind === 'multiple') && a.choices.length) {
      answered += 1;
      for (const c of a.choices) if (c < counts.length) counts[c]! += 1;
    } else if (q.kind === 'text' && a.text) answered += 1;
  }
  return {
    answered,
    options: labels.map((label, i) => ({ label, count: counts[i]!, share: answered ? counts[i]! / answered : 0 })),
    mean: q.kind === 'scale' && answered ? sum / answered : null,
  };
}

/** Whether an answer counts as « yes » for a headline mapping. */
export const countsAsYes = (a: Pick<AnswerRow, 'choices' | 'scale'>, yesValues: number[]) =>
  a.scale !== null ? yesValues.includes(a.scale) : a.choices.some((c) => yesValues.includes(c));

/** The two headline figures of a cohort, from the mapped questions (share of those who answered them). */
export async function headlineFigures(db: Db | Tx, cohortId: string) {
  const maps = await db
    .select({ h: surveyHeadlines, q: surveyQuestions })
    .from(surveyHeadlines)
    .innerJoin(surveyQuestions, eq(surveyQuestions.id, surveyHeadlines.questionId))
    .where(eq(surveyHeadlines.cohortId, cohortId));
  const out = [];
  for (const key of headlineKeyValues) {
    const m = maps.find((x) => x.h.headline === key);
    if (!m) {
      out.push({ key, label: headlineLabels[key], mapped: false, questionId: null, questionLabel: null, surveyId: null, yesValues: [], yes: 0, of: 0, share: null });
      continue;
    }
    const answers = (await answersOf(db, [m.q.id])).filter((a) => a.scale !== null || a.choices.length > 0);
    const yes = answers.filter((a) => countsAsYes(a, m.h.yesValues)).length;
    out.push({
      key,
      label: headlineLabels[key],
      mapped: true,
      questionId: m.q.id,
      questionLabel: m.q.label,
      surveyId: m.q.surveyId,
      yesValues: m.h.yesValues,
      yes,
      of: answers.length,
      share: answers.length ? yes / answers.length : null,
    });
  }
  return out;
}

/** Results per question, with the start survey's figures beside the end survey's (managers only). */
export async function results(deps: Deps, user: AuthUser, surveyId: string) {
  const loaded = await loadSurveyFor(deps, user, surveyId, 'manager');
  if (!loaded.ok) return loaded;
  const { survey, questions, cohort } = loaded.value;
  const answers = await answersOf(deps.db, questions.map((q) => q.id));
  const [{ n }] = (await deps.db.select({ n: count() }).from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId))) as [{ n: number }];
  const invited = await participantsCount(deps.db, cohort.id);
  let before: { questions: QuestionRow[]; answers: AnswerRow[] } | null = null;
  if (survey.phase === 'end') {
    const [start] = await deps.db.select({ id: cohortSurveys.id }).from(cohortSurveys).where(and(eq(cohortSurveys.cohortId, cohort.id), eq(cohortSurveys.phase, 'start')));
    const startLoaded = start ? await loadSurvey(deps.db, start.id) : null;
    if (startLoaded) before = { questions: startLoaded.questions, answers: await answersOf(deps.db, startLoaded.questions.map((q) => q.id)) };
  }
  return ok({
    survey: { id: survey.id, title: survey.title, phase: survey.phase, state: surveyState(survey, deps.clock.now()), cohortId: cohort.id, cohortName: cohort.name },
    invited,
    respondents: Number(n),
    responseRate: invited ? Number(n) / invited : null,
    questions: questions.map((q) => {
      const mine = answers.filter((a) => a.questionId === q.id);
      const match = before?.questions.find((b) => sameQuestion(b, q));
      return {
        id: q.id,
        position: q.position,
        kind: q.kind,
        label: q.label,
        options: q.options,
        required: q.required,
        result: aggregate(q, mine),
        texts: q.kind === 'text' ? mine.flatMap((a) => (a.text ? [a.text] : [])) : [],
        before: match ? aggregate(match, before!.answers.filter((a) => a.questionId === match.id)) : null,
      };
    }),
    headlines: await headlineFigures(deps.db, cohort.id),
  });
}

/** Everyone's answers, by name (managers only: members never see others' answers). */
export async function individualResponses(deps: Deps, user: AuthUser, surveyId: string) {
  const loaded = await loadSurveyFor(deps, user, surveyId, 'manager');
  if (!loaded.ok) return loaded;
  const { questions, cohort, survey } = loaded.value;
  const list = await deps.db
    .select({ id: surveyResponses.id, userId: surveyResponses.userId, submittedAt: surveyResponses.submittedAt, firstName: users.firstName, lastName: users.lastName, organisationName: organisations.name })
    .from(surveyResponses)
    .innerJoin(users, eq(users.id, surveyResponses.userId))
    .leftJoin(cohortMembers, and(eq(cohortMembers.userId, surveyResponses.userId), eq(cohortMembers.cohortId, cohort.id)))
    .leftJoin(organisations, eq(organisations.id, cohortMembers.organisationId))
    .where(eq(surveyResponses.surveyId, surveyId))
    .orderBy(asc(users.lastName), asc(users.firstName));
  const answers = list.length ? await deps.db.select().from(surveyAnswers).where(inArray(surveyAnswers.responseId, list.map((r) => r.id))) : [];
  return ok({
    phase: survey.phase,
    questions: questions.map(({ id, position, kind, label, options, required }) => ({ id, position, kind, label, options, required })),
    items: list.map((r) => ({
      userId: r.userId,
      firstName: r.firstName,
      lastName: r.lastName,
      organisationName: r.organisationName,
      submittedAt: r.submittedAt.toISOString(),
      answers: answers.filter((a) => a.responseId === r.id).map(answerOut),
    })),
  });
}

/** The answers as CSV for a spreadsheet: UTF-8 with BOM, « ; » separated, one line per respondent. */
export async function exportCsv(deps: Deps, user: AuthUser, surveyId: string): Promise<Result<{ csv: string; filename: string }>> {
  const data = await individualResponses(deps, user, surveyId);
  if (!data.ok) return data;
  const { questions, items } = data.value;
  const cell = (q: (typeof questions)[number], a: ReturnType<typeof answerOut> | undefined) => {
    if (!a) return '';
    if (q.kind === 'scale') return a.scale ?? '';
    if (q.kind === 'text') return a.text ?? '';
    return a.choices.map((c) => q.options[c] ?? '').join(' | ');
  };
  const csv = spreadsheetCsv(
    [
      ['Nom', 'Prénom', 'Organisation', 'Date de réponse (heure de Paris)', ...questions.map((q) => q.label)],
      ...items.map((r) => [
        r.lastName,
        r.firstName,
        r.organisationName ?? '',
        toParisLocal(new Date(r.submittedAt)).replace('T', ' '),
        ...questions.map((q) => cell(q, r.answers.find((a) => a.questionId === q.id))),
      ]),
    ],
  );
  return ok({ csv, filename: `reponses-questionnaire-${csvPhase[data.value.phase]}.csv` });
}

const csvPhase = { start: 'debut', end: 'fin', followup: 'suivi-six-mois' } as const;

// ---- Headline mappings ---------------------------------------------------------------------

/** The headline figures and their mappings (managers). */
export async function headlines(deps: Deps, user: AuthUser, cohortId: string) {
  const loaded = await loadManagedCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  return ok({ items: await headlineFigures(deps.db, cohortId) });
}

/** Maps a question of one of the cohort's surveys to a headline figure, with the answers that count as yes. */
export async function setHeadline(deps: Deps, user: AuthUser, cohortId: string, key: HeadlineKey, input: { questionId: string; yesValues: number[] }): Promise<Result<{ ok: true }>> {
  const loaded = await loadManagedCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  const [row] = await deps.db
    .select({ q: surveyQuestions })
    .from(surveyQuestions)
    .innerJoin(cohortSurveys, eq(cohortSurveys.id, surveyQuestions.surveyId))
    .where(and(eq(surveyQuestions.id, input.questionId), eq(cohortSurveys.cohortId, cohortId)));
  if (!row) return fail('VALIDATION', { questionId: "Choisissez une question d'un questionnaire de cette promotion." });
  const q = row.q;
  if (q.kind === 'text') return fail('VALIDATION', { questionId: 'Une question à texte libre ne peut pas donner un pourcentage : choisissez une question à choix ou une échelle.' });
  const max = q.kind === 'scale' ? 5 : q.options.length - 1;
  const min = q.kind === 'scale' ? 1 : 0;
  const yesValues = [...new Set(input.yesValues)].sort((a, b) => a - b);
  if (yesValues.some((v) => v < min || v > max)) return fail('VALIDATION', { yesValues: 'Cochez des réponses proposées par la question.' });
  const now = deps.clock.now();
  await deps.db
    .insert(surveyHeadlines)
    .values({ cohortId, headline: key, questionId: q.id, yesValues, updatedBy: user.id, updatedAt: now })
    .onConflictDoUpdate({ target: [surveyHeadlines.cohortId, surveyHeadlines.headline], set: { questionId: q.id, yesValues, updatedBy: user.id, updatedAt: now } });
  return ok({ ok: true as const });
}

export async function clearHeadline(deps: Deps, user: AuthUser, cohortId: string, key: HeadlineKey): Promise<Result<{ ok: true }>> {
  const loaded = await loadManagedCohort(deps.db, user, cohortId);
  if (!loaded.ok) return loaded;
  await deps.db.delete(surveyHeadlines).where(and(eq(surveyHeadlines.cohortId, cohortId), eq(surveyHeadlines.headline, key)));
  return ok({ ok: true as const });
}

// ---- Reminders -------------------------------------------------------------------------------

type ReminderPayload = { surveyId: string; kind: 'open' | 'reminder'; opensAt: string; closesAt: string };

/** Participants who have not answered yet. */
async function nonRespondents(db: Db | Tx, survey: Pick<SurveyRow, 'id' | 'cohortId'>) {
  const answered = new Set((await db.select({ u: surveyResponses.userId }).from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id))).map((r) => r.u));
  return (await listCohortMembers(db, survey.cohortId, { roles: ['participant'] })).filter((m) => !answered.has(m.userId));
}

export function registerSurveyJobs(deps: Deps) {
  // At opening and before closing: one e-mail job per participant who has not answered. A job from
  // dates since changed does nothing (the change scheduled its own).
  deps.jobs.register(JOB_SURVEY_REMINDERS, async (p: ReminderPayload) => {
    const loaded = await loadSurvey(deps.db, p.surveyId);
    if (!loaded) return;
    const { survey } = loaded;
    if (survey.opensAt.toISOString() !== p.opensAt || survey.closesAt.toISOString() !== p.closesAt) return;
    if (surveyState(survey, deps.clock.now()) !== 'ouvert') return;
    for (const m of await nonRespondents(deps.db, survey))
      await deps.jobs.enqueue(JOB_SURVEY_MAIL, { surveyId: survey.id, userId: m.userId, kind: p.kind, closesAt: p.closesAt }, { dedupeKey: `survey-mail:${survey.id}:${p.kind}:${m.userId}` });
  });
  deps.jobs.register(JOB_SURVEY_MAIL, async (p: { surveyId: string; userId: string; kind: 'open' | 'reminder'; closesAt: string }) => {
    const loaded = await loadSurvey(deps.db, p.surveyId);
    if (!loaded || loaded.survey.closesAt.toISOString() !== p.closesAt || surveyState(loaded.survey, deps.clock.now()) !== 'ouvert') return;
    const survey = loaded.survey;
    // Still a participant who has not answered, when the mail leaves.
    const person = (await nonRespondents(deps.db, survey)).find((m) => m.userId === p.userId);
    if (!person) return;
    const cohort = (await loadCohort(deps.db, survey.cohortId)) as CohortRow;
    await deps.mailer.send({
      to: person.email,
      ...surveyMails[p.kind]({
        firstName: person.firstName,
        cohortName: cohort.name,
        title: survey.title,
        closesAt: toParisLocal(survey.closesAt),
        url: `${deps.config.baseUrl}${paths.cohortSurvey(cohort.id, survey.id)}`,
      }),
    });
  });
}

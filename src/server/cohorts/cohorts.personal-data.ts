import { asc, eq, inArray } from 'drizzle-orm';
import { events } from '../events/events.tables.js';
import { organisations } from '../organisations/organisations.tables.js';
import { personalData } from '../platform/personal-data.js';
import { cohortApplications, cohortAttendance, cohortMembers, cohorts, cohortSurveys, surveyAnswers, surveyHeadlines, surveyQuestions, surveyResponses } from './cohorts.tables.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// Cohort roles (with their calendar address), applications, attendance and questionnaire answers are
// the member's: exported, then deleted. Results are computed from the answers that remain, so rates
// and headline figures stay consistent (the member leaves both the answers and the participants).
// What the member did as staff (cohorts and questionnaires created, decisions, attendance marked)
// stays, without who.
personalData.register({
  module: 'cohorts',
  covers: [
    'cohort_members.user_id',
    'cohort_members.added_by',
    'cohort_applications.user_id',
    'cohort_applications.decided_by',
    'cohort_attendance.user_id',
    'cohort_attendance.marked_by',
    'survey_responses.user_id',
    'cohorts.created_by',
    'cohort_surveys.created_by',
    'survey_headlines.updated_by',
  ],
  async export({ userId, tx }) {
    const roles = await tx
      .select({ m: cohortMembers, cohortName: cohorts.name, organisationName: organisations.name })
      .from(cohortMembers)
      .innerJoin(cohorts, eq(cohorts.id, cohortMembers.cohortId))
      .leftJoin(organisations, eq(organisations.id, cohortMembers.organisationId))
      .where(eq(cohortMembers.userId, userId))
      .orderBy(asc(cohortMembers.createdAt));
    const apps = await tx
      .select({ a: cohortApplications, cohortName: cohorts.name, organisationName: organisations.name })
      .from(cohortApplications)
      .innerJoin(cohorts, eq(cohorts.id, cohortApplications.cohortId))
      .innerJoin(organisations, eq(organisations.id, cohortApplications.organisationId))
      .where(eq(cohortApplications.userId, userId))
      .orderBy(asc(cohortApplications.createdAt));
    const attendance = await tx
      .select({ title: events.title, startsAt: events.startsAt, present: cohortAttendance.present, markedAt: cohortAttendance.markedAt })
      .from(cohortAttendance)
      .innerJoin(events, eq(events.id, cohortAttendance.eventId))
      .where(eq(cohortAttendance.userId, userId))
      .orderBy(asc(events.startsAt));
    const responses = await tx
      .select({ r: surveyResponses, title: cohortSurveys.title, phase: cohortSurveys.phase, cohortName: cohorts.name })
      .from(surveyResponses)
      .innerJoin(cohortSurveys, eq(cohortSurveys.id, surveyResponses.surveyId))
      .innerJoin(cohorts, eq(cohorts.id, cohortSurveys.cohortId))
      .where(eq(surveyResponses.userId, userId))
      .orderBy(asc(surveyResponses.submittedAt));
    const answers = responses.length
      ? await tx
          .select({ responseId: surveyAnswers.responseId, a: surveyAnswers, q: surveyQuestions })
          .from(surveyAnswers)
          .innerJoin(surveyQuestions, eq(surveyQuestions.id, surveyAnswers.questionId))
          .where(inArray(surveyAnswers.responseId, responses.map((r) => r.r.id)))
          .orderBy(asc(surveyQuestions.position))
      : [];
    const created = await tx.select({ id: cohorts.id, name: cohorts.name, createdAt: cohorts.createdAt }).from(cohorts).where(eq(cohorts.createdBy, userId)).orderBy(asc(cohorts.createdAt));
    return {
      roles: roles.map(({ m, cohortName, organisationName }) => ({ cohortId: m.cohortId, cohort: cohortName, role: m.role, organisation: organisationName, since: iso(m.createdAt) })),
      applications: apps.map(({ a, cohortName, organisationName }) => ({
        cohort: cohortName,
        organisation: organisationName,
        jobRole: a.jobRole,
        spaserStage: a.spaserStage,
        expectations: a.expectations,
        availability: a.availability,
        status: a.status,
        decisionMessage: a.decisionMessage,
        decidedAt: iso(a.decidedAt),
        createdAt: iso(a.createdAt),
      })),
      attendance: attendance.map((a) => ({ session: a.title, startsAt: iso(a.startsAt), present: a.present, markedAt: iso(a.markedAt) })),
      surveyResponses: responses.map(({ r, title, phase, cohortName }) => ({
        cohort: cohortName,
        survey: title,
        phase,
        submittedAt: iso(r.submittedAt),
        answers: answers
          .filter((x) => x.responseId === r.id)
          .map(({ a, q }) => ({
            question: q.label,
            kind: q.kind,
            ...(q.kind === 'single' || q.kind === 'multiple' ? { choices: a.choices.map((i) => q.options[i] ?? String(i)) } : {}),
            ...(q.kind === 'scale' ? { scale: a.scale } : {}),
            ...(q.kind === 'text' ? { text: a.text } : {}),
          })),
      })),
      cohortsCreated: created.map((c) => ({ cohortId: c.id, name: c.name, createdAt: iso(c.createdAt) })),
    };
  },
  async erase({ userId, tx }) {
    await tx.delete(cohortMembers).where(eq(cohortMembers.userId, userId));
    await tx.delete(cohortApplications).where(eq(cohortApplications.userId, userId));
    await tx.delete(cohortAttendance).where(eq(cohortAttendance.userId, userId));
    // Answers go with their response (ON DELETE CASCADE).
    await tx.delete(surveyResponses).where(eq(surveyResponses.userId, userId));
    await tx.update(cohortMembers).set({ addedBy: null }).where(eq(cohortMembers.addedBy, userId));
    await tx.update(cohortApplications).set({ decidedBy: null }).where(eq(cohortApplications.decidedBy, userId));
    await tx.update(cohortAttendance).set({ markedBy: null }).where(eq(cohortAttendance.markedBy, userId));
    await tx.update(cohorts).set({ createdBy: null }).where(eq(cohorts.createdBy, userId));
    await tx.update(cohortSurveys).set({ createdBy: null }).where(eq(cohortSurveys.createdBy, userId));
    await tx.update(surveyHeadlines).set({ updatedBy: null }).where(eq(surveyHeadlines.updatedBy, userId));
  },
});

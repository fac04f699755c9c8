import { and, asc, eq } from 'drizzle-orm';
import { createEvent } from '../../events/events.service.js';
import { events } from '../../events/events.tables.js';
import { libraryFiles, libraryResources } from '../../library/library.tables.js';
import { createResource, type FileSource } from '../../library/resources/resources.service.js';
import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { fileStoreFor } from '../../platform/files.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { parisCalendarDay } from '../../../shared/paris-time.js';
import { canCreateCohort } from '../cohorts.policy.js';
import { insertCohort, loadCohort } from '../cohorts.service.js';
import { cohortSurveys, surveyHeadlines, surveyQuestions } from '../cohorts.tables.js';
import { OWNER_KIND } from '../schedule/schedule.service.js';
import { scheduleReminders } from '../surveys/surveys.service.js';
import { addDays, daysBetween } from '../../../shared/paris-time.js';
import { shiftParisDays, type CopyCohortBody, type copyCohortResponse } from './editions.contract.js';
import type { z } from 'zod';

type CopyCohortResult = z.infer<typeof copyCohortResponse>;
import './editions.messages.js';

// The next edition of a cohort (issue 23, item 6, ADR in docs/modules/cohorts.md): a new cohort made
// by the one path that creates cohorts (insertCohort: open to applications, its own private space,
// the news), carrying the description, the sessions, the questionnaires with their headline mapping
// and the reserved resources of the one it copies, every date moved by the same number of calendar
// days as the start. Never its people: members, applications, attendance, responses, cards,
// announcements, nudges and co-development groups stay with the edition they belong to.

const today = (now: Date) => {
  const d = parisCalendarDay(now);
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
};

/**
 * Prepares the next edition of a cohort (staff, those who create cohorts): the copying user becomes
 * its facilitator, as at creation. Cohort, sessions and questionnaires commit together; the reserved
 * resources are then copied into the new private space one by one (their files are re-stored through
 * the library's own creation path), and any that fails is named in the answer.
 */
export async function copyCohort(deps: Deps, actor: AuthUser, sourceId: string, input: CopyCohortBody): Promise<Result<CopyCohortResult>> {
  const source = await loadCohort(deps.db, sourceId);
  if (!source) return fail('COHORT_NOT_FOUND');
  if (!canCreateCohort(actor)) return fail('EDITION_FORBIDDEN');
  if (input.startsOn < today(deps.clock.now())) return fail('EDITION_START_PAST', { startsOn: 'La date de début ne peut pas être passée : choisissez aujourd’hui ou un jour à venir.' });
  const shift = daysBetween(source.startsOn, input.startsOn);
  const endsOn = addDays(source.endsOn, shift);

  const created = await deps.db.transaction(async (tx) => {
    const cohort = await insertCohort(deps, tx, actor, {
      name: input.name,
      edition: input.edition,
      startsOn: input.startsOn,
      endsOn,
      capacity: input.capacity,
      description: source.description,
      sponsorIds: [],
      facilitatorIds: [actor.id],
      copiedFromId: source.id,
    });

    // Sessions: the cohort's own events still scheduled (co-development sessions belong to groups, which are people).
    const sessions = await tx
      .select()
      .from(events)
      .where(and(eq(events.ownerKind, OWNER_KIND), eq(events.ownerId, source.id), eq(events.status, 'scheduled')))
      .orderBy(asc(events.startsAt));
    for (const e of sessions) {
      const made = await createEvent(
        deps,
        actor,
        {
          kind: e.kind,
          title: e.title,
          description: e.description,
          // Speakers are people's names: the new edition names its own.
          speakers: [],
          // What a session is about carries over (issue 23, item 9).
          themes: e.themes,
          startsAt: shiftParisDays(e.startsAt, shift),
          endsAt: shiftParisDays(e.endsAt, shift),
          onlineUrl: e.onlineUrl,
          place: e.place,
          capacity: e.capacity,
          visibility: 'restricted',
          ownerKind: OWNER_KIND,
          ownerId: cohort.id,
        },
        tx,
      );
      if (!made.ok) throw new Error(`edition session: ${made.error}`);
    }

    // Questionnaires, their questions in order, and which questions feed the headline figures.
    const surveys = await tx.select().from(cohortSurveys).where(eq(cohortSurveys.cohortId, source.id));
    const questionIds = new Map<string, string>();
    const now = deps.clock.now();
    for (const s of surveys) {
      const [copy] = await tx
        .insert(cohortSurveys)
        .values({
          cohortId: cohort.id,
          phase: s.phase,
          title: s.title,
          intro: s.intro,
          opensAt: shiftParisDays(s.opensAt, shift),
          closesAt: shiftParisDays(s.closesAt, shift),
          createdBy: actor.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const questions = await tx.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, s.id)).orderBy(asc(surveyQuestions.position));
      for (const q of questions) {
        const [nq] = await tx
          .insert(surveyQuestions)
          .values({ surveyId: copy!.id, position: q.position, kind: q.kind, label: q.label, options: q.options, required: q.required })
          .returning({ id: surveyQuestions.id });
        questionIds.set(q.id, nq!.id);
      }
      await scheduleReminders(deps, tx, copy!);
    }
    const headlines = await tx.select().from(surveyHeadlines).where(eq(surveyHeadlines.cohortId, source.id));
    for (const h of headlines) {
      const questionId = questionIds.get(h.questionId);
      if (questionId) await tx.insert(surveyHeadlines).values({ cohortId: cohort.id, headline: h.headline, questionId, yesValues: h.yesValues, updatedBy: actor.id, updatedAt: now });
    }
    return { ...cohort, sessions: sessions.length, surveys: surveys.length };
  });

  // Reserved resources: copied, not linked — a library resource belongs to one audience (one space),
  // and the new edition may then edit or withdraw its copy without touching the archive of the old one.
  let resources = 0;
  const resourcesNotCopied: string[] = [];
  if (source.spaceId) {
    const list = await deps.db
      .select()
      .from(libraryResources)
      .where(and(eq(libraryResources.visibility, 'space'), eq(libraryResources.spaceId, source.spaceId), eq(libraryResources.status, 'published')))
      .orderBy(asc(libraryResources.publishedAt), asc(libraryResources.id));
    const store = fileStoreFor(deps.config);
    for (const r of list) {
      const files: FileSource[] = [];
      let missing = false;
      for (const f of await deps.db.select().from(libraryFiles).where(eq(libraryFiles.resourceId, r.id)).orderBy(asc(libraryFiles.position))) {
        const content = await store.get(f.storageKey);
        if (!content) missing = true;
        else files.push({ fileName: f.fileName, content });
      }
      const made = missing
        ? null
        : await createResource(
            deps,
            {
              kind: r.kind,
              title: r.title,
              summary: r.summary,
              body: r.body,
              themes: r.themes as never,
              segments: r.segments as never,
              links: r.links,
              producer: r.producer,
              licence: r.licence,
              visibility: 'space',
              spaceId: created.spaceId,
            },
            files,
            { createdBy: actor.id, organisationId: r.organisationId, sourceKey: `edition:${created.id}:${r.id}` },
          );
      for (const f of files) if (!Buffer.isBuffer(f.content)) f.content.destroy();
      if (made?.ok) resources += 1;
      else resourcesNotCopied.push(r.title);
    }
  }
  return ok({ id: created.id, endsOn, shiftDays: shift, sessions: created.sessions, surveys: created.surveys, resources, resourcesNotCopied });
}

import { asc, eq } from 'drizzle-orm';
import { personalData } from '../../platform/personal-data.js';
import { cohorts } from '../cohorts.tables.js';
import { cohortLessons, cohortRetrospectives } from '../programme.tables.js';

// A participant's retrospectives are theirs: exported, and erased with the account (the lessons the
// facilitators drew from them are the facilitators' writing). Lessons keep no trace of who last saved them.
personalData.register({
  module: 'cohort-retrospectives',
  covers: ['cohort_retrospectives.user_id', 'cohort_lessons.updated_by'],
  async export({ userId, tx }) {
    const list = await tx
      .select({ r: cohortRetrospectives, cohortName: cohorts.name })
      .from(cohortRetrospectives)
      .innerJoin(cohorts, eq(cohorts.id, cohortRetrospectives.cohortId))
      .where(eq(cohortRetrospectives.userId, userId))
      .orderBy(asc(cohortRetrospectives.createdAt));
    return {
      retrospectives: list.map(({ r, cohortName }) => ({ cohort: cohortName, worked: r.worked, change: r.change, lessons: r.lessons, updatedAt: r.updatedAt.toISOString() })),
    };
  },
  async erase({ userId, tx }) {
    await tx.delete(cohortRetrospectives).where(eq(cohortRetrospectives.userId, userId));
    await tx.update(cohortLessons).set({ updatedBy: null }).where(eq(cohortLessons.updatedBy, userId));
  },
});

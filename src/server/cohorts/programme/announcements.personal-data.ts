import { asc, eq } from 'drizzle-orm';
import { personalData } from '../../platform/personal-data.js';
import { cohorts } from '../cohorts.tables.js';
import { cohortAnnouncements } from '../programme.tables.js';

// Announcements a member wrote to a cohort: exported; on erasure they stay in the cohort's archive
// (its members received them) without who wrote them. The notifications they produced are the
// notifications module's.
personalData.register({
  module: 'cohort-announcements',
  covers: ['cohort_announcements.author_id'],
  async export({ userId, tx }) {
    const list = await tx
      .select({ a: cohortAnnouncements, cohortName: cohorts.name })
      .from(cohortAnnouncements)
      .innerJoin(cohorts, eq(cohorts.id, cohortAnnouncements.cohortId))
      .where(eq(cohortAnnouncements.authorId, userId))
      .orderBy(asc(cohortAnnouncements.createdAt));
    return {
      announcementsWritten: list.map(({ a, cohortName }) => ({ cohort: cohortName, title: a.title, body: a.body, themes: a.themes, recipientCount: a.recipientCount, createdAt: a.createdAt.toISOString() })),
    };
  },
  async erase({ userId, tx }) {
    await tx.update(cohortAnnouncements).set({ authorId: null }).where(eq(cohortAnnouncements.authorId, userId));
  },
});

import { alias } from 'drizzle-orm/pg-core';
import { asc, eq } from 'drizzle-orm';
import { personalData } from '../../platform/personal-data.js';
import { cohorts } from '../cohorts.tables.js';
import { cohortSponsorProfiles, cohortSponsorQuestions } from '../programme.tables.js';

// The sponsor page's personal data. A sponsor's story and offer are theirs: exported, then deleted.
// Questions asked and answers given are exported; on erasure they stay with the cohort (its members
// read them) without who wrote them — the page says « membre supprimé ».
personalData.register({
  module: 'cohort-sponsors',
  covers: ['cohort_sponsor_profiles.user_id', 'cohort_sponsor_questions.asked_by', 'cohort_sponsor_questions.answered_by'],
  async export({ userId, tx }) {
    const profiles = await tx
      .select({ p: cohortSponsorProfiles, cohortName: cohorts.name })
      .from(cohortSponsorProfiles)
      .innerJoin(cohorts, eq(cohorts.id, cohortSponsorProfiles.cohortId))
      .where(eq(cohortSponsorProfiles.userId, userId));
    const c = alias(cohorts, 'c');
    const asked = await tx
      .select({ q: cohortSponsorQuestions, cohortName: c.name })
      .from(cohortSponsorQuestions)
      .innerJoin(c, eq(c.id, cohortSponsorQuestions.cohortId))
      .where(eq(cohortSponsorQuestions.askedBy, userId))
      .orderBy(asc(cohortSponsorQuestions.createdAt));
    const answered = await tx
      .select({ q: cohortSponsorQuestions, cohortName: c.name })
      .from(cohortSponsorQuestions)
      .innerJoin(c, eq(c.id, cohortSponsorQuestions.cohortId))
      .where(eq(cohortSponsorQuestions.answeredBy, userId))
      .orderBy(asc(cohortSponsorQuestions.answeredAt));
    return {
      sponsorProfiles: profiles.map(({ p, cohortName }) => ({ cohort: cohortName, story: p.story, offer: p.offer, updatedAt: p.updatedAt.toISOString() })),
      questionsToSponsors: asked.map(({ q, cohortName }) => ({ cohort: cohortName, question: q.body, themes: q.themes, askedAt: q.createdAt.toISOString(), answer: q.answer })),
      answersAsSponsor: answered.map(({ q, cohortName }) => ({ cohort: cohortName, question: q.body, answer: q.answer, answeredAt: q.answeredAt?.toISOString() ?? null })),
    };
  },
  async erase({ userId, tx }) {
    await tx.delete(cohortSponsorProfiles).where(eq(cohortSponsorProfiles.userId, userId));
    await tx.update(cohortSponsorQuestions).set({ askedBy: null }).where(eq(cohortSponsorQuestions.askedBy, userId));
    await tx.update(cohortSponsorQuestions).set({ answeredBy: null }).where(eq(cohortSponsorQuestions.answeredBy, userId));
  },
});

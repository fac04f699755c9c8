import { asc, eq } from 'drizzle-orm';
import { personalData } from '../../platform/personal-data.js';
import { cohorts } from '../cohorts.tables.js';
import { cohortCards, cohortNudges } from '../programme.tables.js';

// A participant's « carte d'identité » is theirs: exported, erased with the account. The messages a
// facilitator sent from the follow-up are exported to their recipient and erased with them; a sender's
// erasure keeps the message for its recipient without who sent it.
personalData.register({
  module: 'cohort-participants',
  covers: ['cohort_cards.user_id', 'cohort_nudges.to_user_id', 'cohort_nudges.from_user_id'],
  async export({ userId, tx }) {
    const cards = await tx
      .select({ c: cohortCards, cohortName: cohorts.name })
      .from(cohortCards)
      .innerJoin(cohorts, eq(cohorts.id, cohortCards.cohortId))
      .where(eq(cohortCards.userId, userId))
      .orderBy(asc(cohortCards.createdAt));
    const received = await tx
      .select({ n: cohortNudges, cohortName: cohorts.name })
      .from(cohortNudges)
      .innerJoin(cohorts, eq(cohorts.id, cohortNudges.cohortId))
      .where(eq(cohortNudges.toUserId, userId))
      .orderBy(asc(cohortNudges.createdAt));
    const sent = await tx.select({ n: cohortNudges, cohortName: cohorts.name }).from(cohortNudges).innerJoin(cohorts, eq(cohorts.id, cohortNudges.cohortId)).where(eq(cohortNudges.fromUserId, userId)).orderBy(asc(cohortNudges.createdAt));
    return {
      cohortCards: cards.map(({ c, cohortName }) => ({ cohort: cohortName, jobRole: c.jobRole, spaserStage: c.spaserStage, motivation: c.motivation, canBring: c.canBring, needs: c.needs, updatedAt: c.updatedAt.toISOString() })),
      cohortMessagesReceived: received.map(({ n, cohortName }) => ({ cohort: cohortName, body: n.body, sentAt: n.createdAt.toISOString() })),
      cohortMessagesSent: sent.map(({ n, cohortName }) => ({ cohort: cohortName, body: n.body, sentAt: n.createdAt.toISOString() })),
    };
  },
  async erase({ userId, tx }) {
    await tx.delete(cohortCards).where(eq(cohortCards.userId, userId));
    await tx.delete(cohortNudges).where(eq(cohortNudges.toUserId, userId));
    await tx.update(cohortNudges).set({ fromUserId: null }).where(eq(cohortNudges.fromUserId, userId));
  },
});

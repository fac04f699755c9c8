import { asc, eq } from 'drizzle-orm';
import { personalData } from '../platform/personal-data.js';
import { spaserReviewComments, spaserReviewers } from './review.tables.js';
import { spasers } from './spaser.tables.js';

// The review's hook (issue 19, item 3). A comment is text the person wrote: exported in full. On
// erasure the threads stay for the schéma's editors (a reply alone would make no sense) under
// « Personne supprimée » (author forgotten), like the help space's posts; the person's invitations
// to review go with the account, and whoever invited or resolved is forgotten.
personalData.register({
  module: 'spaser-review',
  covers: ['spaser_reviewers.user_id', 'spaser_reviewers.invited_by', 'spaser_review_comments.author_id', 'spaser_review_comments.resolved_by'],
  async export({ userId, tx }) {
    const invitations = await tx
      .select({ title: spasers.title, invitedAt: spaserReviewers.invitedAt })
      .from(spaserReviewers)
      .innerJoin(spasers, eq(spasers.id, spaserReviewers.spaserId))
      .where(eq(spaserReviewers.userId, userId))
      .orderBy(asc(spaserReviewers.invitedAt));
    const comments = await tx
      .select({ title: spasers.title, section: spaserReviewComments.section, body: spaserReviewComments.body, reply: spaserReviewComments.threadId, createdAt: spaserReviewComments.createdAt })
      .from(spaserReviewComments)
      .innerJoin(spasers, eq(spasers.id, spaserReviewComments.spaserId))
      .where(eq(spaserReviewComments.authorId, userId))
      .orderBy(asc(spaserReviewComments.createdAt), asc(spaserReviewComments.id));
    return {
      spaserReviewInvitations: invitations.map((i) => ({ spaser: i.title, invitedAt: i.invitedAt.toISOString() })),
      spaserReviewComments: comments.map((c) => ({ spaser: c.title, section: c.section, reply: c.reply !== null, text: c.body, writtenAt: c.createdAt.toISOString() })),
    };
  },
  async erase({ userId, tx }) {
    await tx.update(spaserReviewComments).set({ authorId: null }).where(eq(spaserReviewComments.authorId, userId));
    await tx.update(spaserReviewComments).set({ resolvedBy: null }).where(eq(spaserReviewComments.resolvedBy, userId));
    await tx.update(spaserReviewers).set({ invitedBy: null }).where(eq(spaserReviewers.invitedBy, userId));
    await tx.delete(spaserReviewers).where(eq(spaserReviewers.userId, userId));
  },
});

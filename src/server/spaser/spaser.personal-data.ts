import { asc, eq } from 'drizzle-orm';
import { personalData } from '../platform/personal-data.js';
import { spaserReviewComments, spaserReviewers } from './review.tables.js';
import { spaserBilans, spaserBuyers, spaserEditors, spaserEvidenceFiles, spaserPublications, spasers, spaserSectionContents } from './spaser.tables.js';

// A SPASER belongs to its organisations: deleting an account keeps the schéma and forgets who wrote,
// invited, accepted or uploaded an evidence file; the person's editor rights go with the account (rows removed).
// Review comments (issue 19, item 3) are text the person wrote: exported in full; on erasure the threads
// stay for the editors (a reply alone would make no sense) under « Personne supprimée », like the help
// space's posts, and the person's invitations to review go with the account.
personalData.register({
  module: 'spaser',
  covers: ['spasers.created_by', 'spaser_buyers.invited_by', 'spaser_buyers.accepted_by', 'spaser_editors.user_id', 'spaser_sections.updated_by', 'spaser_evidence_files.uploaded_by', 'spaser_publications.published_by', 'spaser_publications.withdrawn_by', 'spaser_bilans.published_by', 'spaser_reviewers.user_id', 'spaser_reviewers.invited_by', 'spaser_review_comments.author_id', 'spaser_review_comments.resolved_by'],
  async export({ userId, tx }) {
    const editing = await tx
      .select({ spaserId: spasers.id, title: spasers.title, addedAt: spaserEditors.addedAt })
      .from(spaserEditors)
      .innerJoin(spasers, eq(spasers.id, spaserEditors.spaserId))
      .where(eq(spaserEditors.userId, userId))
      .orderBy(asc(spaserEditors.addedAt));
    const uploaded = await tx
      .select({ title: spasers.title, fileName: spaserEvidenceFiles.fileName, createdAt: spaserEvidenceFiles.createdAt })
      .from(spaserEvidenceFiles)
      .innerJoin(spasers, eq(spasers.id, spaserEvidenceFiles.spaserId))
      .where(eq(spaserEvidenceFiles.uploadedBy, userId))
      .orderBy(asc(spaserEvidenceFiles.createdAt));
    const published = await tx
      .select({ title: spasers.title, version: spaserPublications.version, publishedAt: spaserPublications.publishedAt })
      .from(spaserPublications)
      .innerJoin(spasers, eq(spasers.id, spaserPublications.spaserId))
      .where(eq(spaserPublications.publishedBy, userId))
      .orderBy(asc(spaserPublications.publishedAt));
    const withdrawn = await tx
      .select({ title: spasers.title, version: spaserPublications.version, withdrawnAt: spaserPublications.withdrawnAt })
      .from(spaserPublications)
      .innerJoin(spasers, eq(spasers.id, spaserPublications.spaserId))
      .where(eq(spaserPublications.withdrawnBy, userId))
      .orderBy(asc(spaserPublications.withdrawnAt));
    const bilans = await tx
      .select({ title: spasers.title, number: spaserBilans.number, publishedAt: spaserBilans.publishedAt })
      .from(spaserBilans)
      .innerJoin(spasers, eq(spasers.id, spaserBilans.spaserId))
      .where(eq(spaserBilans.publishedBy, userId))
      .orderBy(asc(spaserBilans.publishedAt));
    const reviewing = await tx
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
      spaserBilansPublished: bilans.map((b) => ({ spaser: b.title, bilan: b.number, publishedAt: b.publishedAt.toISOString() })),
      spaserReviewer: reviewing.map((r) => ({ spaser: r.title, invitedAt: r.invitedAt.toISOString() })),
      spaserReviewComments: comments.map((c) => ({ spaser: c.title, section: c.section, reply: c.reply !== null, text: c.body, writtenAt: c.createdAt.toISOString() })),
      spaserPublished: published.map((p) => ({ spaser: p.title, version: p.version, publishedAt: p.publishedAt.toISOString() })),
      spaserWithdrawn: withdrawn.map((p) => ({ spaser: p.title, version: p.version, withdrawnAt: p.withdrawnAt?.toISOString() ?? null })),
      spaserEditor: editing.map((e) => ({ spaser: e.title, since: e.addedAt.toISOString() })),
      spaserEvidenceFiles: uploaded.map((u) => ({ spaser: u.title, file: u.fileName, uploadedAt: u.createdAt.toISOString() })),
    };
  },
  async erase({ userId, tx }) {
    await tx.update(spasers).set({ createdBy: null }).where(eq(spasers.createdBy, userId));
    await tx.update(spaserBuyers).set({ invitedBy: null }).where(eq(spaserBuyers.invitedBy, userId));
    await tx.update(spaserBuyers).set({ acceptedBy: null }).where(eq(spaserBuyers.acceptedBy, userId));
    await tx.update(spaserSectionContents).set({ updatedBy: null }).where(eq(spaserSectionContents.updatedBy, userId));
    await tx.update(spaserEvidenceFiles).set({ uploadedBy: null }).where(eq(spaserEvidenceFiles.uploadedBy, userId));
    await tx.update(spaserPublications).set({ publishedBy: null }).where(eq(spaserPublications.publishedBy, userId));
    await tx.update(spaserPublications).set({ withdrawnBy: null }).where(eq(spaserPublications.withdrawnBy, userId));
    await tx.update(spaserBilans).set({ publishedBy: null }).where(eq(spaserBilans.publishedBy, userId));
    await tx.delete(spaserEditors).where(eq(spaserEditors.userId, userId));
    await tx.update(spaserReviewComments).set({ authorId: null }).where(eq(spaserReviewComments.authorId, userId));
    await tx.update(spaserReviewComments).set({ resolvedBy: null }).where(eq(spaserReviewComments.resolvedBy, userId));
    await tx.update(spaserReviewers).set({ invitedBy: null }).where(eq(spaserReviewers.invitedBy, userId));
    await tx.delete(spaserReviewers).where(eq(spaserReviewers.userId, userId));
  },
});

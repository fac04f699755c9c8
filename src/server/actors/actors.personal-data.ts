import { asc, eq } from 'drizzle-orm';
import { personalData } from '../platform/personal-data.js';
import { actorCorrections, actorRevisions, actors } from './actors.tables.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// Actors are public reference data: their history and decided corrections stay, without who.
// A member's proposed corrections are theirs: exported, and erased with the account.
personalData.register({
  module: 'actors',
  covers: ['actor_revisions.edited_by', 'actor_corrections.proposed_by', 'actor_corrections.decided_by'],
  async export({ userId, tx }) {
    const proposed = await tx
      .select({ actor: actors.name, comment: actorCorrections.comment, proposed: actorCorrections.proposed, status: actorCorrections.status, proposedAt: actorCorrections.proposedAt })
      .from(actorCorrections)
      .innerJoin(actors, eq(actors.id, actorCorrections.actorId))
      .where(eq(actorCorrections.proposedBy, userId))
      .orderBy(asc(actorCorrections.proposedAt));
    const edits = await tx
      .select({ actor: actors.name, change: actorRevisions.change, changed: actorRevisions.changed, editedAt: actorRevisions.editedAt })
      .from(actorRevisions)
      .innerJoin(actors, eq(actors.id, actorRevisions.actorId))
      .where(eq(actorRevisions.editedBy, userId))
      .orderBy(asc(actorRevisions.editedAt));
    return {
      actorCorrectionsProposed: proposed.map((p) => ({ ...p, proposedAt: iso(p.proposedAt) })),
      actorEdits: edits.map((e) => ({ ...e, editedAt: iso(e.editedAt) })),
    };
  },
  async erase({ userId, tx }) {
    await tx.delete(actorCorrections).where(eq(actorCorrections.proposedBy, userId));
    await tx.update(actorCorrections).set({ decidedBy: null }).where(eq(actorCorrections.decidedBy, userId));
    await tx.update(actorRevisions).set({ editedBy: null }).where(eq(actorRevisions.editedBy, userId));
  },
});

import { asc, eq } from 'drizzle-orm';
import { personalData } from '../platform/personal-data.js';
import { spaserBuyers, spaserEditors, spasers, spaserSectionContents } from './spaser.tables.js';

// A SPASER belongs to its organisations: deleting an account keeps the schéma and forgets who wrote,
// invited or accepted; the person's editor rights go with the account (rows removed).
personalData.register({
  module: 'spaser',
  covers: ['spasers.created_by', 'spaser_buyers.invited_by', 'spaser_buyers.accepted_by', 'spaser_editors.user_id', 'spaser_sections.updated_by'],
  async export({ userId, tx }) {
    const editing = await tx
      .select({ spaserId: spasers.id, title: spasers.title, addedAt: spaserEditors.addedAt })
      .from(spaserEditors)
      .innerJoin(spasers, eq(spasers.id, spaserEditors.spaserId))
      .where(eq(spaserEditors.userId, userId))
      .orderBy(asc(spaserEditors.addedAt));
    return { spaserEditor: editing.map((e) => ({ spaser: e.title, since: e.addedAt.toISOString() })) };
  },
  async erase({ userId, tx }) {
    await tx.update(spasers).set({ createdBy: null }).where(eq(spasers.createdBy, userId));
    await tx.update(spaserBuyers).set({ invitedBy: null }).where(eq(spaserBuyers.invitedBy, userId));
    await tx.update(spaserBuyers).set({ acceptedBy: null }).where(eq(spaserBuyers.acceptedBy, userId));
    await tx.update(spaserSectionContents).set({ updatedBy: null }).where(eq(spaserSectionContents.updatedBy, userId));
    await tx.delete(spaserEditors).where(eq(spaserEditors.userId, userId));
  },
});

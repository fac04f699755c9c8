import { eq } from 'drizzle-orm';
import { personalData } from '../platform/personal-data.js';
import { peerFacts, peerFactsPending, peerThemeFacts } from './peers.tables.js';

// The matching facts are copies of what other modules hold (profile, memberships, useful answers, SPASER,
// DECP): nothing of the member's own to export beyond those modules' exports. Deleting the account deletes
// the member's facts and notes, so they are never suggested again.
personalData.register({
  module: 'peers',
  covers: ['peer_facts.user_id', 'peer_theme_facts.user_id', 'peer_facts_pending.user_id'],
  async export() {
    return {};
  },
  async erase({ userId, tx }) {
    await tx.delete(peerThemeFacts).where(eq(peerThemeFacts.userId, userId));
    await tx.delete(peerFacts).where(eq(peerFacts.userId, userId));
    await tx.delete(peerFactsPending).where(eq(peerFactsPending.userId, userId));
  },
});

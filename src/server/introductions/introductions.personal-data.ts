import { asc, eq, or } from 'drizzle-orm';
import { personalData } from '../platform/personal-data.js';
import { contactRequests } from './introductions.tables.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// Contact requests are between two people: the member's export holds the requests they sent (with
// their message) and those they received (without the other person's message); deleting the account
// deletes both, and with them the other person's notifications about them (no longer readable).
personalData.register({
  module: 'introductions',
  covers: ['contact_requests.requester_id', 'contact_requests.recipient_id'],
  async export({ userId, tx }) {
    const list = await tx
      .select()
      .from(contactRequests)
      .where(or(eq(contactRequests.requesterId, userId), eq(contactRequests.recipientId, userId)))
      .orderBy(asc(contactRequests.createdAt));
    return {
      introductionsSent: list
        .filter((r) => r.requesterId === userId)
        .map((r) => ({ id: r.id, recipientId: r.recipientId, message: r.message, status: r.status, createdAt: iso(r.createdAt), answeredAt: iso(r.answeredAt) })),
      introductionsReceived: list
        .filter((r) => r.recipientId === userId)
        .map((r) => ({ id: r.id, requesterId: r.requesterId, status: r.status, createdAt: iso(r.createdAt), answeredAt: iso(r.answeredAt) })),
    };
  },
  async erase({ userId, tx }) {
    await tx.delete(contactRequests).where(or(eq(contactRequests.requesterId, userId), eq(contactRequests.recipientId, userId)));
  },
});

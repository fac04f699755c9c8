import { eq } from 'drizzle-orm';
import { personalData } from './personal-data.js';
import { liveStreams } from './quotas.tables.js';

// Quota counters (rate_limits) are keyed by a hash, never by a column referencing the person, and
// expire with their window. Open live streams name the member only to count them: they are closed
// with the sessions at deletion and their rows removed; nothing here belongs in an export.
personalData.register({
  module: 'quotas',
  covers: ['live_streams.user_id'],
  async export() {
    return {};
  },
  async erase({ userId, tx }) {
    await tx.delete(liveStreams).where(eq(liveStreams.userId, userId));
  },
});

import { sql } from 'drizzle-orm';
import { personalData } from './personal-data.js';

// Jobs waiting for the member (their e-mails, reminders, summary sheets) would find an anonymised
// account and send nothing; they are removed anyway, so nothing queued still names them. The queue
// holds no other personal data, so this hook exports nothing.
personalData.register({
  module: 'jobs',
  covers: [],
  async export() {
    return {};
  },
  async erase({ userId, tx }) {
    await tx.execute(sql`DELETE FROM jobs WHERE status = 'queued' AND payload->>'userId' = ${userId}`);
  },
});

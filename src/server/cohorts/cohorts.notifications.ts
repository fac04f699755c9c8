import { sql } from 'drizzle-orm';
import { paths } from '../../web/paths.js';
import { rows } from '../platform/db.js';
import { activeAccountsSql, registerNotificationCategory, registerNotificationKind, type NotificationText } from '../notifications/notifications.registry.js';
import { markdownToText } from '../helpspace/posts/markdown.js';
import { announcementLabels } from './programme/announcements.messages.js';
import { nudgeText } from './programme/participants.messages.js';
import { sponsorText } from './programme/sponsors.messages.js';

// The cohorts' news: category « Promotions », kind cohort_open (a new cohort takes applications),
// sent to every member. Decisions on one's own application are transactional
// (applications.service.ts), never here. Kind cohort_announcement: a facilitator's announcement to
// the cohort's members (programme/announcements.service.ts creates one per member when posting).

export const COHORTS_CATEGORY = 'promotions';
export const COHORT_OPEN = 'cohort_open';
export const COHORT_ANNOUNCEMENT = 'cohort_announcement';

registerNotificationCategory({
  id: COHORTS_CATEGORY,
  label: 'Promotions',
  description: 'Nouvelles promotions ouvertes aux candidatures et annonces des promotions.',
  order: 40,
});

registerNotificationKind({
  kind: COHORT_OPEN,
  category: COHORTS_CATEGORY,
  targetKind: 'cohort',
  // A cohort's page is public (its private space is not what this notification shows).
  readableSql: () => sql`EXISTS (SELECT 1 FROM cohorts c WHERE c.id = n.target_id)`,
  audience: () => activeAccountsSql,
  async describe(db, _r, list) {
    const found = await rows<{ id: string; name: string; status: string }>(
      db,
      sql`SELECT id, name, status FROM cohorts WHERE id IN (${sql.join(list.map((n) => sql`${n.target_id}::uuid`), sql`, `)})`,
    );
    const out = new Map<string, NotificationText>();
    for (const n of list) {
      const c = found.find((f) => f.id === n.target_id);
      if (!c) continue;
      const sentence = c.status === 'candidatures_ouvertes' ? `Nouvelle promotion « ${c.name} » : les candidatures sont ouvertes.` : `Nouvelle promotion « ${c.name} ».`;
      out.set(n.id, { sentence, path: paths.cohort(c.id) });
    }
    return out;
  },
});

registerNotificationKind({
  kind: COHORT_ANNOUNCEMENT,
  category: COHORTS_CATEGORY,
  targetKind: 'cohort_announcement',
  // Only while the reader is still a member of the cohort: a removed member's list never shows it,
  // and an e-mail not yet sent is not sent.
  readableSql: () =>
    sql`EXISTS (SELECT 1 FROM cohort_announcements a JOIN cohort_members m ON m.cohort_id = a.cohort_id WHERE a.id = n.target_id AND m.user_id = n.user_id)`,
  async describe(db, _r, list) {
    const found = await rows<{ id: string; cohort_id: string; title: string; body: string; cohort_name: string }>(
      db,
      sql`SELECT a.id, a.cohort_id, a.title, a.body, c.name AS cohort_name FROM cohort_announcements a JOIN cohorts c ON c.id = a.cohort_id
          WHERE a.id IN (${sql.join(list.map((n) => sql`${n.target_id}::uuid`), sql`, `)})`,
    );
    const out = new Map<string, NotificationText>();
    for (const n of list) {
      const a = found.find((f) => f.id === n.target_id);
      if (!a) continue;
      out.set(n.id, { sentence: announcementLabels.sentence(a.cohort_name, a.title), path: paths.cohortAnnouncement(a.cohort_id, a.id), excerpt: markdownToText(a.body, { max: 600 }) });
    }
    return out;
  },
});

// Kind cohort_nudge: a facilitator's message to one participant from the follow-up dashboard
// (programme/dashboard.service.ts). Readable by its one recipient only, while a participant of the
// cohort; the sentence quotes the message and names nobody else.
export const COHORT_NUDGE = 'cohort_nudge';

registerNotificationKind({
  kind: COHORT_NUDGE,
  category: COHORTS_CATEGORY,
  targetKind: 'cohort_nudge',
  readableSql: () =>
    sql`EXISTS (SELECT 1 FROM cohort_nudges x JOIN cohort_members m ON m.cohort_id = x.cohort_id AND m.user_id = x.to_user_id
                WHERE x.id = n.target_id AND x.to_user_id = n.user_id AND m.role = 'participant')`,
  async describe(db, r, list) {
    const found = await rows<{ id: string; cohort_id: string; body: string; cohort_name: string }>(
      db,
      sql`SELECT x.id, x.cohort_id, x.body, c.name AS cohort_name FROM cohort_nudges x JOIN cohorts c ON c.id = x.cohort_id
          WHERE x.to_user_id = ${r.id} AND x.id IN (${sql.join(list.map((n) => sql`${n.target_id}::uuid`), sql`, `)})`,
    );
    const out = new Map<string, NotificationText>();
    for (const n of list) {
      const x = found.find((f) => f.id === n.target_id);
      if (!x) continue;
      out.set(n.id, { sentence: nudgeText.sentence(n.actor_name, x.cohort_name, x.body), path: paths.cohort(x.cohort_id), excerpt: x.body.length > 280 ? x.body : undefined });
    }
    return out;
  },
});

// Kinds cohort_sponsor_question and cohort_sponsor_answer: the question queue of the sponsor page
// (programme/sponsors.service.ts). A participant's question goes to the cohort's sponsors; its first
// answer goes to whoever asked. Both are readable only while the reader is still a member of that
// cohort (the answer: and is the one who asked), so the question's words never reach anyone else.
export const COHORT_SPONSOR_QUESTION = 'cohort_sponsor_question';
export const COHORT_SPONSOR_ANSWER = 'cohort_sponsor_answer';

async function sponsorQuestionsOf(db: Parameters<KindDescribe>[0], list: Parameters<KindDescribe>[2]) {
  return rows<{ id: string; cohort_id: string; body: string; answer: string | null; cohort_name: string }>(
    db,
    sql`SELECT q.id, q.cohort_id, q.body, q.answer, c.name AS cohort_name FROM cohort_sponsor_questions q JOIN cohorts c ON c.id = q.cohort_id
        WHERE q.id IN (${sql.join(list.map((n) => sql`${n.target_id}::uuid`), sql`, `)})`,
  );
}
type KindDescribe = Parameters<typeof registerNotificationKind>[0]['describe'];

registerNotificationKind({
  kind: COHORT_SPONSOR_QUESTION,
  category: COHORTS_CATEGORY,
  targetKind: 'cohort_sponsor_question',
  readableSql: () =>
    sql`EXISTS (SELECT 1 FROM cohort_sponsor_questions q JOIN cohort_members m ON m.cohort_id = q.cohort_id WHERE q.id = n.target_id AND m.user_id = n.user_id)`,
  async describe(db, _r, list) {
    const found = await sponsorQuestionsOf(db, list);
    const out = new Map<string, NotificationText>();
    for (const n of list) {
      const q = found.find((f) => f.id === n.target_id);
      if (!q) continue;
      out.set(n.id, { sentence: sponsorText.questionSentence(n.actor_name, q.cohort_name), path: paths.cohortSponsorQuestion(q.cohort_id, q.id), excerpt: markdownToText(q.body, { max: 600 }) });
    }
    return out;
  },
});

registerNotificationKind({
  kind: COHORT_SPONSOR_ANSWER,
  category: COHORTS_CATEGORY,
  targetKind: 'cohort_sponsor_question',
  readableSql: () =>
    sql`EXISTS (SELECT 1 FROM cohort_sponsor_questions q JOIN cohort_members m ON m.cohort_id = q.cohort_id
                WHERE q.id = n.target_id AND m.user_id = n.user_id AND q.asked_by = n.user_id)`,
  async describe(db, _r, list) {
    const found = await sponsorQuestionsOf(db, list);
    const out = new Map<string, NotificationText>();
    for (const n of list) {
      const q = found.find((f) => f.id === n.target_id);
      if (!q) continue;
      out.set(n.id, { sentence: sponsorText.answerSentence(n.actor_name, q.cohort_name), path: paths.cohortSponsorQuestion(q.cohort_id, q.id), excerpt: q.answer ? markdownToText(q.answer, { max: 600 }) : undefined });
    }
    return out;
  },
});

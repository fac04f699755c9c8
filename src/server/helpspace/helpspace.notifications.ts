import { sql } from 'drizzle-orm';
import { paths } from '../../web/paths.js';
import { de } from '../../shared/french.js';
import { rows } from '../platform/db.js';
import { recipientIsStaffSql, registerNotificationCategory, registerNotificationKind, type NotificationText, type Recipient } from '../notifications/notifications.registry.js';
import { markdownToText } from './posts/markdown.js';

// The help space's notifications: category « Espace d'entraide », one kind per event on a post.
// The target is the post (an answer, a comment, or the question itself); its question is found from it.

export const HELP_CATEGORY = 'entraide';
export const helpNotificationKinds = ['answer', 'comment', 'useful', 'mention', 'new_question', 'unanswered'] as const;
export type HelpNotificationKind = (typeof helpNotificationKinds)[number];

registerNotificationCategory({
  id: HELP_CATEGORY,
  label: 'Espace d’entraide',
  description: 'Réponses à vos questions, réponses jugées utiles, mentions, nouvelles questions des thèmes et espaces que vous suivez.',
  order: 10,
});

/** One sentence per notification, built when shown or sent. */
export function notificationSentence(kind: HelpNotificationKind, actor: string | null, title: string): string {
  const who = actor ?? 'Un membre';
  switch (kind) {
    case 'answer':
      return `${who} a répondu à la question « ${title} ».`;
    case 'comment':
      return `${who} a commenté dans la question « ${title} ».`;
    case 'useful':
      return `${who} a jugé votre réponse utile dans la question « ${title} ».`;
    case 'mention':
      return `${who} vous a mentionné dans la question « ${title} ».`;
    case 'new_question':
      return `Nouvelle question ${actor ? de(actor) : "d'un membre"} : « ${title} ».`;
    case 'unanswered':
      return `La question « ${title} » attend une réponse depuis 48 heures.`;
  }
}

type Helper = { id: string; displayName: string; usefulAnswersCount: number };

/** For facilitators' unanswered-question alerts in e-mails: whom to ask. */
export function suggestionSentence(helpers: Helper[]): string {
  if (!helpers.length) return '';
  const names = helpers.map((h) => `${h.displayName} (${h.usefulAnswersCount} réponse${h.usefulAnswersCount > 1 ? 's' : ''} utile${h.usefulAnswersCount > 1 ? 's' : ''})`);
  return `Membres à solliciter sur ce thème : ${names.join(', ')}.`;
}

/**
 * The question and the post are neither deleted nor (for non-staff) hidden, and the space is
 * readable: a member removed from a private space stops seeing its notifications, in the list, the
 * counts and the e-mails.
 */
function readablePostSql(r: Recipient | null) {
  if (r?.staff) return sql`EXISTS (SELECT 1 FROM help_posts p JOIN help_posts q ON q.id = coalesce(p.question_id, p.id)
    WHERE p.id = n.target_id AND q.deleted_at IS NULL AND p.deleted_at IS NULL)`;
  const staff = r ? sql`false` : recipientIsStaffSql;
  const member = r ? sql`${r.id}` : sql`n.user_id`;
  return sql`EXISTS (SELECT 1 FROM help_posts p JOIN help_posts q ON q.id = coalesce(p.question_id, p.id)
    WHERE p.id = n.target_id AND q.deleted_at IS NULL AND p.deleted_at IS NULL
      AND (${staff} OR (q.hidden_at IS NULL AND p.hidden_at IS NULL
        AND (q.space_id IN (SELECT id FROM help_spaces WHERE kind = 'community')
             OR q.space_id IN (SELECT space_id FROM help_space_members WHERE user_id = ${member})))))`;
}

for (const kind of helpNotificationKinds)
  registerNotificationKind({
    kind,
    category: HELP_CATEGORY,
    targetKind: 'help_post',
    readableSql: readablePostSql,
    async describe(db, _r, list) {
      const found = await rows<{ id: string; question_id: string; title: string; body: string }>(
        db,
        sql`SELECT p.id, q.id AS question_id, q.title, p.body FROM help_posts p JOIN help_posts q ON q.id = coalesce(p.question_id, p.id)
            WHERE p.id IN (${sql.join(list.map((n) => sql`${n.target_id}::uuid`), sql`, `)})`,
      );
      const out = new Map<string, NotificationText>();
      for (const n of list) {
        const post = found.find((f) => f.id === n.target_id);
        if (!post) continue;
        const helpers = (n.data as { suggested?: Helper[] }).suggested ?? [];
        out.set(n.id, {
          sentence: notificationSentence(kind, n.actor_name, post.title),
          path: paths.helpQuestion(post.question_id),
          excerpt: markdownToText(post.body, { max: 280 }),
          mailNote: suggestionSentence(helpers),
          extra: { questionId: post.question_id, questionTitle: post.title, postId: post.id, suggestedHelpers: helpers },
        });
      }
      return out;
    },
  });

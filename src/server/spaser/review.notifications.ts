import { sql } from 'drizzle-orm';
import { paths } from '../../web/paths.js';
import { spaserLabels } from '../../web/spaser/labels.js';
import { rows } from '../platform/db.js';
import { registerNotificationCategory, registerNotificationKind, type KindDef, type NotificationText } from '../notifications/notifications.registry.js';

// The review's news (issue 19, item 3), category « Relecture des SPASER »: an invitation to review, a
// new comment (to the editors and the schéma's other commenters of that thread), a reply (to the
// thread), a resolution (to the thread's author). Readable while the recipient is still an editor or
// an invited reviewer of the schéma: the sentence names a private draft. The comment's text is read
// when the notification is shown or e-mailed, never copied into it.

export const REVIEW_CATEGORY = 'spaser_review';
export const REVIEW_INVITED = 'spaser_review_invited';
export const REVIEW_COMMENT = 'spaser_review_comment';
export const REVIEW_REPLY = 'spaser_review_reply';
export const REVIEW_RESOLVED = 'spaser_review_resolved';

registerNotificationCategory({
  id: REVIEW_CATEGORY,
  label: 'Relecture des SPASER',
  description: 'Invitations à relire un SPASER, nouveaux commentaires et réponses, discussions résolues.',
  order: 61,
});

// An editor counts while still a verified member of an accepted buyer (as loadSpaser decides who writes).
const readableSql = () => sql`(EXISTS (SELECT 1 FROM spaser_editors se
    JOIN spaser_buyers sb ON sb.spaser_id = se.spaser_id AND sb.status = 'accepted'
    JOIN memberships m ON m.organisation_id = sb.organisation_id AND m.user_id = se.user_id AND m.status = 'verified'
    WHERE se.spaser_id = n.target_id AND se.user_id = n.user_id)
  OR EXISTS (SELECT 1 FROM spaser_reviewers sr WHERE sr.spaser_id = n.target_id AND sr.user_id = n.user_id))`;

type Db = Parameters<KindDef['describe']>[0];
type Found = { id: string; title: string; lead: string };

async function schemas(db: Db, ids: string[]): Promise<Found[]> {
  return rows<Found>(
    db,
    sql`SELECT s.id, s.title, o.name AS lead FROM spasers s JOIN organisations o ON o.id = s.lead_organisation_id
        WHERE s.id IN (${sql.join([...new Set(ids)].map((id) => sql`${id}::uuid`), sql`, `)})`,
  );
}

async function comments(db: Db, ids: string[]): Promise<Map<string, string>> {
  const list = ids.filter(Boolean);
  if (!list.length) return new Map();
  const found = await rows<{ id: string; body: string }>(
    db,
    sql`SELECT id, body FROM spaser_review_comments WHERE id IN (${sql.join([...new Set(list)].map((id) => sql`${id}::uuid`), sql`, `)})`,
  );
  return new Map(found.map((c) => [c.id, c.body]));
}

const sectionName = (section: unknown) => spaserLabels.builder.sections[String(section)] ?? String(section);
const excerpt = (text: string | undefined) => (text === undefined ? undefined : text.length > 280 ? `${text.slice(0, 279)}…` : text);

/** A kind whose sentence names the actor, the section and the schéma; `withExcerpt` quotes the comment. */
function reviewKind(kind: string, sentence: (actor: string, section: string, s: Found) => string, withExcerpt: boolean) {
  registerNotificationKind({
    kind,
    category: REVIEW_CATEGORY,
    targetKind: 'spaser',
    readableSql,
    async describe(db, _r, list) {
      const found = await schemas(db, list.map((n) => n.target_id));
      const texts = withExcerpt ? await comments(db, list.map((n) => String(n.data.commentId ?? ''))) : new Map<string, string>();
      const out = new Map<string, NotificationText>();
      for (const n of list) {
        const s = found.find((f) => f.id === n.target_id);
        if (!s) continue;
        const section = n.data.section ? String(n.data.section) : null;
        out.set(n.id, {
          sentence: sentence(n.actor_name ?? 'Une personne', section ? sectionName(section) : '', s),
          path: section ? paths.spaserSection(s.id, section) : paths.spaser(s.id),
          excerpt: excerpt(texts.get(String(n.data.commentId ?? ''))),
        });
      }
      return out;
    },
  });
}

reviewKind(REVIEW_INVITED, (actor, _section, s) => `${actor} vous invite à relire et commenter le SPASER « ${s.title} » (${s.lead}).`, false);
reviewKind(REVIEW_COMMENT, (actor, section, s) => `${actor} a commenté la partie « ${section} » du SPASER « ${s.title} ».`, true);
reviewKind(REVIEW_REPLY, (actor, section, s) => `${actor} a répondu à une discussion de la partie « ${section} » du SPASER « ${s.title} ».`, true);
reviewKind(REVIEW_RESOLVED, (actor, section, s) => `${actor} a marqué comme résolue votre discussion de la partie « ${section} » du SPASER « ${s.title} ».`, false);

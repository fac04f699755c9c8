import { sql } from 'drizzle-orm';
import { paths } from '../../web/paths.js';
import { rows } from '../platform/db.js';
import { registerNotificationCategory, registerNotificationKind, type NotificationText } from '../notifications/notifications.registry.js';

// « Mises en relation »: a request received (to the recipient, the message as excerpt), accepted or
// declined (to the requester). Created by introductions.service.ts for one person each; e-mailed at
// the rhythm each member chose for the category, like every other kind. Never an e-mail address in
// a sentence: it is shown on the request's page only.

export const INTRODUCTIONS_CATEGORY = 'mises_en_relation';
export const INTRODUCTION_REQUESTED = 'introduction_requested';
export const INTRODUCTION_ACCEPTED = 'introduction_accepted';
export const INTRODUCTION_DECLINED = 'introduction_declined';

registerNotificationCategory({
  id: INTRODUCTIONS_CATEGORY,
  label: 'Mises en relation',
  description: 'Demandes de mise en relation reçues, et réponses à celles que vous avez faites.',
  order: 70,
});

const EXCERPT_MAX = 280;
const excerpt = (s: string) => (s.length > EXCERPT_MAX ? `${s.slice(0, EXCERPT_MAX - 1).trimEnd()}…` : s);

const kinds = [
  {
    kind: INTRODUCTION_REQUESTED,
    // Only the recipient, while the request was not withdrawn (a withdrawn one is no news any more).
    readableSql: () => sql`EXISTS (SELECT 1 FROM contact_requests cr WHERE cr.id = n.target_id AND cr.recipient_id = n.user_id AND cr.status <> 'withdrawn')`,
    sentence: (who: string) => `${who} vous demande une mise en relation.`,
    withExcerpt: true,
  },
  {
    kind: INTRODUCTION_ACCEPTED,
    readableSql: () => sql`EXISTS (SELECT 1 FROM contact_requests cr WHERE cr.id = n.target_id AND cr.requester_id = n.user_id AND cr.status = 'accepted')`,
    sentence: (who: string) => `${who} a accepté votre demande de mise en relation : vous voyez maintenant son adresse e-mail.`,
    withExcerpt: false,
  },
  {
    kind: INTRODUCTION_DECLINED,
    readableSql: () => sql`EXISTS (SELECT 1 FROM contact_requests cr WHERE cr.id = n.target_id AND cr.requester_id = n.user_id AND cr.status = 'declined')`,
    sentence: (who: string) => `${who} a décliné votre demande de mise en relation.`,
    withExcerpt: false,
  },
];

for (const k of kinds)
  registerNotificationKind({
    kind: k.kind,
    category: INTRODUCTIONS_CATEGORY,
    targetKind: 'contact_request',
    readableSql: k.readableSql,
    async describe(db, _r, list) {
      const found = await rows<{ id: string; message: string }>(
        db,
        sql`SELECT id, message FROM contact_requests WHERE id IN (${sql.join(list.map((n) => sql`${n.target_id}::uuid`), sql`, `)})`,
      );
      const out = new Map<string, NotificationText>();
      for (const n of list) {
        const cr = found.find((f) => f.id === n.target_id);
        if (!cr) continue;
        out.set(n.id, {
          sentence: k.sentence(n.actor_name ?? 'Un membre'),
          path: paths.introduction(cr.id),
          ...(k.withExcerpt ? { excerpt: excerpt(cr.message) } : {}),
        });
      }
      return out;
    },
  });

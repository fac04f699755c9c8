import { sql } from 'drizzle-orm';
import { paths } from '../../web/paths.js';
import { rows } from '../platform/db.js';
import { recipientIsStaffSql, registerNotificationCategory, registerNotificationKind, type NotificationText } from '../notifications/notifications.registry.js';

// Co-development news: category « Codéveloppement », kind codev_session (a session planned in one's
// group), sent to the group and the session's facilitator. The summary sheet sent the next day is
// transactional (summary.service.ts), never here.

export const CODEV_CATEGORY = 'codeveloppement';
export const CODEV_SESSION = 'codev_session';

registerNotificationCategory({
  id: CODEV_CATEGORY,
  label: 'Codéveloppement',
  description: 'Séances de codéveloppement prévues dans votre groupe.',
  order: 50,
});

const when = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });

registerNotificationKind({
  kind: CODEV_SESSION,
  category: CODEV_CATEGORY,
  targetKind: 'codev_session',
  // canAccessSession (codev.policy.ts): a member of the group, the session's facilitator, or staff.
  readableSql: () => sql`EXISTS (SELECT 1 FROM codev_sessions s WHERE s.id = n.target_id
    AND (s.facilitator_id = n.user_id OR ${recipientIsStaffSql}
      OR EXISTS (SELECT 1 FROM codev_group_members gm WHERE gm.group_id = s.group_id AND gm.user_id = n.user_id)))`,
  audience: (sessionId) => sql`SELECT gm.user_id AS id FROM codev_group_members gm JOIN codev_sessions s ON s.group_id = gm.group_id WHERE s.id = ${sessionId}::uuid
    UNION SELECT facilitator_id FROM codev_sessions WHERE id = ${sessionId}::uuid`,
  async describe(db, _r, list) {
    const found = await rows<{ id: string; title: string; group_name: string; starts_at: Date | string; status: string }>(
      db,
      sql`SELECT s.id, s.title, g.name AS group_name, e.starts_at, e.status FROM codev_sessions s
          JOIN codev_groups g ON g.id = s.group_id JOIN events e ON e.id = s.event_id
          WHERE s.id IN (${sql.join(list.map((n) => sql`${n.target_id}::uuid`), sql`, `)})`,
    );
    const out = new Map<string, NotificationText>();
    for (const n of list) {
      const s = found.find((f) => f.id === n.target_id);
      if (!s) continue;
      const at = s.status === 'cancelled' ? '(séance annulée)' : `le ${when.format(new Date(s.starts_at))} (heure de Paris)`;
      out.set(n.id, { sentence: `Nouvelle séance de codéveloppement dans le groupe « ${s.group_name} » : « ${s.title} », ${at}.`, path: paths.codevSession(s.id) });
    }
    return out;
  },
});

import { sql } from 'drizzle-orm';
import { paths } from '../../web/paths.js';
import { rows } from '../platform/db.js';
import {
  activeAccountsSql,
  recipientIsStaffSql,
  recipientIsVerifiedSql,
  registerNotificationCategory,
  registerNotificationKind,
  type NotificationText,
} from '../notifications/notifications.registry.js';

// The agenda's news: category « Agenda », kind new_webinar (a webinar of the platform, open to the
// public or to verified members), sent to every member who may see it. Registration confirmations,
// changes and reminders of one's own events are transactional (registrations.service.ts), never here.

const when = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });

export const AGENDA_CATEGORY = 'agenda';
export const NEW_WEBINAR = 'new_webinar';

registerNotificationCategory({
  id: AGENDA_CATEGORY,
  label: 'Agenda',
  description: 'Nouveaux webinaires ouverts à l’inscription.',
  order: 20,
});

registerNotificationKind({
  kind: NEW_WEBINAR,
  category: AGENDA_CATEGORY,
  targetKind: 'event',
  // canSeeEvent (events.policy.ts) for a webinar that is still scheduled.
  readableSql: () => sql`EXISTS (SELECT 1 FROM events e WHERE e.id = n.target_id AND e.status = 'scheduled'
    AND (e.visibility = 'public' OR ${recipientIsStaffSql} OR (e.visibility = 'verified' AND ${recipientIsVerifiedSql})))`,
  audience: () => activeAccountsSql,
  async describe(db, _r, list) {
    const found = await rows<{ id: string; title: string; starts_at: Date | string }>(
      db,
      sql`SELECT id, title, starts_at FROM events WHERE id IN (${sql.join(list.map((n) => sql`${n.target_id}::uuid`), sql`, `)})`,
    );
    const out = new Map<string, NotificationText>();
    for (const n of list) {
      const e = found.find((f) => f.id === n.target_id);
      if (e) out.set(n.id, { sentence: `Nouveau webinaire : « ${e.title} », le ${when.format(new Date(e.starts_at))} (heure de Paris).`, path: paths.event(e.id) });
    }
    return out;
  },
});

import { sql } from 'drizzle-orm';
import { paths } from '../../web/paths.js';
import { rows } from '../platform/db.js';
import { activeAccountsSql, registerNotificationCategory, registerNotificationKind, type NotificationText } from '../notifications/notifications.registry.js';

// The cohorts' news: category « Promotions », kind cohort_open (a new cohort takes applications),
// sent to every member. Decisions on one's own application are transactional
// (applications.service.ts), never here. Cohort announcements will register their kind here.

export const COHORTS_CATEGORY = 'promotions';
export const COHORT_OPEN = 'cohort_open';

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

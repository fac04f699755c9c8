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

// The library's news: category « Bibliothèque », kind new_resource (a resource published by the
// programme team, or a member's proposal once approved), sent to every member who may read it.

export const LIBRARY_CATEGORY = 'bibliotheque';
export const NEW_RESOURCE = 'new_resource';

registerNotificationCategory({
  id: LIBRARY_CATEGORY,
  label: 'Bibliothèque',
  description: 'Nouvelles ressources publiées dans la bibliothèque : guides, clauses types, exemples.',
  order: 30,
});

registerNotificationKind({
  kind: NEW_RESOURCE,
  category: LIBRARY_CATEGORY,
  targetKind: 'library_resource',
  // The rule of readableResourceSql (resources.service.ts), written over the recipient n.user_id.
  readableSql: () => sql`EXISTS (SELECT 1 FROM library_resources lr WHERE lr.id = n.target_id AND lr.status = 'published'
    AND (${recipientIsStaffSql} OR lr.visibility = 'public'
      OR (lr.visibility = 'verified' AND ${recipientIsVerifiedSql})
      OR (lr.visibility = 'space' AND lr.space_id IN (SELECT m.space_id FROM help_space_members m WHERE m.user_id = n.user_id))
      OR (lr.visibility = 'group' AND lr.group_id IN (SELECT g.group_id FROM library_group_members g WHERE g.user_id = n.user_id))))`,
  audience: () => activeAccountsSql,
  async describe(db, _r, list) {
    const found = await rows<{ id: string; title: string }>(
      db,
      sql`SELECT id, title FROM library_resources WHERE id IN (${sql.join(list.map((n) => sql`${n.target_id}::uuid`), sql`, `)})`,
    );
    const out = new Map<string, NotificationText>();
    for (const n of list) {
      const r = found.find((f) => f.id === n.target_id);
      if (r) out.set(n.id, { sentence: `Nouvelle ressource dans la bibliothèque : « ${r.title} ».`, path: paths.libraryResource(r.id) });
    }
    return out;
  },
});

import { asc, eq, sql } from 'drizzle-orm';
import { personalData } from '../platform/personal-data.js';
import { notificationPreferences, notifications, notificationSettings } from './notifications.tables.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// The member's notifications and e-mail rhythm go; in other members' notifications the member was
// the actor, which is forgotten (the notification stays, about the post). Unsubscribe links of a
// deleted account stop working (notifications.service.ts checks the account), and alerts that
// suggested the member as a helper no longer name them.
personalData.register({
  module: 'notifications',
  covers: ['notifications.user_id', 'notifications.actor_id', 'notification_settings.user_id', 'notification_preferences.user_id'],
  async export({ userId, tx }) {
    const [s] = await tx.select().from(notificationSettings).where(eq(notificationSettings.userId, userId));
    const prefs = await tx.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId)).orderBy(asc(notificationPreferences.category));
    const list = await tx.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(asc(notifications.createdAt), asc(notifications.id));
    return {
      settings: s ? { emailFrequency: s.emailFrequency, lastDigestAt: iso(s.lastDigestAt), updatedAt: iso(s.updatedAt) } : null,
      ...(prefs.length ? { categories: prefs.map((p) => ({ category: p.category, emailFrequency: p.emailFrequency, updatedAt: iso(p.updatedAt) })) } : {}),
      notifications: list.map((n) => ({
        kind: n.kind,
        category: n.category,
        targetKind: n.targetKind,
        targetId: n.targetId,
        createdAt: iso(n.createdAt),
        readAt: iso(n.readAt),
        emailedAt: iso(n.emailedAt),
      })),
    };
  },
  async erase({ userId, tx }) {
    await tx.delete(notifications).where(eq(notifications.userId, userId));
    await tx.update(notifications).set({ actorId: null }).where(eq(notifications.actorId, userId));
    await tx.delete(notificationSettings).where(eq(notificationSettings.userId, userId));
    await tx.delete(notificationPreferences).where(eq(notificationPreferences.userId, userId));
    // Unanswered-question alerts suggest helpers by name (a frozen copy): the member leaves those lists.
    await tx.execute(sql`UPDATE notifications
      SET data = jsonb_set(data, '{suggested}', (SELECT coalesce(jsonb_agg(e), '[]'::jsonb) FROM jsonb_array_elements(data->'suggested') e WHERE e->>'id' <> ${userId}))
      WHERE data->'suggested' @> jsonb_build_array(jsonb_build_object('id', ${userId}::text))`);
  },
});

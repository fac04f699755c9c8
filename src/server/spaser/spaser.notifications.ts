import { sql } from 'drizzle-orm';
import { paths } from '../../web/paths.js';
import { rows } from '../platform/db.js';
import { registerNotificationCategory, registerNotificationKind, type NotificationText } from '../notifications/notifications.registry.js';

// The SPASER builder's news, category « SPASER »: an organisation is invited into a joint schéma (its
// verified members are told), a person is made an editor. Each is created by the service in the
// transaction of the change (never a broadcast). Readable while the recipient is still a verified
// member of one of the schéma's buyers (invited or accepted): the sentence names the schéma, which
// is private to them.

export const SPASER_CATEGORY = 'spaser';
export const SPASER_INVITED = 'spaser_invited';
export const SPASER_EDITOR_ADDED = 'spaser_editor_added';
// Issue 19, item 2: two years without a published bilan des indicateurs (bilan.service.ts, a daily job).
export const SPASER_BILAN_DUE = 'spaser_bilan_due';

registerNotificationCategory({
  id: SPASER_CATEGORY,
  label: 'SPASER',
  description: 'Invitations à rejoindre un schéma commun et à rédiger un SPASER, rappel du bilan des indicateurs.',
  order: 60,
});

const readableSql = () => sql`EXISTS (SELECT 1 FROM spaser_buyers sb JOIN memberships m ON m.organisation_id = sb.organisation_id
  WHERE sb.spaser_id = n.target_id AND m.user_id = n.user_id AND m.status = 'verified')`;

type Found = { id: string; title: string; lead: string };
async function schemas(db: Parameters<Parameters<typeof registerNotificationKind>[0]['describe']>[0], ids: string[]): Promise<Found[]> {
  return rows<Found>(
    db,
    sql`SELECT s.id, s.title, o.name AS lead FROM spasers s JOIN organisations o ON o.id = s.lead_organisation_id
        WHERE s.id IN (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`,
  );
}

registerNotificationKind({
  kind: SPASER_INVITED,
  category: SPASER_CATEGORY,
  targetKind: 'spaser',
  readableSql,
  async describe(db, _r, list) {
    const found = await schemas(db, list.map((n) => n.target_id));
    const orgIds = [...new Set(list.map((n) => String(n.data.organisationId ?? '')).filter(Boolean))];
    const orgs = orgIds.length
      ? await rows<{ id: string; name: string }>(db, sql`SELECT id, name FROM organisations WHERE id IN (${sql.join(orgIds.map((id) => sql`${id}::uuid`), sql`, `)})`)
      : [];
    const out = new Map<string, NotificationText>();
    for (const n of list) {
      const s = found.find((f) => f.id === n.target_id);
      const invited = orgs.find((o) => o.id === n.data.organisationId);
      if (!s || !invited) continue;
      out.set(n.id, {
        sentence: `${n.actor_name ?? 'Un rédacteur'} (${s.lead}) invite ${invited.name} à rejoindre le schéma commun « ${s.title} ».`,
        path: paths.spaser(s.id),
      });
    }
    return out;
  },
});

registerNotificationKind({
  kind: SPASER_EDITOR_ADDED,
  category: SPASER_CATEGORY,
  targetKind: 'spaser',
  readableSql,
  async describe(db, _r, list) {
    const found = await schemas(db, list.map((n) => n.target_id));
    const out = new Map<string, NotificationText>();
    for (const n of list) {
      const s = found.find((f) => f.id === n.target_id);
      if (!s) continue;
      out.set(n.id, { sentence: `${n.actor_name ?? 'Un rédacteur'} vous a ajouté(e) aux rédacteurs du SPASER « ${s.title} » (${s.lead}).`, path: paths.spaser(s.id) });
    }
    return out;
  },
});

const frenchDay = (iso: string) => new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`)).replace(/^1 /, '1er ');

registerNotificationKind({
  kind: SPASER_BILAN_DUE,
  category: SPASER_CATEGORY,
  targetKind: 'spaser',
  readableSql,
  async describe(db, _r, list) {
    const found = await schemas(db, list.map((n) => n.target_id));
    const out = new Map<string, NotificationText>();
    for (const n of list) {
      const s = found.find((f) => f.id === n.target_id);
      if (!s || typeof n.data.dueOn !== 'string') continue;
      out.set(n.id, {
        sentence: `Le bilan des indicateurs du SPASER « ${s.title} » (${s.lead}) est attendu depuis le ${frenchDay(n.data.dueOn)} : la loi demande de publier les indicateurs au moins tous les deux ans.`,
        path: paths.spaserBilan(s.id),
      });
    }
    return out;
  },
});

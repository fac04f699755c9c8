import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../platform/db.js';

/**
 * The one mechanism every module uses to notify (issue 16, ADR 0022). A module declares, in its own
 * `<module>.notifications.ts`, the category of its news and each kind it sends: who may still read a
 * notification (SQL over the alias `n`, re-checked when listed, counted and e-mailed) and how its
 * sentence and link are built at that moment. This file holds the registry and nothing else, so it
 * imports no module.
 */

/** The member a notification is listed or e-mailed to. */
export type Recipient = { id: string; staff: boolean };

/** A notification row as the registry's describers receive it. */
export type NotificationRow = {
  id: string;
  kind: string;
  category: string;
  target_kind: string;
  target_id: string;
  actor_id: string | null;
  actor_name: string | null;
  data: Record<string, unknown>;
};

/** What a module says about one notification, built when it is shown or sent. */
export type NotificationText = {
  sentence: string;
  /** Path in the web app (paths.ts); e-mails prefix the base URL. */
  path: string;
  /** A short plain-text quote for the single e-mail, when there is one. */
  excerpt?: string;
  /** Extra sentence for e-mails (e.g. whom to ask). */
  mailNote?: string;
  /** Facts the centre shows beside the sentence (the help space's question, suggested helpers). */
  extra?: { questionId?: string; questionTitle?: string; postId?: string; suggestedHelpers?: { id: string; displayName: string; usefulAnswersCount: number }[] };
};

export type CategoryDef = {
  id: string;
  /** French name shown in the preference centre and the filters. */
  label: string;
  /** One French sentence: what news this category brings. */
  description: string;
  /** Order in the preference centre. */
  order: number;
};

export type KindDef = {
  kind: string;
  category: string;
  targetKind: string;
  /**
   * The notifications of this kind their recipient may still read, over the alias `n` (n.user_id,
   * n.target_id). `r` is the recipient when listing or e-mailing, null when the fan-out of a kind
   * with an audience keeps the readers among it: such kinds write the rule with `n.user_id` only.
   */
  readableSql(r: Recipient | null): SQL;
  /** Sentences and links for rows of this kind (all readable), in one go. */
  describe(db: Db | Tx, r: Recipient, rows: NotificationRow[]): Promise<Map<string, NotificationText>>;
  /**
   * For broadcast news (a new resource, a new webinar): the candidates (a query selecting `id`), read
   * when the fan-out job runs and kept only where `readableSql(null)` holds. Absent: the module
   * creates the notifications itself (answers to followed questions…).
   */
  audience?(targetId: string): SQL;
};

const categories = new Map<string, CategoryDef>();
const kinds = new Map<string, KindDef>();

/** Declares a category of news: members choose a rhythm for each. */
export function registerNotificationCategory(def: CategoryDef) {
  if (categories.has(def.id)) throw new Error(`notification category registered twice: ${def.id}`);
  if (!/^[a-z_]{2,32}$/.test(def.id)) throw new Error(`notification category id must be lower-case letters: ${def.id}`);
  categories.set(def.id, def);
}

/** Declares a kind of notification of a module, in a category already declared. */
export function registerNotificationKind(def: KindDef) {
  if (kinds.has(def.kind)) throw new Error(`notification kind registered twice: ${def.kind}`);
  if (!categories.has(def.category)) throw new Error(`notification kind ${def.kind}: unknown category ${def.category}`);
  kinds.set(def.kind, def);
}

export const notificationCategories = (): CategoryDef[] => [...categories.values()].sort((a, b) => a.order - b.order);
export const notificationCategory = (id: string): CategoryDef | undefined => categories.get(id);
export const notificationKind = (kind: string): KindDef | undefined => kinds.get(kind);
export const notificationKinds = (): KindDef[] => [...kinds.values()];

/** Accounts that may receive news: active, address confirmed. */
export const activeAccountsSql = sql`SELECT id FROM users WHERE disabled_at IS NULL AND deleted_at IS NULL AND email_verified_at IS NOT NULL`;

/** The recipient `n.user_id` is platform staff (facilitator or admin). */
export const recipientIsStaffSql = sql`EXISTS (SELECT 1 FROM users su WHERE su.id = n.user_id AND su.role IN ('facilitator', 'admin'))`;

/** The recipient `n.user_id` is a verified member of an organisation (or staff). */
export const recipientIsVerifiedSql = sql`(${recipientIsStaffSql} OR EXISTS (SELECT 1 FROM memberships vm WHERE vm.user_id = n.user_id AND vm.status = 'verified'))`;

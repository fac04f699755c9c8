import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { createNotifications } from '../notifications/notifications.service.js';
import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { rows, type Db, type Tx } from '../platform/db.js';
import { fail, ok, type Result } from '../platform/result.js';
import type { ReviewState, ReviewThread } from './review.contract.js';
import { reviewFieldMessages } from './review.messages.js';
import { REVIEW_COMMENT, REVIEW_INVITED, REVIEW_REPLY, REVIEW_RESOLVED } from './review.notifications.js';
import { spaserReviewComments, spaserReviewers } from './review.tables.js';
import type { SpaserSectionKey } from './spaser.contract.js';
import { loadSpaser } from './spaser.service.js';
import { spaserEditors, spasers } from './spaser.tables.js';

/**
 * The review of a schéma (issue 19, item 3): editors invite colleagues of the schéma's buyers and the
 * platform's facilitators to read the draft and comment on its sections; threads are resolved or
 * reopened by the editors (or their author). Only editors and invited reviewers read or write them;
 * nothing here ever reaches a publication.
 */

/** Accounts that may act: neither disabled nor erased. */
const activeAccount = sql`u.disabled_at IS NULL AND u.deleted_at IS NULL`;

export async function isReviewer(db: Db | Tx, spaserId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: spaserReviewers.userId })
    .from(spaserReviewers)
    .where(and(eq(spaserReviewers.spaserId, spaserId), eq(spaserReviewers.userId, userId)));
  return !!row;
}

type Access = { canEdit: boolean; reviewing: boolean; acceptedBuyerIds: string[] };

/** Who the person is for this schéma's review; a reader who is neither editor nor reviewer gets canComment false. */
async function access(deps: Deps, user: AuthUser, spaserId: string): Promise<Result<Access>> {
  const loaded = await loadSpaser(deps, user, spaserId);
  if (!loaded.ok) return loaded;
  return ok({
    canEdit: loaded.value.canEdit,
    reviewing: await isReviewer(deps.db, spaserId, user.id),
    acceptedBuyerIds: loaded.value.buyers.filter((b) => b.status === 'accepted').map((b) => b.organisationId),
  });
}

/** Colleagues (verified members of the accepted buyers) and facilitators, neither editor nor reviewer yet. */
async function candidates(db: Db | Tx, spaserId: string, buyerIds: string[], onlyUserId?: string) {
  const members = buyerIds.length
    ? sql`EXISTS (SELECT 1 FROM memberships m JOIN organisations o ON o.id = m.organisation_id
          WHERE m.user_id = u.id AND m.status = 'verified' AND m.organisation_id IN (${sql.join(buyerIds.map((id) => sql`${id}::uuid`), sql`, `)}))`
    : sql`false`;
  return rows<{ user_id: string; first_name: string; last_name: string; detail: string | null; role: string }>(
    db,
    sql`SELECT u.id AS user_id, u.first_name, u.last_name, u.role,
          (SELECT string_agg(o.name, ', ' ORDER BY o.name) FROM memberships m JOIN organisations o ON o.id = m.organisation_id
            WHERE m.user_id = u.id AND m.status = 'verified') AS detail
        FROM users u
        WHERE ${activeAccount} AND (u.role = 'facilitator' OR ${members})
          AND u.id NOT IN (SELECT user_id FROM spaser_editors WHERE spaser_id = ${spaserId})
          AND u.id NOT IN (SELECT user_id FROM spaser_reviewers WHERE spaser_id = ${spaserId})
          ${onlyUserId ? sql`AND u.id = ${onlyUserId}` : sql``}
        ORDER BY u.last_name, u.first_name, u.id`,
  );
}

const personDetail = (c: { role: string; detail: string | null }) => (c.role === 'facilitator' ? `Animation de la plateforme${c.detail ? ` — ${c.detail}` : ''}` : (c.detail ?? ''));

/** The review as the person sees it: reviewers, candidates (editors), threads (editors and reviewers). */
export async function reviewState(deps: Deps, user: AuthUser, spaserId: string): Promise<Result<ReviewState>> {
  const a = await access(deps, user, spaserId);
  if (!a.ok) return a;
  const { canEdit, reviewing } = a.value;
  const canComment = canEdit || reviewing;
  if (!canComment) return ok({ canInvite: false, canComment: false, reviewing: false, reviewers: [], candidates: [], threads: [] });
  const reviewers = await rows<{ user_id: string; first_name: string; last_name: string; role: string; detail: string | null; invited_at: Date | string }>(
    deps.db,
    sql`SELECT u.id AS user_id, u.first_name, u.last_name, u.role, r.invited_at,
          (SELECT string_agg(o.name, ', ' ORDER BY o.name) FROM memberships m JOIN organisations o ON o.id = m.organisation_id
            WHERE m.user_id = u.id AND m.status = 'verified') AS detail
        FROM spaser_reviewers r JOIN users u ON u.id = r.user_id
        WHERE r.spaser_id = ${spaserId} ORDER BY u.last_name, u.first_name, u.id`,
  );
  const list = canEdit ? await candidates(deps.db, spaserId, a.value.acceptedBuyerIds) : [];
  return ok({
    canInvite: canEdit,
    canComment,
    reviewing,
    reviewers: reviewers.map((r) => ({ userId: r.user_id, name: `${r.first_name} ${r.last_name}`, detail: personDetail(r), invitedAt: new Date(r.invited_at).toISOString() })),
    candidates: list.map((c) => ({ userId: c.user_id, name: `${c.first_name} ${c.last_name}`, detail: personDetail(c) })),
    threads: await threads(deps, user, spaserId, canEdit),
  });
}

async function threads(deps: Deps, user: AuthUser, spaserId: string, canEdit: boolean): Promise<ReviewThread[]> {
  const all = await rows<{
    id: string; section: SpaserSectionKey; thread_id: string | null; author_id: string | null; author_name: string | null; body: string;
    created_at: Date | string; resolved_at: Date | string | null; resolved_by_name: string | null;
  }>(
    deps.db,
    sql`SELECT c.id, c.section, c.thread_id, c.author_id, a.first_name || ' ' || a.last_name AS author_name, c.body, c.created_at, c.resolved_at,
          rb.first_name || ' ' || rb.last_name AS resolved_by_name
        FROM spaser_review_comments c LEFT JOIN users a ON a.id = c.author_id LEFT JOIN users rb ON rb.id = c.resolved_by
        WHERE c.spaser_id = ${spaserId} ORDER BY c.created_at, c.id`,
  );
  const iso = (d: Date | string) => new Date(d).toISOString();
  return all
    .filter((c) => c.thread_id === null)
    .map((root) => ({
      id: root.id,
      section: root.section,
      comments: all
        .filter((c) => c.id === root.id || c.thread_id === root.id)
        .map((c) => ({ id: c.id, authorName: c.author_name, body: c.body, createdAt: iso(c.created_at), mine: c.author_id === user.id })),
      resolvedAt: root.resolved_at ? iso(root.resolved_at) : null,
      resolvedByName: root.resolved_at ? root.resolved_by_name : null,
      canResolve: canEdit || root.author_id === user.id,
    }));
}

/** An editor invites a colleague of an accepted buyer or a facilitator to review; the person is told. */
export async function inviteReviewer(deps: Deps, user: AuthUser, spaserId: string, userId: string): Promise<Result<{ ok: true }>> {
  const a = await access(deps, user, spaserId);
  if (!a.ok) return a;
  if (!a.value.canEdit) return fail('SPASER_EDIT_FORBIDDEN');
  if (await isReviewer(deps.db, spaserId, userId)) return fail('SPASER_REVIEWER_EXISTS');
  const [editor] = await deps.db.select().from(spaserEditors).where(and(eq(spaserEditors.spaserId, spaserId), eq(spaserEditors.userId, userId)));
  if (editor) return fail('VALIDATION', { userId: reviewFieldMessages.editor });
  const [eligible] = await candidates(deps.db, spaserId, a.value.acceptedBuyerIds, userId);
  if (!eligible) return fail('VALIDATION', { userId: reviewFieldMessages.notEligible });
  const added = await deps.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(spaserReviewers)
      .values({ spaserId, userId, invitedBy: user.id, invitedAt: deps.clock.now() })
      .onConflictDoNothing()
      .returning({ userId: spaserReviewers.userId });
    if (inserted.length) await createNotifications(deps, tx, [{ userId, kind: REVIEW_INVITED, targetId: spaserId, actorId: user.id }]);
    return inserted.length > 0;
  });
  return added ? ok({ ok: true as const }) : fail('SPASER_REVIEWER_EXISTS');
}

/** An editor revokes an invitation: the person no longer reads the schéma nor comments; their comments stay. */
export async function revokeReviewer(deps: Deps, user: AuthUser, spaserId: string, userId: string): Promise<Result<{ ok: true }>> {
  const a = await access(deps, user, spaserId);
  if (!a.ok) return a;
  if (!a.value.canEdit) return fail('SPASER_EDIT_FORBIDDEN');
  const removed = await deps.db
    .delete(spaserReviewers)
    .where(and(eq(spaserReviewers.spaserId, spaserId), eq(spaserReviewers.userId, userId)))
    .returning({ userId: spaserReviewers.userId });
  return removed.length ? ok({ ok: true as const }) : fail('SPASER_REVIEWER_NOT_FOUND');
}

/** Editors and reviewers of the schéma among `ids`, minus the actor: who may still be told. */
async function stillReviewing(tx: Db | Tx, spaserId: string, ids: string[], actorId: string): Promise<string[]> {
  const wanted = [...new Set(ids)].filter((id) => id !== actorId);
  if (!wanted.length) return [];
  const found = await rows<{ user_id: string }>(
    tx,
    sql`SELECT u.id AS user_id FROM users u
        WHERE u.id IN (${sql.join(wanted.map((id) => sql`${id}::uuid`), sql`, `)}) AND ${activeAccount}
          AND (u.id IN (SELECT user_id FROM spaser_editors WHERE spaser_id = ${spaserId})
            OR u.id IN (SELECT user_id FROM spaser_reviewers WHERE spaser_id = ${spaserId}))
        ORDER BY u.id`,
  );
  return found.map((f) => f.user_id);
}

async function editorIds(tx: Db | Tx, spaserId: string): Promise<string[]> {
  return (await tx.select({ userId: spaserEditors.userId }).from(spaserEditors).where(eq(spaserEditors.spaserId, spaserId))).map((e) => e.userId);
}

/** Refuses anyone who is neither editor nor invited reviewer (a reader, a facilitator not invited, a revoked reviewer). */
async function commenter(deps: Deps, user: AuthUser, spaserId: string): Promise<Result<Access>> {
  const a = await access(deps, user, spaserId);
  if (!a.ok) return a;
  if (!a.value.canEdit && !a.value.reviewing) return fail('SPASER_REVIEW_NOT_INVITED');
  return a;
}

/** Opens a thread on a section; the editors are told. */
export async function startThread(deps: Deps, user: AuthUser, spaserId: string, input: { section: SpaserSectionKey; body: string }): Promise<Result<{ id: string }>> {
  const a = await commenter(deps, user, spaserId);
  if (!a.ok) return a;
  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(spaserReviewComments)
      .values({ spaserId, section: input.section, authorId: user.id, body: input.body, createdAt: deps.clock.now() })
      .returning({ id: spaserReviewComments.id });
    const to = await stillReviewing(tx, spaserId, await editorIds(tx, spaserId), user.id);
    await createNotifications(deps, tx, to.map((userId) => ({ userId, kind: REVIEW_COMMENT, targetId: spaserId, actorId: user.id, data: { section: input.section, threadId: row!.id, commentId: row!.id } })));
    return row!.id;
  });
  return ok({ id });
}

async function loadThread(db: Db | Tx, spaserId: string, threadId: string) {
  // Filtered by the schéma read from the route's checked access, never trusted from the body (no IDOR).
  const [root] = await db
    .select()
    .from(spaserReviewComments)
    .where(and(eq(spaserReviewComments.id, threadId), eq(spaserReviewComments.spaserId, spaserId), isNull(spaserReviewComments.threadId)));
  return root;
}

/** Replies in a thread; the editors and the thread's participants are told. */
export async function reply(deps: Deps, user: AuthUser, spaserId: string, threadId: string, body: string): Promise<Result<{ id: string }>> {
  const a = await commenter(deps, user, spaserId);
  if (!a.ok) return a;
  const root = await loadThread(deps.db, spaserId, threadId);
  if (!root) return fail('SPASER_REVIEW_THREAD_NOT_FOUND');
  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(spaserReviewComments)
      .values({ spaserId, section: root.section, threadId, authorId: user.id, body, createdAt: deps.clock.now() })
      .returning({ id: spaserReviewComments.id });
    const participants = await tx
      .select({ authorId: spaserReviewComments.authorId })
      .from(spaserReviewComments)
      .where(and(eq(spaserReviewComments.spaserId, spaserId), sql`(${spaserReviewComments.id} = ${threadId} OR ${spaserReviewComments.threadId} = ${threadId})`));
    const ids = [...(await editorIds(tx, spaserId)), ...participants.map((p) => p.authorId).filter((x): x is string => !!x)];
    const to = await stillReviewing(tx, spaserId, ids, user.id);
    await createNotifications(deps, tx, to.map((userId) => ({ userId, kind: REVIEW_REPLY, targetId: spaserId, actorId: user.id, data: { section: root.section, threadId, commentId: row!.id } })));
    return row!.id;
  });
  return ok({ id });
}

/** Marks a thread resolved or open again (editors, or the thread's author); a resolution tells its author. */
export async function setResolved(deps: Deps, user: AuthUser, spaserId: string, threadId: string, resolved: boolean): Promise<Result<{ ok: true }>> {
  const a = await commenter(deps, user, spaserId);
  if (!a.ok) return a;
  const root = await loadThread(deps.db, spaserId, threadId);
  if (!root) return fail('SPASER_REVIEW_THREAD_NOT_FOUND');
  if (!a.value.canEdit && root.authorId !== user.id) return fail('SPASER_REVIEW_RESOLVE_FORBIDDEN');
  if (resolved === (root.resolvedAt !== null)) return ok({ ok: true as const });
  await deps.db.transaction(async (tx) => {
    await tx
      .update(spaserReviewComments)
      .set(resolved ? { resolvedAt: deps.clock.now(), resolvedBy: user.id } : { resolvedAt: null, resolvedBy: null })
      .where(and(eq(spaserReviewComments.id, threadId), eq(spaserReviewComments.spaserId, spaserId)));
    if (resolved && root.authorId) {
      const to = await stillReviewing(tx, spaserId, [root.authorId], user.id);
      await createNotifications(deps, tx, to.map((userId) => ({ userId, kind: REVIEW_RESOLVED, targetId: spaserId, actorId: user.id, data: { section: root.section, threadId } })));
    }
  });
  return ok({ ok: true as const });
}

/** The schémas the person was invited to review, newest invitation first, with their open threads. */
export async function myReviews(deps: Deps, user: AuthUser) {
  const list = await deps.db
    .select({ id: spasers.id, title: spasers.title, leadId: spasers.leadOrganisationId, invitedAt: spaserReviewers.invitedAt })
    .from(spaserReviewers)
    .innerJoin(spasers, eq(spasers.id, spaserReviewers.spaserId))
    .where(eq(spaserReviewers.userId, user.id))
    .orderBy(sql`${spaserReviewers.invitedAt} DESC`, asc(spasers.id));
  if (!list.length) return { items: [] };
  const ids = list.map((s) => s.id);
  const leads = await rows<{ id: string; name: string }>(deps.db, sql`SELECT id, name FROM organisations WHERE id IN (${sql.join(list.map((s) => sql`${s.leadId}::uuid`), sql`, `)})`);
  const open = await deps.db
    .select({ spaserId: spaserReviewComments.spaserId, n: sql<number>`count(*)::int` })
    .from(spaserReviewComments)
    .where(and(inArray(spaserReviewComments.spaserId, ids), isNull(spaserReviewComments.threadId), isNull(spaserReviewComments.resolvedAt)))
    .groupBy(spaserReviewComments.spaserId);
  return {
    items: list.map((s) => ({
      id: s.id,
      title: s.title,
      lead: leads.find((l) => l.id === s.leadId)?.name ?? '',
      openThreads: open.find((o) => o.spaserId === s.id)?.n ?? 0,
      invitedAt: s.invitedAt.toISOString(),
    })),
  };
}

import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import { rows } from '../../platform/db.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { createNotifications } from '../../notifications/notifications.service.js';
import * as policy from '../helpspace.policy.js';
import { helpModerationLog, helpPosts, helpReports } from '../helpspace.tables.js';
import { markdownToText } from '../posts/markdown.js';
import { JOB_UNANSWERED_SWEEP, loadReadablePost, postFacts, UNANSWERED_AFTER_MS } from '../posts/posts.service.js';
import { refreshQuestion } from '../posts/question-stats.js';

const SWEEP_EVERY_MS = 3600_000;

/** Reports a post to the facilitators, with a reason; once per member and post while open. */
export async function reportPost(deps: Deps, user: AuthUser, postId: string, reason: string): Promise<Result<{ ok: true }>> {
  const loaded = await loadReadablePost(deps.db, user, postId);
  if (!loaded) return fail('POST_NOT_FOUND');
  const { post, question, space } = loaded;
  if (post.authorId === user.id) return fail('OWN_POST_REPORT');
  if (!policy.canReport(user, space.facts, postFacts(post, question))) return fail('CANNOT_POST_HERE');
  const [open] = await deps.db
    .select({ id: helpReports.id })
    .from(helpReports)
    .where(and(eq(helpReports.postId, post.id), eq(helpReports.reporterId, user.id), isNull(helpReports.resolvedAt)));
  if (open) return fail('ALREADY_REPORTED');
  await deps.db.insert(helpReports).values({ postId: post.id, reporterId: user.id, reason, createdAt: deps.clock.now() });
  return ok({ ok: true as const });
}

/**
 * The open reports grouped by post, the post reported first at the top: each with every reason and
 * reporter and their number. Acting on a post closes all its reports (moderate below).
 */
export async function reportQueue(deps: Deps) {
  const list = await rows<{
    id: string; post_id: string; kind: 'question' | 'answer' | 'comment'; question_id: string; title: string; body: string;
    reason: string; reporter_id: string; reporter: string; created_at: Date | string; hidden_at: Date | string | null;
  }>(
    deps.db,
    sql`SELECT r.id, r.post_id, p.kind, p.question_id, q.title, p.body, r.reason, r.reporter_id,
          u.first_name || ' ' || u.last_name AS reporter, r.created_at, p.hidden_at
        FROM help_reports r
        JOIN help_posts p ON p.id = r.post_id
        JOIN help_posts q ON q.id = p.question_id
        JOIN users u ON u.id = r.reporter_id
        WHERE r.resolved_at IS NULL AND p.deleted_at IS NULL
        ORDER BY r.created_at, r.id`,
  );
  const byPost = new Map<string, (typeof list)[number][]>();
  for (const r of list) byPost.set(r.post_id, [...(byPost.get(r.post_id) ?? []), r]);
  return {
    items: [...byPost.values()].map((reports) => {
      const r = reports[0]!;
      return {
        postId: r.post_id,
        postKind: r.kind,
        questionId: r.question_id,
        questionTitle: r.title,
        excerpt: markdownToText(r.body, { max: 280 }),
        postHidden: !!r.hidden_at,
        reportersCount: new Set(reports.map((x) => x.reporter_id)).size,
        firstReportedAt: new Date(r.created_at).toISOString(),
        reports: reports.map((x) => ({
          id: x.id,
          reason: x.reason,
          reporter: { id: x.reporter_id, displayName: x.reporter },
          createdAt: new Date(x.created_at).toISOString(),
        })),
      };
    }),
  };
}

/** Hides, restores, locks, unlocks, moves (theme) or deletes a post; logged, and closes all its open reports at once. */
export async function moderate(
  deps: Deps,
  user: AuthUser,
  postId: string,
  input: { action: 'hide' | 'restore' | 'lock' | 'unlock' | 'move' | 'delete'; theme?: string; reason: string },
): Promise<Result<{ ok: true }>> {
  const loaded = await loadReadablePost(deps.db, user, postId);
  if (!loaded) return fail('POST_NOT_FOUND');
  const { post } = loaded;
  if ((input.action === 'lock' || input.action === 'unlock') && post.kind !== 'question') return fail('LOCK_QUESTION_ONLY');
  if (input.action === 'move') {
    if (post.kind !== 'question') return fail('MOVE_QUESTION_ONLY');
    if (!input.theme) return fail('MOVE_NEEDS_THEME', { theme: 'Choisissez le thème de destination.' });
  }
  const now = deps.clock.now();
  const change: Partial<typeof helpPosts.$inferInsert> = {
    hide: { hiddenAt: now },
    restore: { hiddenAt: null },
    lock: { lockedAt: now },
    unlock: { lockedAt: null },
    move: { theme: input.theme },
    delete: { deletedAt: now },
  }[input.action];
  await deps.db.transaction(async (tx) => {
    await tx.update(helpPosts).set(change).where(and(eq(helpPosts.id, post.id), eq(helpPosts.spaceId, post.spaceId)));
    await tx.insert(helpModerationLog).values({
      postId: post.id,
      actorId: user.id,
      action: input.action,
      reason: input.reason,
      details: input.action === 'move' ? { from: post.theme, to: input.theme } : { kind: post.kind },
      createdAt: now,
    });
    await tx.update(helpReports).set({ resolvedAt: now, resolvedBy: user.id }).where(and(eq(helpReports.postId, post.id), isNull(helpReports.resolvedAt)));
    if (post.kind === 'answer') await refreshQuestion(tx, post.questionId!);
  });
  return ok({ ok: true as const });
}

/** The moderation log, newest first (deleted posts included: that is the trace). */
export async function moderationLog(deps: Deps) {
  const list = await rows<{ id: string; post_id: string; action: string; reason: string; actor: string | null; details: Record<string, unknown>; created_at: Date | string }>(
    deps.db,
    sql`SELECT l.id, l.post_id, l.action, l.reason, l.details, l.created_at,
          (SELECT u.first_name || ' ' || u.last_name FROM users u WHERE u.id = l.actor_id) AS actor
        FROM help_moderation_log l ORDER BY l.created_at DESC, l.id LIMIT 200`,
  );
  return {
    items: list.map((l) => ({ id: l.id, postId: l.post_id, action: l.action, reason: l.reason, actor: l.actor, details: l.details, createdAt: new Date(l.created_at).toISOString() })),
  };
}

/** Members who gave the most useful answers on a theme (the question's author excluded). */
export async function topHelpers(deps: Deps, theme: string, excludeUserId: string, limit = 3) {
  const list = await rows<{ id: string; name: string; n: number }>(
    deps.db,
    sql`SELECT u.id, u.first_name || ' ' || u.last_name AS name, count(*)::int AS n
        FROM help_posts a JOIN help_posts q ON q.id = a.question_id JOIN users u ON u.id = a.author_id
        WHERE a.kind = 'answer' AND a.useful_at IS NOT NULL AND a.deleted_at IS NULL AND a.hidden_at IS NULL
          AND q.theme = ${theme} AND u.id <> ${excludeUserId} AND u.disabled_at IS NULL
        GROUP BY u.id, u.first_name, u.last_name
        ORDER BY n DESC, u.last_name, u.id LIMIT ${limit}`,
  );
  return list.map((r) => ({ id: r.id, displayName: r.name, usefulAnswersCount: Number(r.n) }));
}


export function registerModerationJobs(deps: Deps) {
  // Every hour: questions 48 hours old without any visible answer alert the facilitators once,
  // with the members who answered most usefully on the theme suggested to them.
  deps.jobs.register(JOB_UNANSWERED_SWEEP, async () => {
    const now = deps.clock.now();
    const due = await rows<{ id: string; theme: string; author_id: string }>(
      deps.db,
      sql`SELECT q.id, q.theme, q.author_id FROM help_posts q
          WHERE q.kind = 'question' AND q.deleted_at IS NULL AND q.hidden_at IS NULL AND q.unanswered_alert_at IS NULL
            AND q.created_at <= ${new Date(now.getTime() - UNANSWERED_AFTER_MS)}
            AND q.answer_count = 0
          ORDER BY q.created_at LIMIT 100`,
    );
    const staff = due.length
      ? await rows<{ id: string }>(deps.db, sql`SELECT id FROM users WHERE role IN ('facilitator', 'admin') AND disabled_at IS NULL AND email_verified_at IS NOT NULL`)
      : [];
    for (const q of due) {
      const suggested = await topHelpers(deps, q.theme, q.author_id);
      await deps.db.transaction(async (tx) => {
        const marked = await tx
          .update(helpPosts)
          .set({ unansweredAlertAt: now })
          .where(and(eq(helpPosts.id, q.id), isNull(helpPosts.unansweredAlertAt)))
          .returning({ id: helpPosts.id });
        if (!marked.length) return;
        await createNotifications(deps, tx, staff.map((s) => ({ userId: s.id, kind: 'unanswered' as const, targetId: q.id, actorId: q.author_id, data: { suggested } })));
      });
    }
    await deps.jobs.enqueue(JOB_UNANSWERED_SWEEP, {}, { delayMs: SWEEP_EVERY_MS, dedupeKey: JOB_UNANSWERED_SWEEP });
  });
}


import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { profileVisibleSql } from '../../accounts/profile-visibility.js';
import { users } from '../../accounts/accounts.tables.js';
import type { AuthUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import type { Db, Tx } from '../../platform/db.js';
import { rows } from '../../platform/db.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { createNotifications, type NewNotification } from '../../notifications/notifications.service.js';
import type { HelpNotificationKind } from '../helpspace.notifications.js';
import { helpNotices } from '../helpspace.messages.js';
import * as policy from '../helpspace.policy.js';
import { helpModerationLog, helpPostRevisions, helpPosts, helpVotes } from '../helpspace.tables.js';
import { follow, isFollowing, loadSpace, readableSpaceSql, readerOf, visiblePostSql, type Reader } from '../spaces/spaces.service.js';
import { mentionedUserIds, renderMarkdown } from './markdown.js';
import { refreshQuestion, refreshScore } from './question-stats.js';

export const JOB_NOTIFY = 'helpspace.notify';
export const JOB_UNANSWERED_SWEEP = 'helpspace.unansweredSweep';
export const UNANSWERED_AFTER_MS = 48 * 3600_000;

export type PostRow = typeof helpPosts.$inferSelect;
type Loaded = { post: PostRow; question: PostRow; space: Awaited<ReturnType<typeof loadSpace>> & {} };

/**
 * Loads a post with its question and space when the user may read all three; null otherwise, so
 * that an unknown post and one in a space the user cannot read answer the same.
 */
export async function loadReadablePost(db: Db | Tx, user: AuthUser | null, postId: string): Promise<Loaded | null> {
  const [post] = await db.select().from(helpPosts).where(eq(helpPosts.id, postId));
  if (!post) return null;
  const [question] = post.kind === 'question' ? [post] : await db.select().from(helpPosts).where(eq(helpPosts.id, post.questionId!));
  if (!question) return null;
  const space = await loadSpace(db, user?.id ?? null, post.spaceId);
  if (!space || !policy.canReadSpace(user, space.facts)) return null;
  const seen = (p: PostRow) => policy.canSeePost(user, { hidden: !!p.hiddenAt, deleted: !!p.deletedAt });
  if (!seen(post) || !seen(question)) return null;
  if (post.kind === 'comment' && post.parentId !== question.id) {
    const [parent] = await db.select().from(helpPosts).where(eq(helpPosts.id, post.parentId!));
    if (!parent || !seen(parent)) return null;
  }
  return { post, question, space };
}

export const postFacts = (p: PostRow, question: PostRow): policy.PostFacts => ({
  kind: p.kind,
  authorId: p.authorId,
  hidden: !!p.hiddenAt,
  deleted: !!p.deletedAt,
  locked: !!question.lockedAt,
});

/** Refuses a post from an account younger than 7 days that already posted 5 times this hour. */
async function checkRate(tx: Db | Tx, userId: string, now: Date): Promise<boolean> {
  const [u] = await tx.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, userId));
  if (!u) return false;
  if (now.getTime() - u.createdAt.getTime() >= policy.NEW_ACCOUNT_MS) return true;
  const [{ n }] = (await rows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM help_posts WHERE author_id = ${userId} AND created_at > ${new Date(now.getTime() - 3600_000)}`,
  )) as [{ n: number }];
  return policy.postingAllowed(u.createdAt, now, Number(n));
}

export type NotifyEvent =
  | { event: 'question' | 'answer' | 'comment' | 'useful'; postId: string; actorId: string }
  | { event: 'mention'; postId: string; actorId: string; userIds: string[] };

/** Asks a question in a space the member can post in. */
export async function createQuestion(
  deps: Deps,
  user: AuthUser,
  input: { spaceId: string; title: string; body: string; theme: string; tags: string[] },
): Promise<Result<{ id: string }>> {
  const space = await loadSpace(deps.db, user.id, input.spaceId);
  if (!space || !policy.canReadSpace(user, space.facts)) return fail('SPACE_NOT_FOUND');
  if (!policy.canPostInSpace(user, space.facts)) return fail('CANNOT_POST_HERE');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (!(await checkRate(tx, user.id, now))) return fail('POSTING_RATE_LIMITED');
    const id = randomUUID();
    await tx.insert(helpPosts).values({
      id,
      kind: 'question',
      spaceId: space.space.id,
      questionId: id,
      authorId: user.id,
      title: input.title,
      theme: input.theme,
      tags: input.tags,
      body: input.body,
      createdAt: now,
    });
    await refreshQuestion(tx, id);
    // Askers follow their own question: answers reach them per their e-mail preference.
    await follow(tx, user.id, 'question', id, now);
    await deps.jobs.enqueue(JOB_NOTIFY, { event: 'question', postId: id, actorId: user.id } satisfies NotifyEvent, {}, tx);
    // The hourly unanswered-questions sweep starts with the first question and then reschedules
    // itself (deduplicated: one pending sweep at a time, whatever the number of processes).
    await deps.jobs.enqueue(JOB_UNANSWERED_SWEEP, {}, { runAt: new Date(now.getTime() + UNANSWERED_AFTER_MS), dedupeKey: JOB_UNANSWERED_SWEEP }, tx);
    return ok({ id });
  });
}

/** Answers a question; the notice tells the UI when the question was already solved. */
export async function createAnswer(
  deps: Deps,
  user: AuthUser,
  questionId: string,
  body: string,
): Promise<Result<{ id: string; notice: 'ALREADY_SOLVED' | null; noticeMessage: string | null }>> {
  const loaded = await loadReadablePost(deps.db, user, questionId);
  if (!loaded || loaded.post.kind !== 'question') return fail('QUESTION_NOT_FOUND');
  const { question, space } = loaded;
  if (!policy.canPostInSpace(user, space.facts)) return fail('CANNOT_POST_HERE');
  if (!policy.canReply(user, space.facts, { locked: !!question.lockedAt, hidden: !!question.hiddenAt, deleted: !!question.deletedAt })) return fail('QUESTION_LOCKED');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (!(await checkRate(tx, user.id, now))) return fail('POSTING_RATE_LIMITED');
    const [a] = await tx
      .insert(helpPosts)
      .values({ kind: 'answer', spaceId: question.spaceId, questionId: question.id, parentId: question.id, authorId: user.id, body, createdAt: now })
      .returning({ id: helpPosts.id });
    await refreshQuestion(tx, question.id);
    await deps.jobs.enqueue(JOB_NOTIFY, { event: 'answer', postId: a!.id, actorId: user.id } satisfies NotifyEvent, {}, tx);
    const notice = question.solvedAt ? ('ALREADY_SOLVED' as const) : null;
    return ok({ id: a!.id, notice, noticeMessage: notice ? helpNotices[notice] : null });
  });
}

/** Comments a question or an answer. */
export async function createComment(deps: Deps, user: AuthUser, parentId: string, body: string): Promise<Result<{ id: string }>> {
  const loaded = await loadReadablePost(deps.db, user, parentId);
  if (!loaded || loaded.post.kind === 'comment') return fail('POST_NOT_FOUND');
  const { post, question, space } = loaded;
  if (!policy.canPostInSpace(user, space.facts)) return fail('CANNOT_POST_HERE');
  if (!policy.canReply(user, space.facts, { locked: !!question.lockedAt, hidden: !!question.hiddenAt, deleted: !!question.deletedAt })) return fail('QUESTION_LOCKED');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (!(await checkRate(tx, user.id, now))) return fail('POSTING_RATE_LIMITED');
    const [c] = await tx
      .insert(helpPosts)
      .values({ kind: 'comment', spaceId: question.spaceId, questionId: question.id, parentId: post.id, authorId: user.id, body, createdAt: now })
      .returning({ id: helpPosts.id });
    await deps.jobs.enqueue(JOB_NOTIFY, { event: 'comment', postId: c!.id, actorId: user.id } satisfies NotifyEvent, {}, tx);
    return ok({ id: c!.id });
  });
}

/** Edits one's own post (staff: any); the replaced version is kept in help_post_revisions. */
export async function editPost(
  deps: Deps,
  user: AuthUser,
  postId: string,
  input: { title?: string; body: string; tags?: string[] },
): Promise<Result<{ ok: true }>> {
  const loaded = await loadReadablePost(deps.db, user, postId);
  if (!loaded) return fail('POST_NOT_FOUND');
  const { post, question, space } = loaded;
  if (!policy.canEditPost(user, space.facts, postFacts(post, question))) return fail(post.authorId === user.id ? 'QUESTION_LOCKED' : 'NOT_YOUR_POST');
  const now = deps.clock.now();
  const isQuestion = post.kind === 'question';
  const newMentions = mentionedUserIds(input.body).filter((id) => !mentionedUserIds(post.body).includes(id));
  await deps.db.transaction(async (tx) => {
    await tx.insert(helpPostRevisions).values({ postId: post.id, title: post.title, body: post.body, tags: post.tags, editedBy: user.id, replacedAt: now });
    await tx
      .update(helpPosts)
      .set({
        body: input.body,
        ...(isQuestion && input.title !== undefined ? { title: input.title } : {}),
        ...(isQuestion && input.tags !== undefined ? { tags: input.tags } : {}),
        editedAt: now,
      })
      // The stored row's own ids: the request cannot redirect the update elsewhere.
      .where(and(eq(helpPosts.id, post.id), eq(helpPosts.spaceId, post.spaceId), isNull(helpPosts.deletedAt)));
    if (post.kind !== 'comment') await refreshQuestion(tx, question.id);
    if (newMentions.length)
      await deps.jobs.enqueue(JOB_NOTIFY, { event: 'mention', postId: post.id, actorId: user.id, userIds: newMentions } satisfies NotifyEvent, {}, tx);
  });
  return ok({ ok: true as const });
}

/** Deletes a post softly (the author, or staff); the trace stays in the moderation log. */
export async function deletePost(deps: Deps, user: AuthUser, postId: string): Promise<Result<{ ok: true }>> {
  const loaded = await loadReadablePost(deps.db, user, postId);
  if (!loaded) return fail('POST_NOT_FOUND');
  const { post, question, space } = loaded;
  if (!policy.canDeletePost(user, space.facts, postFacts(post, question))) return fail('NOT_YOUR_POST');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.update(helpPosts).set({ deletedAt: now }).where(and(eq(helpPosts.id, post.id), eq(helpPosts.spaceId, post.spaceId)));
    await tx.insert(helpModerationLog).values({
      postId: post.id,
      actorId: user.id,
      action: post.authorId === user.id ? 'delete_by_author' : 'delete',
      details: { kind: post.kind },
      createdAt: now,
    });
    if (post.kind === 'answer') await refreshQuestion(tx, question.id);
  });
  return ok({ ok: true as const });
}

/** The previous versions of a post, newest first. */
export async function revisions(deps: Deps, user: AuthUser | null, postId: string) {
  const loaded = await loadReadablePost(deps.db, user, postId);
  if (!loaded) return fail('POST_NOT_FOUND');
  const items = await deps.db
    .select()
    .from(helpPostRevisions)
    .where(eq(helpPostRevisions.postId, loaded.post.id))
    .orderBy(sql`${helpPostRevisions.replacedAt} DESC`);
  return ok({ items: items.map((r) => ({ title: r.title, body: r.body, tags: r.tags, replacedAt: r.replacedAt.toISOString() })) });
}

/** One up-vote per member per post; voting twice is refused. */
export async function vote(deps: Deps, user: AuthUser, postId: string, on: boolean): Promise<Result<{ score: number; voted: boolean }>> {
  const loaded = await loadReadablePost(deps.db, user, postId);
  if (!loaded) return fail('POST_NOT_FOUND');
  const { post, question, space } = loaded;
  if (on) {
    if (post.authorId === user.id) return fail('OWN_POST_VOTE');
    if (!policy.canVote(user, space.facts, postFacts(post, question))) return fail('CANNOT_POST_HERE');
  }
  return deps.db.transaction(async (tx): Promise<Result<{ score: number; voted: boolean }>> => {
    const changed = on
      ? await tx.insert(helpVotes).values({ postId: post.id, userId: user.id, createdAt: deps.clock.now() }).onConflictDoNothing().returning({ p: helpVotes.postId })
      : await tx.delete(helpVotes).where(and(eq(helpVotes.postId, post.id), eq(helpVotes.userId, user.id))).returning({ p: helpVotes.postId });
    if (!changed.length) return fail(on ? 'ALREADY_VOTED' : 'NOT_VOTED');
    return ok({ score: await refreshScore(tx, post.id), voted: on });
  });
}

/** Marks (or unmarks) an answer as useful: the question's author or a facilitator only. */
export async function markUseful(deps: Deps, user: AuthUser, answerId: string, on: boolean): Promise<Result<{ ok: true }>> {
  const loaded = await loadReadablePost(deps.db, user, answerId);
  if (!loaded) return fail('POST_NOT_FOUND');
  const { post, question } = loaded;
  if (post.kind !== 'answer') return fail('NOT_AN_ANSWER');
  if (!policy.canMarkUseful(user, { authorId: question.authorId, deleted: !!question.deletedAt })) return fail('NOT_YOUR_QUESTION');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const changed = await tx
      .update(helpPosts)
      .set(on ? { usefulAt: now, usefulBy: user.id } : { usefulAt: null, usefulBy: null })
      .where(and(eq(helpPosts.id, post.id), eq(helpPosts.questionId, question.id), on ? isNull(helpPosts.usefulAt) : sql`${helpPosts.usefulAt} IS NOT NULL`))
      .returning({ id: helpPosts.id });
    if (changed.length) await refreshQuestion(tx, question.id);
    if (on && changed.length)
      await deps.jobs.enqueue(JOB_NOTIFY, { event: 'useful', postId: post.id, actorId: user.id } satisfies NotifyEvent, {}, tx);
  });
  return ok({ ok: true as const });
}

// ---------------------------------------------------------------- question page

/**
 * A post's author as members see them (for readers who may see names, `canSeeAuthors`): name, first
 * verified organisation, and whether their profile page is open to members (issue 20, item 3), so
 * that the name links to it only then. `authorId`: the author column of the enclosing query.
 */
export const authorSql = (authorId: SQL) =>
  sql`(SELECT json_build_object('id', u.id, 'displayName', u.first_name || ' ' || u.last_name,
      'organisationName', (SELECT o.name FROM memberships m JOIN organisations o ON o.id = m.organisation_id
                           WHERE m.user_id = u.id AND m.status = 'verified' ORDER BY o.name LIMIT 1),
      'profile', ${profileVisibleSql(sql`u.id`)})
    FROM users u WHERE u.id = ${authorId})`;
export type PostAuthor = { id: string; displayName: string; organisationName: string | null; profile: boolean };

type RawPost = {
  id: string;
  kind: 'question' | 'answer' | 'comment';
  parent_id: string | null;
  author_id: string;
  body: string;
  useful_at: Date | string | null;
  hidden_at: Date | string | null;
  created_at: Date | string;
  edited_at: Date | string | null;
  score: number;
  voted: boolean;
  author: PostAuthor | null;
};
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The question page: question, answers (useful first, then by score), comments, and what the reader may do. */
export async function questionPage(deps: Deps, user: AuthUser | null, questionId: string) {
  const loaded = await loadReadablePost(deps.db, user, questionId);
  if (!loaded || loaded.post.kind !== 'question') return fail('QUESTION_NOT_FOUND');
  const { question, space } = loaded;
  const reader = readerOf(user);
  const showAuthors = policy.canSeeAuthors(user);
  const posts = await rows<RawPost>(
    deps.db,
    sql`SELECT p.id, p.kind, p.parent_id, p.author_id, p.body, p.useful_at, p.hidden_at, p.created_at, p.edited_at,
          p.score,
          ${user ? sql`EXISTS (SELECT 1 FROM help_votes v WHERE v.post_id = p.id AND v.user_id = ${user.id})` : sql`false`} AS voted,
          ${authorSql(sql`p.author_id`)} AS author
        FROM help_posts p
        WHERE p.question_id = ${question.id} AND ${visiblePostSql(reader, 'p')}
        ORDER BY p.created_at, p.id`,
  );
  const facts = (p: RawPost): policy.PostFacts => ({ kind: p.kind, authorId: p.author_id, hidden: !!p.hidden_at, deleted: false, locked: !!question.lockedAt });
  const replyOpen = policy.canReply(user, space.facts, { locked: !!question.lockedAt, hidden: !!question.hiddenAt, deleted: false });
  const can = (p: RawPost) => ({
    edit: policy.canEditPost(user, space.facts, facts(p)),
    delete: policy.canDeletePost(user, space.facts, facts(p)),
    vote: policy.canVote(user, space.facts, facts(p)),
    report: policy.canReport(user, space.facts, facts(p)),
    comment: p.kind !== 'comment' && replyOpen,
    moderate: policy.canModerate(user),
  });
  const view = (p: RawPost) => ({
    id: p.id,
    author: showAuthors ? p.author : null,
    body: p.body,
    bodyHtml: renderMarkdown(p.body),
    createdAt: iso(p.created_at)!,
    editedAt: iso(p.edited_at),
    hidden: !!p.hidden_at,
  });
  const commentsOf = (parentId: string) =>
    posts.filter((p) => p.kind === 'comment' && p.parent_id === parentId).map((p) => ({ ...view(p), can: can(p) }));
  const self = posts.find((p) => p.id === question.id)!;
  const answers = posts
    .filter((p) => p.kind === 'answer')
    .sort((a, b) => Number(!!b.useful_at) - Number(!!a.useful_at) || b.score - a.score || new Date(a.created_at).getTime() - new Date(b.created_at).getTime())
    .map((p) => ({
      ...view(p),
      score: Number(p.score),
      voted: !!p.voted,
      useful: !!p.useful_at,
      comments: commentsOf(p.id),
      can: { ...can(p), markUseful: policy.canMarkUseful(user, { authorId: question.authorId, deleted: false }) },
    }));
  return ok({
    ...view(self),
    spaceId: question.spaceId,
    title: question.title!,
    theme: question.theme!,
    tags: question.tags,
    answersCount: answers.length,
    score: Number(self.score),
    voted: !!self.voted,
    solved: answers.some((a) => a.useful && !a.hidden),
    locked: !!question.lockedAt,
    following: user ? await isFollowing(deps.db, user.id, 'question', question.id) : false,
    space: { id: space.space.id, kind: space.space.kind, name: space.space.name },
    comments: commentsOf(question.id),
    answers,
    can: { ...can(self), answer: replyOpen, follow: !!user },
  });
}

// ---------------------------------------------------------------- notifications fan-out

/** Who may read a question now: readers that are not allowed are never notified. */
async function readersAmong(db: Db | Tx, userIds: string[], spaceId: string): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const list = await rows<{ id: string }>(
    db,
    sql`SELECT u.id FROM users u
        WHERE u.id IN (${sql.join(userIds.map((id) => sql`${id}::uuid`), sql`, `)}) AND u.disabled_at IS NULL
          AND (u.role IN ('facilitator', 'admin')
               OR ${spaceId}::uuid IN (SELECT id FROM help_spaces WHERE kind = 'community')
               OR EXISTS (SELECT 1 FROM help_space_members m WHERE m.space_id = ${spaceId}::uuid AND m.user_id = u.id))`,
  );
  return new Set(list.map((r) => r.id));
}

async function followersOf(db: Db | Tx, targets: { kind: string; id: string }[]): Promise<string[]> {
  const list = await rows<{ user_id: string }>(
    db,
    sql`SELECT DISTINCT user_id FROM help_follows WHERE ${sql.join(targets.map((t) => sql`(target_kind = ${t.kind} AND target_id = ${t.id})`), sql` OR `)}`,
  );
  return list.map((r) => r.user_id);
}

/** Registers the help space's jobs: the notification fan-out, built when it runs. */
export function registerPostJobs(deps: Deps) {
  deps.jobs.register(JOB_NOTIFY, async (payload: NotifyEvent) => {
    const { db } = deps;
    const [post] = await db.select().from(helpPosts).where(eq(helpPosts.id, payload.postId));
    if (!post || post.deletedAt || post.hiddenAt) return;
    const [question] = await db.select().from(helpPosts).where(eq(helpPosts.id, post.questionId!));
    if (!question || question.deletedAt || question.hiddenAt) return;
    const wanted = new Map<string, HelpNotificationKind>();
    const add = (ids: string[], kind: HelpNotificationKind) => ids.forEach((id) => wanted.has(id) || wanted.set(id, kind));
    // Mentions first: a mentioned follower gets the more specific notification.
    add(payload.event === 'mention' ? payload.userIds : mentionedUserIds(post.body), 'mention');
    if (payload.event === 'question') add(await followersOf(db, [{ kind: 'theme', id: question.theme! }, { kind: 'space', id: question.spaceId }]), 'new_question');
    if (payload.event === 'answer') add(await followersOf(db, [{ kind: 'question', id: question.id }]), 'answer');
    if (payload.event === 'comment') {
      const [parent] = await db.select({ authorId: helpPosts.authorId }).from(helpPosts).where(eq(helpPosts.id, post.parentId!));
      add([...(parent ? [parent.authorId] : []), ...(await followersOf(db, [{ kind: 'question', id: question.id }]))], 'comment');
    }
    if (payload.event === 'useful') add([post.authorId], 'useful');
    wanted.delete(payload.actorId);
    // At-least-once jobs, and an edit may re-mention: never twice the same notification for a post.
    const already = await rows<{ user_id: string; kind: string }>(db, sql`SELECT user_id, kind FROM notifications WHERE target_kind = 'help_post' AND target_id = ${post.id}`);
    for (const a of already) if (wanted.get(a.user_id) === a.kind) wanted.delete(a.user_id);
    const allowed = await readersAmong(db, [...wanted.keys()], question.spaceId);
    const items: NewNotification[] = [...wanted]
      .filter(([id]) => allowed.has(id))
      .map(([userId, kind]) => ({ userId, kind, targetId: post.id, actorId: payload.actorId }));
    await db.transaction(async (tx) => createNotifications(deps, tx, items));
  });
}

/** The one definition of a member's useful answer (`a` is the answer row): marked useful, neither deleted
 * nor hidden, in the community space (private spaces never count outside them). */
/** An answer (alias `a`) marked useful in the community space, still shown: the one definition of a useful answer. */
const USEFUL_COMMUNITY_ANSWER = sql`a.kind = 'answer' AND a.useful_at IS NOT NULL
      AND a.deleted_at IS NULL AND a.hidden_at IS NULL
      AND a.space_id IN (SELECT id FROM help_spaces WHERE kind = 'community')`;

function usefulCommunityAnswerSql(userIdColumn: unknown) {
  return sql`a.author_id = ${userIdColumn} AND ${USEFUL_COMMUNITY_ANSWER}`;
}

/**
 * The same useful answers per author: `total`, and `on_theme`, those answering a question of `theme`
 * (0 without a theme).
 */
export function usefulAnswersPerAuthorSql(theme: string | null): SQL {
  return sql`SELECT a.author_id, count(*)::int AS total, count(*) FILTER (WHERE q.theme = ${theme})::int AS on_theme
    FROM help_posts a JOIN help_posts q ON q.id = a.question_id
    WHERE ${USEFUL_COMMUNITY_ANSWER}
    GROUP BY a.author_id`;
}

/** The same useful answers per author among those `authors` selects and per theme of the question they
 * answer (null: a question without a theme): what peer matching keeps in its facts (peers/peer-facts.ts). */
export function usefulAnswersPerAuthorAndThemeSql(authors: SQL): SQL {
  return sql`SELECT a.author_id, q.theme, count(*)::int AS n
    FROM help_posts a JOIN help_posts q ON q.id = a.question_id
    WHERE a.author_id IN (${authors}) AND ${USEFUL_COMMUNITY_ANSWER}
    GROUP BY a.author_id, q.theme`;
}

/** Useful answers of a member in the community space. Pass a fully qualified column (drizzle drops the
 * table name in single-table selects). */
export function usefulAnswersCountSql(userIdColumn: unknown) {
  return sql<number>`(SELECT count(*)::int FROM help_posts a WHERE ${usefulCommunityAnswerSql(userIdColumn)})`;
}

/** The same useful answers counted per theme of the question they answer (null: a question without a
 * theme); most first. Their sum is `usefulAnswersCountSql`. */
export async function usefulAnswersByTheme(db: Db | Tx, userId: string): Promise<{ theme: string | null; count: number }[]> {
  const found = await rows<{ theme: string | null; n: number }>(
    db,
    sql`SELECT q.theme, count(*)::int AS n FROM help_posts a JOIN help_posts q ON q.id = a.question_id
      WHERE ${usefulCommunityAnswerSql(userId)}
      GROUP BY q.theme ORDER BY n DESC, q.theme NULLS LAST`,
  );
  return found.map((r) => ({ theme: r.theme, count: Number(r.n) }));
}

export { readableSpaceSql, visiblePostSql, type Reader };

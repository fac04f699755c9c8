import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { users } from '../../accounts/accounts.tables.js';
import type { AuthUser } from '../../platform/auth.js';
import { isStaff } from '../../platform/auth.js';
import type { Deps } from '../../platform/context.js';
import type { Db, Tx } from '../../platform/db.js';
import { rows } from '../../platform/db.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { themeKeys, themes } from '../../../shared/fields.js';
import { canManageSpaceMembers, canPostInSpace, canReadSpace, type SpaceFacts } from '../helpspace.policy.js';
import { COMMUNITY_SPACE_ID, helpFollows, helpSpaceMembers, helpSpaces } from '../helpspace.tables.js';

/** Who reads: enough of the user to decide visibility (also built for e-mail recipients in jobs). */
export type Reader = { id: string; staff: boolean } | null;
export const readerOf = (u: AuthUser | null): Reader => (u ? { id: u.id, staff: isStaff(u) } : null);

/**
 * The one SQL rule of visibility (docs/decisions/0007-help-space-visibility.md), used by every
 * read path: lists, pages, search, counts, notifications, digests and exports.
 */
export function readableSpaceSql(reader: Reader, spaceIdColumn: SQL | unknown): SQL {
  if (reader?.staff) return sql`true`;
  // `= ANY(ARRAY(…))`: the readable spaces are listed once per query (an InitPlan), then checked
  // against each row as a plain value, or used as an index condition.
  if (!reader) return sql`${spaceIdColumn} = ANY(ARRAY(SELECT id FROM help_spaces WHERE kind = 'community'))`;
  return sql`${spaceIdColumn} = ANY(ARRAY(SELECT id FROM help_spaces WHERE kind = 'community'
                                          UNION ALL SELECT space_id FROM help_space_members WHERE user_id = ${reader.id}))`;
}

/** A post is visible when not deleted, and not hidden unless the reader is staff. */
export function visiblePostSql(reader: Reader, alias: string): SQL {
  const a = sql.raw(alias);
  return reader?.staff ? sql`${a}.deleted_at IS NULL` : sql`(${a}.deleted_at IS NULL AND ${a}.hidden_at IS NULL)`;
}

export type SpaceRow = typeof helpSpaces.$inferSelect;

/** The space and the facts the policy needs, or null when it does not exist. */
export async function loadSpace(db: Db | Tx, userId: string | null, spaceId: string): Promise<{ space: SpaceRow; facts: SpaceFacts } | null> {
  const [space] = await db.select().from(helpSpaces).where(eq(helpSpaces.id, spaceId));
  if (!space) return null;
  let isMember = false;
  if (userId && space.kind === 'private') {
    const [m] = await db
      .select({ u: helpSpaceMembers.userId })
      .from(helpSpaceMembers)
      .where(and(eq(helpSpaceMembers.spaceId, space.id), eq(helpSpaceMembers.userId, userId)));
    isMember = !!m;
  }
  return { space, facts: { kind: space.kind, isMember } };
}

/**
 * Each database's space kinds seen by this process. A space's kind is set when it is created and
 * never changed, and no code path deletes a space (cohorts and resources point at it): the kind
 * needs no invalidation, and a space created by another process is a miss, read once. Only the kind
 * is kept: a private space's membership is asked of the database on every request.
 */
const spaceKinds = new WeakMap<object, Map<string, SpaceFacts['kind']>>();

/**
 * The facts the policy needs about a space (canReadSpace), or null when it does not exist: what
 * every read path asks before listing or searching, without a query for a kind already seen.
 */
export async function spaceFacts(db: Db, userId: string | null, spaceId: string): Promise<SpaceFacts | null> {
  const kinds = spaceKinds.get(db) ?? new Map<string, SpaceFacts['kind']>();
  spaceKinds.set(db, kinds);
  let kind = kinds.get(spaceId);
  if (!kind) {
    const [space] = await db.select({ kind: helpSpaces.kind }).from(helpSpaces).where(eq(helpSpaces.id, spaceId));
    if (!space) return null;
    kind = space.kind;
    kinds.set(spaceId, kind);
  }
  if (kind !== 'private' || !userId) return { kind, isMember: false };
  const [m] = await db
    .select({ u: helpSpaceMembers.userId })
    .from(helpSpaceMembers)
    .where(and(eq(helpSpaceMembers.spaceId, spaceId), eq(helpSpaceMembers.userId, userId)));
  return { kind, isMember: !!m };
}

function countQuestionsSql(reader: Reader) {
  return sql<number>`(SELECT count(*)::int FROM help_posts q WHERE q.space_id = help_spaces.id AND q.kind = 'question' AND ${visiblePostSql(reader, 'q')})`;
}

/** The spaces the user may read, with their question counts. */
export async function listSpaces(deps: Deps, user: AuthUser | null) {
  const reader = readerOf(user);
  const list = await deps.db
    .select({
      id: helpSpaces.id,
      kind: helpSpaces.kind,
      name: helpSpaces.name,
      description: helpSpaces.description,
      questionsCount: countQuestionsSql(reader),
      isMember: user
        ? sql<boolean>`EXISTS (SELECT 1 FROM help_space_members m WHERE m.space_id = help_spaces.id AND m.user_id = ${user.id})`
        : sql<boolean>`false`,
    })
    .from(helpSpaces)
    .where(readableSpaceSql(reader, helpSpaces.id))
    .orderBy(sql`${helpSpaces.kind} = 'private'`, asc(helpSpaces.name));
  return {
    items: list.map(({ isMember, ...s }) => {
      const facts = { kind: s.kind, isMember: !!isMember };
      return { ...s, questionsCount: Number(s.questionsCount), can: { post: canPostInSpace(user, facts), manageMembers: canManageSpaceMembers(user, facts) } };
    }),
  };
}

/** A space page: the member list is shown to staff and the space's members (private spaces only). */
export async function getSpace(deps: Deps, user: AuthUser | null, spaceId: string) {
  const loaded = await loadSpace(deps.db, user?.id ?? null, spaceId);
  if (!loaded || !canReadSpace(user, loaded.facts)) return fail('SPACE_NOT_FOUND');
  const { space, facts } = loaded;
  const reader = readerOf(user);
  const [{ n }] = await rows<{ n: number }>(deps.db, sql`SELECT count(*)::int AS n FROM help_posts q WHERE q.space_id = ${space.id} AND q.kind = 'question' AND ${visiblePostSql(reader, 'q')}`) as [{ n: number }];
  const members =
    space.kind === 'private'
      ? await deps.db
          .select({ id: users.id, firstName: users.firstName, lastName: users.lastName })
          .from(helpSpaceMembers)
          .innerJoin(users, eq(users.id, helpSpaceMembers.userId))
          .where(eq(helpSpaceMembers.spaceId, space.id))
          .orderBy(asc(users.lastName), asc(users.firstName))
      : [];
  const following = user ? await isFollowing(deps.db, user.id, 'space', space.id) : false;
  return ok({
    id: space.id,
    kind: space.kind,
    name: space.name,
    description: space.description,
    questionsCount: Number(n),
    members,
    following,
    can: { post: canPostInSpace(user, facts), manageMembers: canManageSpaceMembers(user, facts) },
  });
}

/** Creates a private space (a facilitator's working group; the cohorts module creates one per cohort). */
export async function createPrivateSpace(
  deps: Deps,
  user: AuthUser,
  input: { name: string; description: string; memberIds: string[]; cohortId?: string },
  db: Db | Tx = deps.db,
): Promise<Result<{ id: string }>> {
  const now = deps.clock.now();
  const ids = [...new Set(input.memberIds)];
  // Checked before writing anything: a bad id changes nothing.
  if (ids.length) {
    const found = await db.select({ id: users.id }).from(users).where(and(inArray(users.id, ids), isNull(users.disabledAt)));
    if (found.length !== ids.length) return fail('NOT_A_MEMBER_ACCOUNT', { memberIds: "Un des comptes choisis n'existe pas ou est désactivé." });
  }
  return db.transaction(async (tx) => {
    const [space] = await tx
      .insert(helpSpaces)
      .values({ kind: 'private', name: input.name, description: input.description, cohortId: input.cohortId ?? null, createdBy: user.id, createdAt: now })
      .returning({ id: helpSpaces.id });
    if (ids.length) await tx.insert(helpSpaceMembers).values(ids.map((userId) => ({ spaceId: space!.id, userId, addedBy: user.id, createdAt: now })));
    return ok({ id: space!.id });
  });
}

/** Adds a member to a private space (idempotent); `db` lets a caller do it inside its transaction. */
export async function addSpaceMember(deps: Deps, user: AuthUser, spaceId: string, memberId: string, db: Db | Tx = deps.db): Promise<Result<{ ok: true }>> {
  const loaded = await loadSpace(db, null, spaceId);
  if (!loaded) return fail('SPACE_NOT_FOUND');
  if (loaded.space.kind !== 'private') return fail('SPACE_NOT_PRIVATE');
  const [u] = await db.select({ id: users.id }).from(users).where(and(eq(users.id, memberId), isNull(users.disabledAt)));
  if (!u) return fail('NOT_A_MEMBER_ACCOUNT');
  await db
    .insert(helpSpaceMembers)
    .values({ spaceId: loaded.space.id, userId: u.id, addedBy: user.id, createdAt: deps.clock.now() })
    .onConflictDoNothing();
  return ok({ ok: true as const });
}

/** Removes a member: from then on the space disappears from every read path for them. */
export async function removeSpaceMember(deps: Deps, spaceId: string, memberId: string, db: Db | Tx = deps.db): Promise<Result<{ ok: true }>> {
  const loaded = await loadSpace(db, null, spaceId);
  if (!loaded) return fail('SPACE_NOT_FOUND');
  if (loaded.space.kind !== 'private') return fail('SPACE_NOT_PRIVATE');
  await db.delete(helpSpaceMembers).where(and(eq(helpSpaceMembers.spaceId, loaded.space.id), eq(helpSpaceMembers.userId, memberId)));
  // Their follows of the space and its questions would only produce filtered-out notifications.
  await db.execute(sql`DELETE FROM help_follows WHERE user_id = ${memberId} AND (
      (target_kind = 'space' AND target_id = ${loaded.space.id})
   OR (target_kind = 'question' AND target_id IN (SELECT id::text FROM help_posts WHERE space_id = ${loaded.space.id})))`);
  return ok({ ok: true as const });
}

/** Whether the member follows a question, a theme or a space. */
export async function isFollowing(db: Db | Tx, userId: string, kind: 'question' | 'theme' | 'space', targetId: string): Promise<boolean> {
  const [f] = await db
    .select({ u: helpFollows.userId })
    .from(helpFollows)
    .where(and(eq(helpFollows.userId, userId), eq(helpFollows.targetKind, kind), eq(helpFollows.targetId, targetId)));
  return !!f;
}

/** Follows without checks (callers have checked the target is readable). */
export async function follow(db: Db | Tx, userId: string, kind: 'question' | 'theme' | 'space', targetId: string, now: Date) {
  await db.insert(helpFollows).values({ userId, targetKind: kind, targetId, createdAt: now }).onConflictDoNothing();
}

/** Follows a question, a theme or a space the member can read. */
export async function followTarget(deps: Deps, user: AuthUser, kind: 'question' | 'theme' | 'space', targetId: string, on: boolean): Promise<Result<{ ok: true }>> {
  if (!on) {
    await deps.db
      .delete(helpFollows)
      .where(and(eq(helpFollows.userId, user.id), eq(helpFollows.targetKind, kind), eq(helpFollows.targetId, targetId)));
    return ok({ ok: true as const });
  }
  const reader = readerOf(user);
  let exists = false;
  if (kind === 'theme') exists = (themeKeys as string[]).includes(targetId);
  else if (/^[0-9a-f-]{36}$/.test(targetId)) {
    const found =
      kind === 'space'
        ? await rows(deps.db, sql`SELECT 1 FROM help_spaces s WHERE s.id = ${targetId} AND ${readableSpaceSql(reader, sql`s.id`)}`)
        : await rows(deps.db, sql`SELECT 1 FROM help_posts q WHERE q.id = ${targetId} AND q.kind = 'question' AND ${visiblePostSql(reader, 'q')} AND ${readableSpaceSql(reader, sql`q.space_id`)}`);
    exists = found.length > 0;
  }
  if (!exists) return fail('UNKNOWN_FOLLOW_TARGET');
  await follow(deps.db, user.id, kind, targetId, deps.clock.now());
  return ok({ ok: true as const });
}

/** What the member follows, oldest first. */
export async function listFollows(deps: Deps, user: AuthUser) {
  const items = await deps.db
    .select({ targetKind: helpFollows.targetKind, targetId: helpFollows.targetId })
    .from(helpFollows)
    .where(eq(helpFollows.userId, user.id))
    .orderBy(asc(helpFollows.createdAt));
  return { items };
}

/** The themes with the number of questions the reader can see in each. */
export async function listThemes(deps: Deps, user: AuthUser | null) {
  const reader = readerOf(user);
  const counts = await rows<{ theme: string; n: number }>(
    deps.db,
    sql`SELECT q.theme, count(*)::int AS n FROM help_posts q
        WHERE q.kind = 'question' AND ${visiblePostSql(reader, 'q')} AND ${readableSpaceSql(reader, sql`q.space_id`)}
        GROUP BY q.theme`,
  );
  const followed = user
    ? new Set((await deps.db.select({ t: helpFollows.targetId }).from(helpFollows).where(and(eq(helpFollows.userId, user.id), eq(helpFollows.targetKind, 'theme')))).map((f) => f.t))
    : new Set<string>();
  return {
    items: themeKeys.map((key) => ({
      key,
      label: themes[key],
      questionsCount: Number(counts.find((c) => c.theme === key)?.n ?? 0),
      following: followed.has(key),
    })),
  };
}

export { COMMUNITY_SPACE_ID };

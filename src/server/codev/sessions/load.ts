import { eq, sql, type SQL } from 'drizzle-orm';
import { isStaff, type AuthUser } from '../../platform/auth.js';
import type { Db, Tx } from '../../platform/db.js';
import { fail, ok, type Result } from '../../platform/result.js';
import '../codev.messages.js';
import { canAccessSession, type SessionStanding } from '../codev.policy.js';
import { codevSessions } from '../codev.tables.js';
import { groupMemberIds } from '../groups/groups.service.js';

export type SessionRow = typeof codevSessions.$inferSelect;

/** The live-update topic of a session on the platform bus. */
export const sessionTopic = (sessionId: string) => `codev:session:${sessionId}`;

/** The session, its group's members and how the user stands towards it; refuses outsiders (`denied` picks the code). */
export async function loadSessionFor(
  db: Db | Tx,
  user: AuthUser | null,
  sessionId: string,
  denied: 'CODEV_FORBIDDEN' | 'CODEV_NOTES_FORBIDDEN' = 'CODEV_FORBIDDEN',
): Promise<Result<{ session: SessionRow; memberIds: string[]; standing: SessionStanding }>> {
  const [session] = await db.select().from(codevSessions).where(eq(codevSessions.id, sessionId));
  if (!session) return fail('CODEV_SESSION_NOT_FOUND');
  const memberIds = await groupMemberIds(db, session.groupId);
  const standing = { groupMember: !!user && memberIds.includes(user.id), sessionFacilitator: !!user && user.id === session.facilitatorId };
  if (!canAccessSession(user, standing)) return fail(user ? denied : 'UNAUTHENTICATED');
  return ok({ session, memberIds, standing });
}


/**
 * canAccessSession over many sessions (alias `alias` is codev_sessions), for lists such as the theme
 * pages: staff, the session's facilitator, and its group's members still in the cohort (groupMemberIds).
 */
export function accessibleSessionSql(user: AuthUser | null, alias = 's'): SQL {
  const s = sql.raw(alias);
  if (!user) return sql`false`;
  if (isStaff(user)) return sql`true`;
  return sql`(${s}.facilitator_id = ${user.id}
    OR EXISTS (SELECT 1 FROM codev_group_members gm JOIN cohort_members cm ON cm.cohort_id = gm.cohort_id AND cm.user_id = gm.user_id
               WHERE gm.group_id = ${s}.group_id AND gm.user_id = ${user.id}))`;
}

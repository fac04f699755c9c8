import { eq } from 'drizzle-orm';
import type { AuthUser } from '../../platform/auth.js';
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


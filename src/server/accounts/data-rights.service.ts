import { and, count, eq, isNull, ne } from 'drizzle-orm';
import { announceAccessChange } from '../platform/bus.js';
import type { Deps } from '../platform/context.js';
import { personalData, type ErasedPerson } from '../platform/personal-data.js';
import { fail, ok, type Result } from '../platform/result.js';
import { deletedMember } from './accounts.messages.js';
import '../platform/jobs.personal-data.js';
import '../platform/quotas.personal-data.js';
import './accounts.personal-data.js';
import { users } from './accounts.tables.js';
import { verifyPassword } from './passwords.js';

/** Version of the export's layout, so a reader knows what to expect. */
export const EXPORT_FORMAT = 'entraide-donnees-personnelles/1';

/** The address a deleted account keeps: unique, and in the reserved `.invalid` domain (RFC 2606) so no e-mail can ever leave for it. */
export const deletedEmail = (userId: string) => `compte-supprime-${userId}@entraide.invalid`;

/**
 * Everything the platform holds about the member, one part per module (each module's
 * personal-data hook), read in one transaction so the parts agree with each other.
 */
export async function exportPersonalData(deps: Deps, userId: string): Promise<Result<Record<string, unknown>>> {
  const [u] = await deps.db.select({ deletedAt: users.deletedAt }).from(users).where(eq(users.id, userId));
  if (!u || u.deletedAt) return fail('NOT_FOUND');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const out: Record<string, unknown> = { format: EXPORT_FORMAT, exportedAt: now.toISOString(), userId };
    for (const hook of personalData.hooks()) {
      const part = await hook.export({ userId, tx, deps });
      if (Object.keys(part).length) out[hook.module] = part;
    }
    return ok(out);
  });
}

/**
 * Deletes the member's account after they typed their password again: each module erases or
 * anonymises what it holds (personal-data hooks), then the account row is anonymised in the same
 * transaction — it stays only so that the posts and notes the member leaves keep an author shown
 * as « Membre supprimé ». Every session, link and feed address dies with it.
 */
export async function deleteAccount(deps: Deps, userId: string, input: { password: string }): Promise<Result<{ ok: true }>> {
  const [u] = await deps.db.select().from(users).where(eq(users.id, userId));
  if (!u || u.deletedAt) return fail('NOT_FOUND');
  if (!(await verifyPassword(u.passwordHash, input.password)))
    return fail('WRONG_PASSWORD', { password: 'Le mot de passe est incorrect.' });
  const later: (() => Promise<void>)[] = [];
  const outcome = await deps.db.transaction(async (tx): Promise<Result<{ ok: true }>> => {
    // Under the row lock, so two deletions (or a demotion) cannot both pass the last-admin check.
    const [row] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!row || row.deletedAt) return fail('NOT_FOUND');
    if (row.role === 'admin') {
      const [{ n }] = (await tx
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, userId)))) as [{ n: number }];
      if (Number(n) === 0) return fail('LAST_ADMIN');
    }
    const person: ErasedPerson = { id: row.id, firstName: row.firstName, lastName: row.lastName, email: row.email };
    const now = deps.clock.now();
    for (const hook of personalData.hooks()) {
      await hook.erase({ userId, person, tx, deps, now, afterCommit: (task) => later.push(task) });
    }
    await tx
      .update(users)
      .set({
        email: deletedEmail(userId),
        // Not an Argon2 hash: no password can ever match it.
        passwordHash: '!',
        emailVerifiedAt: null,
        role: 'member',
        firstName: deletedMember.firstName,
        lastName: deletedMember.lastName,
        jobTitle: '',
        regionCode: null,
        themes: [],
        availableToHelp: false,
        directoryVisibility: 'hidden',
        disabledAt: now,
        deletedAt: now,
        lastSeenAt: null,
        updatedAt: now,
      })
      .where(eq(users.id, userId));
    return ok({ ok: true as const });
  });
  if (!outcome.ok) return outcome;
  // Open live streams of the deleted account hear it at once, on the bus their notes travel on.
  announceAccessChange(deps.bus, [userId], 'disabled');
  for (const task of later) {
    await task().catch((err) => deps.log.warn({ err }, 'account deletion: a task after the commit failed'));
  }
  return outcome;
}

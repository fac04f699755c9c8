import { sql, type SQL } from 'drizzle-orm';

// Apart from member-profile.service.ts so that the help space's posts (which the profile reads) can use it too.

/**
 * Who verified members may see (the profile page, and what is built on it: contact requests): an
 * active account, shown in the directory, verified member of an organisation. `userId` is a value,
 * or a column of the enclosing query written with its table (drizzle leaves a lone table's columns
 * unqualified, which the subquery would take for its own).
 */
export function profileVisibleSql(userId: SQL | string): SQL {
  return sql`EXISTS (SELECT 1 FROM users pv WHERE pv.id = ${userId} AND pv.disabled_at IS NULL AND pv.deleted_at IS NULL
    AND pv.directory_visibility = 'members'
    AND EXISTS (SELECT 1 FROM memberships pm WHERE pm.user_id = pv.id AND pm.status = 'verified'))`;
}

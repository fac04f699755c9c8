import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { EnvConfig } from '../config.js';
import type { Db } from './db.js';
import { platformSettings } from './jobs.tables.js';

const KEY = 'session_secret';

/**
 * The secret that signs CSRF tokens, unsubscribe links and calendar feed addresses. Production
 * gives it (SESSION_SECRET, required by config.ts). Elsewhere a random one is made on the first
 * start and kept in platform_settings, so that every instance on one database signs alike and
 * nothing signed with a secret written in the source can be forged. Concurrent first starts agree:
 * each inserts its candidate only if none exists, then all read the one that won.
 */
export async function resolveSessionSecret(db: Db, config: Pick<EnvConfig, 'env' | 'sessionSecret'>): Promise<string> {
  if (config.sessionSecret) return config.sessionSecret;
  // config.ts refuses this already; a second lock on the door costs nothing.
  if (config.env === 'production') throw new Error('SESSION_SECRET is required in production');
  const candidate = randomBytes(32).toString('base64url');
  await db.insert(platformSettings).values({ key: KEY, value: { secret: candidate }, updatedAt: new Date() }).onConflictDoNothing();
  const [row] = await db.select({ value: platformSettings.value }).from(platformSettings).where(eq(platformSettings.key, KEY));
  return (row!.value as { secret: string }).secret;
}

import { asc, eq, sql } from 'drizzle-orm';
import { personalData } from '../platform/personal-data.js';
import { accountTokens, sessions, users } from './accounts.tables.js';
import { proconnectIdentities, proconnectPendingLinks } from './proconnect.tables.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// The accounts module's hook: the profile, sessions and e-mail links. The `users` row itself is
// anonymised by the deletion service after every hook ran (data-rights.service.ts).
personalData.register({
  module: 'accounts',
  covers: ['sessions.user_id', 'account_tokens.user_id', 'proconnect_identities.user_id', 'proconnect_pending_links.user_id'],
  async export({ userId, tx }) {
    const [u] = await tx.select().from(users).where(eq(users.id, userId));
    const ss = await tx.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(asc(sessions.createdAt));
    const ts = await tx.select().from(accountTokens).where(eq(accountTokens.userId, userId)).orderBy(asc(accountTokens.createdAt));
    const [pc] = await tx.select().from(proconnectIdentities).where(eq(proconnectIdentities.userId, userId));
    return {
      profile: u
        ? {
            email: u.email,
            firstName: u.firstName,
            lastName: u.lastName,
            jobTitle: u.jobTitle,
            regionCode: u.regionCode,
            themes: u.themes,
            availableToHelp: u.availableToHelp,
            directoryVisibility: u.directoryVisibility,
            role: u.role,
            emailVerifiedAt: iso(u.emailVerifiedAt),
            termsAcceptedAt: iso(u.termsAcceptedAt),
            termsVersion: u.termsVersion,
            lastSeenAt: iso(u.lastSeenAt),
            createdAt: iso(u.createdAt),
            updatedAt: iso(u.updatedAt),
          }
        : null,
      // The session tokens themselves are never stored (only their hash): dates, address and browser.
      sessions: ss.map((s) => ({
        createdAt: iso(s.createdAt),
        lastSeenAt: iso(s.lastSeenAt),
        expiresAt: iso(s.expiresAt),
        remember: s.remember,
        ip: s.ip,
        userAgent: s.userAgent,
      })),
      emailLinks: ts.map((t) => ({ purpose: t.purpose, createdAt: iso(t.createdAt), expiresAt: iso(t.expiresAt), usedAt: iso(t.usedAt) })),
      // The linked ProConnect identity (pending links live 15 or 30 minutes and hold only a copy of it).
      proconnect: pc ? { issuer: pc.issuer, sub: pc.sub, siret: pc.siret, idpId: pc.idpId, createdAt: iso(pc.createdAt), lastLoginAt: iso(pc.lastLoginAt) } : null,
    };
  },
  async erase({ userId, person, tx }) {
    // Every session ends and every outstanding link (address confirmation, password reset) dies.
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.delete(accountTokens).where(eq(accountTokens.userId, userId));
    // The ProConnect identity is unlinked: signing in with it again would create a new account.
    await tx.delete(proconnectIdentities).where(eq(proconnectIdentities.userId, userId));
    await tx.delete(proconnectPendingLinks).where(eq(proconnectPendingLinks.userId, userId));
    // Failed-login counters carry the address in their key.
    await tx.execute(sql`DELETE FROM login_throttle WHERE key = ${`account:${person.email}`} OR key LIKE ${`pair:${person.email.replace(/[%_\\]/g, (c) => `\\${c}`)}|%`}`);
  },
});

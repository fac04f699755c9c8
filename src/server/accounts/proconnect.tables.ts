import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.tables.js';

/** The ProConnect identity linked to an account: at most one per account, one account per identity. */
export const proconnectIdentities = pgTable(
  'proconnect_identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    issuer: text('issuer').notNull(),
    // The provider's stable subject identifier.
    sub: text('sub').notNull(),
    // Claims of the last sign-in: SIRET of the organisation and the identity provider behind ProConnect.
    siret: text('siret'),
    idpId: text('idp_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('proconnect_identities_sub_key').on(t.issuer, t.sub), uniqueIndex('proconnect_identities_user_key').on(t.userId)],
);

/**
 * One authorisation request in flight: state (hashed, the key), nonce and PKCE verifier stay on the
 * server, live 10 minutes and serve once (docs/modules/accounts.md « ProConnect »).
 */
export const proconnectFlows = pgTable('proconnect_flows', {
  id: text('id').primaryKey(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/**
 * A verified identity whose e-mail is an existing account's, waiting for the account's password
 * (15 minutes, once): only then are the two linked.
 */
export const proconnectPendingLinks = pgTable(
  'proconnect_pending_links',
  {
    // sha256 of the token kept in the browser's cookie.
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    issuer: text('issuer').notNull(),
    sub: text('sub').notNull(),
    siret: text('siret').notNull(),
    idpId: text('idp_id'),
    acr: text('acr'),
    idToken: text('id_token').notNull(),
    claims: jsonb('claims').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('proconnect_pending_links_user_idx').on(t.userId)],
);

/**
 * A confirmation link e-mailed to the existing account's address, the alternative to its password:
 * bound to one pending link, 30 minutes, once. It works only in the browser holding that pending
 * link's cookie, so that clicking a link one did not ask for never links someone else's identity.
 */
export const proconnectLinkEmails = pgTable(
  'proconnect_link_emails',
  {
    // sha256 of the token in the e-mailed address.
    id: text('id').primaryKey(),
    pendingLinkId: text('pending_link_id')
      .notNull()
      .references(() => proconnectPendingLinks.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('proconnect_link_emails_pending_idx').on(t.pendingLinkId)],
);

import { date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';
import { organisations } from '../organisations/organisations.tables.js';

/**
 * SPASERs adopted outside the platform, as declared by a verified member or a facilitator: the
 * history of declarations (the organisation row keeps the current status, URL and date).
 */
export const spaserDeclarations = pgTable(
  'spaser_declarations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    adoptedOn: date('adopted_on').notNull(),
    declaredBy: uuid('declared_by').references(() => users.id, { onDelete: 'set null' }),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('spaser_declarations_org_idx').on(t.organisationId, t.declaredAt)],
);

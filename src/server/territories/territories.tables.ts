import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';

/** Administrative areas for filters and maps; not buyers (those are organisations). */
export const territories = pgTable(
  'territories',
  {
    // 'region:84', 'departement:2A', 'commune:01001'
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['region', 'departement', 'commune'] }).notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    regionCode: text('region_code'),
    departementCode: text('departement_code'),
    population: integer('population'),
  },
  (t) => [index('territories_kind_idx').on(t.kind, t.code), index('territories_dep_idx').on(t.departementCode)],
);

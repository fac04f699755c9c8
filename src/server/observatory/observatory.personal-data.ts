import { asc, eq } from 'drizzle-orm';
import { organisations } from '../organisations/organisations.tables.js';
import { personalData } from '../platform/personal-data.js';
import { spaserDeclarations } from './observatory.tables.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// SPASER declarations describe an organisation (public on its page): kept, without who declared.
personalData.register({
  module: 'observatory',
  covers: ['spaser_declarations.declared_by'],
  async export({ userId, tx }) {
    const list = await tx
      .select({ organisation: organisations.name, url: spaserDeclarations.url, adoptedOn: spaserDeclarations.adoptedOn, declaredAt: spaserDeclarations.declaredAt })
      .from(spaserDeclarations)
      .innerJoin(organisations, eq(organisations.id, spaserDeclarations.organisationId))
      .where(eq(spaserDeclarations.declaredBy, userId))
      .orderBy(asc(spaserDeclarations.declaredAt));
    return { spaserDeclarations: list.map((d) => ({ organisation: d.organisation, url: d.url, adoptedOn: d.adoptedOn, declaredAt: iso(d.declaredAt) })) };
  },
  async erase({ userId, tx }) {
    await tx.update(spaserDeclarations).set({ declaredBy: null }).where(eq(spaserDeclarations.declaredBy, userId));
  },
});

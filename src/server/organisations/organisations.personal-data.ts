import { asc, eq } from 'drizzle-orm';
import { personalData } from '../platform/personal-data.js';
import { memberships, organisationDomains, organisations } from './organisations.tables.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// Memberships are the member's own: exported, then deleted (the organisation page forgets them).
// Decisions taken on colleagues' requests and declared domains stay, without who decided.
personalData.register({
  module: 'organisations',
  covers: ['memberships.user_id', 'memberships.decided_by', 'organisation_domains.declared_by'],
  async export({ userId, tx }) {
    const mine = await tx
      .select({ m: memberships, organisationName: organisations.name })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(eq(memberships.userId, userId))
      .orderBy(asc(memberships.createdAt));
    const decided = await tx
      .select({ organisationName: organisations.name, status: memberships.status, decidedAt: memberships.decidedAt })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(eq(memberships.decidedBy, userId))
      .orderBy(asc(memberships.decidedAt));
    const domains = await tx
      .select({ organisationName: organisations.name, domain: organisationDomains.domain, createdAt: organisationDomains.createdAt })
      .from(organisationDomains)
      .innerJoin(organisations, eq(organisations.id, organisationDomains.organisationId))
      .where(eq(organisationDomains.declaredBy, userId))
      .orderBy(asc(organisationDomains.createdAt));
    return {
      memberships: mine.map(({ m, organisationName }) => ({
        organisationId: m.organisationId,
        organisationName,
        status: m.status,
        message: m.message,
        siret: m.siret,
        decidedVia: m.decidedVia,
        decidedAt: iso(m.decidedAt),
        createdAt: iso(m.createdAt),
      })),
      // Requests of other people I approved or refused: the organisation and the decision, not the person.
      decisionsTaken: decided.map((d) => ({ organisationName: d.organisationName, status: d.status, decidedAt: iso(d.decidedAt) })),
      domainsDeclared: domains.map((d) => ({ organisationName: d.organisationName, domain: d.domain, createdAt: iso(d.createdAt) })),
    };
  },
  async erase({ userId, tx }) {
    await tx.delete(memberships).where(eq(memberships.userId, userId));
    await tx.update(memberships).set({ decidedBy: null }).where(eq(memberships.decidedBy, userId));
    await tx.update(organisationDomains).set({ declaredBy: null }).where(eq(organisationDomains.declaredBy, userId));
  },
});

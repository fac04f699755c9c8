import { and, eq, inArray, sql } from 'drizzle-orm';
import { organisationKindLabels } from '../organisations/organisations.contract.js';
import { organisations } from '../organisations/organisations.tables.js';
import { peerGroup, similarDefinition, sizeBandLabel } from '../observatory/similar.js';
import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import { rows } from '../platform/db.js';
import { fail, ok, type Result } from '../platform/result.js';
import type { SpaserModels } from './spaser.contract.js';
import { spaserContent, type SpaserContent } from './spaser.content.js';
import { spaserBuyers, spasers, spaserSectionContents } from './spaser.tables.js';

/**
 * « Partir d'un modèle » (issue 17, item 6): when a buyer starts its SPASER, up to three adopted or
 * published schémas of similar organisations — the platform's one definition, observatory/similar.ts
 * (ADR 0014) — and a blank template with the usual axes. Copying a model copies its structure only:
 * the figures, owners, dates and deliberation of another buyer are never copied.
 */

export const MAX_MODELS = 3;

/** The usual axes of a SPASER (reference/domain.md §3: écologique, social, économique, gouvernance), without actions or figures. */
export const blankTemplate: Pick<SpaserContent, 'axes'> = {
  axes: [
    {
      id: 'modele-axe-1',
      title: 'Transition écologique',
      objectives: [
        { id: 'modele-obj-1', title: 'Une considération environnementale dans les marchés', tags: ['ecological'], actions: [] },
        { id: 'modele-obj-2', title: 'Économie circulaire et réemploi', tags: ['circular_economy'], actions: [] },
      ],
    },
    {
      id: 'modele-axe-2',
      title: 'Inclusion sociale',
      objectives: [
        { id: 'modele-obj-3', title: "Clauses d'insertion et marchés réservés", tags: ['social_insertion', 'disadvantaged_employers'], actions: [] },
        { id: 'modele-obj-4', title: "Achats auprès des entreprises de l'économie sociale et solidaire", tags: ['esus'], actions: [] },
      ],
    },
    {
      id: 'modele-axe-3',
      title: 'Développement économique responsable',
      objectives: [
        { id: 'modele-obj-5', title: 'Accès des TPE et PME à la commande publique', tags: ['sme_access'], actions: [] },
        { id: 'modele-obj-6', title: 'Commerce équitable', tags: ['fair_trade'], actions: [] },
      ],
    },
    {
      id: 'modele-axe-4',
      title: 'Gouvernance et suivi du schéma',
      objectives: [{ id: 'modele-obj-7', title: 'Piloter, suivre et rendre compte chaque année', tags: ['other'], actions: [] }],
    },
  ],
};

/**
 * Pure: the structure of a schéma for a new one — axes, objectives, actions with their categories and
 * purchase families, indicator definitions with one empty set of figures per new buyer. Never the
 * figures (baselines, targets, values), the owners, deadlines or progress of actions, nor the other
 * sections (preamble, governance texts, stakeholders, publication address: they describe the model's
 * buyer, its people and its dates). The governance section keeps its headings, empty.
 */
export function structureOf(content: SpaserContent, buyerIds: string[]): Pick<SpaserContent, 'axes' | 'indicators'> {
  return {
    axes: content.axes.map((a) => ({
      id: a.id,
      title: a.title,
      objectives: a.objectives.map((o) => ({
        id: o.id,
        title: o.title,
        tags: [...o.tags],
        actions: o.actions.map((x) => ({ id: x.id, title: x.title, owner: '', deadline: null, status: 'planned' as const, families: [...x.families], tags: [...x.tags] })),
      })),
    })),
    indicators: content.indicators.map((i) => ({
      id: i.id,
      name: i.name,
      category: i.category,
      unit: i.unit,
      definition: i.definition,
      objectiveId: i.objectiveId,
      // Which catalogue entry it is (structure): the new buyer's own DECP figures are pre-filled from it.
      catalogueKey: i.catalogueKey,
      perBuyer: buyerIds.map((organisationId) => ({ organisationId, baseline: null, targets: [], values: [] })),
    })),
  };
}

const longDate = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });
const frenchDate = (iso: string) => longDate.format(new Date(`${iso}T00:00:00Z`));

/** The saved sections of a schéma as its content (missing sections at their defaults). */
export async function contentOf(deps: Deps, spaserId: string): Promise<SpaserContent> {
  const saved = await deps.db.select({ section: spaserSectionContents.section, body: spaserSectionContents.body }).from(spaserSectionContents).where(eq(spaserSectionContents.spaserId, spaserId));
  const raw: Record<string, unknown> = {};
  for (const r of saved) if (r.body !== null) raw[r.section] = r.body;
  return spaserContent.parse(raw);
}

/**
 * The models offered to an organisation: adopted or published schémas of which a similar organisation
 * (same kind, same size band in the organisation's latest year of notified marchés) is an accepted
 * buyer. Drafts are never offered. Same région first, then the latest adoption; at most three.
 */
export async function suggestModels(deps: Deps, user: AuthUser, organisationId: string): Promise<Result<SpaserModels>> {
  if (!user.verifiedOrganisationIds.includes(organisationId)) return fail('SPASER_ORGANISATION');
  const blank = { axes: blankTemplate.axes.map((a) => ({ title: a.title, objectives: a.objectives.map((o) => o.title) })) };
  const none = (why: SpaserModels['noSuggestion']) => ok({ definition: similarDefinition, year: null, band: null, items: [], noSuggestion: why, blank });
  const [org] = await deps.db.select({ siren: organisations.siren, kind: organisations.kind, regionCode: organisations.regionCode }).from(organisations).where(eq(organisations.id, organisationId));
  if (!org?.siren) return none('no_siren');
  const [latest] = await rows<{ year: number | null }>(
    deps.db,
    sql`SELECT max(year) AS year FROM decp_siren_years WHERE buyer_siren = ${org.siren} AND notified_contracts + notified_excluded > 0`,
  );
  if (latest?.year === null || latest?.year === undefined) return none('no_decp');
  const year = Number(latest.year);
  const peers = await peerGroup(deps, { siren: org.siren, kind: org.kind, year });
  const band = peers.band === null ? null : sizeBandLabel(peers.band);
  const withBand = (why: SpaserModels['noSuggestion']) => ok({ definition: similarDefinition, year, band, items: [], noSuggestion: why, blank });
  if (!peers.sirens.length) return withBand('no_peers');
  const found = await deps.db
    .select({
      id: spasers.id,
      title: spasers.title,
      status: spasers.status,
      adoptedOn: spasers.adoptedOn,
      periodStart: spasers.periodStart,
      periodEnd: spasers.periodEnd,
      organisationName: organisations.name,
      regionCode: organisations.regionCode,
    })
    .from(spasers)
    .innerJoin(spaserBuyers, and(eq(spaserBuyers.spaserId, spasers.id), eq(spaserBuyers.status, 'accepted')))
    .innerJoin(organisations, eq(organisations.id, spaserBuyers.organisationId))
    .where(and(inArray(spasers.status, ['adopted', 'published']), inArray(organisations.siren, peers.sirens), eq(organisations.kind, org.kind)));
  const sameRegion = (r: { regionCode: string | null }) => org.regionCode !== null && r.regionCode === org.regionCode;
  // One line per schéma (a joint one may have several similar buyers): its best similar buyer.
  const best = new Map<string, (typeof found)[number]>();
  for (const r of [...found].sort((a, b) => Number(sameRegion(b)) - Number(sameRegion(a)) || a.organisationName.localeCompare(b.organisationName, 'fr'))) if (!best.has(r.id)) best.set(r.id, r);
  const chosen = [...best.values()]
    .sort((a, b) => Number(sameRegion(b)) - Number(sameRegion(a)) || (b.adoptedOn ?? '').localeCompare(a.adoptedOn ?? '') || a.title.localeCompare(b.title, 'fr'))
    .slice(0, MAX_MODELS);
  if (!chosen.length) return withBand('no_adopted');
  const kind = organisationKindLabels[org.kind].toLowerCase();
  const items = [];
  for (const r of chosen) {
    const content = await contentOf(deps, r.id);
    const adopted = r.adoptedOn ? `adopté le ${frenchDate(r.adoptedOn)}` : 'adopté';
    const reason =
      `${r.organisationName} : même type d'organisation que la vôtre (${kind}), marchés notifiés en ${year} dans la même tranche (${band}, DECP)` +
      `${sameRegion(r) ? ', même région' : ''} ; schéma ${r.status === 'published' ? `publié, ${adopted}` : adopted}.`;
    items.push({
      id: r.id,
      title: r.title,
      status: r.status as 'adopted' | 'published',
      adoptedOn: r.adoptedOn,
      periodStart: r.periodStart,
      periodEnd: r.periodEnd,
      organisationName: r.organisationName,
      reason,
      counts: {
        axes: content.axes.length,
        objectives: content.axes.reduce((n, a) => n + a.objectives.length, 0),
        actions: content.axes.reduce((n, a) => n + a.objectives.reduce((m, o) => m + o.actions.length, 0), 0),
        indicators: content.indicators.length,
      },
      axes: content.axes.map((a) => a.title),
    });
  }
  return ok({ definition: similarDefinition, year, band, items, noSuggestion: null, blank });
}

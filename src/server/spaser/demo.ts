import type { AuthUser } from '../platform/auth.js';
import type { Deps } from '../platform/context.js';
import * as spaser from './spaser.service.js';

/**
 * A SPASER being written in the demo, so the builder can be tried at once (issue 17, item 8 in part):
 * the Ville de Lyon's draft, whose legal check still misses the publication and the ESUS target.
 * Written through the builder's own service, as an editor would.
 */
export async function seedSpasers(deps: Deps, seeded: AuthUser[]) {
  const claire = seeded.find((u) => u.email === 'claire.martin@lyon.example');
  const lyon = claire?.verifiedOrganisationIds[0];
  if (!claire || !lyon) return;
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric' }).format(deps.clock.now()));
  const created = await spaser.create(deps, claire, { organisationId: lyon, title: `SPASER de la Ville de Lyon ${year}-${year + 2}`, periodStart: year, periodEnd: year + 2 });
  if (!created.ok) throw new Error(`demo SPASER: ${created.error}`);
  const id = created.value.id;
  const save = async (section: Parameters<typeof spaser.saveSection>[3], body: unknown) => {
    const saved = await spaser.saveSection(deps, claire, id, section, { version: 0, body });
    if (!saved.ok) throw new Error(`demo SPASER ${section}: ${saved.error} ${JSON.stringify(saved.fields ?? {})}`);
  };
  await save('preamble', "La Ville s'engage à faire de ses achats un levier de transition écologique et d'inclusion, en cohérence avec son plan climat et le plan national pour des achats durables.");
  await save('axes', [
    {
      id: 'demo-axe-1',
      title: 'Inclusion sociale et emploi',
      objectives: [
        {
          id: 'demo-obj-1',
          title: "Développer les clauses d'insertion dans les marchés de travaux et de services",
          tags: ['social_insertion', 'disadvantaged_employers'],
          actions: [
            { id: 'demo-act-1', title: 'Clause d’insertion systématique au-delà de 500 000 € HT de travaux', owner: 'Direction de la commande publique', deadline: `${year}-12-31`, status: 'in_progress', tags: ['social_insertion'] },
            { id: 'demo-act-2', title: 'Réserver des marchés de propreté aux structures d’insertion', owner: 'Direction de la propreté', tags: ['disadvantaged_employers'] },
          ],
        },
      ],
    },
    {
      id: 'demo-axe-2',
      title: 'Transition écologique',
      objectives: [
        { id: 'demo-obj-2', title: 'Un critère environnemental dans chaque consultation', tags: ['ecological'], actions: [{ id: 'demo-act-3', title: 'Modèle de règlement de consultation avec critère environnemental', status: 'done' }] },
        { id: 'demo-obj-3', title: 'Acheter du mobilier de réemploi', tags: ['circular_economy'], actions: [] },
      ],
    },
  ]);
  await save('indicators', [
    {
      id: 'demo-ind-1',
      name: 'Part des marchés notifiés avec une considération sociale',
      category: 'social_consideration',
      unit: 'pct_contracts',
      definition: 'Marchés notifiés dans l’année avec au moins une considération sociale / marchés notifiés (données essentielles).',
      objectiveId: 'demo-obj-1',
      perBuyer: [{ organisationId: lyon, baseline: { year, value: 18 }, targets: [{ year: year + 2, value: 30 }] }],
    },
    {
      id: 'demo-ind-2',
      name: "Heures d'insertion réalisées",
      category: 'insertion',
      unit: 'hours',
      definition: "Heures de travail des personnes en insertion dans l'exécution des marchés de la Ville.",
      objectiveId: 'demo-obj-1',
      perBuyer: [{ organisationId: lyon, baseline: { year, value: 120_000 }, targets: [{ year: year + 2, value: 160_000 }] }],
    },
  ]);
  await save('governance', { steeringCommittee: "Adjointe aux achats, direction générale, direction de la commande publique", reviewCadenceMonths: 12, monitoring: 'Bilan annuel présenté au comité de pilotage en mars.', reportingLine: 'Conseil municipal, une fois par an.' });
  await save('stakeholders', [{ who: 'Structures de l’insertion par l’activité économique du Rhône', how: 'Deux ateliers de concertation' }]);
}

// PNAD 2022-2025 targets (../shared/reference/domain.md §2.2), shared by the server and the charts.
// A "consideration" is a critère d'attribution, a clause or condition d'exécution, or a spécification
// technique; the PNAD counts it over every contract notified in the year (our "share over all").

export const pnadTargets = {
  social: { share: 0.3, year: 2025, label: 'Objectif PNAD 2025 : 30 % des contrats notifiés avec une considération sociale' },
  environmental: { share: 1, year: 2025, label: 'Objectif PNAD 2025 : 100 % des contrats notifiés avec une considération environnementale' },
  source: 'Plan national pour des achats durables 2022-2025 (CGDD, 15 mars 2022)',
  sourceUrl: 'https://achat-logistique.info/durable/un-pnad-3-0-en-22-actions/',
} as const;

/** Where every indicator computed from the procurement data comes from. */
export const decpSource = 'DECP, data.gouv.fr';

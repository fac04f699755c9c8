import type { IndicatorCategory, IndicatorUnit } from './spaser.content.js';

/**
 * The catalogue of common SPASER indicators (issue 17, item 4): what buyers' schémas usually follow
 * (../shared/reference/domain.md §3.3), named and defined in our own words. Pure data — the web app
 * imports it to offer the list, the server to pre-fill. An entry with a `decp` measure is computed from
 * the buyer's own procurement data (marchés notified in the year, decp_buyer_years): its baseline and
 * yearly values are pre-filled; the others are typed by the buyer.
 */

/** What the procurement data computes per buyer and year, over the marchés notified in the year. */
export const decpMeasures = ['environmental_number', 'environmental_value', 'social_number', 'social_value'] as const;
export type DecpMeasure = (typeof decpMeasures)[number];

export type CatalogueEntry = {
  key: string;
  name: string;
  category: IndicatorCategory;
  unit: IndicatorUnit;
  definition: string;
  decp: DecpMeasure | null;
  // The PNAD 2022-2025 target this indicator is compared with, if the plan has one (src/shared/pnad.ts).
  pnad: 'environmental' | 'social' | null;
};

export const indicatorCatalogue: readonly CatalogueEntry[] = [
  {
    key: 'decp_environmental_number',
    name: 'Part des marchés notifiés avec une considération environnementale (en nombre)',
    category: 'environmental_consideration',
    unit: 'pct_contracts',
    definition:
      "Nombre de marchés notifiés dans l'année dont les données essentielles déclarent au moins une considération environnementale (clause ou critère), divisé par le nombre de tous les marchés notifiés dans l'année, renseignés ou non.",
    decp: 'environmental_number',
    pnad: 'environmental',
  },
  {
    key: 'decp_environmental_value',
    name: 'Part de la valeur des marchés notifiés avec une considération environnementale',
    category: 'environmental_consideration',
    unit: 'pct_value',
    definition:
      "Montant HT des marchés notifiés dans l'année avec au moins une considération environnementale, divisé par le montant HT de tous les marchés notifiés dans l'année. Les montants absents ou aberrants (1 € et moins, 10 milliards et plus) sont écartés des deux sommes.",
    decp: 'environmental_value',
    pnad: 'environmental',
  },
  {
    key: 'decp_social_number',
    name: 'Part des marchés notifiés avec une considération sociale (en nombre)',
    category: 'social_consideration',
    unit: 'pct_contracts',
    definition:
      "Nombre de marchés notifiés dans l'année dont les données essentielles déclarent au moins une considération sociale (clause, critère ou marché réservé), divisé par le nombre de tous les marchés notifiés dans l'année, renseignés ou non.",
    decp: 'social_number',
    pnad: 'social',
  },
  {
    key: 'decp_social_value',
    name: 'Part de la valeur des marchés notifiés avec une considération sociale',
    category: 'social_consideration',
    unit: 'pct_value',
    definition:
      "Montant HT des marchés notifiés dans l'année avec au moins une considération sociale, divisé par le montant HT de tous les marchés notifiés dans l'année. Les montants absents ou aberrants sont écartés des deux sommes.",
    decp: 'social_value',
    pnad: 'social',
  },
  {
    key: 'environmental_award_criterion',
    name: "Part des marchés avec un critère environnemental d'attribution",
    category: 'environmental_consideration',
    unit: 'pct_contracts',
    definition: "Marchés notifiés dans l'année dont le jugement des offres comporte un critère environnemental, rapportés à tous les marchés notifiés dans l'année.",
    decp: null,
    pnad: null,
  },
  {
    key: 'insertion_hours',
    name: "Heures d'insertion réalisées",
    category: 'insertion',
    unit: 'hours',
    definition: "Heures travaillées dans l'année, pour l'exécution des marchés, par des personnes éloignées de l'emploi ou en situation de handicap, d'après le suivi du facilitateur des clauses.",
    decp: null,
    pnad: null,
  },
  {
    key: 'insertion_clause_contracts',
    name: "Nombre de marchés avec une clause d'insertion",
    category: 'insertion',
    unit: 'contracts',
    definition: "Marchés notifiés dans l'année dont une condition d'exécution impose des heures d'insertion de travailleurs handicapés ou défavorisés.",
    decp: null,
    pnad: null,
  },
  {
    key: 'esus_purchases',
    name: "Montant des achats auprès d'entreprises solidaires d'utilité sociale (ESUS)",
    category: 'esus',
    unit: 'euros',
    definition: "Montant HT payé dans l'année à des entreprises titulaires de l'agrément ESUS, titulaires ou sous-traitantes déclarées.",
    decp: null,
    pnad: null,
  },
  {
    key: 'esus_share',
    name: "Part des achats auprès de structures de l'économie sociale et solidaire",
    category: 'esus',
    unit: 'pct_value',
    definition: "Montant HT payé dans l'année à des structures de l'économie sociale et solidaire, divisé par le montant HT de tous les achats payés dans l'année.",
    decp: null,
    pnad: null,
  },
  {
    key: 'reserved_contracts',
    name: 'Nombre de marchés réservés',
    category: 'reserved_contracts',
    unit: 'contracts',
    definition: "Marchés notifiés dans l'année réservés à des structures d'insertion par l'activité économique, des entreprises adaptées, des ESAT ou des ESUS.",
    decp: null,
    pnad: null,
  },
  {
    key: 'agec_reuse_share',
    name: 'Part des achats issus du réemploi, de la réutilisation ou du recyclage (loi AGEC)',
    category: 'circular_economy',
    unit: 'pct_value',
    definition:
      "Pour les familles de produits fixées par décret (article 58 de la loi AGEC), montant HT des produits issus du réemploi, de la réutilisation ou comportant des matières recyclées, divisé par le montant HT des achats de ces familles dans l'année.",
    decp: null,
    pnad: null,
  },
  {
    key: 'sme_contracts_share',
    name: 'Part des marchés attribués à des TPE et PME',
    category: 'sme_access',
    unit: 'pct_contracts',
    definition: "Marchés notifiés dans l'année dont un titulaire au moins est une TPE ou une PME (catégorie d'entreprise du répertoire SIRENE), rapportés à tous les marchés notifiés dans l'année.",
    decp: null,
    pnad: null,
  },
  {
    key: 'purchases_ghg',
    name: 'Émissions de gaz à effet de serre liées aux achats',
    category: 'other',
    unit: 'tco2e',
    definition: "Émissions estimées des biens, services et travaux achetés dans l'année, selon la méthode du bilan des émissions de gaz à effet de serre de l'acheteur.",
    decp: null,
    pnad: null,
  },
  {
    key: 'trained_buyers',
    name: "Part des agents acheteurs formés à l'achat durable",
    category: 'other',
    unit: 'pct_other',
    definition: "Agents qui préparent ou passent des marchés et ont suivi une formation à l'achat durable, divisés par tous ces agents, au 31 décembre.",
    decp: null,
    pnad: null,
  },
];

export const catalogueEntry = (key: string | null | undefined): CatalogueEntry | undefined => (key ? indicatorCatalogue.find((e) => e.key === key) : undefined);

import type { OrganisationKind } from '../organisations.tables.js';

/**
 * The INSEE catégories juridiques (niveau III, 4 digits) whose legal units can be buyers under the
 * Code de la commande publique (pouvoirs adjudicateurs, entités adjudicatrices), and the organisation
 * kind each one makes. Source: INSEE, nomenclature « Catégories juridiques » (niveau III), as used by
 * the SIRENE stock's categorieJuridiqueUniteLegale. The reasoning per category, and the categories
 * left out on purpose or by doubt, are in docs/decisions/0021-registry-from-sirene.md.
 */
export const BUYER_CATEGORIES: Readonly<Record<string, OrganisationKind>> = {
  // 41 — Établissements publics et régies à caractère industriel ou commercial.
  '4110': 'etablissement_public', // EPIC national doté d'un comptable public
  '4120': 'etablissement_public', // EPIC national non doté d'un comptable public
  '4130': 'statut_legal', // Exploitant public
  '4140': 'etablissement_public', // EPIC local
  '4150': 'etablissement_public', // Régie d'une collectivité locale à caractère industriel ou commercial
  // Private-law units the Code covers.
  '5515': 'societe_economie_mixte', // SA d'économie mixte à conseil d'administration
  '5615': 'societe_economie_mixte', // SA d'économie mixte à directoire
  '5546': 'bailleur_social', // SA de HLM à conseil d'administration (ESH)
  '5646': 'bailleur_social', // SA de HLM à directoire (ESH)
  '5547': 'bailleur_social', // SA coopérative de production de HLM à conseil d'administration
  '5647': 'bailleur_social', // SA coopérative de production de HLM à directoire
  // 71 — Administration de l'État.
  '7111': 'etat', // Autorité constitutionnelle
  '7112': 'etat', // Autorité administrative ou publique indépendante
  '7113': 'etat', // Ministère
  '7120': 'etat', // Service central d'un ministère
  '7150': 'etat', // Service du ministère de la Défense
  '7160': 'etat', // Service déconcentré à compétence nationale d'un ministère (hors Défense)
  '7171': 'etat', // Service déconcentré de l'État à compétence (inter) régionale
  '7172': 'etat', // Service déconcentré de l'État à compétence (inter) départementale
  '7179': 'etat', // (Autre) Service déconcentré de l'État à compétence territoriale
  '7190': 'etat', // École nationale non dotée de la personnalité morale
  // 72 — Collectivités territoriales.
  '7210': 'commune', // Commune et commune nouvelle
  '7220': 'departement', // Département
  '7225': 'collectivite_statut_particulier', // Collectivité et territoire d'outre-mer
  '7229': 'collectivite_statut_particulier', // (Autre) Collectivité territoriale
  '7230': 'region', // Région
  // 73 — Établissements publics administratifs.
  '7321': 'etablissement_public', // Association syndicale autorisée
  '7322': 'etablissement_public', // Association foncière urbaine
  '7323': 'etablissement_public', // Association foncière de remembrement
  '7331': 'etablissement_public', // Établissement public local d'enseignement
  '7340': 'syndicat', // Pôle métropolitain
  '7342': 'epci', // District urbain
  '7343': 'epci', // Communauté urbaine
  '7344': 'epci', // Métropole
  '7345': 'syndicat', // Syndicat intercommunal à vocation multiple (SIVOM)
  '7346': 'epci', // Communauté de communes
  '7347': 'epci', // Communauté de villes
  '7348': 'epci', // Communauté d'agglomération
  '7349': 'syndicat', // Autre établissement public local de coopération non spécialisé ou entente
  '7351': 'syndicat', // Institution interdépartementale ou entente
  '7352': 'syndicat', // Institution interrégionale ou entente
  '7353': 'syndicat', // Syndicat intercommunal à vocation unique (SIVU)
  '7354': 'syndicat', // Syndicat mixte fermé
  '7355': 'syndicat', // Syndicat mixte ouvert
  '7356': 'syndicat', // Commission syndicale pour la gestion des biens indivis des communes
  '7357': 'syndicat', // Pôle d'équilibre territorial et rural (PETR)
  '7361': 'etablissement_public', // Centre communal d'action sociale
  '7362': 'etablissement_public', // Caisse des écoles
  '7363': 'etablissement_public', // Caisse de crédit municipal
  '7364': 'hopital', // Établissement d'hospitalisation
  '7365': 'hopital', // Syndicat inter hospitalier
  '7366': 'etablissement_public', // Établissement public local social et médico-social
  '7367': 'etablissement_public', // Centre intercommunal d'action sociale (CIAS)
  '7371': 'bailleur_social', // Office public d'habitation à loyer modéré (OPH)
  '7372': 'etablissement_public', // Service départemental d'incendie et de secours (SDIS)
  '7373': 'etablissement_public', // Établissement public local culturel
  '7378': 'etablissement_public', // Régie d'une collectivité locale à caractère administratif
  '7379': 'etablissement_public', // (Autre) Établissement public administratif local
  '7381': 'etablissement_public', // Organisme consulaire
  '7382': 'etablissement_public', // Établissement public national ayant fonction d'administration centrale
  '7383': 'etablissement_public', // Établissement public national à caractère scientifique, culturel et professionnel
  '7384': 'etablissement_public', // Autre établissement public national d'enseignement
  '7385': 'etablissement_public', // Autre établissement public national administratif à compétence territoriale limitée
  '7389': 'etablissement_public', // Établissement public national à caractère administratif
  // 74 — Autres personnes morales de droit public administratif.
  '7410': 'etablissement_public', // Groupement d'intérêt public (GIP)
  '7450': 'etablissement_public', // Établissement public administratif, cercle et foyer dans les armées
  '7470': 'hopital', // Groupement de coopération sanitaire à gestion publique
  '7490': 'etablissement_public', // Autre personne morale de droit administratif
  // 81 — Organismes de sécurité sociale.
  '8110': 'securite_sociale', // Régime général de la sécurité sociale
  '8120': 'securite_sociale', // Régime spécial de sécurité sociale
  '8140': 'securite_sociale', // Mutualité sociale agricole
};

/** The kind a catégorie juridique makes, or null when its units are not kept as buyers. */
export function kindOfCategory(category: string): OrganisationKind | null {
  return BUYER_CATEGORIES[category] ?? null;
}

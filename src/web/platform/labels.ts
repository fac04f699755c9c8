// French copy shared by every module of the web app (errors, loading states, generic actions).
export const platformLabels = {
  siteName: 'Entraide',
  loading: 'Chargement…',
  networkError: 'Impossible de joindre le serveur. Vérifiez votre connexion internet puis réessayez.',
  unexpectedError: 'Une erreur inattendue est survenue. Réessayez dans un instant.',
  invalidFieldsTitle: 'Certains champs sont invalides : corrigez-les puis recommencez.',
  fieldListIntro: 'Champs à corriger :',
  required: 'Sauf mention « facultatif », tous les champs sont obligatoires.',
  optional: '(facultatif)',
  yes: 'Oui',
  no: 'Non',
  notProvided: 'Non renseigné',
  draftRestored: 'Brouillon restauré',
  draftRestoredDescription: 'Vos modifications non enregistrées ont été reprises depuis ce navigateur.',
  discardDraft: 'Abandonner le brouillon',
  chart: {
    noValue: '—',
    desc: 'Graphique en barres ; les mêmes valeurs sont dans le tableau qui suit.',
    tableCaption: (title: string) => `${title} : valeurs`,
    targetLegend: 'Objectif (ligne pointillée rouge)',
    gapLegend: 'Année sans donnée (zone hachurée)',
    /** A year without any data, inside the years drawn. */
    missing: 'aucune donnée',
    /** A value the data cannot give (no contract informed it). */
    notInformed: 'non renseigné',
    gapsNote: (years: string) => `Aucune donnée pour ${years} : ces années sont marquées, pas omises.`,
  },
  map: {
    desc: 'Carte de France ; chaque territoire est atteignable au clavier avec sa valeur, et le tableau qui suit donne toutes les valeurs, outre-mer compris.',
    legend: 'Légende',
    noData: 'Pas de données',
    selectHint: 'Entrée ou Espace sur un territoire pour afficher son évolution.',
    tableCaption: (title: string) => `${title} : valeurs par territoire`,
    code: 'Code',
    name: 'Territoire',
  },
} as const;

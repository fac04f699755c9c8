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
} as const;

// French copy of the « Trouver de l'aide » page (issue 20, item 4): one place.
export const peersLabels = {
  title: "Trouver de l'aide",
  lead: "Les membres qui ont déjà fait ce que vous avez à faire : organisations semblables à la vôtre, proches de chez vous, avec un SPASER adopté, fortes là où vous l'êtes moins. Chaque suggestion dit pourquoi elle vous est proposée.",
  breadcrumb: 'Annuaire des membres',
  formTitle: 'Affiner les suggestions',
  theme: "Je cherche de l'aide sur",
  themeHint: 'Les membres qui ont donné des réponses utiles sur ce sujet dans l’espace d’entraide passent en tête.',
  themeAll: 'Tous les sujets',
  organisation: 'Pour mon organisation',
  submit: 'Actualiser les suggestions',
  resultsTitle: (org: string) => `Suggestions pour ${org}`,
  count: (n: number) => (n === 0 ? 'Aucune suggestion pour le moment.' : n === 1 ? '1 membre suggéré.' : `${n} membres suggérés, les plus pertinents d'abord.`),
  why: 'Pourquoi :',
  availableBadge: 'Disponible pour aider',
  noJob: 'Intitulé de poste non renseigné',
  seeProfile: (name: string) => `Voir le profil de ${name}`,
  seeProfileShort: 'Voir le profil',
  empty:
    "Personne ne ressort pour l'instant : aucun membre visible dans l'annuaire ne partage de point commun avec votre organisation. Essayez un autre sujet, ou parcourez l'annuaire des membres.",
  directoryLink: "Parcourir l'annuaire des membres",
  methodTitle: 'Comment les suggestions sont classées',
  method: [
    "organisation similaire à la vôtre (même type et même tranche de marchés notifiés, la définition de l'observatoire), ou à défaut du même type ;",
    'même département, ou à défaut même région ;',
    'SPASER adopté, ou plus avancé que le vôtre ;',
    "réponses jugées utiles dans l'espace d'entraide, sur le sujet que vous cherchez s'il y en a un, et expertise déclarée sur ce sujet ;",
    "part de marchés avec une considération environnementale ou sociale supérieure d'au moins 20 points à la vôtre (données essentielles de la commande publique, dernière année avec au moins 5 marchés) ;",
    "disponibilité pour aider, et visite sur la plateforme ces 60 derniers jours.",
  ],
  methodNever:
    "Ne sont jamais proposés : vous-même, les membres de vos organisations, les membres masqués de l'annuaire, non vérifiés ou dont le compte est désactivé. Les adresses e-mail ne sont jamais affichées.",
} as const;

// French copy of the home page.
export const homeLabels = {
  documentTitle: 'Accueil',
  title: 'Entraide : adopter et faire vivre son SPASER, entre acheteurs publics',
  lead:
    "La communauté des acheteurs publics qui s'entraident pour rendre leurs achats plus responsables, socialement et écologiquement.",
  ctaSignUp: 'Créer un compte',
  ctaFindOrganisation: 'Trouver mon organisation',
  ctaMyOrganisation: 'Mon organisation',
  ctaProfile: 'Compléter mon profil',
  whatTitle: "Qu'est-ce qu'un SPASER ?",
  what: [
    "Le schéma de promotion des achats publics socialement et écologiquement responsables (SPASER) fixe les objectifs d'un acheteur public en matière d'achats socialement et écologiquement responsables, ainsi que les modalités de leur mise en œuvre et de leur suivi.",
    "Il est obligatoire pour les acheteurs dont le montant total annuel des achats dépasse 50 millions d'euros hors taxes (article L2111-3 du Code de la commande publique ; seuil fixé à l'article D2111-3 depuis le 1er janvier 2023). Depuis la loi Industrie verte du 23 octobre 2023, l'obligation vise tous les acheteurs publics, dont l'État et les établissements de santé.",
    "Pourtant, seul un tiers environ des acheteurs concernés en a adopté un. Entraide existe pour aider les autres à franchir le pas, et tous à faire vivre leur schéma.",
  ],
  legalLink: 'En savoir plus sur le SPASER (achats-durables.gouv.fr)',
  legalUrl: 'https://achats-durables.gouv.fr/spaser-outil-planification-acheteurs-publics-198',
  forWhomTitle: 'Pour qui ?',
  forWhom: [
    { title: 'Acheteurs publics', text: "Agents des collectivités, de l'État, des hôpitaux, des établissements publics et des bailleurs sociaux qui préparent, adoptent ou suivent un SPASER." },
    { title: 'Animateurs du programme', text: "L'équipe qui accompagne les promotions d'acheteurs, organise les séances et modère la communauté." },
    { title: 'Parrains et marraines', text: "Des acheteurs qui ont déjà adopté leur schéma et accompagnent ceux qui commencent." },
  ],
  whatYouCanDoTitle: 'Ce que vous pouvez faire dès maintenant',
  whatYouCanDo: [
    { title: 'Savoir si votre organisation est concernée', text: "Retrouvez votre collectivité ou votre établissement et vérifiez si l'obligation d'adopter un SPASER s'applique, à aujourd'hui ou à une autre date." },
    { title: 'Rejoindre votre organisation', text: "Faites vérifier votre appartenance par un collègue ou par l'équipe d'animation, puis déclarez le montant de vos achats et l'état de votre schéma." },
    { title: "Trouver des pairs qui peuvent vous aider", text: "L'annuaire des membres vérifiés recense les acheteurs disponibles pour partager leur expérience, par région et par thème." },
  ],
  betaNotice: 'Entraide est en version bêta : de nouveaux services (espace d’entraide, promotions, séances de codéveloppement, indicateurs issus des données essentielles de la commande publique) arrivent progressivement.',
} as const;

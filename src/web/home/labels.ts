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
  // Each card leads to its page (HomePage maps `to` to the address).
  whatYouCanDo: [
    { to: 'organisations', title: 'Savoir si votre organisation est concernée', text: "Retrouvez votre collectivité ou votre établissement et vérifiez si l'obligation d'adopter un SPASER s'applique, à aujourd'hui ou à une autre date." },
    { to: 'helpHome', title: "Poser vos questions à l'espace d'entraide", text: 'Des acheteurs qui ont déjà adopté leur schéma répondent ; retrouvez les réponses jugées utiles, par thème.' },
    { to: 'agenda', title: "Suivre les webinaires et les séances de l'agenda", text: 'Inscrivez-vous aux webinaires et aux séances, ajoutez-les à votre agenda, revoyez les replays.' },
    { to: 'cohorts', title: 'Rejoindre une promotion', text: 'Trois mois pour adopter son SPASER avec une promotion, un parrain ou une marraine, des ateliers et du codéveloppement.' },
    { to: 'courses', title: 'Se former au SPASER', text: 'Une formation de 3 h 30 en ligne, à votre rythme : quiz, attestation vérifiable, et chaque leçon mène à l’outil qui la met en pratique.' },
    { to: 'library', title: 'Puiser dans la bibliothèque', text: 'Modèles de SPASER, clauses types, guides et retours d’expérience partagés par la communauté.' },
    { to: 'observatory', title: "Consulter l'observatoire", text: 'Les SPASER adoptés et les achats responsables, par territoire, à partir des données essentielles de la commande publique.' },
    { to: 'myOrganisation', title: 'Rejoindre votre organisation', text: "Faites vérifier votre appartenance par un collègue ou par l'équipe d'animation, puis déclarez le montant de vos achats et l'état de votre schéma." },
    { to: 'directory', title: 'Trouver des pairs qui peuvent vous aider', text: "L'annuaire des membres vérifiés recense les acheteurs disponibles pour partager leur expérience, par région et par thème." },
  ],
  // Only what does not exist yet is announced as coming.
  betaNotice: "Entraide est en version bêta : les services s'améliorent avec vos retours.",
} as const;

const count = new Intl.NumberFormat('fr-FR');

// French copy of the page frame: header, navigation, footer, skip links, error and 404 pages.
export const layoutLabels = {
  brandTop: ['République', 'Française'] as const,
  serviceTitle: 'Entraide',
  serviceTagline: 'La communauté des acheteurs publics responsables',
  homeLinkTitle: 'Accueil — Entraide',
  quickAccess: {
    logIn: 'Se connecter',
    signUp: 'Créer un compte',
    profile: 'Mon profil',
    logOut: 'Se déconnecter',
    admin: 'Administration',
    // Shown as « Notifications (3) »; screen readers hear « Notifications (3 non lues) ».
    notifications: 'Notifications',
    notificationsVisible: (n: number) => `Notifications (${count.format(n)})`,
    notificationsSpoken: (n: number) => `Notifications (${count.format(n)} ${n > 1 ? 'non lues' : 'non lue'})`,
  },
  // The menu names every section here, not in the section's own labels: the layout is on every page,
  // and each section's labels load with its pages (docs/performance.md, web).
  nav: {
    home: 'Accueil',
    helpSpace: 'Entraide',
    agenda: 'Agenda',
    cohorts: 'Promotions',
    library: 'Bibliothèque',
    courses: 'Formations',
    spasers: 'Mon SPASER',
    organisations: 'Organisations',
    observatory: 'Observatoire',
    actors: 'Acteurs',
    directory: 'Annuaire des membres',
    myOrganisation: 'Mon organisation',
  },
  search: {
    label: 'Rechercher une organisation',
    placeholder: 'Nom, SIREN ou code postal',
  },
  skipLinks: {
    content: 'Contenu',
    navigation: 'Menu',
    footer: 'Pied de page',
  },
  footer: {
    description:
      "Entraide est la plateforme des acheteurs publics qui s'entraident pour adopter et faire vivre leur schéma de promotion des achats publics socialement et écologiquement responsables (SPASER). Service en version bêta.",
    privacy: 'Données personnelles',
    terms: "Conditions d'utilisation",
  },
  logOutDone: 'Vous êtes déconnecté.',
  // A visitor's course progress joined their account at log-in (issue 22).
  coursesCarried: (n: number) => `${n} leçon${n > 1 ? 's' : ''} suivie${n > 1 ? 's' : ''} avant la connexion ${n > 1 ? 'ont' : 'a'} rejoint votre compte.`,
  logOutFailed: "La déconnexion a échoué. Réessayez ou fermez votre navigateur.",
  sessionError: {
    title: 'Le service est momentanément indisponible',
    description: 'Impossible de charger votre session. Vérifiez votre connexion puis rechargez la page.',
    reload: 'Recharger la page',
  },
  notFound: {
    title: 'Page non trouvée',
    code: 'Erreur 404',
    lead: "La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.",
    detail:
      "Si vous avez tapé l'adresse web dans le navigateur, vérifiez qu'elle est correcte. La page n'est peut-être plus disponible. Dans ce cas, pour continuer votre visite, vous pouvez consulter notre page d'accueil ou effectuer une recherche d'organisation.",
    home: "Page d'accueil",
    search: 'Rechercher une organisation',
  },
  error: {
    title: 'Erreur inattendue',
    code: 'Erreur 500',
    lead: "Désolé, le service rencontre un problème, nous travaillons pour le résoudre le plus rapidement possible.",
    // Followed by a link to the contact form (contact/labels.ts).
    detail: 'Essayez de rafraîchir la page ou bien ressayez plus tard. Si le problème persiste,',
    reload: 'Recharger la page',
    home: "Page d'accueil",
  },
  forbidden: {
    title: 'Accès réservé',
    lead: "Vous n'avez pas les droits nécessaires pour afficher cette page.",
    home: "Retour à l'accueil",
  },
  verification: {
    title: 'Réservé aux membres vérifiés',
    lead: "Cette page est réservée aux membres dont l'appartenance à une organisation acheteuse est vérifiée.",
    how: 'Pour être vérifié :',
    steps: [
      'rendez-vous sur « Mon organisation » et recherchez votre collectivité ou votre établissement ;',
      'demandez à la rejoindre, avec un court message de présentation ;',
      "un collègue déjà vérifié ou l'équipe d'animation valide votre demande. Si le domaine de votre adresse e-mail professionnelle est déclaré pour votre organisation, la vérification est immédiate.",
    ],
    action: 'Aller à « Mon organisation »',
  },
} as const;

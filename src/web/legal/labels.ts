import { TERMS_VERSION } from '../../server/accounts/accounts.contract';
import { paths } from '../paths';

// French copy of the legal pages. What the publisher alone can state (identity, host, contacts,
// retention periods) is marked "à compléter par l'éditeur" instead of being invented.

export type Block = string | { list: readonly string[] } | { links: readonly { text: string; href: string }[] };
export type LegalSection = { title: string; blocks: readonly Block[] };
export type LegalPage = { title: string; lead?: string; updated?: string; sections: readonly LegalSection[] };

const TODO = "à compléter par l'éditeur";

export const accessibility: LegalPage = {
  title: "Déclaration d'accessibilité",
  updated: 'Déclaration établie en novembre 2026.',
  sections: [
    {
      title: 'Engagement',
      blocks: [
        `L'éditeur d'Entraide (${TODO}) s'engage à rendre ses sites internet, intranet, extranet et ses progiciels accessibles conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.`,
        `Schéma pluriannuel de mise en accessibilité et plan d'action de l'année en cours : ${TODO}.`,
        'Cette déclaration d’accessibilité s’applique à la plateforme Entraide, en version bêta.',
      ],
    },
    {
      title: 'État de conformité',
      blocks: [
        "Entraide est non conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1, car elle n'a encore fait l'objet d'aucun audit de conformité.",
        "La plateforme est conçue avec le Système de design de l'État (DSFR) et vérifiée pendant son développement par des tests automatisés (axe-core) et des vérifications manuelles au clavier ; ces vérifications ne remplacent pas un audit.",
      ],
    },
    {
      title: 'Résultats des tests',
      blocks: ["Aucun audit n'ayant été réalisé, aucun taux de conformité ne peut être publié. Un audit est prévu avant la fin de la phase bêta ; sa date reste à fixer."],
    },
    {
      title: 'Contenus non accessibles',
      blocks: [
        "En l'absence d'audit, la liste des non-conformités n'est pas établie. Les défauts qui nous sont signalés sont corrigés en priorité.",
        "Les documents téléchargeables (par exemple les SPASER publiés par les acheteurs et accessibles par lien) ne sont pas produits par Entraide et peuvent ne pas être accessibles.",
      ],
    },
    {
      title: 'Établissement de cette déclaration',
      blocks: [
        'Technologies utilisées : HTML5, CSS, JavaScript (React), WAI-ARIA.',
        `Environnement de test : les tests automatisés sont exécutés dans Chromium ; les combinaisons de navigateurs et de technologies d'assistance seront précisées lors de l'audit (${TODO}).`,
      ],
    },
    {
      title: 'Retour d’information et contact',
      blocks: [
        `Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter le responsable d'Entraide pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme. Adresse e-mail de contact : ${TODO}. Adresse postale : ${TODO}.`,
        { links: [{ text: "Formulaire de contact de l'équipe d'animation", href: paths.contact() }] },
      ],
    },
    {
      title: 'Voies de recours',
      blocks: [
        "Cette procédure est à utiliser dans le cas suivant : vous avez signalé au responsable du site un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à un des services et vous n'avez pas obtenu de réponse satisfaisante.",
        { list: ['écrire un message au Défenseur des droits ;', 'contacter le délégué du Défenseur des droits dans votre région ;', 'envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.'] },
        {
          links: [
            { text: 'Formulaire en ligne du Défenseur des droits', href: 'https://formulaire.defenseurdesdroits.fr/' },
            { text: 'Liste des délégués du Défenseur des droits', href: 'https://www.defenseurdesdroits.fr/saisir/delegues' },
          ],
        },
      ],
    },
  ],
};

export const legalNotice: LegalPage = {
  title: 'Mentions légales',
  sections: [
    {
      title: 'Éditeur',
      blocks: [
        `Entraide est éditée par l'équipe du programme d'accompagnement des acheteurs publics vers l'adoption de leur SPASER. Dénomination, adresse, numéro SIRET et téléphone de l'éditeur : ${TODO}.`,
        `Directeur ou directrice de la publication : ${TODO}.`,
      ],
    },
    {
      title: 'Hébergement',
      blocks: [`Hébergeur (dénomination, adresse, téléphone) : ${TODO}. Les données sont hébergées en France ou dans l'Union européenne (${TODO}).`],
    },
    {
      title: 'Statut du service',
      blocks: [
        "Entraide est en version bêta : ses fonctionnalités évoluent et peuvent être momentanément indisponibles.",
        "Les informations sur l'obligation d'adopter un SPASER sont données à titre indicatif, à partir du type d'organisation et du montant déclaré par ses membres ; elles ne constituent pas un avis juridique.",
      ],
    },
    {
      title: 'Données de référence',
      blocks: [
        "La liste des collectivités et de leurs territoires provient du découpage administratif publié par Etalab (paquet @etalab/decoupage-administratif, données INSEE), complété par l'équipe d'animation.",
        "Les montants d'achats et l'état des SPASER sont déclarés par les membres vérifiés de chaque organisation.",
      ],
    },
    {
      title: 'Propriété intellectuelle et réutilisation',
      blocks: [
        "Sauf mention contraire, les contenus éditoriaux d'Entraide sont publiés sous licence ouverte Etalab 2.0. Les contenus publiés par les membres restent sous leur responsabilité.",
        `Code source : ${TODO}.`,
      ],
    },
    {
      title: 'Sécurité',
      blocks: [`Pour signaler une vulnérabilité, écrivez à : ${TODO}. Merci de ne pas divulguer publiquement la vulnérabilité avant sa correction.`],
    },
    {
      title: 'Accessibilité et données personnelles',
      blocks: [
        {
          links: [
            { text: "Déclaration d'accessibilité", href: paths.accessibility() },
            { text: 'Données personnelles et cookies', href: paths.privacy() },
            { text: "Conditions d'utilisation", href: paths.terms() },
          ],
        },
      ],
    },
  ],
};

export const privacy: LegalPage = {
  title: 'Données personnelles et cookies',
  lead: 'Entraide ne collecte que les données nécessaires au service, ne les vend pas, ne fait pas de publicité et ne mesure pas votre navigation.',
  sections: [
    {
      title: 'Responsable de traitement',
      blocks: [`Le responsable de traitement est l'éditeur d'Entraide (${TODO}). Délégué ou déléguée à la protection des données : ${TODO}.`],
    },
    {
      title: 'Données collectées',
      blocks: [
        {
          list: [
            "Compte : prénom, nom, adresse e-mail professionnelle, mot de passe (conservé uniquement sous forme d'empreinte Argon2, jamais en clair), rôle, date d'acceptation et version des conditions d'utilisation, date de confirmation de l'adresse.",
            "Profil : intitulé de poste, région, thèmes d'expertise, disponibilité pour aider d'autres acheteurs, visibilité dans l'annuaire. Ces champs sont facultatifs.",
            "Appartenances : organisations que vous demandez à rejoindre, message joint à la demande, statut de la demande, personne qui l'a validée ou refusée et date.",
            "Données de connexion et de sécurité : sessions ouvertes (date, adresse IP et navigateur à la connexion), date de votre dernière visite (à cinq minutes près, pour ne pas vous envoyer par e-mail ce que vous avez pu voir sur la plateforme), comptage des tentatives de connexion échouées pour limiter les attaques par force brute.",
            "Espace d'entraide : vos questions, réponses et commentaires et leurs versions successives, vos votes, signalements et abonnements, vos notifications et votre rythme d'e-mails.",
            "Déclarations faites pour une organisation (montant des achats, état du SPASER) : ce sont des informations sur l'organisation, publiques sur sa fiche.",
          ],
        },
      ],
    },
    {
      title: 'Finalités',
      blocks: [
        {
          list: [
            'créer et gérer votre compte, vous authentifier ;',
            "vérifier que vous travaillez pour une organisation acheteuse, car les espaces d'Entraide sont réservés aux acheteurs publics ;",
            "permettre l'entraide entre membres : annuaire des membres vérifiés, membres affichés sur la fiche d'une organisation ;",
            "vous envoyer les e-mails nécessaires au service : confirmation d'adresse, réinitialisation de mot de passe, demandes d'adhésion et décisions ;",
            'assurer la sécurité du service et prévenir les abus.',
          ],
        },
      ],
    },
    {
      title: 'Base légale',
      blocks: [`Ces traitements sont nécessaires à l'exécution d'une mission d'intérêt public (article 6, paragraphe 1, point e, du RGPD) : l'accompagnement des acheteurs publics dans leurs obligations d'achats responsables. Base légale à confirmer par l'éditeur (${TODO}).`],
    },
    {
      title: 'Qui voit vos données ?',
      blocks: [
        {
          list: [
            "Votre adresse e-mail n'est jamais affichée dans l'annuaire ni sur les fiches d'organisation.",
            "Les membres vérifiés et l'équipe d'animation voient votre nom, votre intitulé de poste, votre région, vos thèmes et vos organisations si vous avez choisi d'être visible dans l'annuaire.",
            "Quand vous demandez à rejoindre une organisation, les membres vérifiés de cette organisation et l'équipe d'animation voient votre nom, votre intitulé de poste, votre adresse e-mail et votre message, pour pouvoir vérifier votre demande.",
            "Vos messages dans l'espace commun de l'entraide sont lisibles par tous, sans compte, mais sans votre nom ni votre organisation ; les membres vérifiés et l'équipe d'animation voient votre nom et votre organisation. Vos messages dans un espace privé ne sont lus que par ses membres et l'équipe d'animation.",
            "Les administrateurs de la plateforme voient la liste des comptes (nom, adresse e-mail, rôle, état).",
            "Un message envoyé par le formulaire de contact (nom, adresse e-mail, objet, message) est adressé par e-mail à chaque membre de l'équipe d'animation, et une copie à l'adresse saisie.",
            `Sous-traitants techniques (hébergement, envoi des e-mails) : ${TODO}.`,
          ],
        },
      ],
    },
    {
      title: 'Durées de conservation',
      blocks: [
        {
          list: [
            `Compte et profil : tant que le compte est actif, jusqu'à ce que vous le supprimiez depuis « Mon profil » ; suppression des comptes inactifs après une durée ${TODO}.`,
            'Liens de confirmation d’adresse : 48 heures ; liens de réinitialisation de mot de passe : 1 heure, à usage unique.',
            "Sessions : 12 heures d'inactivité, ou 30 jours si vous avez coché « Se souvenir de moi ».",
            "Messages du formulaire de contact : effacés de la plateforme 14 jours après leur envoi par e-mail (ils restent ensuite dans les boîtes de l'équipe d'animation et la vôtre).",
            `Journaux techniques et de sécurité : ${TODO} (durée recommandée par la CNIL : de 6 mois à 1 an).`,
          ],
        },
      ],
    },
    {
      title: 'Vos droits',
      blocks: [
        "Vous pouvez accéder à vos données et les rectifier à tout moment depuis « Mon profil ». Vous disposez aussi d'un droit d'effacement, de limitation et d'opposition.",
        "Droit d'accès et portabilité : depuis « Mon profil », le lien « Télécharger toutes mes données » vous donne, en un fichier JSON, tout ce que la plateforme conserve sur vous (profil, sessions, organisations, questions, réponses, votes, abonnements, notifications, inscriptions aux événements, promotions et candidatures, réponses aux questionnaires, notes de codéveloppement). Il ne contient rien sur les autres membres.",
        `Pour exercer ces droits, écrivez à : ${TODO}.`,
        "Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la CNIL.",
        { links: [{ text: 'Adresser une réclamation à la CNIL', href: 'https://www.cnil.fr/fr/plaintes' }] },
      ],
    },
    {
      title: 'Suppression de votre compte',
      blocks: [
        "Depuis « Mon profil », vous pouvez supprimer votre compte vous-même, après avoir saisi votre mot de passe. La suppression est immédiate et définitive :",
        {
          list: [
            "votre profil (nom, adresse e-mail, intitulé de poste, région, thèmes), vos appartenances aux organisations, vos sessions, vos votes, signalements et abonnements, vos notifications et votre rythme d'e-mails, vos inscriptions aux événements et l'adresse de votre calendrier, vos rôles et candidatures dans les promotions, vos réponses aux questionnaires et vos propositions de ressources non publiées sont effacés ;",
            "vos questions, réponses et commentaires, vos notes de codéveloppement et les séances dont vous étiez client ou animateur restent, pour que les échanges des autres membres gardent leur sens : ils sont signés « Membre supprimé », sans votre nom ni votre organisation ; votre nom est aussi retiré des mentions qui vous citent et des fiches récapitulatives de codéveloppement ;",
            "les scores des messages que vous aviez votés sont recalculés sans vos votes, et une place que vous occupiez à un événement à venir revient à la première personne en liste d'attente ;",
            "vos sessions sont fermées ; les liens qui vous ont été envoyés (confirmation d'adresse, réinitialisation du mot de passe, désabonnement) et les adresses secrètes de vos calendriers cessent de fonctionner ;",
            "les pages publiques qui affichaient votre nom (membres d'une organisation, promotions, groupes de codéveloppement) ne l'affichent plus. Votre adresse e-mail redevient libre pour un nouveau compte.",
          ],
        },
        "Ce que vous avez fait pour la plateforme en tant qu'animateur ou administrateur (événements, ressources publiées, décisions sur des demandes d'adhésion) reste, sans votre nom.",
      ],
    },
    {
      title: 'Cookies et stockage local',
      blocks: [
        "Entraide n'utilise que des cookies strictement nécessaires au fonctionnement du service. Ils sont exemptés de consentement : c'est pourquoi aucun bandeau ne vous le demande.",
        {
          list: [
            "entraide_session : maintient votre connexion. Il expire à la fermeture du navigateur, ou après 30 jours si vous avez coché « Se souvenir de moi ». Il n'est pas lisible par les scripts de la page.",
            'entraide_csrf : protège les formulaires contre les requêtes envoyées à votre insu depuis un autre site (falsification de requête intersite).',
          ],
        },
        "Votre navigateur conserve aussi, sans les transmettre à personne : vos brouillons non envoyés (profil, message de demande d'adhésion), jusqu'à leur envoi, et votre choix d'affichage (thème clair ou sombre).",
        "Aucun outil de mesure d'audience, aucun traceur publicitaire ni aucun contenu tiers (vidéo, réseau social) n'est utilisé.",
      ],
    },
  ],
};

export const terms: LegalPage = {
  title: "Conditions d'utilisation",
  lead: `Version ${TERMS_VERSION}. En créant un compte, vous acceptez ces conditions.`,
  sections: [
    {
      title: '1. Objet',
      blocks: [
        "Entraide est la plateforme d'une communauté d'acheteurs publics qui s'entraident pour adopter et faire vivre leur schéma de promotion des achats publics socialement et écologiquement responsables (SPASER). Ces conditions fixent les règles d'utilisation du service, actuellement en version bêta.",
      ],
    },
    {
      title: '2. Qui peut utiliser Entraide ?',
      blocks: [
        "Les pages publiques (recherche d'organisations, fiches, informations sur l'obligation) sont ouvertes à tous.",
        "L'espace commun de l'entraide se lit aussi sans compte : voir l'article 7.",
        "Les espaces réservés sont destinés aux agents des acheteurs publics soumis au Code de la commande publique (collectivités, groupements, services de l'État, établissements de santé, établissements publics, bailleurs sociaux…), ainsi qu'à l'équipe d'animation du programme et aux parrains et marraines qu'elle désigne.",
      ],
    },
    {
      title: '3. Votre compte',
      blocks: [
        {
          list: [
            'Un compte est personnel : une personne, un compte, à son vrai nom.',
            "Utilisez votre adresse e-mail professionnelle ; elle peut suffire à vérifier votre appartenance à votre organisation.",
            "Gardez votre mot de passe confidentiel. Si vous pensez qu'il a été compromis, changez-le depuis « Mon profil » ou réinitialisez-le.",
          ],
        },
      ],
    },
    {
      title: "4. Vérification de l'appartenance à une organisation",
      blocks: [
        "Vous devenez membre vérifié d'une organisation quand un membre déjà vérifié de cette organisation ou l'équipe d'animation valide votre demande, ou immédiatement si le domaine de votre adresse e-mail confirmée est déclaré pour elle.",
        "Ne validez une demande que si vous savez que la personne travaille pour votre organisation. Une fausse déclaration peut entraîner la désactivation du compte.",
      ],
    },
    {
      title: '5. Fournisseurs et prestataires',
      blocks: [
        "Les salariés et représentants d'entreprises, de fournisseurs, de prestataires ou de cabinets de conseil ne doivent pas se faire passer pour des acheteurs publics ni demander à rejoindre une organisation acheteuse. Entraide n'est pas un espace de prospection commerciale.",
        "Pour préserver l'égalité de traitement des candidats, ne partagez pas d'informations confidentielles sur une procédure de passation en cours.",
      ],
    },
    {
      title: '6. Règles de conduite',
      blocks: [
        {
          list: [
            'échanger avec courtoisie et bienveillance ;',
            'ne pas publier de données personnelles de tiers ni de contenus confidentiels, diffamatoires ou illicites ;',
            'ne pas faire de promotion commerciale ;',
            "n'utiliser les coordonnées des autres membres que pour l'entraide entre acheteurs.",
          ],
        },
      ],
    },
    {
      title: "7. Espace d'entraide : qui lit quoi ?",
      blocks: [
        {
          list: [
            "Espace commun : les questions, réponses et commentaires sont lisibles par tous, y compris les visiteurs sans compte et les moteurs de recherche, car les pratiques d'achat public responsable sont d'intérêt général. Pour ces lecteurs, ainsi que pour les comptes dont l'appartenance à une organisation n'est pas encore vérifiée, le nom et l'organisation des auteurs ne sont jamais affichés (« Un membre »).",
            "Les membres vérifiés et l'équipe d'animation voient le nom et l'organisation des auteurs. Seuls les membres vérifiés et l'équipe d'animation peuvent poser une question, répondre, commenter, voter ou signaler.",
            "Espaces privés (une promotion, un groupe de travail) : leur contenu n'est lisible que par leurs membres et par l'équipe d'animation ; il n'apparaît nulle part ailleurs (listes, recherche, notifications, e-mails, compteurs, exports).",
            "Un message masqué par la modération n'est plus visible que de l'équipe d'animation ; un message supprimé ne l'est plus de personne, mais la trace de la suppression est conservée.",
            "N'écrivez donc dans l'espace commun rien que vous ne publieriez pas : ni données personnelles, ni informations confidentielles sur une procédure en cours.",
          ],
        },
      ],
    },
    {
      title: '8. Modération',
      blocks: [
        "L'équipe d'animation veille au respect de ces conditions. Elle peut retirer un contenu, refuser ou retirer une appartenance à une organisation, et désactiver un compte en cas de manquement, après avoir, sauf urgence, informé la personne concernée.",
        `Pour signaler un contenu ou un comportement : ${TODO}.`,
      ],
    },
    {
      title: '9. Responsabilité',
      blocks: [
        "Les informations publiées par les membres engagent leurs auteurs. L'évaluation de l'obligation d'adopter un SPASER est indicative et ne constitue pas un avis juridique. Le service est fourni en version bêta, sans garantie de disponibilité.",
      ],
    },
    {
      title: '10. Données personnelles',
      blocks: [{ links: [{ text: 'Données personnelles et cookies', href: paths.privacy() }] }],
    },
    {
      title: '11. Évolution des conditions',
      blocks: [
        "Ces conditions peuvent évoluer avec le service. Toute nouvelle version est datée et signalée aux membres ; la version en vigueur est celle publiée sur cette page.",
        `Contact : ${TODO}.`,
      ],
    },
  ],
};

export const sitemapLabels = {
  title: 'Plan du site',
  groups: [
    {
      title: 'Découvrir',
      links: [
        { text: 'Accueil', href: paths.home() },
        { text: 'Rechercher une organisation', href: paths.organisations() },
        { text: 'Les promotions', href: paths.cohorts() },
        { text: 'Les thèmes : questions, ressources, événements', href: paths.themes() },
        { text: 'Observatoire des achats responsables', href: paths.observatory() },
      ],
    },
    {
      title: "Espace d'entraide",
      links: [
        { text: "Espaces et thèmes de l'entraide", href: paths.helpHome() },
        { text: "Rechercher dans l'entraide", href: paths.helpSearch() },
        { text: 'Poser une question', href: paths.helpAsk() },
      ],
    },
    {
      title: 'Agenda',
      links: [
        { text: 'Événements et webinaires', href: paths.agenda() },
        { text: 'Événements passés', href: paths.agenda('past') },
        { text: 'Mes inscriptions', href: paths.myRegistrations() },
      ],
    },
    {
      title: 'Bibliothèque de ressources',
      links: [
        { text: 'Rechercher une ressource', href: paths.library() },
        { text: 'Proposer une ressource', href: paths.libraryPropose() },
        { text: 'Relecture des propositions (animation)', href: paths.libraryReview() },
      ],
    },
    {
      title: 'Mon compte',
      links: [
        { text: 'Mes notifications', href: paths.notifications() },
        { text: "Préférences d'e-mail", href: paths.notificationPreferences() },
        { text: 'Créer un compte', href: paths.signUp() },
        { text: 'Se connecter', href: paths.logIn() },
        { text: 'Mot de passe oublié', href: paths.forgotPassword() },
        { text: 'Recevoir un nouveau lien de confirmation', href: paths.verifyEmail() },
        { text: 'Mon profil', href: paths.profile() },
        { text: 'Mon organisation', href: paths.myOrganisation() },
      ],
    },
    {
      title: 'Membres vérifiés',
      links: [{ text: 'Annuaire des membres', href: paths.directory() }],
    },
    {
      title: 'Administration',
      links: [
        { text: 'Administration', href: paths.admin() },
        { text: 'File de modération', href: paths.helpModeration() },
        { text: 'Créer un événement', href: paths.eventCreate() },
        { text: 'Utilisateurs', href: paths.adminUsers() },
        { text: 'Organisations', href: paths.adminOrganisations() },
        { text: "Demandes d'adhésion en attente", href: paths.adminMembershipRequests() },
      ],
    },
    {
      title: 'Informations',
      links: [
        { text: "Déclaration d'accessibilité", href: paths.accessibility() },
        { text: 'Mentions légales', href: paths.legal() },
        { text: 'Données personnelles et cookies', href: paths.privacy() },
        { text: "Conditions d'utilisation", href: paths.terms() },
        { text: "Contacter l'équipe d'animation", href: paths.contact() },
      ],
    },
  ],
  externalSuffix: ' — nouvelle fenêtre',
} as const;

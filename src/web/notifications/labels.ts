const fr = new Intl.NumberFormat('fr-FR');

// French copy of the notification pages: centre, e-mail preferences, unsubscribe (the header badge's
// is in layout/labels.ts, loaded on every page).
export const notificationsLabels = {
  centre: {
    title: 'Mes notifications',
    lead: 'Les nouveautés de tous les espaces de la plateforme : entraide, agenda, bibliothèque, promotions, codéveloppement.',
    unreadOnly: 'Non lues seulement',
    all: 'Toutes',
    filterLabel: 'Afficher',
    categoryFilterLabel: 'Filtrer par catégorie',
    allCategories: 'Toutes les catégories',
    categoryTag: (label: string, unread: number) => (unread > 0 ? `${label} (${fr.format(unread)} non ${unread > 1 ? 'lues' : 'lue'})` : label),
    count: (n: number, unread: number) =>
      `${n === 0 ? 'Aucune notification.' : n === 1 ? '1 notification' : `${fr.format(n)} notifications`}${n === 0 ? '' : unread === 0 ? ', toutes lues.' : unread === 1 ? ', dont 1 non lue.' : `, dont ${fr.format(unread)} non lues.`}`,
    markRead: 'Marquer comme lue',
    markReadOf: (title: string) => `Marquer comme lue : ${title}`,
    markAllRead: 'Tout marquer comme lu',
    allReadDone: 'Toutes les notifications sont marquées comme lues.',
    readDone: 'Notification marquée comme lue.',
    unreadBadge: 'Non lue',
    open: 'Voir la question',
    openOther: 'Voir',
    helpers: 'Membres à solliciter sur ce thème :',
    usefulCount: (n: number) => (n === 1 ? '1 réponse utile' : `${fr.format(n)} réponses utiles`),
    preferences: "Préférences d'e-mail",
  },
  preferences: {
    title: "Préférences d'e-mail",
    lead: 'Les notifications restent toujours visibles ici ; choisissez, pour chaque catégorie, quand elles vous sont envoyées par e-mail.',
    legend: 'Recevoir un e-mail',
    categoryLegend: (label: string) => `${label} : recevoir un e-mail`,
    transactional:
      'Les e-mails liés à votre compte (sécurité, mot de passe), à vos inscriptions (confirmation et invitation .ics, rappels avant un événement), les fiches récapitulatives et les décisions sur vos demandes sont toujours envoyés.',
    hints: {
      immediately: 'Un e-mail pour chaque notification.',
      daily: 'Un seul e-mail par jour avec les nouveautés non lues (vers 7 h).',
      weekly: 'Un seul e-mail le lundi avec les nouveautés non lues.',
      never: 'Aucun e-mail : consultez vos notifications sur le site.',
    } as Record<string, string>,
    save: 'Enregistrer',
    saved: 'Vos préférences sont enregistrées.',
    back: 'Retour à mes notifications',
  },
  unsubscribe: {
    title: 'Se désabonner des e-mails',
    missing: "Ce lien de désabonnement est incomplet. Modifiez vos préférences depuis « Mes notifications ».",
    hello: (name: string) => `Bonjour ${name},`,
    confirm: 'Ne plus recevoir d’e-mails de notification',
    confirmCategory: (label: string) => `Ne plus recevoir les e-mails « ${label} »`,
    done: 'C’est fait : vous ne recevrez plus d’e-mails de notification.',
    preferences: 'Modifier mes préférences',
  },
} as const;

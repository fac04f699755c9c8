import { themes } from '../../shared/fields';

// French copy of a cohort's announcements and of the next edition (issue 23, items 4 and 6).

export const announcementLabels = {
  section: 'Annonces',
  none: 'Aucune annonce pour le moment.',
  write: 'Rédiger une annonce',
  byOn: (author: string | null, date: string) => (author ? `Par ${author}, le ${date}` : `Le ${date}`),
  sentTo: (n: number) => (n === 0 ? 'Envoyée à personne (aucun autre membre)' : n === 1 ? 'Envoyée à 1 membre' : `Envoyée à ${n} membres`),
  themesOf: 'Thèmes :',
  themeNames: themes,
  // The form.
  newTitle: 'Rédiger une annonce',
  lead: 'L’annonce est envoyée aux membres actuels de la promotion (participants, parrains et marraines, animation), selon leur rythme de notifications « Promotions », et archivée sur la page de la promotion.',
  title: 'Titre',
  titleHint: 'Une ligne, 150 caractères au plus.',
  body: 'Texte',
  bodyHint: 'Markdown accepté (gras, listes, liens).',
  themes: 'Thèmes',
  themesHint: '5 au plus, dans la liste des thèmes de la plateforme.',
  preview: 'Prévisualiser',
  previewTitle: 'Aperçu avant envoi',
  recipients: (n: number) => (n === 0 ? 'Personne ne la recevra : la promotion n’a pas encore d’autre membre.' : n === 1 ? 'Elle sera envoyée à 1 membre.' : `Elle sera envoyée à ${n} membres.`),
  edit: 'Modifier l’annonce',
  send: 'Envoyer l’annonce',
  sent: (n: number) => (n === 1 ? 'Annonce envoyée à 1 membre.' : `Annonce envoyée à ${n} membres.`),
  forbidden: 'Seule l’équipe d’animation d’une promotion en cours ou ouverte aux candidatures envoie des annonces.',
} as const;

export const editionLabels = {
  prepare: 'Préparer l’édition suivante',
  title: (name: string) => `Préparer l’édition suivante de « ${name} »`,
  lead: 'La nouvelle promotion reprend la description, les séances, les questionnaires et les ressources réservées, décalés à la nouvelle date de début. Elle ne reprend aucune personne : ni membres, ni candidatures, ni présences, ni réponses. Vous en serez l’animateur ou l’animatrice ; elle s’ouvre aux candidatures.',
  name: 'Nom de la nouvelle promotion',
  edition: 'Numéro d’édition',
  startsOn: 'Date de début',
  startsOnHint: 'Aujourd’hui ou plus tard. La fin, les séances et les questionnaires sont décalés d’autant de jours, à la même heure de Paris.',
  capacity: 'Capacité (participants au plus)',
  shiftTitle: 'Ce qui sera décalé',
  shift: (days: number) => (days === 0 ? 'Même date de début : rien n’est décalé.' : `Décalage de ${days} jour${Math.abs(days) > 1 ? 's' : ''}.`),
  endsOn: (date: string) => `Fin de la nouvelle promotion : ${date}.`,
  sessionsCaption: 'Les séances de la nouvelle édition',
  colSession: 'Séance',
  colBefore: 'Édition copiée',
  colAfter: 'Nouvelle édition',
  noSessions: 'Aucune séance à copier.',
  submit: 'Créer la nouvelle édition',
  created: (sessions: number, surveys: number, resources: number) =>
    `Nouvelle édition créée : ${sessions} séance${sessions > 1 ? 's' : ''}, ${surveys} questionnaire${surveys > 1 ? 's' : ''}, ${resources} ressource${resources > 1 ? 's' : ''} copiés.`,
  notCopied: (titles: string[]) => `Ressources non copiées (fichier introuvable) : ${titles.join(', ')}.`,
  forbidden: 'Seule l’équipe du programme prépare une nouvelle édition.',
  copiedFrom: 'Édition précédente :',
} as const;

// French copy of the theme pages (issue 23, item 9), the theme picker of the forms and the theme tags.
import { themes, type Theme } from '../../shared/fields';

const fr = new Intl.NumberFormat('fr-FR');
const plural = (n: number, one: string, many: string) => (n <= 1 ? `${n} ${one}` : `${fr.format(n)} ${many}`);

/** The label of a theme key of the platform's one list (the key itself when unknown). */
export const themeLabel = (key: string) => themes[key as Theme] ?? key;

export const themeLabels = {
  picker: {
    legend: 'Thèmes',
    optional: '(facultatif)',
    hint: (max: number) => `${max} thèmes au plus, dans la liste de la plateforme.`,
  },
  tags: {
    // Read before the tags by screen readers.
    of: 'Thèmes :',
  },
  list: {
    title: 'Thèmes',
    lead: 'Chaque thème réunit les questions, ressources, événements et travaux de promotion qui le concernent, selon ce que vous pouvez lire.',
    count: (n: number) => plural(n, 'contenu', 'contenus'),
    nothing: 'Rien pour l’instant',
    detail: {
      questions: (n: number) => plural(n, 'question', 'questions'),
      resources: (n: number) => plural(n, 'ressource', 'ressources'),
      events: (n: number) => plural(n, 'événement', 'événements'),
      codevCases: (n: number) => plural(n, 'cas de codéveloppement', 'cas de codéveloppement'),
      announcements: (n: number) => plural(n, 'annonce', 'annonces'),
      sponsorQuestions: (n: number) => plural(n, 'question aux parrains', 'questions aux parrains'),
    },
  },
  page: {
    loadingTitle: 'Thème',
    notFoundTitle: 'Thème introuvable',
    lead: 'Ce que la communauté a publié sur ce thème, parmi ce que vous pouvez lire.',
    allThemes: 'Tous les thèmes',
    sections: {
      questions: 'Questions de l’entraide',
      resources: 'Ressources de la bibliothèque',
      events: 'Événements',
      codevCases: 'Cas de codéveloppement',
      announcements: 'Annonces de promotion',
      sponsorQuestions: 'Questions aux parrains',
    },
    empty: {
      questions: 'Aucune question sur ce thème pour l’instant.',
      resources: 'Aucune ressource sur ce thème pour l’instant.',
      events: 'Aucun événement sur ce thème pour l’instant.',
    },
    // Shown under a section holding more than the items listed.
    more: (shown: number, total: number) => `Les ${shown} plus récents sur ${fr.format(total)}.`,
    askedOn: (date: string) => `Posée le ${date}`,
    postedOn: (date: string) => `Publiée le ${date}`,
    membersOnly: 'Les cas de codéveloppement, annonces et questions aux parrains des promotions ne sont visibles que de leurs membres.',
    answers: (n: number) => plural(n, 'réponse', 'réponses'),
    solved: 'Résolue',
    answered: 'Répondue',
    waiting: 'En attente de réponse',
    codevStatus: { planned: 'Prévue', running: 'En cours', ended: 'Terminée', cancelled: 'Annulée' } as Record<string, string>,
    inCohort: (cohort: string, group?: string) => (group ? `${cohort} · ${group}` : cohort),
  },
};

import { paths } from '../../web/paths.js';
import { registerFailures } from '../platform/failures.js';
import { layoutMail } from '../platform/mail.js';
import type { EmailFrequency } from './notifications.tables.js';

// French copy of the notification centre: failures, e-mails, unsubscribe. Each module's sentences
// live in its own <module>.notifications.ts.
registerFailures({
  NOTIFICATION_NOT_FOUND: { status: 404, message: "Cette notification n'existe pas." },
  NOTIFICATION_CATEGORY_UNKNOWN: {
    status: 400,
    message: "Cette catégorie de notifications n'existe pas. Choisissez parmi les catégories proposées dans « Préférences d'e-mail ».",
  },
  UNSUBSCRIBE_LINK_INVALID: {
    status: 400,
    message: "Ce lien de désabonnement n'est pas valide : rien n'a été modifié. Changez vos préférences depuis « Mes notifications ».",
  },
  UNSUBSCRIBE_LINK_EXPIRED: {
    status: 400,
    message: "Ce lien de désabonnement a expiré : rien n'a été modifié. Utilisez le lien d'un e-mail plus récent, ou changez vos préférences depuis « Mes notifications ».",
  },
});

export const frequencyLabels: Record<EmailFrequency, string> = {
  immediately: 'à chaque notification',
  daily: 'un récapitulatif par jour',
  weekly: 'un récapitulatif par semaine',
  never: 'jamais',
};

export const unsubscribeCopy = {
  confirmAll: 'Confirmez pour ne plus recevoir aucun e-mail de nouveautés, dans aucune catégorie. Les notifications restent visibles sur la plateforme, et les e-mails liés à votre compte et à vos inscriptions continuent.',
  confirmCategory: (label: string) =>
    `Confirmez pour ne plus recevoir d'e-mails de la catégorie « ${label} ». Les autres catégories ne changent pas, et les notifications restent visibles sur la plateforme.`,
  doneAll: 'Vous ne recevrez plus d’e-mails de notification. Vous pouvez changer d’avis dans « Mes notifications ».',
  doneCategory: (label: string) => `Vous ne recevrez plus d’e-mails de la catégorie « ${label} ». Vous pouvez changer d’avis dans « Mes notifications ».`,
};

const footerOf = (input: { unsubscribeCategoryUrl?: string; unsubscribeAllUrl: string; preferencesUrl: string }, what: string) =>
  [
    `Vous recevez ${what} selon vos préférences de notification (${input.preferencesUrl}).`,
    ...(input.unsubscribeCategoryUrl ? [`Ne plus recevoir cette catégorie : ${input.unsubscribeCategoryUrl}`] : []),
    `Se désabonner de tout : ${input.unsubscribeAllUrl}`,
  ].join(' ');

export const notificationMails = {
  single(input: {
    firstName: string;
    categoryLabel: string;
    sentence: string;
    excerpt: string;
    url: string;
    unsubscribeCategoryUrl: string;
    unsubscribeAllUrl: string;
    preferencesUrl: string;
  }) {
    return {
      subject: input.sentence.length > 120 ? `${input.sentence.slice(0, 119)}…` : input.sentence,
      ...layoutMail({
        title: `Du nouveau — ${input.categoryLabel}`,
        paragraphs: [`Bonjour ${input.firstName},`, input.sentence, ...(input.excerpt ? [`« ${input.excerpt} »`] : [])],
        action: { label: 'Voir', url: input.url },
        footer: footerOf(input, 'ce message'),
      }),
    };
  },
  digest(input: {
    firstName: string;
    frequency: 'daily' | 'weekly';
    count: number;
    sections: { label: string; unsubscribeUrl: string; lines: { sentence: string; url: string }[] }[];
    url: string;
    unsubscribeAllUrl: string;
    preferencesUrl: string;
  }) {
    const period = input.frequency === 'daily' ? 'de la journée' : 'de la semaine';
    return {
      subject: `Entraide : ${input.count} nouveauté${input.count > 1 ? 's' : ''} ${period}`,
      ...layoutMail({
        title: `Votre récapitulatif ${period}`,
        paragraphs: [
          `Bonjour ${input.firstName},`,
          ...input.sections.flatMap((s) => [
            `${s.label} (${s.lines.length})`,
            ...s.lines.map((l) => `• ${l.sentence} ${l.url}`),
            `Ne plus recevoir « ${s.label} » : ${s.unsubscribeUrl}`,
          ]),
        ],
        action: { label: 'Voir mes notifications', url: input.url },
        footer: footerOf(input, 'ce récapitulatif'),
      }),
    };
  },
};

/** Absolute addresses for e-mails: web pages come from the web app's `paths` (one place for URLs). */
export const notificationUrls = {
  notifications: (base: string) => `${base}${paths.notifications()}`,
  preferences: (base: string) => `${base}${paths.notificationPreferences()}`,
  unsubscribePage: (base: string, token: string) => `${base}${paths.unsubscribe(token)}`,
  oneClick: (base: string, token: string) => `${base}/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`,
};

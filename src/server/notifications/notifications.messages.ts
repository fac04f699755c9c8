import { paths } from '../../web/paths.js';
import { registerFailures } from '../platform/failures.js';
import { layoutMail } from '../platform/mail.js';
import type { EmailFrequency, NotificationKind } from './notifications.tables.js';

// French copy of notifications: failures, sentences, e-mails.
registerFailures({
  NOTIFICATION_NOT_FOUND: { status: 404, message: "Cette notification n'existe pas." },
  UNSUBSCRIBE_LINK_INVALID: {
    status: 400,
    message: "Ce lien de désabonnement n'est pas valide. Modifiez vos préférences depuis « Mes notifications ».",
  },
});

export const frequencyLabels: Record<EmailFrequency, string> = {
  immediately: 'à chaque notification',
  daily: 'un récapitulatif par jour',
  weekly: 'un récapitulatif par semaine',
  never: 'jamais',
};

/** For facilitators' unanswered-question alerts in e-mails: whom to ask. */
export function suggestionSentence(helpers: { displayName: string; usefulAnswersCount: number }[]): string {
  if (!helpers.length) return '';
  const names = helpers.map((h) => `${h.displayName} (${h.usefulAnswersCount} réponse${h.usefulAnswersCount > 1 ? 's' : ''} utile${h.usefulAnswersCount > 1 ? 's' : ''})`);
  return `Membres à solliciter sur ce thème : ${names.join(', ')}.`;
}

/** One sentence per notification, built when shown or sent. */
export function notificationSentence(kind: NotificationKind, actor: string | null, title: string): string {
  const who = actor ?? 'Un membre';
  switch (kind) {
    case 'answer':
      return `${who} a répondu à la question « ${title} ».`;
    case 'comment':
      return `${who} a commenté dans la question « ${title} ».`;
    case 'useful':
      return `${who} a jugé votre réponse utile dans la question « ${title} ».`;
    case 'mention':
      return `${who} vous a mentionné dans la question « ${title} ».`;
    case 'new_question':
      return `Nouvelle question de ${who} : « ${title} ».`;
    case 'unanswered':
      return `La question « ${title} » attend une réponse depuis 48 heures.`;
  }
}

export const notificationMails = {
  single(input: { firstName: string; sentence: string; excerpt: string; url: string; settingsUrl: string }) {
    return {
      subject: input.sentence.length > 120 ? `${input.sentence.slice(0, 119)}…` : input.sentence,
      ...layoutMail({
        title: 'Du nouveau dans l’espace d’entraide',
        paragraphs: [`Bonjour ${input.firstName},`, input.sentence, ...(input.excerpt ? [`« ${input.excerpt} »`] : [])],
        action: { label: 'Voir la question', url: input.url },
        footer: `Vous recevez ce message selon vos préférences de notification. Se désabonner : ${input.settingsUrl}`,
      }),
    };
  },
  digest(input: { firstName: string; frequency: 'daily' | 'weekly'; lines: { sentence: string; url: string }[]; url: string; settingsUrl: string }) {
    const period = input.frequency === 'daily' ? 'de la journée' : 'de la semaine';
    return {
      subject: `Entraide : ${input.lines.length} nouveauté${input.lines.length > 1 ? 's' : ''} ${period}`,
      ...layoutMail({
        title: `Votre récapitulatif ${period}`,
        paragraphs: [`Bonjour ${input.firstName},`, ...input.lines.map((l) => `• ${l.sentence} ${l.url}`)],
        action: { label: 'Voir mes notifications', url: input.url },
        footer: `Vous recevez ce récapitulatif selon vos préférences de notification. Se désabonner : ${input.settingsUrl}`,
      }),
    };
  },
};

/** Absolute addresses for e-mails: web pages come from the web app's `paths` (one place for URLs). */
export const notificationUrls = {
  question: (base: string, questionId: string) => `${base}${paths.helpQuestion(questionId)}`,
  notifications: (base: string) => `${base}${paths.notifications()}`,
  unsubscribePage: (base: string, token: string) => `${base}${paths.unsubscribe(token)}`,
  oneClick: (base: string, token: string) => `${base}/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`,
};

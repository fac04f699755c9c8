import { layoutMail } from '../platform/mail.js';

// French copy of the contact form's e-mails and answers (issue 15, item 5).

export const contactTexts = {
  sent: (email: string) => `Votre message est envoyé à l'équipe d'animation. Une copie vous est adressée à ${email} ; la réponse arrivera à cette adresse.`,
};

type Message = { name: string; email: string; subject: string; message: string };

export const contactMails = {
  /** To each facilitator: replying answers the sender (Reply-To). */
  toFacilitators(input: Message & { account: string | null; sentAt: string }) {
    return {
      subject: `Message de contact : ${input.subject}`,
      ...layoutMail({
        title: 'Nouveau message du formulaire de contact',
        paragraphs: [
          `De : ${input.name} <${input.email}>`,
          input.account ?? 'Envoyé sans être connecté : l’adresse e-mail n’a pas été vérifiée.',
          `Envoyé le ${input.sentAt}.`,
          `Objet : ${input.subject}`,
          ...input.message.split(/\r?\n\s*\r?\n/),
          `Répondez simplement à cet e-mail : la réponse part vers ${input.email}.`,
        ],
        footer: "Entraide — message reçu par le formulaire de contact, adressé à toute l'équipe d'animation.",
      }),
    };
  },
  /** To the sender: what they sent, so they keep a trace. */
  copyToSender(input: Message & { sentAt: string }) {
    return {
      subject: `Copie de votre message à l'équipe d'animation d'Entraide : ${input.subject}`,
      ...layoutMail({
        title: 'Votre message est bien envoyé',
        paragraphs: [
          `Bonjour ${input.name},`,
          `Voici la copie du message que vous avez envoyé le ${input.sentAt} à l'équipe d'animation d'Entraide. Elle vous répondra à cette adresse.`,
          `Objet : ${input.subject}`,
          ...input.message.split(/\r?\n\s*\r?\n/),
          "Si vous n'êtes pas à l'origine de ce message, ignorez cet e-mail.",
        ],
      }),
    };
  },
};

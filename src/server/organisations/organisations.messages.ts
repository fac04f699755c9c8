import { registerFailures } from '../platform/failures.js';
import { layoutMail } from '../platform/mail.js';
import { de } from '../../shared/french.js';

registerFailures({
  ALREADY_MEMBER: { status: 409, message: 'Vous êtes déjà membre vérifié de cette organisation.' },
  ALREADY_PENDING: { status: 409, message: 'Votre demande est déjà en attente de validation.' },
  REQUEST_NOT_PENDING: { status: 409, message: "Cette demande a déjà été traitée (approuvée ou refusée), peut-être par une autre personne : elle n'attend plus de décision." },
  SIREN_TAKEN: { status: 409, message: 'Une organisation existe déjà avec ce SIREN.' },
  ORGANISATION_ALREADY_REVIEWED: { status: 409, message: 'Cette organisation a déjà été vérifiée.' },
  DOMAIN_TAKEN: { status: 409, message: 'Ce domaine est déjà déclaré pour cette organisation.' },
  PUBLIC_MAIL_DOMAIN: {
    status: 400,
    message: "Ce domaine est celui d'une messagerie grand public : il ne peut pas prouver l'appartenance à une organisation.",
  },
});

export const organisationMails = {
  requestReceived(input: { organisationName: string; requesterName: string; requesterJob: string; url: string }) {
    return {
      subject: `Demande d'adhésion à ${input.organisationName} sur Entraide`,
      ...layoutMail({
        title: 'Une demande attend votre validation',
        paragraphs: [
          `${input.requesterName}${input.requesterJob ? ` (${input.requesterJob})` : ''} demande à rejoindre ${input.organisationName} sur Entraide.`,
          "Validez seulement si cette personne travaille bien pour votre organisation : les espaces d'Entraide sont réservés aux acheteurs publics.",
        ],
        action: { label: 'Examiner la demande', url: input.url },
      }),
    };
  },
  decision(input: { firstName: string; organisationName: string; approved: boolean; url: string; contactUrl: string }) {
    return {
      subject: input.approved
        ? `Vous êtes membre vérifié ${de(input.organisationName)}`
        : `Votre demande d'adhésion à ${input.organisationName}`,
      ...layoutMail({
        title: input.approved ? 'Adhésion validée' : 'Adhésion non validée',
        paragraphs: input.approved
          ? [`Bonjour ${input.firstName}, votre appartenance à ${input.organisationName} est vérifiée : vous pouvez maintenant agir pour elle sur Entraide.`]
          : [
              `Bonjour ${input.firstName}, votre demande pour rejoindre ${input.organisationName} n'a pas été validée.`,
              `Si c'est une erreur, contactez un collègue déjà membre ou écrivez à l'équipe d'animation : ${input.contactUrl}`,
            ],
        action: { label: 'Voir mon organisation', url: input.url },
      }),
    };
  },
};

/** Webmail domains that never prove membership of a public buyer. */
export const publicMailDomains = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.fr', 'yahoo.com', 'hotmail.fr', 'hotmail.com', 'outlook.fr', 'outlook.com',
  'live.fr', 'live.com', 'orange.fr', 'wanadoo.fr', 'free.fr', 'sfr.fr', 'neuf.fr', 'laposte.net', 'icloud.com',
  'me.com', 'aol.com', 'gmx.fr', 'gmx.com', 'protonmail.com', 'proton.me', 'bbox.fr', 'numericable.fr', 'club-internet.fr',
]);

import { registerFailures } from '../platform/failures.js';
import { layoutMail } from '../platform/mail.js';
import { proconnectRefusals } from './proconnect.contract.js';

// French copy of ProConnect refusals (the contract holds the words, shared with the log-in page).
const status: Record<keyof typeof proconnectRefusals, number> = {
  PROCONNECT_NOT_CONFIGURED: 404,
  PROCONNECT_UNAVAILABLE: 503,
  PROCONNECT_STATE: 400,
  PROCONNECT_NONCE: 400,
  PROCONNECT_CODE: 400,
  PROCONNECT_INVALID_TOKEN: 400,
  PROCONNECT_INVALID_USERINFO: 400,
  PROCONNECT_DENIED: 400,
  PROCONNECT_MISSING_CLAIMS: 400,
  PROCONNECT_BAD_SIRET: 400,
  PROCONNECT_EMAIL_LINKED: 409,
  PROCONNECT_ACCOUNT_DISABLED: 403,
  PROCONNECT_LINK_EXPIRED: 400,
  PROCONNECT_EMAIL_LINK_INVALID: 400,
  PROCONNECT_EMAIL_LINK_USED: 400,
  PROCONNECT_EMAIL_LINK_EXPIRED: 400,
  PROCONNECT_EMAIL_LINK_OTHER_BROWSER: 400,
};
registerFailures(Object.fromEntries(Object.entries(proconnectRefusals).map(([code, message]) => [code, { status: status[code as keyof typeof status], message }])));

/** French answers and e-mails of ProConnect account linking. */
export const proconnectMessages = {
  linkEmailSent: (email: string) =>
    `Un lien de confirmation vient d'être envoyé à ${email}. Ouvrez-le dans ce navigateur dans les 30 minutes : il lie votre identité ProConnect à votre compte et vous connecte.`,
};

export const proconnectMails = {
  link(input: { firstName: string; url: string }) {
    return {
      subject: 'Lier votre identité ProConnect à votre compte Entraide',
      ...layoutMail({
        title: 'Confirmez la liaison avec ProConnect',
        paragraphs: [
          `Bonjour ${input.firstName}, quelqu'un s'est identifié avec ProConnect sous votre adresse e-mail et demande à lier cette identité à votre compte Entraide. Ce lien est valable 30 minutes, ne sert qu'une fois et ne fonctionne que dans le navigateur où la connexion avec ProConnect a commencé.`,
          "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : rien ne sera lié et votre compte reste inchangé.",
        ],
        action: { label: 'Lier mon identité ProConnect et me connecter', url: input.url },
      }),
    };
  },
};

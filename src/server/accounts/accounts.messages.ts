import { registerFailures } from '../platform/failures.js';
import { layoutMail } from '../platform/mail.js';

// French copy of the accounts module on the server side: failures and e-mails.
registerFailures({
  MEMBER_PROFILE_UNAVAILABLE: {
    status: 404,
    message: "Ce profil n'est pas consultable : il n'existe pas, ou son titulaire ne l'affiche pas dans l'annuaire des membres.",
  },
  EMAIL_TAKEN: { status: 409, message: 'Un compte existe déjà avec cette adresse e-mail. Connectez-vous ou réinitialisez votre mot de passe.' },
  BAD_CREDENTIALS: { status: 401, message: 'Adresse e-mail ou mot de passe incorrect.' },
  EMAIL_NOT_VERIFIED: {
    status: 403,
    message: "Confirmez d'abord votre adresse e-mail : cliquez sur le lien reçu lors de l'inscription. Vous pouvez en demander un nouveau.",
  },
  ACCOUNT_DISABLED: { status: 403, message: 'Ce compte est désactivé. Contactez l’équipe d’animation.' },
  LOGIN_LOCKED: {
    status: 429,
    message: 'Trop de tentatives de connexion infructueuses. Réessayez dans 15 minutes, ou réinitialisez votre mot de passe.',
  },
  LOGIN_SLOWED: {
    status: 429,
    message: 'De nombreuses tentatives de connexion ont visé ce compte : par précaution, il accepte une tentative par minute. Réessayez dans 1 minute.',
  },
  TOKEN_INVALID: { status: 400, message: "Ce lien n'est pas valide. Vérifiez qu'il est complet ou demandez-en un nouveau." },
  TOKEN_EXPIRED: { status: 400, message: 'Ce lien a expiré. Demandez-en un nouveau.' },
  TOKEN_USED: { status: 400, message: 'Ce lien a déjà été utilisé. Demandez-en un nouveau si nécessaire.' },
  TOKEN_REVOKED: {
    status: 400,
    message: "Ce lien n'est plus valable : le mot de passe a été changé depuis son envoi. Demandez-en un nouveau si nécessaire.",
  },
  WRONG_PASSWORD: { status: 400, message: 'Le mot de passe actuel est incorrect.' },
  LAST_ADMIN: { status: 409, message: "Impossible : ce compte est le dernier administrateur de la plateforme." },
});

/**
 * The name a deleted account keeps, so that the posts, notes and sessions it leaves read
 * « Membre supprimé » on every page, e-mail and PDF without each module knowing about deletion.
 */
export const deletedMember = { firstName: 'Membre', lastName: 'supprimé' } as const;
export const deletedMemberName = `${deletedMember.firstName} ${deletedMember.lastName}`;
/** « dans 1 minute », « dans 12 minutes »: the wait, rounded up to the minute. */
const inMinutes = (seconds: number) => {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return `dans ${m} minute${m > 1 ? 's' : ''}`;
};

/** The messages of a refused login, saying when to try again (the registry holds the usual case). */
export const loginRefusalMessages = {
  LOGIN_LOCKED: (seconds: number) => `Trop de tentatives de connexion infructueuses depuis cette adresse. Réessayez ${inMinutes(seconds)}, ou réinitialisez votre mot de passe.`,
  LOGIN_SLOWED: (seconds: number) =>
    `De nombreuses tentatives de connexion ont visé ce compte : par précaution, il accepte une tentative par minute. Réessayez ${inMinutes(seconds)}.`,
};

export const accountMails = {
  verify(input: { firstName: string; url: string }) {
    return {
      subject: 'Confirmez votre adresse e-mail sur Entraide',
      ...layoutMail({
        title: `Bienvenue sur Entraide, ${input.firstName}`,
        paragraphs: [
          'Pour activer votre compte, confirmez votre adresse e-mail. Ce lien est valable 48 heures.',
          "Si vous n'avez pas créé de compte sur Entraide, ignorez ce message.",
        ],
        action: { label: 'Confirmer mon adresse', url: input.url },
      }),
    };
  },
  reset(input: { firstName: string; url: string }) {
    return {
      subject: 'Réinitialisation de votre mot de passe Entraide',
      ...layoutMail({
        title: 'Choisissez un nouveau mot de passe',
        paragraphs: [
          `Bonjour ${input.firstName}, une réinitialisation de mot de passe a été demandée pour votre compte. Ce lien est valable 1 heure et ne sert qu'une fois.`,
          "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.",
        ],
        action: { label: 'Choisir un nouveau mot de passe', url: input.url },
      }),
    };
  },
  passwordChanged(input: { firstName: string }) {
    return {
      subject: 'Votre mot de passe Entraide a été modifié',
      ...layoutMail({
        title: 'Mot de passe modifié',
        paragraphs: [
          `Bonjour ${input.firstName}, le mot de passe de votre compte vient d'être modifié et vos autres sessions ont été fermées.`,
          "Si vous n'êtes pas à l'origine de ce changement, réinitialisez votre mot de passe immédiatement et prévenez l'équipe d'animation.",
        ],
      }),
    };
  },
};

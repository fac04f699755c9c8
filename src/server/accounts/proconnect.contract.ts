import { z } from 'zod';

/**
 * Every refusal of a ProConnect sign-in, with its French message: the server registers them as
 * failures, the log-in page shows the one named in its address (`/connexion?proconnect=CODE`).
 */
export const proconnectRefusals = {
  PROCONNECT_NOT_CONFIGURED: "La connexion avec ProConnect n'est pas proposée sur cette plateforme. Connectez-vous avec votre adresse e-mail et votre mot de passe.",
  PROCONNECT_UNAVAILABLE: 'ProConnect ne répond pas pour le moment. Réessayez dans quelques minutes, ou connectez-vous avec votre adresse e-mail et votre mot de passe.',
  PROCONNECT_STATE: "Cette tentative de connexion avec ProConnect n'est plus valable (page trop ancienne, déjà utilisée ou ouverte dans un autre navigateur). Recommencez depuis le bouton « S'identifier avec ProConnect ».",
  PROCONNECT_NONCE: "La réponse de ProConnect ne correspond pas à la demande de connexion de ce navigateur : par sécurité, elle est refusée. Recommencez depuis le bouton « S'identifier avec ProConnect ».",
  PROCONNECT_CODE: "Le code de connexion transmis par ProConnect a expiré ou a déjà servi. Recommencez depuis le bouton « S'identifier avec ProConnect ».",
  PROCONNECT_INVALID_TOKEN: "L'identité transmise par ProConnect n'a pas pu être vérifiée (signature, émetteur ou destinataire incorrect) : par sécurité, la connexion est refusée. Recommencez, et contactez l'équipe d'animation si le problème persiste.",
  PROCONNECT_INVALID_USERINFO: "Les informations d'identité transmises par ProConnect n'ont pas pu être vérifiées (signature incorrecte) : par sécurité, la connexion est refusée. Recommencez, et contactez l'équipe d'animation si le problème persiste.",
  PROCONNECT_DENIED: "La connexion avec ProConnect a été interrompue ou refusée. Recommencez, ou connectez-vous avec votre adresse e-mail et votre mot de passe.",
  PROCONNECT_MISSING_CLAIMS: "ProConnect n'a pas transmis votre adresse e-mail ou le SIRET de votre organisation : la connexion ne peut pas aboutir. Connectez-vous avec votre adresse e-mail et votre mot de passe.",
  PROCONNECT_BAD_SIRET: "Le SIRET de votre organisation transmis par ProConnect n'est pas valide (14 chiffres et clé de contrôle) : la connexion est refusée. Signalez-le à votre fournisseur d'identité, ou connectez-vous avec votre adresse e-mail et votre mot de passe.",
  PROCONNECT_EMAIL_LINKED: "Cette adresse e-mail est déjà liée à une autre identité ProConnect : la connexion est refusée. Connectez-vous avec votre adresse e-mail et votre mot de passe, ou contactez l'équipe d'animation.",
  PROCONNECT_ACCOUNT_DISABLED: 'Ce compte est désactivé. Contactez l’équipe d’animation.',
  PROCONNECT_LINK_EXPIRED: "Cette demande de liaison avec ProConnect a expiré ou a déjà servi. Recommencez depuis le bouton « S'identifier avec ProConnect ».",
  PROCONNECT_EMAIL_LINK_INVALID: "Ce lien de confirmation n'est pas valide : vérifiez qu'il est complet, ou recommencez depuis le bouton « S'identifier avec ProConnect ». Rien n'a été modifié.",
  PROCONNECT_EMAIL_LINK_USED: "Ce lien de confirmation a déjà servi. Si votre identité ProConnect est liée, identifiez-vous avec ProConnect ; sinon recommencez depuis le bouton « S'identifier avec ProConnect ». Rien n'a été modifié.",
  PROCONNECT_EMAIL_LINK_EXPIRED: "Ce lien de confirmation a expiré (il est valable 30 minutes). Recommencez depuis le bouton « S'identifier avec ProConnect » pour en recevoir un nouveau. Rien n'a été modifié.",
  PROCONNECT_EMAIL_LINK_OTHER_BROWSER: "Ce lien de confirmation ne correspond pas à la connexion avec ProConnect en cours dans ce navigateur. Ouvrez-le dans le navigateur où vous vous êtes identifié avec ProConnect, ou recommencez depuis le bouton « S'identifier avec ProConnect ». Rien n'a été modifié.",
} as const;
export type ProConnectRefusal = keyof typeof proconnectRefusals;

export const proconnectStatus = z.object({ enabled: z.boolean() });

export const pendingLinkResponse = z.object({ email: z.string(), firstName: z.string() });

export const linkEmailResponse = z.object({ ok: z.literal(true), message: z.string() });

export const emailLinkBody = z.object({
  token: z.string({ error: 'Ce lien de confirmation est incomplet.' }).min(1, 'Ce lien de confirmation est incomplet.').max(200, 'Ce lien de confirmation n’est pas valide.'),
});

export const linkBody = z.object({
  password: z.string({ error: 'Saisissez le mot de passe de votre compte.' }).min(1, 'Saisissez le mot de passe de votre compte.').max(128),
});

import { registerFailures } from './failures.js';

// French copy of the quotas (platform/quotas.ts): what a member reads when one is reached.
const mb = (bytes: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024);

export const quotaMessages = {
  uploads: (max: number, when: string) =>
    `Vous avez déjà envoyé ${max} fichiers ou formulaires avec fichiers dans l'heure, le maximum par compte. Vous pourrez en envoyer de nouveau ${when} (heure de Paris).`,
  bytes: (maxBytes: number, usedBytes: number, when: string) =>
    `Cet envoi dépasserait le volume de ${mb(maxBytes)} Mo de fichiers par jour et par compte (${mb(usedBytes)} Mo déjà envoyés). Le compteur repart à zéro ${when} (heure de Paris).`,
  contact: (max: number, when: string) =>
    `Vous avez déjà envoyé ${max} messages à l'équipe d'animation dans l'heure, le maximum. Vous pourrez en envoyer de nouveau ${when} (heure de Paris) : votre message reste dans le formulaire.`,
  proconnectLinkEmail: (when: string) =>
    `Plusieurs liens de confirmation ont déjà été envoyés à cette adresse dans l'heure. Utilisez le dernier reçu, ou saisissez le mot de passe du compte ; vous pourrez demander un nouveau lien ${when} (heure de Paris).`,
  lengthRequired: "La taille de l'envoi n'est pas indiquée (en-tête Content-Length) : envoyez le formulaire depuis la page de la plateforme.",
};

registerFailures({
  STREAMS_PER_SESSION: {
    status: 429,
    message: 'Trop de pages en direct sont ouvertes dans ce navigateur. Fermez les onglets en trop, puis rechargez cette page.',
  },
  STREAMS_PER_ACCOUNT: {
    status: 429,
    message: 'Trop de pages en direct sont ouvertes avec votre compte (sur cet appareil ou un autre). Fermez celles qui ne servent plus, puis rechargez cette page.',
  },
});

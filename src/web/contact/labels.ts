// French copy of the contact form (issue 15, item 5). The subjects filled in by other pages' links too.
export const contactLabels = {
  title: "Contacter l'équipe d'animation",
  footerLink: 'Contact',
  lead: "Une question sur la plateforme, une organisation absente du référentiel, un changement d'adresse e-mail, un problème d'accès ? Écrivez à l'équipe d'animation : chacun de ses membres reçoit votre message, et vous en recevez une copie par e-mail.",
  name: 'Votre nom',
  email: 'Votre adresse e-mail',
  emailHint: "La réponse arrivera à cette adresse. Format attendu : prenom.nom@exemple.fr",
  subject: 'Objet',
  message: 'Votre message',
  messageHint: (max: string) => `${max} caractères au plus. Ne donnez pas de mot de passe ni d'information confidentielle.`,
  draftSaved: 'Votre message est gardé dans ce navigateur tant qu’il n’est pas envoyé.',
  submit: 'Envoyer le message',
  sending: 'Envoi…',
  sentTitle: 'Message envoyé',
  another: 'Écrire un autre message',
  subjects: {
    missingOrganisation: 'Organisation absente du référentiel',
    changeEmail: "Changer l'adresse e-mail de mon compte",
    error: 'Problème sur la plateforme',
    disabled: 'Compte désactivé',
  },
  /** Where « contactez l'équipe d'animation » becomes a link. */
  linkText: "écrivez à l'équipe d'animation",
  linkTextCapital: "Écrivez à l'équipe d'animation",
} as const;

import { registerFailures } from '../platform/failures.js';

// French copy of the SPASER builder on the server side: failures.
registerFailures({
  SPASER_NOT_FOUND: { status: 404, message: "Ce SPASER n'existe pas, ou vous n'y avez pas accès." },
  SPASER_EDIT_FORBIDDEN: {
    status: 403,
    message: 'Seuls les rédacteurs de ce SPASER le modifient : demandez à un rédacteur de vous ajouter.',
  },
  SPASER_ORGANISATION: { status: 403, message: 'Vous devez être membre vérifié de cette organisation pour écrire son SPASER.' },
  SPASER_SECTION_CONFLICT: {
    status: 409,
    message:
      "Cette partie a été modifiée par une autre personne pendant que vous écriviez. La version enregistrée est affichée à côté de la vôtre ; votre texte est conservé : reprenez ce qui manque puis enregistrez à nouveau.",
  },
  SPASER_BUYER_EXISTS: { status: 409, message: 'Cet acheteur fait déjà partie du schéma, ou y est déjà invité.' },
  SPASER_BUYER_NOT_INVITED: { status: 404, message: "Cet acheteur n'est pas invité à ce schéma." },
  SPASER_BUYER_JOIN_FORBIDDEN: { status: 403, message: "Seul un membre vérifié de l'acheteur invité peut accepter de rejoindre le schéma." },
  SPASER_BUYER_DECLINE_FORBIDDEN: { status: 403, message: "Seul un membre vérifié de l'acheteur invité peut décliner l'invitation." },
  SPASER_EDITOR_NOT_MEMBER: { status: 400, message: "Cette personne n'est membre vérifiée d'aucun acheteur du schéma." },
  SPASER_EDITOR_EXISTS: { status: 409, message: 'Cette personne est déjà rédactrice de ce SPASER.' },
  SPASER_EDITOR_NOT_FOUND: { status: 404, message: "Cette personne n'est pas rédactrice de ce SPASER." },
  SPASER_LAST_EDITOR: { status: 409, message: "Le schéma doit garder au moins un rédacteur : ajoutez-en un autre avant de retirer celui-ci." },
  SPASER_ALREADY_ADOPTED: { status: 409, message: 'Ce SPASER est déjà adopté.' },
  SPASER_NOT_ADOPTED: {
    status: 409,
    message: "Seul un SPASER adopté peut être publié : enregistrez d'abord la date et la référence de sa délibération ou de sa décision.",
  },
  SPASER_NOT_PUBLISHED: { status: 409, message: "Ce SPASER n'est pas publié : il n'y a rien à retirer." },
  SPASER_EXPORT_FORBIDDEN: {
    status: 403,
    message: 'Tant que ce SPASER n’est pas publié, seuls ses rédacteurs peuvent en télécharger le document.',
  },
  SPASER_FILE_UNAVAILABLE: { status: 503, message: 'Le document n’a pas pu être préparé cette fois-ci. Réessayez dans un instant.' },
  SPASER_NOT_PUBLIC: { status: 404, message: 'Aucun schéma publié ne correspond à cette adresse.' },
  SPASER_WITHDRAWN: { status: 410, message: 'Ce SPASER a été retiré de la publication par ses rédacteurs.' },
  SPASER_EVIDENCE_NOT_FOUND: { status: 404, message: "Ce fichier justificatif n'existe pas, ou vous n'y avez pas accès." },
  SPASER_EVIDENCE_IN_USE: {
    status: 409,
    message: 'Ce fichier justifie encore une valeur enregistrée : retirez-le de l’indicateur et enregistrez avant de le supprimer.',
  },
  // Versions (issue 19, item 1).
  SPASER_VERSION_NOT_FOUND: { status: 404, message: 'Cette version du SPASER n’existe pas, ou elle n’est pas publique.' },
  SPASER_VERSION_OTHER_SPASER: {
    status: 400,
    message: 'Ces deux versions n’appartiennent pas au même SPASER : on ne compare que deux versions d’un même schéma.',
  },
  SPASER_WORKING_VERSION_FORBIDDEN: { status: 403, message: 'Seuls les rédacteurs de ce SPASER voient sa version de travail.' },
  SPASER_NOT_REVISABLE: { status: 409, message: 'Seul un SPASER adopté ou publié peut être mis en révision.' },
  SPASER_ALREADY_IN_REVISION: { status: 409, message: 'Ce SPASER est déjà en révision.' },
  // Bilan des indicateurs (issue 19, item 2).
  SPASER_BILAN_NOT_PUBLIC: {
    status: 409,
    message: 'Le bilan se publie sous la page publique du schéma : publiez d’abord le SPASER adopté, puis son bilan.',
  },
  SPASER_BILAN_NONE: { status: 404, message: 'Aucun bilan des indicateurs n’a été publié pour ce schéma.' },
});

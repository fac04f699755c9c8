import { defaultExtractionLimits, type ExtractionProblem } from '../platform/extraction/limits.js';
import { registerFailures } from '../platform/failures.js';

// French copy of the library on the server side: failures and e-mails.
registerFailures({
  RESOURCE_NOT_FOUND: { status: 404, message: "Cette ressource n'existe pas, ou vous n'y avez pas accès." },
  FILE_NOT_FOUND: { status: 404, message: "Ce fichier n'existe pas, ou vous n'y avez pas accès." },
  COLLECTION_NOT_FOUND: { status: 404, message: "Cette collection n'existe pas." },
  FILE_TOO_LARGE: { status: 413, message: 'Un fichier dépasse la taille maximale autorisée : rien n’a été enregistré.' },
  FILE_TYPE_REFUSED: { status: 415, message: 'Un fichier n’est pas d’un type accepté (PDF, DOCX, XLSX ou ODT) : rien n’a été enregistré.' },
  FILE_TYPE_MISMATCH: { status: 415, message: 'Le contenu d’un fichier ne correspond pas à son extension : rien n’a été enregistré.' },
  TOO_MANY_FILES: { status: 400, message: 'Trop de fichiers joints : rien n’a été enregistré.' },
  UPLOAD_MALFORMED: { status: 400, message: 'Le formulaire envoyé est incomplet ou mal formé : rien n’a été enregistré.' },
  AUDIENCE_UNKNOWN: { status: 400, message: "L'espace privé ou le groupe choisi n'existe pas." },
  PROPOSAL_AUDIENCE: { status: 403, message: 'Une ressource proposée par un membre est destinée à tous ou aux membres vérifiés ; l’équipe d’animation peut ensuite la réserver à un espace ou un groupe.' },
  NOT_A_PROPOSAL: { status: 409, message: 'Cette ressource a déjà été relue.' },
  RESOURCE_SOURCE_EXISTS: { status: 409, message: 'Cette ressource a déjà été créée.' },
  UNKNOWN_RESOURCES: { status: 400, message: "Une des ressources choisies n'existe pas." },
});

/** Why a file's text could not be read (status « illisible »), one sentence per problem. */
const extractionReasons: Record<ExtractionProblem, string> = {
  damaged: 'Le fichier est abîmé, protégé ou ne contient pas de texte lisible (document scanné).',
  zip_entries: `Le document contient trop d'éléments (plus de ${defaultExtractionLimits.zipMaxEntries}) : il n'a pas été ouvert.`,
  zip_uncompressed: `Une fois décompressé, le document dépasserait ${defaultExtractionLimits.zipMaxUncompressedBytes / 2 ** 20} Mo : il n'a pas été ouvert.`,
  zip_inconsistent: "Le document se décompresse en plus de données qu'il n'en annonce : il n'a pas été ouvert.",
  timeout: `La lecture du texte a dépassé ${defaultExtractionLimits.timeoutMs / 1000} secondes et a été arrêtée.`,
  memory: `La lecture du texte demandait plus de ${defaultExtractionLimits.maxMemoryMb} Mo de mémoire et a été arrêtée.`,
  crashed: 'La lecture du texte a échoué de façon inattendue.',
  missing: 'Le fichier est introuvable dans le stockage.',
  interrupted: 'La lecture du texte a été abandonnée après plusieurs interruptions du serveur.',
};

/** The French reason of an `unreadable` file (null for any other status). */
export const extractionReason = (status: string, problem: ExtractionProblem | null): string | null =>
  status === 'unreadable' ? extractionReasons[problem ?? 'damaged'] : null;

export const libraryMail = {
  approvedSubject: (title: string) => `Votre ressource « ${title} » est publiée`,
  approvedIntro: (title: string) => `L'équipe d'animation a relu et publié la ressource « ${title} » que vous avez proposée. Merci pour ce partage !`,
  rejectedSubject: (title: string) => `Votre proposition « ${title} » n'a pas été retenue`,
  rejectedIntro: (title: string) => `L'équipe d'animation a relu la ressource « ${title} » que vous avez proposée et ne l'a pas publiée.`,
  messageIntro: "Message de l'équipe d'animation :",
  action: 'Voir la ressource',
  proposedSubject: (title: string) => `Ressource proposée à relire : « ${title} »`,
  proposedIntro: (title: string) => `Un membre propose la ressource « ${title} » pour la bibliothèque. Relisez-la pour la publier ou la refuser.`,
  reviewAction: 'Ouvrir la file de relecture',
  fileTooLarge: (name: string, maxMb: number) => `« ${name} » dépasse la taille maximale de ${maxMb} Mo.`,
  fileRefused: (name: string) => `« ${name} » n'est pas un PDF, un document Word (DOCX), un tableur Excel (XLSX) ou un document OpenDocument (ODT).`,
  fileMismatch: (name: string, actual: string) => `« ${name} » est en réalité un fichier ${actual.toUpperCase()} : renommez-le avec la bonne extension.`,
  tooManyFiles: (max: number) => `${max} fichiers au plus.`,
  fileNotAttached: "Un des fichiers à retirer n'est pas (ou plus) joint à cette ressource.",
  noData: 'Les informations de la ressource manquent.',
  notJson: 'Les informations de la ressource sont illisibles.',
};

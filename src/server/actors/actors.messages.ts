import { registerFailures } from '../platform/failures.js';
import { layoutMail } from '../platform/mail.js';

// French copy of the actors directory's answers and e-mails (issue 20).

registerFailures({
  ACTOR_NOT_FOUND: { status: 404, message: 'Cet acteur n’existe pas ou n’est plus dans l’annuaire.' },
  ACTOR_ARCHIVED: { status: 409, message: 'Cet acteur est archivé : rétablissez-le avant de le modifier.' },
  CORRECTION_NOT_FOUND: { status: 404, message: 'Cette proposition de correction n’existe pas.' },
  CORRECTION_DECIDED: { status: 409, message: 'Cette proposition a déjà reçu une réponse.' },
  CORRECTION_EMPTY: { status: 400, message: 'Votre proposition ne change rien à la fiche : modifiez au moins un champ.' },
});

const fieldNames: Record<string, string> = {
  name: 'nom',
  kind: 'type',
  national: 'portée nationale',
  regionCodes: 'régions',
  themes: 'thèmes',
  description: 'description',
  website: 'site web',
  contact: 'contact',
  sources: 'sources',
};
export const fieldList = (fields: string[]) => fields.map((f) => fieldNames[f] ?? f).join(', ');

export const actorMails = {
  /** To each facilitator: a member proposes a correction. */
  correctionProposed(input: { actor: string; proposer: string; comment: string; changed: string[]; url: string }) {
    return {
      subject: `Correction proposée pour l’acteur « ${input.actor} »`,
      ...layoutMail({
        title: 'Une correction est proposée dans l’annuaire des acteurs',
        paragraphs: [
          `${input.proposer} propose de corriger la fiche « ${input.actor} » (${fieldList(input.changed)}).`,
          ...input.comment.split(/\r?\n\s*\r?\n/),
          'Acceptez-la ou refusez-la depuis la fiche de l’acteur : la personne sera prévenue par e-mail.',
        ],
        action: { label: 'Voir la proposition', url: input.url },
      }),
    };
  },
  /** To the member who proposed it: the facilitators' answer. */
  correctionDecided(input: { actor: string; accepted: boolean; note: string | null; url: string }) {
    return {
      subject: input.accepted ? `Votre correction de « ${input.actor} » est acceptée` : `Votre correction de « ${input.actor} » n’est pas retenue`,
      ...layoutMail({
        title: input.accepted ? 'Votre correction est acceptée' : 'Votre correction n’est pas retenue',
        paragraphs: [
          input.accepted
            ? `Merci : l’équipe d’animation a appliqué votre correction à la fiche « ${input.actor} » de l’annuaire des acteurs.`
            : `L’équipe d’animation n’a pas retenu votre correction de la fiche « ${input.actor} ».`,
          ...(input.note ? [`Sa réponse : ${input.note}`] : []),
        ],
        action: { label: 'Voir la fiche', url: input.url },
      }),
    };
  },
};

import { registerFailures } from '../../platform/failures.js';
import { spaserStatusLabels, type SpaserStatusKey } from '../../spaser/spaser-status.contract.js';
import { spaserStageLabels, type SpaserStage } from '../cohorts.contract.js';

// French copy of the décollage cards and the participants' follow-up on the server side: failures,
// the « qui a besoin d'aide » reasons, the suggested message, the CSV and the nudge notification.
registerFailures({
  CARD_PARTICIPANTS_ONLY: { status: 403, message: "Seuls les participants de la promotion remplissent une carte d'identité." },
  FOLLOW_UP_FORBIDDEN: {
    status: 403,
    message: "Le suivi des participants est réservé à l'équipe d'animation de la promotion : chaque participant voit sa propre carte et le trombinoscope, pas le suivi des autres.",
  },
  FOLLOW_UP_ROWS_FORBIDDEN: {
    status: 403,
    message: "Le suivi individuel est réservé à l'équipe d'animation de la promotion ; les parrains et marraines en voient la synthèse.",
  },
  NUDGE_NOT_PARTICIPANT: { status: 404, message: 'Cette personne ne participe pas à cette promotion.' },
  NUDGE_TOO_SOON: { status: 409, message: 'Un message a déjà été envoyé à cette personne il y a moins de 24 heures : un seul message par participant et par jour.' },
});

const day = (d: Date) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(d);
const dayTime = (d: Date) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(d);

export const followUpText = {
  reasons: {
    noActivity: (days: number, since: Date | null) =>
      since ? `Aucune activité depuis ${days} jours (dernière le ${day(since)}).` : `Aucune activité depuis son arrivée, il y a ${days} jours.`,
    checklistStuckBuilder: (met: number, applicable: number, weeks: number) =>
      `Checklist bloquée : schéma en cours (${met} exigences légales sur ${applicable}) sans modification depuis ${weeks} semaines.`,
    checklistStuckDeclared: (stage: SpaserStage, weeks: number) =>
      `Checklist bloquée : aucun schéma rédigé sur la plateforme et SPASER toujours « ${spaserStageLabels[stage]} » après ${weeks} semaines de promotion.`,
    missedSessions: (absent: number) => `Absent ou absente à ${absent} séances.`,
  },
  /** The message a facilitator starts from: kind, addressed to one person, editable before sending. */
  suggestedMessage(input: { firstName: string; cohortName: string; rules: ('no_activity' | 'checklist_stuck' | 'missed_sessions')[]; facilitatorName: string }) {
    const lines = [`Bonjour ${input.firstName},`];
    if (input.rules.includes('missed_sessions')) lines.push(`Nous ne vous avons pas vu aux dernières séances de la promotion ${input.cohortName}.`);
    else if (input.rules.includes('no_activity')) lines.push(`Nous n'avons pas eu de vos nouvelles depuis quelque temps dans la promotion ${input.cohortName}.`);
    if (input.rules.includes('checklist_stuck')) lines.push('Où en est votre SPASER ? Si quelque chose bloque, nous pouvons en parler ensemble ou poser la question aux autres participants dans l’espace privé.');
    if (!input.rules.length) lines.push(`Un petit mot pour savoir comment se passe la promotion ${input.cohortName} pour vous.`);
    lines.push('Dites-moi quand un échange de quelques minutes vous conviendrait.', `Bien à vous,\n${input.facilitatorName}`);
    return lines.join('\n\n');
  },
  nextNudge: (at: Date) => `Un message a déjà été envoyé il y a moins de 24 heures : prochain envoi possible le ${dayTime(at)} (heure de Paris).`,
  csvHeader: [
    'Nom',
    'Prénom',
    'Organisation',
    'Statut du SPASER',
    'Vérification légale (exigences remplies)',
    'Vérification légale (exigences applicables)',
    'Étape déclarée',
    'Séances : présent',
    'Séances : absent',
    'Séances notées',
    'Questions posées',
    'Réponses données',
    'Co-développement : client',
    'Co-développement : consultant',
    'Questionnaires remplis',
    'Carte remplie',
    'Dernière activité',
    'Dernier message',
    "Besoin d'aide",
  ],
  yes: 'oui',
  no: 'non',
  status: (s: SpaserStatusKey) => spaserStatusLabels[s],
  stage: (s: SpaserStage) => spaserStageLabels[s],
  csvFilename: (edition: number) => `suivi-participants-edition-${edition}.csv`,
} as const;

export const nudgeText = {
  /** The notification's sentence: only its recipient ever reads it. */
  sentence: (actorName: string | null, cohortName: string, body: string) => {
    const quote = body.length > 280 ? `${body.slice(0, 279).trimEnd()}…` : body;
    return `${actorName ? `${actorName}, de l'équipe d'animation` : "L'équipe d'animation"} de la promotion « ${cohortName} », vous écrit : « ${quote} »`;
  },
} as const;

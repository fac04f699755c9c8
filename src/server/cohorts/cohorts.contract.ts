import { z } from 'zod';
import { spaserStatusKeys, spaserStatusLabels, type SpaserStatusKey } from '../spaser/spaser-status.contract.js';
import { isSingleLine, singleLineMessage, uuidParam } from '../../shared/fields.js';

// Requests and responses of the cohorts module (zod and shared fields only: the web app validates
// its forms with the same rules).

export const cohortStatusValues = ['candidatures_ouvertes', 'en_cours', 'terminee'] as const;
export const cohortRoleValues = ['sponsor', 'facilitator', 'participant'] as const;

const dateField = (what: string) =>
  z
    .string({ error: `Saisissez ${what}.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Saisissez ${what} au format AAAA-MM-JJ.`)
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), `${what[0]!.toUpperCase()}${what.slice(1)} n'existe pas.`);

export const cohortIdParams = z.object({ cohortId: uuidParam });
export const cohortMemberParams = z.object({ cohortId: uuidParam, userId: uuidParam });

export const cohortFields = {
  name: z
    .string({ error: 'Saisissez le nom de la promotion.' })
    .trim()
    .min(1, 'Saisissez le nom de la promotion.')
    .max(120, 'Le nom ne peut dépasser 120 caractères.')
    .refine(isSingleLine, singleLineMessage('Le nom de la promotion')),
  edition: z.coerce.number({ error: "Saisissez le numéro d'édition." }).int("Le numéro d'édition est un nombre entier.").min(1, "Le numéro d'édition commence à 1.").max(999, "Le numéro d'édition ne peut dépasser 999."),
  startsOn: dateField('la date de début'),
  endsOn: dateField('la date de fin'),
  capacity: z.coerce.number({ error: 'Saisissez la capacité.' }).int('La capacité est un nombre entier.').min(1, 'La capacité est d’au moins 1 participant.').max(500, 'La capacité ne peut dépasser 500 participants.'),
  description: z.string().trim().max(5000, 'La description ne peut dépasser 5 000 caractères.'),
  sponsorIds: z.array(uuidParam).max(10, '10 parrains ou marraines au plus.'),
  facilitatorIds: z.array(uuidParam).max(20, '20 animateurs au plus.'),
};

export const createCohortBody = z.object({
  ...cohortFields,
  description: cohortFields.description.default(''),
  sponsorIds: cohortFields.sponsorIds.default([]),
  facilitatorIds: cohortFields.facilitatorIds.default([]),
});

// Every field is optional and without default (zod 4 would apply a default inside .partial(), and a
// PATCH of the status alone would then empty the description and the sponsor list). The sponsor and
// facilitator lists, when given, replace the current ones.
export const updateCohortBody = z
  .object(cohortFields)
  .partial()
  .extend({ status: z.enum(cohortStatusValues, { error: 'Choisissez un statut de la liste.' }).optional() });

export const setMemberBody = z.object({
  role: z.enum(cohortRoleValues, { error: 'Choisissez un rôle : parrain ou marraine, animation, participant.' }),
  organisationId: uuidParam.nullable().optional(),
});

const person = z.object({ id: z.string(), firstName: z.string(), lastName: z.string() });

export const cohortMemberItem = z.object({
  userId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  role: z.enum(cohortRoleValues),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  organisationKind: z.string().nullable(),
});

export const cohortSummary = z.object({
  id: z.string(),
  name: z.string(),
  edition: z.number(),
  startsOn: z.string(),
  endsOn: z.string(),
  capacity: z.number(),
  description: z.string(),
  // The description without its Markdown marks, for cards.
  excerpt: z.string(),
  status: z.enum(cohortStatusValues),
  acceptedCount: z.number(),
  sponsors: z.array(person),
  facilitators: z.array(person),
  myRole: z.enum(cohortRoleValues).nullable(),
  can: z.object({ apply: z.boolean(), manage: z.boolean(), seeMembersPart: z.boolean() }),
});

export const cohortsResponse = z.object({ items: z.array(cohortSummary), can: z.object({ create: z.boolean() }) });

export const cohortDetail = cohortSummary.extend({
  // The description's Markdown rendered by the server (the help space's renderer).
  descriptionHtml: z.string(),
  // The statuses the cohort may move to, for its managers (empty for others).
  nextStatuses: z.array(z.enum(cohortStatusValues)),
  // The current user's application to this cohort, if any.
  myApplication: z
    .object({ id: z.string(), status: z.enum(['pending', 'accepted', 'refused', 'waitlisted']), decisionMessage: z.string(), createdAt: z.string() })
    .nullable(),
  // Only for members and staff (null otherwise).
  members: z.object({
    spaceId: z.string().nullable(),
    list: z.array(cohortMemberItem),
    // The member's secret iCalendar address (null for staff outside the cohort).
    calendarUrl: z.string().nullable(),
    // The cohort's resource collection: library resources reserved to its private space.
    resources: z.array(z.object({ id: z.string(), kind: z.string(), title: z.string(), summary: z.string() })),
  }).nullable(),
});

export const createdResponse = z.object({ id: z.string() });
export const okResponse = z.object({ ok: z.literal(true) });

// ---- Applications ----------------------------------------------------------------------------

export const spaserStageValues = ['pas_commence', 'reflexion', 'redaction', 'adopte_a_mettre_en_oeuvre', 'en_revision'] as const;
export type SpaserStage = (typeof spaserStageValues)[number];
/**
 * The applicant's own statement of where the SPASER stands, told in the platform's one vocabulary
 * (ADR 0025): each stage is one of the statuses, with the nuance the facilitators use to form groups.
 */
export const spaserStageStatus: Record<SpaserStage, SpaserStatusKey> = {
  pas_commence: 'none',
  reflexion: 'in_preparation',
  redaction: 'in_preparation',
  adopte_a_mettre_en_oeuvre: 'adopted',
  en_revision: 'in_revision',
};
const stageNuance: Record<SpaserStage, string | null> = {
  pas_commence: 'pas encore commencé',
  reflexion: 'réflexion (diagnostic, portage politique)',
  redaction: 'rédaction',
  adopte_a_mettre_en_oeuvre: 'à mettre en œuvre',
  en_revision: null,
};
export const spaserStageLabels = Object.fromEntries(
  spaserStageValues.map((v) => [v, stageNuance[v] ? `${spaserStatusLabels[spaserStageStatus[v]]} — ${stageNuance[v]}` : spaserStatusLabels[spaserStageStatus[v]]]),
) as Record<SpaserStage, string>;
export const applicationStatusValues = ['pending', 'accepted', 'refused', 'waitlisted'] as const;
export const applicationStatusLabels: Record<(typeof applicationStatusValues)[number], string> = {
  pending: 'En attente',
  accepted: 'Acceptée',
  refused: 'Refusée',
  waitlisted: "Sur liste d'attente",
};
export const decisionValues = ['accepted', 'refused', 'waitlisted'] as const;

const longText = (what: string, max: number) =>
  z
    .string({ error: `Indiquez ${what}.` })
    .trim()
    .min(1, `Indiquez ${what}.`)
    .max(max, `Ce texte ne peut dépasser ${String(max).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} caractères.`);

export const applyBody = z.object({
  organisationId: z
    .string({ error: 'Choisissez votre organisation.' })
    .min(1, 'Choisissez votre organisation.')
    .pipe(z.uuid({ error: 'Choisissez votre organisation dans la liste.' })),
  jobRole: longText('votre fonction', 150),
  spaserStage: z.enum(spaserStageValues, { error: 'Choisissez où en est le SPASER de votre organisation.' }),
  expectations: longText('ce que vous attendez de la promotion', 3000),
  availability: longText('vos disponibilités', 1000),
});

export const decideBody = z.object({
  decision: z.enum(decisionValues, { error: 'Choisissez une décision : accepter, refuser ou mettre en liste d’attente.' }),
  message: longText('le message envoyé au candidat', 3000),
});

export const applicationIdParams = z.object({ applicationId: uuidParam });

export const applicationItem = z.object({
  id: z.string(),
  applicant: z.object({ id: z.string(), firstName: z.string(), lastName: z.string(), email: z.string() }),
  /** The organisation's SPASER status, derived as everywhere (ADR 0025). */
  organisation: z.object({ id: z.string(), name: z.string(), kind: z.string(), spaserStatus: z.enum(spaserStatusKeys) }),
  jobRole: z.string(),
  /** What the applicant stated (their words, kept); shown with the same vocabulary through spaserStageStatus. */
  spaserStage: z.enum(spaserStageValues),
  expectations: z.string(),
  availability: z.string(),
  status: z.enum(applicationStatusValues),
  decisionMessage: z.string(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});

export const applicationsResponse = z.object({
  items: z.array(applicationItem),
  counts: z.object({ pending: z.number(), accepted: z.number(), refused: z.number(), waitlisted: z.number() }),
  capacity: z.number(),
});

// ---- Schedule ------------------------------------------------------------------------------

export const sessionParams = z.object({ cohortId: uuidParam, eventId: uuidParam });
export const feedParams = z.object({ cohortId: uuidParam, token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'Lien de calendrier invalide.') });

export const attendanceBody = z.object({
  entries: z
    .array(z.object({ userId: uuidParam, present: z.boolean({ error: 'Indiquez présent ou absent.' }) }), { error: 'La liste de présence est une liste.' })
    .min(1, 'Cochez au moins une personne.')
    .max(500),
});

const sessionItem = z.object({
  id: z.string(),
  kind: z.enum(['webinar', 'kickoff', 'workshop', 'codev', 'closing', 'office_hours']),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string().nullable(),
  online: z.boolean(),
  status: z.enum(['scheduled', 'cancelled']),
  attendance: z.object({ present: z.number().nullable(), absent: z.number().nullable(), mine: z.boolean().nullable() }),
  // A co-development session of one of the cohort's groups: its page in the codev module (null otherwise).
  codevSessionId: z.string().nullable(),
});
export const scheduleResponse = z.object({ upcoming: z.array(sessionItem), past: z.array(sessionItem), canManage: z.boolean() });

export const attendanceResponse = z.object({
  session: z.object({ id: z.string(), title: z.string(), kind: z.string(), startsAt: z.string(), endsAt: z.string() }),
  items: z.array(z.object({ userId: z.string(), firstName: z.string(), lastName: z.string(), role: z.enum(cohortRoleValues), organisationName: z.string().nullable(), present: z.boolean().nullable() })),
});
export const calendarUrlResponse = z.object({ calendarUrl: z.string() });

// ---- Evaluations ---------------------------------------------------------------------------

export const questionKindValues = ['single', 'multiple', 'scale', 'text'] as const;
export const questionKindLabels: Record<(typeof questionKindValues)[number], string> = {
  single: 'Choix unique',
  multiple: 'Choix multiples',
  scale: 'Échelle de 1 à 5',
  text: 'Texte libre',
};
// The same three as cohorts.tables.ts `surveyPhases` (this file is read by the web app, which never imports tables).
export const surveyPhaseValues = ['start', 'end', 'followup'] as const;
export const surveyPhaseLabels = { start: 'Questionnaire de début', end: 'Questionnaire de fin', followup: 'Questionnaire de suivi à six mois' } as const;
export const headlineKeyValues = ['more_able', 'publish_within_6_months'] as const;
export const headlineLabels: Record<(typeof headlineKeyValues)[number], string> = {
  more_able: 'se sentent plus capables de déployer un SPASER',
  publish_within_6_months: 'prévoient de publier un SPASER dans les six mois',
};
export const ANSWER_TEXT_MAX = 5000;

const parisDateTime = (what: string) =>
  z
    .string({ error: `Saisissez ${what}.` })
    .trim()
    .min(1, `Saisissez ${what}.`)
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, `Saisissez ${what} au format AAAA-MM-JJTHH:MM (heure de Paris).`);

export const questionInput = z
  .object({
    // The stored question being edited (absent for a new one): answers and headline figures follow it.
    id: z.uuid({ error: 'Question inconnue.' }).optional(),
    kind: z.enum(questionKindValues, { error: 'Choisissez le type de question.' }),
    label: z.string({ error: 'Saisissez la question.' }).trim().min(1, 'Saisissez la question.').max(500, 'Une question tient en 500 caractères.'),
    options: z.array(z.string().trim().max(200, 'Un choix tient en 200 caractères.')).max(20, '20 choix au plus.').default([]).transform((l) => l.filter((o) => o.length > 0)),
    required: z.boolean().default(true),
  })
  .superRefine((q, ctx) => {
    const withChoices = q.kind === 'single' || q.kind === 'multiple';
    if (withChoices && q.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Proposez au moins deux choix.' });
    if (withChoices && new Set(q.options).size !== q.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Deux choix sont identiques.' });
  });

export const surveyBody = z.object({
  phase: z.enum(surveyPhaseValues, { error: 'Choisissez : questionnaire de début, de fin ou de suivi à six mois.' }),
  title: z.string({ error: 'Saisissez le titre du questionnaire.' }).trim().min(1, 'Saisissez le titre du questionnaire.').max(150, 'Le titre ne peut dépasser 150 caractères.'),
  intro: z.string().trim().max(3000, "L'introduction ne peut dépasser 3 000 caractères.").default(''),
  opensAt: parisDateTime("la date d'ouverture"),
  closesAt: parisDateTime('la date de clôture'),
  questions: z.array(questionInput, { error: 'Ajoutez des questions.' }).min(1, 'Ajoutez au moins une question.').max(50, '50 questions au plus.'),
});
export type SurveyBody = z.output<typeof surveyBody>;

export const surveyIdParams = z.object({ surveyId: uuidParam });
export const headlineParams = z.object({ cohortId: uuidParam, headline: z.enum(headlineKeyValues, { error: 'Chiffre clé inconnu.' }) });

export const answerInput = z.object({
  choices: z.array(z.number().int()).max(20).optional(),
  scale: z.number().int().optional(),
  text: z.string().max(ANSWER_TEXT_MAX, `Une réponse tient en ${ANSWER_TEXT_MAX} caractères.`).optional(),
});
export const responseBody = z.object({ answers: z.record(z.uuid(), answerInput, { error: 'Les réponses sont incomplètes.' }) });

export const headlineBody = z.object({
  questionId: uuidParam,
  yesValues: z.array(z.number().int(), { error: 'Cochez les réponses qui comptent comme « oui ».' }).min(1, 'Cochez au moins une réponse qui compte comme « oui ».').max(20),
});

const questionOut = z.object({ id: z.string(), position: z.number(), kind: z.enum(questionKindValues), label: z.string(), options: z.array(z.string()), required: z.boolean() });
const answerOut = z.object({ questionId: z.string(), choices: z.array(z.number()), scale: z.number().nullable(), text: z.string().nullable() });

export const surveyState = z.enum(['a_venir', 'ouvert', 'clos']);
export const surveySummary = z.object({
  id: z.string(),
  phase: z.enum(surveyPhaseValues),
  title: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  state: surveyState,
  questionsCount: z.number(),
  answered: z.boolean(),
  // Managers only (null for members).
  respondents: z.number().nullable(),
});
export const surveysResponse = z.object({ items: z.array(surveySummary), canManage: z.boolean() });

export const surveyDetail = surveySummary.extend({
  cohortId: z.string(),
  cohortName: z.string(),
  intro: z.string(),
  opensAtParis: z.string(),
  closesAtParis: z.string(),
  questions: z.array(questionOut),
  myResponse: z.object({ submittedAt: z.string(), answers: z.array(answerOut) }).nullable(),
  // edit: wording fixes (managers); editStructure: questions, kinds, choices and dates too (until the first answer).
  can: z.object({ answer: z.boolean(), edit: z.boolean(), editStructure: z.boolean(), seeResults: z.boolean() }),
});

const aggregate = z.object({
  answered: z.number(),
  options: z.array(z.object({ label: z.string(), count: z.number(), share: z.number() })),
  mean: z.number().nullable(),
});
export const headlineFigure = z.object({
  key: z.enum(headlineKeyValues),
  label: z.string(),
  mapped: z.boolean(),
  questionId: z.string().nullable(),
  questionLabel: z.string().nullable(),
  surveyId: z.string().nullable(),
  yesValues: z.array(z.number()),
  yes: z.number(),
  of: z.number(),
  share: z.number().nullable(),
});
export const headlinesResponse = z.object({ items: z.array(headlineFigure) });

export const resultsResponse = z.object({
  survey: z.object({ id: z.string(), title: z.string(), phase: z.enum(surveyPhaseValues), state: surveyState, cohortId: z.string(), cohortName: z.string() }),
  invited: z.number(),
  respondents: z.number(),
  responseRate: z.number().nullable(),
  questions: z.array(
    questionOut.extend({
      result: aggregate,
      texts: z.array(z.string()),
      // The same question (same kind and wording) in the start survey, for the end survey.
      before: aggregate.nullable(),
    }),
  ),
  headlines: z.array(headlineFigure),
});

export const individualResponses = z.object({
  phase: z.enum(surveyPhaseValues),
  questions: z.array(questionOut),
  items: z.array(z.object({ userId: z.string(), firstName: z.string(), lastName: z.string(), organisationName: z.string().nullable(), submittedAt: z.string(), answers: z.array(answerOut) })),
});

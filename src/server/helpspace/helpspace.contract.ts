import { z } from 'zod';
import { themeKeys, uuidParam } from '../../shared/fields.js';

// Requests and responses of the help space (imports nothing but zod and shared fields: the web app
// validates its forms with the same rules).

export const TITLE_MIN = 10;
export const TITLE_MAX = 150;
export const BODY_MAX = 20_000;
export const TAGS_MAX = 5;
export const TAG_MAX = 30;

/** A tag after normalisation: lower case, words joined by '-', letters (accents allowed) and digits. */
export const TAG_PATTERN = /^[a-z0-9àâäçéèêëîïôöùûüÿœæ]+(?:-[a-z0-9àâäçéèêëîïôöùûüÿœæ]+)*$/;

/** Lower-cases, trims and joins words with '-': « Achats Responsables » → « achats-responsables ». */
export const normaliseTag = (raw: string): string =>
  raw.normalize('NFC').trim().toLowerCase().replace(/^#/, '').replace(/[\s_]+/g, '-');

export const tagsField = z
  .array(z.string({ error: 'Chaque étiquette est un texte.' }), { error: 'Les étiquettes sont une liste.' })
  .default([])
  .transform((tags) => [...new Set(tags.map(normaliseTag).filter((t) => t.length > 0))])
  .superRefine((tags, ctx) => {
    if (tags.length > TAGS_MAX) ctx.addIssue({ code: 'custom', message: `${TAGS_MAX} étiquettes au plus.` });
    for (const t of tags) {
      if (t.length > TAG_MAX) ctx.addIssue({ code: 'custom', message: `L'étiquette « ${t.slice(0, 40)} » dépasse ${TAG_MAX} caractères.` });
      else if (!TAG_PATTERN.test(t))
        ctx.addIssue({ code: 'custom', message: `Étiquette inconnue : « ${t} » (lettres, chiffres et tirets seulement).` });
    }
  });

export const titleField = z
  .string({ error: 'Saisissez le titre de la question.' })
  .trim()
  .min(1, 'Saisissez le titre de la question.')
  .min(TITLE_MIN, `Le titre doit comporter au moins ${TITLE_MIN} caractères : formulez votre question.`)
  .max(TITLE_MAX, `Le titre ne peut dépasser ${TITLE_MAX} caractères.`);

export const bodyField = (what: string) =>
  z
    .string({ error: `Saisissez ${what}.` })
    .trim()
    .min(1, `Saisissez ${what}.`)
    .max(BODY_MAX, `Le texte ne peut dépasser ${BODY_MAX} caractères.`);

export const themeField = z.enum(themeKeys, { error: 'Choisissez un thème de la liste.' });

export const spaceIdParams = z.object({ spaceId: uuidParam });
export const questionIdParams = z.object({ questionId: uuidParam });
export const postIdParams = z.object({ postId: uuidParam });
export const answerIdParams = z.object({ answerId: uuidParam });
export const memberParams = z.object({ spaceId: uuidParam, userId: uuidParam });

export const createSpaceBody = z.object({
  name: z.string({ error: "Saisissez le nom de l'espace." }).trim().min(1, "Saisissez le nom de l'espace.").max(120, 'Le nom ne peut dépasser 120 caractères.'),
  description: z.string().trim().max(1000, 'La description ne peut dépasser 1 000 caractères.').default(''),
  memberIds: z.array(uuidParam).max(500).default([]),
});

export const createQuestionBody = z.object({
  spaceId: uuidParam,
  title: titleField,
  body: bodyField('le détail de votre question'),
  theme: themeField,
  tags: tagsField,
});

export const editPostBody = z.object({
  // Questions only; ignored on answers and comments.
  title: titleField.optional(),
  body: bodyField('le texte'),
  tags: tagsField.optional(),
});

export const answerBody = z.object({ body: bodyField('votre réponse') });
export const commentBody = z.object({ body: bodyField('votre commentaire').pipe(z.string().max(2000, 'Un commentaire ne peut dépasser 2 000 caractères.')) });
export const reportBody = z.object({
  reason: z.string({ error: 'Indiquez la raison du signalement.' }).trim().min(1, 'Indiquez la raison du signalement.').max(1000, 'La raison ne peut dépasser 1 000 caractères.'),
});

export const moderationBody = z.object({
  action: z.enum(['hide', 'restore', 'lock', 'unlock', 'move', 'delete'], { error: 'Action de modération inconnue.' }),
  theme: themeField.optional(),
  reason: z.string().trim().max(1000, 'La raison ne peut dépasser 1 000 caractères.').default(''),
});

export const followBody = z.object({
  targetKind: z.enum(['question', 'theme', 'space'], { error: 'Choisissez ce que vous suivez : question, thème ou espace.' }),
  targetId: z.string().trim().min(1).max(64),
});

const boolString = z.enum(['true', 'false'], { error: 'Valeur attendue : true ou false.' });
export const organisationKindFilter = z.enum(
  ['commune', 'epci', 'departement', 'region', 'collectivite_statut_particulier', 'syndicat', 'etat', 'hopital', 'etablissement_public', 'bailleur_social', 'societe_economie_mixte', 'securite_sociale', 'statut_legal', 'autre'],
  { error: "Type d'organisation inconnu." },
);

export const listQuestionsQuery = z.object({
  spaceId: uuidParam.optional(),
  theme: themeField.optional(),
  tag: z.string().trim().max(TAG_MAX).transform(normaliseTag).optional(),
  solved: boolString.optional(),
  sort: z.enum(['recent', 'unanswered', 'votes'], { error: 'Tri inconnu : recent, unanswered ou votes.' }).default('recent').describe('unanswered: questions without a visible answer, newest first'),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});

export const searchQuery = z.object({
  q: z.string({ error: 'Saisissez des mots à chercher.' }).trim().min(1, 'Saisissez des mots à chercher.').max(200, 'La recherche ne peut dépasser 200 caractères.'),
  spaceId: uuidParam.optional(),
  theme: themeField.optional(),
  solved: boolString.optional(),
  organisationKind: organisationKindFilter.optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});

export const similarQuery = z.object({
  title: z.string().trim().max(TITLE_MAX).default(''),
  spaceId: uuidParam.optional(),
});

const author = z
  .object({
    id: z.string(),
    displayName: z.string(),
    organisationName: z.string().nullable(),
    // Whether the author's profile page is open to members (visible in the directory, verified).
    profile: z.boolean(),
  })
  .nullable()
  .describe('null when the reader may not see member names (visitors, unverified accounts)');

export const spaceSummary = z.object({
  id: z.string(),
  kind: z.enum(['community', 'private']),
  name: z.string(),
  description: z.string(),
  questionsCount: z.number(),
  can: z.object({ post: z.boolean(), manageMembers: z.boolean() }),
});
export const spacesResponse = z.object({ items: z.array(spaceSummary) });
export const spaceDetail = spaceSummary.extend({
  members: z.array(z.object({ id: z.string(), firstName: z.string(), lastName: z.string() })).describe('only for facilitators and members of a private space'),
  following: z.boolean(),
});

export const questionSummary = z.object({
  id: z.string(),
  spaceId: z.string(),
  title: z.string(),
  theme: z.string(),
  tags: z.array(z.string()),
  author,
  answersCount: z.number(),
  score: z.number(),
  solved: z.boolean(),
  locked: z.boolean(),
  createdAt: z.string(),
});
const cappedTotal = {
  total: z.number().describe('number of matching questions, counted up to a cap (see totalCapped)'),
  totalCapped: z.boolean().describe('true when more questions match than `total` (list: counted up to ten pages beyond the page shown; search: the 200 most recent matches, ranked)'),
};
export const questionsResponse = z.object({ items: z.array(questionSummary), ...cappedTotal, page: z.number(), pageSize: z.number() });

/** The help-space home: lists of questions as a forum's home shows them; `followed` is null for a visitor. */
export const homeResponse = z.object({
  latest: z.array(questionSummary),
  unanswered: z.array(questionSummary),
  useful: z.array(questionSummary),
  followed: z.array(questionSummary).nullable(),
});

export const searchHit = questionSummary.extend({
  rank: z.number(),
  excerptHtml: z.string().describe('escaped text with <mark> around matched words'),
});
export const searchResponse = z.object({ items: z.array(searchHit), ...cappedTotal, page: z.number(), pageSize: z.number() });
export const similarResponse = z.object({ items: z.array(z.object({ id: z.string(), title: z.string(), solved: z.boolean() })) });

const postCan = z.object({ edit: z.boolean(), delete: z.boolean(), vote: z.boolean(), report: z.boolean(), comment: z.boolean(), moderate: z.boolean() });
export const commentView = z.object({
  id: z.string(),
  author,
  bodyHtml: z.string(),
  body: z.string().describe('Markdown source, for the author editing it'),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  hidden: z.boolean(),
  can: postCan,
});
export const answerView = z.object({
  id: z.string(),
  author,
  body: z.string(),
  bodyHtml: z.string(),
  score: z.number(),
  voted: z.boolean(),
  useful: z.boolean(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  hidden: z.boolean(),
  comments: z.array(commentView),
  can: postCan.extend({ markUseful: z.boolean() }),
});
export const questionPage = questionSummary.extend({
  body: z.string(),
  bodyHtml: z.string(),
  voted: z.boolean(),
  following: z.boolean(),
  hidden: z.boolean(),
  editedAt: z.string().nullable(),
  space: z.object({ id: z.string(), kind: z.enum(['community', 'private']), name: z.string() }),
  comments: z.array(commentView),
  answers: z.array(answerView),
  can: postCan.extend({ answer: z.boolean(), follow: z.boolean() }),
});

export const createdResponse = z.object({ id: z.string() });
export const answerCreatedResponse = z.object({
  id: z.string(),
  notice: z.enum(['ALREADY_SOLVED']).nullable().describe('ALREADY_SOLVED: the question already had a useful answer'),
  noticeMessage: z.string().nullable(),
});
export const okResponse = z.object({ ok: z.literal(true) });
export const voteResponse = z.object({ score: z.number(), voted: z.boolean() });

export const revisionsResponse = z.object({
  items: z.array(z.object({ title: z.string().nullable(), body: z.string(), tags: z.array(z.string()), replacedAt: z.string() })),
});

export const reportQueueResponse = z.object({
  items: z
    .array(
      z.object({
        postId: z.string(),
        postKind: z.enum(['question', 'answer', 'comment']),
        questionId: z.string(),
        questionTitle: z.string(),
        excerpt: z.string(),
        postHidden: z.boolean(),
        reportersCount: z.number(),
        firstReportedAt: z.string(),
        reports: z
          .array(z.object({ id: z.string(), reason: z.string(), reporter: z.object({ id: z.string(), displayName: z.string() }), createdAt: z.string() }))
          .describe('every open report of the post, oldest first'),
      }),
    )
    .describe('one item per reported post, oldest first report first; a moderation action on the post closes all its reports'),
});
export const moderationLogResponse = z.object({
  items: z.array(z.object({ id: z.string(), postId: z.string(), action: z.string(), reason: z.string(), actor: z.string().nullable(), details: z.record(z.string(), z.unknown()), createdAt: z.string() })),
});
export const themesResponse = z.object({ items: z.array(z.object({ key: z.string(), label: z.string(), questionsCount: z.number(), following: z.boolean() })) });
export const followsResponse = z.object({ items: z.array(z.object({ targetKind: z.enum(['question', 'theme', 'space']), targetId: z.string() })) });

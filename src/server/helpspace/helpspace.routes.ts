import { z } from 'zod';
import type { Deps } from '../platform/context.js';
import { present } from '../platform/http.js';
import type { App } from '../platform/types.js';
import * as c from './helpspace.contract.js';
import './helpspace.messages.js';
import './helpspace.notifications.js';
import * as moderation from './moderation/moderation.service.js';
import * as posts from './posts/posts.service.js';
import * as search from './search/search.service.js';
import * as spaces from './spaces/spaces.service.js';
import './helpspace.personal-data.js';

const tags = ["Espace d'entraide"];
const modTags = ['Modération'];
const followParams = z.object({
  targetKind: z.enum(['question', 'theme', 'space'], { error: 'Choisissez ce que vous suivez : question, thème ou espace.' }),
  targetId: z.string().trim().min(1).max(64),
});

/**
 * The help space API. Reading is public (the community space only, see
 * docs/decisions/0007-help-space-visibility.md); posting needs a verified membership; finer rules
 * (private spaces, own posts, useful answers) are in helpspace.policy.ts.
 */
export function helpspaceRoutes(app: App, deps: Deps) {
  const user = (req: { auth: { user: import('../platform/auth.js').AuthUser | null } }) => req.auth.user;

  app.get('/api/help/spaces', {
    config: { access: 'public' },
    schema: { tags, summary: 'Espaces lisibles, avec leur nombre de questions', response: { 200: c.spacesResponse } },
  }, async (req) => spaces.listSpaces(deps, user(req)));

  app.post('/api/help/spaces', {
    config: { access: 'facilitator' },
    schema: { tags, summary: 'Créer un espace privé', body: c.createSpaceBody, response: { 201: c.createdResponse } },
  }, async (req, reply) => present(reply, await spaces.createPrivateSpace(deps, user(req)!, req.body), 201));

  app.get('/api/help/spaces/:spaceId', {
    config: { access: 'public' },
    schema: { tags, summary: 'Un espace', params: c.spaceIdParams, response: { 200: c.spaceDetail } },
  }, async (req, reply) => present(reply, await spaces.getSpace(deps, user(req), req.params.spaceId)));

  app.put('/api/help/spaces/:spaceId/members/:userId', {
    config: { access: 'facilitator' },
    schema: { tags, summary: "Ajouter un membre à un espace privé", params: c.memberParams, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await spaces.addSpaceMember(deps, user(req)!, req.params.spaceId, req.params.userId)));

  app.delete('/api/help/spaces/:spaceId/members/:userId', {
    config: { access: 'facilitator' },
    schema: { tags, summary: "Retirer un membre d'un espace privé", params: c.memberParams, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await spaces.removeSpaceMember(deps, req.params.spaceId, req.params.userId)));

  app.get('/api/help/spaces/:spaceId/export.csv', {
    config: { access: 'account' },
    schema: { tags, summary: "Export CSV des questions d'un espace", params: c.spaceIdParams },
  }, async (req, reply) => {
    const result = await search.exportSpaceCsv(deps, user(req), req.params.spaceId);
    if (!result.ok) return present(reply, result);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="questions.csv"')
      .send(result.value);
  });

  app.get('/api/help/themes', {
    config: { access: 'public' },
    schema: { tags, summary: 'Thèmes avec leur nombre de questions', response: { 200: c.themesResponse } },
  }, async (req) => spaces.listThemes(deps, user(req)));

  app.get('/api/help/home', {
    config: { access: 'public' },
    schema: { tags, summary: "Accueil de l'entraide : dernières questions, sans réponse, les plus utiles, questions suivies", response: { 200: c.homeResponse } },
  }, async (req) => search.home(deps, user(req)));

  app.get('/api/help/questions', {
    config: { access: 'public' },
    schema: { tags, summary: 'Questions (filtres : espace, thème, étiquette, résolues)', querystring: c.listQuestionsQuery, response: { 200: c.questionsResponse } },
  }, async (req, reply) => present(reply, await search.listQuestions(deps, user(req), req.query)));

  app.get('/api/help/questions/similar', {
    config: { access: 'public' },
    schema: { tags, summary: 'Questions proches du titre en cours de saisie', querystring: c.similarQuery, response: { 200: c.similarResponse } },
  }, async (req) => search.similar(deps, user(req), req.query));

  app.get('/api/help/search', {
    config: { access: 'public' },
    schema: { tags, summary: 'Recherche plein texte en français', querystring: c.searchQuery, response: { 200: c.searchResponse } },
  }, async (req, reply) => present(reply, await search.search(deps, user(req), req.query)));

  app.post('/api/help/questions', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Poser une question', body: c.createQuestionBody, response: { 201: c.createdResponse } },
  }, async (req, reply) => present(reply, await posts.createQuestion(deps, user(req)!, req.body), 201));

  app.get('/api/help/questions/:questionId', {
    config: { access: 'public' },
    schema: { tags, summary: 'Une question avec ses réponses et commentaires', params: c.questionIdParams, response: { 200: c.questionPage } },
  }, async (req, reply) => present(reply, await posts.questionPage(deps, user(req), req.params.questionId)));

  app.post('/api/help/questions/:questionId/answers', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Répondre à une question', params: c.questionIdParams, body: c.answerBody, response: { 201: c.answerCreatedResponse } },
  }, async (req, reply) => present(reply, await posts.createAnswer(deps, user(req)!, req.params.questionId, req.body.body), 201));

  app.post('/api/help/posts/:postId/comments', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Commenter une question ou une réponse', params: c.postIdParams, body: c.commentBody, response: { 201: c.createdResponse } },
  }, async (req, reply) => present(reply, await posts.createComment(deps, user(req)!, req.params.postId, req.body.body), 201));

  app.patch('/api/help/posts/:postId', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Modifier son message (la version précédente est conservée)', params: c.postIdParams, body: c.editPostBody, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await posts.editPost(deps, user(req)!, req.params.postId, req.body)));

  app.delete('/api/help/posts/:postId', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Supprimer son message', params: c.postIdParams, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await posts.deletePost(deps, user(req)!, req.params.postId)));

  app.get('/api/help/posts/:postId/revisions', {
    config: { access: 'public' },
    schema: { tags, summary: "Historique des modifications d'un message", params: c.postIdParams, response: { 200: c.revisionsResponse } },
  }, async (req, reply) => present(reply, await posts.revisions(deps, user(req), req.params.postId)));

  app.put('/api/help/posts/:postId/vote', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Voter pour un message', params: c.postIdParams, response: { 200: c.voteResponse } },
  }, async (req, reply) => present(reply, await posts.vote(deps, user(req)!, req.params.postId, true)));

  app.delete('/api/help/posts/:postId/vote', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Retirer son vote', params: c.postIdParams, response: { 200: c.voteResponse } },
  }, async (req, reply) => present(reply, await posts.vote(deps, user(req)!, req.params.postId, false)));

  app.put('/api/help/answers/:answerId/useful', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Marquer une réponse comme utile', params: c.answerIdParams, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await posts.markUseful(deps, user(req)!, req.params.answerId, true)));

  app.delete('/api/help/answers/:answerId/useful', {
    config: { access: 'verified' },
    schema: { tags, summary: "Retirer la marque « réponse utile »", params: c.answerIdParams, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await posts.markUseful(deps, user(req)!, req.params.answerId, false)));

  app.post('/api/help/posts/:postId/reports', {
    config: { access: 'verified' },
    schema: { tags, summary: 'Signaler un message', params: c.postIdParams, body: c.reportBody, response: { 201: c.okResponse } },
  }, async (req, reply) => present(reply, await moderation.reportPost(deps, user(req)!, req.params.postId, req.body.reason), 201));

  app.get('/api/help/follows', {
    config: { access: 'account' },
    schema: { tags, summary: 'Ce que je suis', response: { 200: c.followsResponse } },
  }, async (req) => spaces.listFollows(deps, user(req)!));

  app.put('/api/help/follows/:targetKind/:targetId', {
    config: { access: 'account' },
    schema: { tags, summary: 'Suivre une question, un thème ou un espace', params: followParams, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await spaces.followTarget(deps, user(req)!, req.params.targetKind, req.params.targetId, true)));

  app.delete('/api/help/follows/:targetKind/:targetId', {
    config: { access: 'account' },
    schema: { tags, summary: 'Ne plus suivre', params: followParams, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await spaces.followTarget(deps, user(req)!, req.params.targetKind, req.params.targetId, false)));

  app.get('/api/help/moderation/reports', {
    config: { access: 'facilitator' },
    schema: { tags: modTags, summary: 'Signalements à traiter', response: { 200: c.reportQueueResponse } },
  }, async () => moderation.reportQueue(deps));

  app.post('/api/help/moderation/posts/:postId', {
    config: { access: 'facilitator' },
    schema: { tags: modTags, summary: 'Masquer, rétablir, verrouiller, déplacer ou supprimer un message', params: c.postIdParams, body: c.moderationBody, response: { 200: c.okResponse } },
  }, async (req, reply) => present(reply, await moderation.moderate(deps, user(req)!, req.params.postId, req.body)));

  app.get('/api/help/moderation/log', {
    config: { access: 'facilitator' },
    schema: { tags: modTags, summary: 'Journal de modération', response: { 200: c.moderationLogResponse } },
  }, async () => moderation.moderationLog(deps));
}

/** Registers the help space's durable jobs (called by platform/jobs.register.ts registerJobs). */
export function registerHelpspaceJobs(deps: Deps) {
  posts.registerPostJobs(deps);
  moderation.registerModerationJobs(deps);
}

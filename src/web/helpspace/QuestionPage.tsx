import Alert from '@codegouvfr/react-dsfr/Alert';
import Badge from '@codegouvfr/react-dsfr/Badge';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import {
  answerBody,
  answerCreatedResponse,
  commentBody,
  createdResponse,
  editPostBody,
  okResponse,
  reportBody,
  revisionsResponse,
  voteResponse,
} from '../../server/helpspace/helpspace.contract';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api, isApiError } from '../platform/api';
import { useDraft } from '../platform/draft';
import { TextField } from '../platform/fields';
import { formatDateTime } from '../platform/format';
import { ErrorSummary, FocusedAlert, useFormErrors, DraftRestoredNotice } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { useSession } from '../platform/session';
import { helpKey, useQuestion, type AnswerData, type CommentData, type QuestionPageData } from './api';
import { MarkdownHelp, PostBody, SolvedBadge, splitTags, themeLabel } from './components';
import { helpLabels } from './labels';

const L = helpLabels.question;
const crumbs = [{ label: helpLabels.home.title, to: paths.helpHome() }];

type Announce = (message: string) => void;

export function QuestionPage() {
  const { id = '' } = useParams();
  const question = useQuestion(id);
  // One polite live region for the results of actions (votes, follow, useful…).
  const [announcement, setAnnouncement] = useState('');

  if (question.isPending) return <PageLoading title={L.loadingTitle} breadcrumb={crumbs} />;
  if (question.isError) {
    const notFound = isApiError(question.error) && question.error.status === 404;
    return (
      <Page title={notFound ? L.notFoundTitle : L.loadingTitle} breadcrumb={crumbs}>
        <Alert severity="error" small description={notFound ? L.notFoundText : question.error.message} />
      </Page>
    );
  }
  const q = question.data;
  const announce: Announce = setAnnouncement;

  return (
    <Page title={q.title} breadcrumb={[...crumbs, { label: q.space.name, to: paths.helpSpace(q.space.id) }]}>
      <p role="status" aria-live="polite" aria-atomic="true" className="fr-sr-only" data-testid="help-announcement">
        {announcement}
      </p>
      <p className="fr-mb-2w">
        <SolvedBadge solved={q.solved} />
        {q.locked && (
          <Badge as="span" small severity="warning" className="fr-mr-1w">
            {helpLabels.summary.locked}
          </Badge>
        )}
        <span className="fr-text--sm">
          {helpLabels.summary.theme} <Link to={paths.theme(q.theme)}>{themeLabel(q.theme)}</Link>
          {q.tags.length > 0 && ` · ${helpLabels.summary.tags} ${q.tags.map((t) => `#${t}`).join(' ')}`}
        </span>
      </p>
      {q.locked && <Alert severity="warning" small description={L.locked} className="fr-mb-2w" />}
      <Post post={q} kind="question" question={q} announce={announce} />

      <section aria-labelledby="answers-title" className="fr-mt-6w">
        <h2 id="answers-title">{L.answersTitle(q.answers.length)}</h2>
        {q.answers.map((a) => (
          <article key={a.id} className={`fr-mb-4w fr-pt-2w ${a.useful ? 'entraide-answer-useful' : ''}`} aria-label={a.useful ? L.usefulBadge : undefined}>
            {a.useful && (
              <Badge as="p" severity="success" className="fr-mb-1w">
                {L.usefulBadge}
              </Badge>
            )}
            <Post post={a} kind="answer" question={q} announce={announce} />
          </article>
        ))}
      </section>

      {q.can.answer ? (
        <AnswerForm q={q} announce={announce} />
      ) : (
        !q.locked && (
          <p className="fr-mt-4w">
            <Link to={paths.logIn(paths.helpQuestion(q.id))}>{L.answerLoginPrompt}</Link>
          </p>
        )
      )}
      <p className="fr-mt-4w">
        <Link to={paths.helpSpace(q.space.id)}>{L.backToSpace(q.space.name)}</Link>
      </p>
    </Page>
  );
}

type PostData = QuestionPageData | AnswerData | CommentData;

/** The author's name, linked to their profile when it is open to members (issue 20, item 3). */
function Author({ post }: { post: PostData }) {
  const a = post.author;
  if (!a) return <>{L.anonymous}</>;
  if (!a.profile) return <>{L.by(a.displayName, a.organisationName)}</>;
  return (
    <>
      <Link to={paths.member(a.id)}>{a.displayName}</Link>
      {a.organisationName && ` (${a.organisationName})`}
    </>
  );
}

/** A question, an answer or a comment: text, author, and the actions the API allows. */
function Post({ post, kind, question, announce }: { post: PostData; kind: 'question' | 'answer' | 'comment'; question: QuestionPageData; announce: Announce }) {
  const [mode, setMode] = useState<'view' | 'edit' | 'report' | 'revisions' | 'comment'>('view');
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: helpKey });
  const [error, setError] = useState('');
  const onError = (e: unknown) => setError(e instanceof Error ? e.message : platformLabels.unexpectedError);

  const vote = useMutation({
    mutationFn: (on: boolean) => (on ? api.put(`/api/help/posts/${post.id}/vote`, {}, voteResponse) : api.delete(`/api/help/posts/${post.id}/vote`, voteResponse)),
    onSuccess: async (r) => {
      setError('');
      announce(L.score(r.score));
      await refresh();
    },
    onError,
  });
  const follow = useMutation({
    mutationFn: (on: boolean) => (on ? api.put(`/api/help/follows/question/${post.id}`, {}, okResponse) : api.delete(`/api/help/follows/question/${post.id}`, okResponse)),
    onSuccess: async (_r, on) => {
      setError('');
      announce(on ? L.followDone : L.unfollowDone);
      await refresh();
    },
    onError,
  });
  const useful = useMutation({
    mutationFn: (on: boolean) => (on ? api.put(`/api/help/answers/${post.id}/useful`, {}, okResponse) : api.delete(`/api/help/answers/${post.id}/useful`, okResponse)),
    onSuccess: async (_r, on) => {
      setError('');
      announce(on ? L.usefulDone : L.unusefulDone);
      await refresh();
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/api/help/posts/${post.id}`, okResponse),
    onSuccess: async () => {
      announce(L.deleteDone);
      await refresh();
    },
    onError,
  });
  const moderate = useMutation({
    mutationFn: (action: 'hide' | 'restore' | 'lock' | 'unlock') => api.post(`/api/help/moderation/posts/${post.id}`, { action, reason: '' }, okResponse),
    onSuccess: async () => {
      announce(helpLabels.moderation.done);
      await refresh();
    },
    onError,
  });

  const hasVote = kind !== 'comment' && 'score' in post;
  const voted = 'voted' in post ? post.voted : false;
  const what = kind === 'question' ? L.thisQuestion : L.thisAnswer;

  return (
    <div className={kind === 'comment' ? 'fr-pl-3w fr-mb-2w' : 'fr-mb-2w'}>
      <p className="fr-text--sm fr-mb-1w">
        <strong><Author post={post} /></strong> — {formatDateTime(post.createdAt)}
        {post.editedAt && ` (${L.edited(formatDateTime(post.editedAt))})`}
      </p>
      {post.hidden && <Alert severity="warning" small description={L.hidden} className="fr-mb-1w" />}
      {mode === 'edit' ? (
        <EditForm post={post} kind={kind} question={question} onDone={() => { setMode('view'); announce(L.editDone); }} onCancel={() => setMode('view')} />
      ) : (
        <PostBody html={post.bodyHtml} />
      )}
      {error && <Alert severity="error" small description={error} className="fr-mb-1w" />}
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-mt-1w fr-btns-group--icon-left">
        {hasVote && (
          <li>
            <Button
              size="small"
              priority={voted ? 'primary' : 'secondary'}
              iconId="fr-icon-thumb-up-line"
              aria-pressed={voted}
              aria-label={L.voteLabel((post as AnswerData).score, what)}
              disabled={!post.can.vote || vote.isPending}
              onClick={() => vote.mutate(!voted)}
            >
              {L.vote((post as AnswerData).score)}
            </Button>
          </li>
        )}
        {kind === 'question' && question.can.follow && (
          <li>
            <Button size="small" priority="secondary" aria-pressed={question.following} disabled={follow.isPending} onClick={() => follow.mutate(!question.following)}>
              {L.follow}
            </Button>
          </li>
        )}
        {kind === 'answer' && (post as AnswerData).can.markUseful && (
          <li>
            <Button
              size="small"
              priority={(post as AnswerData).useful ? 'tertiary' : 'primary'}
              iconId="fr-icon-check-line"
              disabled={useful.isPending}
              onClick={() => useful.mutate(!(post as AnswerData).useful)}
            >
              {(post as AnswerData).useful ? L.unmarkUseful : L.markUseful}
            </Button>
          </li>
        )}
        {kind !== 'comment' && post.can.comment && (
          <li>
            <Button size="small" priority="tertiary" aria-expanded={mode === 'comment'} onClick={() => setMode(mode === 'comment' ? 'view' : 'comment')}>
              {L.comment}
            </Button>
          </li>
        )}
        {post.can.edit && mode !== 'edit' && (
          <li>
            <Button size="small" priority="tertiary" onClick={() => setMode('edit')}>
              {L.edit}
            </Button>
          </li>
        )}
        {post.can.delete && (
          <li>
            <Button size="small" priority="tertiary" disabled={remove.isPending} onClick={() => window.confirm(L.deleteConfirm) && remove.mutate()}>
              {L.delete}
            </Button>
          </li>
        )}
        {post.can.report && (
          <li>
            <Button size="small" priority="tertiary" aria-expanded={mode === 'report'} onClick={() => setMode(mode === 'report' ? 'view' : 'report')}>
              {L.report}
            </Button>
          </li>
        )}
        {post.editedAt && (
          <li>
            <Button size="small" priority="tertiary" aria-expanded={mode === 'revisions'} onClick={() => setMode(mode === 'revisions' ? 'view' : 'revisions')}>
              {L.revisions}
            </Button>
          </li>
        )}
        {post.can.moderate && (
          <li>
            <Button size="small" priority="tertiary" disabled={moderate.isPending} onClick={() => moderate.mutate(post.hidden ? 'restore' : 'hide')}>
              {post.hidden ? L.restore : L.hide}
            </Button>
          </li>
        )}
        {post.can.moderate && kind === 'question' && (
          <li>
            <Button size="small" priority="tertiary" disabled={moderate.isPending} onClick={() => moderate.mutate(question.locked ? 'unlock' : 'lock')}>
              {question.locked ? L.unlock : L.lock}
            </Button>
          </li>
        )}
      </ul>
      {mode === 'report' && <ReportForm postId={post.id} onDone={() => { setMode('view'); announce(L.reportDone); }} />}
      {mode === 'revisions' && <Revisions postId={post.id} />}
      {kind !== 'comment' && 'comments' in post && post.comments.length > 0 && (
        <div className="fr-ml-2w">
          <p className="fr-sr-only">{L.comments}</p>
          {post.comments.map((c) => (
            <Post key={c.id} post={c} kind="comment" question={question} announce={announce} />
          ))}
        </div>
      )}
      {mode === 'comment' && <CommentForm parentId={post.id} onDone={() => { setMode('view'); announce(L.commentDone); }} />}
    </div>
  );
}

function EditForm({ post, kind, question, onDone, onCancel }: { post: PostData; kind: string; question: QuestionPageData; onDone: () => void; onCancel: () => void }) {
  const isQuestion = kind === 'question';
  const [form, setForm] = useState({ title: isQuestion ? question.title : '', body: post.body, tags: isQuestion ? question.tags.join(', ') : '' });
  const errors = useFormErrors();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (body: unknown) => api.patch(`/api/help/posts/${post.id}`, body, okResponse),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: helpKey });
      onDone();
    },
    onError: errors.fail,
  });
  const fid = (n: string) => `edit-${post.id}-${n}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = isQuestion ? { title: form.title, body: form.body, tags: splitTags(form.tags) } : { body: form.body };
    const body = errors.validate(editPostBody, value);
    if (body) save.mutate(body);
  };
  return (
    <form onSubmit={submit} noValidate className="fr-mb-2w">
      <ErrorSummary
        feedback={errors.feedback}
        as="h3"
        fields={{ title: { label: L.editTitle, id: fid('title') }, body: { label: L.editBody, id: fid('body') }, tags: { label: L.editTags, id: fid('tags') } }}
      />
      {isQuestion && <TextField id={fid('title')} label={L.editTitle} value={form.title} onChange={(v) => setForm((f) => ({ ...f, title: v }))} error={errors.error('title')} maxLength={150} />}
      <TextField id={fid('body')} label={L.editBody} textArea rows={8} value={form.body} onChange={(v) => setForm((f) => ({ ...f, body: v }))} error={errors.error('body')} />
      {isQuestion && <TextField id={fid('tags')} label={L.editTags} optional value={form.tags} onChange={(v) => setForm((f) => ({ ...f, tags: v }))} error={errors.error('tags')} />}
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
        <li>
          <Button type="submit" disabled={save.isPending}>
            {L.editSave}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel}>
            {L.editCancel}
          </Button>
        </li>
      </ul>
    </form>
  );
}

function ReportForm({ postId, onDone }: { postId: string; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const errors = useFormErrors();
  const send = useMutation({ mutationFn: (body: unknown) => api.post(`/api/help/posts/${postId}/reports`, body, okResponse), onSuccess: onDone, onError: errors.fail });
  const id = `report-${postId}`;
  return (
    <form
      noValidate
      className="fr-mb-2w"
      onSubmit={(e) => {
        e.preventDefault();
        const body = errors.validate(reportBody, { reason });
        if (body) send.mutate(body);
      }}
    >
      <ErrorSummary feedback={errors.feedback} as="h3" fields={{ reason: { label: L.reportReason, id } }} />
      <TextField id={id} label={L.reportReason} hint={L.reportHint} textArea rows={3} value={reason} onChange={setReason} error={errors.error('reason')} maxLength={1000} />
      <Button type="submit" priority="secondary" disabled={send.isPending}>
        {L.reportSend}
      </Button>
    </form>
  );
}

function CommentForm({ parentId, onDone }: { parentId: string; onDone: () => void }) {
  const [body, setBody] = useState('');
  const errors = useFormErrors();
  const qc = useQueryClient();
  const send = useMutation({
    mutationFn: (b: unknown) => api.post(`/api/help/posts/${parentId}/comments`, b, createdResponse),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: helpKey });
      onDone();
    },
    onError: errors.fail,
  });
  const id = `comment-${parentId}`;
  return (
    <form
      noValidate
      className="fr-mb-2w fr-ml-2w"
      onSubmit={(e) => {
        e.preventDefault();
        const b = errors.validate(commentBody, { body });
        if (b) send.mutate(b);
      }}
    >
      <ErrorSummary feedback={errors.feedback} as="h3" fields={{ body: { label: L.commentLabel, id } }} />
      <TextField id={id} label={L.commentLabel} textArea rows={3} value={body} onChange={setBody} error={errors.error('body')} maxLength={2000} />
      <Button type="submit" priority="secondary" disabled={send.isPending}>
        {L.commentSend}
      </Button>
    </form>
  );
}

function Revisions({ postId }: { postId: string }) {
  const list = useQuery({ queryKey: [...helpKey, 'revisions', postId], queryFn: () => api.get(`/api/help/posts/${postId}/revisions`, revisionsResponse) });
  return (
    <div className="fr-mb-2w" role="region" aria-label={L.revisionsTitle} aria-live="polite">
      {list.isPending && <p className="fr-text--sm">{platformLabels.loading}</p>}
      {list.data && list.data.items.length === 0 && <p className="fr-text--sm">{L.noRevisions}</p>}
      {list.data && list.data.items.length > 0 && (
        <ol>
          {list.data.items.map((r) => (
            <li key={r.replacedAt} className="fr-mb-2w">
              <p className="fr-text--sm fr-mb-1w">
                <strong>{L.revisionReplaced(formatDateTime(r.replacedAt))}</strong>
                {r.title && ` — ${r.title}`}
              </p>
              <pre className="fr-text--sm" style={{ whiteSpace: 'pre-wrap' }}>
                {r.body}
              </pre>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function AnswerForm({ q, announce }: { q: QuestionPageData; announce: Announce }) {
  const { user } = useSession();
  // The answer is kept in this browser until it is published: nothing is lost on a network error.
  const draft = useDraft<string>(user ? `reponse.${user.id}.${q.id}` : null, '');
  const errors = useFormErrors();
  const qc = useQueryClient();
  const [notice, setNotice] = useState<{ key: number; text: string; solvedNotice: string | null } | null>(null);
  const send = useMutation({
    mutationFn: (b: unknown) => api.post(`/api/help/questions/${q.id}/answers`, b, answerCreatedResponse),
    onSuccess: async (r) => {
      draft.clearDraft();
      draft.setValue('');
      setNotice({ key: Date.now(), text: L.answerDone, solvedNotice: r.noticeMessage });
      announce(L.answerDone);
      await qc.invalidateQueries({ queryKey: helpKey });
    },
    onError: errors.fail,
  });
  const id = 'answer-body';
  return (
    <section aria-labelledby="answer-form-title" className="fr-mt-6w">
      <h2 id="answer-form-title">{L.answerTitle}</h2>
      {notice && <FocusedAlert severity={notice.solvedNotice ? 'info' : 'success'} as="h3" title={notice.text} description={notice.solvedNotice ?? undefined} focusKey={notice.key} />}
      {q.solved && !notice && <Alert severity="info" small className="fr-mb-2w" description={L.alreadySolvedHint} />}
      {draft.restored && (
        <DraftRestoredNotice onDiscard={draft.discard} className="fr-mb-2w" />
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const b = errors.validate(answerBody, { body: draft.value });
          if (b) send.mutate(b);
        }}
      >
        <ErrorSummary feedback={errors.feedback} as="h3" fields={{ body: { label: L.answerLabel, id } }} />
        <TextField id={id} label={L.answerLabel} textArea rows={8} value={draft.value} onChange={(v) => draft.setValue(v)} error={errors.error('body')} />
        <MarkdownHelp />
        <Button type="submit" disabled={send.isPending}>
          {L.answerSend}
        </Button>
      </form>
    </section>
  );
}

import Badge from '@codegouvfr/react-dsfr/Badge';
import Button from '@codegouvfr/react-dsfr/Button';
import Table from '@codegouvfr/react-dsfr/Table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { okResponse } from '../../server/accounts/accounts.contract';
import { createdId, myReviews, newThreadBody, replyBody, reviewState, type ReviewState, type ReviewThread } from '../../server/spaser/review.contract';
import type { SpaserDetail, SpaserSectionKey } from '../../server/spaser/spaser.contract';
import { paths } from '../paths';
import { api } from '../platform/api';
import { SelectField, TextField } from '../platform/fields';
import { ErrorSummary, FocusedAlert, useFormErrors } from '../platform/forms';
import { formatDate, formatDateTime } from '../platform/format';
import { platformLabels } from '../platform/labels';
import { spaserLabels } from './labels';

// The review of a schéma (issue 19, item 3): who reviews (editors invite and revoke), and a
// « Relecture » panel under each section (threads, reply, resolve or reopen, new comment).
const R = spaserLabels.review;

export const reviewKey = (id: string) => ['spaser-review', id] as const;
export const myReviewsKey = ['spaser-reviews'] as const;

export function useReview(spaserId: string) {
  return useQuery({ queryKey: reviewKey(spaserId), queryFn: () => api.get(`/api/spasers/${encodeURIComponent(spaserId)}/review`, reviewState) });
}

/** The reviewers of the schéma; editors invite a colleague or a facilitator, or revoke an invitation. */
export function Reviewers({ spaser, review }: { spaser: SpaserDetail; review: ReviewState }) {
  const qc = useQueryClient();
  const errors = useFormErrors();
  const [done, setDone] = useState<string | null>(null);
  const [candidate, setCandidate] = useState('');
  const refresh = (message: string) => {
    errors.clear();
    setDone(message);
    void qc.invalidateQueries({ queryKey: reviewKey(spaser.id) });
  };
  const onError = (e: unknown) => {
    setDone(null);
    errors.fail(e);
  };
  const invite = useMutation({
    mutationFn: (c: { userId: string; name: string }) => api.post(`/api/spasers/${spaser.id}/reviewers`, { userId: c.userId }, okResponse),
    onSuccess: (_r, c) => {
      setCandidate('');
      refresh(R.invited(c.name));
    },
    onError,
  });
  const revoke = useMutation({
    mutationFn: (c: { userId: string; name: string }) => api.delete(`/api/spasers/${spaser.id}/reviewers/${c.userId}`, okResponse),
    onSuccess: (_r, c) => refresh(R.revoked(c.name)),
    onError,
  });
  if (!review.canInvite) return null;
  return (
    <section id="relecture" aria-labelledby="relecture-titre" className="fr-mb-6w">
      <h2 id="relecture-titre">{R.title}</h2>
      <p className="fr-text--sm">{R.lead}</p>
      <ErrorSummary feedback={errors.feedback} fields={{ userId: { label: R.candidate, id: 'relecture-candidat' } }} as="h3" />
      {done && <FocusedAlert severity="success" title={done} as="h3" focusKey={done} />}
      <h3 className="fr-h6">{R.reviewers}</h3>
      {review.reviewers.length === 0 ? (
        <p className="fr-text--sm">{R.noReviewer}</p>
      ) : (
        <ul>
          {review.reviewers.map((r) => (
            <li key={r.userId} className="fr-mb-1w">
              {R.candidateOption(r.name, r.detail)}, {R.invitedOn(formatDate(r.invitedAt))}{' '}
              <Button type="button" priority="tertiary" size="small" disabled={revoke.isPending} onClick={() => revoke.mutate(r)}>
                {R.revoke(r.name)}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          const c = review.candidates.find((x) => x.userId === candidate);
          if (!c) errors.show(platformLabels.invalidFieldsTitle, { userId: R.chooseCandidate });
          else invite.mutate(c);
        }}
      >
        <h3 className="fr-h6">{R.inviteTitle}</h3>
        {review.candidates.length === 0 ? (
          <p className="fr-text--sm">{R.noCandidate}</p>
        ) : (
          <>
            <SelectField id="relecture-candidat" label={R.candidate} value={candidate} onChange={setCandidate} emptyOption="" options={review.candidates.map((c) => ({ value: c.userId, label: R.candidateOption(c.name, c.detail) }))} error={errors.error('userId')} />
            <Button type="submit" priority="secondary" disabled={invite.isPending}>
              {R.invite}
            </Button>
          </>
        )}
      </form>
    </section>
  );
}

type Filter = 'open' | 'resolved' | 'all';

/** The « Relecture » panel of one section: its threads (filtered), and a new comment. Editors and reviewers only. */
export function SectionReview({ spaserId, section }: { spaserId: string; section: SpaserSectionKey }) {
  const q = useReview(spaserId);
  const qc = useQueryClient();
  const errors = useFormErrors();
  const [filter, setFilter] = useState<Filter>('open');
  const [text, setText] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const sectionName = spaserLabels.builder.sections[section]!;
  const comment = useMutation({
    mutationFn: (body: { section: SpaserSectionKey; body: string }) => api.post(`/api/spasers/${spaserId}/review/threads`, body, createdId),
    onSuccess: () => {
      setText('');
      setFilter('open');
      errors.clear();
      setDone(R.sent);
      void qc.invalidateQueries({ queryKey: reviewKey(spaserId) });
    },
    onError: (e) => {
      setDone(null);
      errors.fail(e);
    },
  });
  if (!q.data?.canComment) return null;
  const threads = q.data.threads.filter((t) => t.section === section);
  const open = threads.filter((t) => !t.resolvedAt).length;
  const shown = threads.filter((t) => filter === 'all' || (filter === 'open' ? !t.resolvedAt : !!t.resolvedAt));
  const id = `relecture-${section}`;
  return (
    <div id={id} className="fr-mt-3w fr-p-3w entraide-spaser-review" role="region" aria-labelledby={`${id}-titre`}>
      <h3 id={`${id}-titre`} className="fr-h5">
        {R.sectionTitle(sectionName)}
      </h3>
      <p className="fr-text--sm">{R.counts(open, threads.length - open)}</p>
      <SelectField id={`${id}-filtre`} label={R.show} value={filter} onChange={(v) => setFilter(v as Filter)} options={(['open', 'resolved', 'all'] as const).map((f) => ({ value: f, label: R.filters[f]! }))} />
      {shown.length === 0 ? (
        <p className="fr-text--sm">{R.none[filter]}</p>
      ) : (
        <ol className="fr-raw-list">
          {shown.map((t) => (
            <li key={t.id} className="fr-mb-3w">
              <Thread spaserId={spaserId} thread={t} number={threads.indexOf(t) + 1} sectionName={sectionName} />
            </li>
          ))}
        </ol>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const body = errors.validate(newThreadBody, { section, body: text });
          if (body) comment.mutate(body);
        }}
      >
        <ErrorSummary feedback={errors.feedback} fields={{ body: { label: R.newComment(sectionName), id: `${id}-nouveau` } }} as="h4" />
        {done && <FocusedAlert severity="success" title={done} as="h4" focusKey={done} />}
        <TextField id={`${id}-nouveau`} label={R.newComment(sectionName)} hint={R.newCommentHint} textArea rows={3} value={text} onChange={setText} error={errors.error('body')} />
        <Button type="submit" disabled={comment.isPending}>
          {R.submit}
        </Button>
      </form>
    </div>
  );
}

function Thread({ spaserId, thread, number, sectionName }: { spaserId: string; thread: ReviewThread; number: number; sectionName: string }) {
  const qc = useQueryClient();
  const errors = useFormErrors();
  const [text, setText] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const refresh = (message: string) => {
    errors.clear();
    setDone(message);
    void qc.invalidateQueries({ queryKey: reviewKey(spaserId) });
    void qc.invalidateQueries({ queryKey: myReviewsKey });
  };
  const onError = (e: unknown) => {
    setDone(null);
    errors.fail(e);
  };
  const reply = useMutation({
    mutationFn: (body: { body: string }) => api.post(`/api/spasers/${spaserId}/review/threads/${thread.id}/replies`, body, createdId),
    onSuccess: () => {
      setText('');
      refresh(R.replied);
    },
    onError,
  });
  const status = useMutation({
    mutationFn: (resolved: boolean) => api.put(`/api/spasers/${spaserId}/review/threads/${thread.id}/status`, { resolved }, okResponse),
    onSuccess: (_r, resolved) => refresh(resolved ? R.resolvedDone : R.reopenedDone),
    onError,
  });
  const title = `${R.thread(number)} — ${sectionName}`;
  const replyId = `discussion-${thread.id}-reponse`;
  return (
    <article aria-label={title} className="entraide-spaser-thread">
      <p className="fr-mb-1w">
        <strong>{R.thread(number)}</strong>{' '}
        <Badge small noIcon severity={thread.resolvedAt ? 'success' : 'info'}>
          {thread.resolvedAt ? R.resolvedBadge : R.openBadge}
        </Badge>
      </p>
      <ul className="fr-raw-list">
        {thread.comments.map((c) => (
          <li key={c.id} className="fr-mb-2w">
            <p className="fr-text--sm fr-mb-1v">
              <strong>{c.authorName ?? R.deleted}</strong>
              {c.mine ? ` (${R.you})` : ''}, {R.at(formatDateTime(c.createdAt))}
            </p>
            <p className="fr-mb-0 entraide-pre-line">{c.body}</p>
          </li>
        ))}
      </ul>
      {thread.resolvedAt && <p className="fr-text--sm">{R.resolvedBy(thread.resolvedByName, formatDate(thread.resolvedAt))}</p>}
      <ErrorSummary feedback={errors.feedback} fields={{ body: { label: R.reply, id: replyId } }} as="h4" />
      {done && <FocusedAlert severity="success" title={done} as="h4" focusKey={done} />}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const body = errors.validate(replyBody, { body: text });
          if (body) reply.mutate(body);
        }}
      >
        <TextField id={replyId} label={R.reply} textArea rows={2} value={text} onChange={setText} error={errors.error('body')} />
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm fr-btns-group--icon-left">
          <li>
            <Button type="submit" priority="secondary" disabled={reply.isPending}>
              {R.replySubmit}
            </Button>
          </li>
          {thread.canResolve && (
            <li>
              <Button type="button" priority="tertiary" disabled={status.isPending} onClick={() => status.mutate(!thread.resolvedAt)}>
                {thread.resolvedAt ? R.reopen : R.resolve}
              </Button>
            </li>
          )}
        </ul>
      </form>
    </article>
  );
}

/** « Schémas à relire » on « Mes SPASER »: the schémas the person was invited to review. */
export function MyReviews() {
  const q = useQuery({ queryKey: myReviewsKey, queryFn: () => api.get('/api/spaser-reviews', myReviews) });
  if (!q.data?.items.length) return null;
  const M = R.mine;
  return (
    <section aria-labelledby="relectures-titre" className="fr-mb-6w">
      <h2 id="relectures-titre">{M.title}</h2>
      <Table
        caption={M.caption}
        headers={[M.colTitle, M.colLead, M.colOpen, M.colInvited]}
        data={q.data.items.map((s) => [
          <Link key={s.id} to={paths.spaser(s.id)}>
            {s.title}
          </Link>,
          s.lead,
          String(s.openThreads),
          formatDate(s.invitedAt),
        ])}
      />
    </section>
  );
}


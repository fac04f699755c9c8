import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { okResponse } from '../../server/codev/codev.contract';
import { Page, PageLoading } from '../layout/Page';
import { api, isApiError } from '../platform/api';
import { FocusedAlert } from '../platform/forms';
import { formatDateTime } from '../platform/format';
import { codevKey, useCodevSession, useSummary } from './api';
import { codevLabels } from './labels';
import { SessionError, sessionCrumbs } from './SessionPage';

const L = codevLabels.summary;
const S = codevLabels.sheet;

/** The summary sheet (fiche récapitulative) of an ended session, for its group only. */
export function SummaryPage() {
  const { id = '' } = useParams();
  const session = useCodevSession(id);
  const q = useSummary(id);
  const qc = useQueryClient();
  const approve = useMutation({
    mutationFn: () => api.post(`/api/codev/sessions/${id}/summary/approve`, {}, okResponse),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...codevKey, 'summary', id] }),
  });
  if (session.isPending || q.isPending) return <PageLoading title={L.title} />;
  if (session.isError) return <SessionError error={session.error} />;
  const crumbs = sessionCrumbs(session.data);
  if (q.isError)
    return (
      <Page title={L.title} breadcrumb={crumbs}>
        <Alert severity={isApiError(q.error) && q.error.status === 409 ? 'info' : 'error'} small description={q.error.message} />
      </Page>
    );
  const r = q.data;
  const c = r.content;
  return (
    <Page title={`${L.title} : ${c.title}`} documentTitle={L.title} breadcrumb={crumbs}>
      {approve.isSuccess && <FocusedAlert severity="success" title={L.approved} />}
      {approve.isError && <Alert severity="error" small description={approve.error.message} className="fr-mb-3w" />}
      <div className="fr-callout fr-mb-4w">
        <p className="fr-callout__text">
          {r.reviewRequired && !r.approvedAt ? (r.can.approve ? L.waiting : L.waitingOthers) : r.sentCount > 0 ? L.sent(r.sentCount, r.participantCount) : r.summaryDueAt ? L.dueAt(formatDateTime(r.summaryDueAt)) : ''}
        </p>
        {r.can.approve && (
          <Button onClick={() => approve.mutate()} disabled={approve.isPending}>
            {L.approve}
          </Button>
        )}
      </div>
      <p>
        <a className="fr-link fr-icon-download-line fr-link--icon-left" href={`/api/codev/sessions/${id}/summary.pdf`} download>
          {L.pdf}
        </a>
      </p>
      {r.resourceId && (
        <p>
          {/* The library's page (its web pages live on the library branch). */}
          <a className="fr-link" href={`/bibliotheque/ressources/${r.resourceId}`}>
            {L.library}
          </a>
        </p>
      )}
      <h2>{L.info}</h2>
      <dl className="entraide-facts">
        <dt>{S.date}</dt>
        <dd>{c.date}</dd>
        <dt>{S.cohort}</dt>
        <dd>{c.cohort}</dd>
        <dt>{S.group}</dt>
        <dd>{c.group}</dd>
        <dt>{S.facilitator}</dt>
        <dd>{c.facilitator}</dd>
        <dt>{S.caseOwner}</dt>
        <dd>{c.caseOwner}</dd>
        <dt>{S.participants}</dt>
        <dd>{c.participants.join(', ')}</dd>
      </dl>
      {c.steps.map((step) => (
        <section key={step.n} aria-labelledby={`sheet-step-${step.n}`}>
          <h2 id={`sheet-step-${step.n}`}>{step.label}</h2>
          {step.entries.length === 0 ? (
            <p className="fr-text--sm">{L.none}</p>
          ) : (
            step.entries.map((e, i) => (
              <blockquote key={i} className="fr-mb-2w">
                <p className="fr-text--bold fr-mb-1v">{e.author}</p>
                <p style={{ whiteSpace: 'pre-wrap' }}>{e.text}</p>
              </blockquote>
            ))
          )}
        </section>
      ))}
    </Page>
  );
}

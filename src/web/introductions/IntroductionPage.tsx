import Alert from '@codegouvfr/react-dsfr/Alert';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { introductionView } from '../../server/introductions/introductions.contract';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { FocusedAlert } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { AnswerButtons, doneMessage, introductionsKey, PeerEmail, RequestDates, StatusBadge } from './components';
import { introductionsLabels as AL } from './labels';

const L = AL.one;
const crumbs = [{ label: L.breadcrumb, to: paths.introductions() }];

/**
 * One request (`/mises-en-relation/:id`), what the e-mail's link opens (after log-in if needed): the
 * recipient accepts or declines here; once accepted, both find the other's address here.
 */
export function IntroductionPage() {
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: [...introductionsKey, 'one', id], queryFn: () => api.get(`/api/introductions/${encodeURIComponent(id)}`, introductionView), retry: false });
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string; key: number } | null>(null);
  if (q.isPending) return <PageLoading title={L.title} breadcrumb={crumbs} />;
  if (q.isError)
    return (
      <Page title={L.title} breadcrumb={crumbs}>
        <Alert severity="error" small description={q.error.message} />
      </Page>
    );
  const r = q.data;
  const name = `${r.peer.firstName} ${r.peer.lastName}`;
  return (
    <Page title={L.title} breadcrumb={crumbs} lead={r.direction === 'received' ? L.receivedLead(name) : L.sentLead(name)}>
      {notice && <FocusedAlert severity={notice.severity} title={notice.text} focusKey={notice.key} />}
      <p>
        <StatusBadge status={r.status} />
      </p>
      <RequestDates r={r} />
      <dl className="entraide-facts fr-mb-3w">
        <dt>{r.direction === 'received' ? L.from : L.to}</dt>
        <dd>
          <Link to={paths.member(r.peer.id)}>{name}</Link>
          {r.peer.jobTitle && <>, {r.peer.jobTitle}</>}
        </dd>
        {r.peer.organisations.length > 0 && (
          <>
            <dt>{AL.organisations}</dt>
            <dd>{r.peer.organisations.join(', ')}</dd>
          </>
        )}
      </dl>
      <section aria-labelledby="introduction-message" className="fr-mb-4w">
        <h2 id="introduction-message" className="fr-h4">
          {L.messageTitle}
        </h2>
        <blockquote className="entraide-pre-line">{r.message}</blockquote>
      </section>
      <section aria-labelledby="introduction-contact" className="fr-mb-4w">
        <h2 id="introduction-contact" className="fr-h4">
          {L.contactTitle}
        </h2>
        {r.peer.email ? <PeerEmail peer={r.peer} /> : <p>{L.noEmailYet}</p>}
        <AnswerButtons
          r={r}
          onDone={(a) => setNotice({ severity: 'success', text: doneMessage(a), key: Date.now() })}
          onError={(e) => setNotice({ severity: 'error', text: e instanceof Error ? e.message : platformLabels.unexpectedError, key: Date.now() })}
        />
      </section>
    </Page>
  );
}

import Alert from '@codegouvfr/react-dsfr/Alert';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { introductionsList, type IntroductionView } from '../../server/introductions/introductions.contract';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { FocusedAlert } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { AnswerButtons, doneMessage, introductionsKey, PeerEmail, PeerName, RequestDates, StatusBadge } from './components';
import { introductionsLabels as AL } from './labels';

const L = AL.list;

/** « Mes mises en relation » (issue 20, item 5): requests received and sent, answered from here. */
export function IntroductionsPage() {
  const q = useQuery({ queryKey: [...introductionsKey, 'list'], queryFn: () => api.get('/api/introductions', introductionsList) });
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string; key: number } | null>(null);
  if (q.isPending) return <PageLoading title={L.title} />;
  if (q.isError)
    return (
      <Page title={L.title}>
        <Alert severity="error" small description={q.error.message} />
      </Page>
    );
  const onDone = (a: Parameters<typeof doneMessage>[0]) => setNotice({ severity: 'success', text: doneMessage(a), key: Date.now() });
  const onError = (e: unknown) => setNotice({ severity: 'error', text: e instanceof Error ? e.message : platformLabels.unexpectedError, key: Date.now() });
  return (
    <Page title={L.title} lead={L.lead}>
      {notice && <FocusedAlert severity={notice.severity} title={notice.text} focusKey={notice.key} />}
      <Section id="introductions-received" title={L.received} empty={L.noneReceived} items={q.data.received} onDone={onDone} onError={onError} />
      <Section id="introductions-sent" title={L.sent} empty={L.noneSent} items={q.data.sent} onDone={onDone} onError={onError} />
      <p>
        {L.howTo} <Link to={paths.directory()}>{L.directory}</Link>
      </p>
    </Page>
  );
}

type SectionProps = { id: string; title: string; empty: string; items: IntroductionView[]; onDone: (a: 'accept' | 'decline' | 'withdraw') => void; onError: (e: unknown) => void };

function Section({ id, title, empty, items, onDone, onError }: SectionProps) {
  return (
    <section aria-labelledby={id} className="fr-mb-6w">
      <h2 id={id}>{title}</h2>
      {items.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul className="entraide-plain-list">
          {items.map((r) => (
            <li key={r.id}>
              <RequestCard r={r} onDone={onDone} onError={onError} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RequestCard({ r, onDone, onError }: { r: IntroductionView; onDone: SectionProps['onDone']; onError: SectionProps['onError'] }) {
  const heading = `introduction-${r.id}`;
  const name = `${r.peer.firstName} ${r.peer.lastName}`;
  return (
    <article className="fr-mb-4w">
      <h3 id={heading} className="fr-h5 fr-mb-1w">
        {(r.direction === 'sent' ? L.to : L.from)(name)} <StatusBadge status={r.status} />
      </h3>
      {r.peer.organisations.length > 0 && <p className="fr-mb-1w">{r.peer.organisations.join(', ')}</p>}
      <RequestDates r={r} />
      <p className="entraide-pre-line fr-mb-1w">{r.message}</p>
      <PeerEmail peer={r.peer} />
      <p className="fr-mb-0">
        <Link to={paths.introduction(r.id)} aria-describedby={heading}>
          {AL.actions.open}
        </Link>
        {' · '}
        <PeerName peer={r.peer} />
      </p>
      <AnswerButtons r={r} describedBy={heading} onDone={onDone} onError={onError} />
    </article>
  );
}

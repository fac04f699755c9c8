import Alert from '@codegouvfr/react-dsfr/Alert';
import Button from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { feedUrlResponse } from '../../server/events/events.contract';
import { Page, PageLoading } from '../layout/Page';
import { paths } from '../paths';
import { api } from '../platform/api';
import { FocusedAlert } from '../platform/forms';
import { platformLabels } from '../platform/labels';
import { eventsKey, useMyRegistrations, type EventSummary } from './api';
import { EventCard } from './components';
import { eventLabels } from './labels';

const L = eventLabels.mine;
const crumbs = [{ label: eventLabels.agenda.title, to: paths.agenda() }];

/** My registrations (places and waitlist) and the secret address of my calendar feed. */
export function MyRegistrationsPage() {
  const mine = useMyRegistrations();
  if (mine.isPending) return <PageLoading title={L.title} breadcrumb={crumbs} />;
  if (mine.isError)
    return (
      <Page title={L.title} breadcrumb={crumbs}>
        <Alert severity="error" small description={mine.error.message} />
      </Page>
    );
  const now = Date.now();
  const upcoming = mine.data.items.filter((e) => new Date(e.endsAt).getTime() > now);
  const past = mine.data.items.filter((e) => new Date(e.endsAt).getTime() <= now);
  return (
    <Page title={L.title} breadcrumb={crumbs} lead={L.lead}>
      {mine.data.items.length === 0 && (
        <p>
          {L.empty} <Link to={paths.agenda()}>{L.agenda}</Link>
        </p>
      )}
      <List id="mine-upcoming" title={L.upcomingTitle} items={upcoming} />
      <List id="mine-past" title={L.pastTitle} items={past} />
      <FeedSection feedUrl={mine.data.feedUrl} />
    </Page>
  );
}

function List({ id, title, items }: { id: string; title: string; items: EventSummary[] }) {
  if (!items.length) return null;
  return (
    <section aria-labelledby={id} className="fr-mb-6w">
      <h2 id={id}>{title}</h2>
      <ul className="entraide-plain-list">
        {items.map((e) => (
          <EventCard key={e.id} e={e} />
        ))}
      </ul>
    </section>
  );
}

function FeedSection({ feedUrl }: { feedUrl: string }) {
  const qc = useQueryClient();
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string; key: number } | null>(null);
  const renew = useMutation({
    mutationFn: () => api.post('/api/events/mine/feed-url', {}, feedUrlResponse),
    onSuccess: async () => {
      setNotice({ severity: 'success', text: L.regenerated, key: Date.now() });
      await qc.invalidateQueries({ queryKey: [...eventsKey, 'mine'] });
    },
    onError: (e) => setNotice({ severity: 'error', text: e instanceof Error ? e.message : platformLabels.unexpectedError, key: Date.now() }),
  });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(feedUrl);
      setNotice({ severity: 'success', text: L.copied, key: Date.now() });
    } catch {
      document.getElementById('my-feed-url')?.focus();
    }
  };
  return (
    <section aria-labelledby="mine-feed" className="fr-mb-6w">
      <h2 id="mine-feed">{L.feedTitle}</h2>
      <p>{L.feedText}</p>
      {notice && <FocusedAlert severity={notice.severity} as="h3" title={notice.text} focusKey={notice.key} />}
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="my-feed-url">
          {L.feedLabel}
        </label>
        <input className="fr-input" id="my-feed-url" readOnly value={feedUrl} onFocus={(e) => e.currentTarget.select()} />
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        <li>
          <Button type="button" priority="secondary" onClick={() => void copy()}>
            {L.copy}
          </Button>
        </li>
        <li>
          <Button type="button" priority="tertiary" onClick={() => renew.mutate()} disabled={renew.isPending}>
            {L.regenerate}
          </Button>
        </li>
      </ul>
    </section>
  );
}
